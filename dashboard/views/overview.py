"""Overview: the story at a glance."""

import streamlit as st

from dashboard import filters, queries, ui
from dashboard.charts import overview
from dashboard.measures import CAAM, NEA

shared = filters.current()
ui.page_header("US chip controls and China's answer")
if not ui.embedded():
    st.markdown(
        "Since 2019 the United States and its allies have cut China off from advanced AI chips and the tools "
        "to make them. China answered with its own chips (Huawei's Ascend), its own controls on critical "
        "minerals, and pressure on its firms to buy at home, while it came to dominate solar power and "
        "electric cars. Every figure here links to the page it comes from."
    )
    headline = queries.headline()
    latest_nev = queries.sector_series("nev_share_pct", "China", CAAM, shared.years).tail(1)
    latest_pv = queries.sector_series("pv_added_gw", "China", NEA, shared.years).tail(1)
    steps = queries.node_steps(shared.years)
    china_node = steps[steps["side"].str.startswith("China")].tail(1) if not steps.empty else steps
    columns = st.columns(5)
    columns[0].metric("Policy events tracked", f"{headline['events']}")
    columns[1].metric("Listing actions tracked", f"{headline['listings']}")
    if not china_node.empty:
        node = china_node.iloc[0]
        columns[2].metric(
            f"SMIC's best process, {node['year']}",
            f"{node['class_nm']} nm class",
            help=f"{node['name']}, found in the {node['first_product']}; the leading edge reached this class "
            f"{node['years_behind']} years earlier (Chipmaking page)",
        )
    for column, row in ((columns[3], latest_nev), (columns[4], latest_pv)):
        if row.empty:
            continue
        row = row.iloc[0]
        value = f"{row.value:.1f}%" if row.unit == "percent" else f"{row.value:,.0f} {row.unit}"
        label = "China NEV share" if row.metric == "nev_share_pct" else "China solar capacity added"
        column.metric(f"{label}, {row.year}", value, help=f"{row.metric_label}; {row.basis}")

ui.show_chart(overview.POLICY_AND_OUTCOMES, shared)
if not ui.embedded():
    st.markdown(
        "Explore each thread: **Policy timeline** for every rule and countermeasure, the **Entity List** and a "
        "page per **company** for who was listed when, **Chips** for Ascend against Nvidia, the **checker** for "
        "what the rules control on any date, **Adoption** for who bought which chips, **Chipmaking** for SMIC's "
        "processes and the trade in chips and tools, **Solar and EVs** for the energy race, and **Sources and "
        "data** to download everything."
    )
