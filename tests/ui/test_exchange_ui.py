"""The File menu's Export and Import dialogs, driven through the real main window on real
journal files, with the test calendars and rosters in tests/data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from coachjournal.coaching import roster, touchpoints
from coachjournal.exchange import json_format
from coachjournal.storage import db, preferences
from coachjournal.storage.models import Manager, Touchpoint, database
from ui import dialogs
from ui.dates import date_text
from ui.exchange import actions as exchange_actions
from ui.exchange.base import ExchangeDialog
from ui.exchange.imports import CalendarImportDialog, RosterImportDialog
from ui.exchange.previews import ImportPreviewModel, calendar_rows
from ui.exchange.restore import RestoreDialog
from ui.main_window import MainWindow
from ui.session import JournalSession

from .conftest import MakeWindow

DATA = Path(__file__).parent.parent / "data"
OUTLOOK = DATA / "calendars" / "outlook-weekly-one-on-one.ics"
HR_ROSTER = DATA / "rosters" / "hr-export-semicolon.csv"
WAIT_MS = 15_000


@pytest.fixture
def window(make_window: MakeWindow, tmp_path: Path) -> MainWindow:
    """A main window on a journal with two managers and a touchpoint."""
    path = tmp_path / "journal.db"
    db.open_journal(path)
    anna = roster.create_manager("Anna Berg", email="anna.berg@example.com")
    roster.create_manager("Bruno Costa", email="bruno.costa@example.com")
    touchpoints.create_touchpoint(anna.id, dt.datetime(2025, 1, 6, 9), "one_on_one")
    db.close_journal()
    return make_window(path)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[ExchangeDialog]:
    """The import dialogs the menu opens (shown, not blocking the test)."""
    shown: list[ExchangeDialog] = []

    def open_dialog(dialog: ExchangeDialog) -> None:
        shown.append(dialog)
        dialog.show()

    monkeypatch.setattr(exchange_actions, "_open_dialog", open_dialog)
    return shown


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *_args: str(path))


def test_the_file_menu_has_the_export_and_import_submenus(window: MainWindow) -> None:
    texts = [action.text().replace("&", "") for action in window.exchange.export_menu.actions()]
    assert texts == [
        "Journal as JSON…",
        "Markdown Folder…",
        "CSV Files…",
        "Due One-on-Ones as Calendar (.ics)…",
    ]
    texts = [action.text().replace("&", "") for action in window.exchange.import_menu.actions()]
    assert texts == [
        "Journal from JSON…",
        "Calendar (.ics)…",
        "Roster (CSV)…",
        "Results (CSV)…",
    ]
    file_menu = window.menuBar().actions()[0].menu()
    assert window.exchange.export_menu.menuAction() in file_menu.actions()


def test_json_export_runs_in_a_worker_and_confirms_with_the_path(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "backup"
    target.parent.mkdir()
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: str(target))
    with qtbot.waitSignal(window.exchange.exported, timeout=WAIT_MS) as done:
        window.exchange.export_actions[0].trigger()
        assert window.exchange.progress is not None  # the progress dialog is up meanwhile
        assert not window.exchange.export_menu.isEnabled()
    written = target.with_suffix(".json")
    size = max(1, written.stat().st_size // 1024)
    assert done.args[0] == f"Exported the journal to {written.name} ({size} KB)."
    assert str(written) in window.exchange.show_folder_button.toolTip()
    assert json_format.check_export(written).counts["manager"] == 2
    assert window.statusBar().currentMessage() == done.args[0]
    assert window.exchange.show_folder_button.isVisibleTo(window)
    assert window.exchange.progress is None
    assert window.exchange.export_menu.isEnabled()
    # The worker closed its own connection; the window's is the one still open, and works.
    assert not database.obj.is_closed()
    assert Manager.select().count() == 2
    window.statusBar().clearMessage()
    assert not window.exchange.show_folder_button.isVisibleTo(window)


@pytest.mark.parametrize(
    ("index", "suffix", "files"),
    [(1, ".md", {"Anna Berg.md", "Bruno Costa.md"}), (2, ".csv", {"touchpoints.csv"})],
)
def test_folder_exports_make_a_new_dated_folder(
    qtbot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    index: int,
    suffix: str,
    files: set[str],
) -> None:
    monkeypatch.setattr(dialogs, "choose_folder", lambda *_args: str(tmp_path))
    for _ in range(2):  # the second export goes into a folder of its own, next to the first
        with qtbot.waitSignal(window.exchange.exported, timeout=WAIT_MS):
            window.exchange.export_actions[index].trigger()
    folders = sorted(path for path in tmp_path.iterdir() if path.is_dir())
    stamp = dt.date.today().isoformat()
    assert [folder.name.endswith((stamp, f"{stamp} (2)")) for folder in folders] == [True, True]
    for folder in folders:
        assert files <= {path.name for path in folder.iterdir() if path.suffix == suffix}


def test_due_one_on_ones_export_as_a_calendar(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "due.ics"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: str(target))
    with qtbot.waitSignal(window.exchange.exported, timeout=WAIT_MS) as done:
        window.exchange.export_actions[3].trigger()
    assert "Exported 2 due one-on-ones" in done.args[0]
    assert target.read_bytes().count(b"BEGIN:VEVENT") == 2


def test_a_failed_export_says_what_happened_in_one_sentence(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, _title, text: errors.append(text))
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    target = blocker / "export.json"  # its folder cannot be made
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: str(target))
    with qtbot.waitSignal(window.exchange.export_failed, timeout=WAIT_MS):
        window.exchange.export_actions[0].trigger()
    assert len(errors) == 1
    assert str(target) in errors[0]
    assert "\n" not in errors[0] and "Traceback" not in errors[0]


def test_calendar_import_previews_then_creates_touchpoints_once(
    qtbot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[ExchangeDialog],
) -> None:
    choose_file(monkeypatch, OUTLOOK)
    window.exchange.calendar_action.trigger()
    dialog = opened[-1]
    assert isinstance(dialog, CalendarImportDialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=WAIT_MS)
    assert dialog.plan is not None
    new = len(dialog.plan.new)
    assert new > 0
    assert f"{new} touchpoints will be created" in dialog.message.text()
    results = {dialog.model.index(r, 4).data() for r in range(dialog.model.rowCount())}
    assert "Will be created" in results
    assert any(text.startswith("Not imported: ") for text in results)
    assert dialog.confirm_button.text() == f"Import {new} Touchpoints"
    before = Touchpoint.select().count()
    with qtbot.waitSignal(dialog.finished_with, timeout=WAIT_MS) as done:
        dialog.confirm_button.click()
    assert Touchpoint.select().count() == before + new
    assert f"Imported {new} touchpoints from {OUTLOOK.name}" in done.args[0]
    assert window.statusBar().currentMessage() == done.args[0]

    window.exchange.calendar_action.trigger()
    again = opened[-1]
    qtbot.waitUntil(lambda: again.plan is not None, timeout=WAIT_MS)
    assert "0 touchpoints will be created" in again.message.text()
    assert f"{new} are already in the journal" in again.message.text()
    assert not again.confirm_button.isEnabled()
    assert again.cancel_button.text() == "Close"
    again.reject()
    assert Touchpoint.select().count() == before + new


def test_a_broken_calendar_gets_one_clear_sentence(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.ics"
    broken.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n\x00\xff garbage")
    dialog = CalendarImportDialog(window.session, broken, window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS) as failed:
        dialog.show()
    assert failed.args[0] == dialog.message.text()
    assert "\n" not in failed.args[0] and "Traceback" not in failed.args[0]
    assert not dialog.confirm_button.isVisibleTo(dialog)
    assert dialog.cancel_button.text() == "Close"


def test_roster_import_shows_the_columns_found_and_adds_the_new_managers(
    qtbot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[ExchangeDialog],
) -> None:
    choose_file(monkeypatch, HR_ROSTER)
    window.exchange.roster_action.trigger()
    dialog = opened[-1]
    assert isinstance(dialog, RosterImportDialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=WAIT_MS)
    assert "Name ← “Full name”" in dialog.mapping.text()
    assert "Not kept: “Employee ID”" in dialog.mapping.text()
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["Row", "Name", "Title", "Team", "E-mail", "Result"]
    results = [dialog.model.index(r, 5).data() for r in range(dialog.model.rowCount())]
    assert results.count("Will be added") == 3
    assert not any(text.lower().startswith("row ") for text in results)
    assert dialog.confirm_button.text() == "Add 3 Managers"
    with qtbot.waitSignal(dialog.finished_with, timeout=WAIT_MS):
        dialog.confirm_button.click()
    names = {manager.name for manager in roster.list_managers()}
    assert {"Søren Kierkegaard", "Amélie Poulain", "Ola Nordmann"} <= names
    assert window.roster.model.total == 5


def test_roster_import_offers_last_first_names_turned_and_reads_the_start_dates(
    qtbot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[ExchangeDialog],
    qtmodeltester,
) -> None:
    choose_file(monkeypatch, DATA / "rosters" / "hr-export-last-first.csv")
    window.exchange.roster_action.trigger()
    dialog = opened[-1]
    assert isinstance(dialog, RosterImportDialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=WAIT_MS)
    qtmodeltester.check(dialog.model)
    assert "Manager since ← “Hire Date”" in dialog.mapping.text()
    assert "Dates read day first, as 25/03/2021 on row 3 shows." in dialog.mapping.text()
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers == ["Row", "Name", "Title", "Team", "E-mail", "Manager since", "Result"]

    def column(number: int) -> list[str]:
        return [dialog.model.index(r, number).data() for r in range(dialog.model.rowCount())]

    assert column(1)[:3] == ["Siobhán Kelly", "Anna van der Berg", "Martin Luther King, Jr."]
    assert column(5)[0] == date_text(dt.date(2019, 4, 3))
    assert column(5)[4] == "—"
    assert column(6)[4] == (
        "Will be added; column Hire Date: “31/02/2020” is left out (There is no 31 February)."
    )
    box = dialog.as_written
    assert box.isVisibleTo(dialog)
    assert box.text() == "Keep 6 names written “Last, First” as the file writes them"
    box.setChecked(True)
    assert column(1)[:2] == ["Kelly, Siobhán", "van der Berg, Anna"]
    box.setChecked(False)
    assert column(1)[0] == "Siobhán Kelly"
    with qtbot.waitSignal(dialog.finished_with, timeout=WAIT_MS):
        dialog.confirm_button.click()
    added = {manager.name: manager for manager in roster.list_managers()}
    assert added["Siobhán Kelly"].manager_since == dt.date(2019, 4, 3)
    assert "Kelly, Siobhán" not in added


def test_roster_import_keeps_names_as_written_when_asked(
    qtbot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[ExchangeDialog],
) -> None:
    choose_file(monkeypatch, DATA / "rosters" / "hr-export-last-first.csv")
    window.exchange.roster_action.trigger()
    dialog = opened[-1]
    assert isinstance(dialog, RosterImportDialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=WAIT_MS)
    dialog.as_written.setChecked(True)
    with qtbot.waitSignal(dialog.finished_with, timeout=WAIT_MS):
        dialog.confirm_button.click()
    names = {manager.name for manager in roster.list_managers()}
    assert {"Kelly, Siobhán", "van der Berg, Anna", "Priya Raman"} <= names


def test_a_roster_without_turned_names_shows_no_choice(
    qtbot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[ExchangeDialog],
) -> None:
    choose_file(monkeypatch, HR_ROSTER)
    window.exchange.roster_action.trigger()
    dialog = opened[-1]
    assert isinstance(dialog, RosterImportDialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=WAIT_MS)
    assert not dialog.as_written.isVisibleTo(dialog)
    assert "Dates read" not in dialog.mapping.text()


def small_export(tmp_path: Path) -> Path:
    """A JSON export of a small journal of its own (two managers, one touchpoint)."""
    path = tmp_path / "export.json"
    db.close_journal()
    db.open_journal(tmp_path / "source.db")
    manager = roster.create_manager("Grace Hopper")
    touchpoints.create_touchpoint(manager.id, dt.datetime(2025, 2, 3, 10), "field_visit")
    roster.create_manager("Alan Turing")
    json_format.export_json(path)
    db.close_journal()
    return path


def test_restore_into_a_new_journal_when_the_open_one_holds_data(
    qtbot, make_window: MakeWindow, tmp_path: Path
) -> None:
    export = small_export(tmp_path)
    window = make_window(tmp_path / "mine.db")
    window.session.add_manager("Someone of mine")
    dialog = RestoreDialog(window.session, export, window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.previewed, timeout=WAIT_MS):
        dialog.show()
    assert not dialog.into_current
    assert "2 managers, 1 touchpoint" in dialog.message.text()
    assert "Restoring creates a new journal file" in dialog.explanation.text()
    dialog.target_edit.setText(str(tmp_path / "mine.db"))
    dialog.confirm_button.click()
    assert "already a file" in dialog.target_error.text()
    target = tmp_path / "restored.db"
    dialog.target_edit.setText(str(target))
    with qtbot.waitSignal(dialog.finished_with, timeout=WAIT_MS) as done:
        dialog.confirm_button.click()
    assert str(target) in done.args[0]
    assert "It opens from now on" in done.args[0]
    assert window.session.path == target
    assert {record.name for record in roster.list_managers()} == {"Grace Hopper", "Alan Turing"}
    assert window.roster.model.total == 2
    assert preferences.journal_path() == target  # the next start opens the restored journal
    assert window.session.home_path == target
    window.session.open(tmp_path / "mine.db")
    assert [record.name for record in roster.list_managers()] == ["Someone of mine"]


def test_restore_into_the_open_journal_when_it_is_empty(
    qtbot, make_window: MakeWindow, tmp_path: Path
) -> None:
    export = small_export(tmp_path)
    window = make_window(tmp_path / "empty.db")
    dialog = RestoreDialog(window.session, export, window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.previewed, timeout=WAIT_MS):
        dialog.show()
    assert dialog.into_current
    assert dialog.confirm_button.text() == "Restore"
    with qtbot.waitSignal(dialog.finished_with, timeout=WAIT_MS):
        dialog.confirm_button.click()
    assert window.session.path == tmp_path / "empty.db"
    assert window.roster.model.total == 2
    assert Touchpoint.select().count() == 1


def test_a_faulty_export_lists_every_problem_and_restores_nothing(
    qtbot, make_window: MakeWindow, tmp_path: Path
) -> None:
    export = small_export(tmp_path)
    document = json.loads(export.read_text(encoding="utf-8"))
    document["tables"]["touchpoint"][0]["kind"] = "lunch"
    document["tables"]["manager"][0]["archived"] = "no"
    export.write_text(json.dumps(document, indent=2), encoding="utf-8")
    window = make_window(tmp_path / "empty.db")
    dialog = RestoreDialog(window.session, export, window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS) as failed:
        dialog.show()
    assert "(and 1 more problem); nothing was imported" in failed.args[0]
    items = [dialog.problems.item(row).text() for row in range(dialog.problems.count())]
    assert len(items) == 2
    assert any("'kind' must be one of" in item for item in items)
    assert dialog.problems.isVisibleTo(dialog)
    assert "All 2 problems" in dialog.problems_heading.text()
    assert not dialog.confirm_button.isVisibleTo(dialog)
    assert window.roster.model.total == 0


def test_the_preview_model_is_a_well_behaved_table(qtmodeltester, window: MainWindow) -> None:
    from coachjournal.exchange import ics

    model = ImportPreviewModel(("When", "Event", "Manager", "Kind", "Result"))
    model.set_rows(calendar_rows(ics.preview(OUTLOOK)))
    assert model.rowCount() > 0
    qtmodeltester.check(model)


PASSPHRASE = "a long enough passphrase"


def test_an_encrypted_journal_is_exported_by_the_worker_and_restored_still_protected(
    qtbot, tmp_path: Path, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker's own connection to the journal is keyed like the window's; a restore made
    from an encrypted journal is encrypted with the same passphrase."""
    path = tmp_path / "secret.db"
    db.open_journal(path, passphrase=PASSPHRASE)
    roster.create_manager("Hedy Lamarr")
    db.close_journal()
    session = JournalSession(path, passphrase=PASSPHRASE)
    try:
        window = MainWindow(session, settings)
        qtbot.addWidget(window)
        window.show()
        export = tmp_path / "secret.json"
        monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: str(export))
        with qtbot.waitSignal(window.exchange.exported, timeout=WAIT_MS):
            window.exchange.export_actions[0].trigger()
        document = json.loads(export.read_text(encoding="utf-8"))
        assert [row["name"] for row in document["tables"]["manager"]] == ["Hedy Lamarr"]

        dialog = RestoreDialog(session, export, window)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.previewed, timeout=WAIT_MS):
            dialog.show()
        assert "protected by your passphrase" in dialog.explanation.text()
        target = tmp_path / "restored.db"
        dialog.target_edit.setText(str(target))
        with qtbot.waitSignal(dialog.finished_with, timeout=WAIT_MS):
            dialog.confirm_button.click()
        assert session.path == target
        assert db.is_encrypted(target)
        assert [record.name for record in roster.list_managers()] == ["Hedy Lamarr"]
    finally:
        session.close()


