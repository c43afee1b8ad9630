"""Export-control math: Total Processing Performance, performance density, and the status of a
chip's figures under each version of the US thresholds (ECCN 3A090). Pure: no Streamlit, no DuckDB.

The thresholds are data (data/rule_paragraphs.csv); these functions are the one implementation of
the formulas, used by the build (the chip_rule_status view), the checker page and its calculator.
Interpretations, written down in data/README.md ("Export-control rules"):
- TPP is taken at the precision that gives the highest value (dense throughput x bit length).
- Performance density uses the die area stored for the chip (sum of its logic dies).
- A bound that needs an unknown figure is undetermined, never guessed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

BIT_LENGTHS = {"fp16_tflops": 16, "fp8_tflops": 8, "int8_tops": 8}


@dataclass(frozen=True)
class Figures:
    """What the rules look at in a chip (None = not known)."""

    fp16_tflops: float | None = None
    fp8_tflops: float | None = None
    int8_tops: float | None = None
    die_area_mm2: float | None = None
    interconnect_gbs: float | None = None
    memory_bw_gbs: float | None = None
    datacenter: bool = True
    other: tuple[tuple[float, int], ...] = ()  # (dense throughput, bit length) at other precisions


@dataclass(frozen=True)
class Paragraph:
    rule_id: str
    paragraph: str
    outcome: str  # "controlled" or "case_by_case"
    scope: str  # "any" or "datacenter"
    tpp_min: float | None = None
    tpp_below: float | None = None
    pd_min: float | None = None
    pd_below: float | None = None
    interconnect_min_gbs: float | None = None
    dram_bw_below_gbs: float | None = None


@dataclass(frozen=True)
class LicenceException:
    """A licence exception that comes with a rule version: a controlled chip qualifies unless it is of the
    excluded scope and controlled under the excluded paragraph (NAC: not datacenter chips under 3A090.a)."""

    rule_id: str
    exception: str
    excludes_paragraph: str
    excludes_scope: str  # "any" or "datacenter"
    notice_days: int | None = None
    destinations: str = ""


@dataclass(frozen=True)
class RuleVersion:
    rule_id: str
    paragraphs: tuple[Paragraph, ...] = field(default_factory=tuple)
    exceptions: tuple[LicenceException, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Status:
    rule_id: str
    tpp: float | None
    performance_density: float | None
    controlled: bool | None  # None: undetermined
    eccn: str | None
    reason: str
    licence_policy: str | None = None
    licence_exception: str | None = None


def tpp(throughput: float, bit_length: int) -> float:
    """Total Processing Performance: 2 x MacTOPS x bit length, where 2 x MacTOPS is the dense
    TOPS or TFLOPS figure of a datasheet (TPP 4,800 = 600 TOPS at 8 bits = 300 TFLOPS at 16 bits)."""
    return throughput * bit_length


def chip_tpp(figures: Figures) -> float | None:
    """The highest TPP over the precisions a chip has figures for, or None when it has none."""
    values = [
        tpp(value, bits)
        for name, bits in BIT_LENGTHS.items()
        if (value := getattr(figures, name)) is not None and not _missing(value)
    ] + [tpp(value, bits) for value, bits in figures.other if not _missing(value)]
    return max(values) if values else None


def performance_density(total: float | None, die_area_mm2: float | None) -> float | None:
    if total is None or die_area_mm2 is None or _missing(die_area_mm2) or die_area_mm2 <= 0:
        return None
    return total / die_area_mm2


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.2f}"


NAMES = {
    "tpp": "TPP",
    "pd": "performance density",
    "interconnect": "chip-to-chip bandwidth",
    "dram": "DRAM bandwidth",
}
UNITS = {"tpp": "", "pd": "", "interconnect": " GB/s", "dram": " GB/s"}
DATACENTER_ONLY = " only chips designed or marketed for datacenters"


def _conditions(p: Paragraph) -> list[tuple[str, str, float]]:
    """(measure, comparison, bound) for every bound the paragraph sets."""
    pairs = [
        ("tpp", ">=", p.tpp_min),
        ("tpp", "<", p.tpp_below),
        ("pd", ">=", p.pd_min),
        ("pd", "<", p.pd_below),
        ("interconnect", ">=", p.interconnect_min_gbs),
        ("dram", "<", p.dram_bw_below_gbs),
    ]
    return [(measure, op, bound) for measure, op, bound in pairs if bound is not None and not _missing(bound)]


def evaluate(p: Paragraph, measures: Mapping[str, float | None], datacenter: bool) -> tuple[bool | None, str]:
    """Whether the paragraph applies (None when a needed figure is unknown), and why, in words."""
    if p.scope == "datacenter" and not datacenter:
        return False, f"{p.paragraph} covers{DATACENTER_ONLY}"
    met, unknown = [], []
    for measure, op, bound in _conditions(p):
        value = measures.get(measure)
        if value is None:
            if NAMES[measure] not in unknown:
                unknown.append(NAMES[measure])
            continue
        holds = value >= bound if op == ">=" else value < bound
        text = f"{NAMES[measure]} {_fmt(value)}{UNITS[measure]}"
        if not holds:
            sign = "<" if op == ">=" else ">="
            return False, f"{text} {sign} {_fmt(bound)}{UNITS[measure]} ({p.paragraph})"
        met.append(f"{text} {'≥' if op == '>=' else '<'} {_fmt(bound)}{UNITS[measure]}")
    if unknown:
        return None, f"{p.paragraph} needs {' and '.join(unknown)}, not known"
    return True, f"{p.paragraph}: " + ", ".join(met)


def classify(figures: Figures, rule: RuleVersion) -> Status:
    """The status of a chip's figures under one rule version, with a one-line reason."""
    total = chip_tpp(figures)
    density = performance_density(total, figures.die_area_mm2)
    measures = {
        "tpp": total,
        "pd": density,
        "interconnect": None if _missing(figures.interconnect_gbs) else figures.interconnect_gbs,
        "dram": None if _missing(figures.memory_bw_gbs) else figures.memory_bw_gbs,
    }
    if total is None:
        return Status(rule.rule_id, None, density, None, None, "Undetermined: no throughput figure, so TPP is unknown")
    controls = [p for p in rule.paragraphs if p.outcome == "controlled"]
    results = [(p, *evaluate(p, measures, figures.datacenter)) for p in controls]
    held = [(p, why) for p, applies, why in results if applies is True]
    if held:
        paragraph, why = held[0]
        return Status(
            rule.rule_id,
            total,
            density,
            True,
            paragraph.paragraph,
            why,
            _licence_policy(rule, measures),
            licence_exception(rule, paragraph.paragraph, figures.datacenter),
        )
    open_questions = [why for _, applies, why in results if applies is None]
    if open_questions:
        return Status(rule.rule_id, total, density, None, None, "Undetermined: " + "; ".join(open_questions))
    out_of_scope = [p.paragraph for p, _, why in results if why.endswith(DATACENTER_ONLY)]
    reasons = [why for _, _, why in results if not why.endswith(DATACENTER_ONLY)]
    if out_of_scope:
        reasons.append(f"{', '.join(out_of_scope)} {'cover' if len(out_of_scope) > 1 else 'covers'}{DATACENTER_ONLY}")
    return Status(rule.rule_id, total, density, False, None, "Not controlled: " + "; ".join(reasons))


