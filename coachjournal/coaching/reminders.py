"""What is due today: the reminders the app shows when it starts and while it is open.

Two things need the executive today:

* **coaching past its ideal date**: the managers :func:`coachjournal.coaching.cadence.dashboard`
  finds due or overdue for any coaching activity, in its order and with its words: the banner's
  list is the table's top rows, one computation telling one story;
* **action items due today or overdue**: open items with a due date on or before today, either
  side's, unless the touchpoint they came from is in the trash.

Archived managers are left out of both, as they are of the dashboard. The reminders are read
with the dashboard's handful of queries and one more for the items, so showing them at start
is cheap even for a large team.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from coachjournal.coaching import cadence
from coachjournal.coaching.cadence import CadenceStatus, DashboardRow, KindStatus
from coachjournal.kinds import ActionStatus, Owner
from coachjournal.storage.models import database


@dataclasses.dataclass(frozen=True, slots=True)
class DueItem:
    """An open action item due on or before the day the reminders are for."""

    id: int
    manager_id: int
    text: str
    owner: Owner
    due_on: dt.date
    #: 0 when due today, else how many days late.
    days_late: int

    def describe(self) -> str:
        """ "You: send the pricing sheet (due today)", "Them: … (3 days overdue)"."""
        who = "You" if self.owner is Owner.ME else "Them"
        if self.days_late == 0:
            when = "due today"
        else:
            when = f"{self.days_late} day{'s' if self.days_late != 1 else ''} overdue"
        return f"{who}: {self.text} ({when})"


@dataclasses.dataclass(frozen=True, slots=True)
class ManagerReminder:
    """Everything due today for one manager: their dashboard row and their items due."""

    row: DashboardRow
    items: tuple[DueItem, ...]

    @property
    def manager_id(self) -> int:
        return self.row.manager_id

    @property
    def name(self) -> str:
        return self.row.name

    @property
    def needs(self) -> tuple[KindStatus, ...]:
        """Their due and overdue coaching activities, as the dashboard ranks them."""
        return self.row.needs

    @property
    def overdue(self) -> bool:
        """An activity past its maximum gap or an item past its due date."""
        late_meeting = bool(self.needs) and self.row.status is CadenceStatus.OVERDUE
        return late_meeting or any(item.days_late > 0 for item in self.items)

    def describe(self) -> str:
        """What is due, in one line, in the dashboard's words: "Overdue: One-on-one 20 days ago
        · 2 action items due today"."""
        parts = [self.row.reasons] if self.needs else []
        if len(self.items) == 1:
            parts.append(self.items[0].describe())
        elif self.items:
            late = sum(1 for item in self.items if item.days_late > 0)
            text = f"{len(self.items)} action items due"
            parts.append(f"{text} ({late} overdue)" if late else f"{text} today")
        return " · ".join(parts)


def _managers(count: int) -> str:
    return f"{count} manager{'s' if count != 1 else ''}"


@dataclasses.dataclass(frozen=True, slots=True)
class Reminders:
    """The reminders for ``today``: first the managers due for coaching, in the dashboard's
    order (its top rows), then those with only action items due."""

    today: dt.date
    managers: tuple[ManagerReminder, ...]

    def __bool__(self) -> bool:
        return bool(self.managers)

    @property
    def coaching(self) -> int:
        """How many managers have a coaching activity due or overdue."""
        return sum(1 for manager in self.managers if manager.needs)

    @property
    def coaching_overdue(self) -> int:
        """How many of them have one past its maximum gap."""
        return sum(
            1
            for manager in self.managers
            if manager.needs and manager.row.status is CadenceStatus.OVERDUE
        )

    @property
    def items(self) -> int:
        """How many action items are due today or overdue."""
        return sum(len(manager.items) for manager in self.managers)

    def short(self) -> str:
        """A few words for the status bar's corner: "Due today: 5 managers · 3 items"."""
        parts = []
        if self.coaching:
            parts.append(_managers(self.coaching))
        if self.items:
            parts.append(f"{self.items} item{'s' if self.items != 1 else ''}")
        return f"Due today: {' · '.join(parts)}" if parts else "Nothing is due today"

    def summary(self) -> str:
        """One sentence for the banner, a notification or a tooltip."""
        parts = []
        if self.coaching:
            late = self.coaching_overdue
            detail = f" ({late} overdue)" if late else ""
            parts.append(f"{_managers(self.coaching)} due for coaching{detail}")
        if self.items:
            items = f"{self.items} action item{'s' if self.items != 1 else ''}"
            parts.append(f"{items} due today or overdue")
        if not parts:
            return "Nothing is due today."
        return f"Due today: {' and '.join(parts)}."


_DUE_ITEMS_SQL = """
SELECT a.id, a.manager_id, a.text, a.owner, a.due_on
FROM action_item AS a
JOIN manager AS m ON m.id = a.manager_id
LEFT JOIN touchpoint AS t ON t.id = a.touchpoint_id
WHERE a.status = ? AND a.due_on IS NOT NULL AND a.due_on <= ?
  AND m.archived = 0 AND t.deleted_at IS NULL
ORDER BY a.due_on, a.id
"""


def _due_items(today: dt.date) -> dict[int, list[DueItem]]:
    found: dict[int, list[DueItem]] = {}
    rows = database.execute_sql(_DUE_ITEMS_SQL, (ActionStatus.OPEN.value, today.isoformat()))
    for id_, manager_id, text, owner, due_on in rows:
        due = dt.date.fromisoformat(str(due_on)[:10])
        item = DueItem(id_, manager_id, text, Owner(owner), due, (today - due).days)
        found.setdefault(manager_id, []).append(item)
    return found


def due_today(
    today: dt.date | None = None, rows: Sequence[DashboardRow] | None = None
) -> Reminders:
    """What is due on ``today`` (default: the local date), per manager.

    ``rows`` are :func:`coachjournal.coaching.cadence.dashboard`'s for the same day when the caller
    has just read them (the dashboard on screen), so they are not read twice. The managers due
    for coaching come in the dashboard's order, so the banner lists the table's top rows; those
    with only action items due follow, the latest item first, then by name.
    """
    today = today or dt.date.today()
    items = _due_items(today)
    coaching, other = [], []
    for row in cadence.dashboard(today) if rows is None else rows:
        due = tuple(items.get(row.manager_id, ()))
        if row.needs:
            coaching.append(ManagerReminder(row, due))
        elif due:
            other.append(ManagerReminder(row, due))
    other.sort(key=_lateness)
    return Reminders(today, (*coaching, *other))


def _lateness(manager: ManagerReminder) -> tuple[int, str, int]:
    latest = max(item.days_late for item in manager.items)
    return -latest, manager.name.casefold(), manager.manager_id
