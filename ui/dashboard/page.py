"""The team dashboard: the home screen. Who needs attention first, and the monthly scorecard.

It reads the journal again when the journal changes, through the session's signals, a moment
after the last of a burst (typing in a profile saves every few seconds; a restore from the
trash can touch many entries) so a burst costs one refresh. While the page is hidden it only
notes that it is stale and refreshes when shown, so editing a manager costs nothing here.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import cadence, results
from ui.dashboard import model as columns
from ui.dashboard.delegate import StatusDelegate
from ui.dashboard.model import (
    DashboardModel,
    GroupsRole,
    IdRole,
    SortRole,
    long_date,
    summary,
)
from ui.dashboard.scorecard import ScorecardPanel
from ui.icons import icon
from ui.session import JournalSession
from ui.widgets.basic import delay_timer, label, record_table
from ui.widgets.refresh import RefreshWhenShown
from ui.widgets.results_to_date import TeamToDate

#: Quiet time after the last change before the dashboard reads the journal again.
REFRESH_DELAY_MS = 250
#: The status column's least width for the days-since columns to be shown too: the reasons
#: come first, and they already give the days of every activity that is due.
STATUS_ROOM = 420
#: Shown only where the status keeps :data:`STATUS_ROOM` (the status tooltip has them too).
_OPTIONAL = (columns.ONE_ON_ONE, columns.FIELD_VISIT)


class NeedOrder(QSortFilterProxyModel):
    """Sorts the table by the column clicked. By status, most urgent first, it is the order the
    core gave the rows: the proxy keeps the model's order rather than sorting the rows again
    (asking the model for a sort key at every comparison cost a tenth of a refresh)."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column == columns.STATUS and order == Qt.SortOrder.AscendingOrder:
            column = -1
        super().sort(column, order)


