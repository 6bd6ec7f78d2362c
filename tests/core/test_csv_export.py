"""The CSV export: three files a spreadsheet opens as they are, and the csv module reads back."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from coachjournal.coaching import roster, touchpoints
from coachjournal.exchange import csv_export
from coachjournal.storage.exports import ExportError
from coachjournal.storage.models import Assignment


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture
def written(journal_path: Path, tmp_path: Path) -> Path:
    ada = roster.create_manager("Åda, “the Count” Lovelace")
    bob = roster.create_manager("Bob")
    plan = Assignment.create(manager=ada.id, title="Run the QBR", status="active", outcome_rating=4)
    first = touchpoints.create_touchpoint(
        ada.id,
        dt.datetime(2026, 1, 5, 9, 15),
        "field_visit",
        notes="- line one\n- line two, with a comma",
        summary='=HYPERLINK("http://evil.example")',
        assignment_id=plan.id,
    )
    touchpoints.add_action_item(ada.id, "@mention the team", "me", dt.date(2026, 2, 1), first.id)
    gone = touchpoints.create_touchpoint(bob.id, dt.datetime(2026, 1, 6, 9), "informal")
    touchpoints.add_action_item(bob.id, "in the trash", "them", None, gone.id)
    touchpoints.trash_touchpoint(gone.id)
    touchpoints.add_action_item(bob.id, "written on its own", "them")
    touchpoints.create_touchpoint(bob.id, dt.datetime(2026, 1, 7, 9), "one_on_one", mood=3)
    return csv_export.export_csv(tmp_path / "csv").folder


def test_three_files_with_a_header_and_a_byte_order_mark(written: Path) -> None:
    assert sorted(path.name for path in written.iterdir()) == [
        "action_items.csv",
        "assignments.csv",
        "touchpoints.csv",
    ]
    for path in written.iterdir():
        data = path.read_bytes()
        assert data.startswith(b'\xef\xbb\xbf"id","manager_id","manager_name",')
        assert b"\r\n" in data


def test_touchpoints_read_back_with_names_next_to_ids(written: Path) -> None:
    rows = read(written / "touchpoints.csv")

    assert len(rows) == 2
    first, second = rows
    assert first["manager_name"] == "Åda, “the Count” Lovelace"
    assert first["occurred_at"] == "2026-01-05 09:15"
    assert first["kind"] == "Field visit"
    assert first["notes"] == "'- line one\n'- line two, with a comma"
    assert first["summary"] == '\'=HYPERLINK("http://evil.example")'
    assert first["assignment_title"] == "Run the QBR"
    assert (second["manager_name"], second["kind"], second["mood"]) == ("Bob", "One-on-one", "3")


def test_action_items_and_assignments_read_back(written: Path) -> None:
    items = read(written / "action_items.csv")
    assert [item["text"] for item in items] == ["'@mention the team", "written on its own"]
    assert items[0]["touchpoint_date"] == "2026-01-05"
    assert (items[0]["owner"], items[0]["due_on"], items[0]["status"]) == (
        "me",
        "2026-02-01",
        "open",
    )
    assert items[1]["touchpoint_id"] == ""

    (assignment,) = read(written / "assignments.csv")
    assert (assignment["title"], assignment["status"], assignment["outcome_rating"]) == (
        "Run the QBR",
        "active",
        "4",
    )


def test_an_existing_export_is_replaced_only_when_asked(written: Path) -> None:
    with pytest.raises(ExportError, match="already an export"):
        csv_export.export_csv(written)
    assert csv_export.export_csv(written, force=True).rows["touchpoints.csv"] == 2


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+49 30", "'+49 30"),
        ("-5", "'-5"),
        ("\tx", "'\tx"),
        ("ok", "ok"),
        (5, 5),
    ],
)
def test_formulas_are_defused(value: object, safe: object) -> None:
    assert csv_export.spreadsheet_safe(value) == safe
