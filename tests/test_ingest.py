"""The Federal Register ingest: new documents go to the inbox, known ones do not, bad input writes nothing."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from dashboard import build, ingest

FIXTURE = Path(__file__).parent / "fixtures" / "fr_bis_documents_2020-2026_partial.csv"


def recorded_response(citations: dict[str, str] | None = None) -> dict:
    """A documents-search response as the API returns it, from the rows of the fixture."""
    with FIXTURE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        "count": len(rows),
        "results": [
            {
                "document_number": row["document_number"],
                "title": row["title"],
                "type": "Rule",
                "abstract": row["abstract"],
                "publication_date": row["publication_date"],
                "effective_on": None,
                "html_url": row["federal_register_url"],
                "citation": (citations or {}).get(row["document_number"]),
            }
            for row in rows
        ],
    }


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    for name in ("events.csv", "sources.csv"):
        shutil.copy(build.DATA_DIR / name, tmp_path / name)
    return tmp_path


def run(data_dir: Path, tmp_path: Path, payload: str, capsys) -> tuple[int, str]:
    response = tmp_path / "response.json"
    response.write_text(payload, encoding="utf-8")
    code = ingest.main(["federal-register", str(response)], data_dir=data_dir)
    return code, capsys.readouterr().err


def inbox_rows(data_dir: Path) -> list[dict]:
    with (data_dir / "inbox" / "federal_register.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_documents_not_yet_in_events_go_to_the_inbox(data_dir, tmp_path, capsys) -> None:
    # 2022-21658 (87 FR 62186) is cited by its number; 2019-27649 gets the citation of an event we hold.
    payload = recorded_response({"2019-27649": "88 FR 73458"})
    code, _ = run(data_dir, tmp_path, json.dumps(payload), capsys)
    assert code == 0
    rows = inbox_rows(data_dir)
    numbers = {row["document_number"] for row in rows}
    assert "2022-21658" not in numbers, "a document a source links to is known"
    assert "2019-27649" not in numbers, "a document whose citation an event holds is known"
    assert 0 < len(rows) < len(payload["results"])
    assert list(rows[0]) == list(ingest.COLUMNS)
    by_number = {row["document_number"]: row for row in rows}
    entity = next(row for row in rows if "Entity List" in row["title"])
    assert entity["suggested_category"] == "entity_list"
    assert all(row["html_url"].startswith("https://www.federalregister.gov/") for row in by_number.values())
    assert [row["publication_date"] for row in rows] == sorted(row["publication_date"] for row in rows)
    curated = (build.DATA_DIR / "events.csv").read_bytes()
    assert (data_dir / "events.csv").read_bytes() == curated, "the curated CSVs are never written"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("{not json", "not JSON"),
        (json.dumps({"count": 0}), "no results list"),
        (json.dumps({"results": [{"title": "x"}]}), "results[0] lacks document_number"),
        (
            json.dumps({"results": [{**recorded_response()["results"][0], "publication_date": "20 Aug 2020"}]}),
            "results[0].publication_date is not a YYYY-MM-DD date",
        ),
        (
            json.dumps({"results": [{**recorded_response()["results"][0], "html_url": "javascript:alert(1)"}]}),
            "results[0].html_url is not an https link",
        ),
    ],
)
def test_bad_responses_name_the_problem_and_write_nothing(data_dir, tmp_path, capsys, payload, message) -> None:
    code, err = run(data_dir, tmp_path, payload, capsys)
    assert code != 0
    assert message in err and "nothing written" in err
    assert not (data_dir / "inbox").exists()


def test_suggested_categories() -> None:
    assert ingest.suggested_category("Additions to the Entity List") == "entity_list"
    assert ingest.suggested_category("Foreign-Produced Direct Product Rule Additions") == "fdpr"
    assert ingest.suggested_category("Export Controls on Semiconductor Manufacturing Items") == "equipment_rule"
    assert (
        ingest.suggested_category("Implementation of Additional Export Controls: Certain Advanced Computing Items")
        == "chip_rule"
    )
    assert ingest.suggested_category("Chemical Weapons Convention") == ""
