"""A child process for the crash tests: opens the app on a journal and types without end,
printing 'saved N' each time N characters are committed to the journal.

    python -m tests.ui.typist JOURNAL SETTINGS profile    types into the manager's notes
    python -m tests.ui.typist JOURNAL SETTINGS draft      types a new, unsaved touchpoint

The test kills it with SIGKILL.
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
    journal, settings, target = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = create_application()
    session = JournalSession(journal)
    window = MainWindow(session, QSettings(settings, QSettings.Format.IniFormat))
    window.show()
    if target == "profile":
        window.manager_page.tabs.setCurrentWidget(window.manager_page.profile)
        notes = window.manager_page.profile.notes_edit
        saved = window.manager_page.profile.saved
    else:
        dialog = window.manager_page.journal.log_new()
        assert dialog is not None
        notes, saved = dialog.notes, dialog.saved
    saved.connect(lambda _message: print(f"saved {len(notes.toPlainText())}", flush=True))
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
