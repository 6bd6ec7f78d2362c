"""Esc never throws typed work away: every form that takes typed text, walked one by one.

Each form gets some typing, then Esc. Where the text is not saved yet, the app must ask
(Keep editing / Discard): keeping leaves the form open with the text; discarding closes it.
Forms that save as the user types keep the text without asking; the touchpoint editor asks its
own Save / Discard / Cancel. Esc in a date field's calendar closes only the calendar. The
passphrase dialogs and the exchange dialogs (a restore's chosen file) follow the same rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from coachjournal.coaching import development, roster
from coachjournal.kinds import TraitKind
from coachjournal.storage import db
from tests.ui.conftest import MakeWindow, type_text
from tests.ui.test_exchange_ui import WAIT_MS, small_export
from ui import dialogs
from ui.exchange.restore import RestoreDialog
from ui.lock.passphrase import Mode, PassphraseDialog
from ui.lock.unlock import UnlockDialog
from ui.manager.page import ManagerPage
from ui.prep.bank import QuestionBankDialog
from ui.session import JournalSession
from ui.settings.dialog import SettingsDialog


class Asked:
    """Stands in for the Keep editing / Discard question: records each question and answers
    ``discard`` (False: Keep editing, the default)."""

    def __init__(self) -> None:
        self.questions: list[str] = []
        self.discard = False

    def __call__(self, _parent: QWidget, what: str) -> bool:
        self.questions.append(what)
        return self.discard


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Asked:
    answer = Asked()
    monkeypatch.setattr(dialogs, "ask_discard", answer)
    return answer


@pytest.fixture
def page(qtbot, tmp_path: Path) -> Iterator[ManagerPage]:
    path = tmp_path / "journal.db"
    db.open_journal(path)
    roster.create_manager("Noor Haddad")
    db.close_journal()
    session = JournalSession(path)
    shown = ManagerPage(session)
    qtbot.addWidget(shown)
    shown.resize(1280, 720)
    shown.show()
    qtbot.waitExposed(shown)
    shown.show_manager(roster.list_managers()[0].id)
    shown.tabs.setCurrentWidget(shown.development)
    shown.activateWindow()
    assert QTest.qWaitForWindowActive(shown)
    yield shown
    session.close()


def esc(qtbot, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Escape)


@pytest.mark.parametrize(
    ("kind", "what"),
    [
        (TraitKind.STRENGTH, "the new strength"),
        (TraitKind.DEVELOPMENT, "the new development area"),
    ],
)
def test_esc_on_a_new_strength_or_area_asks_before_the_typing_goes(
    qtbot, page: ManagerPage, asked: Asked, kind: TraitKind, what: str
) -> None:
    tab = page.development
    tab.new_trait(kind)
    form = tab.new_trait_form
    esc(qtbot, form.detail)
    assert asked.questions == [], "nothing typed: Esc just goes back"
    assert tab.details.currentWidget() is not form or not tab.details.isVisible()

    tab.new_trait(kind)
    type_text(form.detail, "Opens calls with the customer's numbers")
    esc(qtbot, form.detail)
    assert asked.questions == [what]
    assert tab.details.isVisible() and tab.details.currentWidget() is form
    assert form.detail.text() == "Opens calls with the customer's numbers"

    asked.discard = True
    esc(qtbot, form.detail)
    assert asked.questions == [what, what]
    assert not tab.details.isVisible()
    assert development.list_traits(roster.list_managers()[0].id) == []


def test_esc_on_a_new_assignment_asks_and_its_cancel_too(
    qtbot, page: ManagerPage, asked: Asked
) -> None:
    tab = page.development
    tab.new_assignment()
    form = tab.new_assignment_form
    type_text(form.title_edit, "Run the Q3 forecast call without me")
    esc(qtbot, form.title_edit)
    assert asked.questions == ["the new assignment"]
    assert form.isVisible() and form.title_edit.text() == "Run the Q3 forecast call without me"

    form.title_edit.clear()
    type_text(form.due.line, "fri")
    esc(qtbot, form.due.line)
    assert asked.questions == ["the new assignment"] * 2, "a typed due date counts"
    assert form.isVisible() and form.due.line.text()

    form.cancelled.emit()
    assert asked.questions == ["the new assignment"] * 3
    assert form.isVisible()


def test_esc_in_a_forms_calendar_closes_only_the_calendar(
    qtbot, page: ManagerPage, asked: Asked
) -> None:
    tab = page.development
    tab.new_assignment()
    form = tab.new_assignment_form
    type_text(form.title_edit, "Coach a rep through a lost deal")
    form.due.open_calendar()
    popup = form.due.popup
    assert popup is not None and popup.isVisible()
    calendar = popup.calendar
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert asked.questions == []
    assert form.isVisible() and form.title_edit.text() == "Coach a rep through a lost deal"


def test_esc_on_a_pane_that_saves_as_you_type_keeps_the_text(
    qtbot, page: ManagerPage, asked: Asked
) -> None:
    tab = page.development
    tab.new_trait(TraitKind.STRENGTH)
    form = tab.new_trait_form
    form.skill.setCurrentIndex(0)
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    pane = tab.trait_pane
    type_text(pane.detail_edit, "Asks before telling")
    esc(qtbot, pane.detail_edit)
    assert asked.questions == []
    [trait] = development.list_traits(roster.list_managers()[0].id)
    assert trait.detail == "Asks before telling"


def test_esc_on_the_question_bank_asks_for_a_question_typed_but_not_added(
    qtbot, tmp_path: Path, asked: Asked
) -> None:
    session = JournalSession(tmp_path / "journal.db")
    try:
        dialog = QuestionBankDialog(session)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.list.setCurrentRow(-1)
        dialog.text.clear()
        esc(qtbot, dialog.text)
        assert asked.questions == [] and not dialog.isVisible()
        dialog.show()
        type_text(dialog.text, "What would you stop doing?")
        esc(qtbot, dialog.text)
        assert asked.questions == ["the question you typed"]
        assert dialog.isVisible() and dialog.text.text() == "What would you stop doing?"
        asked.discard = True
        dialog.close()
        assert not dialog.isVisible()
    finally:
        session.close()


def test_esc_on_the_settings_asks_before_changes_go(
    qtbot, make_window: MakeWindow, tmp_path: Path, asked: Asked
) -> None:
    window = make_window()
    dialog = SettingsDialog(window.session, window, tmp_path / "preferences.json")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.daily.setValue(dialog.daily.value() + 1)
    esc(qtbot, dialog.daily)
    assert asked.questions == ["your changes"] and dialog.isVisible()
    asked.discard = True
    esc(qtbot, dialog.daily)
    assert not dialog.isVisible()


def test_esc_on_a_new_touchpoint_asks_its_own_question(
    qtbot, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    manager = window.session.add_manager("Noor Haddad")
    window.open_manager(manager.id)
    editor = window.manager_page.journal.log_new()
    assert editor is not None
    qtbot.waitExposed(editor)
    choices: list[str] = []
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda _parent: choices.append("asked") or "cancel")
    type_text(editor.summary, "Pipeline review")
    row = editor.items.add_row(focus=True)
    type_text(row.text, "Send the deck")
    type_text(row.due.line, "fri")
    esc(qtbot, editor.summary)
    assert choices == ["asked"] and editor.isVisible()
    assert row.due.value() is not None and row.due.value().weekday() == 4
    assert row.due.value() - dt.date.today() < dt.timedelta(days=7)


@pytest.mark.parametrize("mode", list(Mode), ids=[mode.name for mode in Mode])
def test_esc_on_a_passphrase_dialog_asks_before_the_typed_passphrase_goes(
    qtbot, asked: Asked, mode: Mode
) -> None:
    dialog = PassphraseDialog(mode, lambda _typed: None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    esc(qtbot, dialog.focusWidget() or dialog)
    assert asked.questions == [] and not dialog.isVisible(), "nothing typed: Esc closes"

    dialog.show()
    field = dialog.new if mode is Mode.PROTECT else dialog.current
    type_text(field, "correct horse battery")
    esc(qtbot, field)
    assert asked.questions == ["the passphrase you typed"]
    assert dialog.isVisible() and field.text() == "correct horse battery"
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert asked.questions == ["the passphrase you typed"] * 2 and dialog.isVisible()

    asked.discard = True
    esc(qtbot, field)
    assert not dialog.isVisible() and field.text() == "", "discarded, and forgotten"


def test_esc_or_quit_on_the_unlock_dialog_asks_once_a_passphrase_is_typed(
    qtbot, asked: Asked
) -> None:
    tried: list[str] = []
    dialog = UnlockDialog(tried.append, "journal.db")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(dialog.form.field, "almost the passphrase")
    esc(qtbot, dialog.form.field)
    assert asked.questions == ["the passphrase you typed"] and dialog.isVisible()
    assert dialog.form.field.text() == "almost the passphrase"
    asked.discard = True
    with qtbot.waitSignal(dialog.rejected):
        esc(qtbot, dialog.form.field)
    assert tried == [], "Esc never tried the passphrase"


def test_esc_on_the_restore_dialog_asks_for_a_file_name_chosen_and_not_otherwise(
    qtbot, make_window: MakeWindow, tmp_path: Path, asked: Asked
) -> None:
    export = small_export(tmp_path)
    window = make_window(tmp_path / "mine.db")
    window.session.add_manager("Someone of mine")
    for choose in (False, True):
        dialog = RestoreDialog(window.session, export, window)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.previewed, timeout=WAIT_MS):
            dialog.show()
        if choose:
            dialog.target_edit.selectAll()
            type_text(dialog.target_edit, str(tmp_path / "restored.db"))
        esc(qtbot, dialog.target_edit)
        assert dialog.isVisible() is choose
    assert asked.questions == ["the new journal's file name you chose"]
    assert dialog.target_edit.text() == str(tmp_path / "restored.db")


def test_switching_manager_or_closing_the_window_asks_before_a_typed_form_goes(
    qtbot, make_window: MakeWindow, asked: Asked
) -> None:
    window = make_window()
    noor = window.session.add_manager("Noor Haddad").id
    marta = window.session.add_manager("Marta Kowalska").id
    window.open_manager(noor)
    tab = window.manager_page.development
    window.manager_page.tabs.setCurrentWidget(tab)
    tab.new_assignment()
    type_text(tab.new_assignment_form.title_edit, "Run the Q3 forecast call without me")

    window.roster.select(marta)
    assert asked.questions == ["the new assignment"]
    assert window.roster.selected_id() == noor and window.manager_page.manager_id == noor
    assert tab.new_assignment_form.isVisible()
    assert tab.new_assignment_form.title_edit.text() == "Run the Q3 forecast call without me"

    window.close()
    assert asked.questions == ["the new assignment"] * 2 and window.isVisible()

    asked.discard = True
    window.roster.select(marta)
    assert window.manager_page.manager_id == marta and not tab.new_assignment_form.isVisible()
    window.close()
    assert asked.questions == ["the new assignment"] * 3, "nothing typed left: no question"
    assert not window.isVisible()
