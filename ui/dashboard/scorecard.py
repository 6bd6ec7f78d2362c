"""The monthly coaching scorecard: per manager and activity, held against planned, and each
manager's share of the executive's coaching time.

A shortfall is said three ways: in the cell's text ("2 / 4 (−2)", and "2 of 4, 2 short" for a
screen reader and in the tooltip), by an alert icon and by a tint. A share under half an even
split says "low", as the time chart does.

The month in progress is not a finished month: its cells hold what was held against what was
due so far (:attr:`coachjournal.coaching.stats.PlannedHeld.due_so_far`), a Pace column says "On
pace" or "Behind pace" per manager, and the summary counts them, never "every plan met" on the
3rd while managers are overdue.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

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
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coachjournal import colours
from coachjournal.kinds import TouchpointKind
from coachjournal.periods import MONTH_NAMES, next_month
from ui.dashboard.model import IdRole, SortRole, plural
from ui.icons import icon
from ui.widgets.basic import label, record_table

if TYPE_CHECKING:
    # The statistics are imported when the scorecard is first shown (ScorecardPanel.refresh):
    # the dashboard's first paint shows the other tab and does not wait for them.
    from coachjournal.coaching.stats import PlannedHeld, Scorecard, ScorecardRow

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


#: The widest a name column grows to fit the names.
NAME_WIDTH = 160
#: The columns that are not an activity.
NAME, PACE, TIME, SHARE = "name", "pace", "time", "share"
Column = TouchpointKind | str

_HEADERS = {NAME: "Manager", PACE: "Pace", TIME: "Your time", SHARE: "Share of\nyour time"}
_HEADER_TIPS = {
    PACE: "This month so far: behind pace when an activity was held fewer times than was due "
    "so far (the plan for the days gone, and at least one when it is past its ideal date today)",
    TIME: "Your time: minutes of every kind of touchpoint this month, informal chats too; a "
    "meeting with several managers is split evenly among them",
    SHARE: "Your time: minutes of every kind of touchpoint this month, informal chats too; a "
    "meeting with several managers is split evenly among them",
}


def month_title(month: dt.date) -> str:
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


def due(cell: PlannedHeld) -> int:
    """What the cell is measured against: the plan, or in a month in progress what was due so
    far."""
    return cell.due_so_far if cell.in_progress else cell.expected


def shortfall(cell: PlannedHeld) -> int:
    """Touchpoints fewer than due (0 when the plan was met or nothing was due)."""
    return max(0, due(cell) - cell.held)


def cell_text(cell: PlannedHeld) -> str:
    """'3 / 4' (held / planned), '2 / 4 (−2)' when short; '1 / –' where the cadence planned
    none this month (so far, in a month in progress); 'not for them' where the activity is not
    for the manager."""
    if not cell.applies:
        return "not for them" if cell.held == 0 else f"{cell.held} · not for them"
    if due(cell) == 0:
        return "–" if cell.held == 0 else f"{cell.held} / –"
    short = shortfall(cell)
    return f"{cell.held} / {due(cell)}" + (f" (−{short})" if short else "")


def cell_words(kind: TouchpointKind, cell: PlannedHeld) -> str:
    """The cell for a screen reader, the shortfall in words: 'One-on-ones: 2 of 4, 2 short'."""
    heading = _ACTIVITY_HEADERS[kind]
    so_far = " so far" if cell.in_progress else ""
    if not cell.applies:
        return f"{heading}: {cell.held} held, not for them"
    if due(cell) == 0:
        return f"{heading}: {cell.held} held, none {'due so far' if so_far else 'planned'}"
    short = shortfall(cell)
    return f"{heading}: {cell.held} of {due(cell)}{so_far}" + (f", {short} short" if short else "")


def cell_tooltip(kind: TouchpointKind, cell: PlannedHeld) -> str:
    held = f"{plural(cell.held, kind.label.lower())} held"
    if not cell.applies:
        return f"{held}; not for them: the cadence plans none"
    if cell.in_progress:
        plan = f"{due(cell)} due so far ({cell.planned:.1f} by the days gone"
        plan += ", and it is past its ideal date today)" if cell.due_now else ")"
        pace = "behind pace" if cell.behind_pace else "on pace"
        return f"{held}; {plan}: {pace}"
    if cell.expected == 0:
        return f"{held}; the cadence planned none this month"
    plan = f"the cadence planned {cell.expected} ({cell.planned:.1f} by the days tracked)"
    short = shortfall(cell)
    return f"{held}; {plan}" + (f": {short} short" if short else "")


def pace_text(row: ScorecardRow) -> str:
    return "Behind pace" if row.behind else "On pace"


def pace_tooltip(row: ScorecardRow) -> str:
    """'Behind pace: one-on-ones, field visits (held fewer than due so far)'."""
    if not row.behind:
        return "On pace: every activity held as often as was due so far this month"
    names = ", ".join(_ACTIVITY_HEADERS[kind].lower() for kind in row.behind)
    return f"Behind pace: {names} (held fewer than due so far this month)"


def hours(minutes: float) -> str:
    return f"{minutes / 60:.1f} h"


def percent(share: float) -> str:
    """'27%', or '0.4%' below 10% (with 200 managers every share is a few tenths of one)."""
    return f"{share:.1%}" if share < 0.1 else f"{share:.0%}"


def progress_text(card: Scorecard) -> str:
    """'In progress: day 3 of 31' for the month of today, else ''."""
    if not card.in_progress or card.through is None:
        return ""
    days = (next_month(card.month) - card.month).days
    return f"In progress: day {card.through.day} of {days}"


def scorecard_summary(card: Scorecard) -> str:
    if not card.rows:
        return f"No managers were tracked in {month_title(card.month)}."
    low = sum(card.gets_too_little(row) for row in card.rows)
    time = (
        f"{hours(card.total_minutes)} of your time (each meeting once) with "
        f"{plural(len(card.rows), 'manager')}"
    )
    if card.in_progress:
        behind = sum(1 for row in card.rows if row.behind)
        pace = f"{behind} behind pace" if behind else "everyone on pace"
        if behind and behind < len(card.rows):
            pace += f", {len(card.rows) - behind} on pace"
        parts = [f"{time} so far", pace]
    else:
        short = sum(shortfall(row.activities[kind]) for row in card.rows for kind in card.kinds)
        planned = sum(row.activities[kind].expected for row in card.rows for kind in card.kinds)
        parts = [
            time,
            f"{short} of {planned} planned activities short" if short else "every plan met",
        ]
    if low:
        parts.append(f"{low} getting too little of your time")
    return " · ".join(parts)


class ScorecardModel(QAbstractTableModel):
    """Rows: managers (by name, as the core sorts them); columns: the name, the pace (in a month
    in progress), the five activities, the hours and the share of time."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: None (no rows) until the panel first reads the journal.
        self.card: Scorecard | None = None

    @property
    def rows(self) -> tuple[ScorecardRow, ...]:
        return self.card.rows if self.card is not None else ()

    @property
    def kinds(self) -> tuple[TouchpointKind, ...]:
        return self.card.kinds if self.card is not None else ()

    @property
    def in_progress(self) -> bool:
        return self.card is not None and self.card.in_progress

    @property
    def columns(self) -> tuple[Column, ...]:
        pace: tuple[Column, ...] = (PACE,) if self.in_progress else ()
        return (NAME, *pace, *self.kinds, TIME, SHARE)

    def column_of(self, column: Column) -> int:
        return self.columns.index(column)

    def set_scorecard(self, card: Scorecard) -> None:
        self.beginResetModel()
        self.card = card
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            if isinstance(column, TouchpointKind):
                return _ACTIVITY_HEADERS[column]
            return _HEADERS[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if isinstance(column, TouchpointKind):
                so_far = "due so far this month" if self.in_progress else "planned"
                return (
                    f"Contacts: {column.label.lower()}s held (a meeting counts once for each "
                    f"manager there) / {so_far} by the cadence"
                )
            return _HEADER_TIPS.get(column)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        card = self.card
        if card is None or not index.isValid() or not 0 <= index.row() < len(card.rows):
            return None
        row, column = card.rows[index.row()], self.columns[index.column()]
        if role == IdRole:
            return row.manager_id
        if isinstance(column, TouchpointKind):
            return self._activity(column, row.activities[column], role)
        if column == NAME:
            return self._name(row, role)
        if column == PACE:
            return self._pace(row, role)
        if column == TIME:
            return self._time(row, role)
        return self._share(card, row, role)

    @staticmethod
    def _pace(row: ScorecardRow, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return pace_text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return pace_tooltip(row)
        if role == SortRole:
            return len(row.behind)
        if role == Qt.ItemDataRole.DecorationRole and row.behind:
            return icon("alert")
        if role == Qt.ItemDataRole.BackgroundRole and row.behind:
            return _SHORT_TINT
        return None

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

    @staticmethod
    def _share(card: Scorecard, row: ScorecardRow, role: int) -> Any:
        low = card.gets_too_little(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return percent(row.share) + (" · low" if low else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            even = 1 / len(card.rows)
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
        self.progress_label = label("", "sectionTitle")
        self.progress_label.setAccessibleName("The month is in progress")

        self.table = record_table("Monthly coaching scorecard", self.proxy, 28)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        # The name keeps its width (the table scrolls sideways in a narrow window rather than
        # cut every name to a few letters); the share takes any room left.
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(60)
        self.empty = label("", "emptyHint", wrap=True, align=Qt.AlignmentFlag.AlignCenter)
        self.note = label(
            "Planned: the days of the month a manager was tracked (up to today) divided by the "
            "ideal gap of their cadence, in whole meetings. In the month in progress, what was "
            "due so far: that plan for the days gone, and at least one for an activity past its "
            "ideal date today; fewer held is behind pace. Activities that count as a "
            "one-on-one count in both columns. Activities count contacts: a meeting counts once "
            "for each manager there; your time counts its minutes once, split evenly among them.",
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
        bar.addSpacing(12)
        bar.addWidget(self.progress_label)
        bar.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.note)

    def _fit_columns(self) -> None:
        """Activity columns as wide as their title, or an alert icon and their widest cell
        ('9 / 12 (−3)'), so the name keeps its room at the default width."""
        metrics = self.table.fontMetrics()
        model = self.model
        names = [metrics.horizontalAdvance(row.name) for row in model.rows]
        self.table.setColumnWidth(0, min(max(names, default=0), NAME_WIDTH) + 16)
        for kind in model.kinds:
            column = model.column_of(kind)
            title = model.headerData(column, Qt.Orientation.Horizontal)
            texts = [cell_text(row.activities[kind]) for row in model.rows]
            cell = max((metrics.horizontalAdvance(text) for text in texts), default=0) + 40
            self.table.setColumnWidth(column, max(cell, metrics.horizontalAdvance(title) + 24))
        if PACE in model.columns:
            pace = metrics.horizontalAdvance("Behind pace") + 40
            self.table.setColumnWidth(model.column_of(PACE), pace)
        time = metrics.horizontalAdvance("000.0 h") + 24
        self.table.setColumnWidth(model.column_of(TIME), time)
        share = metrics.horizontalAdvance("100% · low") + 48
        self.table.setColumnWidth(model.column_of(SHARE), share)

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
        from coachjournal.coaching import stats

        self._stale = False
        today = today or dt.date.today()
        current = today.replace(day=1)
        self.month = min(self.month, current)
        card = stats.scorecard(self.month, today=today)
        self.model.set_scorecard(card)
        if card.kinds:
            self._fit_columns()
        self.month_label.setText(month_title(self.month))
        self.progress_label.setText(progress_text(card))
        self.progress_label.setVisible(card.in_progress)
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
