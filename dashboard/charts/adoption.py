"""Adoption: who adopted which chips, Huawei's Ascend output estimates, Nvidia's China revenue."""

from __future__ import annotations

import pandas as pd

from dashboard import builders, queries, transforms
from dashboard.chart import Chart, Drawn
from dashboard.filters import Filters


def records(filters: Filters) -> pd.DataFrame:
    return transforms.describe_adoption(queries.adoption(filters.companies, filters.years))


def records_title(drawn: Drawn) -> str:
    vendors = drawn.rows["vendor"].value_counts()
    return (
        f"{vendors.get('Huawei', 0)} Huawei and {vendors.get('Nvidia', 0)} Nvidia records: Chinese buyers "
        "hedge between both"
    )


RECORDS = Chart(
    name="adoption-by-company",
    rows=records,
    builder=builders.adoption_timeline,
    title=records_title,
    subtitle="Adoption records by company and chip vendor; hollow markers are estimates",
    columns=(
        "date",
        "company",
        "vendor",
        "chip_label",
        "kind",
        "units",
        "units_low",
        "units_high",
        "value_usd",
        "confidence",
        "summary",
        "source_url",
    ),
    time_axis=True,
    height=lambda rows: 200 + 26 * rows["company_label"].nunique(),
    empty_text="No adoption records match these filters.",
)


def ascend_output(filters: Filters) -> pd.DataFrame:
    return transforms.output_estimates(queries.adoption(("Huawei",), filters.years))


def ascend_output_title(drawn: Drawn) -> str:
    widest = transforms.widest_disagreement(drawn.rows)
    if widest is None:
        return "Estimates of Huawei's Ascend output, one point per source"
    return "Estimates of Huawei's Ascend output for {} range from {:,.0f} to {:,.0f} chips".format(*widest)


ASCEND_OUTPUT = Chart(
    name="huawei-ascend-output-estimates",
    rows=ascend_output,
    builder=builders.estimate_ranges,
    title=ascend_output_title,
    subtitle="Ascend chips produced or planned per year, one point per source; triangles are stated bounds",
    columns=("year", "point", "bound", "publisher", "summary", "source_url"),
    options={"unit_label": "Ascend chips per year"},
    empty_text="No output estimates in the chosen years.",
)


def nvidia_revenue(filters: Filters) -> pd.DataFrame:
    stats = queries.sector(["nvidia_china_revenue_usd", "nvidia_total_revenue_usd"], filters.years)
    return transforms.nvidia_revenue(stats)


NVIDIA_REVENUE = Chart(
    name="nvidia-china-revenue",
    rows=nvidia_revenue,
    builder=builders.revenue_bars,
    title="Nvidia's revenue from China grew, then shrank as a share of a booming total",
    subtitle="Revenue billed to China (incl. Hong Kong) by Nvidia fiscal year; gaps where no source was found",
    columns=("fiscal_label", "china_bn", "total_bn", "share_pct", "source_url"),
    time_axis=True,
    empty_text="No revenue figures in the chosen years.",
)

VIEWS = {
    "records": ("Who adopted which chips", RECORDS),
    "ascend-output": ("Huawei's Ascend output", ASCEND_OUTPUT),
    "nvidia-revenue": ("Nvidia's China revenue", NVIDIA_REVENUE),
}
