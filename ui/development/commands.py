"""Undo and redo for the development screens: reordering, status changes, deleting.

Each change is made *before* its command goes on the stack: a change the core refuses raises
its :class:`ValidationError` where the user acted (and shows beside the field), and never
reaches the stack. ``QUndoStack.push`` calls ``redo`` once at once; that first call is skipped,
since the change is already made. Every later undo or redo writes through the session again.

An undo or redo can fail when the journal changed under it (the trait it would restore an
evidence link to was deleted meanwhile, say). The command then reports a sentence through
:attr:`UndoHistory.failed` and is dropped from the stack, rather than raising out of Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from coachjournal.errors import CoachJournalError

T = TypeVar("T")


class _Command(QUndoCommand):
    def __init__(self, text: str, report: Callable[[str], None]) -> None:
        super().__init__(text)
        self._fresh = True
        self._report = report

    def _guarded(self, step: Callable[[], object], what: str) -> None:
        try:
            step()
        except (CoachJournalError, LookupError) as error:
            self.setObsolete(True)
            self._report(f"Could not {what} “{self.text()}”: {error}")


class _Change(_Command):
    def __init__(
        self,
        text: str,
        do: Callable[[], object],
        undo: Callable[[], object],
        report: Callable[[str], None],
    ) -> None:
        super().__init__(text, report)
        self._do, self._undo = do, undo

    def redo(self) -> None:
        if self._fresh:
            self._fresh = False
            return
        self._guarded(self._do, "redo")

    def undo(self) -> None:
        self._guarded(self._undo, "undo")


class _Deletion(_Command):
    """Deletes and restores from the snapshot the latest delete returned."""

    def __init__(
        self,
        text: str,
        delete: Callable[[], Any],
        restore: Callable[[Any], object],
        snapshot: Any,
        report: Callable[[str], None],
    ) -> None:
        super().__init__(text, report)
        self._delete, self._restore, self._snapshot = delete, restore, snapshot

    def redo(self) -> None:
        if self._fresh:
            self._fresh = False
            return

        def delete() -> None:
            self._snapshot = self._delete()

        self._guarded(delete, "redo")

    def undo(self) -> None:
        self._guarded(lambda: self._restore(self._snapshot), "undo")


class UndoHistory(QObject):
    """One undo stack (a manager's Development tab has one) and the two kinds of command."""

    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)

    def change(self, text: str, do: Callable[[], T], undo: Callable[[], object]) -> T:
        """Make a change (``do``), then record it; returns what ``do`` returned."""
        result = do()
        self.stack.push(_Change(text, do, undo, self.failed.emit))
        return result

    def delete(self, text: str, delete: Callable[[], T], restore: Callable[[T], object]) -> T:
        """Delete (``delete`` returns a snapshot), then record how to restore it."""
        snapshot = delete()
        self.stack.push(_Deletion(text, delete, restore, snapshot, self.failed.emit))
        return snapshot

    def clear(self) -> None:
        self.stack.clear()
