"""The app served from a release exported as Parquet (DASHBOARD_DATA): every page renders from it, the
queries answer as they do from the DuckDB file, and the database download is rebuilt from it."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import pages, publish, queries, store

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish.export_parquet(store.ensure_database(), tmp_path_factory.mktemp("release"))


@pytest.fixture
def from_parquet(release: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DASHBOARD_DATA", str(release))
    monkeypatch.setattr(store, "_run", __import__("threading").local())
    return release


def test_the_export_holds_every_published_table_and_the_release(release: Path) -> None:
    manifest = store._read_manifest(str(release))
    assert {"events", "events_cited", "release_info", "entity_listings", "chip_rule_map"} <= set(manifest["tables"])
    assert all((release / f"{table}.parquet").exists() for table in manifest["tables"])


def test_queries_answer_from_parquet_as_from_the_database(from_parquet: Path, monkeypatch) -> None:
    parquet = queries.events(years=(2015, 2030))
    monkeypatch.delenv("DASHBOARD_DATA")
    store._run.version = None
    local = queries.events(years=(2015, 2030))
    assert len(parquet) == len(local) > 100
    assert list(parquet["event_id"]) == list(local["event_id"])


@pytest.mark.parametrize("page", pages.PAGES, ids=lambda page: page.file)
def test_every_page_renders_from_parquet(from_parquet: Path, page) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if page.path:
        at.switch_page(page.file)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.get("plotly_chart")) == page.charts


def test_database_download_is_written_from_the_parquet_release(from_parquet: Path) -> None:
    path = store.database_file()
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] > 100
        assert con.execute("SELECT version FROM release_info").fetchone()[0]
