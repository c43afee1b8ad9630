"""The store: where the data lives, the one read-only connection to it, and which version a run reads.

Every query runs on its own cursor (a connection shared by sessions is not thread-safe) and takes
its values as named SQL parameters. A rebuilt file is noticed at the start of the next script run
(`begin_run`); the run keeps the version it started with, so a page never mixes old and new data.
This is the only module that knows where the data are.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from dashboard import build, publish

VERSIONS_KEPT = 3
_run = threading.local()  # Streamlit runs each session's script on a thread of its own
_build_lock = threading.Lock()


def ensure_database() -> Path:
    """Build the database when it is missing or older than its inputs. Every session's run asks, so one
    build at a time: runs that start while inputs are newer would otherwise each build a version of their
    own, and the pruning of old versions could delete one that another run has pinned but not yet opened."""
    if build.is_stale() or publish.is_stale(build.DB_PATH):
        with _build_lock:
            if build.is_stale():
                build.build(static_dir=publish.STATIC_DIR)
            elif publish.is_stale(build.DB_PATH):
                publish.write_static(build.DB_PATH)
    return build.DB_PATH


def begin_run() -> int:
    """Pin the current database version for this script run (called once per run by the router)."""
    ensure_database()
    _run.version = build.DB_PATH.stat().st_mtime_ns
    return _run.version


def database_version() -> int:
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


def query(sql: str, params: Mapping | Sequence = ()) -> pd.DataFrame:
    """Run one parameterized query (named `$name` parameters from a mapping) on its own cursor."""
    with _connection(database_version()).cursor() as cur:
        return cur.execute(sql, params if isinstance(params, Mapping) else list(params)).df()


def database_file() -> Path:
    return ensure_database()
