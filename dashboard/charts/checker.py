"""Export-control checker: chips on TPP against performance density, over the zones of one rule version."""

from __future__ import annotations

import pandas as pd

from dashboard import builders, queries, rules, transforms
from dashboard.chart import Chart
from dashboard.filters import Filters

DEFAULT_RULE = "us-2023-10"


def statuses(filters: Filters) -> pd.DataFrame:
    """Every chip of the chosen vendors and years under every rule version, with its status in words."""
    status = queries.rule_status(queries.vendors_among(filters.companies), filters.years)
    return status.assign(
        status_text=[transforms.status_text(c, e) for c, e in zip(status["controlled"], status["eccn"], strict=True)]
    )


def under_rule(filters: Filters) -> pd.DataFrame:
    """The chips under the chosen rule version; China variants and Huawei's chips are labelled."""
    status = statuses(filters)
    chosen = status[status["rule_id"] == filters.choice("rule", DEFAULT_RULE)]
    return chosen.assign(label=chosen["short_name"].where(chosen["china_variant"] | chosen["vendor"].eq("Huawei"), ""))


def on_map(filters: Filters) -> pd.DataFrame:
    return under_rule(filters).dropna(subset=["tpp", "performance_density"])


def zones(filters: Filters) -> dict[str, pd.DataFrame]:
    return {"paragraphs": queries.rule_zones(filters.choice("rule", DEFAULT_RULE))}


def threshold_map(rule_id: str) -> Chart:
    return Chart(
        name=f"export-control-map-{rule_id}",
        rows=on_map,
        builder=builders.threshold_map,
        layers=zones,
        title=lambda drawn: drawn.rows["rule_headline"].iloc[0],
        subtitle=lambda drawn: (
            f"{drawn.rows['rule_title'].iloc[0]}; circles datacenter chips, squares consumer chips, "
            "open diamonds China variants"
        ),
        columns=("name", "vendor", "rule_id", "tpp", "performance_density", "controlled", "eccn", "reason"),
        height=560,
    )


STATUS_COLUMNS = (
    "chip_id",
    "name",
    "vendor",
    "rule_id",
    "tpp",
    "performance_density",
    "controlled",
    "eccn",
    "reason",
    "licence_policy",
)


def calculator_answers(figures: rules.Figures) -> list[dict]:
    """The status of typed-in figures under every rule version, with the rule's source."""
    versions = queries.rule_versions_table().set_index("rule_id")
    answers = []
    for version_id, version in queries.rule_versions().items():
        result = rules.classify(figures, version)
        answers.append(
            {
                "rule": version_id,
                "status": transforms.status_text(result.controlled, result.eccn),
                "reason": result.reason,
                "licence policy": result.licence_policy,
                "rule source": versions.loc[version_id, "source_url"],
                "wording from": ", ".join(queries.rule_zones(version_id)["publisher"].drop_duplicates()),
            }
        )
    return answers
