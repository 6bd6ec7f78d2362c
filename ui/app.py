"""Application set-up: QApplication, look, error reporting, the main window, the smoke test."""

from __future__ import annotations

import logging
import sys
import tempfile
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from coachjournal import APP_NAME, __version__, db
from coachjournal.cli import GuiOptions
from coachjournal.diagnostics import peak_rss_mb, seconds_since_process_start
from coachjournal.errors import JournalOpenError
from coachjournal.logs import LOG_NAME
from coachjournal.paths import log_dir, resource
from ui import dialogs
from ui.main_window import MainWindow
from ui.session import JournalSession

log = logging.getLogger(__name__)

#: How long the smoke test waits for the first paint before it gives up.
SMOKE_TIMEOUT_MS = 20_000


def create_application() -> QApplication:
    """The QApplication with the app's names (used by QSettings), style and icon."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("coachjournal")
    app.setStyle("Fusion")
    app.setWindowIcon(QIcon(str(resource("icons", "app.svg"))))
    app.setStyleSheet(resource("styles", "app.qss").read_text(encoding="utf-8"))
    return app


def _report_unexpected(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """Log an unexpected failure and tell the user where the details are; no traceback shown."""
    log.error("Unexpected failure:\n%s", "".join(traceback.format_exception(kind, error, trace)))
    dialogs.show_error(
        None,
        APP_NAME,
        "Something unexpected went wrong. Your saved work is safe.\n\n"
        f"The details are in {log_dir() / LOG_NAME}.",
    )


class _FirstPaint(QObject):
    """Quits the event loop at the window's first paint and remembers when it happened."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.seconds: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.seconds is None:
            self.seconds = seconds_since_process_start()
            QTimer.singleShot(0, self.app.quit)
        return False


def _smoke_test(app: QApplication, window: MainWindow) -> int:
    """Paint the main window once, prove the journal reads and writes, print the timing."""
    first_paint = _FirstPaint(app)
    window.installEventFilter(first_paint)
    window.show()
    QTimer.singleShot(SMOKE_TIMEOUT_MS, app.quit)
    app.exec()
    if first_paint.seconds is None:
        print("smoke test: the main window was never painted", file=sys.stderr)
        return 1
    db.round_trip_check()
    print(
        f"smoke test: first paint {first_paint.seconds:.3f} s after start, "
        f"{window.roster.model.total} managers, peak memory {peak_rss_mb():.0f} MB"
    )
    return 0


def run(options: GuiOptions) -> int:
    """Open the journal in the main window; return the exit code."""
    app = create_application()
    try:
        session = JournalSession(options.journal)
    except JournalOpenError as error:
        if options.smoke_test:
            raise
        QMessageBox.critical(None, APP_NAME, str(error))
        return 1
    if options.smoke_test:
        # The smoke test leaves the user's window layout alone: its settings go to a temp file.
        scratch = tempfile.TemporaryDirectory(prefix="coachjournal-smoke-")
        settings = QSettings(str(Path(scratch.name) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(session, settings)
    else:
        window = MainWindow(session)
    try:
        if options.smoke_test:
            return _smoke_test(app, window)
        sys.excepthook = _report_unexpected
        window.show()
        window.recover_drafts()
        return app.exec()
    finally:
        session.close()
