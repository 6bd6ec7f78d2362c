"""The dashboard's table model: one row per active manager, in the core's order of need.

The rows come whole from :func:`coachjournal.coaching.cadence.dashboard` (a handful of queries
whatever the size of the team), so a refresh is one model reset: 200 managers cost the query and no
widget. Every cell has a text; the status colour is a ``StatusColourRole`` that the delegate
draws next to that text, never instead of it.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coachjournal.coaching.cadence import URGENCY_FORMULA, WEIGHTS, CadenceStatus, DashboardRow
from coachjournal.coaching.results import Latest, ResultSummary
from coachjournal.kinds import TouchpointKind
from ui import dates

_Index = QModelIndex | QPersistentModelIndex

IdRole = Qt.ItemDataRole.UserRole + 1
#: A number or a tuple the proxy sorts by (the displayed text would sort "10 days" before "9").
SortRole = Qt.ItemDataRole.UserRole + 2
#: The status's colour (``#RRGGBB``) and its one-word label, for the pill the delegate draws.
StatusColourRole = Qt.ItemDataRole.UserRole + 3
StatusLabelRole = Qt.ItemDataRole.UserRole + 4
#: Every activity behind the status, in the words the reminders use ("Overdue: One-on-one 80
#: days ago, Field visit 94 days ago"); the display text and the tooltip carry the cadence too.
ReasonRole = Qt.ItemDataRole.UserRole + 5
#: The same as the delegate draws it: ``((status word, colour, (reason, ...)), ...)``, worst
#: status first, each status's activities most urgent first.
GroupsRole = Qt.ItemDataRole.UserRole + 6

MANAGER, STATUS, NEXT_DUE, ONE_ON_ONE, FIELD_VISIT, ACTIONS, ASSIGNMENTS = range(7)
#: Their team's latest attainment and their coaching of reps, each with its trend arrow.
ATTAINMENT, REP_COACHING = 7, 8
#: Two lines where the values are narrower than the words: the status needs the room.
HEADERS = (
    "Manager",
    "Status",
    "Next due",
    "Last\none-on-one",
    "Last\nfield visit",
    "Open\nactions",
    "Assign-\nments",
    "Attain-\nment",
    "Rep\ncoaching",
)
HEADER_TIPS = (
    "The manager and their team",
    "Every coaching activity that is overdue or due, most urgent first (on track: the next one "
    "due). " + URGENCY_FORMULA,
    "When their most urgent activity is (or was) due, and which it is",
    "Days since the last one-on-one (a career conversation counts as one by default)",
    "Days since you last visited customers together",
    "Action items still open from your conversations",
    "Growth assignments under way, and those past their due date",
    "Their team's attainment (actual / plan) in the latest period with a plan; the arrow "
    "shows the change since the period before",
    "One-on-ones and joint calls per rep a month that they gave their reps, latest period; "
    "the arrow shows the change since the period before",
)
_NUMERIC = {ACTIONS, ATTAINMENT, REP_COACHING}


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


def ago(days: int | None) -> str:
    if days is None:
        return "never"
    return "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"


def ahead(days: int) -> str:
    """'today', 'tomorrow', 'in 3 days'; '12 days ago' for a negative ``days``."""
    if days < 0:
        return ago(-days)
    return "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"


def relative(day: dt.date, today: dt.date) -> str:
    """'today', 'in 3 days', '12 days ago': how far ``day`` is from ``today``."""
    return ahead((day - today).days)


def short_date(day: dt.date, today: dt.date) -> str:
    """'14 Oct', with the year only when it is not this year's: '14 Oct 2025'."""
    return dates.date_text(day, year=day.year != today.year)


def long_date(day: dt.date) -> str:
    """'Thursday 26 Nov 2026', in English like the rest of the app whatever the locale."""
    return dates.long_date_text(day)


def assignments_text(row: DashboardRow) -> str:
    if not row.active_assignments and not row.overdue_assignments:
        return "none"
    parts = [f"{row.active_assignments} active"]
    if row.overdue_assignments:
        parts.append(f"{row.overdue_assignments} overdue")
    return " · ".join(parts)


