"""Chips: one attribute against release date, and the comparison of picked chips. Which attributes can be
plotted, their labels and headlines are data (chip_attributes)."""

from __future__ import annotations

import pandas as pd

from dashboard import builders, queries
from dashboard.chart import Chart
from dashboard.filters import Filters

DEFAULT_COMPARISON = ("nvidia-h100-sxm", "nvidia-h20", "huawei-ascend-910b", "huawei-ascend-910c")


def plottable() -> pd.DataFrame:
    """The attributes the chips page can plot against release date, in picker order."""
    attributes = queries.chip_attributes()
    return attributes[attributes["plot_name"].notna()].set_index("attribute")


def by_release_date(attribute: str) -> Chart:
    """One chip attribute against release date, for the vendors and years chosen."""
    about = plottable().loc[attribute]

    def rows(filters: Filters) -> pd.DataFrame:
        return queries.chips_with(attribute, queries.vendors_among(filters.companies), filters.years)

    return Chart(
        name=about["plot_name"],
        rows=rows,
        builder=builders.spec_scatter,
        title=about["plot_headline"],
        subtitle=f"{about['label']}, log scale; open diamonds are China variants",
        columns=("name", "vendor", "release_date", "china_variant", "value", "has_estimates"),
        time_axis=True,
        height=520,
        options={"axis_title": about["short_label"]},
    )


def compared(filters: Filters) -> pd.DataFrame:
    values = queries.chip_values(filters.choice("compare", ()))
    return values[values["compare"] & values["value_num"].notna()].assign(value=lambda v: v["value_num"])


COMPARISON = Chart(
    name="chip-comparison",
    rows=compared,
    builder=builders.chip_comparison,
    title="How the picked chips compare",
    subtitle="Blank where no source gives a figure",
    columns=("chip_id", "name", "vendor", "attribute", "value", "confidence", "source_url"),
    height=lambda rows: 220 + 150 * rows["attribute"].nunique(),
    empty_text="None of the picked chips has a comparable figure.",
)
