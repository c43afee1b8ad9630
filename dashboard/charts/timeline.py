"""Policy timeline: every event on a time axis, one lane per category."""

from __future__ import annotations

import pandas as pd

from dashboard import builders, queries
from dashboard.chart import Chart
from dashboard.filters import Filters


def matching_events(filters: Filters) -> pd.DataFrame:
    return queries.events(
        filters.companies,
        filters.years,
        filters.choice("categories", ()),
        filters.choice("jurisdictions", ()),
        filters.choice("actors", ()),
    )


EVENTS = Chart(
    name="policy-timeline",
    rows=matching_events,
    builder=builders.policy_timeline,
    title=lambda drawn: (
        f"{len(drawn.rows)} events: US controls widened from firms to whole technologies, and China answered in kind"
    ),
    subtitle="Events by category, coloured by jurisdiction",
    columns=(
        "date",
        "title",
        "category_label",
        "jurisdiction",
        "actor",
        "published_fr",
        "effective",
        "fr_citation",
        "source_url",
    ),
    height=620,
    selectable=True,
    empty_text="No events match these filters. Widen the years or clear a filter.",
)
