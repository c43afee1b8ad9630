"""Every query the pages run: thin, parameterized SQL over the named views of data/views.sql.

Each function is cached per argument values and per database version by one decorator (`cached`);
arguments are small hashable values (tuples of names, year ranges), never user text in SQL. Results are
shared by every session, not copied: pandas 3 copies on write, so a page that derives a frame from a result
never changes the cached one (st.cache_data's copy cost a run a tenth of the server's time under load).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from dashboard import rules, store, transforms
from dashboard.store import query

EVERY_YEAR = (2010, 2030)


def cached(fn: Callable) -> Callable:
    """Cache `fn` per database version and arguments (list arguments become tuples, so they hash)."""

    def with_version(version: int, *args, **kwargs):
        return fn(*args, **kwargs)

    # Streamlit keys a cache by the function's module, qualified name and source, so each wrapper
    # takes the name of the function it wraps.
    with_version.__module__, with_version.__qualname__ = fn.__module__, fn.__qualname__
    cached_call = st.cache_resource(show_spinner=False, max_entries=512)(with_version)

    @functools.wraps(fn)
    def call(*args, **kwargs):
        frozen = [tuple(a) if isinstance(a, list | set) else a for a in args]
        return cached_call(store.database_version(), *frozen, **kwargs)

    return call


def _names(values: Sequence[str]) -> list[str]:
    return [str(value) for value in values]


# ---- vocabularies and bounds (used to validate filters before anything reaches SQL)


@cached
def vocabulary() -> dict:
    companies = query(
        """
        SELECT company FROM companies
        WHERE kind <> 'aggregate' AND company IN (
            SELECT company FROM adoption UNION SELECT vendor FROM adoption
            UNION SELECT vendor FROM chips UNION SELECT unnest(companies) FROM events)
        ORDER BY lower(company)
        """
    )["company"].tolist()
    years = query(
        "SELECT min(y) AS lo, max(y) AS hi FROM (SELECT year(date) AS y FROM events "
        "UNION ALL SELECT year(date) FROM adoption UNION ALL SELECT year FROM sector_stats WHERE region = 'China')"
    ).iloc[0]
    categories = query("SELECT category, label, thread FROM event_categories ORDER BY category")
    return {
        "companies": companies,
        "year_bounds": (int(years["lo"]), int(years["hi"])),
        "categories": dict(zip(categories["category"], categories["label"], strict=True)),
        "jurisdictions": query("SELECT DISTINCT jurisdiction FROM events ORDER BY 1")["jurisdiction"].tolist(),
        "actors": query("SELECT actor, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, actor")["actor"].tolist(),
        "regions": query("SELECT region FROM regions ORDER BY sort")["region"].tolist(),
        "groups": groups(),
    }


# ---- events


@cached
def events(
    companies: Sequence[str] = (),
    years: tuple[int, int] = EVERY_YEAR,
    categories: Sequence[str] = (),
    jurisdictions: Sequence[str] = (),
    actors: Sequence[str] = (),
    key_only: bool = False,
) -> pd.DataFrame:
    return query(
        """
        SELECT * FROM events_cited
        WHERE year(date) BETWEEN $low AND $high
          AND (len($companies) = 0 OR list_has_any(company_list, $companies))
          AND (len($categories) = 0 OR list_contains($categories, category))
          AND (len($jurisdictions) = 0 OR list_contains($jurisdictions, jurisdiction))
          AND (len($actors) = 0 OR list_contains($actors, actor))
          AND (NOT $key_only OR key_event)
        ORDER BY date, event_id
        """,
        {
            "low": years[0],
            "high": years[1],
            "companies": _names(companies),
            "categories": _names(categories),
            "jurisdictions": _names(jurisdictions),
            "actors": _names(actors),
            "key_only": key_only,
        },
    )


def markers(years: tuple[int, int], categories: Sequence[str]) -> pd.DataFrame:
    """Key events drawn on time-series charts: policy context, so not narrowed by company."""
    if not categories:
        return events(years=years, key_only=True).iloc[0:0]
    return events(years=years, categories=categories, key_only=True)


# ---- chips


@cached
def chips(vendors: Sequence[str] = (), years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Chips of these vendors (all when empty), released in these years or undated."""
    low, high = years or (None, None)
    return query(
        """
        SELECT * FROM chips_labelled
        WHERE (len($vendors) = 0 OR list_contains($vendors, vendor))
          AND ($low IS NULL OR release_date IS NULL OR release_year BETWEEN $low AND $high)
        ORDER BY vendor, release_date NULLS LAST, name
        """,
        {"vendors": _names(vendors), "low": low, "high": high},
    )


