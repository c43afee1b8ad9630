"""Data access: the one read-only DuckDB connection and every query the pages run.

Every query runs on its own cursor (a connection shared by sessions is not thread-safe) and
takes its values as SQL parameters. Results are cached per argument values and per database
version. A rebuilt file is noticed at the start of the next script run (`begin_run`); the run
keeps the version it started with, so a page never mixes old and new data.
"""

from __future__ import annotations

import io
import os
import threading
import zipfile
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from dashboard import build, rules

TABLES_FOR_DOWNLOAD = (
    "sources",
    "events",
    "event_categories",
    "companies",
    "chips",
    "chip_catalog",
    "chip_specs",
    "adoption",
    "metrics",
    "sector_stats",
    "rules",
    "rule_paragraphs",
    "chip_rule_status",
)


VERSIONS_KEPT = 3
_run = threading.local()  # Streamlit runs each session's script on a thread of its own
_build_lock = threading.Lock()


def ensure_database() -> Path:
    """Build the database when it is missing or older than its inputs. Every session's run asks, so one
    build at a time: runs that start while inputs are newer would otherwise each build a version of their
    own, and the pruning of old versions could delete one that another run has pinned but not yet opened."""
    if build.is_stale():
        with _build_lock:
            if build.is_stale():
                build.build()
    return build.DB_PATH


def begin_run() -> float:
    """Pin the current database version for this script run (called once per run by the router)."""
    ensure_database()
    _run.version = build.DB_PATH.stat().st_mtime_ns
    return _run.version


def database_version() -> float:
    """The database version this run reads: pinned by begin_run, else the file's current one."""
    return getattr(_run, "version", None) or build.DB_PATH.stat().st_mtime_ns


def _version_path(version: int) -> Path:
    """A path for this version of the file alone. DuckDB keeps one instance per path in a process,
    so a rebuilt file opened under its old path would still show the old data."""
    folder = build.DB_PATH.parent / "versions"
    folder.mkdir(exist_ok=True)
    target = folder / f"{build.DB_PATH.stem}-{version}.duckdb"
    if not target.exists():
        try:
            os.link(build.DB_PATH, target)
        except FileExistsError:
            pass
        except OSError:
            return build.DB_PATH  # no hard links on this filesystem: refresh needs a restart
        # Hard links share one modification time, so versions are ordered by the number in their name.
        others = sorted(
            (path for path in folder.glob(f"{build.DB_PATH.stem}-*.duckdb") if path != target),
            key=lambda path: path.stem.rsplit("-", 1)[-1].zfill(20),
        )
        for old in others[: max(len(others) - (VERSIONS_KEPT - 1), 0)]:
            old.unlink(missing_ok=True)  # open connections keep reading their file until closed
    return target


@st.cache_resource(max_entries=VERSIONS_KEPT)
def _connection(version: int) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(_version_path(version)), read_only=True)


def query(sql: str, params: list | tuple = ()) -> pd.DataFrame:
    """Run one parameterized query on its own cursor of the current connection."""
    with _connection(database_version()).cursor() as cur:
        return cur.execute(sql, list(params)).df()


# ---- vocabularies and bounds (used to validate filters before anything reaches SQL)


@st.cache_data(show_spinner=False)
def _filter_vocabulary(version: float) -> dict:
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
    jurisdictions = query("SELECT DISTINCT jurisdiction FROM events ORDER BY 1")["jurisdiction"].tolist()
    actors = query("SELECT actor, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, actor")["actor"].tolist()
    return {
        "companies": companies,
        "year_bounds": (int(years["lo"]), int(years["hi"])),
        "categories": dict(zip(categories["category"], categories["label"], strict=True)),
        "threads": dict(zip(categories["category"], categories["thread"], strict=True)),
        "jurisdictions": jurisdictions,
        "actors": actors,
    }


def vocabulary() -> dict:
    return _filter_vocabulary(database_version())


# ---- events


@st.cache_data(show_spinner=False)
def _events(
    version: float,
    companies: tuple[str, ...],
    years: tuple[int, int],
    categories: tuple[str, ...],
    jurisdictions: tuple[str, ...],
    actors: tuple[str, ...],
    key_only: bool,
) -> pd.DataFrame:
    return query(
        """
        SELECT e.event_id, e.date, e.date_precision, e.title, e.category, c.label AS category_label,
               c.thread, e.actor, e.jurisdiction, e.summary, array_to_string(e.companies, ', ') AS companies,
               e.published_fr, e.effective, e.fr_citation, e.key_event, e.confidence,
               e.source_id, s.title AS source_title, s.publisher, s.url AS source_url
        FROM events e
        JOIN event_categories c USING (category)
        JOIN sources s USING (source_id)
        WHERE year(e.date) BETWEEN ? AND ?
          AND (len(?::VARCHAR[]) = 0 OR list_has_any(e.companies, ?::VARCHAR[]))
          AND (len(?::VARCHAR[]) = 0 OR e.category IN (SELECT unnest(?::VARCHAR[])))
          AND (len(?::VARCHAR[]) = 0 OR e.jurisdiction IN (SELECT unnest(?::VARCHAR[])))
          AND (len(?::VARCHAR[]) = 0 OR e.actor IN (SELECT unnest(?::VARCHAR[])))
          AND (NOT ? OR e.key_event)
        ORDER BY e.date, e.event_id
        """,
        [
            years[0],
            years[1],
            list(companies),
            list(companies),
            list(categories),
            list(categories),
            list(jurisdictions),
            list(jurisdictions),
            list(actors),
            list(actors),
            key_only,
        ],
    )


