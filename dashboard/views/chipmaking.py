"""Chipmaking: how far China's own manufacturing has come under the equipment controls, and how fast."""

import streamlit as st

from dashboard import filters, queries, tables, ui
from dashboard.charts import chipmaking

shared = filters.current()
ui.page_header(
    "Chipmaking: SMIC, Huawei's chips and the trade in tools",
    "China's best logic process against the leading edge, the firms the controls aimed at, and the trade in chips "
    "and chipmaking tools. Teardowns (TechInsights) date a process by the product it was found in; claims and plans "
    "are drawn hollow.",
)
with ui.controls():
    view = (
        st.segmented_control(
            "Show",
            list(chipmaking.VIEWS),
            default="nodes",
            key="view",
            bind="query-params",
            format_func=lambda v: chipmaking.VIEWS.get(v, v),
        )
        or "nodes"
    )
ui.show_chart(chipmaking.chart_for(view), shared)

if view == "nodes":
    with ui.on_request("Every process node with its evidence (table)", "nodes_table") as shown:
        if shown:
            tables.show(queries.process_nodes(), tables.NODES)
elif view == "phones":
    with ui.on_request("Huawei's chips with the teardown evidence (table)", "socs_table") as shown:
        if shown:
            tables.show(queries.phone_socs(), tables.SOCS)
