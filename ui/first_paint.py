"""Measures the time from process start to a window's first paint, and what was imported by then.

Shared by ``coachjournal --smoke-test`` and the bare-window baseline of the benchmarks, so both
read the clock the same way. It imports nothing but Qt and the standard library, so the
baseline stays a bare PySide6 program.

Under Python's import timer (``python -X importtime``), which reports each import on standard
error as it completes, the first paint also writes :data:`MARKER` there: the imports above the
marker are the ones the first screen paid for. :func:`imports_before_first_paint` reads them
back, for the benchmark's breakdown and for the test that keeps heavy modules out of start-up.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from coachjournal.diagnostics import seconds_since_process_start

#: Written on standard error at the first paint when the import timer is on.
MARKER = "first paint: the imports above were made before it"

_IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)\s*$")


@dataclasses.dataclass(frozen=True, slots=True)
class Import:
    """One module from the import timer: its own time and with what it imported (µs)."""

    module: str
    self_us: int
    cumulative_us: int
    depth: int


def imports_before_first_paint(stderr: str) -> list[Import]:
    """The imports that ``python -X importtime`` reported before :data:`MARKER`, in order.

    Raises ValueError when the marker is missing (the window never painted, or the program ran
    without the import timer), so a check never passes on an empty list.
    """
    lines = stderr.splitlines()
    if MARKER not in lines:
        raise ValueError("no first-paint marker in the output (was -X importtime given?)")
    found = []
    for line in lines[: lines.index(MARKER)]:
        match = _IMPORT_LINE.match(line)
        if match is not None:
            depth = (len(match[3]) - 1) // 2
            found.append(Import(match[4], int(match[1]), int(match[2]), depth))
    return found


@dataclasses.dataclass(frozen=True, slots=True)
class PaintTime:
    """When the first paint happened: seconds since the process started, and the processor
    time the process had used by then (its threads', user and system). On a machine busy with
    other work the first grows and the second hardly moves."""

    seconds: float
    cpu_seconds: float

    def describe(self) -> str:
        return f"first paint {self.seconds:.3f} s after start ({self.cpu_seconds:.3f} s of CPU)"


class _FirstPaint(QObject):
    """Quits the event loop at the window's first paint and remembers when it happened."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.time: PaintTime | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.time is None:
            used = os.times()
            self.time = PaintTime(seconds_since_process_start(), used.user + used.system)
            if "importtime" in sys._xoptions:
                print(MARKER, file=sys.stderr, flush=True)
            QTimer.singleShot(0, self.app.quit)
        return False


def show_until_first_paint(app: QApplication, window: QWidget, timeout_ms: int) -> PaintTime | None:
    """Show ``window``, run the event loop until it paints; when it painted, or None if it did
    not paint within ``timeout_ms``."""
    first_paint = _FirstPaint(app)
    window.installEventFilter(first_paint)
    window.show()
    QTimer.singleShot(timeout_ms, app.quit)
    app.exec()
    window.removeEventFilter(first_paint)
    return first_paint.time
