"""Sync in the window, with real journals and a real sync folder in tmp_path: set up through
the dialog, join from a second journal, edits travel both ways in rounds, a conflict shows in
the Conflicts list and is resolved there, a wrong passphrase changes nothing, and no round runs
while sync is paused or the window is locked.

One process has one journal open at a time (the app's database is global), so "the other
computer" is the same window switched to the other journal, as a user switching journals would.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from coachjournal.coaching import roster
from coachjournal.safety import encryption
from coachjournal.storage import db
from tests.ui.conftest import MakeWindow
from ui import dialogs
from ui.main_window import MainWindow
from ui.sync import setup
from ui.sync.conflicts import ConflictsDialog
from ui.sync.setup import JoinDialog, SetUpDialog

SYNC_PHRASE = "copper-lantern-harbour-42"


@pytest.fixture(autouse=True)
def no_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "ask_discard", lambda _parent, _what: True)


def modal(trigger: Callable[[], object], fill: Callable[[QWidget], None]) -> None:
    """Trigger what opens a modal dialog, and fill it in once it shows."""

    def when_shown() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, when_shown)
            return
        fill(dialog)

    QTimer.singleShot(0, when_shown)
    trigger()


def set_up(window: MainWindow, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(setup, "choose_folder", lambda *_args: folder)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SetUpDialog)
        dialog.folder.button.click()
        dialog.passphrase.setText(SYNC_PHRASE)
        dialog.repeat.setText(SYNC_PHRASE)
        dialog.ok.click()

    modal(window.sync.setup_action.trigger, fill)


def join(
    window: MainWindow, folder: Path, target: Path, passphrase: str = SYNC_PHRASE
) -> list[str]:
    """Join through the dialog; the error lines it showed (then it was cancelled)."""
    errors: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, JoinDialog)
        dialog.folder.set_path(folder)
        dialog.target.set_path(target)
        dialog.passphrase.setText(passphrase)
        dialog.ok.click()

        def after() -> None:
            if not shiboken6.isValid(dialog):
                return  # accepted, and gone
            if dialog.running:
                QTimer.singleShot(20, after)
            elif dialog.isVisible():
                errors.append(dialog.error.text.text())
                dialog.done(0)

        QTimer.singleShot(20, after)

    modal(window.sync.join_action.trigger, fill)
    return errors


def round_(window: MainWindow, qtbot) -> object:
    with qtbot.waitSignal(window.sync.round_finished, timeout=20000) as finished:
        assert window.sync.run_round()
    return finished.args[0]


def switch(window: MainWindow, path: Path, qtbot) -> None:
    """Open the other journal; opening runs a round, which is waited for."""
    window.sync.after_save.stop()
    with qtbot.waitSignal(window.sync.round_finished, timeout=20000):
        window.session.open(path)


def manager(name: str) -> roster.ManagerRecord:
    return next(m for m in roster.list_managers(include_archived=True) if m.name == name)


@pytest.fixture
def two(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> tuple[MainWindow, Path, Path, Path]:
    """A window on journal A set up to sync through a folder, then switched to journal B,
    joined from that folder: the window, A, B and the folder."""
    window = make_window(tmp_path / "a.db")
    window.session.add_manager("Rania Haddad")
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    assert not window.sync.button.isVisible()  # nothing while sync is not set up
    set_up(window, folder, monkeypatch)
    assert window.sync.button.isVisible()
    assert window.sync.button.text() == "Synced just now"
    target = tmp_path / "b.db"
    with qtbot.waitSignal(window.sync.round_finished, timeout=20000):  # the round on opening
        assert join(window, folder, target) == []
    assert window.session.path == target
    assert manager("Rania Haddad").name == "Rania Haddad"
    qtbot.waitUntil(lambda: not window.sync.running)
    return window, tmp_path / "a.db", target, folder


def test_an_edit_on_one_journal_appears_on_the_other(two, qtbot) -> None:
    window, a, b, _folder = two
    window.session.update_manager(manager("Rania Haddad").id, title="Regional Director")
    assert window.sync.button.text() == "1 change waiting"
    assert window.sync.after_save.isActive()  # a round follows the save
    round_(window, qtbot)
    switch(window, a, qtbot)
    assert manager("Rania Haddad").title == "Regional Director"
    # The open screens read it: the roster shows the new title.
    row = window.roster.model.row_of(manager("Rania Haddad").id)
    assert window.roster.model.record(manager("Rania Haddad").id).title == "Regional Director"
    assert row >= 0
    window.session.add_manager("Kwame Mensah")
    round_(window, qtbot)
    switch(window, b, qtbot)
    assert manager("Kwame Mensah").name == "Kwame Mensah"
    assert window.roster.model.row_of(manager("Kwame Mensah").id) >= 0


def test_a_conflict_shows_in_the_list_and_keeping_the_other_puts_it_in_place(two, qtbot) -> None:
    window, a, b, _folder = two
    # B is paused, so its edit stays here while A edits the same notes and sends them.
    window.session.pause_sync(True)
    window.session.update_manager(manager("Rania Haddad").id, notes="B: moving to Lisbon.")
    switch(window, a, qtbot)
    window.session.update_manager(manager("Rania Haddad").id, notes="A: promoted in May.")
    round_(window, qtbot)
    window.sync.after_save.stop()
    window.session.open(b)  # paused: no round on opening
    assert not window.sync.running
    window.session.pause_sync(False)
    report = round_(window, qtbot)  # B sends its own and receives A's: both edited
    assert getattr(report, "conflicts", 0) == 1
    assert window.sync.button.text() == "1 conflict to review"

    with qtbot.waitSignal(window.sync.button.opened):
        window.sync.button.click()
    dialog = next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, ConflictsDialog) and w.isVisible()
    )
    qtbot.addWidget(dialog)
    texts = {dialog.kept.toPlainText(), dialog.other.toPlainText()}
    assert texts == {"B: moving to Lisbon.", "A: promoted in May."}
    assert "Rania Haddad" in dialog.heading.text()
    other = dialog.other.toPlainText()
    dialog.keep_other.click()
    assert manager("Rania Haddad").notes == other
    assert dialog.pages.currentWidget() is dialog.empty
    assert window.sync.button.text() != "1 conflict to review"


def test_a_wrong_passphrase_says_so_and_changes_nothing(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    window = make_window(tmp_path / "a.db")
    window.session.add_manager("Rania Haddad")
    folder = tmp_path / "Sync"
    folder.mkdir()
    set_up(window, folder, monkeypatch)
    before = sorted(p.name for p in folder.rglob("*"))
    target = tmp_path / "b.db"
    errors = join(window, folder, target, passphrase="not-the-right-one")
    assert errors == [
        "The sync passphrase is not right for this folder; nothing was changed. "
        "Type the passphrase chosen when sync was set up."
    ]
    assert not target.exists()
    assert window.session.path == tmp_path / "a.db"
    assert manager("Rania Haddad").name == "Rania Haddad"  # the journal is open again
    assert sorted(p.name for p in folder.rglob("*")) == before


def test_paused_means_no_round(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    window = make_window(tmp_path / "a.db")
    folder = tmp_path / "Sync"
    folder.mkdir()
    set_up(window, folder, monkeypatch)
    qtbot.waitUntil(lambda: not window.sync.running)
    window.session.pause_sync(True)
    assert window.sync.button.text() == "Sync paused"
    window.session.add_manager("Rania Haddad")
    files = sorted(folder.rglob("*"))
    assert not window.sync.run_round()
    assert not window.sync.running
    assert sorted(folder.rglob("*")) == files
    window.session.pause_sync(False)
    assert window.sync.button.text() == "1 change waiting"
    round_(window, qtbot)
    assert window.sync.button.text() == "Synced just now"


def test_locked_means_no_round(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    path = tmp_path / "a.db"
    db.open_journal(path)
    roster.create_manager("Rania Haddad")
    db.close_journal()
    encryption.encrypt_journal(path, "zanzibar-quokka-4471")
    window = make_window(path, "zanzibar-quokka-4471")
    folder = tmp_path / "Sync"
    folder.mkdir()
    set_up(window, folder, monkeypatch)
    qtbot.waitUntil(lambda: not window.sync.running)
    window.session.update_manager(manager("Rania Haddad").id, title="Director")
    assert window.sync.after_save.isActive()
    window.lock_controller.lock()
    qtbot.waitUntil(lambda: window.session.locked, timeout=5000)
    assert not window.sync.run_round()
    assert not window.sync.running
    assert not window.sync.button.isVisible()  # the status bar is hidden with the rest
    window.lock_controller.unlock("zanzibar-quokka-4471")
    assert window.sync.button.text() == "1 change waiting"
    round_(window, qtbot)
    assert window.sync.button.text() == "Synced just now"


@pytest.fixture
def synced(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> tuple[MainWindow, Path]:
    """A window on a journal set up to sync, its first rounds done: the window and the folder."""
    window = make_window(tmp_path / "a.db")
    window.session.add_manager("Rania Haddad")
    folder = tmp_path / "Sync"
    folder.mkdir()
    set_up(window, folder, monkeypatch)
    qtbot.waitUntil(lambda: not window.sync.running)
    window.sync.after_save.stop()
    return window, folder


def test_settings_pause_show_the_folder_and_leave(
    synced, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.settings.dialog import SettingsDialog
    from ui.sync import settings as sync_settings

    window, folder = synced
    dialog = SettingsDialog(window.session, window)
    qtbot.addWidget(dialog)
    page = dialog.findChild(sync_settings.SyncSettings)
    assert page is not None
    assert str(folder) in page.about.text()
    page.paused.click()
    assert window.sync.button.text() == "Sync paused"
    assert not window.sync.run_round()
    page.paused.click()
    assert window.sync.button.text() != "Sync paused"
    shown: list[Path] = []
    monkeypatch.setattr(sync_settings, "open_folder", shown.append)
    page.show_button.click()
    assert shown and shown[0].is_relative_to(folder)
    monkeypatch.setattr(dialogs, "confirm", lambda *_args: False)
    page.leave_button.click()
    assert window.session.sync_status().enabled  # Cancel leaves nothing
    monkeypatch.setattr(dialogs, "confirm", lambda *_args: True)
    page.leave_button.click()
    assert not window.session.sync_status().enabled
    assert page.about.text() == sync_settings.NOT_SET_UP
    assert not window.sync.button.isVisible()  # nothing on the status line any more
    assert manager("Rania Haddad").name == "Rania Haddad"  # the journal stays
    assert window.sync.setup_action.isVisible()


def test_never_two_rounds_at_once_and_an_unreachable_folder_says_so(synced, qtbot) -> None:
    window, folder = synced
    with qtbot.waitSignal(window.sync.round_finished, timeout=20000):
        assert window.sync.run_round()
        assert not window.sync.run_round()  # one is running
    away = folder.rename(folder.with_name("unplugged"))  # a USB stick taken out
    with qtbot.waitSignal(window.sync.round_finished, timeout=20000) as finished:
        assert window.sync.run_round()
    assert finished.args == [None]
    # The service's sentence, cut to fit the status line, and whole in its tooltip.
    sentence = window.sync.problem
    assert sentence is not None and str(folder) in sentence
    assert window.sync.button.toolTip().startswith(sentence)
    assert window.sync.button.text().endswith("…")
    assert sentence in window.sync.details()
    away.rename(folder)
    round_(window, qtbot)
    assert window.sync.button.text() == "Synced just now"


def test_quitting_sends_what_waits(synced, qtbot) -> None:
    window, folder = synced
    window.session.update_manager(manager("Rania Haddad").id, title="Director")
    assert window.sync.button.text() == "1 change waiting"
    files = set(folder.rglob("*"))
    assert window.sync.run_round()  # under way when the user quits, and waited for
    window.session.update_manager(manager("Rania Haddad").id, title="Regional Director")
    window.close()
    assert not window.sync.running
    assert set(folder.rglob("*")) - files  # the change file the last round wrote
    assert window.session.sync_status().waiting == 0


def test_a_journal_joined_from_a_protected_one_is_protected_the_same_way(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    path = tmp_path / "a.db"
    db.open_journal(path)
    roster.create_manager("Rania Haddad")
    db.close_journal()
    encryption.encrypt_journal(path, "zanzibar-quokka-4471")
    window = make_window(path, "zanzibar-quokka-4471")
    folder = tmp_path / "Sync"
    folder.mkdir()
    set_up(window, folder, monkeypatch)
    qtbot.waitUntil(lambda: not window.sync.running)
    target = tmp_path / "b.db"
    assert join(window, folder, target) == []
    assert window.session.path == target
    assert db.is_encrypted(target)
    assert db.current_passphrase() == "zanzibar-quokka-4471"
    assert manager("Rania Haddad").name == "Rania Haddad"
    assert window.session.home_path == target  # opened at the next start


def test_a_round_runs_after_the_first_paint_and_every_few_minutes(
    make_window: MakeWindow, tmp_path: Path, qtbot
) -> None:
    from coachjournal.sync import service

    path, folder = tmp_path / "a.db", tmp_path / "Sync"
    folder.mkdir()
    opened = db.open_journal(path)
    service.set_up(opened, folder, SYNC_PHRASE)
    roster.create_manager("Rania Haddad")  # saved while the app was closed: waits
    assert service.status(opened).waiting == 1
    db.close_journal()
    window = make_window(path)
    qtbot.waitUntil(lambda: window.session.sync_status().waiting == 0, timeout=20000)
    qtbot.waitUntil(lambda: not window.sync.running)
    assert window.sync.button.text() == "Synced just now"
    assert window.sync.every.isActive()
    window.session.leave_sync()
    assert not window.sync.every.isActive()


def test_resuming_sync_sends_what_waited_at_once(
    make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    """Unticking "Pause sync" ran no round until the next save or the timer: the change that
    waited stayed on this computer."""
    window = make_window(tmp_path / "a.db")
    folder = tmp_path / "Sync"
    folder.mkdir()
    set_up(window, folder, monkeypatch)
    qtbot.waitUntil(lambda: not window.sync.running)
    window.session.pause_sync(True)
    window.session.add_manager("Rania Haddad")
    window.sync.after_save.stop()
    window.session.pause_sync(False)
    qtbot.waitUntil(lambda: window.sync.button.text() == "Synced just now", timeout=10_000)
