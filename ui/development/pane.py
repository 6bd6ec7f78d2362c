"""What the Development tab's detail panes (a trait, a motivator, an assignment) share.

Each pane shows one record, saves its fields as the user types and deletes it undoably; only
the record, its fields and the session calls differ. :class:`DetailPane` holds the rest once,
so the three panes save, report and delete the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from ui.development.commands import UndoHistory
from ui.session import JournalSession
from ui.widgets.fields import Autosave


class _Record(Protocol):
    @property
    def id(self) -> int: ...


R = TypeVar("R", bound=_Record)


class DetailPane(QWidget, Generic[R]):
    """One record of a kind; ``status`` carries confirmations for the status bar."""

    status = Signal(str)

    def __init__(
        self,
        session: JournalSession,
        history: UndoHistory,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.history = history
        self.record: R | None = None
        #: Filling the fields from the record: their change signals are not edits.
        self._loading = False
        self.errors: dict[str, QLabel] = {}
        self.autosave = Autosave(self, self._write, self.errors)
        self.autosave.saved.connect(lambda: self.status.emit("Saved"))
        self._build()

    def _build(self) -> None:
        """The pane's own widgets, made last in ``__init__``, once the shared state is set."""
        raise NotImplementedError

    def _edited(self, field: str, value: Any) -> None:
        if self._loading or self.record is None:
            return
        self.autosave.edited(field, value)

    def _write(self, changes: dict[str, Any]) -> None:
        """Save ``changes`` (field: value) to the shown record."""
        raise NotImplementedError

    def flush(self) -> None:
        self.autosave.flush()

    def _to_delete(self, record_id: int | None, fetch: Callable[[int], R]) -> R | None:
        """The record to delete (``record_id``, else the shown one, else None); the pane lets
        go of it first, so no pending edit is saved to a deleted record."""
        if record_id is None:
            if self.record is None:
                return None
            record_id = self.record.id
        record = fetch(record_id)
        if self.record is not None and self.record.id == record.id:
            self.autosave.discard()
            self.record = None
        return record

    def _delete_undoably(self, name: str, delete: Callable[[], object]) -> None:
        """Delete with no question asked: Ctrl+Z (Edit ▸ Undo) brings it back."""
        self.history.change(f"delete “{name}”", delete)
        self.status.emit(f"Deleted “{name}”. Ctrl+Z brings it back.")