def summary(rows: Sequence[DashboardRow], today: dt.date) -> str:
    """The sentence above the table: who needs a one-on-one this week, and the status counts.

    A one-on-one is needed this week when its next due day is on or before the last day of the
    week (Sunday when weeks start on Monday; see :func:`ui.dates.week_end`), those already due
    or overdue too. The counts match the status pills below it.
    """
    if not rows:
        return "No active managers."
    sunday = dates.week_end(today)
    needing = 0
    for row in rows:
        one_on_one = row.kind(TouchpointKind.ONE_ON_ONE)
        if one_on_one is not None and one_on_one.next_due <= sunday:
            needing += 1
    counts = dict.fromkeys(CadenceStatus, 0)
    for row in rows:
        counts[row.status] += 1
    if needing:
        verb = "needs" if needing == 1 else "need"
        first = f"{plural(needing, 'manager')} {verb} a one-on-one this week"
    else:
        first = "Nobody needs a one-on-one this week"
    parts = [first]
    for status in (CadenceStatus.OVERDUE, CadenceStatus.DUE):
        if counts[status]:
            parts.append(f"{counts[status]} {status.label.lower()}")
    if counts[CadenceStatus.ON_TRACK]:
        every = counts[CadenceStatus.ON_TRACK] == len(rows)
        parts.append(f"{'all ' if every else ''}{counts[CadenceStatus.ON_TRACK]} on track")
    return " · ".join(parts)


def urgency_text(row: DashboardRow) -> str:
    """The urgency with the sum behind it: 'Urgency 21.8 = one-on-one 3 × 80 ÷ 14 + field
    visit 3 × 94 ÷ 60'."""
    if not row.needs:
        return "Urgency 0: nothing is due"
    terms = []
    for status in row.needs:
        days = status.days_counted
        weight = WEIGHTS[status.kind]
        terms.append(f"{status.kind.label.lower()} {weight} × {days} ÷ {status.rule.max_days}")
    return f"Urgency {row.urgency:.1f} = {' + '.join(terms)}"


def status_tooltip(row: DashboardRow) -> str:
    """Every coaching activity's status, the urgency behind the row's place and how it is
    reckoned."""
    lines = [textwrap.fill(urgency_text(row), 90), ""]
    lines += [f"{kind.kind.label}: {kind.status.label} · {kind.describe()}" for kind in row.kinds]
    lines += ["", textwrap.fill(URGENCY_FORMULA, 90)]
    return "\n".join(lines)


def next_due_text(row: DashboardRow, today: dt.date) -> str:
    """'29 Sep · One-on-one': the day and the activity it is for (in a narrow column it wraps
    after the day, never inside it)."""
    day = short_date(row.next_due, today).replace(" ", "\N{NO-BREAK SPACE}")
    kind = row.attention.kind.label.replace("-", "\N{NON-BREAKING HYPHEN}")
    return f"{day} · {kind}"


def groups(row: DashboardRow) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    return tuple(
        (status.label, status.colour, tuple(each.reason() for each in found))
        for status, found in row.groups()
    )


def result_latest(found: ResultSummary | None, attainment: bool) -> Latest | None:
    if found is None:
        return None
    return found.attainment if attainment else found.rep_coaching


def result_text(found: ResultSummary | None, attainment: bool) -> str:
    """'104% ↑' or '2.8 ↓': the latest figure and its trend's arrow; '–' when there is none."""
    latest = result_latest(found, attainment)
    if latest is None:
        return "–"
    value = f"{latest.value:.0%}" if attainment else f"{latest.value:.1f}"
    if latest.marker:
        return f"{value} {latest.marker}"
    return f"{value} {latest.trend.arrow}" if latest.trend else value


