"""The one-on-one prep sheet: everything worth knowing before the next conversation with a
manager, gathered into one frozen :class:`PrepSheet`.

The sheet is read through the services that own each part (journal, development, cadence,
roster, questions): this module adds no query of its own, so the sheet always agrees with the
screens. It is quick even on a journal of 125,000 touchpoints, since every part
is bounded (the newest touchpoints since the last one-on-one, one manager's items and traits).

Today's **agenda** is kept as the draft of the manager's next one-on-one (a :class:`Draft` row
whose fields carry :data:`AGENDA_FLAG`): it survives a crash like any draft, and logging a new
one-on-one with that manager opens with the agenda as its notes and drops the draft when saved.

The sheet's parts come in one order, :data:`ORDER`, most pressing first: what needs attention
(every late or due activity and every overdue action item or assignment, with how late it is),
then the agenda and the suggested questions, then the rest. The screen and the paper both follow
it; a one-page print-out gives up rows from the end of it first (:data:`TRIM_STEPS`).

Adding a section (plan attainment, say) takes four steps: a field on :class:`PrepSheet` with a
default, a line in :func:`build` to fill it, a :class:`Part` in :data:`ORDER`, and a renderer in
:data:`coachjournal.render.prep_html.SECTIONS`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any

from coachjournal.coaching import cadence, development, questions, roster, stats, touchpoints
from coachjournal.coaching.cadence import CadenceStatus, KindStatus
from coachjournal.coaching.development import AssignmentRecord, MotivatorRecord, TraitRecord
from coachjournal.coaching.questions import Category, Slot, Subject, SuggestedQuestion
from coachjournal.coaching.results import ResultSummary
from coachjournal.coaching.results import summary as results_summary
from coachjournal.coaching.roster import ManagerRecord
from coachjournal.coaching.team.plan import Goal, below_plan
from coachjournal.coaching.touchpoints import ActionItemRecord, TimelineFilter, TimelineRow
from coachjournal.kinds import AssignmentStatus, Owner, TouchpointKind, TraitKind
from coachjournal.periods import MONTH_NAMES

#: Touchpoints listed under "since the last one-on-one" (the rest are counted).
MAX_SINCE = 8
#: Touchpoints listed when there never was a one-on-one.
LATEST_WITHOUT_ONE_ON_ONE = 5
#: An excerpt of notes: at most this many characters, on at most this many lines.
EXCERPT_LENGTH = 180
EXCERPT_LINES = 4
TOP_MOTIVATORS = 3
MAX_QUESTIONS = 6
#: Marks the draft that holds a manager's prep agenda.
AGENDA_FLAG = "prep_agenda"


class Part(enum.StrEnum):
    """The parts of the sheet after its header."""

    ATTENTION = "attention"
    AGENDA = "agenda"
    QUESTIONS = "questions"
    ACTION_ITEMS = "action_items"
    SINCE = "since"
    ASSIGNMENTS = "assignments"
    TRAITS = "traits"
    TEAM_PLAN = "team_plan"
    MOTIVATORS = "motivators"
    RESULTS = "results"
    CADENCE = "cadence"
    CHART = "chart"


#: The parts in the order the screen and the paper show them, most pressing first.
ORDER: tuple[Part, ...] = tuple(Part)

#: How a one-page sheet gives way when it does not fit, first step first: each caps a part at
#: a number of rows (the rest are counted, "…and 4 more"); 0 leaves the part out. Broadly the
#: end of :data:`ORDER` goes first, the lists of each part shrinking in turns rather than one
#: part vanishing while the next is whole; blank lines to write on go early (one is kept).
#: Late activities are never cut, nor is the agenda's text.
TRIM_STEPS: tuple[tuple[Part, int], ...] = (
    (Part.CHART, 0),
    (Part.CADENCE, 0),
    (Part.RESULTS, 0),
    (Part.TEAM_PLAN, 2),
    (Part.AGENDA, 2),
    (Part.MOTIVATORS, 2),
    (Part.TRAITS, 4),
    (Part.MOTIVATORS, 1),
    (Part.TRAITS, 2),
    (Part.TEAM_PLAN, 0),
    (Part.SINCE, 4),
    (Part.MOTIVATORS, 0),
    (Part.TRAITS, 0),
    (Part.ASSIGNMENTS, 2),
    (Part.SINCE, 2),
    (Part.QUESTIONS, 4),
    (Part.ACTION_ITEMS, 4),
    (Part.AGENDA, 1),
    (Part.SINCE, 1),
    (Part.ASSIGNMENTS, 1),
    (Part.ACTION_ITEMS, 2),
    (Part.QUESTIONS, 3),
    (Part.ATTENTION, 6),
    (Part.QUESTIONS, 2),
    (Part.ACTION_ITEMS, 1),
    (Part.ASSIGNMENTS, 0),
    (Part.SINCE, 0),
    (Part.ATTENTION, 3),
)

#: No cap on a part: the sheet in full.
FULL = 1_000_000


@dataclasses.dataclass(frozen=True, slots=True)
class Entry:
    """A touchpoint as the sheet lists it: a line and the start of its notes."""

    id: int
    occurred_at: dt.datetime
    kind: TouchpointKind
    summary: str
    excerpt: str
    duration_minutes: int | None
    mood: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class OpenItem:
    """An open action item with how long it has been carried and how late it is."""

    item: ActionItemRecord
    #: Days since the conversation it was written in (None for an item written on its own).
    age_days: int | None
    days_overdue: int

    @property
    def is_overdue(self) -> bool:
        return self.days_overdue > 0


class Concern(enum.StrEnum):
    """What kind of thing needs attention."""

    ACTIVITY = "activity"
    THEIR_ITEM = "their_item"
    MY_ITEM = "my_item"
    ASSIGNMENT = "assignment"

    @property
    def label(self) -> str:
        return _CONCERN_LABELS[self]


_CONCERN_LABELS = {
    Concern.ACTIVITY: "Activity",
    Concern.THEIR_ITEM: "Their action item",
    Concern.MY_ITEM: "Your action item",
    Concern.ASSIGNMENT: "Assignment",
}


@dataclasses.dataclass(frozen=True, slots=True)
class Attention:
    """One thing to raise first: a late or due activity, an overdue action item (either side) or
    an overdue assignment."""

    concern: Concern
    #: "Career conversation", or the item's or assignment's text.
    what: str
    #: Days past when it was due (0 for an activity due today): past its maximum gap for an
    #: overdue activity, past its ideal gap for one only due, past the due date for the rest.
    days_late: int
    #: Overdue (past the limit) rather than only due.
    overdue: bool
    #: The numbers behind it: "Career conversation 299 days ago (ideally every 90 days)".
    detail: str
    #: An activity's share of the manager's urgency, as the dashboard ranks it (weight ×
    #: lateness, see :mod:`coachjournal.coaching.cadence`); 0 for the rest.
    urgency: float = 0.0


def _days_late(status: KindStatus) -> int:
    """How late an activity is by the limit its status names: an overdue one by its maximum
    gap ("258 days ago, at most every 180": 78 days), one only due by its ideal gap."""
    if status.status is CadenceStatus.OVERDUE:
        return max(0, status.days_counted - status.rule.max_days)
    return max(0, status.days_past_due)


@dataclasses.dataclass(frozen=True, slots=True)
class Agenda:
    draft_id: int
    manager_id: int
    text: str
    updated_at: dt.datetime


@dataclasses.dataclass(frozen=True, slots=True)
class PrepSheet:
    manager: ManagerRecord
    today: dt.date
    #: "Regional Sales Manager · North · manager since March 2021 (5 years)".
    profile: str
    #: Cadence status per planned kind (one-on-one first).
    cadence: tuple[KindStatus, ...]
    #: The newest touchpoints since the last one-on-one (that one included), newest first.
    since: tuple[Entry, ...]
    #: Touchpoints since then that are not listed.
    since_more: int
    their_items: tuple[OpenItem, ...]
    my_items: tuple[OpenItem, ...]
    #: Active assignments, and planned ones past their due date; soonest due first.
    assignments: tuple[AssignmentRecord, ...]
    strengths: tuple[TraitRecord, ...]
    development: tuple[TraitRecord, ...]
    motivators: tuple[MotivatorRecord, ...]
    motivators_total: int
    questions: tuple[SuggestedQuestion, ...]
    agenda: str = ""
    #: The team's latest attainment and the manager's coaching of their reps, with trends.
    results: ResultSummary | None = None
    #: The skills of the running team plans where this manager is below the plan's level, with
    #: their latest rating (None: not rated).
    team_plan: tuple[tuple[Goal, int | None], ...] = ()

    @property
    def one_on_one(self) -> KindStatus:
        return self._kind(TouchpointKind.ONE_ON_ONE)

    @property
    def field_visit(self) -> KindStatus:
        return self._kind(TouchpointKind.FIELD_VISIT)

    @property
    def last_one_on_one(self) -> dt.date | None:
        return self.one_on_one.last

    def _kind(self, kind: TouchpointKind) -> KindStatus:
        return next(status for status in self.cadence if status.kind is kind)

    @property
    def overdue_items(self) -> int:
        return sum(item.is_overdue for item in (*self.their_items, *self.my_items))

    @property
    def attention(self) -> tuple[Attention, ...]:
        """What needs attention first: the activities as the dashboard's Status lists them
        (overdue before due, each most urgent first: a one-on-one before a career conversation
        as late), then overdue items and assignments, the latest first."""
        found = [
            Attention(
                Concern.ACTIVITY,
                status.kind.label,
                _days_late(status),
                status.status is CadenceStatus.OVERDUE,
                status.describe(),
                status.urgency,
            )
            for status in self.cadence
            if status.status.needs_attention
        ]
        for concern, items in (
            (Concern.THEIR_ITEM, self.their_items),
            (Concern.MY_ITEM, self.my_items),
        ):
            for open_item in items:
                if open_item.is_overdue and open_item.item.due_on is not None:
                    due = stats.date_label(open_item.item.due_on)
                    found.append(
                        Attention(
                            concern, open_item.item.text, open_item.days_overdue, True, f"due {due}"
                        )
                    )
        for record in self.assignments:
            if record.is_overdue(self.today) and record.due_on is not None:
                due = stats.date_label(record.due_on)
                late = record.days_overdue(self.today)
                found.append(Attention(Concern.ASSIGNMENT, record.title, late, True, f"due {due}"))
        return tuple(
            sorted(
                found,
                key=lambda a: (
                    a.concern is not Concern.ACTIVITY,
                    not a.overdue,
                    -a.urgency,
                    -a.days_late,
                ),
            )
        )


# --- Building ---------------------------------------------------------------------------------


def profile_line(manager: ManagerRecord, today: dt.date) -> str:
    parts = [part for part in (manager.title, manager.team) if part]
    if manager.manager_since is not None:
        tenure = roster.describe_tenure(manager.manager_since, today)
        since = manager.manager_since
        parts.append(f"manager since {MONTH_NAMES[since.month - 1]} {since.year} ({tenure})")
    if manager.promoted_from_sales:
        parts.append("promoted from sales")
    return " · ".join(parts)


def excerpt(text: str, length: int = EXCERPT_LENGTH, lines: int = EXCERPT_LINES) -> str:
    """The start of a note, its Markdown kept (headings, lists, emphasis) for the sheet to
    render: blank lines dropped, spaces within a line collapsed, at most ``lines`` lines and
    ``length`` characters, cut at a word with "…"."""
    kept: list[str] = []
    room = length
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if len(kept) == lines or room <= 0:
            kept[-1] = kept[-1].rstrip(",.;:–-") + "…"
            break
        if len(line) > room:
            cut = line[:room].rsplit(" ", 1)[0] if " " in line[:room] else line[:room]
            kept.append(cut.rstrip(",.;:–-") + "…")
            break
        kept.append(line)
        room -= len(line)
    return "\n".join(kept)


def _entry(row: TimelineRow, texts: tuple[str, str, str, str]) -> Entry:
    body = next((text for text in texts if text), "")
    return Entry(
        row.id,
        row.occurred_at,
        row.kind,
        row.summary,
        excerpt(body),
        row.duration_minutes,
        row.mood,
    )


def _since(manager_id: int, last: dt.date | None, today: dt.date) -> tuple[tuple[Entry, ...], int]:
    where = TimelineFilter(start=last, end=today)
    limit = MAX_SINCE if last is not None else LATEST_WITHOUT_ONE_ON_ONE
    rows = touchpoints.timeline_page(manager_id, where, limit=limit)
    texts = touchpoints.texts_of(row.id for row in rows)
    entries = tuple(_entry(row, texts[row.id]) for row in rows)
    more = touchpoints.timeline_count(manager_id, where) - len(entries) if last is not None else 0
    return entries, more


def _open_item(item: ActionItemRecord, today: dt.date) -> OpenItem:
    age = None if item.written_at is None else (today - item.written_at.date()).days
    late = 0 if item.due_on is None or item.due_on >= today else (today - item.due_on).days
    return OpenItem(item, age, late)


def mid_sentence(name: str) -> str:
    """A name as it reads inside a sentence: "Running team meetings" becomes "running team
    meetings"; an acronym ("MEDDICC", "CRM hygiene") stays as it is."""
    if len(name) > 1 and name[0].isupper() and not name[1].isupper():
        return name[0].lower() + name[1:]
    return name


