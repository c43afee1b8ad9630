"""Chips: Huawei Ascend and other Chinese accelerators against Nvidia's, China variants marked."""

import streamlit as st

from dashboard import filters, queries, tables, ui
from dashboard.charts import chips

shared = filters.current()
ui.page_header(
    "Chips: Ascend vs Nvidia",
    "Peak dense (no sparsity) tensor throughput, as the export rules count it. Open diamonds are parts "
    "made for China to fit under US rules. Huawei's 910B and 910C have no datasheet: their figures are "
    "estimates and sources disagree.",
)
vendors = queries.vendors_among(shared.companies)
if shared.companies and not vendors and not ui.embedded():
    st.caption("None of the chosen companies makes chips in this table, so all chips are shown.")

plottable = chips.plottable()
with ui.controls():
    attribute = (
        st.segmented_control(
            "Plot",
            list(plottable.index),
            default=plottable.index[0],
            key="plot",
            bind="query-params",
            format_func=lambda a: plottable.loc[a, "short_label"] if a in plottable.index else a,
        )
        or plottable.index[0]
    )
ui.show_chart(chips.by_release_date(attribute), shared)

with ui.on_request(
    "Compare chips side by side (chart and cited figures)", "compare_open", opened_by=["compare"]
) as shown:
    if shown:
        every_chip = queries.chips()
        names = dict(zip(every_chip["chip_id"], every_chip["name"], strict=True))
        picked = filters.bound_multiselect(
            st,
            "Chips to compare",
            list(names),
            "compare",
            format_func=lambda c: names.get(c, c),
            default=[c for c in chips.DEFAULT_COMPARISON if c in names],
        )
        if picked:
            ui.show_chart(chips.COMPARISON, shared.choose(compare=picked))
            tables.show(queries.chip_values(picked), tables.CHIP_FIGURES)

shown_chips = queries.chips(vendors, shared.years)
with ui.on_request(f"Specifications of the {len(shown_chips)} chips shown (table)", "specs_table") as shown:
    if shown:
        table = shown_chips.drop(columns=["label", "china_label", "estimate_label", "vendor_colour", "short_name"])
        ui.table(
            table,
            {
                "release_date": st.column_config.DateColumn("Released", format="YYYY-MM"),
                "fp16_tflops": st.column_config.NumberColumn("FP16 TFLOPS", format="%.0f"),
                "int8_tops": st.column_config.NumberColumn("INT8 TOPS", format="%.0f"),
                "memory_bw_gbs": st.column_config.NumberColumn("Mem. GB/s", format="%.0f"),
            },
        )
        ui.csv_download("Chip table (CSV)", table, ui.versioned("chips", "csv"))
