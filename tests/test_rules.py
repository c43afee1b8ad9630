"""The export-control rule engine: boundaries of every threshold, published classifications, and
agreement between the chip_rule_status view and the functions."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import build, rules

DATA = build.DATA_DIR
VERSIONS = rules.rule_versions(
    pd.read_csv(DATA / "rules.csv").to_dict("records"),
    pd.read_csv(DATA / "rule_paragraphs.csv").to_dict("records"),
)


def figures_for(tpp: float, *, pd_: float | None = None, datacenter: bool = True, **extra) -> rules.Figures:
    """Figures with exactly this TPP (INT8 x 8) and, when given, this performance density."""
    die = None if pd_ is None else tpp / pd_
    return rules.Figures(int8_tops=tpp / 8, die_area_mm2=die, datacenter=datacenter, **extra)


def test_tpp_matches_the_rule_text_worked_example() -> None:
    # Technical note to 3A090: 4800 = 600 TOPS at 8 bits = 300 TFLOPS at 16 bits.
    assert rules.tpp(600, 8) == rules.tpp(300, 16) == 4800
    assert rules.chip_tpp(rules.Figures(fp16_tflops=148, int8_tops=296)) == 2368
    assert rules.chip_tpp(rules.Figures()) is None
    assert rules.performance_density(2368, 814) == pytest.approx(2.909, abs=1e-3)
    assert rules.performance_density(2368, None) is None


# ---- us-2023-10 boundaries: just under, at, just over each bound


@pytest.mark.parametrize(
    ("tpp", "pd_", "datacenter", "expected"),
    [
        (4799.99, 2.0, False, None),
        (4800, 2.0, False, "3A090.a.1"),
        (4800.01, 2.0, False, "3A090.a.1"),
        (1599.99, 30.0, True, None),
        (1600, 5.92, True, "3A090.a.2"),
        (1600, 5.9199, True, "3A090.b.2"),
        (2000, 3.2, True, "3A090.b.2"),
        (2000, 3.1999, True, None),
        (2399.99, 2.0, True, None),
        (2400, 1.6, True, "3A090.b.1"),
        (2400, 1.5999, True, None),
        (4799.99, 5.9199, True, "3A090.b.1"),
        (3000, 6.0, False, None),
    ],
)
def test_2023_boundaries(tpp, pd_, datacenter, expected) -> None:
    status = rules.classify(figures_for(tpp, pd_=pd_, datacenter=datacenter), VERSIONS["us-2023-10"])
    assert status.controlled is (expected is not None)
    assert status.eccn == expected
    assert "4,800" in status.reason or "1,600" in status.reason or expected is not None


def oracle_2023(tpp: float, pd_: float, datacenter: bool) -> bool:
    """The 2023 text, written out independently of the data file."""
    if tpp >= 4800:
        return True
    if not datacenter:
        return False
    return (
        (tpp >= 1600 and pd_ >= 5.92)
        or (2400 <= tpp < 4800 and 1.6 <= pd_ < 5.92)
        or (tpp >= 1600 and 3.2 <= pd_ < 5.92)
    )


@settings(max_examples=300, deadline=None)
@given(
    tpp=st.floats(min_value=1, max_value=40000),
    pd_=st.floats(min_value=0.1, max_value=40),
    datacenter=st.booleans(),
)
def test_2023_matches_the_rule_text_everywhere(tpp, pd_, datacenter) -> None:
    figures = rules.Figures(int8_tops=tpp / 8, die_area_mm2=tpp / pd_, datacenter=datacenter)
    computed_pd = rules.performance_density(rules.chip_tpp(figures), figures.die_area_mm2)
    status = rules.classify(figures, VERSIONS["us-2023-10"])
    assert status.controlled == oracle_2023(rules.chip_tpp(figures), computed_pd, datacenter)


@settings(max_examples=200, deadline=None)
@given(tpp=st.floats(min_value=1, max_value=40000), link=st.floats(min_value=1, max_value=2000))
def test_2022_needs_both_performance_and_interconnect(tpp, link) -> None:
    status = rules.classify(figures_for(tpp, interconnect_gbs=link), VERSIONS["us-2022-10"])
    assert status.controlled == (rules.chip_tpp(figures_for(tpp)) >= 4800 and link >= 600)


@pytest.mark.parametrize(
    ("tpp", "link", "expected"),
    [(4799.99, 900, False), (4800, 599.99, False), (4800, 600, True), (4800.01, 600.01, True)],
)
def test_2022_boundaries(tpp, link, expected) -> None:
    assert rules.classify(figures_for(tpp, interconnect_gbs=link), VERSIONS["us-2022-10"]).controlled is expected


@pytest.mark.parametrize(
    ("tpp", "dram", "case_by_case"),
    [(20999.99, 6499.99, True), (21000, 4800, False), (15832, 6500, False), (15832, 4800, True)],
)
def test_2026_case_by_case_boundaries(tpp, dram, case_by_case) -> None:
    status = rules.classify(figures_for(tpp, memory_bw_gbs=dram), VERSIONS["us-2026-01"])
    assert status.controlled is True
    assert status.licence_policy.startswith("Case-by-case") is case_by_case


def test_2024_12_keeps_the_2023_processor_thresholds() -> None:
    for tpp, pd_ in [(4800, 1.0), (1600, 5.92), (2400, 1.6), (1600, 3.2), (1000, 1.0)]:
        figures = figures_for(tpp, pd_=pd_)
        assert (
            rules.classify(figures, VERSIONS["us-2024-12"]).eccn == rules.classify(figures, VERSIONS["us-2023-10"]).eccn
        )


def test_unknown_inputs_are_undetermined_never_guessed() -> None:
    no_die = rules.classify(figures_for(3000), VERSIONS["us-2023-10"])
    assert no_die.controlled is None and "performance density" in no_die.reason
    nothing = rules.classify(rules.Figures(die_area_mm2=500), VERSIONS["us-2023-10"])
    assert nothing.controlled is None and nothing.reason.startswith("Undetermined")
    no_link = rules.classify(figures_for(6000), VERSIONS["us-2022-10"])
    assert no_link.controlled is None and "chip-to-chip" in no_link.reason
    # A known TPP of 4,800 or more decides 3A090.a.1 without the die area.
    assert rules.classify(figures_for(6000), VERSIONS["us-2023-10"]).eccn == "3A090.a.1"


# ---- published classifications, on the chips as stored


@pytest.fixture(scope="module")
def status() -> pd.DataFrame:
    if build.is_stale():
        build.build()
    with duckdb.connect(str(build.DB_PATH), read_only=True) as con:
        return con.execute("SELECT * FROM chip_rule_status").df().set_index(["chip_id", "rule_id"])


PUBLISHED = [
    # (chip, rule, controlled, citation)
    ("nvidia-h20", "us-2023-10", False, "TweakTown: H20 performance density 2.9; Tom's Hardware: 296 TOPS INT8"),
    ("nvidia-h100-sxm", "us-2023-10", True, "SMBOM: H100 performance density 19.4; Nvidia 8-K via GIGAZINE"),
    (
        "nvidia-rtx-4090",
        "us-2023-10",
        True,
        "Fudzilla: 'The original 4090 had a TPP of 5,285'; Nvidia 8-K lists RTX 4090",
    ),
    ("nvidia-rtx-4090d", "us-2023-10", False, "Fudzilla: a 10.94% cut got the card under the limit"),
    ("nvidia-a800-sxm", "us-2022-10", False, "TAdviser: 400 GB/s against the rule's 600 GB/s"),
    ("nvidia-a800-sxm", "us-2023-10", True, "VideoCardz: Nvidia's filing lists the A800 under the October 2023 rule"),
    ("nvidia-h800-sxm", "us-2022-10", False, "Tom's Hardware: H800 interconnect cut below the 2022 line"),
    ("nvidia-h800-sxm", "us-2023-10", True, "Maximum PC: H800 can no longer be exported without a licence"),
    ("nvidia-l4", "us-2023-10", True, "Fudzilla: the density limit stops data-centre cards like the L4"),
    ("nvidia-a100-sxm", "us-2022-10", True, "Shacknews: licence required for A100 exports to China (Aug 2022)"),
]


@pytest.mark.parametrize(("chip", "rule", "controlled", "citation"), PUBLISHED)
def test_published_classifications(status, chip, rule, controlled, citation) -> None:
    assert bool(status.loc[(chip, rule), "controlled"]) is controlled, citation


def test_published_tpp_and_density(status) -> None:
    assert status.loc[("nvidia-h20", "us-2023-10"), "tpp"] == pytest.approx(2368)
    assert status.loc[("nvidia-h20", "us-2023-10"), "performance_density"] == pytest.approx(2.9, abs=0.05)
    assert status.loc[("nvidia-h100-sxm", "us-2023-10"), "performance_density"] == pytest.approx(19.4, abs=0.1)
    assert status.loc[("nvidia-rtx-4090", "us-2023-10"), "tpp"] == pytest.approx(5285, abs=2)


def test_view_and_functions_agree_for_every_chip(status) -> None:
    with duckdb.connect(str(build.DB_PATH), read_only=True) as con:
        chips = con.execute(build.RULE_INPUTS_SQL).df().to_dict("records")
    expected = pd.DataFrame(rules.status_rows(chips, VERSIONS)).set_index(["chip_id", "rule_id"])
    assert set(expected.index) == set(status.index)
    assert len(expected) == len(chips) * len(VERSIONS)
    for key, row in expected.iterrows():
        stored = status.loc[key]
        assert stored["reason"] == row["reason"], key
        assert plain(stored["controlled"]) == plain(row["controlled"]), key
        assert plain(stored["eccn"]) == plain(row["eccn"]), key


def plain(value):
    """None for any kind of missing value, the value otherwise (bool for booleans)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return bool(value) if not isinstance(value, str) else value


