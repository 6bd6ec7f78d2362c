"""Unlocking, locking and the passphrase dialogs, driven through the real widgets on real
encrypted journals."""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from coachjournal.coaching import roster, touchpoints
from coachjournal.kinds import TouchpointKind
from coachjournal.logs import setup_logging
from coachjournal.safety import encryption
from coachjournal.storage import db, preferences
from coachjournal.storage.models import database
from tests.ui.conftest import MakeWindow, type_text
from ui import dialogs
from ui.journal.editor import TouchpointDialog
from ui.lock.controller import unlock_at_start
from ui.lock.passphrase import Mode, PassphraseDialog
from ui.lock.unlock import GIVE_UP, MAX_TRIES, UnlockDialog
from ui.main_window import View

PASSPHRASE = "correct horse battery staple"
NAMES = ("Ingrid Solberg", "Kwame Mensah", "Lucía Fernández")
PHRASE = "zanzibar-quokka-4471"


def _team(path: Path, passphrase: str | None) -> Path:
    db.open_journal(path)
    for name in NAMES:
        manager_id = roster.create_manager(name, title="Regional Sales Manager").id
        touchpoints.log_touchpoint(
            manager_id,
            dt.datetime(2026, 2, 3, 9),
            TouchpointKind.ONE_ON_ONE,
            summary=f"Weekly with {name.split()[0]}",
            notes="Forecast and hiring.",
        )
    db.close_journal()
    if passphrase is not None:
        encryption.encrypt_journal(path, passphrase)
    return path


@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    return _team(tmp_path / "journal.db", PASSPHRASE)


def _visible_texts(window: QWidget) -> list[str]:
    """Every piece of text a person could read in the window or any open window of the app."""
    texts = [window.windowTitle()]
    for widget in QApplication.allWidgets():
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            texts += [
                str(model.index(row, column).data(Qt.ItemDataRole.DisplayRole))
                for row in range(model.rowCount())
                for column in range(model.columnCount())
            ]
        texts += [widget.toolTip(), widget.accessibleName(), widget.windowTitle()]
    return texts


def _manager_id(name: str) -> int:
    return next(m.id for m in roster.list_managers() if m.name == name)


# --- At start ---------------------------------------------------------------------------------


