"""Measures the time from process start to a window's first paint.

Shared by ``coachjournal --smoke-test`` and the bare-window baseline of the benchmarks, so both
read the clock the same way. It imports nothing but Qt and the standard library, so the
baseline stays a bare PySide6 program.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from coachjournal.diagnostics import seconds_since_process_start


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


def show_until_first_paint(app: QApplication, window: QWidget, timeout_ms: int) -> float | None:
    """Show ``window``, run the event loop until it paints; the seconds since the process
    started, or None if it did not paint within ``timeout_ms``."""
    first_paint = _FirstPaint(app)
    window.installEventFilter(first_paint)
    window.show()
    QTimer.singleShot(timeout_ms, app.quit)
    app.exec()
    window.removeEventFilter(first_paint)
    return first_paint.seconds