def test_one_silicon_has_one_tpp(status) -> None:
    """The A800s share the A100's die and clocks (chip_catalog.compute_as), so the rules give them its TPP."""
    tpps = {
        status.loc[(chip, "us-2023-10"), "tpp"] for chip in ("nvidia-a100-sxm", "nvidia-a800-sxm", "nvidia-a800-pcie")
    }
    assert len(tpps) == 1
    # The A800 PCIe's NVLink is capped at 400 GB/s, so the 2022 rule's interconnect test decides it.
    assert status.loc[("nvidia-a800-pcie", "us-2022-10"), "reason"].startswith(
        "Not controlled: chip-to-chip bandwidth 400"
    )


VERSION_ROWS = [
    {
        "rule_id": "us-2022-10",
        "announced": dt.date(2022, 10, 7),
        "published_fr": dt.date(2022, 10, 13),
        "effective": dt.date(2022, 10, 7),
    },
    {
        "rule_id": "us-2023-10",
        "announced": dt.date(2023, 10, 17),
        "published_fr": dt.date(2023, 10, 25),
        "effective": dt.date(2023, 11, 17),
    },
    {
        "rule_id": "us-2026-01",
        "announced": dt.date(2026, 1, 13),
        "published_fr": dt.date(2026, 1, 15),
        "effective": None,
    },
]


