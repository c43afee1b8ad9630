"""The Entity List and other lists: listings per quarter, and a company's listings beside its events."""

from __future__ import annotations

import pandas as pd

from dashboard import builders, queries, transforms
from dashboard.chart import Chart, Drawn
from dashboard.filters import Filters

COLOUR_BY = {"sector": "Sector", "list": "List"}


def matching_listings(filters: Filters) -> pd.DataFrame:
    """Listing actions of the chosen companies, lists, sectors and years, matching the search text in any
    name (English, Chinese, aliases)."""
    rows = queries.listings(filters.companies, filters.years)
    lists, sectors = filters.choice("lists", ()), filters.choice("sectors", ())
    if lists:
        rows = rows[rows["list"].isin(lists)]
    if sectors:
        rows = rows[rows["sector"].isin(sectors)]
    return transforms.search_rows(rows, filters.choice("search", ""), ["entity", "entity_zh", "alias_text"])


def additions(filters: Filters) -> pd.DataFrame:
    rows = matching_listings(filters)
    return rows[rows["action"] == "added"]


def quarter_title(drawn: Drawn) -> str:
    rows = drawn.rows
    us = rows.loc[rows["jurisdiction"] == "United States", "entity_count"].sum()
    china = rows.loc[rows["jurisdiction"] == "China", "entity_count"].sum()
    years = f"{rows['year'].min()}-{rows['year'].max()}"
    return f"{us:,} entities added to US lists and {china:,} to China's lists in {years}"


def by_quarter(colour_by: str) -> Chart:
    return Chart(
        name=f"listings-by-quarter-{colour_by}",
        rows=additions,
        builder=builders.listings_by_quarter,
        title=quarter_title,
        subtitle=f"Entities added per quarter, by {COLOUR_BY[colour_by].lower()}; a rule naming a group in bulk counts "
        "its entities",
        columns=(
            "date",
            "entity",
            "entity_zh",
            "list_label",
            "sector_label",
            "entity_count",
            "fr_citation",
            "source_url",
        ),
        time_axis=True,
        options={"colour_by": colour_by},
        empty_text="No listings match these filters.",
    )


def company_rows(filters: Filters) -> pd.DataFrame:
    """A company's (and its affiliates') listing actions and events, on lanes for one timeline."""
    companies = filters.companies
    listings = queries.listings(companies, filters.years)
    listed = listings.assign(
        category_label=listings["list_label"],
        title=listings["action"].str.capitalize() + ": " + listings["entity"],
        summary=listings["licence_policy"].fillna(listings["reason"]).fillna(""),
        actor=listings["keeper"],
        key_event=False,
        event_id=listings["listing_id"],
    )
    events = queries.events(companies, filters.years)
    events = events.assign(category_label="Event: " + events["category_label"])
    columns = [
        "event_id",
        "date",
        "category_label",
        "title",
        "summary",
        "actor",
        "jurisdiction",
        "jurisdiction_colour",
        "key_event",
        "source_url",
        "source_ids",
    ]
    return pd.concat([listed[columns], events[columns]], ignore_index=True)


def company_title(drawn: Drawn) -> str:
    events = drawn.rows["category_label"].str.startswith("Event: ")
    name = drawn.filters.companies[0] if drawn.filters.companies else "The companies chosen"
    first, last = drawn.rows["date"].min().year, drawn.rows["date"].max().year
    return f"{name}: {(~events).sum()} listing actions and {events.sum()} events, {first}-{last}"


COMPANY_TIMELINE = Chart(
    name="company-timeline",
    rows=company_rows,
    builder=builders.policy_timeline,
    title=lambda drawn: company_title(drawn),
    subtitle="Listings of the company and its affiliates on each list, and the events that name it, by jurisdiction",
    columns=("date", "category_label", "title", "summary", "actor", "jurisdiction", "source_url"),
    time_axis=True,
    height=lambda rows: 220 + 40 * rows["category_label"].nunique(),
    empty_text="No listings or events for this company in the chosen years.",
)
