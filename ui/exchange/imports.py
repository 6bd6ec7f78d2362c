"""The import dialogs: touchpoints from a calendar, managers from a roster CSV.

Each reads and matches its file in a worker (a dry run: nothing is written), shows what will
be created, what is already in the journal and what cannot be imported and why, and writes
only when the user confirms, on the GUI thread, through the session (so every screen
refreshes). Importing the same file again creates nothing twice.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import dates
from ui.exchange.base import ExchangeDialog, already, plural
from ui.exchange.previews import (
    CALENDAR_HEADERS,
    ImportPreviewModel,
    Outcome,
    calendar_rows,
    column_mapping,
    roster_headers,
    roster_rows,
)
from ui.session import JournalSession
from ui.widgets.basic import label
from ui.widgets.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from collections.abc import Callable

    from coachjournal.exchange.ics import CalendarCounts, CalendarPlan
    from coachjournal.exchange.roster_import import RosterCounts, RosterPlan
    from coachjournal.typed_dates import Order


def _preview_table(model: ImportPreviewModel, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.setMinimumHeight(260)
    return table


def _fit_columns(table: QTableView) -> None:
    """Columns as wide as their text (at most 240 px each); the result column takes the rest,
    its longer sentences shown whole in the row's tooltip."""
    header = table.horizontalHeader()
    table.resizeColumnsToContents()
    for column in range(header.count() - 1):
        header.resizeSection(column, min(header.sectionSize(column), 240))
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)


class _Progress(QObject):
    """Carries the worker's progress to the GUI thread. Not a child of the dialog: the worker
    may report once more after the dialog is gone, and then nobody listens."""

    #: Events planned so far, and in all.
    changed = Signal(int, int)


class CalendarImportDialog(ExchangeDialog):
    """Backfill touchpoints from an .ics file, after a preview of what it will create.

    A large calendar takes a while to read: the bar shows how many of its events are matched,
    and Cancel stops the worker at the next event (the preview writes nothing)."""

    def __init__(self, session: JournalSession, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(session, path, "Import Touchpoints from a Calendar", parent)
        self.stop = threading.Event()
        self._progress = _Progress()
        self._progress.changed.connect(self.show_progress)
        self.plan: CalendarPlan | None = None
        self.model = ImportPreviewModel(CALENDAR_HEADERS)
        self.table = _preview_table(self.model, "Calendar events and what they become")
        self.hint = label(
            "Events are matched to managers by attendee e-mail, then by a name in the title. "
            "Importing this file again later creates nothing twice.",
            "mutedLabel",
            wrap=True,
        )
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        fit_to_screen(self, "calendarImport", QSize(960, 580))
        report = self._progress.changed.emit
        self.read(
            lambda: _calendar_preview(path, report, self.stop.is_set),
            "Reading the calendar and matching events…",
        )

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        if self.stop.is_set() or self.plan is not None:
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.message.setText(f"Matching {plural(total, 'event')} with the roster: {done:,} done…")

    def reject(self) -> None:
        self.stop.set()
        super().reject()

    def show_preview(self, result: object) -> None:
        from coachjournal.exchange.ics import CalendarPlan

        assert isinstance(result, CalendarPlan)
        self.plan = result
        self.model.set_rows(calendar_rows(result))
        _fit_columns(self.table)
        new, known = len(result.new), len(result.duplicates)
        skipped = sum(event.occurrences for event in result.skipped)
        parts = [f"{plural(new, 'touchpoint')} will be created"]
        if known:
            parts.append(already(known, "in the journal"))
        if skipped:
            parts.append(f"{plural(skipped, 'event')} cannot be imported (see why below)")
        events = plural(result.events, "event")
        self.set_summary(f"{result.source}: {events}. " + "; ".join(parts) + ".", warning=not new)
        self.offer(new, "Import", "Touchpoint")

    def confirm(self) -> None:
        def done(counts: CalendarCounts) -> str:
            also = f"; {counts.duplicates:,} already in the journal" if counts.duplicates else ""
            return f"Imported {plural(counts.created, 'touchpoint')} from {self.path.name}{also}."

        self.write_plan(self.plan, self.session.import_calendar, done)


def _calendar_preview(
    path: Path, progress: Callable[[int, int], object], cancelled: Callable[[], bool]
) -> CalendarPlan:
    from coachjournal.exchange import ics

    return ics.preview(path, progress=progress, cancelled=cancelled)


class RosterImportDialog(ExchangeDialog):
    """Add managers from a roster CSV, after a preview of the columns found and each row."""

    def __init__(self, session: JournalSession, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(session, path, "Import Managers from a Roster", parent)
        self.plan: RosterPlan | None = None
        self.model = ImportPreviewModel(("Row", "Result"))
        self.mapping = label("", wrap=True)
        self.mapping.setAccessibleName("Columns read from the file")
        self.table = _preview_table(self.model, "Roster rows and what they become")
        self.as_written = QCheckBox("Keep “Last, First” names as the file writes them")
        self.as_written.setToolTip(
            "The file writes some names family name first, with a comma: they are offered as "
            "“First Last”, the way the journal shows names."
        )
        self.as_written.hide()
        self.as_written.toggled.connect(self._names_toggled)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.mapping)
        layout.addWidget(self.as_written)
        layout.addWidget(self.table, 1)
        fit_to_screen(self, "rosterImport", QSize(900, 520))
        order = dates.order()  # the user's, read here: the preview runs in a worker
        self.read(lambda: _roster_preview(path, order), "Reading the roster…")

    def show_preview(self, result: object) -> None:
        from coachjournal.exchange.roster_import import RosterPlan

        assert isinstance(result, RosterPlan)
        self.plan = result
        self.model.headers = roster_headers(result)
        self.model.set_rows(roster_rows(result, names_as_written=self.as_written.isChecked()))
        turned = len(result.turned_names)
        self.as_written.setVisible(bool(turned))
        self.as_written.setText(
            f"Keep {plural(turned, 'name')} written “Last, First” as the file writes them"
        )
        _fit_columns(self.table)
        self.mapping.setText(column_mapping(result))
        new = self.model.count(Outcome.CREATE)
        parts = [f"{plural(new, 'manager')} will be added"]
        if known := self.model.count(Outcome.KNOWN):
            parts.append(already(known, "on the roster"))
        if faulty := self.model.count(Outcome.SKIP):
            parts.append(f"{plural(faulty, 'row')} cannot be imported (see why below)")
        self.set_summary("; ".join(parts) + ".", warning=not new)
        self.offer(new, "Add", "Manager")

    def confirm(self) -> None:
        def done(counts: RosterCounts) -> str:
            also = f"; {counts.duplicates:,} already on the roster" if counts.duplicates else ""
            return f"Added {plural(counts.created, 'manager')} from {self.path.name}{also}."

        as_written = self.as_written.isChecked()
        self.write_plan(
            self.plan,
            lambda plan: self.session.import_roster(plan, names_as_written=as_written),
            done,
        )

    @Slot(bool)
    def _names_toggled(self, as_written: bool) -> None:
        if self.plan is not None:
            self.model.set_rows(roster_rows(self.plan, names_as_written=as_written))


def _roster_preview(path: Path, order: Order) -> RosterPlan:
    from coachjournal.exchange import roster_import

    return roster_import.preview_roster(path, date_order=order)
