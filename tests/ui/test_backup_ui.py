"""Backups in the app: Back Up Now, the start-up backup, Restore from Backup; a full disk while
saving; a second app on the same journal."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from coachjournal.coaching import roster, touchpoints
from coachjournal.safety import backup
from coachjournal.safety.backup import BackupFile
from coachjournal.storage import db, preferences
from coachjournal.storage.models import database
from tests.ui.conftest import MakeWindow, type_text
from ui import dialogs
from ui.backup.restore_dialog import BackupListModel, RestoreDialog, age_text
from ui.journal.editor import TouchpointDialog
from ui.main_window import MainWindow
from ui.session import JournalSession
from ui.single_instance import InstanceServer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def team(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    db.open_journal(path)
    roster.create_manager("Marta Kowalska", title="Regional Sales Manager")
    roster.create_manager("Jonas Weber")
    db.close_journal()
    return path


@pytest.fixture
def backup_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The preferences send backups to the folder returned."""
    monkeypatch.setattr(preferences, "preferences_path", lambda: tmp_path / "preferences.json")
    folder = tmp_path / "backups"
    preferences.save(preferences.Preferences(backup_folder=folder))
    return folder


def no_message_boxes() -> bool:
    return not any(isinstance(w, QMessageBox) for w in QApplication.topLevelWidgets())


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def test_back_up_now_confirms_in_the_status_bar(
    make_window: MakeWindow, team: Path, backup_folder: Path, qtbot
) -> None:
    window = make_window(team)
    assert window.backups.back_up_action in window.menuBar().actions()[0].menu().actions()
    with qtbot.waitSignal(window.backups.backup_made, timeout=20_000) as made:
        window.backups.back_up_action.trigger()
    (target,) = made.args
    assert target.parent == backup_folder and target.name.startswith("journal-")
    qtbot.waitUntil(lambda: status(window) == f"Backed up to {target.name}", timeout=5000)
    assert no_message_boxes()
    assert backup.verify(target, None) > 0


def test_the_start_up_backup_runs_once_a_day(
    make_window: MakeWindow, team: Path, backup_folder: Path, qtbot
) -> None:
    window = make_window(team)
    with qtbot.waitSignal(window.backups.backup_made, timeout=20_000):
        window.backups.back_up_at_start()
    window.backups.back_up_at_start()  # a backup exists today: nothing to do
    qtbot.waitUntil(lambda: not window.backups.busy, timeout=20_000)
    assert len(backup.list_backups(team, backup_folder)) == 1


def test_the_sample_team_is_never_backed_up(make_window: MakeWindow, team: Path) -> None:
    window = make_window(team)
    window.open_sample()
    assert window.session.is_sample
    assert not window.backups.back_up_action.isEnabled()
    assert not window.backups.restore_action.isEnabled()
    window.open_home()
    assert window.backups.restore_action.isEnabled()


def test_the_backup_list_shows_date_age_size_and_protection(qtmodeltester, tmp_path: Path) -> None:
    now = dt.datetime(2026, 3, 18, 12)
    backups = [
        BackupFile(tmp_path / "a.db", dt.datetime(2026, 3, 18, 9, 5), 5_566_464, False),
        BackupFile(tmp_path / "b.db", dt.datetime(2026, 3, 11, 18, 0), 240_000, True),
    ]
    model = BackupListModel(backups, now=now)
    qtmodeltester.check(model)
    row = [model.index(0, column).data() for column in range(4)]
    assert row[0].endswith("18 Mar 2026, 09:05") or "Mar 18, 2026, 09:05" in row[0]
    assert row[1:] == ["today", "5.6 MB", "Not encrypted"]
    assert [model.index(1, column).data() for column in (1, 2, 3)] == [
        "7 days ago",
        "240 kB",
        "Encrypted",
    ]
    assert model.index(1, 3).data(Qt.ItemDataRole.DecorationRole) is not None
    assert age_text(dt.datetime(2025, 12, 1), now) == "3 months ago"


def accept_restore_dialog(qtbot, pick_row: int | None) -> list[str]:
    """When the restore dialog opens: pick a row and press Restore (or Cancel if None)."""
    seen: list[str] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RestoreDialog):
            QTimer.singleShot(20, act)
            return
        seen.extend(str(index.data()) for index in iter_column(dialog, 0))
        if pick_row is None:
            dialog.reject()
            return
        dialog.view.selectRow(pick_row)
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, act)
    return seen


def iter_column(dialog: RestoreDialog, column: int) -> list:
    return [dialog.model.index(row, column) for row in range(dialog.model.rowCount())]


