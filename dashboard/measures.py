"""The measures the Solar and EVs page can draw: metrics, statistical bases, and headlines computed from
the figures shown, so a title never states a number the chart does not hold."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard import transforms

Headline = Callable[[pd.DataFrame], "str | None"]


def latest(text: str, metric: str, regions: Sequence[str], basis: str) -> Headline:
    """A headline from the latest year in which every region has a value: `text` may use {year}, {v0},
    {v1}, ... (the regions' values in order) and, for two regions, {ratio} and {share} (percent)."""

    def headline(stats: pd.DataFrame) -> str | None:
        found = transforms.latest_common_year(stats, metric, regions, basis)
        if found is None:
            return None
        year, values = found
        named = {f"v{i}": value for i, value in enumerate(values)}
        if len(values) == 2 and values[1]:
            named |= {"ratio": values[0] / values[1], "share": 100 * values[0] / values[1]}
        return text.format(year=year, **named)

    return headline


def change(text: str, metric: str, region: str, basis: str) -> Headline:
    """A headline from the first and last year of one series: `text` may use {first_year}, {first},
    {last_year}, {last}, and {first_millions} and {last_millions}."""

    def headline(stats: pd.DataFrame) -> str | None:
        found = transforms.first_and_last(stats, metric, region, basis)
        if found is None:
            return None
        (first_year, first), (last_year, last) = found
        return text.format(
            first_year=first_year,
            first=first,
            last_year=last_year,
            last=last,
            first_millions=first / 1e6,
            last_millions=last / 1e6,
        )

    return headline


@dataclass(frozen=True)
class Measure:
    """One choice of the Solar and EVs picker: what is drawn, on which statistical bases, and its headlines."""

    label: str  # the picker's short name
    metrics: tuple[str, ...]
    bases: dict  # region -> bases drawn; "*" for every other region
    share_basis: str | None  # the basis on which China and World both exist, for "share of world"
    headline: Headline
    share_headline: Headline | None
    subtitle: str
    unit: str

    @property
    def description(self) -> str:
        """What is drawn, in plain words: the subtitle up to its unit."""
        return self.subtitle.split(",")[0]

    def title(self, stats: pd.DataFrame, as_share: bool = False) -> str:
        """The headline for the figures in `stats`; the plain description when they cannot support it."""
        found = (self.share_headline if as_share else self.headline)(stats)
        return found or self.description


IRENA, NEA, EMBER, IEA = "IRENA via OWID", "NEA (AC)", "Ember and Energy Institute via OWID", "IEA via OWID"
CAAM = "CAAM (wholesale, incl. exports)"
# Where the share of the world is the headline of the absolute chart too.
SOLAR_ADDED_SHARE = latest(
    "China added {share:.0f}% of the world's new solar capacity in {year}", "pv_added_gw", ("China", "World"), IRENA
)
EV_SALES_SHARE = latest(
    "{share:.0f}% of the electric cars sold worldwide in {year} were sold in China",
    "ev_car_sales",
    ("China", "World"),
    IEA,
)

MEASURES = {
    "solar-added": Measure(
        "Solar added",
        ("pv_added_gw",),
        {"China": (NEA, "IEA PVPS (DC)"), "*": ("IEA PVPS (DC)", IRENA)},
        IRENA,
        SOLAR_ADDED_SHARE,
        SOLAR_ADDED_SHARE,
        "Solar PV capacity added per year, GW",
        "GW",
    ),
    "solar-capacity": Measure(
        "Solar capacity",
        ("pv_cumulative_gw",),
        {"China": (NEA,), "*": (IRENA,)},
        IRENA,
        latest("China's installed solar capacity reached {v0:,.0f} GW in {year}", "pv_cumulative_gw", ("China",), NEA),
        latest(
            "China held {share:.0f}% of the world's installed solar capacity in {year}",
            "pv_cumulative_gw",
            ("China", "World"),
            IRENA,
        ),
        "Installed solar PV capacity at year end, GW",
        "GW",
    ),
    "solar-generation": Measure(
        "Solar electricity",
        ("solar_generation_twh",),
        {"*": (EMBER,)},
        EMBER,
        latest(
            "China generated {ratio:.1f} times as much solar electricity as the United States in {year}",
            "solar_generation_twh",
            ("China", "United States"),
            EMBER,
        ),
        latest(
            "China generated {share:.0f}% of the world's solar electricity in {year}",
            "solar_generation_twh",
            ("China", "World"),
            EMBER,
        ),
        "Electricity generated from solar, TWh",
        "TWh",
    ),
    "solar-share": Measure(
        "Solar share",
        ("solar_share_elec_pct",),
        {"*": (EMBER,)},
        None,
        change(
            "Solar's share of China's electricity went from {first:.1f}% in {first_year} to {last:.1f}% in {last_year}",
            "solar_share_elec_pct",
            "China",
            EMBER,
        ),
        None,
        "Share of electricity generated from solar",
        "percent",
    ),
    "ev-sales": Measure(
        "EV sales",
        ("ev_car_sales",),
        {"*": (IEA,)},
        IEA,
        EV_SALES_SHARE,
        EV_SALES_SHARE,
        "Electric cars sold per year (battery and plug-in hybrid), IEA",
        "vehicles",
    ),
    "ev-share": Measure(
        "EV share",
        ("ev_car_share_pct",),
        {"*": (IEA,)},
        None,
        latest(
            "{v0:.0f}% of new cars sold in China in {year} were electric, against {v1:.0f}% worldwide",
            "ev_car_share_pct",
            ("China", "World"),
            IEA,
        ),
        None,
        "Share of new cars sold that are electric (battery and plug-in hybrid), IEA",
        "percent",
    ),
    "nev-sales": Measure(
        "NEV sales (CAAM)",
        ("nev_sales", "nev_exports"),
        {"China": (CAAM,)},
        None,
        change(
            "China's NEV sales went from {first_millions:.1f} million in {first_year} "
            "to {last_millions:.1f} million in {last_year}",
            "nev_sales",
            "China",
            CAAM,
        ),
        None,
        "China's NEV sales and exports, CAAM wholesale basis (counts exports); vehicles per year",
        "vehicles",
    ),
    "nev-share": Measure(
        "NEV share (CAAM)",
        ("nev_share_pct",),
        {"China": (CAAM,)},
        None,
        latest(
            "New energy vehicles were {v0:.0f}% of China's vehicle sales in {year}", "nev_share_pct", ("China",), CAAM
        ),
        None,
        "China's NEV share of all new vehicles sold, CAAM basis",
        "percent",
    ),
}