def licence_exception(rule: RuleVersion, eccn: str, datacenter: bool) -> str | None:
    """The licence exception a chip controlled under `eccn` may ship under, in words, or None."""
    for exception in rule.exceptions:
        excluded = eccn.startswith(exception.excludes_paragraph) and (
            exception.excludes_scope == "any" or (exception.excludes_scope == "datacenter" and datacenter)
        )
        if not excluded:
            notice = f"notify BIS {exception.notice_days} days before export" if exception.notice_days else "no licence"
            return f"Licence exception {exception.exception}: {notice} to {exception.destinations}"
    return None


@dataclass(frozen=True)
class TariffBand:
    band: str
    tpp_above: float
    tpp_below: float
    dram_bw_above_gbs: float
    dram_bw_below_gbs: float
    rate_pct: float


def tariff_band(total: float | None, dram: float | None, bands: Iterable[TariffBand]) -> TariffBand | None:
    """The January 2026 Section 232 band a chip with this TPP and DRAM bandwidth falls in (both bounds
    strict), or None; None too when either figure is unknown."""
    if _missing(total) or _missing(dram):
        return None
    return next(
        (b for b in bands if b.tpp_above < total < b.tpp_below and b.dram_bw_above_gbs < dram < b.dram_bw_below_gbs),
        None,
    )


