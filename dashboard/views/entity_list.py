"""The Entity List and the other lists: who was listed when, by sector and list, searchable in English and Chinese."""

import streamlit as st

from dashboard import filters, queries, tables, ui
from dashboard.charts import entities

shared = filters.current()
ui.page_header(
    "The Entity List and other lists",
    "US listings (the Commerce Entity List, Unverified and Military End-User lists, Treasury's NS-CMIC list, the "
    "Pentagon's 1260H list) and China's (MOFCOM's Unreliable Entity List and export control list), one row per "
    "entity and action. A rule that names a group in bulk is one row with its count.",
)
lists = queries.listing_lists()
sectors = queries.listing_sectors()
with ui.controls():
    left, middle, right = st.columns([2, 2, 1])
    chosen_lists = filters.bound_multiselect(
        left,
        "Lists",
        list(lists["list"]),
        "list",
        format_func=dict(zip(lists["list"], lists["label"], strict=True)).get,
    )
    chosen_sectors = filters.bound_multiselect(
        middle,
        "Sectors",
        list(sectors["sector"]),
        "sector",
        format_func=dict(zip(sectors["sector"], sectors["label"], strict=True)).get,
    )
    colour_by = (
        right.segmented_control(
            "Colour by",
            list(entities.COLOUR_BY),
            default="sector",
            key="colour",
            bind="query-params",
            format_func=lambda c: entities.COLOUR_BY.get(c, c),
        )
        or "sector"
    )
chosen = shared.choose(lists=chosen_lists, sectors=chosen_sectors)
ui.show_chart(entities.by_quarter(colour_by), chosen)

if not ui.embedded():
    search = st.text_input(
        "Search names (English, Chinese, aliases)", key="entity_search", max_chars=100, bind="query-params"
    )
    shown = entities.matching_listings(chosen.choose(search=search))
    st.header(f"{len(shown)} listing actions", anchor=False)
    tables.show(shown, tables.LISTINGS)
    ui.csv_download("Listings shown (CSV)", shown[list(tables.LISTINGS)], ui.versioned("entity-listings", "csv"))
