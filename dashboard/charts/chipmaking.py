"""Chipmaking: China's best process against the leading edge, the growth of the firms the controls aimed at,
the trade in chips and tools, and Huawei's phone chips. One chart at a time, behind the page's picker."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import builders, queries, transforms
from dashboard.chart import Chart, Drawn
from dashboard.filters import Filters


def node_rows(filters: Filters) -> pd.DataFrame:
    low, high = filters.years
    return queries.node_steps((max(low, 2014), high))


def claims(filters: Filters) -> dict[str, pd.DataFrame]:
    nodes = queries.process_nodes()
    years = pd.to_datetime(nodes["date"]).dt.year
    shown = nodes[(nodes["planned"] | (nodes["confidence"] == "estimate")) & years.between(*filters.years)]
    return {"claims": shown}


NODES = Chart(
    name="process-nodes",
    rows=node_rows,
    builder=builders.node_steps,
    layers=claims,
    title=lambda drawn: (
        transforms.node_gap_headline(drawn.rows) or "China's best logic process against the leading edge"
    ),
    subtitle="Smallest process class in production by the end of each year: SMIC, and the best of TSMC, Samsung and "
    "Intel; hollow points are claims and plans",
    columns=("side", "year", "class_nm", "name", "maker", "first_product", "years_behind"),
    time_axis=True,
    empty_text="No process data in the chosen years.",
)


@dataclass(frozen=True)
class Series:
    """A picker choice of the page drawn as lines: metrics of sector_stats, full years only."""

    label: str
    metrics: tuple[str, ...]
    unit_title: str
    subtitle: str
    headline: str  # a change headline: {first_year}, {first}, {last_year}, {last} of the first metric
    scale: float = 1.0  # the values are divided by it for the headline ({first} and {last})
    by_region: bool = False  # one line per region (Taiwan's exports) rather than per metric


SERIES = {
    "smic": Series(
        "SMIC revenue and capex",
        ("smic_revenue_usd", "smic_capex_usd", "smic_net_income_usd"),
        "US dollars",
        "SMIC's revenue, capital expenditure and net income by calendar year (IFRS)",
        "SMIC's revenue went from ${first:.1f} bn in {first_year} to ${last:.1f} bn in {last_year}",
        1e9,
    ),
    "smic-capacity": Series(
        "SMIC capacity",
        ("smic_capacity_wpm",),
        "Wafers per month (8-inch equivalent)",
        "SMIC's monthly capacity at year end, in 8-inch-equivalent wafers",
        "SMIC's capacity went from {first:,.0f} to {last:,.0f} thousand wafers a month ({first_year}-{last_year})",
        1e3,
    ),
    "smic-china-share": Series(
        "China's share of SMIC",
        ("smic_china_revenue_share_pct",),
        "Percent of revenue",
        "Share of SMIC's revenue from customers in China; SMIC reports it on more than one regional basis",
        "China's share of SMIC's revenue went from {first:.0f}% in {first_year} to {last:.0f}% in {last_year}",
    ),
    "huawei": Series(
        "Huawei revenue",
        ("huawei_revenue_cny", "huawei_net_profit_cny"),
        "Yuan",
        "Huawei's revenue and net profit by calendar year (annual reports)",
        "Huawei's revenue went from {first:,.0f} bn yuan in {first_year} to {last:,.0f} bn yuan in {last_year}",
        1e9,
    ),
    "cambricon": Series(
        "Cambricon revenue",
        ("cambricon_revenue_cny", "cambricon_net_profit_cny"),
        "Yuan",
        "Cambricon's revenue and net profit by calendar year; a negative profit is a loss",
        "Cambricon's revenue went from {first:,.2f} bn yuan in {first_year} to {last:,.2f} bn yuan in {last_year}",
        1e9,
    ),
    "ic-trade": Series(
        "China's chip trade",
        ("china_ic_imports_usd", "china_ic_exports_usd"),
        "US dollars",
        "China's imports and exports of integrated circuits (customs, HS 8542)",
        "China imported ${last:,.0f} bn of chips in {last_year}, against ${first:,.0f} bn in {first_year}",
        1e9,
    ),
    "taiwan": Series(
        "Taiwan's chips to China",
        ("taiwan_ic_exports_usd",),
        "US dollars",
        "Taiwan's exports of integrated circuits to mainland China and to Hong Kong (Taiwan customs, derived)",
        "Taiwan's chip exports to mainland China went from ${first:,.1f} bn in {first_year} to ${last:,.1f} bn in "
        "{last_year}",
        1e9,
        by_region=True,
    ),
    "tools": Series(
        "Toolmakers' China share",
        (
            "asml_china_revenue_share_pct",
            "amat_china_revenue_share_pct",
            "lam_china_revenue_share_pct",
            "tel_china_revenue_share_pct",
            "kla_china_revenue_share_pct",
        ),
        "Percent of revenue",
        "Share of each toolmaker's revenue from China in the years its filings or results state it; fiscal years "
        "differ (see the CSV)",
        "China's share of ASML's sales went from {first:.0f}% in {first_year} to {last:.0f}% in {last_year}",
    ),
}


def series_rows(series: Series, filters: Filters) -> pd.DataFrame:
    stats = transforms.full_years(queries.sector(series.metrics, filters.years))
    if series.by_region:
        return stats.assign(colour=stats["region_colour"])
    return stats.assign(region=stats["metric_label"], colour=stats["metric_colour"])


def series_title(series: Series, drawn: Drawn) -> str:
    """The change in the first metric's China line (on its most common basis) over the years shown."""
    stats = transforms.full_years(queries.sector(series.metrics[:1], drawn.filters.years))
    stats = stats[stats["region"] == "China"]
    found = (
        transforms.first_and_last(stats, series.metrics[0], "China", stats["basis"].mode().iloc[0])
        if not stats.empty
        else None
    )
    if found is None:
        return series.subtitle
    (first_year, first), (last_year, last) = found
    return series.headline.format(
        first_year=first_year, first=first / series.scale, last_year=last_year, last=last / series.scale
    )


