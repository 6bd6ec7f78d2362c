"""Application set-up: QApplication, look, error reporting, the main window, the smoke test.

Start-up imports only what the first screen (the roster and the team dashboard) needs. The
unlock dialog is imported for an encrypted journal alone, the backup module only when the app
quits, the charting library only by the smoke test's chart (after its first paint): see
``tests/test_startup_imports.py``, which keeps it that way.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import tempfile
import time
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings, QThreadPool, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from coachjournal import APP_NAME, __version__
from coachjournal.cli.main import GuiOptions
from coachjournal.diagnostics import peak_rss_mb
from coachjournal.errors import JournalOpenError
from coachjournal.logs import LOG_NAME
from coachjournal.paths import log_dir, resource
from coachjournal.storage import db, preferences
from coachjournal.storage.lock import JournalLock, JournalWriteError
from ui import dates, dialogs, theme
from ui.first_paint import show_until_first_paint
from ui.main_window import MainWindow
from ui.session import JournalSession, is_encrypted

log = logging.getLogger(__name__)

#: The start-up backup waits this long after the window is shown, so it never competes with
#: the first screen for the disk.
BACKUP_DELAY_MS = 1500
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
    chosen = preferences.load()
    theme.apply_theme(app, chosen.theme)
    dates.configure(chosen)
    return app


def _report_unexpected(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """Log an unexpected failure and tell the user where the details are; no traceback shown."""
    if isinstance(error, JournalWriteError):
        # A save that failed for the disk's sake (full, read-only) in an autosave: the window's
        # banner already says so in a sentence, and the editor keeps the text.
        log.warning("A write failed: %s", error)
        return
    log.error("Unexpected failure:\n%s", "".join(traceback.format_exception(kind, error, trace)))
    dialogs.show_error(
        None,
        APP_NAME,
        "Something unexpected went wrong. Your saved work is safe.\n\n"
        f"The details are in {log_dir() / LOG_NAME}.",
    )


def _smoke_test(app: QApplication, window: MainWindow, opening: float) -> int:
    """Paint the main window once, prove the journal reads and writes, print the timing.

    ``opening`` is the seconds the journal took to open; on an encrypted journal they are
    printed too, as they are mostly the key's derivation (which the benchmark leaves out)."""
    painted = show_until_first_paint(app, window, SMOKE_TIMEOUT_MS)
    if painted is None:
        print("smoke test: the main window was never painted", file=sys.stderr)
        return 1
    db.round_trip_check()
    print(
        f"smoke test: {painted.describe()}, "
        f"{window.roster.model.total} managers, peak memory {peak_rss_mb():.0f} MB"
    )
    if window.session.encrypted:
        print(f"smoke test: the encrypted journal opened in {opening:.3f} s (key derivation)")
    chart_seconds = _draw_a_chart()
    print(f"smoke test: team frequency chart drawn and saved as PNG in {chart_seconds:.3f} s")
    return 0


def _draw_a_chart() -> float:
    """Draw the last year's team frequency chart on the Qt canvas and save it as a PNG: proves
    that matplotlib, its Qt and Agg backends and its fonts are all in the bundle."""
    from coachjournal.coaching import stats
    from ui.widgets.chart_canvas import ChartView

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
    if not options.smoke_test:
        from ui.single_instance import hand_over

        if hand_over(options.journal):
            print(f"{APP_NAME} already has {options.journal} open: its window is in front now.")
            return 0
        try:  # held by a command, or read-only: say so before asking for a passphrase
            with JournalLock(options.journal):
                pass
        except JournalOpenError as error:
            QMessageBox.critical(None, APP_NAME, str(error))
            return 1
    opened_at = time.perf_counter()
    try:
        if options.smoke_test or not is_encrypted(options.journal):
            session = JournalSession(options.journal, passphrase=options.passphrase)
        else:
            from ui.lock.controller import unlock_at_start

            unlocked = unlock_at_start(options.journal, options.passphrase)
            if unlocked is None:
                return 1  # the user quit the unlock dialog, or ran out of tries
            session = unlocked
    except JournalOpenError as error:
        if options.smoke_test:
            raise
        QMessageBox.critical(None, APP_NAME, str(error))
        return 1
    opening = time.perf_counter() - opened_at
    if options.smoke_test:
        # The smoke test leaves the user's window layout alone: its settings go to a temp file.
        scratch = tempfile.TemporaryDirectory(prefix="coachjournal-smoke-")
        settings = QSettings(str(Path(scratch.name) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(session, settings)
    else:
        window = MainWindow(session)
    try:
        if options.smoke_test:
            return _smoke_test(app, window, opening)
        sys.excepthook = _report_unexpected
        from ui.single_instance import InstanceServer

        InstanceServer(options.journal, window)
        window.show()
        window.recover_drafts()
        # The day's first backup, on a pool thread once the window is up.
        QTimer.singleShot(BACKUP_DELAY_MS, lambda: window.backups.back_up_at_start())
        return app.exec()
    finally:
        quitting = not (options.smoke_test or session.is_sample or session.locked)
        passphrase = db.current_passphrase()
        QThreadPool.globalInstance().waitForDone()  # a backup or export still writing its file
        session.close()
        if quitting:
            from ui.backup.controller import back_up_on_quit

            back_up_on_quit(session.path, passphrase)
