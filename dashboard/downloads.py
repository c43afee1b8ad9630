"""The whole dataset for download: every published table and view, the data dictionary, the database file."""

from __future__ import annotations

import io
import zipfile

import pandas as pd

from dashboard import build, publish, store
from dashboard.queries import cached
from dashboard.store import query


@cached
def published_tables() -> list[str]:
    """Every table and view a user may download: all but the build's consistency checks."""
    return query(publish.PUBLISHED_TABLES_SQL)["table_name"].tolist()


@cached
def data_dictionary() -> pd.DataFrame:
    return query(publish.DICTIONARY_SQL, {"tables": published_tables()})


def table_csv(table: str) -> bytes:
    if table not in published_tables():
        raise KeyError(table)
    return query(f'SELECT * FROM "{table}"').to_csv(index=False).encode("utf-8")  # a name from the catalogue


@cached
def zip_of_csvs() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in published_tables():
            archive.writestr(f"{table}.csv", table_csv(table))
        archive.writestr("data_dictionary.csv", data_dictionary().to_csv(index=False))
        archive.write(build.DATA_DIR / "README.md", "README.md")
        archive.write(build.DATA_DIR / "schema.sql", "schema.sql")
    return buffer.getvalue()


def database_file() -> bytes:
    return store.database_file().read_bytes()
