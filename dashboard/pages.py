"""The page registry: every page once, with what the router, the tests, the benchmark and the screenshot
script need to know of it. A new page is one entry here and one file in dashboard/views/."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard import filters


@dataclass(frozen=True)
class Page:
    file: str  # relative to dashboard/
    path: str  # URL path; "" for the default page
    title: str
    icon: str
    charts: int  # Plotly charts drawn with default filters
    params: tuple[str, ...] = ()  # the page's own URL parameters (the shared ones are in SHARED_PARAMS)
    sections: tuple[str, ...] = ()  # keys of its on-request sections (also URL parameters)
    opened: tuple[int, int] = (0, 0)  # (charts, tables) drawn with every section open

    @property
    def url_params(self) -> tuple[str, ...]:
        return SHARED_PARAMS + self.params + self.sections


SHARED_PARAMS = (
    filters.COMPANY_KEY,
    filters.YEARS_KEY,
    filters.MARKERS_KEY,
    filters.MARKER_CATEGORIES_KEY,
    filters.IMAGE_FORMAT_KEY,
)

PAGES = (
    Page("views/overview.py", "", "Overview", ":material/dashboard:", charts=1),
    Page(
        "views/timeline.py",
        "timeline",
        "Policy timeline",
        ":material/timeline:",
        charts=1,
        params=("category", "jurisdiction", "actor"),
        sections=("events_table",),
        opened=(1, 1),
    ),
    Page(
        "views/chips.py",
        "chips",
        "Chips: Ascend vs Nvidia",
        ":material/memory:",
        charts=1,
        params=("plot", "compare"),
        sections=("compare_open", "specs_table"),
        opened=(2, 2),
    ),
    Page(
        "views/checker.py",
        "checker",
        "Export-control checker",
        ":material/rule:",
        charts=1,
        params=("rule", "as_of"),
        sections=("in_force", "status_table", "reasons_table", "licensing_table", "calculator", "rule_wording"),
        opened=(1, 5),
    ),
    Page(
        "views/adoption.py",
        "adoption",
        "Adoption",
        ":material/hub:",
        charts=1,
        params=("view",),
        sections=("records_table",),
        opened=(1, 1),
    ),
    Page(
        "views/energy.py",
        "solar-evs",
        "Solar and EVs",
        ":material/solar_power:",
        charts=1,
        params=("measure", "region", "share"),
    ),
    Page(
        "views/chipmaking.py",
        "chipmaking",
        "Chipmaking",
        ":material/factory:",
        charts=1,
        params=("view",),
        sections=("nodes_table",),
        opened=(1, 1),
    ),
    Page(
        "views/entity_list.py",
        "entity-list",
        "Entity List",
        ":material/list_alt:",
        charts=1,
        params=("list", "sector", "colour", "entity_search"),
    ),
    Page(
        "views/company.py",
        "company",
        "Companies",
        ":material/domain:",
        charts=0,
        params=("as_of",),
    ),
    Page(
        "views/sources.py",
        "sources",
        "Sources and data",
        ":material/menu_book:",
        charts=0,
        params=("source_search",),
        sections=("static_files", "dictionary", "changelog", "data_docs"),
    ),
)


def by_path(path: str) -> Page:
    return next(page for page in PAGES if page.path == path)