def _slots(
    their_items: tuple[OpenItem, ...],
    assignments: tuple[AssignmentRecord, ...],
    traits: list[TraitRecord],
    motivators: list[MotivatorRecord],
    today: dt.date,
) -> list[Slot]:
    """What the questions should be about, most pressing first."""
    late_items = sorted((i for i in their_items if i.is_overdue), key=lambda i: -i.days_overdue)
    late_assignments = [a for a in assignments if a.is_overdue(today)]
    active = [a for a in assignments if a.status is AssignmentStatus.ACTIVE]
    growth = sorted(
        (t for t in traits if t.kind is TraitKind.DEVELOPMENT and not t.target_met),
        key=lambda t: (t.target_date or dt.date.max, t.rating or 0, t.position),
    )
    strengths = [t for t in traits if t.kind is TraitKind.STRENGTH]
    motivating = sorted(motivators, key=lambda m: (not m.is_stale(today), m.rank))

    def item(open_item: OpenItem) -> Subject:
        due = open_item.item.due_on
        assert due is not None
        text = open_item.item.text
        return Subject(
            f"item:{open_item.item.id}", {"item": text, "due": stats.date_label(due), "name": text}
        )

    def assignment(record: AssignmentRecord) -> Subject:
        values = {"assignment": record.title, "name": record.title}
        if record.due_on is not None:
            values["due"] = stats.date_label(record.due_on)
        return Subject(f"assignment:{record.id}", values)

    def trait(record: TraitRecord) -> Subject:
        return Subject(
            f"trait:{record.id}", {"trait": mid_sentence(record.skill), "name": record.skill}
        )

    def motivator(record: MotivatorRecord) -> Subject:
        return Subject(
            f"motivator:{record.id}", {"motivator": mid_sentence(record.name), "name": record.name}
        )

    slots = [
        Slot(Category.OVERDUE_ITEM, 1, [item(i) for i in late_items]),
        Slot(Category.OVERDUE_ASSIGNMENT, 1, [assignment(a) for a in late_assignments]),
        Slot(Category.RELATIONSHIP, 2),
        Slot(Category.ASSIGNMENT, 1, [assignment(a) for a in active]),
        Slot(Category.DEVELOPMENT, 1, [trait(t) for t in growth]),
        Slot(Category.MOTIVATION, 1, [motivator(m) for m in motivating]),
        Slot(Category.CAREER, 1),
        Slot(Category.STRENGTH, 1, [trait(t) for t in strengths]),
        Slot(Category.CAREER, 1),
        Slot(Category.RELATIONSHIP, 2),
    ]
    # A category tied to something the manager has none of is left out, generic questions too.
    return [slot for slot in slots if slot.subjects or slot.category.placeholders == frozenset()]


