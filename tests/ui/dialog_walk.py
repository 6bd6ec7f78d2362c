"""A child process for the screen-fit test: opens the app on a small screen (the offscreen
platform's screen is set by the test), opens every window and dialog it can, and prints, for
each, its frame and the rectangles of its buttons as JSON lines.

    python -m tests.ui.dialog_walk JOURNAL SETTINGS
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QRect, QSettings, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QWidget

from coachjournal.coaching import roster
from coachjournal.coaching.results import ResultSettings
from ui.app import create_application
from ui.development.dialogs import TouchpointPicker
from ui.main_window import MainWindow
from ui.prep.bank import QuestionBankDialog
from ui.results.dialogs import ResultSettingsDialog
from ui.session import JournalSession


def rect(value: QRect) -> list[int]:
    return [value.left(), value.top(), value.width(), value.height()]


def report(window: QWidget) -> None:
    """One JSON line: the window's frame, its screen's available area and its buttons."""
    QApplication.processEvents()
    screen = window.screen() or QApplication.primaryScreen()
    buttons = [
        {"text": button.text() or button.accessibleName(), "rect": rect(_global(button))}
        for button in window.findChildren(QAbstractButton)
        if button.isVisibleTo(window) and button.window() is window
    ]
    layout = window.layout()
    needs = layout.minimumSize() if layout is not None else window.minimumSizeHint()
    line = {
        "window": type(window).__name__,
        "size": [window.width(), window.height()],
        "needs": [needs.width(), needs.height()],
        "frame": rect(window.geometry()),
        "screen": rect(screen.availableGeometry()),
        "buttons": buttons,
    }
    print(json.dumps(line), flush=True)


def _global(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


class Reporter(QObject):
    """Reports each dialog when it is shown, then closes it (a modal one returns)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog):
            dialog = watched
            QTimer.singleShot(0, lambda: (report(dialog), dialog.done(0)))
        return False


def main() -> None:
    journal, settings = Path(sys.argv[1]), sys.argv[2]
    app = create_application()
    session = JournalSession(journal)
    manager = roster.create_manager("Noor Haddad", title="Regional Sales Manager")
    window = MainWindow(session, QSettings(settings, QSettings.Format.IniFormat))
    window.show()
    window.open_manager(manager.id)
    report(window)
    app.installEventFilter(Reporter(app))
    steps: list[Callable[[], object]] = [
        window.log_action.trigger,
        window.prep_action.trigger,
        window.trash_action.trigger,
        window.settings_action.trigger,
        window.shortcuts_action.trigger,
        window.team_cadence_action.trigger,
    ]
    for step in steps:
        step()
        QApplication.processEvents()
    for dialog in (
        QuestionBankDialog(session, window),
        TouchpointPicker(manager.id, "Listening", window),
        ResultSettingsDialog(ResultSettings(), window),
    ):
        dialog.exec()
    session.close()


if __name__ == "__main__":
    main()
