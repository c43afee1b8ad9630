"""Policy timeline: every event on a time axis, one lane per category, with its source."""

import streamlit as st

from dashboard import filters, queries, tables, transforms, ui
from dashboard.charts import timeline

vocabulary = queries.vocabulary()
ui.page_header(
    "Policy timeline",
    "Each dot is an event on the day it was announced; larger dots are key events. Federal Register "
    "publication and effective dates are in the table and the event details. Select a dot to read it.",
)
with ui.controls():
    columns = st.columns(3)
    categories = filters.bound_multiselect(
        columns[0],
        "Category",
        list(vocabulary["categories"]),
        "category",
        format_func=lambda c: vocabulary["categories"].get(c, c),
    )
    jurisdictions = filters.bound_multiselect(columns[1], "Jurisdiction", vocabulary["jurisdictions"], "jurisdiction")
    actors = filters.bound_multiselect(columns[2], "Actor", vocabulary["actors"], "actor")
chosen = filters.current().choose(categories=categories, jurisdictions=jurisdictions, actors=actors)

selection = ui.show_chart(timeline.EVENTS, chosen, key="timeline")
events = timeline.matching_events(chosen)
picked = [
    point["customdata"][0] for point in (selection.selection.points if selection else []) if point.get("customdata")
]
for row in events[events["event_id"].isin(picked)].itertuples():
    tables.event_card(row)

if not events.empty:
    with ui.on_request(
        f"Table of the {len(events)} events shown (search, sort, open sources)", "events_table"
    ) as shown:
        if shown:
            search = st.text_input("Search titles and summaries", key="event_search", max_chars=100)
            tables.show(transforms.search_rows(events, search, ["title", "summary"]), tables.EVENTS)