def test_the_unlock_dialog_says_when_a_passphrase_is_wrong_then_opens(
    encrypted: Path, qtbot
) -> None:
    before = encrypted.read_bytes()
    dialog = UnlockDialog(lambda typed: db.open_journal(encrypted, passphrase=typed), "journal.db")
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    assert not form.unlock_button.isEnabled()

    type_text(form.field, "correct horse battery")
    qtbot.mouseClick(form.unlock_button, Qt.MouseButton.LeftButton)
    assert form.error.isVisible()
    assert form.error.text.text() == (
        f"That passphrase did not unlock the journal ({MAX_TRIES - 1} tries left)."
    )
    assert form.field.text() == ""
    assert encrypted.read_bytes() == before
    assert database.obj is None

    type_text(form.field, PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(form.field, Qt.Key.Key_Return)
    assert db.current_passphrase() == PASSPHRASE
    assert {m.name for m in roster.list_managers()} == set(NAMES)
    db.close_journal()


def test_five_wrong_passphrases_end_with_a_message_and_nothing_changed(
    encrypted: Path, qtbot, monkeypatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(
        dialogs, "show_error", lambda _parent, _title, message: told.append(message)
    )
    before = encrypted.read_bytes()
    dialog = UnlockDialog(lambda typed: db.open_journal(encrypted, passphrase=typed), "journal.db")
    qtbot.addWidget(dialog)
    dialog.show()
    for attempt in range(MAX_TRIES):
        dialog.form.field.setText(f"guess number {attempt}")
        dialog.form.submit()
    assert dialog.gave_up
    assert dialog.result() == QDialog.DialogCode.Rejected.value
    assert not dialog.isVisible()
    assert told == [GIVE_UP]
    assert "Your journal was not changed" in GIVE_UP
    assert encrypted.read_bytes() == before
    assert sorted(p.name for p in encrypted.parent.iterdir()) == ["journal.db"]


def test_a_passphrase_from_the_environment_opens_without_asking(encrypted: Path) -> None:
    session = unlock_at_start(encrypted, PASSPHRASE)
    assert session is not None
    assert db.current_passphrase() == PASSPHRASE
    session.close()


# --- Locking ----------------------------------------------------------------------------------


def test_ctrl_l_hides_everything_and_unlocking_returns_to_the_same_manager_and_tab(
    encrypted: Path, make_window: MakeWindow, qtbot
) -> None:
    window = make_window(encrypted, PASSPHRASE)
    window.open_manager(_manager_id("Kwame Mensah"))
    page = window.manager_page
    page.tabs.setCurrentWidget(page.journal)
    window.search_edit.setText("hiring")
    assert any("Kwame Mensah" in text for text in _visible_texts(window))

    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.search_edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.lock_controller.locked and database.obj is None, timeout=5000)

    assert db.current_passphrase() is None
    assert window.centralWidget() is window.lock_controller.screen
    assert not window.menuBar().isVisible()
    assert window.windowTitle() == "CoachJournal — Locked"
    texts = " ".join(_visible_texts(window))
    for name in NAMES:
        assert name not in texts
        assert name.split()[0] not in texts
    assert "hiring" not in texts
    assert not window.grab().isNull()
    assert not window.search_action.isEnabled()

    form = window.lock_controller.screen.form
    type_text(form.field, "not my passphrase")
    qtbot.keyClick(form.field, Qt.Key.Key_Return)
    assert "4 tries left" in form.error.text.text()
    assert window.lock_controller.locked
    type_text(form.field, PASSPHRASE)
    qtbot.keyClick(form.field, Qt.Key.Key_Return)

    assert not window.lock_controller.locked
    assert db.current_passphrase() == PASSPHRASE
    assert window.view is View.MANAGER
    assert window.roster.selected_id() == _manager_id("Kwame Mensah")
    assert window.pages.currentWidget() is window.search_page
    assert window.search_edit.text() == "hiring"
    window.search_edit.clear()
    assert window.pages.currentWidget() is page
    assert page.tabs.currentWidget() is page.journal
    assert window.menuBar().isVisible()
    assert window.search_action.isEnabled()
    assert "Kwame Mensah" in " ".join(_visible_texts(window))


def test_five_wrong_passphrases_on_the_lock_screen_close_the_window(
    encrypted: Path, make_window: MakeWindow, qtbot, monkeypatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(
        dialogs, "show_error", lambda _parent, _title, message: told.append(message)
    )
    window = make_window(encrypted, PASSPHRASE)
    window.lock_controller.lock()
    qtbot.waitUntil(lambda: database.obj is None, timeout=5000)
    before = encrypted.read_bytes()
    form = window.lock_controller.screen.form
    for attempt in range(MAX_TRIES):
        form.field.setText(f"guess number {attempt}")
        form.submit()
    assert told == [GIVE_UP]
    assert not window.isVisible()
    assert encrypted.read_bytes() == before
    assert database.obj is None


def test_locking_keeps_a_new_entry_as_a_draft_and_brings_it_back(
    encrypted: Path, make_window: MakeWindow, qtbot
) -> None:
    window = make_window(encrypted, PASSPHRASE)
    window.open_manager(_manager_id("Ingrid Solberg"))
    window.log_action.trigger()
    (editor,) = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, TouchpointDialog) and w.isVisible()
    ]
    type_text(editor.summary, "Coaching on discovery calls")

    window.lock_controller.lock()
    qtbot.waitUntil(lambda: database.obj is None, timeout=5000)
    assert not [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, TouchpointDialog) and w.isVisible()
    ]

    window.lock_controller.unlock(PASSPHRASE)
    (back,) = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, TouchpointDialog) and w.isVisible()
    ]
    assert back.summary.text() == "Coaching on discovery calls"
    assert back.draft_id is not None