def vendors_among(companies: Sequence[str]) -> list[str]:
    """The chosen companies that make chips in the database (the chips filter)."""
    makers = set(chips()["vendor"])
    return [company for company in companies if company in makers]


@cached
def chip_values(chip_ids: Sequence[str], attributes: Sequence[str] = ()) -> pd.DataFrame:
    """Cited values of these chips, long format (every attribute when none is named)."""
    return query(
        """
        SELECT * FROM chip_values
        WHERE list_contains($chips, chip_id) AND (len($attributes) = 0 OR list_contains($attributes, attribute))
        ORDER BY name, sort
        """,
        {"chips": _names(chip_ids), "attributes": _names(attributes)},
    )


@cached
def chip_attributes() -> pd.DataFrame:
    return query("SELECT * FROM chip_attributes ORDER BY sort")


# ---- adoption and sector statistics


@cached
def adoption(companies: Sequence[str] = (), years: tuple[int, int] = EVERY_YEAR) -> pd.DataFrame:
    return query(
        """
        SELECT * FROM adoption_cited
        WHERE year(date) BETWEEN $low AND $high
          AND (len($companies) = 0 OR list_contains($companies, company) OR list_contains($companies, vendor))
        ORDER BY date, record_id
        """,
        {"low": years[0], "high": years[1], "companies": _names(companies)},
    )


@cached
def sector(metrics: Sequence[str], years: tuple[int, int] = EVERY_YEAR) -> pd.DataFrame:
    return query(
        """
        SELECT * FROM sector_cited
        WHERE list_contains($metrics, metric) AND year BETWEEN $low AND $high
        ORDER BY metric, region, basis, year
        """,
        {"metrics": _names(metrics), "low": years[0], "high": years[1]},
    )


def sector_series(metric: str, region: str, basis: str, years: tuple[int, int] = EVERY_YEAR) -> pd.DataFrame:
    """One line of sector_stats: a metric for a region on one statistical basis."""
    frame = sector([metric], years)
    return frame[(frame["region"] == region) & (frame["basis"] == basis)]


# ---- sources and the dataset


@cached
def sources() -> pd.DataFrame:
    return query("SELECT * FROM sources_cited ORDER BY NOT is_primary, publisher, title")


def sources_for(source_ids) -> pd.DataFrame:
    """These sources, primary ones first."""
    every = sources()
    return every[every["source_id"].isin(set(source_ids))]


@cached
def headline() -> dict:
    return (
        query(
            """
            SELECT (SELECT count(*) FROM events) AS events,
                   (SELECT count(*) FROM chips) AS chips,
                   (SELECT count(*) FROM entity_listings) AS listings,
                   (SELECT count(*) FROM adoption) AS adoption,
                   (SELECT count(*) FROM sources) AS sources,
                   (SELECT data_as_of FROM build_info) AS data_as_of
            """
        )
        .iloc[0]
        .to_dict()
    )


# ---- export-control rules


@cached
def rule_versions_table() -> pd.DataFrame:
    return query("SELECT * FROM rules_cited ORDER BY announced")


@cached
def rule_zones(rule_id: str) -> pd.DataFrame:
    """The threshold paragraphs in force under a rule version, its own and inherited, with sources."""
    return query("SELECT * FROM rule_zones WHERE version_id = $rule ORDER BY rule_id, paragraph", {"rule": rule_id})


@cached
def rule_paragraphs() -> pd.DataFrame:
    """Every paragraph as written, once, with its source (the rule wording section)."""
    return query(
        "SELECT DISTINCT ON (rule_id, paragraph) * EXCLUDE (version_id) FROM rule_zones ORDER BY rule_id, paragraph"
    )


@cached
def rule_versions() -> dict[str, rules.RuleVersion]:
    """Every rule version with its inherited paragraphs resolved (dashboard/rules.py does that)."""
    return rules.rule_versions(
        rule_versions_table().to_dict("records"),
        query("SELECT * FROM rule_paragraphs").to_dict("records"),
        query("SELECT * FROM licence_exceptions").to_dict("records"),
    )


@cached
def tariff_bands_table() -> list[dict]:
    return query("SELECT * FROM tariff_bands ORDER BY band").to_dict("records")


