"""The store: where the data lives, the one read-only connection to it, and which version a run reads.

By default the data are the DuckDB file built from data/ (and rebuilt when the CSVs change). The setting
DASHBOARD_DATA points the app at a release exported as Parquet (`python -m dashboard.build --export-parquet
DIR`) instead: a folder, an s3:// or https:// location (read with DuckDB's httpfs), or a MotherDuck database
(`md:name`). Then DuckDB opens an in-memory database with a view over each file, and nothing is built.

Every query runs on its own cursor (a connection shared by sessions is not thread-safe) and takes
its values as named SQL parameters. A new version is noticed at the start of the next script run
(`begin_run`); the run keeps the version it started with, so a page never mixes old and new data.
This is the only module that knows where the data are.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
import urllib.request
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from dashboard import build, publish

VERSIONS_KEPT = 3
_run = threading.local()  # Streamlit runs each session's script on a thread of its own
_build_lock = threading.Lock()


REMOTE = ("s3://", "gs://", "https://", "http://")


def data_location() -> str | None:
    """The Parquet release the app reads (DASHBOARD_DATA), or None for the local DuckDB file."""
    return os.environ.get("DASHBOARD_DATA") or None


def _read_manifest(location: str) -> dict:
    path = f"{location.rstrip('/')}/{publish.MANIFEST}"
    if location.startswith(("https://", "http://")):
        with urllib.request.urlopen(path, timeout=30) as response:  # a deployment's own bucket
            return json.loads(response.read())
    if location.startswith(REMOTE):
        with duckdb.connect() as con:
            con.execute("INSTALL httpfs; LOAD httpfs")
            return json.loads(con.execute("SELECT content FROM read_text($path)", {"path": path}).fetchone()[0])
    return json.loads(Path(path).read_text(encoding="utf-8"))


@st.cache_data(ttl=60, show_spinner=False)
def _manifest(location: str) -> dict:
    """The release's manifest, read at most once a minute (a new upload is picked up within it)."""
    return _read_manifest(location)


def _parquet_version(location: str) -> int:
    if location.startswith("md:"):
        return zlib.crc32(location.encode())
    manifest = _manifest(location)
    return zlib.crc32(f"{location}|{manifest['version']}|{manifest['built_at']}".encode())


def _parquet_connection(location: str) -> duckdb.DuckDBPyConnection:
    if location.startswith("md:"):
        return duckdb.connect(location, read_only=True)
    con = duckdb.connect(":memory:")
    if location.startswith(REMOTE):
        con.execute("INSTALL httpfs; LOAD httpfs")
    for table in _manifest(location)["tables"]:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", table):
            raise ValueError(f"not a table name in the manifest: {table!r}")
        path = f"{location.rstrip('/')}/{table}.parquet".replace("'", "''")  # DDL takes no parameters
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{path}')")
    return con


def ensure_database() -> Path:
    """Build the database when it is missing or older than its inputs. Every session's run asks, so one
    build at a time: runs that start while inputs are newer would otherwise each build a version of their
    own, and the pruning of old versions could delete one that another run has pinned but not yet opened.
    A Parquet release (DASHBOARD_DATA) is read as it is: nothing to build."""
    if data_location():
        return build.DB_PATH
    if build.is_stale() or publish.is_stale(build.DB_PATH):
        with _build_lock:
            if build.is_stale():
                build.build(static_dir=publish.STATIC_DIR)
            elif publish.is_stale(build.DB_PATH):
                publish.write_static(build.DB_PATH)
    return build.DB_PATH


def _current_version() -> int:
    location = data_location()
    return _parquet_version(location) if location else build.DB_PATH.stat().st_mtime_ns


def begin_run() -> int:
    """Pin the current database version for this script run (called once per run by the router)."""
    ensure_database()
    _run.version = _current_version()
    return _run.version


def database_version() -> int:
    """The database version this run reads: pinned by begin_run, else the current one."""
    return getattr(_run, "version", None) or _current_version()


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
def _connection(version: int, location: str | None) -> duckdb.DuckDBPyConnection:
    if location:
        return _parquet_connection(location)
    return duckdb.connect(str(_version_path(version)), read_only=True)


def query(sql: str, params: Mapping | Sequence = ()) -> pd.DataFrame:
    """Run one parameterized query (named `$name` parameters from a mapping) on its own cursor."""
    with _connection(database_version(), data_location()).cursor() as cur:
        return cur.execute(sql, params if isinstance(params, Mapping) else list(params)).df()


def database_file() -> Path:
    """The database as one DuckDB file: the local build, or, for a Parquet release, its tables copied into a
    new file (written once per version)."""
    location = data_location()
    if not location:
        return ensure_database()
    target = Path(tempfile.gettempdir()) / f"china-chips-dashboard-{database_version()}.duckdb"
    if not target.exists():
        with _build_lock:
            partial = target.with_suffix(".partial")
            partial.unlink(missing_ok=True)
            with _connection(database_version(), location).cursor() as cur:
                tables = [name for (name,) in cur.execute(publish.PUBLISHED_TABLES_SQL).fetchall()]
                cur.execute("ATTACH $path AS export", {"path": str(partial)})
                for table in tables:
                    cur.execute(f'CREATE TABLE export."{table}" AS SELECT * FROM "{table}"')  # the catalogue's names
                cur.execute("DETACH export")
            os.replace(partial, target)
    return target
