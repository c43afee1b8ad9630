"""Adoption: who bought, deployed or trained on which chips, and what Nvidia earned in China."""

import streamlit as st

from dashboard import filters, tables, ui
from dashboard.charts import adoption

shared = filters.current()
ui.page_header(
    "Adoption: who uses which chips",
    "Orders, deployments, training runs, stockpiles and restrictions reported for Chinese companies. "
    "Filled markers are confirmed or reported; hollow markers are analyst estimates. Marker size grows "
    "with the number of chips where a source gives one.",
)
with ui.controls():
    view = (
        st.segmented_control(
            "View",
            list(adoption.VIEWS),
            default="records",
            key="view",
            bind="query-params",
            format_func=lambda v: adoption.VIEWS[v][0] if v in adoption.VIEWS else v,
        )
        or "records"
    )
ui.show_chart(adoption.VIEWS[view][1], shared)

records = adoption.records(shared)
if not records.empty:
    with ui.on_request(f"Table of the {len(records)} records shown (with sources)", "records_table") as shown:
        if shown:
            tables.show(records, tables.ADOPTION)
