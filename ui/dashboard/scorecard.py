"""The monthly coaching scorecard: per manager and activity, held against planned, and each
manager's share of the executive's coaching time.

A shortfall is said three ways: in the cell's text ("2 / 4 (−2)", and "2 of 4, 2 short" for a
screen reader and in the tooltip), by an alert icon and by a tint. A share under half an even
split says "low", as the time chart does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Slot,
)
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coachjournal import colours
from coachjournal.coaching import stats
from coachjournal.coaching.stats import PlannedHeld, Scorecard, ScorecardRow
from coachjournal.kinds import TouchpointKind
from coachjournal.periods import MONTH_NAMES
from ui.dashboard.model import IdRole, SortRole, plural
from ui.icons import icon
from ui.widgets.basic import label, record_table

_Index = QModelIndex | QPersistentModelIndex

#: Column titles per activity, plural, as a heading reads.
_ACTIVITY_HEADERS = {
    TouchpointKind.ONE_ON_ONE: "One-on-ones",
    TouchpointKind.FIELD_VISIT: "Field visits",
    TouchpointKind.CALL_REVIEW: "Call reviews",
    TouchpointKind.CAREER: "Career talks",
    TouchpointKind.TEAM_MEETING: "Team meetings",
}
#: A shortfall's tint: the Okabe–Ito vermillion, faint enough to keep the text readable in
#: light and dark palettes.
_SHORT_TINT = QColor(colours.VERMILLION)
_SHORT_TINT.setAlpha(48)


def month_title(month: dt.date) -> str:
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


def shortfall(cell: PlannedHeld) -> int:
    """Touchpoints fewer than expected (0 when the plan was met or nothing was expected)."""
    return max(0, cell.expected - cell.held)


def cell_text(cell: PlannedHeld) -> str:
    """'3 / 4' (held / planned), '2 / 4 (−2)' when short; '1 / –' where the cadence planned
    none this month."""
    if cell.expected == 0:
        return "–" if cell.held == 0 else f"{cell.held} / –"
    short = shortfall(cell)
    return f"{cell.held} / {cell.expected}" + (f" (−{short})" if short else "")


def cell_words(kind: TouchpointKind, cell: PlannedHeld) -> str:
    """The cell for a screen reader, the shortfall in words: 'One-on-ones: 2 of 4, 2 short'."""
    heading = _ACTIVITY_HEADERS[kind]
    if cell.expected == 0:
        return f"{heading}: {cell.held} held, none planned"
    short = shortfall(cell)
    return f"{heading}: {cell.held} of {cell.expected}" + (f", {short} short" if short else "")


def cell_tooltip(kind: TouchpointKind, cell: PlannedHeld) -> str:
    held = f"{plural(cell.held, kind.label.lower())} held"
    if cell.expected == 0:
        return f"{held}; the cadence planned none this month"
    plan = f"the cadence planned {cell.expected} ({cell.planned:.1f} by the days tracked)"
    short = shortfall(cell)
    return f"{held}; {plan}" + (f": {short} short" if short else "")


def is_low(row: ScorecardRow, card: Scorecard) -> bool:
    """Under half an even share of the month's coaching time: too little attention."""
    return card.total_minutes > 0 and row.share < 0.5 / len(card.rows)


def hours(minutes: int) -> str:
    return f"{minutes / 60:.1f} h"


def percent(share: float) -> str:
    """'27%', or '0.4%' below 10% (with 200 managers every share is a few tenths of one)."""
    return f"{share:.1%}" if share < 0.1 else f"{share:.0%}"


def scorecard_summary(card: Scorecard) -> str:
    if not card.rows:
        return f"No managers were tracked in {month_title(card.month)}."
    short = sum(shortfall(row.activities[kind]) for row in card.rows for kind in card.kinds)
    planned = sum(row.activities[kind].expected for row in card.rows for kind in card.kinds)
    low = sum(is_low(row, card) for row in card.rows)
    parts = [
        f"{hours(card.total_minutes)} of coaching with {plural(len(card.rows), 'manager')}",
        f"{short} of {planned} planned activities short" if short else "every plan met",
    ]
    if low:
        parts.append(f"{low} getting too little of your time")
    return " · ".join(parts)


