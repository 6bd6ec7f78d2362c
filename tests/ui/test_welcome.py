"""The first start: the welcome explains the app, offers the team (by hand, from a roster CSV or
the sample team) and a passphrase, and is driven here as a new user would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from coachjournal.coaching import roster
from coachjournal.storage import db
from ui import dialogs
from ui.exchange import actions as exchange_actions
from ui.exchange.base import ExchangeDialog
from ui.exchange.imports import RosterImportDialog
from ui.lock.passphrase import PassphraseDialog
from ui.welcome.page import PROTECTED_TEXT, WELCOME_TEXT

from .conftest import MakeWindow, type_text

ROSTER = Path(__file__).parent.parent / "data" / "rosters" / "hr-export-semicolon.csv"
PASSPHRASE = "welcome mat under the oak"


def test_the_first_start_explains_the_app_in_three_sentences_and_offers_two_steps(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window(tmp_path / "journal.db")
    page = window.welcome
    assert window.pages.currentWidget() is page
    assert WELCOME_TEXT in [child.text() for child in page.findChildren(QLabel)]
    assert len(re.findall(r"[.!?](?:\s|$)", WELCOME_TEXT)) == 3
    assert window.focusWidget() is page.add_button
    assert page.protect_button.isVisibleTo(page)
    for button in (page.add_button, page.import_button, page.sample_button, page.protect_button):
        assert button.accessibleName()


def test_the_team_comes_from_a_roster_csv_with_a_preview(
    make_window: MakeWindow, tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(tmp_path / "journal.db")
    shown: list[ExchangeDialog] = []

    def open_dialog(dialog: ExchangeDialog) -> None:
        shown.append(dialog)
        dialog.show()

    monkeypatch.setattr(exchange_actions, "_open_dialog", open_dialog)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *_args: str(ROSTER))
    qtbot.mouseClick(window.welcome.import_button, Qt.MouseButton.LeftButton)
    dialog = shown[-1]
    assert isinstance(dialog, RosterImportDialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=15_000)
    with qtbot.waitSignal(dialog.finished_with, timeout=15_000):
        dialog.confirm_button.click()
    assert {"Søren Kierkegaard", "Amélie Poulain", "Ola Nordmann"} <= {
        manager.name for manager in roster.list_managers()
    }
    qtbot.waitUntil(lambda: window.pages.currentWidget() is not window.welcome, timeout=5000)


def test_a_passphrase_set_from_the_welcome_encrypts_the_journal(
    make_window: MakeWindow, tmp_path: Path, qtbot
) -> None:
    path = tmp_path / "journal.db"
    window = make_window(path)
    typed: list[bool] = []

    def fill_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog):
            QTimer.singleShot(50, fill_the_dialog)
            return
        type_text(dialog.new, PASSPHRASE)
        type_text(dialog.repeat, PASSPHRASE)
        dialog.understood.setChecked(True)
        typed.append(True)
        dialog.ok.click()

    QTimer.singleShot(0, fill_the_dialog)
    qtbot.mouseClick(window.welcome.protect_button, Qt.MouseButton.LeftButton)
    assert typed
    controller = window.lock_controller
    qtbot.waitUntil(lambda: not controller.busy and db.is_encrypted(path), timeout=60_000)
    qtbot.waitUntil(lambda: window.welcome.protect_text.text() == PROTECTED_TEXT, timeout=5000)
    assert not window.welcome.protect_button.isVisibleTo(window.welcome)
    assert controller.lock_action.isEnabled()
