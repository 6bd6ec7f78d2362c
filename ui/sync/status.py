"""The status line's sync part: one short sentence in the status bar ("Synced 2 min ago",
"3 changes waiting", "2 conflicts to review", "Sync paused", "Sync folder unreachable: …"),
nothing when sync is not set up. It is a flat button: a click (or Space on it) opens the
details, or the Conflicts list when there are conflicts to review.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QPushButton

from ui.icons import icon


class Status(Protocol):
    """What the status line reads (:class:`coachjournal.sync.service.SyncStatus`)."""

    @property
    def enabled(self) -> bool: ...
    @property
    def paused(self) -> bool: ...
    @property
    def folder(self) -> Path | None: ...
    @property
    def last_synced(self) -> dt.datetime | None: ...
    @property
    def waiting(self) -> int: ...
    @property
    def conflicts(self) -> int: ...
    @property
    def problem(self) -> str | None: ...


@dataclass(frozen=True)
class Line:
    """The status line's words, and what a click on it opens."""

    text: str
    conflicts: bool = False
    trouble: bool = False


def ago(then: dt.datetime, now: dt.datetime) -> str:
    """ "just now", "2 min ago", "3 h ago", "yesterday", "4 days ago"."""
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 86400:
        return f"{seconds // 3600} h ago"
    days = seconds // 86400
    return "yesterday" if days == 1 else f"{days} days ago"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def status_line(status: Status, now: dt.datetime, *, running: bool = False) -> Line | None:
    """The status line for ``status`` at ``now``; None when sync is not set up. A problem
    comes first, then a pause, then conflicts, then what waits, then when it last synced."""
    if not status.enabled:
        return None
    if status.problem:
        return Line(status.problem, trouble=True)
    if status.paused:
        return Line("Sync paused")
    if status.conflicts:
        return Line(_plural(status.conflicts, "conflict", "conflicts") + " to review", True)
    if running:
        return Line("Syncing…")
    if status.waiting:
        return Line(_plural(status.waiting, "change", "changes") + " waiting")
    if status.last_synced is None:
        return Line("Not synced yet")
    return Line(f"Synced {ago(status.last_synced, now)}")


#: The status line's widest text, in pixels (a longer problem sentence is cut with "…").
WIDEST = 440


#: The status line's widest text, in pixels (a longer problem sentence is cut with "…").
WIDEST = 440


class StatusButton(QPushButton):
    """The status bar's permanent sync widget; ``opened`` when clicked (``conflicts``: the
    line is about conflicts, so the Conflicts list is what to show)."""

    opened = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("syncStatus")
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.line: Line | None = None
        self.clicked.connect(self._clicked)
        self.hide()

    @Slot()
    def _clicked(self) -> None:
        self.opened.emit(self.line is not None and self.line.conflicts)

    def show_line(self, line: Line | None) -> None:
        self.line = line
        if line is None:
            self.hide()
            return
        # A problem is a whole sentence: the line shows its start, the tooltip all of it.
        self.setText(self.fontMetrics().elidedText(line.text, Qt.TextElideMode.ElideRight, WIDEST))
        self.setIcon(icon("alert" if line.trouble or line.conflicts else "sync"))
        self.setAccessibleName(f"Sync: {line.text}")
        if line.conflicts:
            self.setToolTip("Review the conflicts")
        elif line.trouble:
            self.setToolTip(f"{line.text}\nClick for the details.")
        else:
            self.setToolTip("Sync details and Sync Now")
        self.show()
