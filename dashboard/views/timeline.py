"""Policy timeline: every event on a time axis, one lane per category, with its source."""

import streamlit as st

from dashboard import charts, db, filters, transforms, ui

shared = filters.current()
vocabulary = db.vocabulary()
st.title("Policy timeline")
st.caption(
    "Each dot is an event on the day it was announced; larger dots are key events. Federal Register "
    "publication and effective dates are in the table and the event details. Select a dot to read it."
)
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

events = db.events(shared.companies, shared.years, categories, jurisdictions, actors)
if events.empty:
    st.info("No events match these filters. Widen the years or clear a filter.")
    st.stop()

spec = charts.ChartSpec(
    name="policy-timeline",
    title=f"{len(events)} events: US controls widened from firms to whole technologies, and China answered in kind",
    subtitle="Events by category, coloured by jurisdiction",
    height=620,
)
chart_data = events[
    [
        "date",
        "title",
        "category_label",
        "jurisdiction",
        "actor",
        "published_fr",
        "effective",
        "fr_citation",
        "source_url",
    ]
]
selection = ui.show_chart(
    charts.policy_timeline,
    (events,),
    chart_data,
    spec,
    shared,
    events["source_id"],
    on_select="rerun",
    key="timeline",
)

picked_ids = [
    point["customdata"][0] for point in (selection.selection.points if selection else []) if point.get("customdata")
]
for row in events[events["event_id"].isin(picked_ids)].itertuples():
    with st.container(border=True):
        st.subheader(row.title)
        dates = [f"Announced {row.date:%d %B %Y}" + (" (month)" if row.date_precision == "month" else "")]
        if row.published_fr is not None and str(row.published_fr) != "NaT":
            dates.append(f"published {row.published_fr:%d %B %Y}")
        if row.effective is not None and str(row.effective) != "NaT":
            dates.append(f"effective {row.effective:%d %B %Y}")
        st.caption(" · ".join(dates) + f" · {row.category_label} · {row.jurisdiction} · {row.actor}")
        st.write(row.summary)
        if row.fr_citation:
            st.caption(f"Federal Register: {row.fr_citation}")
        st.markdown("Source: " + ui.safe_link(row.source_title, row.source_url) + f" · confidence: {row.confidence}")

with ui.on_request(f"Table of the {len(events)} events shown (search, sort, open sources)", "events_table") as shown:
    if shown:
        search = st.text_input("Search titles and summaries", key="event_search", max_chars=100)
        table = transforms.search_rows(events, search, ["title", "summary"])
        ui.table(
            table[
                [
                    "date",
                    "title",
                    "category_label",
                    "jurisdiction",
                    "actor",
                    "effective",
                    "fr_citation",
                    "companies",
                    "source_url",
                ]
            ],
            {
                "date": st.column_config.DateColumn("Announced", format="YYYY-MM-DD"),
                "title": st.column_config.TextColumn("Event", width="large"),
                "category_label": "Category",
                "jurisdiction": "Jurisdiction",
                "actor": "Actor",
                "companies": "Companies",
                "effective": st.column_config.DateColumn("Effective", format="YYYY-MM-DD"),
                "fr_citation": "Federal Register",
            },
        )
