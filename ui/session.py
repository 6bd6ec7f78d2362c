"""The one adapter between the widgets and the core's services.

Every write goes through a :class:`JournalSession` method, which calls the core and then emits a
typed, past-tense signal, so screens refresh without knowing about each other. Writes happen on
the GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from coachjournal import db, paths, roster, sample
from coachjournal.roster import ManagerRecord


class JournalSession(QObject):
    """The open journal: which file, whether it is the sample team, and its write operations."""

    journal_opened = Signal()
    manager_added = Signal(int)
    manager_changed = Signal(int)
    manager_removed = Signal(int)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._home = path
        self.path = path
        db.open_journal(path)

    @property
    def is_sample(self) -> bool:
        return self.path == paths.sample_journal_path() and self.path != self._home

    def open(self, path: Path, prepare: Callable[[], object] | None = None) -> None:
        """Switch to another journal file (the user's own or the sample team).

        ``prepare`` runs once the current journal is closed (to write a new file, say). If
        anything fails, the current journal is opened again and the error goes to the caller.
        """
        db.close_journal()
        try:
            if prepare is not None:
                prepare()
            db.open_journal(path)
        except Exception:
            db.open_journal(self.path)
            raise
        self.path = path
        self.journal_opened.emit()

    def open_sample(self) -> None:
        """Open the sample team, writing it first if it does not exist yet."""
        path = paths.sample_journal_path()
        if db.is_journal(path):
            self.open(path)
        else:
            self.open(path, lambda: sample.create_sample_journal(path, force=True))

    def open_home(self) -> None:
        """Go back from the sample team to the user's own journal."""
        self.open(self._home)

    def close(self) -> None:
        db.close_journal()

    def add_manager(self, name: str) -> ManagerRecord:
        record = roster.create_manager(name)
        self.manager_added.emit(record.id)
        return record

    def update_manager(self, manager_id: int, **changes: Any) -> ManagerRecord:
        record = roster.update_manager(manager_id, **changes)
        self.manager_changed.emit(manager_id)
        return record

    def set_archived(self, manager_id: int, archived: bool) -> ManagerRecord:
        record = roster.set_archived(manager_id, archived)
        self.manager_changed.emit(manager_id)
        return record

    def delete_manager(self, manager_id: int) -> None:
        roster.delete_manager(manager_id)
        self.manager_removed.emit(manager_id)