class DashboardPage(QWidget):
    """``manager_opened`` asks the window to show a manager; ``add_requested``, to add one."""

    manager_opened = Signal(int)
    add_requested = Signal()
    #: The page read the journal again (for tests and the screenshot tool).
    refreshed = Signal()

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.today = dt.date.today()

        self.title = label("Your team", "pageTitle")
        self.date_label = label("", "mutedLabel")
        self.summary_label = label("", "dashboardSummary", wrap=True)
        self.summary_label.setAccessibleName("Team summary")
        self.team_to_date = TeamToDate()

        self.model = DashboardModel(self)
        self.proxy = NeedOrder(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = self._make_table()
        # A resize comes in bursts (and a scroll bar that appears narrows the status again):
        # the rows are measured once it settles.
        self._refit = delay_timer(self, 0, self._fit_rows)
        #: The rows' order (bumped when the proxy resets or sorts) and the status column's
        #: width of the last fit: a resize that left the column as it was (the table's first
        #: show) measures nothing again.
        self._order = 0
        self._fitted: tuple[int, int] | None = None
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)
        self.proxy.layoutChanged.connect(self._rows_moved)
        self.proxy.modelReset.connect(self._rows_moved)
        self.table.horizontalHeader().sectionResized.connect(self._status_resized)

        self.empty_label = label("", "emptyHint", wrap=True, align=Qt.AlignmentFlag.AlignCenter)
        self.add_button = QPushButton(icon("add"), "Add manager")
        self.add_button.setObjectName("primaryButton")
        self.add_button.clicked.connect(self.add_requested)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(2)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(3)
        self.attention = QStackedWidget()
        self.attention.addWidget(self.table)
        self.attention.addWidget(empty)

        self.scorecard = ScorecardPanel()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.attention, icon("people"), "Who needs you")
        self.tabs.addTab(self.scorecard, icon("chart"), "Monthly scorecard")

        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addStretch()
        heading.addWidget(self.date_label, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 12)
        layout.setSpacing(6)
        layout.addLayout(heading)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.team_to_date)
        layout.addSpacing(4)
        layout.addWidget(self.tabs, 1)

        self._refresher = RefreshWhenShown(
            self, self.refresh, delay_ms=REFRESH_DELAY_MS, outdated=self._new_day
        )
        self._refresher.follow(
            session.journal_opened,
            session.team_changes,
        )

    @property
    def has_read(self) -> bool:
        """Whether :attr:`rows` hold the journal as it is (read since it last changed)."""
        return not self._refresher.stale

    def add_banner(self, banner: QWidget) -> None:
        """Show a banner (what is due today) between the summary and the tabs."""
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(layout.indexOf(self.tabs), banner)

    def _make_table(self) -> QTableView:
        table = record_table("Managers, who needs attention first", self.proxy, 30)
        self.delegate = StatusDelegate(table)
        table.setItemDelegateForColumn(columns.STATUS, self.delegate)
        # Every reason shows in full: the status wraps onto more lines and the row grows
        # (see _fit_rows); the next due day and the assignments wrap onto a second line.
        table.setWordWrap(True)
        table.setSortingEnabled(True)
        table.sortByColumn(columns.STATUS, Qt.SortOrder.AscendingOrder)
        table.setMouseTracking(True)
        table.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        header = table.horizontalHeader()
        header.setSectionResizeMode(columns.STATUS, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        header.setHighlightSections(False)
        metrics = table.fontMetrics()
        widths = {
            columns.MANAGER: metrics.horizontalAdvance("Charlotte Thompson") + 14,
            columns.NEXT_DUE: metrics.horizontalAdvance("30 Sep 2026 ·") + 14,
            columns.ONE_ON_ONE: metrics.horizontalAdvance("100 days ago") + 12,
            columns.FIELD_VISIT: metrics.horizontalAdvance("100 days ago") + 12,
            columns.ACTIONS: metrics.horizontalAdvance("actions") + 14,
            columns.ASSIGNMENTS: metrics.horizontalAdvance("1 active ·") + 12,
            columns.ATTAINMENT: metrics.horizontalAdvance("100% MTD") + 16,
            columns.REP_COACHING: metrics.horizontalAdvance("coaching") + 16,
        }
        for column, width in widths.items():
            table.setColumnWidth(column, width)
        self._widths = widths
        table.clicked.connect(self._open)
        table.activated.connect(self._open)
        return table

    @Slot(int, int, int)
    def _status_resized(self, column: int, _old: int, _new: int) -> None:
        if column == columns.STATUS:
            self._refit.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            if watched is self.table:
                self._fit_columns()
            self._refit.start()
        return super().eventFilter(watched, event)

    @Slot()
    def _rows_moved(self) -> None:
        self._order += 1
        self._fit_rows()

    @Slot()
    def _fit_rows(self) -> None:
        """Each row as tall as its status needs, and two lines at least (the next due day and
        the activity it is for). Measured from the status alone, once per refresh, sort or
        resize of the column: asking every cell of every row (ResizeToContents) cost more than
        the whole refresh on a large team."""
        table = self.table
        width = table.columnWidth(columns.STATUS)
        if self._fitted == (width, self._order):
            return
        self._fitted = (width, self._order)
        option = QStyleOptionViewItem()
        option.font = table.font()
        least = 2 * table.fontMetrics().lineSpacing() + 10
        rows = range(self.proxy.rowCount())
        groups = [self.proxy.index(row, columns.STATUS).data(GroupsRole) for row in rows]
        for row, height in zip(rows, self.delegate.heights(option, groups, width), strict=True):
            table.setRowHeight(row, max(least, height))

    def _fit_columns(self) -> None:
        """Show the days-since columns only where the status keeps room for its reasons."""
        table = self.table
        show = table.viewport().width() - sum(self._widths.values()) >= STATUS_ROOM
        for column in _OPTIONAL:
            table.setColumnHidden(column, not show)

    def _new_day(self) -> bool:
        """Overdue and "days ago" change at midnight even when the journal does not."""
        return self.today != dt.date.today()

    @Slot()
    def refresh(self) -> None:
        """Read the dashboard and the scorecard again; the table keeps the row in view."""
        self._refresher.refreshed()
        self.today = dt.date.today()
        current = self.table.currentIndex().data(IdRole)
        rows = self.rows = cadence.dashboard(self.today)
        self.model.set_rows(rows, self.today, results.summaries(today=self.today))
        self.date_label.setText(long_date(self.today))
        self.summary_label.setText(summary(rows, self.today))
        self.team_to_date.show_team((row.manager_id for row in rows), self.today)
        if rows:
            self.attention.setCurrentWidget(self.table)
        else:
            self.attention.setCurrentIndex(1)
            self.empty_label.setText(
                "No active managers. Add the people you coach, or bring an archived manager "
                "back from the roster (tick “Show archived”)."
            )
        if current is not None:
            self.select(int(current))
        self.scorecard.invalidate()
        self.refreshed.emit()

    def select(self, manager_id: int) -> bool:
        """Make a manager's row current (keyboard focus, scrolled into view)."""
        row = self.model.row_of(manager_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, columns.MANAGER))
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    @Slot(QModelIndex)
    def _open(self, index: QModelIndex) -> None:
        manager_id = index.data(IdRole)
        if manager_id is not None:
            self.manager_opened.emit(int(manager_id))
