"""The floor for start-up on this stack: a bare PySide6 program that shows an empty QMainWindow.

``benchmarks/run.py`` compares ``coachjournal --smoke-test`` with this script. Both read the
clock the same way (:func:`coachjournal.diagnostics.seconds_since_process_start` at the
window's first ``QEvent.Paint``) and report memory the same way, so the ratio between them is
what the app adds to Python + Qt, and nothing else. The only import beyond PySide6 is
``coachjournal.diagnostics``, which uses the standard library alone.

Prints one line: ``bare window: first paint 0.140 s after start, peak memory 47 MB``.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from coachjournal.diagnostics import peak_rss_mb, seconds_since_process_start

#: Give up (and fail) if the window has not painted after this long.
TIMEOUT_MS = 20_000


class FirstPaint(QObject):
    """Notes the time of the window's first paint and quits the event loop."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.seconds: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.seconds is None:
            self.seconds = seconds_since_process_start()
            QTimer.singleShot(0, self.app.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1180, 760)
    first_paint = FirstPaint(app)
    window.installEventFilter(first_paint)
    window.show()
    QTimer.singleShot(TIMEOUT_MS, app.quit)
    app.exec()
    if first_paint.seconds is None:
        print("bare window: the window was never painted", file=sys.stderr)
        return 1
    print(
        f"bare window: first paint {first_paint.seconds:.3f} s after start, "
        f"peak memory {peak_rss_mb():.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
