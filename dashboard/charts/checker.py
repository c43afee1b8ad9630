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
    "licence_exception",
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
                "licence exception": result.licence_exception,
                "rule source": versions.loc[version_id, "source_url"],
                "wording from": ", ".join(queries.rule_zones(version_id)["publisher"].drop_duplicates()),
            }
        )
    return answers


def tariff_bands(as_of=None) -> list[rules.TariffBand]:
    """The January 2026 tariff bands (those in effect on `as_of`, when given)."""
    fields = rules.TariffBand.__dataclass_fields__
    return [
        rules.TariffBand(**{k: b[k] for k in fields})
        for b in queries.tariff_bands_table()
        if as_of is None or pd.Timestamp(b["effective"]) <= pd.Timestamp(as_of)
    ]


def tariff_band_of(total: float | None, dram: float | None) -> rules.TariffBand | None:
    return rules.tariff_band(total, dram, tariff_bands())


def rule_in_force(as_of) -> str | None:
    return rules.version_in_force(queries.rule_versions_table().to_dict("records"), as_of)


def in_force_caption(rule_id: str | None) -> str:
    if rule_id is None:
        return "No version of the 3A090 thresholds was in force yet (the first took effect on 7 October 2022)."
    version = queries.rule_versions_table().set_index("rule_id").loc[rule_id]
    started = version["effective"] if version["effective"] is not None else version["announced"]
    return f"In force: {version['title']} (effective {started:%d %B %Y}, {version['fr_citation']})."


def status_on(filters: Filters, as_of) -> pd.DataFrame:
    """Each chip's status under the rule version in force on a date, with the licensing turns then in force
    on each side (the latest US and Chinese turn on or before the date)."""
    rule_id = rule_in_force(as_of)
    status = statuses(filters)
    chips = status.drop_duplicates("chip_id")[["chip_id", "name", "vendor"]]
    if rule_id is not None:
        chips = chips.merge(
            status[status["rule_id"] == rule_id][
                ["chip_id", "status_text", "reason", "licence_policy", "licence_exception", "tpp", "memory_bw_gbs"]
            ],
            on="chip_id",
        )
    else:
        chips = chips.assign(
            status_text="Not controlled (no 3A090 rule yet)",
            reason="",
            licence_policy=None,
            licence_exception=None,
            tpp=None,
            memory_bw_gbs=None,
        )
    bands = tariff_bands(as_of)
    chips["US import tariff"] = [
        f"Band {band.band}: {band.rate_pct:.0f}% (Section 232, unless exempt)" if band else None
        for band in (rules.tariff_band(t, d, bands) for t, d in zip(chips["tpp"], chips["memory_bw_gbs"], strict=True))
    ]
    chips = chips.drop(columns=["tpp", "memory_bw_gbs"])
    turns = transforms.in_force(queries.licensing_turns(chips["chip_id"]), as_of, ["chip_id", "jurisdiction"])
    for side, column in (("United States", "US licensing"), ("China", "China's stance")):
        mine = turns[turns["jurisdiction"] == side]
        text = mine["status_label"] + " since " + mine["date"].dt.strftime("%d %b %Y") + ": " + mine["terms"]
        chips[column] = chips["chip_id"].map(dict(zip(mine["chip_id"], text, strict=True)))
    return chips.drop(columns=["chip_id"]).rename(
        columns={
            "name": "Chip",
            "vendor": "Vendor",
            "status_text": "Status",
            "reason": "Why",
            "licence_policy": "Licence policy",
        }
    )