def events(
    companies=(), years=(2015, 2030), categories=(), jurisdictions=(), actors=(), key_only=False
) -> pd.DataFrame:
    return _events(
        database_version(),
        tuple(companies),
        tuple(years),
        tuple(categories),
        tuple(jurisdictions),
        tuple(actors),
        key_only,
    )


def markers(years: tuple[int, int], categories: tuple[str, ...]) -> pd.DataFrame:
    """Key events drawn on time-series charts: policy context, so not narrowed by company."""
    if not categories:
        return events(years=years, key_only=True).iloc[0:0]
    return events(years=years, categories=categories, key_only=True)


# ---- chips


@st.cache_data(show_spinner=False)
def _chips(version: float, vendors: tuple[str, ...]) -> pd.DataFrame:
    return query(
        """
        SELECT * EXCLUDE (source_id) FROM chips
        WHERE len(?::VARCHAR[]) = 0 OR vendor IN (SELECT unnest(?::VARCHAR[]))
        ORDER BY vendor, release_date NULLS LAST, name
        """,
        [list(vendors), list(vendors)],
    )


def chips(vendors=()) -> pd.DataFrame:
    return _chips(database_version(), tuple(vendors))


def chip_vendors() -> list[str]:
    return chips()["vendor"].drop_duplicates().tolist()


def vendors_among(companies) -> list[str]:
    """The chosen companies that make chips in the database (the chips filter)."""
    makers = set(chip_vendors())
    return [company for company in companies if company in makers]


@st.cache_data(show_spinner=False)
def _chip_specs(version: float, chip_ids: tuple[str, ...]) -> pd.DataFrame:
    return query(
        """
        SELECT s.chip_id, c.name, s.attribute, coalesce(CAST(s.value_num AS VARCHAR), s.value_text) AS value,
               s.confidence, s.note, s.source_id, src.publisher, src.title AS source_title, src.url AS source_url
        FROM chip_specs s JOIN chip_catalog c USING (chip_id) JOIN sources src ON src.source_id = s.source_id
        WHERE s.chip_id IN (SELECT unnest(?::VARCHAR[]))
        ORDER BY c.name, s.attribute
        """,
        [list(chip_ids)],
    )


def chip_specs(chip_ids) -> pd.DataFrame:
    return _chip_specs(database_version(), tuple(chip_ids))


# ---- adoption


@st.cache_data(show_spinner=False)
def _adoption(version: float, companies: tuple[str, ...], years: tuple[int, int]) -> pd.DataFrame:
    return query(
        """
        SELECT a.*, s.publisher, s.title AS source_title, s.url AS source_url
        FROM adoption a JOIN sources s USING (source_id)
        WHERE year(a.date) BETWEEN ? AND ?
          AND (len(?::VARCHAR[]) = 0 OR a.company IN (SELECT unnest(?::VARCHAR[]))
               OR a.vendor IN (SELECT unnest(?::VARCHAR[])))
        ORDER BY a.date, a.record_id
        """,
        [years[0], years[1], list(companies), list(companies), list(companies)],
    )


def adoption(companies=(), years=(2015, 2030)) -> pd.DataFrame:
    return _adoption(database_version(), tuple(companies), tuple(years))


# ---- sector statistics


@st.cache_data(show_spinner=False)
def _sector(version: float, metrics: tuple[str, ...], years: tuple[int, int]) -> pd.DataFrame:
    return query(
        """
        SELECT st.sector, st.metric, m.label AS metric_label, st.region, st.year, st.value, st.unit,
               st.basis, st.confidence, st.source_id, s.publisher, s.title AS source_title,
               s.url AS source_url, st.note
        FROM sector_stats st JOIN metrics m USING (metric) JOIN sources s USING (source_id)
        WHERE st.metric IN (SELECT unnest(?::VARCHAR[])) AND st.year BETWEEN ? AND ?
        ORDER BY st.metric, st.region, st.basis, st.year
        """,
        [list(metrics), years[0], years[1]],
    )


def sector(metrics, years=(2010, 2030)) -> pd.DataFrame:
    return _sector(database_version(), tuple(metrics), tuple(years))


# ---- sources, overview, downloads


