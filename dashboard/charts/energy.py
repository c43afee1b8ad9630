"""Solar and EVs: one measure at a time (dashboard/measures.py), absolute or as China's share of the world."""

from __future__ import annotations

import pandas as pd

from dashboard import builders, queries, transforms
from dashboard.chart import Chart, Drawn
from dashboard.filters import Filters
from dashboard.measures import MEASURES, Measure

DEFAULT_MEASURE = "solar-added"
DEFAULT_REGIONS = ("World", "United States", "European Union")
PARTIAL = " · "


def lines(measure: Measure, filters: Filters) -> pd.DataFrame:
    """The lines of a measure: China and the chosen regions on the measure's bases, or, for a measure of
    several metrics (China's NEV sales and exports), one line per metric."""
    stats = partial_years_apart(queries.sector(measure.metrics, filters.years))
    if len(measure.metrics) > 1:
        drawn = stats.assign(region=stats["metric_label"], colour=stats["metric_colour"])
        return drawn[drawn["basis"].str.split(PARTIAL).str[0].isin(measure.bases["China"])]
    regions = ("China", *filters.choice("regions", DEFAULT_REGIONS))
    wanted = [
        region in regions and basis.split(PARTIAL)[0] in measure.bases.get(region, measure.bases.get("*", ()))
        for region, basis in zip(stats["region"], stats["basis"], strict=True)
    ]
    return stats[wanted].assign(colour=stats["region_colour"])


def partial_years_apart(stats: pd.DataFrame) -> pd.DataFrame:
    """Figures for part of a year get a line of their own ("CAAM ... · Jan-Feb only"), drawn hollow, so a
    partial year is never joined to the whole years before it."""
    partial = stats["period"] != "year"
    return stats.assign(basis=stats["basis"].where(~partial, stats["basis"] + PARTIAL + stats["period"] + " only"))


def china_share(measure: Measure, filters: Filters) -> pd.DataFrame:
    stats = queries.sector(measure.metrics, filters.years)
    shares = transforms.china_share_of_world(stats[stats["basis"] == measure.share_basis])
    return shares.assign(
        region="China's share of world", value=shares["share_pct"], confidence="derived", unit="percent", colour=None
    )


def measure_chart(key: str, as_share: bool = False) -> Chart:
    measure = MEASURES[key]

    def headline(drawn: Drawn) -> str:
        stats = queries.sector(measure.metrics, drawn.filters.years)
        return measure.title(stats[stats["basis"] == measure.share_basis] if as_share else stats, as_share)

    if as_share:
        return Chart(
            name=f"{key}-china-share-of-world",
            rows=lambda filters: china_share(measure, filters),
            builder=builders.region_lines,
            title=headline,
            subtitle=f"China as a percentage of the world; {measure.description} ({measure.share_basis})",
            columns=("year", "basis", "China", "World", "share_pct"),
            time_axis=True,
            options={"unit_title": "Percent of world", "percent": True},
        )
    percent = measure.unit == "percent"
    return Chart(
        name=key,
        rows=lambda filters: lines(measure, filters),
        builder=builders.region_lines,
        title=headline,
        subtitle=measure.subtitle,
        columns=("metric", "region", "year", "value", "unit", "basis", "confidence", "source_url"),
        time_axis=True,
        options={"unit_title": "Percent" if percent else measure.unit, "percent": percent},
        empty_text="No data for this measure in the chosen years.",
    )