def series_chart(key: str) -> Chart:
    series = SERIES[key]
    percent = series.unit_title.startswith("Percent")
    return Chart(
        name=f"chipmaking-{key}",
        rows=lambda filters: series_rows(series, filters),
        builder=builders.region_lines,
        title=lambda drawn: series_title(series, drawn),
        subtitle=series.subtitle,
        columns=(
            "metric",
            "metric_label",
            "region",
            "year",
            "value",
            "unit",
            "basis",
            "confidence",
            "note",
            "source_url",
        ),
        time_axis=True,
        options={"unit_title": series.unit_title, "percent": percent},
        empty_text="No figures for this measure in the chosen years.",
    )


def soc_rows(filters: Filters) -> pd.DataFrame:
    socs = queries.phone_socs().dropna(subset=["date"])
    socs = socs[pd.to_datetime(socs["date"]).dt.year.between(*filters.years)]
    return socs.assign(
        foundry_group=socs["foundry"].str.split(" ").str[0],
        node_label=socs["node"].str.replace(r"\s*\(.*\)", "", regex=True),
        die_area_text=[f"<br>die {a:.0f} mm²" if pd.notna(a) else "" for a in socs["die_area_mm2"]],
    )


PHONES = Chart(
    name="huawei-phone-chips",
    rows=soc_rows,
    builder=builders.soc_chart,
    title=lambda drawn: (
        f"{(drawn.rows['foundry_group'] == 'SMIC').sum()} of Huawei's {len(drawn.rows)} Kirin chips "
        "shown were made by SMIC"
    ),
    subtitle="Huawei's Kirin chips by device launch, on the process teardowns found them made on",
    columns=("chip", "foundry", "node", "die_area_mm2", "device", "date", "evidence", "source_url"),
    time_axis=True,
    height=380,
    empty_text="No phone chips in the chosen years.",
)

VIEWS = {
    "nodes": "Process nodes",
    **{key: series.label for key, series in SERIES.items()},
    "phones": "Huawei's phone chips",
}


def chart_for(view: str) -> Chart:
    if view == "nodes":
        return NODES
    if view == "phones":
        return PHONES
    return series_chart(view)
