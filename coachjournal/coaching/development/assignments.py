"""Growth assignments: the stretch work a manager takes on to develop a skill.

An assignment moves ``planned → active → done | dropped``; a planned one may also be dropped,
and a done or dropped one reopened (back to active). Done needs a completion date (not in the
future, not before the assigned day); a due date before the assigned date is refused. Each rule
is enforced with a :class:`ValidationError` that says what to do. Touchpoints in the trash are
not counted as work on an assignment; their links stay, and count again when the touchpoint is
restored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import StrEnum
from typing import Any

from peewee import JOIN, fn

from coachjournal import rules
from coachjournal.coaching.development._shared import (
    LinkedTouchpoint,
    as_date,
    checked_day,
    checked_rating,
    linked_touchpoints,
    long_text,
    one_line,
    touchpoint_columns,
    tuples,
)
from coachjournal.errors import ValidationError
from coachjournal.kinds import AssignmentStatus
from coachjournal.periods import quarter_start
from coachjournal.storage.models import (
    Assignment,
    Manager,
    Touchpoint,
    Trait,
    database,
    utcnow,
)

MAX_SKILL = rules.SKILL.limit

_STATUS_LABELS = {
    AssignmentStatus.PLANNED: "Planned",
    AssignmentStatus.ACTIVE: "Active",
    AssignmentStatus.DONE: "Done",
    AssignmentStatus.DROPPED: "Dropped",
}

#: The status changes a user may make.
TRANSITIONS: dict[AssignmentStatus, frozenset[AssignmentStatus]] = {
    AssignmentStatus.PLANNED: frozenset({AssignmentStatus.ACTIVE, AssignmentStatus.DROPPED}),
    AssignmentStatus.ACTIVE: frozenset({AssignmentStatus.DONE, AssignmentStatus.DROPPED}),
    AssignmentStatus.DONE: frozenset({AssignmentStatus.ACTIVE}),
    AssignmentStatus.DROPPED: frozenset({AssignmentStatus.ACTIVE}),
}
OPEN_STATUSES = frozenset({AssignmentStatus.PLANNED, AssignmentStatus.ACTIVE})


def status_label(status: AssignmentStatus) -> str:
    return _STATUS_LABELS[status]


@dataclasses.dataclass(frozen=True, slots=True)
class AssignmentState:
    """The part of an assignment a status change touches, checked together."""

    status: AssignmentStatus
    assigned_on: dt.date | None
    completed_on: dt.date | None


@dataclasses.dataclass(frozen=True, slots=True)
class AssignmentRecord:
    id: int
    manager_id: int
    title: str
    status: AssignmentStatus = AssignmentStatus.PLANNED
    trait_id: int | None = None
    skill: str = ""
    description: str = ""
    assigned_on: dt.date | None = None
    due_on: dt.date | None = None
    completed_on: dt.date | None = None
    outcome: str = ""
    outcome_rating: int | None = None
    reflection: str = ""
    manager_name: str = ""
    #: Touchpoints (not in the trash) that worked on it.
    touchpoints: int = 0

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def days_overdue(self, today: dt.date) -> int:
        """Days past the due date of a planned or active assignment; 0 if not overdue."""
        if not self.is_open or self.due_on is None or self.due_on >= today:
            return 0
        return (today - self.due_on).days

    def is_overdue(self, today: dt.date) -> bool:
        return self.days_overdue(today) > 0

    def finished_in_quarter_of(self, day: dt.date) -> bool:
        return (
            self.status is AssignmentStatus.DONE
            and self.completed_on is not None
            and quarter_start(self.completed_on) == quarter_start(day)
        )


class AssignmentView(StrEnum):
    """The team view's filters."""

    OPEN = "open"
    ACTIVE = "active"
    OVERDUE = "overdue"
    PLANNED = "planned"
    FINISHED_THIS_QUARTER = "finished_this_quarter"
    ALL = "all"

    @property
    def label(self) -> str:
        return _VIEW_LABELS[self]

    def matches(self, record: AssignmentRecord, today: dt.date) -> bool:
        if self is AssignmentView.OPEN:
            return record.is_open
        if self is AssignmentView.ACTIVE:
            return record.status is AssignmentStatus.ACTIVE
        if self is AssignmentView.OVERDUE:
            return record.is_overdue(today)
        if self is AssignmentView.PLANNED:
            return record.status is AssignmentStatus.PLANNED
        if self is AssignmentView.FINISHED_THIS_QUARTER:
            return record.finished_in_quarter_of(today)
        return True


_VIEW_LABELS = {
    AssignmentView.OPEN: "Planned or active",
    AssignmentView.ACTIVE: "Active",
    AssignmentView.OVERDUE: "Overdue",
    AssignmentView.PLANNED: "Planned",
    AssignmentView.FINISHED_THIS_QUARTER: "Finished this quarter",
    AssignmentView.ALL: "All assignments",
}