def test_an_open_prep_sheet_closes_on_lock_and_comes_back_with_its_agenda(
    encrypted: Path, make_window: MakeWindow, qtbot
) -> None:
    from ui.prep.page import PrepWindow

    window = make_window(encrypted, PASSPHRASE)
    kwame = _manager_id("Kwame Mensah")
    prep = window.open_prep(kwame)
    type_text(prep.agenda, "Hiring plan for Q1")

    window.lock_controller.lock()
    qtbot.waitUntil(lambda: database.obj is None, timeout=5000)
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, PrepWindow) and w.isVisible()
    ]

    window.lock_controller.unlock(PASSPHRASE)
    (back,) = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, PrepWindow) and w.isVisible()
    ]
    assert back.manager_id == kwame
    assert back.agenda.toPlainText() == "Hiring plan for Q1"


def test_it_locks_itself_after_the_idle_time(
    encrypted: Path, make_window: MakeWindow, qtbot
) -> None:
    preferences.save(preferences.Preferences(lock_after_minutes=1))
    window = make_window(encrypted, PASSPHRASE)
    controller = window.lock_controller
    assert controller.idle_ms == 60_000
    assert controller.idle_timer.isActive()

    controller.set_idle_ms(300)
    qtbot.waitUntil(lambda: controller.locked and database.obj is None, timeout=5000)
    assert window.centralWidget() is controller.screen
    preferences.preferences_path().unlink()


def test_a_plain_journal_offers_protection_not_locking(
    tmp_path: Path, make_window: MakeWindow
) -> None:
    window = make_window(_team(tmp_path / "plain.db", None))
    controller = window.lock_controller
    assert controller.protect_action.isEnabled()
    assert not controller.change_action.isEnabled()
    assert not controller.remove_action.isEnabled()
    assert not controller.lock_action.isEnabled()
    assert "Protect the journal with a passphrase first" in controller.lock_action.toolTip()
    controller.lock()
    assert not controller.locked
    assert database.obj is not None


def test_input_is_watched_only_while_the_window_can_lock_by_itself(
    tmp_path: Path, encrypted: Path, make_window: MakeWindow, qtbot
) -> None:
    """The idle lock's input filter sees every event of the application: it is installed only
    while the idle timer runs (an encrypted journal, a lock time set), so a plain journal's
    screens are built without every event crossing into Python."""
    plain = make_window(_team(tmp_path / "plain.db", None)).lock_controller
    preferences.save(preferences.Preferences(lock_after_minutes=1))
    window = make_window(encrypted, PASSPHRASE)
    controller = window.lock_controller
    window.show()
    qtbot.waitExposed(window)

    def input_noted(watching: object) -> bool:
        before = (plain._last_input, controller._last_input)
        qtbot.keyClick(window.search_edit, Qt.Key.Key_A)
        after = (plain._last_input, controller._last_input)
        return after[1] != before[1] if watching is controller else after[0] != before[0]

    assert input_noted(controller)
    assert not input_noted(plain)
    controller.set_idle_ms(0)  # never locks by itself: nothing to watch
    assert not input_noted(controller)
    controller.set_idle_ms(60_000)
    assert input_noted(controller)
    preferences.preferences_path().unlink()


# --- The passphrase dialogs -----------------------------------------------------------------


def test_the_protect_dialog_asks_twice_and_for_understanding(qtbot) -> None:
    dialog = PassphraseDialog(Mode.PROTECT, lambda _typed: None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "cannot be recovered" in " ".join(_visible_texts(dialog))
    type_text(dialog.new, "blue kettle rain orchard")
    assert dialog.meter.words.text() == "Strong"
    type_text(dialog.repeat, "blue kettle sun")
    assert dialog.error.text.text() == "The two new passphrases are not the same."
    assert not dialog.ok.isEnabled()
    dialog.repeat.clear()
    type_text(dialog.repeat, "blue kettle rain orchard")
    assert not dialog.ok.isEnabled()
    dialog.understood.setChecked(True)
    assert dialog.ok.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.values() == (None, "blue kettle rain orchard")


def test_the_remove_dialog_refuses_a_wrong_current_passphrase(encrypted: Path, qtbot) -> None:
    dialog = PassphraseDialog(Mode.REMOVE, lambda typed: db.connect_raw(encrypted, typed).close())
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.current, "wrong passphrase")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error.text.text() == "The current passphrase is not right."


