"""Overview: the story at a glance."""

import pandas as pd
import streamlit as st

from dashboard import charts, db, filters, ui

shared = filters.current()
st.title("US chip controls and China's answer")
st.markdown(
    "Since 2019 the United States and its allies have cut China off from advanced AI chips and the tools "
    "to make them. China answered with its own chips (Huawei's Ascend), its own controls on critical "
    "minerals, and pressure on its firms to buy at home, while it came to dominate solar power and "
    "electric cars. Every figure here links to the page it comes from."
)
ui.data_as_of_caption()

headline = db.headline()
nev_share = db.sector_series("nev_share_pct", "China", "CAAM (wholesale, incl. exports)", shared.years)
latest_nev = nev_share.tail(1)
latest_pv = db.sector_series("pv_added_gw", "China", "NEA (AC)", shared.years).tail(1)
columns = st.columns(4)
columns[0].metric("Policy events tracked", f"{headline['events']}")
columns[1].metric("Chips compared", f"{headline['chips']}")
if not latest_nev.empty:
    row = latest_nev.iloc[0]
    columns[2].metric(
        f"China NEV share, {row.year}",
        f"{row.value:.1f}%",
        help=f"New energy vehicles as a share of all vehicle sales; {row.basis}",
    )
if not latest_pv.empty:
    row = latest_pv.iloc[0]
    columns[3].metric(f"China solar capacity added, {row.year}", f"{row.value:,.0f} GW", help=row.basis)

key_events = db.events(companies=shared.companies, years=shared.years, key_only=True)
outcomes = pd.concat(
    [
        nev_share.assign(series="China: NEV share of vehicle sales", colour=charts.REGION_COLOURS["China"]),
        db.sector_series("solar_share_elec_pct", "China", "Ember and Energy Institute via OWID", shared.years).assign(
            series="China: solar share of electricity", colour="#E69F00"
        ),
    ],
    ignore_index=True,
)

spec = charts.ChartSpec(
    name="overview-policy-and-outcomes",
    title="As controls tightened, China's electric-car and solar shares kept climbing",
    subtitle="Key events of US and allied controls, China's response and the chip industry (top); "
    "China's NEV share of vehicle sales and solar share of electricity (bottom)",
    height=560,
)
table = pd.concat(
    [
        key_events.assign(series=key_events["thread"].map(charts.THREAD_LABELS))[
            ["series", "date", "title", "actor", "source_url"]
        ],
        outcomes.assign(date=pd.to_datetime(outcomes["year"].astype(str) + "-07-01"))[
            ["series", "date", "year", "value", "basis", "source_url"]
        ],
    ],
    ignore_index=True,
)
ui.show_chart(
    charts.overview_timeline,
    (key_events, outcomes),
    table,
    spec,
    shared,
    set(key_events["source_id"]) | set(outcomes["source_id"]),
)
st.markdown(
    "Explore each thread: **Policy timeline** for every rule and countermeasure, **Chips** for Ascend against "
    "Nvidia, **Adoption** for who bought which chips, **Solar and EVs** for the energy race, and **Sources and "
    "data** to download everything."
)