def build(manager_id: int, today: dt.date | None = None) -> PrepSheet:
    """The prep sheet of one manager (archived or not) as of ``today``.

    Raises :class:`LookupError` if there is no such manager.
    """
    today = today or dt.date.today()
    statuses = cadence.statuses_for(manager_id, today)  # LookupError if there is no such manager
    manager = roster.get_manager(manager_id)
    last = next(s.last for s in statuses if s.kind is TouchpointKind.ONE_ON_ONE)
    since, more = _since(manager_id, last, today)
    items = [_open_item(item, today) for item in touchpoints.open_action_items(manager_id)]
    their_items = tuple(i for i in items if i.item.owner is Owner.THEM)
    my_items = tuple(i for i in items if i.item.owner is Owner.ME)
    assignments = tuple(
        a
        for a in development.list_assignments(manager_id)
        if a.status is AssignmentStatus.ACTIVE or a.is_overdue(today)
    )
    traits = development.list_traits(manager_id)
    motivators = development.list_motivators(manager_id)
    slots = _slots(their_items, assignments, traits, motivators, today)
    suggested = questions.suggest(
        questions.load_bank(), slots, questions.history(manager_id), today
    )[:MAX_QUESTIONS]
    current = agenda(manager_id)
    return PrepSheet(
        manager=manager,
        today=today,
        profile=profile_line(manager, today),
        cadence=statuses,
        since=since,
        since_more=more,
        their_items=their_items,
        my_items=my_items,
        assignments=assignments,
        strengths=tuple(t for t in traits if t.kind is TraitKind.STRENGTH),
        development=tuple(t for t in traits if t.kind is TraitKind.DEVELOPMENT),
        motivators=tuple(motivators[:TOP_MOTIVATORS]),
        motivators_total=len(motivators),
        questions=suggested,
        agenda=current.text if current is not None else "",
        results=results_summary(manager_id, today),
        team_plan=tuple(below_plan(manager_id, today)),
    )


