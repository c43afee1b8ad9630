"""Adoption: who bought, deployed or trained on which chips, and what Nvidia earned in China."""

import streamlit as st

from dashboard import charts, db, filters, transforms, ui

VIEWS = {
    "records": "Who adopted which chips",
    "ascend-output": "Huawei's Ascend output",
    "nvidia-revenue": "Nvidia's China revenue",
}

shared = filters.current()
st.title("Adoption: who uses which chips")
st.caption(
    "Orders, deployments, training runs, stockpiles and restrictions reported for Chinese companies. "
    "Filled markers are confirmed or reported; hollow markers are analyst estimates. Marker size grows "
    "with the number of chips where a source gives one."
)
view = (
    st.segmented_control("View", list(VIEWS), default="records", key="view", bind="query-params", format_func=VIEWS.get)
    or "records"
)
records = transforms.describe_adoption(db.adoption(shared.companies, shared.years))
markers = db.markers(shared.years, shared.marker_categories)

if view == "records" and not records.empty:
    vendors = records["vendor"].value_counts()
    spec = charts.ChartSpec(
        name="adoption-by-company",
        title=f"{vendors.get('Huawei', 0)} Huawei and {vendors.get('Nvidia', 0)} Nvidia records: Chinese buyers "
        "hedge between both",
        subtitle="Adoption records by company and chip vendor; hollow markers are estimates",
        time_axis=True,
        height=200 + 26 * records["company_label"].nunique(),
    )
    columns = ["date", "company", "vendor", "chip_label", "kind", "units", "units_low", "units_high", "value_usd"]
    ui.show_chart(
        charts.adoption_timeline,
        (records,),
        records[[*columns, "confidence", "summary", "source_url"]],
        spec,
        shared,
        records["source_id"],
        markers=markers,
    )
elif view == "ascend-output":
    estimates = transforms.output_estimates(db.adoption(("Huawei",), shared.years))
    if not estimates.empty:
        widest = transforms.widest_disagreement(estimates)
        spec = charts.ChartSpec(
            name="huawei-ascend-output-estimates",
            title=(
                "Estimates of Huawei's Ascend output for {} range from {:,.0f} to {:,.0f} chips".format(*widest)
                if widest
                else "Estimates of Huawei's Ascend output, one point per source"
            ),
            subtitle="Ascend chips produced or planned per year, one point per source; triangles are stated bounds",
        )
        ui.show_chart(
            charts.estimate_ranges,
            (estimates, "Ascend chips per year"),
            estimates[["year", "point", "bound", "publisher", "summary", "source_url"]],
            spec,
            shared,
            estimates["source_id"],
        )
    else:
        st.info("No output estimates in the chosen years.")
elif view == "nvidia-revenue":
    stats = db.sector(["nvidia_china_revenue_usd", "nvidia_total_revenue_usd"], shared.years)
    revenue = transforms.nvidia_revenue(stats)
    if not revenue.empty:
        spec = charts.ChartSpec(
            name="nvidia-china-revenue",
            title="Nvidia's revenue from China grew, then shrank as a share of a booming total",
            subtitle="Revenue billed to China (incl. Hong Kong) by Nvidia fiscal year; gaps where no source was found",
            time_axis=True,
        )
        ui.show_chart(
            charts.revenue_bars,
            (revenue,),
            revenue[["fiscal_label", "china_bn", "total_bn", "share_pct", "source_url"]],
            spec,
            shared,
            stats["source_id"],
            markers=markers,
        )
    else:
        st.info("No revenue figures in the chosen years.")

if records.empty:
    st.info("No adoption records match these filters.")
else:
    with ui.on_request(f"Table of the {len(records)} records shown (with sources)", "records_table") as shown:
        if shown:
            ui.table(
                records[
                    [
                        "date",
                        "company",
                        "vendor",
                        "chip_label",
                        "kind",
                        "quantity",
                        "confidence",
                        "summary",
                        "source_url",
                    ]
                ],
                {"summary": st.column_config.TextColumn("What happened", width="large")},
            )