@pytest.mark.parametrize(
    ("as_of", "in_force"),
    [
        (dt.date(2022, 10, 6), None),
        (dt.date(2022, 10, 7), "us-2022-10"),
        (dt.date(2023, 10, 17), "us-2022-10"),  # announced that day, not yet in force
        (dt.date(2023, 11, 16), "us-2022-10"),
        (dt.date(2023, 11, 17), "us-2023-10"),  # the effective date
        (dt.date(2026, 1, 14), "us-2023-10"),
        (dt.date(2026, 1, 15), "us-2026-01"),  # no effective date stored: its publication
    ],
)
def test_the_version_in_force_changes_on_the_effective_date(as_of, in_force) -> None:
    assert rules.version_in_force(VERSION_ROWS, as_of) == in_force


def test_chip_status_on_a_date_flips_when_the_rule_takes_effect() -> None:
    from dashboard.charts import checker
    from dashboard.filters import Filters

    every = Filters()
    before = checker.status_on(every, dt.date(2023, 11, 16)).set_index("Chip")
    after = checker.status_on(every, dt.date(2023, 11, 17)).set_index("Chip")
    # The A800 passed the 2022 test on its 400 GB/s link; the 2023 rule dropped that test.
    assert before.loc["Nvidia A800 SXM", "Status"] == "Not controlled"
    assert after.loc["Nvidia A800 SXM", "Status"].startswith("Controlled")
    on_h20 = checker.status_on(every, dt.date(2025, 5, 1)).set_index("Chip").loc["Nvidia H20"]
    assert on_h20["US licensing"].startswith("Licence required since 14 Apr 2025")
    assert checker.status_on(every, dt.date(2025, 4, 1)).set_index("Chip").loc["Nvidia H20"].isna()["US licensing"]


def test_listed_on_a_date_follows_additions_and_removals() -> None:
    from dashboard import transforms

    rows = pd.DataFrame(
        {
            "list": ["unverified_list", "unverified_list", "entity_list"],
            "entity": ["YMTC", "YMTC", "YMTC"],
            "action": ["added", "removed", "added"],
            "date": pd.to_datetime(["2022-10-07", "2022-12-15", "2022-12-15"]),
            "effective": pd.to_datetime([None, "2022-12-16", "2022-12-16"]),
        }
    )
    assert set(transforms.listed_on(rows, dt.date(2022, 11, 1))["list"]) == {"unverified_list"}
    assert set(transforms.listed_on(rows, dt.date(2022, 12, 15))["list"]) == {"unverified_list"}, (
        "effective the next day"
    )
    assert set(transforms.listed_on(rows, dt.date(2023, 1, 1))["list"]) == {"entity_list"}
    assert transforms.listed_on(rows, dt.date(2022, 1, 1)).empty


def test_nac_covers_3a090b_and_consumer_chips_not_datacenter_3a090a(status) -> None:
    assert status.loc[("nvidia-l40", "us-2023-10"), "licence_exception"].startswith("Licence exception NAC")
    assert status.loc[("nvidia-rtx-4090", "us-2023-10"), "licence_exception"].startswith("Licence exception NAC")
    assert pd.isna(status.loc[("nvidia-h100-sxm", "us-2023-10"), "licence_exception"]), "datacenter 3A090.a"
    assert pd.isna(status.loc[("nvidia-l40", "us-2022-10"), "licence_exception"]), "NAC came with the 2023 rule"


def test_tariff_bands_are_strict_on_both_figures() -> None:
    bands = [rules.TariffBand("1", 14000, 17500, 4500, 5000, 25), rules.TariffBand("2", 20800, 21100, 5800, 6200, 25)]
    assert rules.tariff_band(15832, 4800, bands).band == "1"  # an H200-like TPP with band-1 bandwidth
    assert rules.tariff_band(15832, 4800.0, bands[1:]) is None
    assert rules.tariff_band(14000, 4800, bands) is None, "bounds are strict"
    assert rules.tariff_band(21000, 6000, bands).band == "2"
    assert rules.tariff_band(None, 6000, bands) is None
