"""Solar and EVs: China's build-out against the world, absolute and as a share of the world."""

from dataclasses import dataclass

import streamlit as st

from dashboard import charts, db, filters, transforms, ui


@dataclass(frozen=True)
class Measure:
    metrics: tuple[str, ...]
    bases: dict  # region -> bases drawn; "*" for every other region
    share_basis: str | None  # the basis on which China and World both exist, for "share of world"
    title: str
    share_title: str
    subtitle: str
    unit: str


MEASURES = {
    "solar-added": Measure(
        ("pv_added_gw",),
        {"China": ("NEA (AC)", "IEA PVPS (DC)"), "*": ("IEA PVPS (DC)", "IRENA via OWID")},
        "IRENA via OWID",
        "China installs more than half of the world's new solar capacity",
        "China's share of the world's new solar capacity passed half",
        "Solar PV capacity added per year, GW",
        "GW",
    ),
    "solar-capacity": Measure(
        ("pv_cumulative_gw",),
        {"China": ("NEA (AC)",), "*": ("IRENA via OWID",)},
        "IRENA via OWID",
        "China's installed solar capacity passed 1,000 GW in 2025",
        "China holds about four in ten of the world's installed solar panels",
        "Installed solar PV capacity at year end, GW",
        "GW",
    ),
    "solar-generation": Measure(
        ("solar_generation_twh",),
        {"*": ("Ember and Energy Institute via OWID",)},
        "Ember and Energy Institute via OWID",
        "China generates three times as much solar electricity as the United States",
        "China makes about four in ten of the world's solar kilowatt-hours",
        "Electricity generated from solar, TWh",
        "TWh",
    ),
    "solar-share": Measure(
        ("solar_share_elec_pct",),
        {"*": ("Ember and Energy Institute via OWID",)},
        None,
        "Solar's share of China's electricity rose from under 1% to over 10% in a decade",
        "",
        "Share of electricity generated from solar",
        "percent",
    ),
    "ev-sales": Measure(
        ("ev_car_sales",),
        {"*": ("IEA via OWID",)},
        "IEA via OWID",
        "China sells most of the world's electric cars",
        "About six in ten electric cars sold worldwide are sold in China",
        "Electric cars sold per year (battery and plug-in hybrid), IEA",
        "vehicles",
    ),
    "ev-share": Measure(
        ("ev_car_share_pct",),
        {"*": ("IEA via OWID",)},
        None,
        "Half of new cars sold in China are electric, far above the world average",
        "",
        "Share of new cars sold that are electric (battery and plug-in hybrid), IEA",
        "percent",
    ),
    "nev-sales": Measure(
        ("nev_sales", "nev_exports"),
        {"China": ("CAAM (wholesale, incl. exports)",)},
        None,
        "China's NEV sales rose more than thirteenfold from 2019 to 2025, and exports took off after 2021",
        "",
        "China, CAAM wholesale basis (counts exports); vehicles per year",
        "vehicles",
    ),
    "nev-share": Measure(
        ("nev_share_pct",),
        {"China": ("CAAM (wholesale, incl. exports)",)},
        None,
        "New energy vehicles reached nearly half of China's vehicle sales in 2025",
        "",
        "China, NEV share of all new vehicles sold, CAAM basis",
        "percent",
    ),
}
LABELS = {
    "solar-added": "Solar added",
    "solar-capacity": "Solar capacity",
    "solar-generation": "Solar electricity",
    "solar-share": "Solar share",
    "ev-sales": "EV sales",
    "ev-share": "EV share",
    "nev-sales": "NEV sales (CAAM)",
    "nev-share": "NEV share (CAAM)",
}

shared = filters.current()
st.title("Solar power and electric vehicles")
st.caption(
    "Each line keeps one statistical basis: China's National Energy Administration counts AC capacity, "
    "IEA PVPS counts DC; CAAM counts all new energy vehicles sold wholesale (including exports), the IEA "
    "counts electric cars. Hollow markers are derived or estimated values."
)
key = (
    st.segmented_control(
        "Measure", list(MEASURES), default="solar-added", key="measure", bind="query-params", format_func=LABELS.get
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
        title=measure.share_title,
        subtitle=f"China as a percentage of the world; {measure.subtitle.split(',')[0]} ({measure.share_basis})",
        time_axis=True,
    )
    args, data = (series, "Percent of world"), shares[["year", "basis", "China", "World", "share_pct"]]
    cited, percent = on_basis[on_basis["region"].isin(["China", "World"])]["source_id"], True
else:
    if len(measure.metrics) > 1:  # one country, several metrics: each metric is a line
        stats = stats.assign(region=stats["metric_label"])
        wanted = stats["basis"].isin(measure.bases["China"])
    else:
        wanted = [
            region in ("China", *regions) and basis in measure.bases.get(region, measure.bases.get("*", ()))
            for region, basis in zip(stats["region"], stats["basis"], strict=True)
        ]
    series = stats[wanted]
    spec = charts.ChartSpec(name=key, title=measure.title, subtitle=measure.subtitle, time_axis=True)
    percent = measure.unit == "percent"
    args = (series, "Percent" if percent else measure.unit)
    data = series[["metric", "region", "year", "value", "unit", "basis", "confidence", "source_url"]]
    cited = series["source_id"]

if series.empty:
    st.info("No data for this measure in the chosen years.")
else:
    ui.show_chart(charts.region_lines, args, data, spec, shared, cited, options={"percent": percent}, markers=markers)
