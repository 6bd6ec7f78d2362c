"""Entry point of ``coachjournal`` and ``python -m coachjournal``.

The command line lives in :mod:`coachjournal.cli.main`, which never imports Qt. This module is the
only one in the core allowed to start the GUI, and it imports it only when the GUI is asked for.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from coachjournal import paths
from coachjournal.cli import main as command_line

if TYPE_CHECKING:
    from coachjournal.coaching import prep


def _open_gui(options: command_line.GuiOptions) -> int:
    from ui.app import run

    exit_code: int = run(options)
    return exit_code


def _render_prep(sheet: prep.PrepSheet, chart: bytes | None, path: Path, full: bool) -> int:
    """Qt's PDF writer for ``coachjournal prep`` (no window: offscreen unless told otherwise)."""
    from ui.prep.document import write_pdf_without_window

    pages: int = write_pdf_without_window(sheet, path, chart, full)
    return pages


def main(argv: Sequence[str] | None = None) -> int:
    paths.keep_chart_cache_private()
    return command_line.main(argv, open_gui=_open_gui, render_prep=_render_prep)


if __name__ == "__main__":
    sys.exit(main())
