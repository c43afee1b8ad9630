"""Solar and EVs: China's build-out against the world, absolute and as a share of the world."""

import pandas as pd
import streamlit as st

from dashboard import charts, db, filters, transforms, ui

shared = filters.current()
st.title("Solar power and electric vehicles")
st.caption(
    "Each line keeps one statistical basis: China's National Energy Administration counts AC capacity, "
    "IEA PVPS counts DC; CAAM counts all new energy vehicles sold wholesale (including exports), the IEA "
    "counts electric cars. Hollow markers are derived or estimated values."
)
regions = filters.bound_multiselect(
    st,
    "Compare with",
    ["World", "United States", "European Union", "Europe", "Germany", "India", "Japan"],
    "region",
    default=["World", "United States", "European Union"],
)
shown_regions = ["China", *regions]
markers = db.markers(shared.years, shared.marker_categories)

CHARTS = [
    (
        "pv_added_gw",
        {"China": ["NEA (AC)", "IEA PVPS (DC)"], "*": ["IEA PVPS (DC)", "IRENA via OWID"]},
        "solar-capacity-added",
        "China installs more than half of the world's new solar capacity",
        "Solar PV capacity added per year, GW",
        "GW",
    ),
    (
        "pv_cumulative_gw",
        {"China": ["NEA (AC)"], "*": ["IRENA via OWID"]},
        "solar-capacity-cumulative",
        "China's installed solar capacity passed 1,000 GW in 2025",
        "Installed solar PV capacity at year end, GW",
        "GW",
    ),
    (
        "solar_share_elec_pct",
        {"*": ["Ember and Energy Institute via OWID"]},
        "solar-share-of-electricity",
        "Solar's share of China's electricity rose from under 1% to over 10% in a decade",
        "Share of electricity generated from solar",
        "percent",
    ),
    (
        "ev_car_share_pct",
        {"*": ["IEA via OWID"]},
        "electric-car-share",
        "Half of new cars sold in China are electric, far above the world average",
        "Share of new cars sold that are electric (battery and plug-in hybrid), IEA",
        "percent",
    ),
    (
        "ev_car_sales",
        {"*": ["IEA via OWID"]},
        "electric-car-sales",
        "China sells most of the world's electric cars",
        "Electric cars sold per year, IEA",
        "vehicles",
    ),
]
for metric, bases, name, title, subtitle, unit in CHARTS:
    stats = db.sector([metric], shared.years)
    wanted = [
        region in shown_regions and basis in bases.get(region, bases["*"])
        for region, basis in zip(stats["region"], stats["basis"], strict=True)
    ]
    series = stats[wanted]
    if series.empty:
        continue
    spec = charts.ChartSpec(name=name, title=title, subtitle=subtitle, time_axis=True)
    percent = unit == "percent"
    ui.show_chart(
        charts.region_lines,
        (series, "Percent" if percent else unit),
        series[["region", "year", "value", "unit", "basis", "confidence", "source_url"]],
        spec,
        shared,
        series["source_id"],
        options={"percent": percent},
        markers=markers,
    )

st.subheader("New energy vehicles (CAAM)")
nev = db.sector(["nev_sales", "nev_exports"], shared.years)
if not nev.empty:
    nev_lines = nev.assign(region=nev["metric_label"].str.replace("New energy vehicle ", "NEV ", regex=False))
    spec = charts.ChartSpec(
        name="china-nev-sales-and-exports",
        title="China's NEV sales grew twelvefold since 2019, and exports took off after 2021",
        subtitle="China, CAAM wholesale basis (counts exports); vehicles per year",
        time_axis=True,
    )
    ui.show_chart(
        charts.region_lines,
        (nev_lines, "vehicles"),
        nev[["metric", "year", "value", "basis", "confidence", "source_url"]],
        spec,
        shared,
        nev["source_id"],
        markers=markers,
    )

st.subheader("China's share of the world")
share_inputs = {
    "Solar capacity installed (IRENA)": ("pv_cumulative_gw", "IRENA via OWID"),
    "Solar capacity added (IEA PVPS)": ("pv_added_gw", "IEA PVPS (DC)"),
    "Solar electricity generated (Ember)": ("solar_generation_twh", "Ember and Energy Institute via OWID"),
    "Electric cars sold (IEA)": ("ev_car_sales", "IEA via OWID"),
}
shares = []
cited = []
for label, (metric, basis) in share_inputs.items():
    stats = db.sector([metric], shared.years)
    stats = stats[stats["basis"] == basis]
    share = transforms.china_share_of_world(stats)
    shares.append(share.assign(region=label, value=share["share_pct"], confidence="derived"))
    cited.extend(stats[stats["region"].isin(["China", "World"])]["source_id"])
shares = pd.concat(shares, ignore_index=True)
if not shares.empty:
    spec = charts.ChartSpec(
        name="china-share-of-world",
        title="China accounts for over half of the world's new solar capacity and electric-car sales",
        subtitle="China as a percentage of the world total, each measure on one basis for both",
        time_axis=True,
    )
    lines = shares.assign(basis="China's share of world")
    ui.show_chart(
        charts.region_lines,
        (lines, "Percent of world"),
        shares[["region", "year", "China", "World", "share_pct", "basis"]],
        spec,
        shared,
        cited,
        options={"percent": True},
        markers=markers,
    )
