"""Candidates for the curated data, from the publishers' own feeds, into data/inbox/ (never the curated CSVs).

    python -m dashboard.ingest federal-register FILE_OR_URL

reads a response of the Federal Register API's documents search (for example
https://www.federalregister.gov/api/v1/documents.json?conditions[agencies][]=industry-and-security-bureau)
and writes the documents that no event cites yet (matched by Federal Register citation or document number)
to data/inbox/federal_register.csv, with a suggested event category. A maintainer reads each document and
adds the events by hand (data/README.md, "How to update"). A malformed response writes nothing.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import urllib.request
from collections.abc import Iterable, Mapping
from pathlib import Path

from dashboard import build

REQUIRED = ("document_number", "title", "type", "publication_date", "html_url", "citation")
OPTIONAL = ("effective_on", "abstract")
COLUMNS = ("document_number", "publication_date", "effective_on", "title", "html_url", "citation", "suggested_category")
# First match wins: the words in a BIS document's title that say which kind of event it is.
CATEGORY_WORDS = (
    ("fdpr", r"foreign[- ]produced direct product|foreign direct product"),
    ("entity_list", r"entity list|unverified list"),
    ("equipment_rule", r"semiconductor manufacturing"),
    ("chip_rule", r"advanced computing|artificial intelligence|\bAI\b|integrated circuits|supercomputer"),
    ("licensing", r"licen[cs]e|denial order"),
)
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class IngestError(Exception):
    """The response cannot be read: the message says where and what."""


def read_response(text: str) -> list[dict]:
    """The documents of a documents-search response, checked field by field."""
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("results"), list):
        raise IngestError("no results list: expected an object with a 'results' array (a documents search response)")
    documents = []
    for index, result in enumerate(payload["results"]):
        if not isinstance(result, dict):
            raise IngestError(f"results[{index}] is not an object")
        missing = [name for name in REQUIRED if name not in result]
        if missing:
            raise IngestError(f"results[{index}] lacks {', '.join(missing)}")
        for name in ("document_number", "title", "publication_date", "html_url"):
            if not isinstance(result[name], str) or not result[name].strip():
                raise IngestError(f"results[{index}].{name} is empty")
        for name in ("publication_date", "effective_on"):
            value = result.get(name)
            if value is not None and not DATE.fullmatch(str(value)):
                raise IngestError(f"results[{index}].{name} is not a YYYY-MM-DD date: {value!r}")
        if not str(result["html_url"]).startswith("https://"):
            raise IngestError(f"results[{index}].html_url is not an https link")
        documents.append({name: result.get(name) for name in REQUIRED + OPTIONAL})
    return documents


def known(data_dir: Path) -> tuple[set[str], set[str]]:
    """The Federal Register citations the events hold, and every document number in a cited source's link."""
    with (data_dir / "events.csv").open(encoding="utf-8", newline="") as handle:
        citations = {
            part.strip()
            for row in csv.DictReader(handle)
            for part in (row["fr_citation"] or "").split(";")
            if part.strip()
        }
    with (data_dir / "sources.csv").open(encoding="utf-8", newline="") as handle:
        numbers = {number for row in csv.DictReader(handle) for number in re.findall(r"\d{4}-\d{5}", row["url"])}
    return citations, numbers


def suggested_category(title: str) -> str:
    return next((category for category, words in CATEGORY_WORDS if re.search(words, title, re.I)), "")


def new_documents(documents: Iterable[Mapping], citations: set[str], numbers: set[str]) -> list[dict]:
    rows = []
    for doc in documents:
        if doc["document_number"] in numbers or (doc["citation"] and doc["citation"] in citations):
            continue
        rows.append(
            {**{name: doc.get(name) or "" for name in COLUMNS}, "suggested_category": suggested_category(doc["title"])}
        )
    return sorted(rows, key=lambda row: (row["publication_date"], row["document_number"]))


def write_inbox(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def fetch(location: str) -> str:
    if location.startswith(("https://", "http://")):
        with urllib.request.urlopen(location, timeout=60) as response:  # a maintainer's machine with internet
            return response.read().decode("utf-8")
    return Path(location).read_text(encoding="utf-8")


def main(argv: list[str] | None = None, data_dir: Path | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.ingest", description=__doc__.split("\n")[0])
    sources = parser.add_subparsers(dest="source", required=True)
    federal = sources.add_parser("federal-register", help="a Federal Register API documents-search response")
    federal.add_argument("location", help="a file, or the API URL on a machine with internet")
    args = parser.parse_args(argv)
    data_dir = data_dir or build.DATA_DIR
    try:
        documents = read_response(fetch(args.location))
    except (IngestError, OSError, UnicodeDecodeError) as exc:
        print(f"ingest failed: {exc}; nothing written", file=sys.stderr)
        return 1
    rows = new_documents(documents, *known(data_dir))
    target = data_dir / "inbox" / "federal_register.csv"
    write_inbox(rows, target)
    print(f"{len(documents)} documents read, {len(rows)} not yet in events: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
