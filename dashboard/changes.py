"""What changed between two builds of the database: records added, removed and changed, table by table,
matched by each table's primary key. Written as Markdown for a maintainer to edit into data/CHANGELOG.md
(`python -m dashboard.build --changes-since OLD.duckdb`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

KEYS_SQL = """
SELECT table_name, constraint_column_names FROM duckdb_constraints()
WHERE constraint_type = 'PRIMARY KEY' AND database_name = $database AND schema_name = 'main'
"""
COLUMNS_SQL = """
SELECT column_name FROM duckdb_columns()
WHERE database_name = $database AND schema_name = 'main' AND table_name = $table ORDER BY column_index
"""


@dataclass
class Comparison:
    tables: list[TableChanges]
    new_tables: list[str]  # in the new build only
    rekeyed: list[str]  # keyed differently in the two builds, so not compared row by row


@dataclass
class TableChanges:
    table: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[str]]] = field(default_factory=list)  # key, the columns that differ

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _keys(con: duckdb.DuckDBPyConnection, database: str) -> dict[str, list[str]]:
    return {table: list(columns) for table, columns in con.execute(KEYS_SQL, {"database": database}).fetchall()}


def _columns(con, database: str, table: str) -> list[str]:
    return [name for (name,) in con.execute(COLUMNS_SQL, {"database": database, "table": table}).fetchall()]


def compare(old_path: Path, new_path: Path) -> Comparison:
    """Changes of every table that both databases key the same way."""
    with duckdb.connect(str(new_path), read_only=True) as con:
        con.execute(f"ATTACH '{Path(old_path).resolve()}' AS old (READ_ONLY)")  # a maintainer's own file
        new_db = con.execute("SELECT current_database()").fetchone()[0]
        old_keys, new_keys = _keys(con, "old"), _keys(con, new_db)
        found, new_tables, rekeyed = [], [], []
        for table, key in sorted(new_keys.items()):
            if old_keys.get(table) != key:
                (rekeyed if table in old_keys else new_tables).append(table)
                continue
            columns = [c for c in _columns(con, new_db, table) if c in set(_columns(con, "old", table))]
            key_text = " || '/' || ".join(f'CAST(n."{c}" AS VARCHAR)' for c in key)
            old_key_text = key_text.replace("n.", "o.")
            on = " AND ".join(f'n."{c}" = o."{c}"' for c in key)
            changes = TableChanges(table)
            changes.added = [
                k
                for (k,) in con.execute(
                    f'SELECT {key_text} FROM main."{table}" n ANTI JOIN old.main."{table}" o ON {on} ORDER BY 1'
                ).fetchall()
            ]
            changes.removed = [
                k
                for (k,) in con.execute(
                    f'SELECT {old_key_text} FROM old.main."{table}" o ANTI JOIN main."{table}" n ON {on} ORDER BY 1'
                ).fetchall()
            ]
            differs = ", ".join(
                f'CASE WHEN n."{c}" IS DISTINCT FROM o."{c}" THEN \'{c}\' END' for c in columns if c not in key
            )
            if differs:
                rows = con.execute(
                    f"SELECT {key_text}, list_filter([{differs}], lambda x: x IS NOT NULL) AS cols "
                    f'FROM main."{table}" n JOIN old.main."{table}" o ON {on} ORDER BY 1'
                ).fetchall()
                changes.changed = [(k, cols) for k, cols in rows if cols]
            if not changes.empty:
                found.append(changes)
        return Comparison(found, new_tables, rekeyed)


def markdown(comparison: Comparison, old_version: str, new_version: str, shown: int = 40) -> str:
    lines = [f"## Changes from {old_version} to {new_version}", ""]
    if comparison.new_tables:
        lines += ["New tables: " + ", ".join(f"`{t}`" for t in comparison.new_tables) + ".", ""]
    if comparison.rekeyed:
        lines += [
            "Keyed differently, so not compared row by row: " + ", ".join(f"`{t}`" for t in comparison.rekeyed) + ".",
            "",
        ]
    if not comparison.tables:
        lines.append("No records were added, removed or changed.")
    for table in comparison.tables:
        lines.append(
            f"### {table.table}: {len(table.added)} added, {len(table.changed)} changed, {len(table.removed)} removed"
        )
        for label, keys in (("Added", table.added), ("Removed", table.removed)):
            if keys:
                lines.append(f"- {label}: " + ", ".join(f"`{k}`" for k in keys[:shown]) + _more(keys, shown))
        if table.changed:
            lines.append(
                "- Changed: "
                + "; ".join(f"`{k}` ({', '.join(cols)})" for k, cols in table.changed[:shown])
                + _more(table.changed, shown)
            )
        lines.append("")
    return "\n".join(lines)


def _more(items: list, shown: int) -> str:
    return f" and {len(items) - shown} more" if len(items) > shown else ""


def version_of(path: Path) -> str:
    with duckdb.connect(str(path), read_only=True) as con:
        try:
            return con.execute("SELECT version FROM release_info").fetchone()[0]
        except duckdb.Error:
            return f"the build in {Path(path).name}"