def result_tooltip(found: ResultSummary | None, attainment: bool) -> str:
    """The figure in words, with its period, the trend and (for rep coaching) the target."""
    latest = result_latest(found, attainment)
    if found is None or latest is None:
        return "No results entered yet (manager page, Results tab)"

    def shown(value: float) -> str:
        return f"{value:.0%}" if attainment else f"{value:.1f}"

    what = "of plan" if attainment else "one-on-ones and joint calls per rep a month"
    text = f"{shown(latest.value)} {what} in {latest.period.label}"
    if latest.trend is not None and latest.previous is not None:
        text += f", {latest.trend.value} from {shown(latest.previous)} the period before"
    if latest.days is not None:
        text += (
            f" ({latest.period.to_date}, {latest.days[0]} of {latest.days[1]} working days gone: "
            f"the pace so far; the trend is set when the {latest.period.period.value} closes)"
        )
    if not attainment:
        text += f" (your target: {found.target:g})"
    return text


class DashboardModel(QAbstractTableModel):
    """The dashboard rows, as :func:`coachjournal.coaching.cadence.dashboard` sorted them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[DashboardRow] = []
        self.today = dt.date.today()
        self.results: Mapping[int, ResultSummary] = {}

    def set_rows(
        self,
        rows: list[DashboardRow],
        today: dt.date,
        results: Mapping[int, ResultSummary] | None = None,
    ) -> None:
        self.beginResetModel()
        self.rows = rows
        self.today = today
        self.results = results or {}
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == SortRole and column in (ATTAINMENT, REP_COACHING):
            latest = result_latest(self.results.get(row.manager_id), column == ATTAINMENT)
            return -1.0 if latest is None else latest.value
        if role == SortRole:
            return self._sort_key(index.row(), row, column)
        if role == IdRole:
            return row.manager_id
        if role == StatusColourRole and column == STATUS:
            return row.colour
        if role == StatusLabelRole and column == STATUS:
            return row.status.label
        if role == ReasonRole and column == STATUS:
            return row.reasons
        if role == GroupsRole and column == STATUS:
            return groups(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _tooltip(self, row: DashboardRow, column: int) -> str | None:
        if column == STATUS:
            return status_tooltip(row)
        if column == NEXT_DUE:
            what = row.attention.kind.label
            when = dates.date_text(row.next_due)
            return f"{what} due {when} ({relative(row.next_due, self.today)})"
        if column == MANAGER:
            return f"{row.name} · {row.team}" if row.team else row.name
        if column in (ATTAINMENT, REP_COACHING):
            return result_tooltip(self.results.get(row.manager_id), column == ATTAINMENT)
        return None

    def _text(self, row: DashboardRow, column: int) -> str:
        if column == MANAGER:
            return row.name
        if column == STATUS:
            return row.status_text
        if column == NEXT_DUE:
            return next_due_text(row, self.today)
        if column == ONE_ON_ONE:
            return ago(row.days_since_one_on_one)
        if column == FIELD_VISIT:
            return ago(row.days_since_field_visit)
        if column == ACTIONS:
            return str(row.open_action_items)
        if column in (ATTAINMENT, REP_COACHING):
            return result_text(self.results.get(row.manager_id), column == ATTAINMENT)
        return assignments_text(row)

    @staticmethod
    def _sort_key(position: int, row: DashboardRow, column: int) -> Any:
        """Sorting by status is the core's order of need; "never" sorts as the longest ago."""
        never = 1_000_000
        if column == MANAGER:
            return row.name.casefold()
        if column == STATUS:
            return position
        if column == NEXT_DUE:
            return row.next_due.toordinal()
        if column == ONE_ON_ONE:
            days = row.days_since_one_on_one
            return never if days is None else days
        if column == FIELD_VISIT:
            days = row.days_since_field_visit
            return never if days is None else days
        if column == ACTIONS:
            return row.open_action_items
        return row.overdue_assignments * 1000 + row.active_assignments

    def row_of(self, manager_id: int) -> int:
        return next((i for i, row in enumerate(self.rows) if row.manager_id == manager_id), -1)
