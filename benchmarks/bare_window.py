"""The floor for start-up on this stack: a bare PySide6 program that shows an empty QMainWindow.

``benchmarks/run.py`` compares ``coachjournal --smoke-test`` with this script. Both read the
clock the same way (:func:`ui.first_paint.show_until_first_paint`) and report memory the same
way, so the ratio between them is what the app adds to Python + Qt, and nothing else. The only
imports beyond PySide6 are ``ui.first_paint`` and ``coachjournal.diagnostics``, which use Qt and
the standard library alone.

Prints one line: ``bare window: first paint 0.140 s after start (0.120 s of CPU), peak memory
47 MB``.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMainWindow

from coachjournal.diagnostics import peak_rss_mb
from ui.first_paint import show_until_first_paint

#: Give up (and fail) if the window has not painted after this long.
TIMEOUT_MS = 20_000


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1180, 760)
    painted = show_until_first_paint(app, window, TIMEOUT_MS)
    if painted is None:
        print("bare window: the window was never painted", file=sys.stderr)
        return 1
    print(f"bare window: {painted.describe()}, peak memory {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
