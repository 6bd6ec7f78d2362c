"""The whole team's growth assignments: what is under way, what is overdue, what finished this
quarter. One table, sortable by any column and filtered by a view and by typed text; an
overdue assignment is bold and red, with an icon and "N days overdue" in its Due column.

Self-contained: it reads through :mod:`coachjournal.coaching.development`, refreshes itself from the
session's signals (only while on screen), and asks to open an assignment with
``assignment_opened(manager_id, assignment_id)``.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import development
from coachjournal.coaching.development import AssignmentView
from coachjournal.periods import quarter_label
from ui.development.models import AssignmentColumn, AssignmentFilter, AssignmentModel, RecordRole
from ui.session import JournalSession
from ui.widgets.basic import label, line_edit, record_table
from ui.widgets.refresh import RefreshWhenShown

#: The views offered, in the order of the buttons.
VIEWS = (
    AssignmentView.OPEN,
    AssignmentView.ACTIVE,
    AssignmentView.OVERDUE,
    AssignmentView.PLANNED,
    AssignmentView.FINISHED_THIS_QUARTER,
    AssignmentView.ALL,
)
_NOTHING = {
    AssignmentView.OPEN: "No assignment is planned or under way.",
    AssignmentView.ACTIVE: "No assignment is under way.",
    AssignmentView.OVERDUE: "Nothing is overdue.",
    AssignmentView.PLANNED: "No assignment is planned.",
    AssignmentView.FINISHED_THIS_QUARTER: "No assignment was finished this quarter yet.",
    AssignmentView.ALL: "No growth assignments yet.",
}


class TeamAssignmentsPage(QWidget):
    assignment_opened = Signal(int, int)

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._refresher = RefreshWhenShown(self, self.reload)
        self.title = label("Growth assignments", "pageTitle")
        self.summary = label("", "mutedLabel", wrap=True)
        self.model = AssignmentModel(self)
        self.proxy = AssignmentFilter(self)
        self.proxy.setSourceModel(self.model)

        # A tab bar scrolls its tabs when the window is narrow, where a row of buttons with
        # counts would force the whole window wider.
        self.views = QTabBar()
        self.views.setAccessibleName("Which assignments to show")
        self.views.setDocumentMode(True)
        self.views.setExpanding(False)
        self.views.setUsesScrollButtons(True)
        for view in VIEWS:
            self.views.addTab(view.label)
        self.views.currentChanged.connect(lambda index: self.set_view(VIEWS[index]))
        buttons = QHBoxLayout()
        buttons.addWidget(self.views, 1)
        self.filter_edit = line_edit("Filter by title, manager or skill", "Filter assignments")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(160)
        self.filter_edit.setMaximumWidth(320)
        self.filter_edit.textChanged.connect(self._filter_changed)
        buttons.addWidget(self.filter_edit)

        self.table = record_table("The team's growth assignments", self.proxy, 30)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(AssignmentColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        widths = {
            AssignmentColumn.MANAGER: 160,
            AssignmentColumn.SKILL: 150,
            AssignmentColumn.STATUS: 80,
            AssignmentColumn.ASSIGNED: 96,
            AssignmentColumn.DUE: 250,
            AssignmentColumn.COMPLETED: 96,
            AssignmentColumn.OUTCOME: 96,
            AssignmentColumn.TOUCHPOINTS: 90,
        }
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        self.table.sortByColumn(AssignmentColumn.DUE, Qt.SortOrder.AscendingOrder)
        self.table.activated.connect(self._open)
        self.empty = label("", "emptyHint", wrap=True, align=Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.stack, 1)

        self.set_view(AssignmentView.OPEN)
        self._refresher.follow(
            session.journal_opened,
            (
                session.assignments_changed,
                session.manager_changed,
                session.manager_removed,
                session.entries_changed,
            ),
        )

    def reload(self) -> None:
        """Read every manager's assignments again (one query) and recount the views."""
        self._refresher.refreshed()
        records = development.team_assignments(AssignmentView.ALL)
        self.model.load(records)
        today = self.model.today
        for index, view in enumerate(VIEWS):
            count = sum(view.matches(record, today) for record in records)
            self.views.setTabText(index, f"{view.label} ({count})")
        active = sum(AssignmentView.ACTIVE.matches(r, today) for r in records)
        overdue = sum(r.is_overdue(today) for r in records)
        finished = sum(r.finished_in_quarter_of(today) for r in records)
        if records:
            self.summary.setText(
                f"{active} under way · {overdue} overdue · "
                f"{finished} finished in {quarter_label(today)}"
            )
        else:
            self.summary.setText(
                "Growth assignments are planned in each manager's Development tab."
            )
        self._show_state()

    def view_text(self, view: AssignmentView) -> str:
        """What the view's tab says, its count included."""
        return self.views.tabText(VIEWS.index(view))

    def set_view(self, view: AssignmentView) -> None:
        self.views.setCurrentIndex(VIEWS.index(view))
        self.proxy.set_view(view)
        self._show_state()

    @Slot(str)
    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._show_state()

    def _show_state(self) -> None:
        empty = self.proxy.rowCount() == 0
        if empty:
            typed = self.filter_edit.text().strip()
            self.empty.setText(
                f"No assignment matches “{typed}” here." if typed else _NOTHING[self.proxy.view]
            )
        self.stack.setCurrentWidget(self.empty if empty else self.table)

    @Slot(QModelIndex)
    def _open(self, index: QModelIndex) -> None:
        record = index.data(RecordRole)
        if record is not None:
            self.assignment_opened.emit(record.manager_id, record.id)
