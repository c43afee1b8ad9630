"""Build data/dashboard.duckdb from the curated CSVs in data/ (run: python -m dashboard.build).

The tables, their constraints and the rules across tables live in data/schema.sql; the series
derived from upstream datasets in data/derive.sql. This module only moves rows from the CSVs
into those tables and, when the database rejects a row, says which file and line it came from.
The database is written to a temporary file and renamed into place, so a failed build leaves
the last good database untouched.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from dashboard import changes, publish, release, rules

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DB_PATH = DATA_DIR / "dashboard.duckdb"

# Load order: a table comes after every table it references.
CURATED_TABLES = (
    "source_kinds",
    "sources",
    "rules",
    "rule_paragraphs",
    "licence_exceptions",
    "tariff_bands",
    "threads",
    "jurisdictions",
    "regions",
    "chip_attributes",
    "event_categories",
    "companies",
    "metrics",
    "events",
    "chip_catalog",
    "chip_specs",
    "adoption",
    "sector_stats",
    "listing_lists",
    "listing_sectors",
    "entity_listings",
    "licensing_statuses",
    "licensing_turns",
    "process_nodes",
    "phone_socs",
    "record_sources",
)


def _label(path: Path) -> str:
    """How a message names an input file: data/<name>, wherever the data folder lies."""
    return f"{path.parent.name}/{path.name}"


class BuildError(Exception):
    """Bad input: the message names the file, the line and the problem."""


@dataclass
class Staged:
    """One CSV read into memory: its rows as strings, and the file line of each row."""

    path: Path
    frame: pd.DataFrame  # all columns str or None, plus __line

    def where(self, line: int) -> str:
        return f"{_label(self.path)}:{line}"


def input_files(data_dir: Path | None = None) -> list[Path]:
    """Every file the database is built from; the app rebuilds when one is newer."""
    data_dir = data_dir or DATA_DIR
    files = [data_dir / name for name in ("schema.sql", "derive.sql", "views.sql", "release.toml")]
    files += [Path(rules.__file__)]
    files += [data_dir / f"{table}.csv" for table in CURATED_TABLES]
    files += sorted((data_dir / "upstream").glob("*.csv"))
    return files


def is_stale(db_path: Path | None = None, data_dir: Path | None = None) -> bool:
    db_path = db_path or DB_PATH
    if not db_path.exists():
        return True
    built = db_path.stat().st_mtime
    return any(f.stat().st_mtime > built for f in input_files(data_dir) if f.exists())


def read_csv(path: Path, columns: list[str]) -> Staged:
    """Read a curated CSV as strings, checking its header and field counts."""
    if not path.exists():
        raise BuildError(f"{_label(path)}: file is missing")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            raise BuildError(f"{_label(path)}:1: file is empty") from None
        except csv.Error as exc:
            raise BuildError(f"{_label(path)}:1: {exc}") from None
        staged = Staged(path, pd.DataFrame())
        missing = [c for c in columns if c not in header]
        extra = [c for c in header if c not in columns]
        if missing:
            raise BuildError(f"{staged.where(1)}: missing column(s) {', '.join(missing)}")
        if extra:
            raise BuildError(f"{staged.where(1)}: unknown column(s) {', '.join(extra)}")
        if len(set(header)) != len(header):
            raise BuildError(f"{staged.where(1)}: a column name is repeated")
        rows, lines = [], []
        try:
            for record in reader:
                if not record:
                    continue
                if len(record) != len(header):
                    raise BuildError(
                        f"{staged.where(reader.line_num)}: {len(record)} fields, the header has {len(header)}"
                    )
                rows.append([value.strip() or None for value in record])
                lines.append(reader.line_num)
        except csv.Error as exc:
            raise BuildError(f"{staged.where(reader.line_num)}: {exc}") from None
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    frame["__line"] = lines
    staged.frame = frame
    return staged


def _table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    return con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()


def _select_list(columns: list[tuple[str, str]]) -> str:
    """Cast the staged strings to the schema's types; a list column is written `a; b` in CSV."""
    parts = []
    for name, dtype in columns:
        if dtype == "VARCHAR[]":
            parts.append(
                f'coalesce(list_transform(string_split("{name}", \';\'), lambda x: trim(x)), [])::VARCHAR[] AS "{name}"'
            )
        else:
            parts.append(f'CAST("{name}" AS {dtype}) AS "{name}"')
    return ", ".join(parts)


