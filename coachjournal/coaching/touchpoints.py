"""The coaching journal: touchpoints, their action items, the timeline, drafts and the trash.

A touchpoint is one coaching contact with one or more managers, its **attendees**: a one-on-one
has one, a team huddle many, a field visit two managers came to has two. The first attendee is
the touchpoint's ``manager_id``, the journal it was written in (its linked assignment is theirs);
every attendee's journal, cadence, prep sheet and search show it, and each attendee has a note
of their own (what the executive observed about them there) besides the notes shared by all.

Its action items are commitments, each belonging to one attendee and owned by the executive
("me") or that manager ("them"); open ones carry over from one conversation to the next until
they are done or dropped, whichever touchpoint they were written in. Deleting a touchpoint moves
it to the trash (for all its attendees: it is one meeting), from which it can be restored; only
emptying the trash (or deleting one entry from it) removes it for good.

A meeting logged once per manager before touchpoints had attendees (same kind, start and
summary) is found by :func:`meetings_logged_twice` and merged by :func:`merge_touchpoints` only
when the user asks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from peewee import JOIN, fn

from coachjournal import rules
from coachjournal.errors import ValidationError
from coachjournal.kinds import ActionStatus, Owner, TouchpointKind
from coachjournal.storage.models import (
    ActionItem,
    Assignment,
    Draft,
    Manager,
    Touchpoint,
    TouchpointAttendee,
    TraitEvidence,
    database,
    utcnow,
)

#: A page of the timeline: enough to fill a tall window (60 rows of 22 pixels: a 1,320-pixel
#: list), small enough to load in a blink; the list reads the next page as it is scrolled. On a
#: journal whose every week has a huddle of 100 managers, a page of 200 rows read 10,000 names
#: of other attendees (15 ms of the 50 a manager's page may take to open).
PAGE_SIZE = 60
MAX_DURATION_MINUTES = rules.DURATION_MINUTES.high
MAX_SUMMARY = rules.SUMMARY.limit
#: Kind-specific fields, shown (and kept) only for the kinds that need them.
KIND_FIELDS: dict[TouchpointKind, tuple[str, ...]] = {
    TouchpointKind.FIELD_VISIT: ("account", "objective", "observations", "debrief"),
    TouchpointKind.CAREER: ("aspiration",),
}
TEXT_FIELDS = ("summary", "notes", "account", "objective", "observations", "debrief", "aspiration")
EDITABLE_FIELDS = (
    "manager_id",
    "occurred_at",
    "kind",
    "duration_minutes",
    "mood",
    "assignment_id",
    *TEXT_FIELDS,
)


#: Attendees a touchpoint can have at most: a whole large organisation in one meeting.
MAX_ATTENDEES = 1_000


@dataclasses.dataclass(frozen=True, slots=True)
class Attendee:
    """A manager at a touchpoint, with what the executive observed about them there."""

    manager_id: int
    name: str
    note: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class TouchpointRecord:
    id: int
    #: The first attendee: the journal the touchpoint was written in.
    manager_id: int
    occurred_at: dt.datetime
    kind: TouchpointKind
    duration_minutes: int | None = None
    summary: str = ""
    notes: str = ""
    mood: int | None = None
    assignment_id: int | None = None
    account: str = ""
    objective: str = ""
    observations: str = ""
    debrief: str = ""
    aspiration: str = ""
    deleted_at: dt.datetime | None = None
    #: Everyone who was there, the first being ``manager_id``.
    attendees: tuple[Attendee, ...] = ()

    @property
    def attendee_ids(self) -> tuple[int, ...]:
        return tuple(attendee.manager_id for attendee in self.attendees)


def with_line(names: Sequence[str], shown: int = 2) -> str:
    """ "with Ana, Ben +3": who else was there, as a timeline row or the reading pane says it
    ("" when nobody else was)."""
    if not names:
        return ""
    head = ", ".join(names[:shown])
    rest = len(names) - shown
    return f"with {head} +{rest}" if rest > 0 else f"with {head}"


@dataclasses.dataclass(frozen=True, slots=True)
class ActionItemRecord:
    id: int
    manager_id: int
    touchpoint_id: int | None
    text: str
    owner: Owner
    due_on: dt.date | None
    status: ActionStatus
    closed_on: dt.date | None
    #: When the touchpoint it came from took place (None for an item written on its own).
    written_at: dt.datetime | None = None

    def is_overdue(self, today: dt.date) -> bool:
        return self.status == ActionStatus.OPEN and self.due_on is not None and self.due_on < today


@dataclasses.dataclass(frozen=True, slots=True)
class TimelineRow:
    """One line of a manager's timeline."""

    id: int
    occurred_at: dt.datetime
    kind: TouchpointKind
    summary: str
    duration_minutes: int | None
    mood: int | None
    open_items: int
    #: The other attendees' names (not the journal's own manager), in their order.
    others: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class TimelineFilter:
    """Which touchpoints a timeline shows: some kinds only, and/or a date range (inclusive)."""

    kinds: frozenset[TouchpointKind] = frozenset()
    start: dt.date | None = None
    end: dt.date | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class TrashRow:
    id: int
    manager_name: str
    occurred_at: dt.datetime
    kind: TouchpointKind
    summary: str
    deleted_at: dt.datetime