def _assignments(*conditions: Any) -> list[AssignmentRecord]:
    worked = (
        Touchpoint.select(fn.COUNT(Touchpoint.id))
        .where(Touchpoint.assignment == Assignment.id, Touchpoint.deleted_at.is_null())
        .alias("worked")
    )
    query = Assignment.select(
        Assignment.id,
        Assignment.manager,
        Assignment.title,
        Assignment.status,
        Assignment.trait,
        Assignment.skill,
        Assignment.description,
        Assignment.assigned_on,
        Assignment.due_on,
        Assignment.completed_on,
        Assignment.outcome,
        Assignment.outcome_rating,
        Assignment.reflection,
        Manager.name,
        worked,
    ).join(Manager, JOIN.INNER, on=(Assignment.manager == Manager.id))
    if conditions:
        query = query.where(*conditions)
    records = [
        AssignmentRecord(
            id=row[0],
            manager_id=row[1],
            title=row[2],
            status=AssignmentStatus(row[3]),
            trait_id=row[4],
            skill=row[5],
            description=row[6],
            assigned_on=as_date(row[7]),
            due_on=as_date(row[8]),
            completed_on=as_date(row[9]),
            outcome=row[10],
            outcome_rating=row[11],
            reflection=row[12],
            manager_name=row[13],
            touchpoints=row[14],
        )
        for row in tuples(query)
    ]
    return sorted(records, key=_assignment_order)


def _assignment_order(record: AssignmentRecord) -> tuple[int, int, int]:
    """Open assignments first, soonest due first (no due date last); then finished ones, the
    most recently finished first."""
    if record.is_open:
        due = record.due_on.toordinal() if record.due_on else dt.date.max.toordinal()
        return 0, due, record.id
    finished = record.completed_on or record.due_on or record.assigned_on or dt.date.min
    return 1, -finished.toordinal(), -record.id


def list_assignments(manager_id: int) -> list[AssignmentRecord]:
    """The manager's assignments: open ones first (soonest due first), then finished ones."""
    return _assignments(Assignment.manager == manager_id)


def get_assignment(assignment_id: int) -> AssignmentRecord:
    found = _assignments(Assignment.id == assignment_id)
    if not found:
        raise LookupError(f"no assignment {assignment_id}")
    return found[0]


def team_assignments(
    view: AssignmentView = AssignmentView.ALL,
    *,
    today: dt.date | None = None,
    include_archived: bool = False,
) -> list[AssignmentRecord]:
    """Every manager's assignments that ``view`` keeps (archived managers left out unless
    asked for): one query for the whole team."""
    today = today or dt.date.today()
    conditions = [] if include_archived else [Manager.archived == False]  # noqa: E712
    return [record for record in _assignments(*conditions) if view.matches(record, today)]


def _check_dates(
    assigned_on: dt.date | None, due_on: dt.date | None, completed_on: dt.date | None
) -> None:
    if assigned_on is not None and due_on is not None and due_on < assigned_on:
        raise ValidationError(
            "due_on",
            f"The due date ({due_on:%d %b %Y}) is before the assigned date "
            f"({assigned_on:%d %b %Y}): set a due date on or after it.",
        )
    if assigned_on is not None and completed_on is not None and completed_on < assigned_on:
        raise ValidationError(
            "completed_on",
            f"The completion date ({completed_on:%d %b %Y}) is before the assigned date "
            f"({assigned_on:%d %b %Y}).",
        )


def _check_state(state: AssignmentState, due_on: dt.date | None, today: dt.date) -> None:
    if state.status is AssignmentStatus.DONE:
        if state.completed_on is None:
            raise ValidationError(
                "completed_on", "An assignment cannot be done without a completion date."
            )
        if state.completed_on > today:
            raise ValidationError("completed_on", "The completion date cannot be in the future.")
    elif state.completed_on is not None:
        raise ValidationError(
            "completed_on", "Only a done assignment has a completion date: mark it done first."
        )
    _check_dates(state.assigned_on, due_on, state.completed_on)


_ASSIGNMENT_FIELDS = frozenset(
    {
        "title",
        "trait_id",
        "skill",
        "description",
        "assigned_on",
        "due_on",
        "completed_on",
        "outcome",
        "outcome_rating",
        "reflection",
    }
)
_DATE_WORDS = {
    "assigned_on": "assigned date",
    "due_on": "due date",
    "completed_on": "completion date",
}


