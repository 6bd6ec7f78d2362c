"""Fixtures for driving the real widgets with qtbot."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from coachjournal.storage.preferences import Preferences
from ui import dates
from ui.app import create_application
from ui.journal.editor import TouchpointDialog
from ui.main_window import MainWindow
from ui.session import JournalSession

MakeWindow = Callable[..., MainWindow]


def type_text(widget: QWidget, text: str) -> None:
    """Type any Unicode text, emoji included, as key presses (QTest.keyClicks handles only
    characters of the Basic Multilingual Plane)."""
    for character in text:
        key = Qt.Key.Key_Return if character == "\n" else 0
        press = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, character)
        QApplication.sendEvent(widget, press)


@pytest.fixture(scope="session", autouse=True)
def app_look(qapp: QApplication) -> QApplication:
    """The test QApplication with the app's names, style and style sheet."""
    return create_application()


@pytest.fixture(autouse=True)
def default_dates() -> Iterator[None]:
    """Dates as the default preferences show them, whatever an earlier test chose: the date
    format and the first day of the week are the app's global state (:mod:`ui.dates`)."""
    dates.configure(Preferences())
    yield
    dates.configure(Preferences())


@pytest.fixture(autouse=True)
def close_dialogs() -> Iterator[None]:
    """Close the touchpoint editors a test left open, without the unsaved-entry question."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, TouchpointDialog):
            widget.done(0)
            widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, tmp_path: Path, settings: QSettings) -> Iterator[MakeWindow]:
    """Builds a shown main window on a journal file (by default an empty one in tmp_path),
    opened with ``passphrase`` if it is encrypted, keeping its state in ``with_settings`` (by
    default the test's own settings file)."""
    sessions: list[JournalSession] = []

    def make(
        path: Path | None = None,
        passphrase: str | None = None,
        with_settings: QSettings | None = None,
    ) -> MainWindow:
        path = path or tmp_path / "journal.db"
        for earlier in sessions:
            if earlier.path == path:
                earlier.close()  # a window made again on a journal is the app restarted
        session = JournalSession(path, passphrase=passphrase)
        sessions.append(session)
        window = MainWindow(session, with_settings or settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        # As a user finds it: painted, and its background parts built after the first paint.
        qtbot.waitUntil(lambda: window.started)
        return window

    yield make
    for session in sessions:
        session.close()