def attendees_of(touchpoint_ids: Iterable[int]) -> dict[int, tuple[Attendee, ...]]:
    """Each touchpoint's attendees, in their order (one query per 500 touchpoints)."""
    ids = list(touchpoint_ids)
    found: dict[int, list[Attendee]] = {id_: [] for id_ in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        # Plain rows, not peewee's: a page of the timeline of 50 weekly huddles of the whole
        # team is 10,000 attendees (60 ms through the ORM's row objects, 6 ms as tuples).
        rows = database.execute_sql(
            "SELECT a.touchpoint_id, a.manager_id, m.name, a.note "
            "FROM touchpoint_attendee AS a JOIN manager AS m ON m.id = a.manager_id "
            f"WHERE a.touchpoint_id IN ({', '.join('?' * len(chunk))}) "
            "ORDER BY a.touchpoint_id, a.position, a.id",
            chunk,
        )
        for touchpoint_id, manager_id, name, note in rows:
            found[touchpoint_id].append(Attendee(manager_id, name, note))
    return {id_: tuple(attendees) for id_, attendees in found.items()}


def texts_of(touchpoint_ids: Iterable[int]) -> dict[int, tuple[str, str, str, str]]:
    """Each touchpoint's notes, observations, debrief and aspiration (one query per 500), for a
    list of entries that quotes them without reading each whole touchpoint."""
    ids = list(touchpoint_ids)
    found: dict[int, tuple[str, str, str, str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = database.execute_sql(
            "SELECT id, notes, observations, debrief, aspiration FROM touchpoint "
            f"WHERE id IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        found.update(
            (id_, (notes, observations, debrief, aspiration))
            for id_, notes, observations, debrief, aspiration in rows
        )
    return found


def _record(row: dict[str, Any]) -> TouchpointRecord:
    """A record from a ``Touchpoint.select().dicts()`` row (foreign keys come as ids)."""
    return TouchpointRecord(
        id=row["id"],
        manager_id=row["manager"],
        occurred_at=_datetime(row["occurred_at"]),
        kind=TouchpointKind(row["kind"]),
        duration_minutes=row["duration_minutes"],
        summary=row["summary"],
        notes=row["notes"],
        mood=row["mood"],
        assignment_id=row["assignment"],
        account=row["account"],
        objective=row["objective"],
        observations=row["observations"],
        debrief=row["debrief"],
        aspiration=row["aspiration"],
        deleted_at=_datetime(row["deleted_at"]) if row["deleted_at"] is not None else None,
        attendees=attendees_of([row["id"]])[row["id"]],
    )


def _tuples(query: Any) -> list[tuple[Any, ...]]:
    """A query's rows as plain tuples (peewee's type stubs describe them as model instances)."""
    return list(query.tuples())


def _clean(field: str, value: Any) -> Any:
    """Validate one touchpoint field; raise ValidationError with a sentence for the user."""
    if field == "manager_id":
        if not Manager.select().where(Manager.id == value).exists():
            raise ValidationError(field, "Choose the manager this touchpoint was with.")
        return value
    if field == "occurred_at":
        if not isinstance(value, dt.datetime):
            raise ValidationError(field, "Enter the date and time of the touchpoint.")
        if not rules.plausible_day(value):
            raise ValidationError(field, f"{value:%Y} is not a plausible year for a touchpoint.")
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if field == "kind":
        try:
            return TouchpointKind(value)
        except ValueError:
            raise ValidationError(field, f"“{value}” is not a kind of touchpoint.") from None
    if field == "duration_minutes":
        if value is None:
            return None
        if not _whole(value) or not rules.DURATION_MINUTES.allows(value):
            raise ValidationError(field, "The duration must be between 0 and 24 hours.")
        return value
    if field == "mood":
        if value is None:
            return None
        if not _whole(value) or not rules.RATING.allows(value):
            raise ValidationError(field, "Mood is rated from 1 to 5.")
        return value
    if field == "assignment_id":
        return value
    if field == "summary":
        text = str(value).strip()
        if len(text) > MAX_SUMMARY:
            raise ValidationError(field, f"Keep the summary under {MAX_SUMMARY} characters.")
        return rules.checked(field, text, rules.SUMMARY, "The summary")
    if field in TEXT_FIELDS:
        return rules.checked(field, str(value), rules.text_rule("touchpoint", field))
    raise ValueError(f"{field!r} is not a touchpoint field")


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _columns(changes: dict[str, Any]) -> dict[str, Any]:
    values = {field: _clean(field, value) for field, value in changes.items()}
    if "assignment_id" in values and values["assignment_id"] is not None:
        owner = Assignment.select(Assignment.manager).where(
            Assignment.id == values["assignment_id"]
        )
        manager = values.get("manager_id")
        if manager is not None and owner.scalar() != manager:
            raise ValidationError("assignment_id", "That assignment belongs to someone else.")
    return {
        ("manager" if k == "manager_id" else "assignment" if k == "assignment_id" else k): v
        for k, v in values.items()
    }


def _clean_attendees(lead: int, others: Iterable[int]) -> list[int]:
    """The attendees in order, the lead first, each once; raises ValidationError for a
    manager who is not in the journal or for too many."""
    chosen = list(dict.fromkeys([lead, *others]))
    if len(chosen) > MAX_ATTENDEES:
        raise ValidationError(
            "attendees", f"A touchpoint can have at most {MAX_ATTENDEES:,} managers."
        )
    known = {row[0] for row in _tuples(Manager.select(Manager.id).where(Manager.id.in_(chosen)))}
    if len(known) < len(chosen):
        raise ValidationError("attendees", "Choose managers who are in the journal.")
    return chosen


def _clean_observed(observed: Mapping[int, str], attendees: Sequence[int]) -> dict[int, str]:
    """The per-attendee notes, checked as a touchpoint's notes are; only for attendees."""
    rule = rules.text_rule("touchpoint_attendee", "note")
    cleaned = {}
    for manager_id, note in observed.items():
        if manager_id not in attendees:
            raise ValidationError("observed", "Notes can only be kept about someone who was there.")
        cleaned[manager_id] = rules.checked("observed", str(note), rule, "A note about a manager")
    return cleaned


def _write_attendees(
    touchpoint_id: int, attendees: Sequence[int], observed: Mapping[int, str]
) -> None:
    """Make the touchpoint's attendees exactly ``attendees`` (in that order), keeping each one's
    note unless ``observed`` gives a new one."""
    current = {
        row[0]: row[1]
        for row in _tuples(
            TouchpointAttendee.select(TouchpointAttendee.manager, TouchpointAttendee.id).where(
                TouchpointAttendee.touchpoint == touchpoint_id
            )
        )
    }
    gone = [current[m] for m in current if m not in attendees]
    if gone:
        TouchpointAttendee.delete().where(TouchpointAttendee.id.in_(gone)).execute()
    for position, manager_id in enumerate(attendees):
        changes: dict[str, Any] = {"position": position}
        if manager_id in observed:
            changes["note"] = observed[manager_id]
        if manager_id in current:
            TouchpointAttendee.update(**changes).where(
                TouchpointAttendee.id == current[manager_id]
            ).execute()
        else:
            TouchpointAttendee.create(
                touchpoint=touchpoint_id, manager=manager_id, **{"note": "", **changes}
            )


def create_touchpoint(
    manager_id: int,
    occurred_at: dt.datetime,
    kind: TouchpointKind | str,
    *,
    with_managers: Sequence[int] = (),
    observed: Mapping[int, str] | None = None,
    **fields: Any,
) -> TouchpointRecord:
    """Log a touchpoint with ``manager_id`` and the managers ``with_managers`` (and a note
    about any of them in ``observed``); raises ValidationError (and writes nothing) if a value
    is bad."""
    values = _columns(
        {"manager_id": manager_id, "occurred_at": occurred_at, "kind": kind, **fields}
    )
    attendees = _clean_attendees(manager_id, with_managers)
    notes = _clean_observed(observed or {}, attendees)
    now = utcnow()
    with database.atomic():
        touchpoint = Touchpoint.create(**values, created_at=now, updated_at=now)
        _write_attendees(touchpoint.id, attendees, notes)
    return get_touchpoint(touchpoint.id)


@dataclasses.dataclass(frozen=True, slots=True)
class NewActionItem:
    """An action item written together with a new touchpoint."""

    text: str
    owner: Owner = Owner.THEM
    due_on: dt.date | None = None
    done: bool = False
    #: The attendee it belongs to (the touchpoint's own manager when None).
    manager_id: int | None = None


def log_touchpoint(
    manager_id: int,
    occurred_at: dt.datetime,
    kind: TouchpointKind | str,
    items: Sequence[NewActionItem] = (),
    draft_id: int | None = None,
    **fields: Any,
) -> TouchpointRecord:
    """Save a new touchpoint with its action items, and drop its draft, all or nothing.

    Items that show no text are skipped (an empty row left in the editor); items marked done are
    closed on the day of the touchpoint. Each item belongs to one attendee (see
    :class:`NewActionItem`).
    """
    with database.atomic():
        record = create_touchpoint(manager_id, occurred_at, kind, **fields)
        for item in items:
            if not rules.shows(item.text):
                continue
            person = manager_id if item.manager_id is None else item.manager_id
            if person not in record.attendee_ids:
                raise ValidationError(
                    "items", "An action item belongs to one of the managers who were there."
                )
            added = add_action_item(person, item.text, item.owner, item.due_on, record.id)
            if item.done:
                set_action_status(added.id, ActionStatus.DONE, on=record.occurred_at.date())
        if draft_id is not None:
            discard_draft(draft_id)
    return record


def get_touchpoint(touchpoint_id: int) -> TouchpointRecord:
    query: Any = Touchpoint.select().where(Touchpoint.id == touchpoint_id).dicts()
    return _record(query.get())


def find_touchpoint(touchpoint_id: int) -> TouchpointRecord | None:
    """The touchpoint, or None when it is not in the journal (an undo took its logging back)."""
    row = Touchpoint.select().where(Touchpoint.id == touchpoint_id).dicts().first()
    return None if row is None else _record(row)


def update_touchpoint(
    touchpoint_id: int,
    *,
    with_managers: Sequence[int] | None = None,
    observed: Mapping[int, str] | None = None,
    **changes: Any,
) -> TouchpointRecord:
    """Save edits; nothing is written if any value is invalid.

    ``manager_id`` changes the first attendee; ``with_managers`` (when given) are all the
    others. Without ``with_managers``, the others stay, minus the new first one. Action items
    of a manager who is no longer there go to the first attendee (nothing is lost)."""
    current = get_touchpoint(touchpoint_id)
    lead = changes.get("manager_id", current.manager_id)
    if "assignment_id" in changes and "manager_id" not in changes:
        changes = {**changes, "manager_id": current.manager_id}
    values = _columns(changes)
    others = current.attendee_ids[1:] if with_managers is None else with_managers
    if "manager_id" in changes and with_managers is None and lead != current.manager_id:
        others = tuple(m for m in others if m != lead)
    attendees = _clean_attendees(lead, others)
    notes = _clean_observed(observed or {}, attendees)
    with database.atomic():
        Touchpoint.update(**values, updated_at=utcnow()).where(
            Touchpoint.id == touchpoint_id
        ).execute()
        _write_attendees(touchpoint_id, attendees, notes)
        ActionItem.update(manager=lead).where(
            ActionItem.touchpoint == touchpoint_id, ActionItem.manager.not_in(attendees)
        ).execute()
        return get_touchpoint(touchpoint_id)


def trash_touchpoint(touchpoint_id: int) -> None:
    """Move a touchpoint (with its action items) to the trash."""
    Touchpoint.update(deleted_at=utcnow()).where(Touchpoint.id == touchpoint_id).execute()


def restore_touchpoint(touchpoint_id: int) -> None:
    Touchpoint.update(deleted_at=None).where(Touchpoint.id == touchpoint_id).execute()


def trash() -> list[TrashRow]:
    """What is in the trash, most recently deleted first."""
    query = (
        Touchpoint.select(
            Touchpoint.id,
            Manager.name,
            Touchpoint.occurred_at,
            Touchpoint.kind,
            Touchpoint.summary,
            Touchpoint.deleted_at,
        )
        .join(Manager)
        .where(Touchpoint.deleted_at.is_null(False))
        .order_by(Touchpoint.deleted_at.desc(), Touchpoint.id.desc())
    )
    return [
        TrashRow(
            row[0], row[1], _datetime(row[2]), TouchpointKind(row[3]), row[4], _datetime(row[5])
        )
        for row in _tuples(query)
    ]


def delete_forever(touchpoint_ids: Iterable[int]) -> int:
    """Remove trashed touchpoints for good (only ones in the trash); return how many."""
    ids = list(touchpoint_ids)
    with database.atomic():
        deleted: int = (
            Touchpoint.delete()
            .where(Touchpoint.id.in_(ids), Touchpoint.deleted_at.is_null(False))
            .execute()
        )
    return deleted


def empty_trash() -> int:
    with database.atomic():
        deleted: int = Touchpoint.delete().where(Touchpoint.deleted_at.is_null(False)).execute()
    return deleted


def _datetime(value: Any) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def whole_team(manager_id: int) -> list[int]:
    """ "The whole team" for a meeting opened from ``manager_id``: every active manager, that
    one first. The executive's team is their managers; a manager's own Team field names the
    team of reps they lead (one per manager in most journals), so it cannot say who is at the
    executive's huddle."""
    query = (
        Manager.select(Manager.id)
        .where(Manager.archived == False)  # noqa: E712 (peewee expression)
        .order_by(Manager.name, Manager.id)
    )
    others = [row[0] for row in _tuples(query) if row[0] != manager_id]
    return [manager_id, *others]


def attended_by(manager_id: int) -> Any:
    """The condition "``manager_id`` was at the touchpoint", for a query on touchpoints."""
    return Touchpoint.id.in_(
        TouchpointAttendee.select(TouchpointAttendee.touchpoint).where(
            TouchpointAttendee.manager == manager_id
        )
    )


def _timeline_query(manager_id: int, where: TimelineFilter) -> Any:
    conditions = [attended_by(manager_id), Touchpoint.deleted_at.is_null()]
    if where.kinds:
        conditions.append(Touchpoint.kind.in_([kind.value for kind in where.kinds]))
    if where.start is not None:
        conditions.append(Touchpoint.occurred_at >= dt.datetime.combine(where.start, dt.time()))
    if where.end is not None:
        after_end = dt.datetime.combine(where.end + dt.timedelta(days=1), dt.time())
        conditions.append(Touchpoint.occurred_at < after_end)
    return conditions


def timeline_count(manager_id: int, where: TimelineFilter = TimelineFilter()) -> int:
    count: int = Touchpoint.select().where(*_timeline_query(manager_id, where)).count()
    return count


def timeline_page(
    manager_id: int,
    where: TimelineFilter = TimelineFilter(),
    after: tuple[dt.datetime, int] | None = None,
    limit: int = PAGE_SIZE,
) -> list[TimelineRow]:
    """One page of a manager's timeline, newest first.

    Pages are keyed on the last row of the previous page (``after`` = its time and id), so the
    thousandth page costs what the first does.
    """
    conditions = _timeline_query(manager_id, where)
    if after is not None:
        moment, last_id = after
        conditions.append(
            (Touchpoint.occurred_at < moment)
            | ((Touchpoint.occurred_at == moment) & (Touchpoint.id < last_id))
        )
    open_items = ActionItem.select(fn.COUNT(ActionItem.id)).where(
        (ActionItem.touchpoint == Touchpoint.id) & (ActionItem.status == ActionStatus.OPEN.value)
    )
    newest_first = (Touchpoint.occurred_at.desc(), Touchpoint.id.desc())
    # The page's rows are picked first, then their columns read: sorting whole rows (their
    # open items counted) would count the items of every touchpoint the manager attended.
    page = Touchpoint.select(Touchpoint.id).where(*conditions).order_by(*newest_first)
    query = (
        Touchpoint.select(
            Touchpoint.id,
            Touchpoint.occurred_at,
            Touchpoint.kind,
            Touchpoint.summary,
            Touchpoint.duration_minutes,
            Touchpoint.mood,
            open_items.alias("open_items"),
        )
        .where(Touchpoint.id.in_(page.limit(limit)))
        .order_by(*newest_first)
    )
    rows = _tuples(query)
    others = _other_names([row[0] for row in rows], manager_id)
    return [
        TimelineRow(
            row[0],
            _datetime(row[1]),
            TouchpointKind(row[2]),
            row[3],
            row[4],
            row[5],
            row[6],
            others.get(row[0], ()),
        )
        for row in rows
    ]


#: Between names in one SQL value: a control character, which no name may hold.
_UNIT = "\x1f"


def _other_names(touchpoint_ids: list[int], manager_id: int) -> dict[int, tuple[str, ...]]:
    """Each touchpoint's attendees but ``manager_id``, by name in their order: one row per
    touchpoint (a page of 200 weekly huddles of the whole team is 20,000 attendees)."""
    found: dict[int, tuple[str, ...]] = {}
    for start in range(0, len(touchpoint_ids), 500):
        chunk = touchpoint_ids[start : start + 500]
        rows = database.execute_sql(
            "SELECT touchpoint_id, group_concat(name, char(31)) FROM ("
            " SELECT a.touchpoint_id, m.name FROM touchpoint_attendee AS a"
            " JOIN manager AS m ON m.id = a.manager_id"
            f" WHERE a.touchpoint_id IN ({', '.join('?' * len(chunk))}) AND a.manager_id != ?"
            " ORDER BY a.touchpoint_id, a.position, a.id)"
            " GROUP BY touchpoint_id",
            (*chunk, manager_id),
        )
        found.update((id_, tuple(names.split(_UNIT))) for id_, names in rows)
    return found


def _item_record(row: Sequence[Any]) -> ActionItemRecord:
    return ActionItemRecord(
        id=row[0],
        manager_id=row[1],
        touchpoint_id=row[2],
        text=row[3],
        owner=Owner(row[4]),
        due_on=_date(row[5]),
        status=ActionStatus(row[6]),
        closed_on=_date(row[7]),
        written_at=_datetime(row[8]) if row[8] is not None else None,
    )


def _items_query() -> Any:
    return ActionItem.select(
        ActionItem.id,
        ActionItem.manager,
        ActionItem.touchpoint,
        ActionItem.text,
        ActionItem.owner,
        ActionItem.due_on,
        ActionItem.status,
        ActionItem.closed_on,
        Touchpoint.occurred_at,
    ).join(Touchpoint, JOIN.LEFT_OUTER)


def open_action_items(
    manager_id: int, *, excluding_touchpoint: int | None = None
) -> list[ActionItemRecord]:
    """The manager's open commitments, wherever they were written: these carry over into the
    next conversation. Items of trashed touchpoints are left out; those with a due date come
    first, soonest (so most overdue) first, then the rest oldest first."""
    conditions = [
        ActionItem.manager == manager_id,
        ActionItem.status == ActionStatus.OPEN.value,
        Touchpoint.deleted_at.is_null(),
    ]
    if excluding_touchpoint is not None:
        conditions.append(
            ActionItem.touchpoint.is_null() | (ActionItem.touchpoint != excluding_touchpoint)
        )
    query = (
        _items_query()
        .where(*conditions)
        .order_by(ActionItem.due_on.is_null(), ActionItem.due_on, ActionItem.id)
    )
    return [_item_record(row) for row in _tuples(query)]


#: The closed items a manager's journal lists at most, most recently closed first: enough to
#: find and reopen one ticked by mistake, and bounded however long the journal grows.
CLOSED_SHOWN = 50


def _closed(manager_id: int) -> list[Any]:
    return [
        ActionItem.manager == manager_id,
        ActionItem.status != ActionStatus.OPEN.value,
        Touchpoint.deleted_at.is_null(),
    ]


def closed_action_items(manager_id: int, limit: int = CLOSED_SHOWN) -> list[ActionItemRecord]:
    """The manager's done and dropped items, most recently closed first (at most ``limit``),
    so they stay in sight and can be reopened. Items of trashed touchpoints are left out, as
    from the open ones."""
    query = (
        _items_query()
        .where(*_closed(manager_id))
        .order_by(ActionItem.closed_on.is_null(), ActionItem.closed_on.desc(), ActionItem.id.desc())
        .limit(limit)
    )
    return [_item_record(row) for row in _tuples(query)]


def count_closed_action_items(manager_id: int) -> int:
    count: int = (
        ActionItem.select().join(Touchpoint, JOIN.LEFT_OUTER).where(*_closed(manager_id)).count()
    )
    return count


def action_items_of(touchpoint_id: int) -> list[ActionItemRecord]:
    query = _items_query().where(ActionItem.touchpoint == touchpoint_id).order_by(ActionItem.id)
    return [_item_record(row) for row in _tuples(query)]


def _clean_item(text: str, owner: Owner | str, due_on: dt.date | None) -> dict[str, Any]:
    if not rules.shows(text):
        raise ValidationError("text", "Write what needs doing.")
    text = rules.checked("text", text.strip(), rules.ACTION, "An action item")
    try:
        owner = Owner(owner)
    except ValueError:
        raise ValidationError("owner", "An action item is owned by you or by them.") from None
    if due_on is not None and not isinstance(due_on, dt.date):
        raise ValidationError("due_on", "The due date must be a date.")
    if due_on is not None and not rules.plausible_day(due_on):
        raise ValidationError("due_on", f"{due_on:%Y} is not a plausible year for a due date.")
    return {"text": text, "owner": owner.value, "due_on": due_on}


def add_action_item(
    manager_id: int,
    text: str,
    owner: Owner | str = Owner.THEM,
    due_on: dt.date | None = None,
    touchpoint_id: int | None = None,
) -> ActionItemRecord:
    values = _clean_item(text, owner, due_on)
    item = ActionItem.create(manager=manager_id, touchpoint=touchpoint_id, **values)
    return get_action_item(item.id)


def get_action_item(item_id: int) -> ActionItemRecord:
    (row,) = _tuples(_items_query().where(ActionItem.id == item_id))
    return _item_record(row)


def update_action_item(
    item_id: int, *, text: str, owner: Owner | str, due_on: dt.date | None
) -> ActionItemRecord:
    values = _clean_item(text, owner, due_on)
    ActionItem.update(**values).where(ActionItem.id == item_id).execute()
    return get_action_item(item_id)


def set_action_status(
    item_id: int, status: ActionStatus | str, on: dt.date | None = None
) -> ActionItemRecord:
    """Mark an item done or dropped (stamped with the day), or open it again."""
    status = ActionStatus(status)
    closed_on = None if status == ActionStatus.OPEN else (on or dt.date.today())
    ActionItem.update(status=status.value, closed_on=closed_on).where(
        ActionItem.id == item_id
    ).execute()
    return get_action_item(item_id)


def delete_action_item(item_id: int) -> None:
    ActionItem.delete_by_id(item_id)


def active_assignments(manager_id: int) -> list[tuple[int, str]]:
    """(id, title) of the manager's planned and active assignments, for linking a touchpoint."""
    query = (
        Assignment.select(Assignment.id, Assignment.title)
        .where(Assignment.manager == manager_id, Assignment.status.in_(["planned", "active"]))
        .order_by(Assignment.due_on.is_null(), Assignment.due_on, Assignment.id)
    )
    return [(row[0], row[1]) for row in _tuples(query)]


def save_draft(draft_id: int | None, manager_id: int, payload: dict[str, Any]) -> int:
    """Keep an unsaved entry's fields (JSON) so they survive a crash; return the draft's id."""
    text = json.dumps(payload, ensure_ascii=False, default=str)
    if draft_id is not None:
        updated = (
            Draft.update(manager=manager_id, payload=text, updated_at=utcnow())
            .where(Draft.id == draft_id)
            .execute()
        )
        if updated:
            return draft_id
    draft = Draft.create(manager=manager_id, payload=text, updated_at=utcnow())
    return int(draft.id)


def drafts() -> list[tuple[int, int, dict[str, Any], dt.datetime]]:
    """Unsaved entries left behind (id, manager id, fields, when last written), oldest first."""
    query = Draft.select(Draft.id, Draft.manager, Draft.payload, Draft.updated_at).order_by(
        Draft.id
    )
    result = []
    for draft_id, manager_id, payload, updated_at in _tuples(query):
        try:
            fields = json.loads(payload)
        except json.JSONDecodeError:
            fields = None
        if not isinstance(fields, dict):  # not the app's own (an import): kept as its notes
            fields = {"notes": payload}
        result.append((draft_id, manager_id, fields, _datetime(updated_at)))
    return result


def discard_draft(draft_id: int) -> None:
    Draft.delete_by_id(draft_id)


# --- One meeting logged several times ---------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class LoggedTwice:
    """Touchpoints that look like one meeting logged once per manager: the same kind, start
    and summary, with different managers, none in the trash. ``ids`` oldest entry first."""

    kind: TouchpointKind
    occurred_at: dt.datetime
    summary: str
    ids: tuple[int, ...]
    names: tuple[str, ...]


#: Groups :func:`meetings_logged_twice` returns at most (the newest): a review, not a report.
MAX_GROUPS = 500

_LOGGED_TWICE_SQL = """
SELECT t.kind, t.occurred_at, t.summary, group_concat(t.id)
FROM touchpoint AS t
WHERE t.deleted_at IS NULL
GROUP BY t.kind, t.occurred_at, t.summary
HAVING count(*) > 1 AND count(DISTINCT t.manager_id) = count(*)
ORDER BY t.occurred_at DESC
LIMIT ?
"""


def meetings_logged_twice(limit: int = MAX_GROUPS) -> list[LoggedTwice]:
    """The groups of touchpoints that look like one meeting logged N times, newest first.

    Touchpoints that already share an attendee are not offered (two entries about the same
    manager at the same minute are two entries, not one meeting)."""
    groups = []
    for kind, occurred_at, summary, ids_text in database.execute_sql(_LOGGED_TWICE_SQL, (limit,)):
        ids = tuple(sorted(int(part) for part in ids_text.split(",")))
        attendees = attendees_of(ids)
        everyone = [a.manager_id for id_ in ids for a in attendees[id_]]
        if len(everyone) != len(set(everyone)):
            continue
        names = tuple(a.name for id_ in ids for a in attendees[id_])
        groups.append(
            LoggedTwice(TouchpointKind(kind), _datetime(occurred_at), summary, ids, names)
        )
    return groups


_FIELD_LABELS = {
    "notes": "",
    "account": "Account",
    "objective": "Objective",
    "observations": "Observations",
    "debrief": "Debrief",
    "aspiration": "Aspiration",
}


def _what_differs(kept: TouchpointRecord, other: TouchpointRecord) -> str:
    """What ``other`` says that ``kept`` does not, as a note about ``other``'s manager."""
    parts = []
    for field, label in _FIELD_LABELS.items():
        text = getattr(other, field)
        if rules.shows(text) and text != getattr(kept, field):
            parts.append(f"{label}: {text}" if label else text)
    if other.mood is not None and other.mood != kept.mood:
        parts.append(f"Mood: {other.mood}/5")
    return "\n\n".join(parts)


def merge_touchpoints(touchpoint_ids: Sequence[int]) -> TouchpointRecord:
    """Merge entries of one meeting (see :func:`meetings_logged_twice`) into the first, all
    or nothing: every manager becomes an attendee; notes that are the same are kept once and
    differing ones become the note about that manager (with anything else that differs);
    action items keep their person; trait evidence and the calendar link move over; the
    other entries are then deleted (undo brings them back)."""
    ids = list(dict.fromkeys(touchpoint_ids))
    if len(ids) < 2:
        raise ValidationError("touchpoints", "Choose at least two entries to merge.")
    records = [get_touchpoint(id_) for id_ in ids]
    kept, others = records[0], records[1:]
    for other in others:
        if (other.kind, other.occurred_at, other.summary) != (
            kept.kind,
            kept.occurred_at,
            kept.summary,
        ) or other.deleted_at is not None:
            raise ValidationError(
                "touchpoints", "Only entries of the same kind, start and summary can be merged."
            )
    attendees = list(kept.attendee_ids)
    observed = {a.manager_id: a.note for a in kept.attendees}
    for other in others:
        for attendee in other.attendees:
            if attendee.manager_id in attendees:
                raise ValidationError(
                    "touchpoints", f"{attendee.name} is in more than one of these entries."
                )
            attendees.append(attendee.manager_id)
            notes = [n for n in (attendee.note, _what_differs(kept, other)) if n]
            observed[attendee.manager_id] = "\n\n".join(notes)
    with database.atomic():
        source_key = kept_key = Touchpoint.get_by_id(kept.id).source_key
        duration = kept.duration_minutes
        for other in others:
            row = Touchpoint.get_by_id(other.id)
            source_key = source_key or row.source_key
            duration = duration if duration is not None else other.duration_minutes
            ActionItem.update(touchpoint=kept.id).where(ActionItem.touchpoint == other.id).execute()
            evidence = TraitEvidence.select(TraitEvidence.trait).where(
                TraitEvidence.touchpoint == other.id
            )
            for (trait_id,) in _tuples(evidence):
                TraitEvidence.insert(
                    trait=trait_id, touchpoint=kept.id
                ).on_conflict_ignore().execute()
        Touchpoint.delete().where(Touchpoint.id.in_([o.id for o in others])).execute()
        changes: dict[str, Any] = {"duration_minutes": duration}
        if source_key != kept_key:
            changes["source_key"] = source_key
        Touchpoint.update(**changes, updated_at=utcnow()).where(Touchpoint.id == kept.id).execute()
        _write_attendees(kept.id, attendees, observed)
    return get_touchpoint(kept.id)
