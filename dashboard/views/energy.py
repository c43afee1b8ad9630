"""Solar and EVs: China's build-out against the world, absolute and as a share of the world."""

import streamlit as st

from dashboard import charts, db, filters, transforms, ui
from dashboard.measures import MEASURES

shared = filters.current()
st.title("Solar power and electric vehicles")
st.caption(
    "Each line keeps one statistical basis: China's National Energy Administration counts AC capacity, "
    "IEA PVPS counts DC; CAAM counts all new energy vehicles sold wholesale (including exports), the IEA "
    "counts electric cars. Hollow markers are derived or estimated values."
)
key = (
    st.segmented_control(
        "Measure",
        list(MEASURES),
        default="solar-added",
        key="measure",
        bind="query-params",
        format_func=lambda key: MEASURES[key].label,
    )
    or "solar-added"
)
measure = MEASURES[key]
left, right = st.columns([3, 1])
regions = filters.bound_multiselect(
    left,
    "Compare with",
    ["World", "United States", "European Union", "Europe", "Germany", "India", "Japan"],
    "region",
    default=["World", "United States", "European Union"],
)
as_share = right.toggle(
    "China's share of the world",
    key="share",
    bind="query-params",
    disabled=measure.share_basis is None,
    help="China as a percentage of the world total, on one basis for both.",
)
markers = db.markers(shared.years, shared.marker_categories)
stats = db.sector(measure.metrics, shared.years)

if as_share and measure.share_basis:
    on_basis = stats[stats["basis"] == measure.share_basis]
    shares = transforms.china_share_of_world(on_basis)
    series = shares.assign(
        region="China's share of world", value=shares["share_pct"], confidence="derived", unit="percent"
    )
    spec = charts.ChartSpec(
        name=f"{key}-china-share-of-world",
        title=measure.title(on_basis, as_share=True),
        subtitle=f"China as a percentage of the world; {measure.description} ({measure.share_basis})",
        time_axis=True,
    )
    args, data = (series, "Percent of world"), shares[["year", "basis", "China", "World", "share_pct"]]
    cited, percent = on_basis[on_basis["region"].isin(["China", "World"])]["source_id"], True
else:
    if len(measure.metrics) > 1:  # one country, several metrics: each metric is a line
        lines = stats.assign(region=stats["metric_label"])
        wanted = lines["basis"].isin(measure.bases["China"])
    else:
        lines = stats
        wanted = [
            region in ("China", *regions) and basis in measure.bases.get(region, measure.bases.get("*", ()))
            for region, basis in zip(stats["region"], stats["basis"], strict=True)
        ]
    series = lines[wanted]
    spec = charts.ChartSpec(name=key, title=measure.title(stats), subtitle=measure.subtitle, time_axis=True)
    percent = measure.unit == "percent"
    args = (series, "Percent" if percent else measure.unit)
    data = series[["metric", "region", "year", "value", "unit", "basis", "confidence", "source_url"]]
    cited = series["source_id"]

if series.empty:
    st.info("No data for this measure in the chosen years.")
else:
    ui.show_chart(charts.region_lines, args, data, spec, shared, cited, options={"percent": percent}, markers=markers)
