"""The Development tab's changes, named in the app-wide undo history.

Every write is a step of the session's history (:mod:`coachjournal.storage.undo` records the
rows it changed), so Edit ▸ Undo takes back a reordering, a status change or a deletion made
here like any other change. What this adds is the tab's own words for a step ("Undo rank the
motivators", "Undo delete “Forecasting”"), and several writes of one gesture kept as one step.
A change the core refuses raises its :class:`ValidationError` where the user acted and records
nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ui.session import JournalSession

T = TypeVar("T")


class UndoHistory:
    """Makes the tab's changes through the session, each one step named for the Edit menu."""

    def __init__(self, session: JournalSession) -> None:
        self.session = session

    def change(self, text: str, do: Callable[[], T]) -> T:
        """Make a change (``do``) as one step called ``text``; returns what ``do`` returned."""
        with self.session.undo_step(text):
            return do()
