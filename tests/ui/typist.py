"""A child process for the crash test: opens the app on a journal and types into the selected
manager's notes without end, printing 'saved N' each time the editor commits N characters.

Run as ``python -m tests.ui.typist JOURNAL SETTINGS``; the test kills it with SIGKILL.
"""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtTest import QTest

from ui.app import create_application
from ui.main_window import MainWindow
from ui.session import JournalSession


def stream(length: int) -> str:
    """The text the typist types, so the test can check what reached the disk."""
    return "".join(f"w{n} " for n in range(length))[:length]


def main() -> None:
    journal, settings = Path(sys.argv[1]), sys.argv[2]
    app = create_application()
    session = JournalSession(journal)
    window = MainWindow(session, QSettings(settings, QSettings.Format.IniFormat))
    window.show()
    window.manager_page.tabs.setCurrentWidget(window.manager_page.profile)
    notes = window.manager_page.profile.notes_edit
    window.manager_page.profile.saved.connect(
        lambda _message: print(f"saved {len(notes.toPlainText())}", flush=True)
    )
    counter = itertools.count()

    def type_a_word() -> None:
        word = next(counter)
        QTest.keyClicks(notes, f"w{word} ")
        # A short pause now and then lets the quiet-period save fire too, not only the
        # maximum-wait one.
        timer.setInterval(450 if word % 17 == 16 else 15)

    timer = QTimer()
    timer.setInterval(15)
    timer.timeout.connect(type_a_word)
    timer.start()
    app.exec()


if __name__ == "__main__":
    main()
