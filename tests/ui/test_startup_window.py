"""The main window builds the first screen only; the rest comes after its first paint or when
first asked for, and then looks and works as if it had been there from the start."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from coachjournal import sample
from ui.main_window import MainWindow
from ui.session import JournalSession

LATER = ("reminders", "lock_controller", "backups", "exchange", "palette_popup", "sync")
ON_FIRST_USE = ("welcome", "search_page", "charts_page", "assignments_page")
FILE_MENU = [
    "Explore the Sample Team",
    "Back to My Journal",
    "",
    "Export",
    "Import",
    "",
    "Trash…",
    "",
    "Back Up Now",
    "Restore from Backup…",
    "",
    "Protect with Passphrase…",
    "Change Passphrase…",
    "Remove Passphrase…",
    "Lock",
    "",
    "Set Up Sync…",
    "Join a Synced Journal…",
    "Sync Now",
    "Review Sync Conflicts…",
    "",
    "Settings…",
    "",
    "Quit",
]


def test_the_first_paint_builds_the_rest_and_other_pages_wait_for_their_first_visit(
    qtbot, tmp_path: Path, settings: QSettings
) -> None:
    journal = tmp_path / "team.db"
    sample.create_sample_journal(journal, managers=3, years=0.5)
    session = JournalSession(journal)
    try:
        window = MainWindow(session, settings)
        qtbot.addWidget(window)
        assert window.pages.currentWidget() is window.dashboard
        assert not any(part in window.__dict__ for part in LATER + ON_FIRST_USE)
        assert not window.started

        window.show()
        qtbot.waitUntil(lambda: window.started)
        assert all(part in window.__dict__ for part in LATER)
        assert not any(part in window.__dict__ for part in ON_FIRST_USE)
        texts = [action.text().replace("&", "") for action in window.file_menu.actions()]
        assert texts == FILE_MENU
        assert window.lock_controller.lock_action.shortcut().toString() == "Ctrl+L"

        qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        assert window.pages.currentWidget() is window.charts_page
        assert window.charts_action.isChecked() and not window.team_action.isChecked()
        qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        assert window.pages.currentWidget() is window.assignments_page
        assert "search_page" not in window.__dict__
        window.search_edit.setText("a")
        assert window.pages.currentWidget() is window.search_page
        qtbot.waitUntil(lambda: window.search_page.model.rowCount() > 0)
        qtbot.waitUntil(lambda: window.search_page.counts is not None)  # counted once painted
    finally:
        session.close()
