"""The app's backups: File ▸ Back Up Now, the daily backup at start, the backup on quit, and
File ▸ Restore from Backup.

A backup reads the journal through a connection of its own on a pool thread (SQLite's WAL lets
it copy one consistent snapshot while the window goes on reading and writing), so neither Back
Up Now nor the start-up backup ever holds up the window. The result is a status-bar line, never
a pop-up: a backup is routine, and a failure says what to do in one sentence. The backup on
quit runs after the window has closed, and only when the journal changed since the newest
backup, so quitting stays instant on a day without edits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from coachjournal.errors import CoachJournalError
from coachjournal.safety import backup
from ui import dialogs
from ui.icons import icon
from ui.session import JournalSession
from ui.tasks import Tasks

log = logging.getLogger(__name__)


class BackupController(QObject):
    """Backs the session's journal up and restores it, reporting through :attr:`status`."""

    #: A sentence for the status bar.
    status = Signal(str)
    #: A backup was written (its file).
    backup_made = Signal(object)

    def __init__(
        self, session: JournalSession, parent: QWidget, flush: Callable[[], object]
    ) -> None:
        """``flush`` writes the edits still pending in the window (before a restore)."""
        super().__init__(parent)
        self.session = session
        self._window = parent
        self._flush = flush
        self._tasks = Tasks(self)
        self.back_up_action = QAction(icon("export"), "Back &Up Now", self)
        self.back_up_action.setToolTip("Copy the journal into the backup folder now")
        self.back_up_action.triggered.connect(self.back_up_now)
        self.restore_action = QAction(icon("restore"), "&Restore from Backup…", self)
        self.restore_action.setToolTip("Replace the journal by one of its backups")
        self.restore_action.triggered.connect(self.restore)
        session.journal_opened.connect(self._update_actions)
        self._update_actions()

    def file_actions(self) -> list[QAction]:
        """Back Up Now and Restore from Backup, for the File menu."""
        return [self.back_up_action, self.restore_action]

    @Slot()
    def _update_actions(self) -> None:
        own = not self.session.is_sample
        self.back_up_action.setEnabled(own)
        self.restore_action.setEnabled(own)

    @property
    def busy(self) -> bool:
        return self._tasks.busy

    def _can_back_up(self) -> bool:
        """False for the sample team or while the window is locked (the key is dropped then)."""
        return not (self.session.is_sample or self.session.locked)

    @Slot()
    def back_up_now(self) -> None:
        """File ▸ Back Up Now: a backup into the backup folder, rotated."""
        if not self._can_back_up():
            self.status.emit("The sample team is not backed up; it is only an example.")
            return
        if self.busy:
            self.status.emit("A backup is already being made…")
            return
        work = self.session.backup_work(automatic=False)
        self.status.emit("Backing up…")
        self._tasks.start(work, self._made, self._failed)

    @Slot()
    def back_up_at_start(self) -> None:
        """The day's first backup, when none was made today (cheap otherwise: one folder read)."""
        if not self._can_back_up() or self.busy:
            return
        self._tasks.start(self.session.backup_work(automatic=True), self._made, self._failed)

    @Slot(object)
    def _made(self, target: object) -> None:
        if not isinstance(target, Path):
            return  # nothing was due
        self.backup_made.emit(target)
        self.status.emit(f"Backed up to {target.name}")

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.status.emit(f"No backup was made: {message}")

    @Slot()
    def restore(self) -> None:
        """File ▸ Restore from Backup…: choose a backup, confirm, replace the journal."""
        from ui.backup.restore_dialog import RestoreDialog  # built on first use

        if not self._can_back_up():
            self.status.emit("The sample team has no backups; go back to your journal first.")
            return
        backups, folder = self.session.list_backups()
        dialog = RestoreDialog(backups, folder, self._window)
        if not dialog.exec() or dialog.chosen is None:
            return
        chosen = dialog.chosen
        if not dialogs.confirm(
            self._window,
            "Restore from backup",
            f"Replace your journal with the backup {chosen.name}?",
            "Everything written since that backup is replaced. Your journal as it is now is "
            "kept as a copy beside it, so you can go back.",
            "Restore",
        ):
            return
        self._flush()
        try:
            safety = self.session.restore_backup(chosen)
        except CoachJournalError as error:
            dialogs.show_error(self._window, "Restore from backup", str(error))
            return
        kept = f"; your journal as it was is kept as {safety.name}" if safety else ""
        self.status.emit(f"Restored the backup {chosen.name}{kept}")


def back_up_on_quit(journal: Path, passphrase: str | None) -> Path | None:
    """After the window closed: a backup when the journal changed since the newest one.
    A failure is logged (the user has left); the daily backup at start tries again."""
    try:
        return backup.automatic_backup(journal, passphrase, on_quit=True)
    except CoachJournalError as error:
        log.warning("No backup on quit: %s", error)
        return None