def _clean_assignment(manager_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field, value in changes.items():
        if field not in _ASSIGNMENT_FIELDS:
            raise ValueError(f"{field!r} is not an editable assignment field")
        if field == "title":
            values[field] = one_line(field, value, rules.TITLE, "Give the assignment a title.")
        elif field == "skill":
            text = " ".join(str(value).split())
            if len(text) > MAX_SKILL:
                raise ValidationError(field, f"Keep it under {MAX_SKILL} characters.")
            values[field] = rules.checked(field, text, rules.SKILL)
        elif field in ("description", "outcome", "reflection"):
            values[field] = long_text(field, value)
        elif field in _DATE_WORDS:
            values[field] = checked_day(field, value, _DATE_WORDS[field])
        elif field == "outcome_rating":
            values[field] = (
                None if value is None else checked_rating(field, value, "How well it went")
            )
        elif field == "trait_id":
            values[field] = value
            if value is not None:
                owner, skill = (
                    tuples(Trait.select(Trait.manager, Trait.skill).where(Trait.id == value))
                    or [(None, "")]
                )[0]
                if owner != manager_id:
                    raise ValidationError(field, "Choose one of this manager's skills.")
                values.setdefault("skill", skill)
    return values


def _columns(values: dict[str, Any]) -> dict[str, Any]:
    return {("trait" if key == "trait_id" else key): value for key, value in values.items()}


def add_assignment(
    manager_id: int,
    title: str,
    *,
    trait_id: int | None = None,
    skill: str = "",
    description: str = "",
    assigned_on: dt.date | None = None,
    due_on: dt.date | None = None,
    today: dt.date | None = None,
) -> AssignmentRecord:
    """Plan a growth assignment. Linked to a trait, it takes that trait's skill."""
    today = today or dt.date.today()
    if not Manager.select().where(Manager.id == manager_id).exists():
        raise ValidationError("manager_id", "Choose the manager this is for.")
    values = _clean_assignment(
        manager_id,
        {
            "title": title,
            "skill": skill,
            "description": description,
            "assigned_on": assigned_on,
            "due_on": due_on,
        },
    )
    if trait_id is not None:
        values.pop("skill")
        values.update(_clean_assignment(manager_id, {"trait_id": trait_id}))
    _check_dates(values["assigned_on"], values["due_on"], None)
    now = utcnow()
    assignment = Assignment.create(
        manager=manager_id,
        status=AssignmentStatus.PLANNED.value,
        created_at=now,
        updated_at=now,
        **_columns(values),
    )
    return get_assignment(assignment.id)


def update_assignment(
    assignment_id: int, *, today: dt.date | None = None, **changes: Any
) -> AssignmentRecord:
    """Edit an assignment's fields (its status has :func:`set_assignment_status`); nothing is
    written if any value, or the dates together, are invalid."""
    today = today or dt.date.today()
    current = get_assignment(assignment_id)
    values = _clean_assignment(current.manager_id, changes)
    assigned = values.get("assigned_on", current.assigned_on)
    due = values.get("due_on", current.due_on)
    completed = values.get("completed_on", current.completed_on)
    _check_state(AssignmentState(current.status, assigned, completed), due, today)
    with database.atomic():
        Assignment.update(**_columns(values), updated_at=utcnow()).where(
            Assignment.id == assignment_id
        ).execute()
    return get_assignment(assignment_id)


def set_assignment_status(
    assignment_id: int,
    status: AssignmentStatus | str,
    *,
    on: dt.date | None = None,
    today: dt.date | None = None,
) -> AssignmentRecord:
    """Move an assignment along ``planned → active → done | dropped`` (or reopen it).

    ``on`` is the day it happened: the completion date when it is done (required), the
    assigned date when a planned assignment starts without one (today by default). Reopening
    clears the completion date.
    """
    today = today or dt.date.today()
    status = AssignmentStatus(status)
    current = get_assignment(assignment_id)
    if status is current.status:
        return current
    if status not in TRANSITIONS[current.status]:
        raise ValidationError("status", _refusal(current.status, status))
    field, what = (
        ("completed_on", "completion date")
        if status is AssignmentStatus.DONE
        else ("assigned_on", "start date")
    )
    day = checked_day(field, on, what)
    assigned, completed = current.assigned_on, None
    if status is AssignmentStatus.DONE:
        completed = day
    elif status is AssignmentStatus.ACTIVE and assigned is None:
        assigned = day or today
    state = AssignmentState(status, assigned, completed)
    _check_state(state, current.due_on, today)
    Assignment.update(
        status=state.status.value,
        assigned_on=state.assigned_on,
        completed_on=state.completed_on,
        updated_at=utcnow(),
    ).where(Assignment.id == assignment_id).execute()
    return get_assignment(assignment_id)


def _refusal(current: AssignmentStatus, wanted: AssignmentStatus) -> str:
    if wanted is AssignmentStatus.DONE and current is AssignmentStatus.PLANNED:
        return "Start the assignment (make it active) before marking it done."
    if wanted is AssignmentStatus.PLANNED:
        return "A started assignment cannot go back to planned: drop it, or keep it active."
    return f"A {status_label(current).lower()} assignment cannot become {wanted.value}: reopen it."


def assignment_touchpoints(assignment_id: int) -> list[LinkedTouchpoint]:
    """The touchpoints that worked on an assignment, newest first (trash left out)."""
    query = (
        Touchpoint.select(*touchpoint_columns())
        .where(Touchpoint.assignment == assignment_id, Touchpoint.deleted_at.is_null())
        .order_by(Touchpoint.occurred_at.desc(), Touchpoint.id.desc())
    )
    return linked_touchpoints(query)


def delete_assignment(assignment_id: int) -> AssignmentRecord:
    """Delete an assignment; its touchpoints stay, unlinked. Returns it as it was."""
    record = get_assignment(assignment_id)
    Assignment.delete_by_id(assignment_id)
    return record