def test_protecting_and_unprotecting_from_the_window(
    tmp_path: Path, make_window: MakeWindow, qtbot
) -> None:
    path = _team(tmp_path / "journal.db", None)
    window = make_window(path)
    controller = window.lock_controller
    window.open_manager(_manager_id("Lucía Fernández"))

    controller.start_conversion(Mode.PROTECT, None, PASSPHRASE)
    assert not controller.protect_action.isEnabled()
    qtbot.waitUntil(lambda: not controller.busy, timeout=60_000)

    assert db.is_encrypted(path)
    assert db.current_passphrase() == PASSPHRASE
    assert window.statusBar().currentMessage().startswith("Protected the journal")
    assert controller.lock_action.isEnabled() and not controller.protect_action.isEnabled()
    assert window.roster.selected_id() == _manager_id("Lucía Fernández")
    assert {m.name for m in roster.list_managers()} == set(NAMES)

    controller.start_conversion(Mode.REMOVE, PASSPHRASE, None)
    qtbot.waitUntil(lambda: not controller.busy, timeout=60_000)
    assert not db.is_encrypted(path)
    assert db.current_passphrase() is None
    assert controller.protect_action.isEnabled() and not controller.lock_action.isEnabled()


# --- Nothing in plaintext beside it ----------------------------------------------------------


def test_a_phrase_in_an_encrypted_journal_reaches_no_file_the_app_wrote(
    encrypted: Path, make_window: MakeWindow, qtbot, monkeypatch
) -> None:
    """Search, the touchpoint editor and its draft, settings, logs and locking all run on an
    encrypted journal holding a unique phrase; afterwards no file under the test's home folders
    or beside the journal holds it."""
    log_file = setup_logging()
    assert log_file is not None
    handler = logging.getLogger().handlers[-1]
    monkeypatch.setattr(logging.getLogger(), "handlers", [*logging.getLogger().handlers])
    window = make_window(encrypted, PASSPHRASE, QSettings())  # the real settings file
    manager_id = _manager_id("Ingrid Solberg")
    window.open_manager(manager_id)
    window.log_action.trigger()
    (editor,) = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, TouchpointDialog) and w.isVisible()
    ]
    type_text(editor.summary, f"Talked about {PHRASE}")
    type_text(editor.notes, f"More on {PHRASE} next week.")
    editor.flush()  # the draft
    assert any(PHRASE in str(fields) for _, _, fields, _ in touchpoints.drafts())
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    window.search_edit.setText(PHRASE)
    window.search_page.run()
    assert window.search_page.model.rowCount() >= 1
    window.lock_controller.lock()
    qtbot.waitUntil(lambda: database.obj is None, timeout=5000)
    window.lock_controller.unlock(PASSPHRASE)
    assert window.search_edit.text() == PHRASE
    window.search_edit.clear()
    window.search_page.run()  # the search the cleared box asked for, before the journal closes
    preferences.save(preferences.Preferences(lock_after_minutes=5))
    preferences.preferences_path().write_text("{broken", encoding="utf-8")
    preferences.load()  # logs a warning
    window.close()
    db.close_journal()
    logging.getLogger().removeHandler(handler)
    handler.close()
    assert "Ignoring unreadable preferences" in log_file.read_text(encoding="utf-8")

    needle = PHRASE.encode()
    home = Path(os.environ["HOME"]).parent  # HOME and every XDG folder of this test run
    written = [p for folder in (home, encrypted.parent) for p in folder.rglob("*") if p.is_file()]
    assert encrypted in written
    assert {"preferences.json", "coachjournal.log", "CoachJournal.conf"} <= {
        p.name for p in written
    }
    assert [p for p in written if needle in p.read_bytes()] == []
    preferences.preferences_path().unlink()
