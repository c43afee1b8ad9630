"""The measures the Solar and EVs page can draw: metrics, statistical bases and titles, as data."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    """One choice of the Solar and EVs picker: what is drawn, on which statistical bases, and its titles."""

    label: str  # the picker's short name
    metrics: tuple[str, ...]
    bases: dict  # region -> bases drawn; "*" for every other region
    share_basis: str | None  # the basis on which China and World both exist, for "share of world"
    title: str
    share_title: str
    subtitle: str
    unit: str


MEASURES = {
    "solar-added": Measure(
        "Solar added",
        ("pv_added_gw",),
        {"China": ("NEA (AC)", "IEA PVPS (DC)"), "*": ("IEA PVPS (DC)", "IRENA via OWID")},
        "IRENA via OWID",
        "China installs more than half of the world's new solar capacity",
        "China's share of the world's new solar capacity passed half",
        "Solar PV capacity added per year, GW",
        "GW",
    ),
    "solar-capacity": Measure(
        "Solar capacity",
        ("pv_cumulative_gw",),
        {"China": ("NEA (AC)",), "*": ("IRENA via OWID",)},
        "IRENA via OWID",
        "China's installed solar capacity passed 1,000 GW in 2025",
        "China holds about four in ten of the world's installed solar panels",
        "Installed solar PV capacity at year end, GW",
        "GW",
    ),
    "solar-generation": Measure(
        "Solar electricity",
        ("solar_generation_twh",),
        {"*": ("Ember and Energy Institute via OWID",)},
        "Ember and Energy Institute via OWID",
        "China generates three times as much solar electricity as the United States",
        "China makes about four in ten of the world's solar kilowatt-hours",
        "Electricity generated from solar, TWh",
        "TWh",
    ),
    "solar-share": Measure(
        "Solar share",
        ("solar_share_elec_pct",),
        {"*": ("Ember and Energy Institute via OWID",)},
        None,
        "Solar's share of China's electricity rose from under 1% to over 10% in a decade",
        "",
        "Share of electricity generated from solar",
        "percent",
    ),
    "ev-sales": Measure(
        "EV sales",
        ("ev_car_sales",),
        {"*": ("IEA via OWID",)},
        "IEA via OWID",
        "China sells most of the world's electric cars",
        "About six in ten electric cars sold worldwide are sold in China",
        "Electric cars sold per year (battery and plug-in hybrid), IEA",
        "vehicles",
    ),
    "ev-share": Measure(
        "EV share",
        ("ev_car_share_pct",),
        {"*": ("IEA via OWID",)},
        None,
        "Half of new cars sold in China are electric, far above the world average",
        "",
        "Share of new cars sold that are electric (battery and plug-in hybrid), IEA",
        "percent",
    ),
    "nev-sales": Measure(
        "NEV sales (CAAM)",
        ("nev_sales", "nev_exports"),
        {"China": ("CAAM (wholesale, incl. exports)",)},
        None,
        "China's NEV sales rose more than thirteenfold from 2019 to 2025, and exports took off after 2021",
        "",
        "China, CAAM wholesale basis (counts exports); vehicles per year",
        "vehicles",
    ),
    "nev-share": Measure(
        "NEV share (CAAM)",
        ("nev_share_pct",),
        {"China": ("CAAM (wholesale, incl. exports)",)},
        None,
        "New energy vehicles reached nearly half of China's vehicle sales in 2025",
        "",
        "China, NEV share of all new vehicles sold, CAAM basis",
        "percent",
    ),
}
