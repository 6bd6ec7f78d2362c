"""The File menu's Export and Import submenus.

Exports ask where to write (a file, or a folder the export's own folder goes into), run in a
worker (the whole journal as JSON is large and long work on a big journal) under a progress
dialog that keeps the window from switching journals meanwhile, and end with the
path in the status bar and a "Show in Folder" button. Imports ask for a file and open their
preview dialog. The core modules are imported when an action runs, not at start-up.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMainWindow, QMenu, QProgressDialog, QPushButton

from ui import dialogs
from ui.exchange.base import ExchangeDialog, plural, unused_path
from ui.icons import icon
from ui.session import JournalSession
from ui.tasks import Tasks

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

#: How long the export's confirmation stays in the status bar.
CONFIRMATION_MS = 20_000


@dataclasses.dataclass(frozen=True, slots=True)
class ExportKind:
    """One export of the Export submenu."""

    menu_text: str
    title: str
    #: The file name (or, for a folder export, the new folder's name) suggested, without date.
    name: str
    #: A file filter for a file export; None for a folder export.
    file_filter: str | None
    busy: str
    #: Runs in the worker: writes the export at the path and returns the confirmation.
    run: Callable[[Path], str]


def _size(count: int) -> str:
    return f"{count / 2**20:.0f} MB" if count >= 2**20 else f"{max(1, count // 1024)} KB"


def _json(path: Path) -> str:
    from coachjournal.exchange import json_format

    summary = json_format.export_json(path, force=True)
    return f"Exported the journal to {path.name} ({_size(summary.bytes)})."


def _markdown(folder: Path) -> str:
    from coachjournal.exchange import markdown_export

    summary = markdown_export.export_markdown(folder)
    return f"Exported {plural(summary.files, 'manager')} as Markdown files to “{folder.name}”."


def _csv(folder: Path) -> str:
    from coachjournal.exchange import csv_export

    summary = csv_export.export_csv(folder)
    rows = plural(summary.rows.get(csv_export.TOUCHPOINTS, 0), "touchpoint")
    return f"Exported {rows}, action items and assignments as CSV files to “{folder.name}”."


def _due(path: Path) -> str:
    from coachjournal.exchange import ics

    summary = ics.export_due_ics(path, force=True)
    if not summary.events:
        return f"No active manager has a one-on-one cadence, so {path.name} holds no events."
    events = plural(summary.events, "due one-on-one")
    return f"Exported {events} to {path.name}: open it with your calendar to add them."


EXPORTS = (
    ExportKind(
        "Journal as &JSON…",
        "Export the Whole Journal as JSON",
        "CoachJournal export",
        "CoachJournal export (*.json)",
        "Exporting the whole journal…",
        _json,
    ),
    ExportKind(
        "&Markdown Folder…",
        "Choose Where to Put the Markdown Folder",
        "CoachJournal Markdown",
        None,
        "Writing a Markdown file per manager…",
        _markdown,
    ),
    ExportKind(
        "&CSV Files…",
        "Choose Where to Put the CSV Folder",
        "CoachJournal CSV",
        None,
        "Writing touchpoints, action items and assignments as CSV…",
        _csv,
    ),
    ExportKind(
        "Due One-on-Ones as &Calendar (.ics)…",
        "Export the Due One-on-Ones as a Calendar",
        "Due one-on-ones",
        "Calendar (*.ics)",
        "Writing the due one-on-ones…",
        _due,
    ),
)


def _open_dialog(dialog: ExchangeDialog) -> None:
    """Show an import dialog (window-modal, not blocking); tests replace this to drive it."""
    dialog.open()


class ExchangeActions(QObject):
    """Builds the Export and Import submenus of ``file_menu`` and carries out their actions."""

    #: An export was written (the sentence shown in the status bar).
    exported = Signal(str)
    #: An export failed (the sentence shown to the user).
    export_failed = Signal(str)

    def __init__(
        self,
        window: QMainWindow,
        session: JournalSession,
        settings: QSettings,
        file_menu: QMenu,
        before: QAction,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.settings = settings
        self.tasks = Tasks(self)
        self.progress: QProgressDialog | None = None
        #: The import dialog on screen (kept so that its workers outlive no owner).
        self.dialog: ExchangeDialog | None = None
        self._shown_folder: Path | None = None

        self.export_menu = QMenu("&Export", window)
        self.export_menu.setIcon(icon("export"))
        self.export_actions: list[QAction] = []
        for kind in EXPORTS:
            action = self.export_menu.addAction(kind.menu_text)
            action.triggered.connect(lambda _=False, kind=kind: self.export(kind))
            self.export_actions.append(action)
        self.import_menu = QMenu("&Import", window)
        self.import_menu.setIcon(icon("open"))
        self.restore_action = self.import_menu.addAction("Journal from &JSON…")
        self.restore_action.triggered.connect(self.restore)
        self.calendar_action = self.import_menu.addAction("&Calendar (.ics)…")
        self.calendar_action.triggered.connect(self.import_calendar)
        self.roster_action = self.import_menu.addAction("&Roster (CSV)…")
        self.roster_action.triggered.connect(self.import_roster)
        file_menu.insertMenu(before, self.export_menu)
        file_menu.insertMenu(before, self.import_menu)
        file_menu.insertSeparator(before)

        self.show_folder_button = QPushButton(icon("open"), "Show in Folder")
        self.show_folder_button.setAccessibleName("Show the export in its folder")
        self.show_folder_button.setFlat(True)
        self.show_folder_button.clicked.connect(self.show_in_folder)
        self.show_folder_button.hide()
        status_bar = window.statusBar()
        status_bar.addPermanentWidget(self.show_folder_button)
        status_bar.messageChanged.connect(self._message_changed)

    # --- Exports ----------------------------------------------------------------------------

    def _ask_target(self, kind: ExportKind) -> Path | None:
        stamp = dt.date.today().isoformat()
        start = dialogs.start_folder(self.settings)
        if kind.file_filter is not None:
            suffix = kind.file_filter.rsplit("*", 1)[1].rstrip(")")
            suggested = start / f"{kind.name} {stamp}{suffix}"
            chosen = dialogs.ask_save_path(
                self.window, kind.title, str(suggested), kind.file_filter
            )
            if not chosen:
                return None
            target = Path(chosen)
            return target if target.suffix else target.with_suffix(suffix)
        folder = dialogs.choose_folder(self.window, kind.title, str(start))
        if not folder:
            return None
        return unused_path(Path(folder), f"{kind.name} {stamp}", "")

    @Slot()
    def export(self, kind: ExportKind) -> None:
        """Ask where, then write the export in a worker under a progress dialog."""
        if self.tasks.busy:
            return
        target = self._ask_target(kind)
        if target is None:
            return
        dialogs.remember_folder(target.parent, self.settings)
        self.progress = _busy(self.window, kind.title.removesuffix("…"), kind.busy)
        self._set_enabled(False)
        self.tasks.start(
            lambda: kind.run(target),
            lambda message: self._exported(str(message), target),
            self._export_failed,
        )

    def _end_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self._set_enabled(True)

    def _exported(self, message: str, target: Path) -> None:
        """The sentence names the file or folder; the button's tooltip has the whole path."""
        self._end_progress()
        self._shown_folder = target if target.is_dir() else target.parent
        self.show_folder_button.setToolTip(f"Open the folder that holds {target}")
        self.window.statusBar().showMessage(message, CONFIRMATION_MS)
        self.show_folder_button.show()
        self.exported.emit(message)

    @Slot(str)
    def _export_failed(self, message: str) -> None:
        self._end_progress()
        dialogs.show_error(self.window, "Export failed", message)
        self.export_failed.emit(message)

    @Slot(str)
    def _message_changed(self, message: str) -> None:
        if not message:
            self.show_folder_button.hide()

    @Slot()
    def show_in_folder(self) -> None:
        if self._shown_folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._shown_folder)))

    def _set_enabled(self, enabled: bool) -> None:
        self.export_menu.setEnabled(enabled)
        self.import_menu.setEnabled(enabled)

    # --- Imports ----------------------------------------------------------------------------

    def _ask_source(self, title: str, file_filter: str) -> Path | None:
        chosen = dialogs.ask_open_path(
            self.window, title, str(dialogs.start_folder(self.settings)), file_filter
        )
        if not chosen:
            return None
        dialogs.remember_folder(Path(chosen).parent, self.settings)
        return Path(chosen)

    def _open(self, dialog: ExchangeDialog) -> None:
        self.dialog = dialog
        dialog.finished_with.connect(
            lambda message: self.window.statusBar().showMessage(message, CONFIRMATION_MS)
        )
        _open_dialog(dialog)

    @Slot()
    def restore(self) -> None:
        from ui.exchange.restore import RestoreDialog

        path = self._ask_source(
            "Restore a Journal from an Export", "CoachJournal export (*.json);;All files (*)"
        )
        if path is not None:
            self._open(RestoreDialog(self.session, path, self.window))

    @Slot()
    def import_calendar(self) -> None:
        from ui.exchange.imports import CalendarImportDialog

        path = self._ask_source(
            "Import Touchpoints from a Calendar", "Calendar (*.ics *.ical);;All files (*)"
        )
        if path is not None:
            self._open(CalendarImportDialog(self.session, path, self.window))

    @Slot()
    def import_roster(self) -> None:
        from ui.exchange.imports import RosterImportDialog

        path = self._ask_source(
            "Import Managers from a Roster", "CSV file (*.csv *.txt);;All files (*)"
        )
        if path is not None:
            self._open(RosterImportDialog(self.session, path, self.window))


def _busy(parent: QWidget, title: str, text: str) -> QProgressDialog:
    """A window-modal progress dialog with no end and no Cancel: the work runs to its end."""
    progress = QProgressDialog(text, "", 0, 0, parent)
    progress.setWindowTitle(title)
    progress.setAccessibleName(title)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.setMinimumWidth(380)
    progress.show()
    return progress