def test_restore_from_backup_reopens_the_restored_journal(
    make_window: MakeWindow,
    team: Path,
    backup_folder: Path,
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    older = dt.datetime.now() - dt.timedelta(days=2)
    backup.backup_to_folder(team, backup_folder, None, daily=7, weekly=8, now=older)
    window = make_window(team)
    window.session.add_manager("Added After The Backup")
    assert window.roster.model.total == 3
    backup.backup_to_folder(team, backup_folder, None, daily=7, weekly=8)
    questions: list[str] = []
    monkeypatch.setattr(
        dialogs,
        "confirm",
        lambda parent, title, question, *rest: questions.append(question) or True,
    )
    listed = accept_restore_dialog(qtbot, pick_row=1)  # the older one
    with qtbot.waitSignal(window.session.journal_opened, timeout=10_000):
        window.backups.restore_action.trigger()

    assert len(listed) == 2  # newest first
    assert questions == [f"Replace your journal with the backup {backup_name(older, team)}?"]
    assert window.roster.model.total == 2
    assert {m.name for m in roster.list_managers()} == {"Marta Kowalska", "Jonas Weber"}
    assert status(window).startswith(f"Restored the backup {backup_name(older, team)}; ")
    (safety,) = backup.safety_copies(team)
    assert safety.name in status(window)
    assert no_message_boxes()
    window.session.add_manager("Written After The Restore")  # the journal works as before
    assert window.roster.model.total == 3


def backup_name(when: dt.datetime, journal: Path) -> str:
    return backup.backup_name(journal, when)


def test_cancelling_a_restore_changes_nothing(
    make_window: MakeWindow, team: Path, backup_folder: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup.backup_to_folder(team, backup_folder, None, daily=7, weekly=8)
    window = make_window(team)
    window.session.add_manager("Kept")
    monkeypatch.setattr(dialogs, "confirm", lambda *args: False)
    accept_restore_dialog(qtbot, pick_row=0)
    window.backups.restore_action.trigger()
    accept_restore_dialog(qtbot, pick_row=None)
    window.backups.restore_action.trigger()
    assert "Kept" in {m.name for m in roster.list_managers()}
    assert backup.safety_copies(team) == []


def test_a_full_disk_keeps_the_text_and_everything_saved(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    window.open_manager(roster.list_managers()[0].id)
    before = window.session.log_touchpoint(
        window.roster.selected_id(),
        dt.datetime(2026, 1, 5, 10),
        "one_on_one",
        [],
        None,
        summary="Saved before the disk filled up",
    )
    window.log_action.trigger()
    (editor,) = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, TouchpointDialog) and w.isVisible()
    ]
    typed = "What Marta said about the Acme renewal " * 400
    type_text(editor.summary, "Acme renewal")
    editor.notes.setPlainText(typed)
    pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
    database.execute_sql(f"PRAGMA max_page_count = {pages}")  # the disk is full now

    editor.save()

    assert editor.isVisible()
    assert editor.notes.toPlainText() == typed
    assert "The disk is full" in editor.error.text() and editor.error.isVisible()
    assert window.storage_banner.isVisible()
    assert "Free some space" in window.storage_banner.text.text()
    assert database.execute_sql("PRAGMA integrity_check").fetchone() == ("ok",)
    assert database.execute_sql("SELECT count(*) FROM touchpoint").fetchone() == (1,)
    assert touchpoints.get_touchpoint(before.id) == before

    database.execute_sql("PRAGMA max_page_count = 1073741823")  # space was freed
    editor.save()
    assert not editor.isVisible()
    assert window.storage_banner.isHidden()
    notes = database.execute_sql("SELECT notes FROM touchpoint ORDER BY id").fetchall()
    assert [row[0] for row in notes][-1] == typed


def test_a_second_app_on_the_journal_brings_the_first_to_the_front(
    make_window: MakeWindow, team: Path, qtbot
) -> None:
    window = make_window(team)
    server = InstanceServer(team, window)
    assert server.listening
    window.showMinimized()
    second = subprocess.Popen(
        [sys.executable, "-m", "coachjournal", "--db", str(team)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=30_000)
    out, err = second.communicate()
    assert second.returncode == 0, err
    assert "already has" in out and "its window is in front now" in out
    assert not window.isMinimized()


def test_a_backup_file_kept_elsewhere_can_be_restored(
    make_window: MakeWindow,
    team: Path,
    backup_folder: Path,
    tmp_path: Path,
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    elsewhere = backup.write_backup(team, tmp_path / "usb-stick" / "old copy.db", None)
    window = make_window(team)
    window.session.add_manager("Only In The Journal")
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *args: str(elsewhere))
    monkeypatch.setattr(dialogs, "confirm", lambda *args: True)

    def choose_file() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RestoreDialog):
            QTimer.singleShot(20, choose_file)
            return
        assert dialog.empty.isVisible() and dialog.restore_button.isHidden()
        qtbot.mouseClick(dialog.other_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, choose_file)
    with qtbot.waitSignal(window.session.journal_opened, timeout=10_000):
        window.backups.restore_action.trigger()
    assert "Only In The Journal" not in {m.name for m in roster.list_managers()}
    assert status(window).startswith("Restored the backup old copy.db")


def test_an_encrypted_journal_is_backed_up_encrypted(
    qtbot, tmp_path: Path, backup_folder: Path, settings
) -> None:
    journal_file = tmp_path / "secret.db"
    db.open_journal(journal_file, passphrase="a long enough passphrase")
    roster.create_manager("Private Person")
    db.close_journal()
    session = JournalSession(journal_file, passphrase="a long enough passphrase")
    try:
        window = MainWindow(session, settings)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.backups.backup_made, timeout=20_000) as made:
            window.backups.back_up_action.trigger()
        (target,) = made.args
        assert db.is_encrypted(target) and b"Private Person" not in target.read_bytes()
        assert backup.verify(target, "a long enough passphrase") > 0
    finally:
        session.close()