class ScorecardModel(QAbstractTableModel):
    """Rows: managers (by name, as the core sorts them); columns: the five activities, the
    hours and the share of time."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.card = Scorecard(dt.date.today().replace(day=1), (), (), 0)

    @property
    def kinds(self) -> tuple[TouchpointKind, ...]:
        return self.card.kinds

    def set_scorecard(self, card: Scorecard) -> None:
        self.beginResetModel()
        self.card = card
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.card.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.kinds) + 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        kinds = self.kinds
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return "Manager"
            if section <= len(kinds):
                return _ACTIVITY_HEADERS[kinds[section - 1]]
            return "Time" if section == len(kinds) + 1 else "Share of\nyour time"
        if role == Qt.ItemDataRole.ToolTipRole and 0 < section <= len(kinds):
            return f"{kinds[section - 1].label}s held / planned by the cadence"
        if role == Qt.ItemDataRole.ToolTipRole and section > len(kinds):
            return "Minutes of every kind of touchpoint this month, informal chats too"
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.card.rows):
            return None
        row, column = self.card.rows[index.row()], index.column()
        kinds = self.kinds
        if role == IdRole:
            return row.manager_id
        if column == 0:
            return self._name(row, role)
        if column <= len(kinds):
            return self._activity(kinds[column - 1], row.activities[kinds[column - 1]], role)
        if column == len(kinds) + 1:
            return self._time(row, role)
        return self._share(row, role)

    @staticmethod
    def _name(row: ScorecardRow, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.name
        if role == SortRole:
            return row.name.casefold()
        return None

    @staticmethod
    def _activity(kind: TouchpointKind, cell: PlannedHeld, role: int) -> Any:
        short = shortfall(cell) > 0
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(cell)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return cell_words(kind, cell)
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tooltip(kind, cell)
        if role == SortRole:
            return -1.0 if cell.ratio is None else cell.ratio
        if role == Qt.ItemDataRole.DecorationRole and short:
            return icon("alert")
        if role == Qt.ItemDataRole.BackgroundRole and short:
            return _SHORT_TINT
        return None

    @staticmethod
    def _time(row: ScorecardRow, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return hours(row.minutes)
        if role == SortRole:
            return row.minutes
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _share(self, row: ScorecardRow, role: int) -> Any:
        low = is_low(row, self.card)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return percent(row.share) + (" · low" if low else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            even = 1 / len(self.card.rows)
            return f"{row.share:.1%} of your coaching time this month (an even split: {even:.1%})"
        if role == SortRole:
            return row.share
        if role == Qt.ItemDataRole.DecorationRole and low:
            return icon("alert")
        if role == Qt.ItemDataRole.BackgroundRole and low:
            return _SHORT_TINT
        return None


class ScorecardPanel(QWidget):
    """The month selector, the scorecard's summary and its table.

    It reads the journal only while shown (a second tab: the dashboard's first paint does not
    wait for it); :meth:`invalidate` marks it out of date.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.month = dt.date.today().replace(day=1)
        self._stale = True
        self.model = ScorecardModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)

        self.previous_button = QToolButton()
        self.previous_button.setIcon(icon("chevron-left"))
        self.previous_button.setToolTip("Previous month")
        self.previous_button.setAccessibleName("Previous month")
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QToolButton()
        self.next_button.setIcon(icon("chevron-right"))
        self.next_button.setToolTip("Next month")
        self.next_button.setAccessibleName("Next month")
        self.next_button.clicked.connect(lambda: self.step(1))
        self.month_label = label("", "sectionTitle", align=Qt.AlignmentFlag.AlignCenter)
        self.month_label.setMinimumWidth(130)
        self.this_month_button = QPushButton("This month")
        self.this_month_button.clicked.connect(self.show_this_month)
        self.summary_label = label("", "mutedLabel", wrap=True)

        self.table = record_table("Monthly coaching scorecard", self.proxy, 28)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        self.empty = label("", "emptyHint", wrap=True, align=Qt.AlignmentFlag.AlignCenter)
        self.note = label(
            "Planned: the days of the month a manager was tracked (up to today) divided by the "
            "ideal gap of their cadence, in whole meetings. Activities that count as a "
            "one-on-one count in both columns.",
            "mutedLabel",
            wrap=True,
        )

        bar = QHBoxLayout()
        bar.setSpacing(4)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.month_label)
        bar.addWidget(self.next_button)
        bar.addSpacing(8)
        bar.addWidget(self.this_month_button)
        bar.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.note)

    def _fit_columns(self) -> None:
        """Activity columns as wide as their title, or an alert icon and '9 / 12 (−3)'."""
        metrics = self.table.fontMetrics()
        cell = metrics.horizontalAdvance("00 / 00 (−00)") + 40
        for column in range(1, len(self.model.kinds) + 1):
            title = self.model.headerData(column, Qt.Orientation.Horizontal)
            self.table.setColumnWidth(column, max(cell, metrics.horizontalAdvance(title) + 24))
        time_column = len(self.model.kinds) + 1
        self.table.setColumnWidth(time_column, metrics.horizontalAdvance("000.0 h") + 24)
        share = metrics.horizontalAdvance("100% · low") + 48
        self.table.setColumnWidth(time_column + 1, share)

    def invalidate(self) -> None:
        """The journal changed: read it again now if shown, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self, today: dt.date | None = None) -> None:
        """Read the shown month again (never later than ``today``'s)."""
        self._stale = False
        today = today or dt.date.today()
        current = today.replace(day=1)
        self.month = min(self.month, current)
        card = stats.scorecard(self.month, today=today)
        self.model.set_scorecard(card)
        if card.kinds:
            self._fit_columns()
        self.month_label.setText(month_title(self.month))
        self.next_button.setEnabled(self.month < current)
        self.this_month_button.setEnabled(self.month != current)
        self.summary_label.setText(scorecard_summary(card))
        self.table.setVisible(bool(card.rows))
        self.empty.setVisible(not card.rows)
        self.empty.setText(f"No managers were tracked in {month_title(self.month)}.")

    def show_month(self, month: dt.date) -> None:
        self.month = month.replace(day=1)
        self.refresh()

    def step(self, months: int) -> None:
        """Move ``months`` months back (negative) or forward."""
        index = self.month.year * 12 + self.month.month - 1 + months
        self.show_month(dt.date(index // 12, index % 12 + 1, 1))

    @Slot()
    def show_this_month(self) -> None:
        self.show_month(dt.date.today())
