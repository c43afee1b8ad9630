"""Chips: Huawei Ascend and other Chinese accelerators against Nvidia's, China variants marked."""

import streamlit as st

from dashboard import charts, db, filters, transforms, ui

shared = filters.current()
st.title("Chips: Ascend vs Nvidia")
st.caption(
    "Peak dense (no sparsity) tensor throughput, as the export rules count it. Open diamonds are parts "
    "made for China to fit under US rules. Huawei's 910B and 910C have no datasheet: their figures are "
    "estimates and sources disagree."
)

vendors = db.vendors_among(shared.companies)
if shared.companies and not vendors:
    st.caption("None of the chosen companies makes chips in this table, so all chips are shown.")
all_chips = db.chips(vendors)
in_years = all_chips["release_date"].dt.year.between(*shared.years)
chips = all_chips[in_years | all_chips["release_date"].isna()].copy()
# Label the chips the story is about; the others are named on hover, so labels do not pile up.
LABELLED = {
    "nvidia-a100-sxm",
    "nvidia-h100-sxm",
    "nvidia-b200",
    "nvidia-a800-sxm",
    "nvidia-h800-sxm",
    "nvidia-h20",
    "nvidia-rtx-4090d",
    "huawei-ascend-910",
    "huawei-ascend-910b",
    "huawei-ascend-910c",
    "cambricon-mlu370-x8",
}
short_names = transforms.short_chip_name(chips["name"])
chips["label"] = short_names.where(chips["chip_id"].isin(LABELLED), "")
chips["china_label"] = chips["china_variant"].map({True: " · China variant", False: ""})
chips["estimate_label"] = chips["has_estimates"].map({True: " · includes estimates", False: ""})
markers = db.markers(shared.years, shared.marker_categories)
dated = chips.dropna(subset=["release_date"])
spec_sources = db.chip_specs(chips["chip_id"])

PLOTS = {
    "fp16_tflops": (
        "FP16 tensor TFLOPS (dense, log scale)",
        "chip-fp16-by-release-date",
        "Nvidia's China parts sit below its flagships; Huawei's Ascend closes part of the gap",
    ),
    "memory_bw_gbs": (
        "Memory bandwidth, GB/s (log scale)",
        "chip-memory-bandwidth-by-release-date",
        "Memory bandwidth: the H20 kept the H100's class of memory while its compute was cut",
    ),
    "int8_tops": (
        "INT8 TOPS (dense, log scale)",
        "chip-int8-by-release-date",
        "Integer throughput tells the same story: China variants cut to below the control lines",
    ),
}
column = (
    st.segmented_control(
        "Plot",
        list(PLOTS),
        default="fp16_tflops",
        key="plot",
        bind="query-params",
        format_func=lambda c: PLOTS[c][0].split(" (")[0].split(",")[0],
    )
    or "fp16_tflops"
)
axis_title, name, title = PLOTS[column]
data = dated.dropna(subset=[column])
spec = charts.ChartSpec(name=name, title=title, subtitle=axis_title, time_axis=True, height=520)
cited = spec_sources[
    spec_sources["attribute"].isin([column, "release_date"]) & spec_sources["chip_id"].isin(data["chip_id"])
]
ui.show_chart(
    charts.spec_scatter,
    (data, column, axis_title.split(" (")[0].split(",")[0]),
    data[["name", "vendor", "release_date", "china_variant", column, "has_estimates"]],
    spec,
    shared,
    cited["source_id"],
    markers=markers,
)

with ui.on_request(
    "Compare chips side by side (chart and cited figures)", "compare_open", opened_by=["compare"]
) as shown:
    if shown:
        options = all_chips["chip_id"].tolist()
        names = dict(zip(all_chips["chip_id"], all_chips["name"], strict=True))
        default = [
            c for c in ("nvidia-h100-sxm", "nvidia-h20", "huawei-ascend-910b", "huawei-ascend-910c") if c in options
        ]
        picked = filters.bound_multiselect(
            st, "Chips to compare", options, "compare", format_func=lambda c: names.get(c, c), default=default
        )
        labels = {
            "fp16_tflops": "FP16 tensor TFLOPS (dense)",
            "int8_tops": "INT8 TOPS (dense)",
            "memory_bw_gbs": "Memory bandwidth (GB/s)",
            "memory_gb": "Memory (GB)",
            "interconnect_gbs": "Chip-to-chip bandwidth (GB/s)",
        }
        if picked:
            chosen = all_chips[all_chips["chip_id"].isin(picked)]
            long = chosen.melt(id_vars=["chip_id", "name", "vendor"], value_vars=list(labels), var_name="attribute")
            long = long.dropna(subset=["value"])
            long["attribute_label"] = long["attribute"].map(labels)
            spec = charts.ChartSpec(
                name="chip-comparison",
                title="How the picked chips compare",
                subtitle="Blank where no source gives a figure",
                height=220 + 150 * long["attribute"].nunique(),
            )
            cited = db.chip_specs(picked)
            ui.show_chart(charts.chip_comparison, (long,), long, spec, shared, cited["source_id"])
            ui.table(cited[["name", "attribute", "value", "confidence", "publisher", "source_url", "note"]])

with ui.on_request(f"Specifications of the {len(chips)} chips shown (table)", "specs_table") as shown:
    if shown:
        table = chips.drop(columns=["label", "china_label", "estimate_label"])
        ui.table(
            table,
            {
                "release_date": st.column_config.DateColumn("Released", format="YYYY-MM"),
                "fp16_tflops": st.column_config.NumberColumn("FP16 TFLOPS", format="%.0f"),
                "int8_tops": st.column_config.NumberColumn("INT8 TOPS", format="%.0f"),
                "memory_bw_gbs": st.column_config.NumberColumn("Mem. GB/s", format="%.0f"),
            },
        )
        ui.csv_download("Chip table (CSV)", table, "chips", "csv-chips-table")
