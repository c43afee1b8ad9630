"""The data release: version and coverage dates (data/release.toml), and the names files carry."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

RELEASE_FILE = Path(__file__).resolve().parent.parent / "data" / "release.toml"


@dataclass(frozen=True)
class Release:
    version: str
    checked_through: dt.date
    report_problem_url: str


def read(path: Path = RELEASE_FILE) -> Release:
    settings = tomllib.loads(path.read_text(encoding="utf-8"))
    return Release(
        version=str(settings["version"]),
        checked_through=dt.date.fromisoformat(str(settings["checked_through"])),
        report_problem_url=str(settings.get("report_problem_url", "")),
    )


def file_name(stem: str, version: str, suffix: str) -> str:
    """A download's file name with the release in it: 'nev-share-2026.12.0.csv'."""
    return f"{stem}-{version}.{suffix}"
