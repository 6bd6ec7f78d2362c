"""The export and import commands: what they write, what they print, and one-line errors."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from coachjournal.cli import main
from coachjournal.coaching import roster, touchpoints
from coachjournal.storage import db
from coachjournal.storage.models import Manager, Touchpoint

DATA = Path(__file__).parent.parent / "data"


def run(*argv: str | Path) -> int:
    def no_gui(options: main.GuiOptions) -> int:
        raise AssertionError("the GUI must not open")

    return main.main([str(arg) for arg in argv], open_gui=no_gui)


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """A closed journal with two managers and a touchpoint."""
    path = tmp_path / "team.db"
    db.open_journal(path)
    ada = roster.create_manager("Anna Berg", email="anna.berg@example.com")
    roster.create_manager("Bruno Costa")
    notes = "walrus " * 2_000  # several pages: an import must grow the file
    touchpoints.create_touchpoint(ada.id, dt.datetime(2026, 1, 5, 9), "one_on_one", notes=notes)
    db.close_journal()
    return path


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    error = capsys.readouterr().err
    assert error.startswith("coachjournal: error: ") and error.count("\n") == 1
    return error


@pytest.mark.parametrize(
    ("format_", "out", "expected"),
    [
        ("json", "backup.json", "Wrote 2 managers, 1 touchpoints and everything else"),
        ("markdown", "notes", "Wrote 2 manager files (1 touchpoints) and index.md"),
        ("csv", "sheets", "Wrote touchpoints.csv (1 rows), action_items.csv (0 rows)"),
        ("ics", "due.ics", "Wrote the next due one-on-one of 2 managers"),
    ],
)
def test_export_writes_each_format_once(
    team: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    format_: str,
    out: str,
    expected: str,
) -> None:
    target = tmp_path / out
    assert run("export", "--db", team, "--format", format_, "--out", target) == 0
    assert expected in capsys.readouterr().out
    assert target.exists()

    assert run("export", "--db", team, "--format", format_, "--out", target) == 1
    assert "--force" in one_error_line(capsys)
    assert run("export", "--db", team, "--format", format_, "--out", target, "--force") == 0


def test_export_never_overwrites_a_journal(team: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = team.read_bytes()
    assert run("export", "--db", team, "--format", "json", "--out", team, "--force") == 1
    assert "is a journal" in one_error_line(capsys)
    assert team.read_bytes() == before


def test_export_of_a_missing_journal_fails_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.db"
    assert run("export", "--db", missing, "--format", "csv", "--out", tmp_path / "x") == 1
    assert "There is no journal" in one_error_line(capsys)
    assert not missing.exists()


def test_import_restores_into_a_new_file(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "backup.json"
    run("export", "--db", team, "--format", "json", "--out", backup)
    restored = tmp_path / "restored.db"

    assert run("import", "--db", restored, backup) == 0
    assert "Imported 2 managers, 1 touchpoints" in capsys.readouterr().out
    db.open_journal(restored, create=False)
    try:
        assert Touchpoint.get_by_id(1).notes == "walrus " * 2_000
    finally:
        db.close_journal()

    assert run("import", "--db", restored, backup) == 1
    assert "already holds data" in one_error_line(capsys)


def test_a_failed_import_into_a_new_file_leaves_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "coachjournal-export", "format_version": 1', encoding="utf-8")
    target = tmp_path / "new.db"
    assert run("import", "--db", target, bad) == 1
    assert "cut short" in one_error_line(capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_a_failed_import_keeps_a_journal_that_was_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "empty.db"
    db.open_journal(existing)
    db.close_journal()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "coachjournal-export"}), encoding="utf-8")
    assert run("import", "--db", existing, bad) == 1
    assert "format_version" in one_error_line(capsys)
    assert db.is_journal(existing)


def test_import_ics_previews_and_writes_only_without_dry_run(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calendar = DATA / "calendars" / "outlook-weekly-one-on-one.ics"
    assert run("import-ics", "--db", team, calendar, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "outlook-weekly-one-on-one.ics: 4 events." in out
    assert "New touchpoints (7):" in out
    assert "Anna Berg  “Anna / Sam weekly” (attendee anna.berg@example.com)" in out
    assert "1 × it was cancelled" in out and "Dry run: nothing was written." in out

    assert run("import-ics", "--db", team, calendar) == 0
    assert "Created 7 touchpoints." in capsys.readouterr().out
    assert run("import-ics", "--db", team, calendar) == 0
    out = capsys.readouterr().out
    assert "Imported before, left alone: 7 touchpoints." in out and "Created 0" in out


def test_import_ics_of_a_broken_file_fails_in_one_line(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.ics"
    broken.write_bytes(b"\x00\xffnot a calendar")
    assert run("import-ics", "--db", team, broken) == 1
    assert "broken.ics is not a calendar" in one_error_line(capsys)


def test_import_roster_previews_and_adds(team: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster_file = DATA / "rosters" / "hr-export-semicolon.csv"
    assert run("import-roster", "--db", team, roster_file, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "name ← “Full name”" in out and "Columns ignored: Employee ID." in out
    assert "New managers (3):" in out and "Invalid (1):" in out and "Duplicate (1):" in out

    assert run("import-roster", "--db", team, roster_file) == 0
    assert "Added 3 managers." in capsys.readouterr().out
    db.open_journal(team, create=False)
    try:
        assert Manager.select().count() == 5
    finally:
        db.close_journal()


def test_import_roster_turns_last_first_names_and_reads_start_dates(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster_file = DATA / "rosters" / "hr-export-last-first.csv"
    assert run("import-roster", "--db", team, roster_file, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "manager_since ← “Hire Date”" in out
    assert (
        "row 2: Siobhán Kelly (written “Kelly, Siobhán”) (Regional Sales Manager, Inside Sales, "
        "siobhan.kelly@example.com, manager since 2019-04-03)"
    ) in out
    assert "Added without their start date:\n  row 6, column Hire Date: “31/02/2020”" in out

    assert run("import-roster", "--db", team, roster_file, "--names-as-written") == 0
    assert "Added 8 managers." in capsys.readouterr().out
    db.open_journal(team, create=False)
    try:
        kelly = Manager.get(Manager.name == "Kelly, Siobhán")
        assert kelly.manager_since == dt.date(2019, 4, 3)
    finally:
        db.close_journal()


def test_import_roster_says_how_it_reads_dates_and_takes_the_order_it_is_given(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """03/04/2019 is 3 April in most of the world and March 4 in the United States: with no
    date in the file to tell, the preview says which way it read them, and --dates chooses."""
    roster_file = tmp_path / "us.csv"
    roster_file.write_text(
        "Name,Email,Start date\nAna Berg,ana@example.com,03/04/2019\n", encoding="utf-8"
    )
    assert run("import-roster", "--db", team, roster_file, "--dry-run", "--dates", "month-day") == 0
    out = capsys.readouterr().out
    assert (
        "Start dates are read month first, your date order: no date in the file tells "
        "(--dates to choose)."
    ) in out
    assert "manager since 2019-03-04" in out
    assert run("import-roster", "--db", team, roster_file, "--dry-run", "--dates", "day-month") == 0
    assert "manager since 2019-04-03" in capsys.readouterr().out


def test_a_full_disk_stops_a_command_with_one_line_and_writes_nothing(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db.open_journal(team)
    try:  # notes that need pages of their own, whatever room the schema's pages leave
        manager_id = roster.list_managers()[0].id
        when = dt.datetime(2026, 1, 6, 9)
        touchpoints.create_touchpoint(manager_id, when, "call_review", notes="walrus " * 20_000)
    finally:
        db.close_journal()
    backup = tmp_path / "backup.json"
    run("export", "--db", team, "--format", "json", "--out", backup)
    capsys.readouterr()
    # SQLite's own "database or disk is full": the file may not grow past its new schema.
    db.open_journal(tmp_path / "empty" / "new.db")
    try:
        schema_pages = db.database.execute_sql("PRAGMA page_count").fetchone()[0]
    finally:
        db.close_journal()
    shutil.rmtree(tmp_path / "empty")
    monkeypatch.setitem(db.PRAGMAS, "max_page_count", schema_pages)
    restored = tmp_path / "restored.db"
    assert run("import", "--db", restored, backup) == 1
    error = one_error_line(capsys)
    assert "the disk is full, so the command stopped" in error
    # The journal the command created for the import is removed with everything beside it.
    assert sorted(path.name for path in tmp_path.iterdir()) == ["backup.json", "team.db"]