def remember_questions(sheet: PrepSheet) -> None:
    """Count the sheet's questions as suggested today, so later sheets rotate to others."""
    questions.remember(sheet.manager.id, sheet.today, (q.key for q in sheet.questions))


# --- The agenda -------------------------------------------------------------------------------


def is_agenda(fields: Mapping[str, Any]) -> bool:
    """Whether a draft's fields are a prep agenda (not an entry being written)."""
    return bool(fields.get(AGENDA_FLAG))


def agenda(manager_id: int) -> Agenda | None:
    """The manager's agenda for the next one-on-one, if one is being kept."""
    for draft_id, owner, fields, updated_at in touchpoints.drafts():
        if owner == manager_id and is_agenda(fields):
            return Agenda(draft_id, owner, str(fields.get("notes", "")), updated_at)
    return None


def save_agenda(manager_id: int, text: str) -> Agenda | None:
    """Keep ``text`` as the manager's agenda; an empty one drops the draft."""
    current = agenda(manager_id)
    if not text.strip():
        if current is not None:
            touchpoints.discard_draft(current.draft_id)
        return None
    payload = {AGENDA_FLAG: True, "kind": TouchpointKind.ONE_ON_ONE.value, "notes": text}
    touchpoints.save_draft(current.draft_id if current else None, manager_id, payload)
    return agenda(manager_id)


def add_to_agenda(text: str, line: str) -> str:
    """``text`` with ``line`` as a new bullet at the end, unless it is already on it."""
    bullet = f"- {' '.join(line.split())}"
    lines = text.rstrip("\n").splitlines()
    if bullet in lines:
        return text
    return "\n".join([*lines, bullet]) + "\n"
