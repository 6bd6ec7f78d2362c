"""Application set-up: QApplication, look, error reporting, the main window, the smoke test."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import tempfile
import time
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from coachjournal import APP_NAME, __version__, db, stats
from coachjournal.cli import GuiOptions
from coachjournal.diagnostics import peak_rss_mb
from coachjournal.errors import JournalOpenError
from coachjournal.logs import LOG_NAME
from coachjournal.paths import log_dir, resource
from ui import dialogs
from ui.first_paint import show_until_first_paint
from ui.main_window import MainWindow
from ui.session import JournalSession
from ui.widgets.chart_canvas import ChartView

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


def _smoke_test(app: QApplication, window: MainWindow) -> int:
    """Paint the main window once, prove the journal reads and writes, print the timing."""
    seconds = show_until_first_paint(app, window, SMOKE_TIMEOUT_MS)
    if seconds is None:
        print("smoke test: the main window was never painted", file=sys.stderr)
        return 1
    db.round_trip_check()
    print(
        f"smoke test: first paint {seconds:.3f} s after start, "
        f"{window.roster.model.total} managers, peak memory {peak_rss_mb():.0f} MB"
    )
    chart_seconds = _draw_a_chart()
    print(f"smoke test: team frequency chart drawn and saved as PNG in {chart_seconds:.3f} s")
    return 0


def _draw_a_chart() -> float:
    """Draw the last year's team frequency chart on the Qt canvas and save it as a PNG: proves
    that matplotlib, its Qt and Agg backends and its fonts are all in the bundle."""
    started = time.perf_counter()
    today = dt.date.today()
    series = stats.frequency("month", today.replace(year=today.year - 1, day=1), today)
    view = ChartView()
    view.resize(900, 520)
    view.show()
    view.plot(series)
    view.flush()
    with tempfile.TemporaryDirectory(prefix="coachjournal-smoke-") as folder:
        target = Path(folder) / "frequency.png"
        view.save(target)
        if target.stat().st_size < 1000 or view.grab().isNull():
            raise RuntimeError("the smoke test's chart came out empty")
    view.close()
    return time.perf_counter() - started


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
