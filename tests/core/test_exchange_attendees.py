"""JSON exports and attendees: a version-1 export (tests/data/export-v1.json, written by the
release before attendees from tests/data/journal-v6.db) imports with each touchpoint's manager
as its one attendee; a version-2 export keeps every attendee and note."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from coachjournal.coaching import roster, touchpoints
from coachjournal.coaching.touchpoints import NewActionItem
from coachjournal.exchange import csv_export, json_format, markdown_export
from coachjournal.exchange.json_format import ImportFileError
from coachjournal.storage import db
from coachjournal.storage.models import (
    ActionItem,
    Manager,
    Touchpoint,
    TouchpointAttendee,
    database,
)
from tests.core.exports import as_version_2

EXPORT_V1 = Path(__file__).parent.parent / "data" / "export-v1.json"


def test_a_version_1_export_imports_every_row_each_touchpoint_with_its_manager(
    journal_path: Path,
) -> None:
    document = json.loads(EXPORT_V1.read_text(encoding="utf-8"))
    assert document["format_version"] == 1
    assert "touchpoint_attendee" not in document["tables"]
    summary = json_format.import_json(EXPORT_V1)
    for table, rows in document["tables"].items():
        assert summary.rows[table] == len(rows), table
        stored = database.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0]
        assert stored == len(rows), table
    expected = sorted((row["id"], row["manager_id"]) for row in document["tables"]["touchpoint"])
    attendees = database.execute_sql(
        "SELECT touchpoint_id, manager_id FROM touchpoint_attendee WHERE position = 0 "
        "ORDER BY touchpoint_id"
    ).fetchall()
    assert attendees == expected
    assert TouchpointAttendee.select().count() == len(expected)
    live = [row for row in document["tables"]["touchpoint"] if row["deleted_at"] is None]
    for row in live:  # in the journal of its manager
        day = dt.date.fromisoformat(row["occurred_at"][:10])
        shown = touchpoints.timeline_page(
            row["manager_id"], touchpoints.TimelineFilter(start=day, end=day)
        )
        assert row["id"] in [entry.id for entry in shown]
    # The huddle the fixture logged once per manager is offered for merging, not merged.
    (group,) = touchpoints.meetings_logged_twice()
    assert len(group.ids) == 3


def test_a_version_2_export_keeps_every_attendee_their_notes_and_their_items(
    journal_path: Path, tmp_path: Path
) -> None:
    ana, ben, cleo = (roster.create_manager(name).id for name in ("Ana", "Ben", "Cleo"))
    record = touchpoints.log_touchpoint(
        ana,
        dt.datetime(2025, 3, 3, 9),
        "team_meeting",
        [NewActionItem("Ben sends the deck", manager_id=ben)],
        with_managers=[cleo, ben],
        observed={cleo: "Led the forecast, **clearly**"},
        summary="Huddle",
    )
    json_format.export_json(tmp_path / "export.json")
    document = as_version_2(json.loads((tmp_path / "export.json").read_text(encoding="utf-8")))
    names = {row["id"]: row["name"] for row in document["tables"]["manager"]}
    assert sorted(
        (row["position"], names[row["manager_id"]], row["note"])
        for row in document["tables"]["touchpoint_attendee"]
    ) == [(0, "Ana", ""), (1, "Cleo", "Led the forecast, **clearly**"), (2, "Ben", "")]
    (tmp_path / "export.json").write_text(json.dumps(document), encoding="utf-8")
    db.close_journal()
    db.open_journal(tmp_path / "restored.db")
    json_format.import_json(tmp_path / "export.json")
    (restored,) = [touchpoints.get_touchpoint(t.id) for t in Touchpoint.select()]
    shown = {manager.id: manager.name for manager in roster.list_managers()}
    assert [shown[m] for m in restored.attendee_ids] == ["Ana", "Cleo", "Ben"]
    assert restored.summary == record.summary == "Huddle"
    assert [shown[i.manager_id] for i in touchpoints.action_items_of(restored.id)] == ["Ben"]


def test_a_touchpoint_whose_manager_is_not_among_its_attendees_is_refused(
    journal_path: Path, tmp_path: Path
) -> None:
    ana, ben = (roster.create_manager(name).id for name in ("Ana", "Ben"))
    touchpoints.create_touchpoint(ana, dt.datetime(2025, 3, 3, 9), "team_meeting")
    json_format.export_json(tmp_path / "export.json")
    document = json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))
    ben_uid = Manager.get_by_id(ben).uid
    document["tables"]["touchpoint_attendee"][0]["manager_id"] = ben_uid
    (tmp_path / "export.json").write_text(json.dumps(document), encoding="utf-8")
    db.close_journal()
    db.open_journal(tmp_path / "restored.db")
    with pytest.raises(ImportFileError) as caught:
        json_format.import_json(tmp_path / "export.json")
    assert any("is not among its attendees" in problem for problem in caught.value.problems)
    assert Touchpoint.select().count() == 0 and ActionItem.select().count() == 0


def test_csv_and_markdown_exports_name_the_attendees_and_the_notes_about_them(
    journal_path: Path, tmp_path: Path
) -> None:
    ana, ben, cleo = (roster.create_manager(name).id for name in ("Ana", "Ben", "Cleo"))
    touchpoints.create_touchpoint(
        ana,
        dt.datetime(2025, 3, 3, 9),
        "team_meeting",
        with_managers=[ben, cleo],
        observed={ben: "Coached the new rep live"},
        summary="Huddle",
    )
    csv_export.export_csv(tmp_path / "sheets")
    with (tmp_path / "sheets" / "touchpoints.csv").open(encoding="utf-8-sig", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert (row["manager_name"], row["attendees"], row["kind"]) == (
        "Ana",
        "Ana; Ben; Cleo",
        "Team meeting",
    )
    markdown_export.export_markdown(tmp_path / "notes")
    ben_file = (tmp_path / "notes" / "Ben.md").read_text(encoding="utf-8")
    assert "with Ana, Cleo" in ben_file
    assert "**About Ben**" in ben_file and "Coached the new rep live" in ben_file
    cleo_file = (tmp_path / "notes" / "Cleo.md").read_text(encoding="utf-8")
    assert "with Ana, Ben" in cleo_file and "Huddle" in cleo_file