@cached
def rule_status(vendors: Sequence[str] = (), years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Every chip's status under every rule version, with the sources of the figures it rests on."""
    low, high = years or (None, None)
    return query(
        """
        SELECT * FROM chip_rule_map
        WHERE (len($vendors) = 0 OR list_contains($vendors, vendor))
          AND ($low IS NULL OR release_date IS NULL OR release_year BETWEEN $low AND $high)
        ORDER BY vendor, name, rule_id
        """,
        {"vendors": _names(vendors), "low": low, "high": high},
    )


@cached
def release_info() -> dict:
    return query("SELECT * FROM release_info").iloc[0].to_dict()


@cached
def chips_with(attribute: str, vendors: Sequence[str] = (), years: tuple[int, int] = EVERY_YEAR) -> pd.DataFrame:
    """Dated chips that have a value of `attribute` (as `value`), cited by that value's and their release
    date's sources."""
    return query(
        """
        SELECT c.* EXCLUDE (source_id), v.value_num AS value, v.attribute_label,
               list_distinct(flatten([v.source_ids, coalesce(r.source_ids, [])])) AS source_ids
        FROM chips_labelled c
        JOIN chip_values v ON v.chip_id = c.chip_id AND v.attribute = $attribute
        LEFT JOIN chip_values r ON r.chip_id = c.chip_id AND r.attribute = 'release_date'
        WHERE c.release_date IS NOT NULL AND v.value_num IS NOT NULL
          AND (len($vendors) = 0 OR list_contains($vendors, c.vendor))
          AND c.release_year BETWEEN $low AND $high
        ORDER BY c.vendor, c.release_date, c.name
        """,
        {"attribute": attribute, "vendors": _names(vendors), "low": years[0], "high": years[1]},
    )


# ---- companies, listings and licensing turns


@cached
def companies() -> pd.DataFrame:
    return query(
        "SELECT *, array_to_string(aliases, '; ') AS alias_text FROM companies "
        "WHERE kind <> 'aggregate' ORDER BY lower(company)"
    )


@cached
def groups() -> dict[str, list[str]]:
    """Each company that has affiliates in the data, with them (the company filter includes them)."""
    rows = query(
        "SELECT company, list(member ORDER BY member) AS members FROM company_members "
        "WHERE company <> member GROUP BY 1"
    )
    return {row.company: list(row.members) for row in rows.itertuples()}


@cached
def listings(companies: Sequence[str] = (), years: tuple[int, int] = EVERY_YEAR) -> pd.DataFrame:
    """Listing actions on the entities of these companies (all when empty), in these years."""
    return query(
        """
        SELECT * FROM listings_cited
        WHERE year BETWEEN $low AND $high
          AND (len($companies) = 0 OR list_contains($companies, parent_company))
        ORDER BY date, list, entity
        """,
        {"low": years[0], "high": years[1], "companies": _names(companies)},
    )


@cached
def licensing_turns(chip_ids: Sequence[str] = ()) -> pd.DataFrame:
    return query(
        "SELECT * FROM licensing_cited WHERE len($chips) = 0 OR list_contains($chips, chip_id) ORDER BY date, chip_id",
        {"chips": _names(chip_ids)},
    )


@cached
def listing_lists() -> pd.DataFrame:
    return query("SELECT * FROM listing_lists ORDER BY jurisdiction DESC, label")


@cached
def listing_sectors() -> pd.DataFrame:
    return query("SELECT * FROM listing_sectors ORDER BY sort")


@cached
def listing_counts() -> pd.DataFrame:
    return query(
        """
        SELECT l.parent_company, c.name_zh, count(*) AS actions
        FROM entity_listings l JOIN companies c ON c.company = l.parent_company
        GROUP BY ALL ORDER BY actions DESC, l.parent_company LIMIT 25
        """
    )


# ---- chipmaking


@cached
def process_nodes() -> pd.DataFrame:
    return query("SELECT * FROM nodes_cited ORDER BY date, maker")


@cached
def node_steps(years: tuple[int, int]) -> pd.DataFrame:
    """China's best process and the leading edge's, year by year (transforms.node_steps), per year range."""
    return transforms.node_steps(process_nodes(), years)


@cached
def phone_socs() -> pd.DataFrame:
    return query("SELECT * FROM socs_cited ORDER BY date NULLS LAST, chip")
