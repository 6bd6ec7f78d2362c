"""What is due today: the reminders the app shows when it starts and while it is open.

Two things need the executive today:

* **one-on-ones past their ideal date**: the one-on-one status of
  :func:`coachjournal.coaching.cadence.dashboard` is *due* or *overdue* (the kinds that count as a
  one-on-one count here too, as on the dashboard);
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
from coachjournal.coaching.cadence import CadenceStatus, KindStatus
from coachjournal.kinds import ActionStatus, Owner, TouchpointKind
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
    """Everything due today for one manager."""

    manager_id: int
    name: str
    team: str
    #: Their one-on-one status when it is past its ideal date, else None.
    one_on_one: KindStatus | None
    items: tuple[DueItem, ...]

    @property
    def overdue(self) -> bool:
        """A one-on-one past its maximum gap or an item past its due date."""
        late_meeting = self.one_on_one is not None and (
            self.one_on_one.status is CadenceStatus.OVERDUE
        )
        return late_meeting or any(item.days_late > 0 for item in self.items)

    def describe(self) -> str:
        """What is due, in one line: "One-on-one 20 days ago (…) · 2 action items due today"
        (the screens put "Overdue" or "Due" in front, from :attr:`overdue`)."""
        parts = []
        if self.one_on_one is not None:
            parts.append(self.one_on_one.describe())
        if len(self.items) == 1:
            parts.append(self.items[0].describe())
        elif self.items:
            late = sum(1 for item in self.items if item.days_late > 0)
            text = f"{len(self.items)} action items due"
            parts.append(f"{text} ({late} overdue)" if late else f"{text} today")
        return " · ".join(parts)


@dataclasses.dataclass(frozen=True, slots=True)
class Reminders:
    """The reminders for ``today``, most pressing manager first."""

    today: dt.date
    managers: tuple[ManagerReminder, ...]

    def __bool__(self) -> bool:
        return bool(self.managers)

    @property
    def one_on_ones(self) -> int:
        """How many managers are past the ideal date of their one-on-one."""
        return sum(1 for manager in self.managers if manager.one_on_one is not None)

    @property
    def items(self) -> int:
        """How many action items are due today or overdue."""
        return sum(len(manager.items) for manager in self.managers)

    def short(self) -> str:
        """A few words for the status bar's corner: "Due today: 5 one-on-ones · 3 items"."""
        parts = []
        if self.one_on_ones:
            parts.append(f"{self.one_on_ones} one-on-one{'s' if self.one_on_ones != 1 else ''}")
        if self.items:
            parts.append(f"{self.items} item{'s' if self.items != 1 else ''}")
        return f"Due today: {' · '.join(parts)}" if parts else "Nothing is due today"

    def summary(self) -> str:
        """One sentence for a notification or a tooltip."""
        parts = []
        if self.one_on_ones:
            people = f"{self.one_on_ones} manager{'s' if self.one_on_ones != 1 else ''}"
            parts.append(f"{people} past the ideal date for a one-on-one")
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
    today: dt.date | None = None, rows: Sequence[cadence.DashboardRow] | None = None
) -> Reminders:
    """What is due on ``today`` (default: the local date), per manager.

    ``rows`` are :func:`coachjournal.coaching.cadence.dashboard`'s for the same day when the caller
    has just read them (the dashboard on screen), so they are not read twice.
    Most pressing first: anything overdue before what is merely due today, then the furthest
    past its date, then by name.
    """
    today = today or dt.date.today()
    items = _due_items(today)
    managers = []
    for row in cadence.dashboard(today) if rows is None else rows:
        meeting = row.kind(TouchpointKind.ONE_ON_ONE)
        late = (
            meeting
            if meeting is not None and meeting.status is not CadenceStatus.ON_TRACK
            else None
        )
        due = tuple(items.get(row.manager_id, ()))
        if late is None and not due:
            continue
        managers.append(ManagerReminder(row.manager_id, row.name, row.team, late, due))
    managers.sort(key=_urgency)
    return Reminders(today, tuple(managers))


def _urgency(manager: ManagerReminder) -> tuple[bool, int, str, int]:
    meeting = manager.one_on_one
    lateness = max(
        [item.days_late for item in manager.items]
        + ([meeting.days_past_due] if meeting is not None else [])
    )
    return not manager.overdue, -lateness, manager.name.casefold(), manager.manager_id
