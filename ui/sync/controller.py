"""When sync runs, and the File menu's sync entries.

A round runs after the first paint (never before: start-up does not wait for a cloud folder),
a few seconds after the last save, every few minutes while the window is open, on Sync Now,
and once more on quit (for a bounded time). It never runs while the window is locked, while
sync is paused, or while another round is running. A round is two halves: reading and
decrypting the folder on a worker thread (a slow cloud folder never freezes the window), then
writing on the GUI thread through the session, which tells the open screens what changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox

from coachjournal.errors import CoachJournalError
from ui import dates, dialogs
from ui.icons import icon
from ui.session import JournalSession
from ui.sync.conflicts import ConflictsDialog
from ui.sync.setup import JoinDialog, SetUpDialog
from ui.sync.status import Line, Status, StatusButton, status_line
from ui.tasks import Tasks

if TYPE_CHECKING:
    from coachjournal.sync.service import Incoming

#: A round this long after the last save (more saves in between push it back).
AFTER_SAVE_MS = 5_000
#: A round this often while the window is open: reading the folder costs a millisecond, and
#: what the other computer wrote shows within a minute.
EVERY_MS = 60_000
#: The status line's "2 min ago" is read again this often.
TICK_MS = 30_000
#: How long quitting waits at most for the last round.
QUIT_WAIT_MS = 10_000


class SyncController(QObject):
    """Sync for one main window: ``locked`` says whether its lock screen is up, ``flush``
    writes what its editors hold (before the journal closes for a join)."""

    #: A round ended: its report (None when it failed; the status line says why).
    round_finished = Signal(object)

    def __init__(
        self,
        window: QMainWindow,
        session: JournalSession,
        locked: Callable[[], bool],
        flush: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self._flush = flush
        self.window = window
        self.session = session
        self._locked = locked
        self._was_paused = False
        self._tasks = Tasks(self)
        #: Why the last round could not read the folder (cleared by the next that could).
        self.problem: str | None = None
        self.line: Line | None = None

        self.setup_action = QAction(icon("sync"), "Set Up S&ync…", self)
        self.setup_action.setToolTip("Keep this journal the same on your other computers")
        self.setup_action.triggered.connect(self.set_up)
        self.join_action = QAction("&Join a Synced Journal…", self)
        self.join_action.setToolTip("Bring here a journal you sync from another computer")
        self.join_action.triggered.connect(self.join)
        self.sync_now_action = QAction(icon("sync"), "Sync &Now", self)
        self.sync_now_action.triggered.connect(self.run_round)
        self.conflicts_action = QAction("Review Sync &Conflicts…", self)
        self.conflicts_action.triggered.connect(self.show_conflicts)

        self.button = StatusButton()
        self.button.opened.connect(self._open_from_status)
        window.statusBar().addPermanentWidget(self.button)

        self.after_save = QTimer(self)
        self.after_save.setSingleShot(True)
        self.after_save.setInterval(AFTER_SAVE_MS)
        self.after_save.timeout.connect(self.run_round)
        self.every = QTimer(self)
        self.every.setInterval(EVERY_MS)
        self.every.timeout.connect(self.run_round)
        self.tick = QTimer(self)
        self.tick.setInterval(TICK_MS)
        self.tick.timeout.connect(self.refresh)
        self._applying = False

        session.undo_changed.connect(self._saved)
        session.sync_changed.connect(self.refresh)
        session.journal_opened.connect(self._journal_opened)
        session.locked_changed.connect(self._lock_changed)

    def file_actions(self) -> list[QAction]:
        """The File menu's sync entries, in order."""
        return [self.setup_action, self.join_action, self.sync_now_action, self.conflicts_action]

    # --- State ------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._tasks.busy

    def _status(self) -> Status | None:
        """The journal's sync status, or None while locked or on the sample team."""
        if self._locked() or self.session.locked or self.session.is_sample:
            return None
        status: Status | None = self.session.sync_status()
        return status

    @Slot()
    def refresh(self) -> None:
        """Read the status again: the status line, and which entries the menu offers."""
        status = self._status()
        enabled = status is not None and status.enabled
        line = None
        if status is not None:
            line = status_line(status, dt.datetime.now(dt.UTC), running=self.running)
            if line is not None and self.problem and not status.paused:
                line = Line(self.problem, trouble=True)
        self.line = line
        self.button.show_line(line)
        paused = status is not None and status.paused
        if self._was_paused and not paused and enabled:  # resumed: what waited goes now
            QTimer.singleShot(0, self.run_round)
        self._was_paused = paused
        usable = not self._locked() and not self.session.is_sample
        self.setup_action.setVisible(not enabled)
        self.setup_action.setEnabled(usable and not self.running)
        self.join_action.setEnabled(not self._locked() and not self.running)
        self.sync_now_action.setVisible(enabled)
        self.sync_now_action.setEnabled(usable and not self.running)
        self.conflicts_action.setVisible(enabled)
        for timer in (self.every, self.tick):
            if not enabled:
                timer.stop()
            elif not timer.isActive():
                timer.start()

    def may_run(self) -> bool:
        """Whether a round may start now: set up, not paused, not locked, none running."""
        if self.running:
            return False
        status = self._status()
        return status is not None and status.enabled and not status.paused

    # --- Rounds ------------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """After the first paint: show the status and run the first round."""
        self.refresh()
        self.run_round()

    @Slot()
    def _saved(self) -> None:
        if not self._applying:
            self.after_save.start()
            self.refresh()

    @Slot()
    def run_round(self) -> bool:
        """Start a round if one may run; whether it started."""
        self.after_save.stop()
        if not self.may_run():
            return False
        try:
            config = self.session.sync_round_config()
        except CoachJournalError as error:
            self._failed(str(error))
            return False
        journal = self.session.path
        self._tasks.start(
            lambda: self.session.read_sync_folder(config),
            lambda incoming: self._finish(journal, incoming),
            self._failed,
            unexpected="Something unexpected went wrong while reading the sync folder.",
        )
        self.refresh()
        return True

    def _finish(self, journal: Path, incoming: Incoming) -> None:
        """Apply what was read, unless the window locked or another journal opened meanwhile
        (then nothing is written: the next round reads the folder again)."""
        if self._locked() or self.session.locked or self.session.path != journal:
            self.refresh()
            self.round_finished.emit(None)
            return
        self._applying = True
        try:
            report = self.session.finish_sync_round(incoming)
        except CoachJournalError as error:
            self._failed(str(error))
            return
        finally:
            self._applying = False
        self.problem = None
        self.refresh()
        self.round_finished.emit(report)

    def _failed(self, message: str) -> None:
        self.problem = message
        self.refresh()
        self.round_finished.emit(None)

    def finish_on_quit(self, wait_ms: int = QUIT_WAIT_MS) -> None:
        """Run a last round, waiting for it at most ``wait_ms`` in all (a round already
        running is waited for first, then one more sends what was saved since it began). A
        round not done by then is dropped: nothing is lost, the next start sends it."""
        deadline = QDeadlineTimer(wait_ms)
        if self.running:
            self._wait(deadline)
        if not deadline.hasExpired() and self.run_round():
            self._wait(deadline)

    def _wait(self, deadline: QDeadlineTimer) -> None:
        """Wait for the running round to finish, or for ``deadline``."""
        loop = QEventLoop()
        self.round_finished.connect(loop.quit)
        QTimer.singleShot(max(0, deadline.remainingTime()), loop.quit)
        if self.running:
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        self.round_finished.disconnect(loop.quit)

    @Slot()
    def _journal_opened(self) -> None:
        self.problem = None
        self.refresh()
        self.run_round()

    @Slot(bool)
    def _lock_changed(self, locked: bool) -> None:
        self.refresh()
        if not locked:
            self.after_save.start()

    # --- The dialogs -------------------------------------------------------------------------

    @Slot()
    def set_up(self) -> None:
        dialog = SetUpDialog(self.session.sync_set_up_work, Path.home(), self.window)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted.value
        dialog.deleteLater()
        if accepted:
            self.session.sync_changed.emit()
            self.window.statusBar().showMessage(
                "Sync is set up. On your other computer, choose File ▸ Join a Synced Journal…",
                15000,
            )

    @Slot()
    def join(self) -> None:
        self._flush()
        dialog = JoinDialog(
            self.session.join_sync_work,
            Path.home(),
            self.window,
            failed=lambda: self.session.after_join(None),
            protected=self.session.protected,
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted.value
        joined = dialog.joined
        dialog.deleteLater()
        if not accepted or joined is None:
            return
        try:
            self.session.after_join(joined)
        except CoachJournalError as error:
            dialogs.show_error(self.window, "Join a Synced Journal", str(error))
            return
        self.window.statusBar().showMessage(f"Joined the synced journal: {joined}", 15000)

    @Slot()
    def show_conflicts(self) -> ConflictsDialog:
        dialog = ConflictsDialog(
            self.session.sync_conflicts, self.session.resolve_sync_conflict, self.window
        )
        dialog.setModal(True)
        dialog.show()
        dialog.finished.connect(dialog.deleteLater)
        return dialog

    @Slot(bool)
    def _open_from_status(self, conflicts: bool) -> None:
        if conflicts:
            self.show_conflicts()
        else:
            self.show_details()

    def details(self) -> str:
        """The details behind the status line, in plain sentences."""
        status = self._status()
        if status is None:
            return ""
        last = status.last_synced
        when = (
            "not yet"
            if last is None
            else f"{dates.date_text(last.astimezone().date())} at {last.astimezone():%H:%M}"
        )
        lines = [
            f"This journal syncs through {status.folder}.",
            "",
            f"Last synced: {when}",
            f"Changes waiting to be sent: {status.waiting or 'none'}",
            f"Conflicts to review: {status.conflicts or 'none'}",
        ]
        problem = self.problem or status.problem
        if problem:
            lines += ["", problem]
        if status.paused:
            lines += ["", "Sync is paused: resume it in Settings ▸ Sync."]
        return "\n".join(lines)

    @Slot()
    def show_details(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "Sync", self.details(), parent=self.window)
        sync_now = box.addButton("Sync Now", QMessageBox.ButtonRole.AcceptRole)
        sync_now.setEnabled(self.sync_now_action.isEnabled() and self.may_run())
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is sync_now:
            self.run_round()
