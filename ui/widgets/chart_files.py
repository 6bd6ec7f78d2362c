"""Saving a chart: its file name and the file dialog, as a function that tests replace (like
ui/dialogs.py). Shared by the charts page and the results tab."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

#: What a chart can be saved as, in the dialog's words; the first is the default.
CHART_FILTERS = "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"


def file_name(title: str, today: dt.date) -> str:
    """'touchpoints-over-time-whole-team-2026-11-26.png': a name that sorts and says what."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    return f"{slug}-{today.isoformat()}.png"


def ask_chart_path(parent: QWidget, title: str, default_name: str, filters: str) -> Path | None:
    """Ask where to save a chart, in one of the types of ``filters``; None when the user
    cancels. (:func:`ui.dialogs.ask_save_path` asks for any file, from where it is told.)

    Starts in the user's documents folder. A name typed without a suffix gets the one of the
    type chosen in the dialog, so "team chart" saves as "team chart.pdf" when PDF was chosen.
    """
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    start = str(Path(folder) / default_name) if folder else default_name
    chosen, selected_filter = QFileDialog.getSaveFileName(parent, title, start, filters)
    if not chosen:
        return None
    path = Path(chosen)
    suffix = re.search(r"\*(\.\w+)", selected_filter)
    if not path.suffix and suffix:
        path = path.with_suffix(suffix.group(1))
    return path