def _first_bad_cast(con, staged: Staged, columns: list[tuple[str, str]]) -> str | None:
    """The first value that does not parse as its column's type (a malformed date or number)."""
    worst = None
    for name, dtype in columns:
        if dtype in ("VARCHAR", "VARCHAR[]"):
            continue
        hits = con.execute(
            f'SELECT __line, "{name}" FROM staged WHERE "{name}" IS NOT NULL '
            f'AND try_cast("{name}" AS {dtype}) IS NULL ORDER BY __line LIMIT 1'
        ).fetchall()
        hit = hits[0] if hits else None
        if hit and (worst is None or hit[0] < worst[0]):
            kind = {"DATE": "date (YYYY-MM-DD)", "BOOLEAN": "true/false"}.get(dtype, "number")
            worst = (hit[0], f"column {name}: {hit[1]!r} is not a valid {kind}")
    return f"{staged.where(worst[0])}: {worst[1]}" if worst else None


def _explain(message: str) -> str:
    """Turn DuckDB's constraint message into words a data editor recognises."""
    text = message.split("\n")[0]
    for prefix in ("Constraint Error: ", "Conversion Error: ", "Invalid Input Error: "):
        text = text.removeprefix(prefix)
    lowered = text.lower()
    if "duplicate key" in lowered:
        return "duplicate key: " + text
    if "foreign key" in lowered and 'key "' in text:
        column, _, value = text.split('key "', 1)[1].split('"', 1)[0].partition(": ")
        return f"unknown {column} {value!r} (not in the referenced table)"
    if "not null constraint" in lowered:
        return "required value is empty: " + text.rsplit(" ", 1)[-1]
    if "check constraint" in lowered:
        if "url" in text:
            return "url is not an http(s) link: " + text
        if " IN (" in text:
            return "value not in the allowed vocabulary: " + text
        return "value out of range: " + text
    return text


def load_table(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> Staged:
    columns = _table_columns(con, table)
    staged = read_csv(path, [name for name, _ in columns])
    con.register("staged", staged.frame)
    try:
        bad_cast = _first_bad_cast(con, staged, columns)
        if bad_cast:
            raise BuildError(bad_cast)
        insert = f"INSERT INTO {table} SELECT {_select_list(columns)} FROM staged"
        try:
            con.execute(insert + " ORDER BY __line")
        except duckdb.Error:
            # Insert one row at a time to find the row the database rejects. If none is rejected
            # (a table that refers to itself, row by row), the table is now loaded.
            for line in staged.frame["__line"]:
                try:
                    con.execute(insert + " WHERE __line = ?", [line])
                except duckdb.Error as exc:
                    raise BuildError(f"{staged.where(line)}: {_explain(str(exc))}") from None
    finally:
        con.unregister("staged")
    return staged


def _run_checks(con: duckdb.DuckDBPyConnection, staged: dict[str, Staged]) -> None:
    """Each check_* view lists (tbl, key, problem) rows that break a cross-table rule."""
    views = con.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main' "
        "AND view_name LIKE 'check\\_%' ESCAPE '\\' ORDER BY view_name"
    ).fetchall()
    for (view,) in views:
        rows = con.execute(f"SELECT tbl, key, problem FROM {view} LIMIT 1").fetchall()
        if rows:
            table, key, problem = rows[0]
            frame = staged[table].frame
            lines = frame.loc[frame[frame.columns[0]] == key, "__line"]
            where = staged[table].where(int(lines.iloc[0])) if len(lines) else _label(staged[table].path)
            raise BuildError(f"{where}: {problem}")


TABLE_START = re.compile(r"CREATE TABLE (\w+)")
COMMENTED_COLUMN = re.compile(r"\s+(\w+)\s+[A-Z].*?--\s*(.+)")


def column_comments(schema: str) -> list[tuple[str, str, str]]:
    """(table, column, comment) for each column whose line in the schema ends in a `--` comment: the
    schema is where a column's meaning is written, and the data dictionary reads it from the database."""
    comments, table = [], None
    for line in schema.splitlines():
        if start := TABLE_START.match(line):
            table = start.group(1)
        elif line.startswith(")"):
            table = None
        elif table and (column := COMMENTED_COLUMN.match(line)) and column.group(1) not in ("CHECK", "PRIMARY"):
            comments.append((table, column.group(1), column.group(2).strip()))
    return comments


def build_into(con: duckdb.DuckDBPyConnection, data_dir: Path | None = None) -> None:
    data_dir = data_dir or DATA_DIR
    schema = (data_dir / "schema.sql").read_text(encoding="utf-8")
    con.execute(schema)
    for table, column, comment in column_comments(schema):
        literal = comment.replace("'", "''")  # COMMENT ON takes no parameters; the text is the schema's own
        con.execute(f'COMMENT ON COLUMN "{table}"."{column}" IS \'{literal}\'')
    staged = {table: load_table(con, table, data_dir / f"{table}.csv") for table in CURATED_TABLES}
    con.execute("SET file_search_path = ?", [str(data_dir / "upstream")])
    try:
        con.execute((data_dir / "derive.sql").read_text(encoding="utf-8"))
    except duckdb.Error as exc:
        raise BuildError(f"data/derive.sql: {_explain(str(exc))}") from None
    _write_rule_status(con)
    try:
        con.execute((data_dir / "views.sql").read_text(encoding="utf-8"))
    except duckdb.Error as exc:
        raise BuildError(f"data/views.sql: {_explain(str(exc))}") from None
    _write_release_info(con, data_dir)
    _run_checks(con, staged)