def _licence_policy(rule: RuleVersion, measures: Mapping[str, float | None]) -> str | None:
    for p in rule.paragraphs:
        if p.outcome != "case_by_case":
            continue
        applies, why = evaluate(p, measures, datacenter=True)
        if applies is True:
            return f"Case-by-case licence review for China and Macau ({why.split(': ', 1)[1]})"
        if applies is False:
            return f"Outside the case-by-case policy: {why.rsplit(' (', 1)[0]}"
        return "Case-by-case policy undetermined: " + why.split(" needs ", 1)[1]
    return None


def rule_versions(
    rules: Iterable[Mapping], paragraphs: Iterable[Mapping], exceptions: Iterable[Mapping] = ()
) -> dict[str, RuleVersion]:
    """Rule versions from table rows, with each version's inherited paragraphs (and licence exceptions) first."""
    own: dict[str, list[Paragraph]] = {}
    for row in paragraphs:
        values = {k: (None if _missing(row.get(k)) else row.get(k)) for k in Paragraph.__dataclass_fields__}
        own.setdefault(row["rule_id"], []).append(Paragraph(**values))
    own_exceptions: dict[str, list[LicenceException]] = {}
    for row in exceptions:
        values = {k: (None if _missing(row.get(k)) else row.get(k)) for k in LicenceException.__dataclass_fields__}
        values["notice_days"] = int(values["notice_days"]) if values["notice_days"] is not None else None
        own_exceptions.setdefault(row["rule_id"], []).append(LicenceException(**values))
    parents = {row["rule_id"]: (None if _missing(row.get("inherits")) else row.get("inherits")) for row in rules}

    def chain(rule_id: str, held: dict) -> list:
        parent = parents.get(rule_id)
        return (chain(parent, held) if parent else []) + held.get(rule_id, [])

    return {
        rule_id: RuleVersion(rule_id, tuple(chain(rule_id, own)), tuple(chain(rule_id, own_exceptions)))
        for rule_id in parents
    }


def figures_for_throughput(
    throughput: float,
    bit_length: int,
    die_area_mm2: float | None = None,
    interconnect_gbs: float | None = None,
    memory_bw_gbs: float | None = None,
    datacenter: bool = True,
) -> Figures:
    """Figures from one dense throughput at one bit length, as a user types them in."""
    return Figures(
        die_area_mm2=die_area_mm2,
        interconnect_gbs=interconnect_gbs,
        memory_bw_gbs=memory_bw_gbs,
        datacenter=datacenter,
        other=((throughput, bit_length),),
    )


def figures_from(row: Mapping) -> Figures:
    def number(name: str) -> float | None:
        value = row.get(name)
        return None if _missing(value) else float(value)

    return Figures(
        fp16_tflops=number("fp16_tflops"),
        fp8_tflops=number("fp8_tflops"),
        int8_tops=number("int8_tops"),
        die_area_mm2=number("die_area_mm2"),
        interconnect_gbs=number("interconnect_gbs"),
        memory_bw_gbs=number("memory_bw_gbs"),
        datacenter=bool(row.get("datacenter")),
    )


def status_rows(chips: Sequence[Mapping], versions: Mapping[str, RuleVersion]) -> list[dict]:
    """One row per chip and rule version, as stored in rule_status. A chip classified on another chip's
    throughput (`compute_as_name`, same die and clocks) says so in its reason."""
    rows = []
    for chip in chips:
        figures = figures_from(chip)
        shared = chip.get("compute_as_name")
        for rule_id, version in versions.items():
            status = classify(figures, version)
            if shared and not _missing(shared):
                status = replace(status, reason=f"{status.reason} (throughput of the {shared}: same die and clocks)")
            rows.append({"chip_id": chip["chip_id"], **status.__dict__, "rule_id": rule_id})
    return rows


def version_in_force(versions: Iterable[Mapping], as_of) -> str | None:
    """The rule version in force on a date: the one with the latest effective date on or before it (its
    Federal Register publication, then its announcement, where no effective date is stored). None before
    the first. A version takes effect on its effective date, not on its announcement."""
    started = []
    for row in versions:
        start = next((row.get(k) for k in ("effective", "published_fr", "announced") if not _missing(row.get(k))), None)
        if start is not None and _as_date(start) <= _as_date(as_of):
            started.append((_as_date(start), row["rule_id"]))
    return max(started)[1] if started else None


def _as_date(value):
    return value.date() if hasattr(value, "date") and callable(value.date) else value