@st.cache_data(show_spinner=False)
def _sources(version: float) -> pd.DataFrame:
    return query(
        """
        SELECT s.*, (SELECT count(*) FROM events e WHERE e.source_id = s.source_id)
                  + (SELECT count(*) FROM adoption a WHERE a.source_id = s.source_id)
                  + (SELECT count(*) FROM chip_specs c WHERE c.source_id = s.source_id)
                  + (SELECT count(*) FROM sector_stats t WHERE t.source_id = s.source_id) AS rows_cited
        FROM sources s ORDER BY s.publisher, s.title
        """
    )


def sources() -> pd.DataFrame:
    return _sources(database_version())


def sources_for(source_ids) -> pd.DataFrame:
    every = sources()
    return every[every["source_id"].isin(set(source_ids))]


@st.cache_data(show_spinner=False)
def _headline(version: float) -> dict:
    row = query(
        """
        SELECT (SELECT count(*) FROM events) AS events,
               (SELECT count(*) FROM chips) AS chips,
               (SELECT count(*) FROM adoption) AS adoption,
               (SELECT count(*) FROM sources) AS sources,
               (SELECT data_as_of FROM build_info) AS data_as_of
        """
    ).iloc[0]
    return row.to_dict()


def headline() -> dict:
    return _headline(database_version())


@st.cache_data(show_spinner=False)
def _data_dictionary(version: float) -> pd.DataFrame:
    return query(
        """
        SELECT table_name AS "table", column_name AS "column", data_type AS type
        FROM information_schema.columns
        WHERE table_schema = 'main' AND table_name IN (SELECT unnest(?::VARCHAR[]))
        ORDER BY table_name, ordinal_position
        """,
        [list(TABLES_FOR_DOWNLOAD)],
    )


def data_dictionary() -> pd.DataFrame:
    return _data_dictionary(database_version())


@st.cache_data(show_spinner=False)
def _zip_of_csvs(version: float) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in TABLES_FOR_DOWNLOAD:
            frame = query(f"SELECT * FROM {table}")  # table names from the constant above only
            archive.writestr(f"{table}.csv", frame.to_csv(index=False))
        archive.write(build.DATA_DIR / "README.md", "README.md")
        archive.write(build.DATA_DIR / "schema.sql", "schema.sql")
    return buffer.getvalue()


def zip_of_csvs() -> bytes:
    return _zip_of_csvs(database_version())


def database_file() -> bytes:
    return ensure_database().read_bytes()


def sector_series(metric: str, region: str, basis: str, years=(2010, 2030)) -> pd.DataFrame:
    """One line of sector_stats: a metric for a region on one statistical basis."""
    frame = sector([metric], years)
    return frame[(frame["region"] == region) & (frame["basis"] == basis)]


# ---- export-control rules


@st.cache_data(show_spinner=False)
def _rule_tables(version: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    versions = query(
        "SELECT r.*, s.title AS source_title, s.url AS source_url FROM rules r JOIN sources s USING (source_id) "
        "ORDER BY announced"
    )
    paragraphs = query(
        "SELECT p.*, s.title AS source_title, s.publisher, s.url AS source_url "
        "FROM rule_paragraphs p JOIN sources s USING (source_id) ORDER BY rule_id, paragraph"
    )
    return versions, paragraphs


def rule_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rule versions and their threshold paragraphs, with their sources."""
    return _rule_tables(database_version())


@st.cache_data(show_spinner=False)
def _rule_status(version: float, vendors: tuple[str, ...]) -> pd.DataFrame:
    return query(
        """
        SELECT s.*, c.release_date, c.has_estimates
        FROM chip_rule_status s JOIN chips c USING (chip_id)
        WHERE len(?::VARCHAR[]) = 0 OR s.vendor IN (SELECT unnest(?::VARCHAR[]))
        ORDER BY s.vendor, s.name, s.rule_id
        """,
        [list(vendors), list(vendors)],
    )


@st.cache_data(show_spinner=False)
def _rule_versions(version: float) -> dict[str, rules.RuleVersion]:
    versions, paragraphs = _rule_tables(version)
    return rules.rule_versions(versions.to_dict("records"), paragraphs.to_dict("records"))


def rule_versions() -> dict[str, rules.RuleVersion]:
    """Every rule version with its inherited paragraphs resolved (dashboard/rules.py does that)."""
    return _rule_versions(database_version())


def paragraphs_of(rule_id: str) -> pd.DataFrame:
    """The paragraphs that apply under a rule version, its own and inherited, with their sources."""
    keys = {(p.rule_id, p.paragraph) for p in rule_versions()[rule_id].paragraphs}
    _, paragraphs = rule_tables()
    return paragraphs[[key in keys for key in zip(paragraphs["rule_id"], paragraphs["paragraph"], strict=True)]]


def rule_status(vendors=()) -> pd.DataFrame:
    return _rule_status(database_version(), tuple(vendors))
