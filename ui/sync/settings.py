"""The Sync group of Settings ▸ Privacy & Backups: pause sync, show the sync folder, leave sync.

These belong to the journal, not to this computer's preferences, so each takes effect at once
(as the cadence page does), not when Settings is closed with OK.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout

from coachjournal.errors import CoachJournalError
from ui import dialogs
from ui.session import JournalSession
from ui.sync.status import Status
from ui.widgets.basic import label
from ui.widgets.fields import error_label

NOT_SET_UP = (
    "Sync is not set up. To keep this journal the same on your other computers, choose "
    "File ▸ Set Up Sync…"
)


def open_folder(folder: Path) -> None:
    """Show ``folder`` in the system's file manager (tests replace this function)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class SyncSettings(QGroupBox):
    def __init__(self, session: JournalSession) -> None:
        super().__init__("On this computer")
        self.session = session
        self.folder: Path | None = None
        self.about = label("", "mutedLabel", wrap=True)
        self.paused = QCheckBox("Pause sync on this computer")
        self.paused.setAccessibleName("Pause sync on this computer")
        self.paused.toggled.connect(self._pause)
        self.show_button = QPushButton("Show Sync Folder")
        self.show_button.clicked.connect(self.show_folder)
        self.leave_button = QPushButton("Leave Sync…")
        self.leave_button.setToolTip("Stop syncing this computer; the journal stays as it is")
        self.leave_button.clicked.connect(self.leave)
        self.error = error_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.leave_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.paused)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        session.sync_changed.connect(self.read)
        self.read()

    @Slot()
    def read(self) -> None:
        status: Status | None = None if self.session.is_sample else self.session.sync_status()
        enabled = status is not None and status.enabled
        paused = status is not None and status.enabled and status.paused
        self.folder = status.folder if status is not None and status.enabled else None
        self.about.setText(f"This journal syncs through {self.folder}." if enabled else NOT_SET_UP)
        for widget in (self.paused, self.show_button, self.leave_button):
            widget.setVisible(enabled)
        self.paused.blockSignals(True)
        self.paused.setChecked(paused)
        self.paused.blockSignals(False)

    @Slot(bool)
    def _pause(self, paused: bool) -> None:
        try:
            self.session.pause_sync(paused)
        except CoachJournalError as error:
            self.error.setText(str(error))
            self.error.show()

    @Slot()
    def show_folder(self) -> None:
        if self.folder is not None:
            open_folder(self.folder)

    @Slot()
    def leave(self) -> None:
        if not dialogs.confirm(
            self,
            "Leave Sync",
            "Stop syncing this computer?",
            "Your journal stays here as it is, with every note. Changes made from now on stay "
            "on this computer, and the other computers stop receiving them.",
            "Leave Sync",
        ):
            return
        try:
            self.session.leave_sync()
        except CoachJournalError as error:
            self.error.setText(str(error))
            self.error.show()