def many_one_on_ones(path: Path, count: int) -> Path:
    """A calendar of ``count`` past one-on-ones with Anna."""
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:many-{n}@example.com\r\n"
        f"DTSTART:2024{n % 12 + 1:02d}{n % 28 + 1:02d}T{8 + n % 9:02d}{n % 60:02d}00Z\r\n"
        "SUMMARY:1:1\r\nATTENDEE:mailto:anna.berg@example.com\r\nEND:VEVENT\r\n"
        for n in range(count)
    )
    path.write_text(
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n{events}END:VCALENDAR\r\n",
        newline="",
    )
    return path


def test_calendar_import_shows_how_far_it_is(qtbot, window: MainWindow, tmp_path: Path) -> None:
    calendar = many_one_on_ones(tmp_path / "many.ics", 3_000)
    dialog = CalendarImportDialog(window.session, calendar, window)
    qtbot.addWidget(dialog)
    shown: list[tuple[int, int]] = []
    dialog.progress.valueChanged.connect(
        lambda value: shown.append((value, dialog.progress.maximum()))
    )
    dialog.show()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=WAIT_MS)
    assert shown and shown[-1] == (3_000, 3_000)
    assert all(total == 3_000 for _, total in shown)
    assert not dialog.progress.isVisible()


def test_cancelling_a_calendar_preview_stops_the_worker_and_writes_nothing(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    calendar = many_one_on_ones(tmp_path / "many.ics", 20_000)
    before = Touchpoint.select().count()
    dialog = CalendarImportDialog(window.session, calendar, window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS) as failed:
        dialog.show()
        dialog.cancel_button.click()
        assert not dialog.isVisible()
    assert failed.args[0] == "Reading many.ics was cancelled; nothing was imported."
    assert dialog.plan is None
    assert not dialog.tasks.busy
    assert Touchpoint.select().count() == before
