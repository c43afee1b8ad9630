"""Stable files for scripts and feeds: every published table as CSV, the data dictionary, the database
file and an Atom feed of the newest events, written by the build under dashboard/static/ and served by
Streamlit at /app/static/... (server.enableStaticServing). Generated, never committed."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import tempfile
from pathlib import Path
from xml.etree import ElementTree as ET

import duckdb

STATIC_DIR = Path(__file__).resolve().parent / "static"
SERVED_AT = "/app/static"
FEED_ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"

PUBLISHED_TABLES_SQL = """
SELECT table_name FROM information_schema.tables
WHERE table_schema = 'main' AND table_name NOT LIKE 'check\\_%' ESCAPE '\\'
ORDER BY table_type, table_name
"""

DICTIONARY_SQL = """
SELECT c.table_name AS "table", c.column_name AS "column", c.data_type AS type, coalesce(d.comment, '') AS meaning
FROM information_schema.columns c
LEFT JOIN duckdb_columns() d ON d.table_name = c.table_name AND d.column_name = c.column_name
WHERE c.table_schema = 'main' AND list_contains($tables, c.table_name)
ORDER BY c.table_name, c.ordinal_position
"""

FEED_SQL = """
SELECT e.event_id, e.date, e.title, e.summary, e.category_label, e.actor,
       coalesce(p.url, e.source_url) AS link, coalesce(p.publisher, e.publisher) AS link_publisher
FROM events_cited e
LEFT JOIN (
    SELECT c.record_id, first(s.url ORDER BY s.source_id) AS url, first(s.publisher ORDER BY s.source_id) AS publisher
    FROM citations c JOIN sources s USING (source_id)
    WHERE c.record_table = 'events' AND c.is_primary
    GROUP BY c.record_id
) p ON p.record_id = e.event_id
ORDER BY e.date DESC, e.event_id
LIMIT $limit
"""


def files(static_dir: Path = STATIC_DIR) -> dict[str, Path]:
    """What the build publishes, by the path it is served at."""
    return {
        f"{SERVED_AT}/{path.relative_to(static_dir).as_posix()}": path
        for path in sorted(static_dir.rglob("*"))
        if path.is_file()
    }


def is_stale(db_path: Path, static_dir: Path = STATIC_DIR) -> bool:
    """True when the static files are missing or older than the database they were written from."""
    feed = static_dir / "feed.xml"
    return not feed.exists() or feed.stat().st_mtime < db_path.stat().st_mtime


def write_static(db_path: Path, static_dir: Path = STATIC_DIR) -> None:
    """Write the files into a fresh folder and swap it in, so a server never serves half a release."""
    static_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".static-", dir=static_dir.parent))
    try:
        data = staging / "data"
        data.mkdir()
        with duckdb.connect(str(db_path), read_only=True) as con:
            tables = [name for (name,) in con.execute(PUBLISHED_TABLES_SQL).fetchall()]
            for table in tables:
                con.execute(f"COPY (SELECT * FROM \"{table}\") TO '{data / (table + '.csv')}' (HEADER)")
            con.execute(DICTIONARY_SQL, {"tables": tables}).df().to_csv(data / "data_dictionary.csv", index=False)
            release = con.execute("SELECT * FROM release_info").df().iloc[0]
            feed = con.execute(FEED_SQL, {"limit": FEED_ENTRIES}).df()
        shutil.copyfile(db_path, data / "dashboard.duckdb")
        (staging / "feed.xml").write_bytes(atom_feed(feed, release))
        with _swap_lock(static_dir):
            old = Path(tempfile.mkdtemp(prefix=".static-old-", dir=static_dir.parent))
            if static_dir.exists():
                os.replace(static_dir, old)  # onto an empty folder, which POSIX allows
            os.replace(staging, static_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def _swap_lock(static_dir: Path):
    """One swap at a time across processes: a build in one process and a server's refresh in another can
    both finish writing at once, and two swaps interleaved would move one release into the other's old folder."""
    with open(static_dir.with_name(".static.lock"), "w") as lock:  # closing the file releases the lock
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def atom_feed(events, release) -> bytes:
    """An Atom feed of the newest events, each linking to its primary source (or its main one)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = "China chips & export controls: newest events"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = "urn:china-chips-dashboard:events"
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _timestamp(release["built_at"])
    ET.SubElement(
        feed, f"{{{ATOM}}}subtitle"
    ).text = f"Data release {release['version']}, sources checked through {release['checked_through']:%Y-%m-%d}"
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "China chips & export controls dashboard"
    for event in events.itertuples():
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"urn:china-chips-dashboard:event:{event.event_id}"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = event.title
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _timestamp(event.date)
        ET.SubElement(entry, f"{{{ATOM}}}link", href=event.link, rel="alternate", title=event.link_publisher)
        ET.SubElement(entry, f"{{{ATOM}}}category", term=event.category_label)
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = f"{event.summary} ({event.actor})"
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _timestamp(value) -> str:
    moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
    return moment.replace(microsecond=0).isoformat() + "Z"


MANIFEST = "manifest.json"


def export_parquet(db_path: Path, target: Path) -> Path:
    """Every published table and view as a Parquet file in `target`, with a manifest naming them and the
    release, so a deployment can serve the release from a folder or a bucket (dashboard/store.py)."""
    target.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(db_path), read_only=True) as con:
        tables = [name for (name,) in con.execute(PUBLISHED_TABLES_SQL).fetchall()]
        for table in tables:
            con.execute(f"COPY (SELECT * FROM \"{table}\") TO '{target / (table + '.parquet')}' (FORMAT parquet)")
        release = con.execute("SELECT version, CAST(built_at AS VARCHAR) FROM release_info").fetchone()
    manifest = {"version": release[0], "built_at": release[1], "tables": tables}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return target