def _write_release_info(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    settings = release.read(data_dir / "release.toml")
    try:
        con.execute(
            """
            INSERT INTO release_info
            SELECT $version, greatest((SELECT max(date) FROM events), (SELECT max(date) FROM adoption)),
                   $checked_through, now()::TIMESTAMP
            """,
            {"version": settings.version, "checked_through": settings.checked_through},
        )
    except duckdb.Error as exc:
        raise BuildError(f"data/release.toml: {_explain(str(exc))}") from None


# A chip that shares its die and clocks with another (chip_catalog.compute_as) is classified on that chip's
# throughput figures, so one silicon has one TPP whatever rounding each source used.
RULE_INPUTS_SQL = """
SELECT c.* REPLACE (
           CASE WHEN k.compute_as IS NULL THEN c.fp16_tflops ELSE r.fp16_tflops END AS fp16_tflops,
           CASE WHEN k.compute_as IS NULL THEN c.fp8_tflops ELSE r.fp8_tflops END AS fp8_tflops,
           CASE WHEN k.compute_as IS NULL THEN c.int8_tops ELSE r.int8_tops END AS int8_tops),
       r.name AS compute_as_name
FROM chips c JOIN chip_catalog k USING (chip_id) LEFT JOIN chips r ON r.chip_id = k.compute_as
"""


def _write_rule_status(con: duckdb.DuckDBPyConnection) -> None:
    """Classify every chip under every rule version with dashboard/rules.py, into rule_status, and record
    which paragraphs each version holds (its own and inherited) in rule_version_paragraphs."""
    chips = con.execute(RULE_INPUTS_SQL).df().to_dict("records")
    versions = rules.rule_versions(
        con.execute("SELECT * FROM rules").df().to_dict("records"),
        con.execute("SELECT * FROM rule_paragraphs").df().to_dict("records"),
        con.execute("SELECT * FROM licence_exceptions").df().to_dict("records"),
    )
    held = [
        {"rule_id": rule_id, "paragraph_rule_id": p.rule_id, "paragraph": p.paragraph}
        for rule_id, version in versions.items()
        for p in version.paragraphs
    ]
    _insert_rows(con, "rule_version_paragraphs", held)
    _insert_rows(con, "rule_status", rules.status_rows(chips, versions))


def _insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    columns = [name for name, _ in _table_columns(con, table)]
    computed = pd.DataFrame(rows, columns=columns)
    con.register("computed_rows", computed)
    try:
        con.execute(f"INSERT INTO {table} SELECT {', '.join(columns)} FROM computed_rows")
    finally:
        con.unregister("computed_rows")


def build(db_path: Path | None = None, data_dir: Path | None = None, static_dir: Path | None = None) -> Path:
    """Build the database next to db_path and rename it into place; raise BuildError on bad input. With
    `static_dir`, also write the release's static files there (dashboard/publish.py)."""
    db_path, data_dir = db_path or DB_PATH, data_dir or DATA_DIR
    fd, tmp_name = tempfile.mkstemp(prefix=db_path.name + ".", suffix=".tmp", dir=db_path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # DuckDB creates the file itself
    try:
        con = duckdb.connect(str(tmp))
        try:
            build_into(con, data_dir)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, db_path)
        if static_dir is not None:
            publish.write_static(db_path, static_dir)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return db_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.build", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--export-parquet",
        metavar="DIR",
        type=Path,
        help="after building, write every table and view the pages read as Parquet files into DIR, with a manifest",
    )
    parser.add_argument(
        "--changes-since",
        metavar="OLD.duckdb",
        type=Path,
        help="after building, print (Markdown) the records added, removed and changed since this earlier build",
    )
    args = parser.parse_args(argv)
    if args.changes_since and not args.changes_since.is_file():
        print(f"no database at {args.changes_since}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        path = build(static_dir=publish.STATIC_DIR)
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    print(
        f"built {path} in {time.perf_counter() - started:.2f} s", file=sys.stderr if args.changes_since else sys.stdout
    )
    if args.export_parquet:
        publish.export_parquet(path, args.export_parquet)
        print(f"exported the release as Parquet to {args.export_parquet}", file=sys.stderr)
    if args.changes_since:
        found = changes.compare(args.changes_since, path)
        print(changes.markdown(found, changes.version_of(args.changes_since), changes.version_of(path)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
