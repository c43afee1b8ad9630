"""Overview: the key events of the three threads above China's NEV and solar shares."""

from __future__ import annotations

import pandas as pd

from dashboard import builders, queries
from dashboard.chart import Chart
from dashboard.filters import Filters
from dashboard.measures import CAAM, EMBER

OUTCOMES = (
    ("nev_share_pct", CAAM, "China: NEV share of vehicle sales"),
    ("solar_share_elec_pct", EMBER, "China: solar share of electricity"),
)


def policy_and_outcomes(filters: Filters) -> pd.DataFrame:
    """One frame for both panels (`panel`), which is also the CSV: events by thread, outcomes by year."""
    key_events = queries.events(companies=filters.companies, years=filters.years, key_only=True)
    events = key_events.assign(panel="events", series=key_events["thread_label"], colour=key_events["thread_colour"])[
        ["panel", "series", "date", "title", "actor", "source_url", "source_ids", "colour"]
    ]
    outcomes = [
        queries.sector_series(metric, "China", basis, filters.years).assign(panel="outcomes", series=label)
        for metric, basis, label in OUTCOMES
    ]
    lines = pd.concat(outcomes, ignore_index=True)
    lines = lines.assign(date=builders.year_to_date(lines["year"]), colour=lines["metric_colour"])[
        ["panel", "series", "date", "year", "value", "basis", "source_url", "source_ids", "colour"]
    ]
    return pd.concat([events, lines], ignore_index=True)


POLICY_AND_OUTCOMES = Chart(
    name="overview-policy-and-outcomes",
    rows=policy_and_outcomes,
    builder=builders.overview_timeline,
    title="As controls tightened, China's electric-car and solar shares kept climbing",
    subtitle="Key events of US and allied controls, China's response and the chip industry (top); "
    "China's NEV share of vehicle sales and solar share of electricity (bottom)",
    columns=("panel", "series", "date", "title", "actor", "year", "value", "basis", "source_url"),
    height=560,
)
