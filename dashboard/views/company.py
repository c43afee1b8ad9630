"""A company: its names, its listings (and its affiliates') on one timeline with its events, what was in force
on a date, its chips and their status, its adoption records and events. Each block links to the page that
holds the rest."""

import streamlit as st

from dashboard import filters, queries, tables, transforms, ui
from dashboard.charts import checker, entities

shared = filters.current()
known = queries.companies()


def choose(company: str | None) -> None:
    """The page's picker sets the shared company filter, so the link carries the company (?company=SMIC)."""
    st.session_state[filters.COMPANY_KEY] = [company] if company else []


if not shared.companies:
    ui.page_header("Companies", "Pick a company to see its listings, chips, adoption records and events.")
    st.selectbox(
        "Company",
        known["company"],
        index=None,
        key="profile",
        placeholder="Search in English or Chinese",
        format_func=ui.company_labels(known).get,
        on_change=lambda: choose(st.session_state.get("profile")),
    )
    counts = queries.listing_counts()
    st.caption("Companies with the most listing actions in the data:")
    tables.show(counts, {"parent_company": "Company", "name_zh": "Chinese name", "actions": "Listing actions"})
    st.stop()

company = shared.companies[0]
row = known.set_index("company").loc[company] if company in set(known["company"]) else None
affiliates = [c for c in shared.companies[1:] if c in queries.groups().get(company, [])]
ui.page_header(company + (f" ({row['name_zh']})" if row is not None and isinstance(row["name_zh"], str) else ""))
if row is not None and not ui.embedded():
    facts = [f"{row['kind'].replace('_', ' ')}, {row['country']}"]
    if isinstance(row["alias_text"], str) and row["alias_text"]:
        names = row["alias_text"].split("; ")
        facts.append(
            "also listed as " + "; ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        )
    if affiliates:
        facts.append("affiliates shown with it: " + ", ".join(affiliates))
    st.caption(" · ".join(filters.escape_markdown(f) for f in facts))
    others = [c for c in shared.companies[1:] if c not in affiliates]
    if others:
        st.caption("Showing the first company chosen; the others: " + ", ".join(map(filters.escape_markdown, others)))

ui.show_chart(entities.COMPANY_TIMELINE, shared)

with ui.controls():
    as_of = filters.as_of_picker("What was in force on this date: listings, the rule version, licensing turns.")
listings = queries.listings(shared.companies)
listed = transforms.listed_on(listings, as_of)
st.header(f"Listed on {as_of:%d %B %Y}", anchor=False)
if listed.empty:
    st.markdown(f"No listing of {filters.escape_markdown(company)} or its affiliates was in force on that date.")
else:
    tables.show(listed, tables.LISTINGS)
st.page_link("views/entity_list.py", label="Every listing on the Entity List page", query_params={"company": company})

if queries.vendors_among(shared.companies):
    rule_id = checker.rule_in_force(as_of)
    st.header(f"Its chips under the rules in force on {as_of:%d %B %Y}", anchor=False)
    st.caption(checker.in_force_caption(rule_id))
    st.dataframe(checker.status_on(shared, as_of), hide_index=True, width="stretch")
    st.page_link("views/checker.py", label="The chips on the export-control map", query_params={"company": company})

records = transforms.describe_adoption(queries.adoption(shared.companies, shared.years))
st.header(f"Adoption records ({len(records)})", anchor=False)
if records.empty:
    st.markdown("No adoption records name it as a buyer or a chip vendor.")
else:
    tables.show(records, tables.ADOPTION)
st.page_link("views/adoption.py", label="Adoption records on the Adoption page", query_params={"company": company})

events = queries.events(shared.companies, shared.years)
st.header(f"Events ({len(events)})", anchor=False)
if events.empty:
    st.markdown("No events name it.")
else:
    tables.show(events, tables.EVENTS)
st.page_link("views/timeline.py", label="Its events on the Policy timeline", query_params={"company": company})
