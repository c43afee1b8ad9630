"""Shared state under concurrency: many sessions' queries at once, and a rebuild while they run."""

from __future__ import annotations

import csv
import multiprocessing
import os
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from dashboard import build, publish, queries, store


def test_parallel_queries_from_many_threads_are_complete_and_correct() -> None:
    store.ensure_database()
    expected = {
        "events": int(store.query("SELECT count(*) AS n FROM events")["n"][0]),
        "chips": int(store.query("SELECT count(*) AS n FROM chips")["n"][0]),
    }

    def session(i: int) -> list[tuple[str, int]]:
        seen = []
        for _ in range(25):
            table = "events" if i % 2 else "chips"
            frame = store.query(f"SELECT * FROM {table}")
            seen.append((table, len(frame)))
            seen.append(("events", len(queries.events(years=(2015, 2030)))))
        return seen

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [row for rows in pool.map(session, range(8)) for row in rows]
    assert results, "no queries ran"
    for table, count in results:
        assert count == expected[table], (table, count)


@pytest.fixture
def private_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    shutil.copytree(build.DATA_DIR, data, ignore=shutil.ignore_patterns("*.duckdb", "versions", "*.tmp"))
    monkeypatch.setattr(build, "DATA_DIR", data)
    monkeypatch.setattr(build, "DB_PATH", data / "dashboard.duckdb")
    monkeypatch.setattr(store, "_run", threading.local())  # versions pinned here must not outlive the test
    build.build()
    return data


def drop_last_event(data: Path) -> None:
    """Remove the last event, and the further sources that cite it."""
    rows = read_rows(data / "events.csv")
    write_rows(data / "events.csv", rows[:-1])
    dropped = rows[-1][0]
    write_rows(
        data / "record_sources.csv", [r for r in read_rows(data / "record_sources.csv") if r[:2] != ["events", dropped]]
    )


def read_rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def test_rebuild_while_serving_never_breaks_or_mixes(private_database: Path) -> None:
    """Readers see the old database or the new one, whole; a new run picks up the new file."""
    pair_sql = "SELECT (SELECT count(*) FROM events) AS events, (SELECT max(event_id) FROM events) AS last_id"
    store.begin_run()
    old = tuple(store.query(pair_sql).iloc[0])
    stop = threading.Event()
    seen, errors = set(), []

    def reader() -> None:
        while not stop.is_set():
            try:
                store.begin_run()  # each loop is a new script run of a session
                seen.add(tuple(store.query(pair_sql).iloc[0]))
            except Exception as exc:
                errors.append(repr(exc))

    threads = [threading.Thread(target=reader, daemon=True) for _ in range(4)]
    for thread in threads:
        thread.start()
    new = None
    try:
        time.sleep(0.3)
        drop_last_event(private_database)
        build.build()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and new is None:
            store.begin_run()
            current = tuple(store.query(pair_sql).iloc[0])
            new = current if current != old else None
            time.sleep(0.05)
        time.sleep(0.3)
    finally:  # a failed rebuild must not leave the readers running (the test would never end)
        stop.set()
        for thread in threads:
            thread.join(timeout=10)
    assert errors == []
    assert new is not None and new[0] == old[0] - 1
    assert seen <= {old, new}, seen
    assert new in seen


def test_a_new_version_survives_pruning_of_linked_versions(private_database: Path) -> None:
    """Every version is a hard link to a database file, so old and new ones can share one modification time."""
    folder = private_database / "versions"
    folder.mkdir()
    for number in (10**18 + 5, 10**18 + 7, 10**18 + 9):
        os.link(build.DB_PATH, folder / f"dashboard-{number}.duckdb")
    target = store._version_path(10**18 + 11)
    kept = sorted(path.name for path in folder.glob("dashboard-*.duckdb"))
    assert target.exists()
    assert kept == [f"dashboard-{10**18 + n}.duckdb" for n in (7, 9, 11)]


def test_sessions_that_find_the_inputs_newer_build_once(private_database: Path, monkeypatch) -> None:
    """Each run asks for a fresh database; when the CSVs change, only one of the runs that start meanwhile
    builds, so versions do not multiply (and get pruned) under runs that have pinned them."""
    drop_last_event(private_database)
    builds = []
    real_build = build.build

    def counted_build(*args, **kwargs):
        builds.append(threading.current_thread().name)
        time.sleep(0.2)  # long enough for every other run to arrive while it works
        return real_build(*args, **kwargs)

    monkeypatch.setattr(build, "build", counted_build)
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(lambda _: store.ensure_database(), range(6)))
    assert len(builds) == 1
    assert not build.is_stale()


def test_static_files_written_by_several_processes_at_once_end_whole(private_database: Path, tmp_path: Path) -> None:
    """A build in one process and a server's refresh in another can swap the release's static files in at
    the same moment; each swap must finish and leave one whole release, not fail on the other's leftovers."""
    static_dir = tmp_path / "static"
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        pool.starmap(publish.write_static, [(build.DB_PATH, static_dir)] * 8)
    written = {path.relative_to(static_dir).as_posix() for path in static_dir.rglob("*") if path.is_file()}
    assert {"feed.xml", "data/events.csv", "data/data_dictionary.csv", "data/dashboard.duckdb"} <= written
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".static-")] == [], "no staging or old folder left"
