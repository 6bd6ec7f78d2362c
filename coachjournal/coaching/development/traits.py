"""Knowing a manager: strengths and development areas with their rating history, the evidence
for them, what drives the manager, and the growth assignments that stretch them.

The rules, each enforced here with a :class:`ValidationError` that says what to do:

* **Traits.** A trait names a skill (one of :data:`coachjournal.coaching.catalogue.SKILLS` or the
  executive's own), a detail, and a rating history. Ratings run from 1 to 5 and are dated; a
  new rating never replaces an older one, except on the same day: rating a skill twice in one
  day corrects that day's rating (a slip of the finger should not draw a spike on the chart).
  A skill appears once per manager. A development area can become a strength (and back): it
  keeps its ratings and evidence.
* **Targets** ("start with the end in mind"): a rating and the day it should be reached. A
  target date is refused when it is *set* in the past, since a target is where the manager
  should be by a coming day; a target that has passed since stays as it was, so a missed target
  stays visible as missed, and editing the detail of a trait never trips over it.
* **Motivators** are ranked 1..n without gaps, per manager, each name once. A motivator is
  *stale* when it was last confirmed with the manager six calendar months ago or more, and
  *unconfirmed* when it never was: both are flagged.
* **Assignments** move ``planned → active → done | dropped``; a planned one may also be
  dropped, and a done or dropped one reopened (back to active). Done needs a completion date
  (not in the future, not before the assigned day); a due date before the assigned date is
  refused.

Undoing any of these changes is the journal's own business (:mod:`coachjournal.storage.undo`
records the rows a change touched), so nothing here keeps what a deletion removed. Touchpoints
in the trash are left out of every list here; their links stay, and show again when the
touchpoint is restored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from peewee import JOIN, Case, fn

from coachjournal import rules
from coachjournal.errors import ValidationError
from coachjournal.kinds import AssignmentStatus, TouchpointKind, TraitKind
from coachjournal.periods import add_months, quarter_start
from coachjournal.storage.models import (
    Assignment,
    Manager,
    Motivator,
    Touchpoint,
    Trait,
    TraitEvidence,
    TraitRating,
    database,
    utcnow,
)

MAX_SKILL = rules.SKILL.limit
#: A motivator not confirmed with the manager for this many calendar months is stale.
STALE_AFTER_MONTHS = 6

_KIND_LABELS = {TraitKind.STRENGTH: "Strength", TraitKind.DEVELOPMENT: "Development area"}
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


def kind_label(kind: TraitKind) -> str:
    return _KIND_LABELS[kind]


def status_label(status: AssignmentStatus) -> str:
    return _STATUS_LABELS[status]


def _day(field: str, value: Any, what: str) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationError(field, f"The {what} must be a date.")
    if not rules.plausible_day(value):
        raise ValidationError(field, f"{value:%Y} is not a plausible year for the {what}.")
    return value


def _as_date(value: Any) -> dt.date | None:
    """A date read back from SQLite (peewee converts model fields, not expressions)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _as_datetime(value: Any) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def _tuples(query: Any) -> list[tuple[Any, ...]]:
    return list(query.tuples())


def _rating(field: str, value: Any, what: str = "A rating") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not rules.RATING.allows(value):
        raise ValidationError(field, f"{what} runs from 1 to 5.")
    return value


def _text(field: str, value: Any, rule: rules.Text, empty: str) -> str:
    """One line (runs of white space made one space), not empty, within the rule's limit."""
    text = " ".join(str(value).split())
    if not rules.shows(text):
        raise ValidationError(field, empty)
    if len(text) > rule.limit:
        raise ValidationError(field, f"Keep it under {rule.limit} characters.")
    return rules.checked(field, text, rule)


def _long_text(field: str, value: Any) -> str:
    """A note or description: several lines, within the rules of notes."""
    return rules.checked(field, str(value).strip(), rules.NOTES, "The text")


# --- Traits -----------------------------------------------------------------------------------


class RatingTrend(StrEnum):
    """How the latest rating compares with the one before."""

    UP = "up"
    DOWN = "down"
    STEADY = "steady"
    FIRST = "first"
    UNRATED = "unrated"

    @property
    def arrow(self) -> str:
        return {"up": "↑", "down": "↓", "steady": "→", "first": "•", "unrated": ""}[self.value]


@dataclasses.dataclass(frozen=True, slots=True)
class RatingPoint:
    id: int
    rating: int
    rated_on: dt.date
    note: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class RatingHistory:
    """What the rating chart draws: one skill's dated ratings and its target."""

    skill: str
    kind: TraitKind
    points: tuple[RatingPoint, ...]
    target_rating: int | None = None
    target_date: dt.date | None = None

    @property
    def is_empty(self) -> bool:
        return not self.points


@dataclasses.dataclass(frozen=True, slots=True)
class TraitRecord:
    """A strength or development area with its whole rating history, oldest first."""

    id: int
    manager_id: int
    kind: TraitKind
    skill: str
    detail: str = ""
    target_rating: int | None = None
    target_date: dt.date | None = None
    position: int = 0
    ratings: tuple[RatingPoint, ...] = ()

    @property
    def latest(self) -> RatingPoint | None:
        return self.ratings[-1] if self.ratings else None

    @property
    def rating(self) -> int | None:
        return self.ratings[-1].rating if self.ratings else None

    @property
    def change(self) -> int | None:
        """Latest rating minus the one before (None with fewer than two)."""
        if len(self.ratings) < 2:
            return None
        return self.ratings[-1].rating - self.ratings[-2].rating

    @property
    def trend(self) -> RatingTrend:
        if not self.ratings:
            return RatingTrend.UNRATED
        change = self.change
        if change is None:
            return RatingTrend.FIRST
        return (
            RatingTrend.UP if change > 0 else RatingTrend.DOWN if change < 0 else RatingTrend.STEADY
        )

    @property
    def target_met(self) -> bool:
        return (
            self.target_rating is not None
            and self.rating is not None
            and self.rating >= self.target_rating
        )

    def target_missed(self, today: dt.date) -> bool:
        """The target date has passed and the rating is still below the target."""
        return (
            self.target_rating is not None
            and self.target_date is not None
            and self.target_date < today
            and not self.target_met
        )

    @property
    def history(self) -> RatingHistory:
        return RatingHistory(
            self.skill, self.kind, self.ratings, self.target_rating, self.target_date
        )


_KIND_ORDER = Case(None, [(Trait.kind == TraitKind.STRENGTH.value, 0)], 1)


def _traits(*conditions: Any) -> list[TraitRecord]:
    """Traits matching ``conditions`` with their ratings: two queries, whatever the count."""
    query = (
        Trait.select(
            Trait.id,
            Trait.manager,
            Trait.kind,
            Trait.skill,
            Trait.detail,
            Trait.target_rating,
            Trait.target_date,
            Trait.position,
        )
        .where(*conditions)
        .order_by(Trait.manager, _KIND_ORDER, Trait.position, Trait.id)
    )
    rows = _tuples(query)
    ratings: dict[int, list[RatingPoint]] = {row[0]: [] for row in rows}
    if ratings:
        history = (
            TraitRating.select(
                TraitRating.trait,
                TraitRating.id,
                TraitRating.rating,
                TraitRating.rated_on,
                TraitRating.note,
            )
            .where(TraitRating.trait.in_(list(ratings)))
            .order_by(TraitRating.rated_on, TraitRating.id)
        )
        for trait_id, rating_id, rating, rated_on, note in _tuples(history):
            day = _as_date(rated_on)
            assert day is not None
            ratings[trait_id].append(RatingPoint(rating_id, rating, day, note))
    return [
        TraitRecord(
            id=row[0],
            manager_id=row[1],
            kind=TraitKind(row[2]),
            skill=row[3],
            detail=row[4],
            target_rating=row[5],
            target_date=_as_date(row[6]),
            position=row[7],
            ratings=tuple(ratings[row[0]]),
        )
        for row in rows
    ]


def list_traits(manager_id: int) -> list[TraitRecord]:
    """The manager's strengths, then development areas, each in the order they were added."""
    return _traits(Trait.manager == manager_id)


def get_trait(trait_id: int) -> TraitRecord:
    found = _traits(Trait.id == trait_id)
    if not found:
        raise LookupError(f"no trait {trait_id}")
    return found[0]


def _check_skill_free(manager_id: int, skill: str, trait_id: int | None = None) -> None:
    query = Trait.select(Trait.id, Trait.skill, Trait.kind).where(Trait.manager == manager_id)
    for other_id, other_skill, other_kind in _tuples(query):
        if other_id != trait_id and other_skill.casefold() == skill.casefold():
            what = kind_label(TraitKind(other_kind)).lower()
            raise ValidationError(
                "skill", f"“{other_skill}” is already listed as a {what}: rate it there."
            )


def _target_date(value: Any, today: dt.date) -> dt.date | None:
    day = _day("target_date", value, "target date")
    if day is not None and day < today:
        raise ValidationError(
            "target_date",
            f"The target date ({day:%d %b %Y}) has passed: choose today or a day to come.",
        )
    return day


def _clean_trait(
    changes: dict[str, Any], today: dt.date, current: TraitRecord | None = None
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field, value in changes.items():
        if field == "skill":
            values[field] = _text(field, value, rules.TRAIT, "Name the skill.")
        elif field == "detail":
            values[field] = _long_text(field, value)
        elif field == "target_rating":
            values[field] = None if value is None else _rating(field, value, "A target rating")
        elif field == "target_date":
            unchanged = current is not None and value == current.target_date
            values[field] = value if unchanged else _target_date(value, today)
        else:
            raise ValueError(f"{field!r} is not an editable trait field")
    return values


def _next_position(manager_id: int, kind: TraitKind) -> int:
    highest: int | None = (
        Trait.select(fn.MAX(Trait.position))
        .where(Trait.manager == manager_id, Trait.kind == kind.value)
        .scalar()
    )
    return 0 if highest is None else highest + 1


def add_trait(
    manager_id: int,
    kind: TraitKind | str,
    skill: str,
    detail: str = "",
    *,
    rating: int | None = None,
    rated_on: dt.date | None = None,
    note: str = "",
    target_rating: int | None = None,
    target_date: dt.date | None = None,
    today: dt.date | None = None,
) -> TraitRecord:
    """Add a strength or development area, with a first rating if given; all or nothing."""
    today = today or dt.date.today()
    kind = TraitKind(kind)
    if not Manager.select().where(Manager.id == manager_id).exists():
        raise ValidationError("manager_id", "Choose the manager this is about.")
    values = _clean_trait(
        {
            "skill": skill,
            "detail": detail,
            "target_rating": target_rating,
            "target_date": target_date,
        },
        today,
    )
    with database.atomic():
        _check_skill_free(manager_id, values["skill"])
        now = utcnow()
        trait = Trait.create(
            manager=manager_id,
            kind=kind.value,
            position=_next_position(manager_id, kind),
            created_at=now,
            updated_at=now,
            **values,
        )
        if rating is not None:
            rate_trait(trait.id, rating, rated_on, note, today=today)
    return get_trait(trait.id)


def update_trait(trait_id: int, *, today: dt.date | None = None, **changes: Any) -> TraitRecord:
    """Edit the skill, detail or target; nothing is written if any value is invalid."""
    current = get_trait(trait_id)
    values = _clean_trait(changes, today or dt.date.today(), current)
    with database.atomic():
        if "skill" in values:
            _check_skill_free(current.manager_id, values["skill"], trait_id)
        Trait.update(**values, updated_at=utcnow()).where(Trait.id == trait_id).execute()
    return get_trait(trait_id)


def set_trait_kind(trait_id: int, kind: TraitKind | str) -> TraitRecord:
    """Make a development area a strength (or the reverse), keeping its history and evidence.
    It goes to the end of its new group."""
    kind = TraitKind(kind)
    current = get_trait(trait_id)
    if current.kind is kind:
        return current
    with database.atomic():
        position = _next_position(current.manager_id, kind)
        Trait.update(kind=kind.value, position=position, updated_at=utcnow()).where(
            Trait.id == trait_id
        ).execute()
    return get_trait(trait_id)


def rate_trait(
    trait_id: int,
    rating: int,
    rated_on: dt.date | None = None,
    note: str = "",
    *,
    today: dt.date | None = None,
) -> TraitRecord:
    """Record a rating (today unless ``rated_on``); a second rating on one day corrects it."""
    today = today or dt.date.today()
    value = _rating("rating", rating)
    day = _day("rated_on", rated_on, "rating date") or today
    if day > today:
        raise ValidationError(
            "rated_on", "A rating is of how things are: it cannot be dated ahead."
        )
    note = _long_text("note", note)
    with database.atomic():
        existing = TraitRating.select(TraitRating.id).where(
            TraitRating.trait == trait_id, TraitRating.rated_on == day
        )
        same_day: int | None = existing.scalar()
        if same_day is None:
            TraitRating.create(trait=trait_id, rating=value, rated_on=day, note=note)
        else:
            TraitRating.update(rating=value, note=note).where(TraitRating.id == same_day).execute()
        Trait.update(updated_at=utcnow()).where(Trait.id == trait_id).execute()
    return get_trait(trait_id)


def delete_rating(rating_id: int) -> tuple[int, RatingPoint]:
    """Remove one rating from a history; returns (trait id, the rating removed)."""
    row = _tuples(
        TraitRating.select(
            TraitRating.trait,
            TraitRating.id,
            TraitRating.rating,
            TraitRating.rated_on,
            TraitRating.note,
        ).where(TraitRating.id == rating_id)
    )
    if not row:
        raise LookupError(f"no rating {rating_id}")
    trait_id, _, rating, rated_on, note = row[0]
    day = _as_date(rated_on)
    assert day is not None
    TraitRating.delete_by_id(rating_id)
    return trait_id, RatingPoint(rating_id, rating, day, note)


def delete_trait(trait_id: int) -> TraitRecord:
    """Delete a trait with its ratings and evidence links; assignments that developed it keep
    their skill's name. Returns the trait as it was."""
    record = get_trait(trait_id)
    Trait.delete_by_id(trait_id)
    return record


# --- Evidence ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class LinkedTouchpoint:
    """A touchpoint shown as evidence for a trait or as work on an assignment."""

    id: int
    occurred_at: dt.datetime
    kind: TouchpointKind
    summary: str


def _linked(query: Any) -> list[LinkedTouchpoint]:
    return [
        LinkedTouchpoint(row[0], _as_datetime(row[1]), TouchpointKind(row[2]), row[3])
        for row in _tuples(query)
    ]


def _touchpoint_columns() -> tuple[Any, ...]:
    return (Touchpoint.id, Touchpoint.occurred_at, Touchpoint.kind, Touchpoint.summary)


def link_evidence(trait_id: int, touchpoint_id: int) -> None:
    """Note that a trait showed in a touchpoint (linking twice is harmless)."""
    owner = Trait.select(Trait.manager).where(Trait.id == trait_id).scalar()
    met = Touchpoint.select(Touchpoint.manager).where(Touchpoint.id == touchpoint_id).scalar()
    if owner is None or met is None:
        raise ValidationError("touchpoint_id", "That skill or touchpoint no longer exists.")
    if owner != met:
        raise ValidationError(
            "touchpoint_id", "That touchpoint was with another manager: link one of theirs."
        )
    TraitEvidence.insert(trait=trait_id, touchpoint=touchpoint_id).on_conflict_ignore().execute()


def unlink_evidence(trait_id: int, touchpoint_id: int) -> None:
    TraitEvidence.delete().where(
        TraitEvidence.trait == trait_id, TraitEvidence.touchpoint == touchpoint_id
    ).execute()


def evidence_of(trait_id: int) -> list[LinkedTouchpoint]:
    """The touchpoints where the trait showed, newest first (those in the trash left out)."""
    query = (
        Touchpoint.select(*_touchpoint_columns())
        .join(TraitEvidence, on=(TraitEvidence.touchpoint == Touchpoint.id))
        .where(TraitEvidence.trait == trait_id, Touchpoint.deleted_at.is_null())
        .order_by(Touchpoint.occurred_at.desc(), Touchpoint.id.desc())
    )
    return _linked(query)


def traits_of(touchpoint_id: int) -> list[TraitRecord]:
    """The strengths and development areas linked to a touchpoint, as a trait's list shows
    them (strengths first)."""
    linked = TraitEvidence.select(TraitEvidence.trait).where(
        TraitEvidence.touchpoint == touchpoint_id
    )
    return _traits(Trait.id.in_(linked))


# --- Motivators -------------------------------------------------------------------------------


class Confirmation(StrEnum):
    """Whether a motivator is known to still hold."""

    CONFIRMED = "confirmed"
    STALE = "stale"
    NEVER = "never"

    @property
    def needs_attention(self) -> bool:
        return self is not Confirmation.CONFIRMED


@dataclasses.dataclass(frozen=True, slots=True)
class MotivatorRecord:
    id: int
    manager_id: int
    name: str
    rank: int
    note: str = ""
    confirmed_on: dt.date | None = None

    def stale_from(self) -> dt.date | None:
        """The first day this motivator counts as stale (None if never confirmed)."""
        if self.confirmed_on is None:
            return None
        return add_months(self.confirmed_on, STALE_AFTER_MONTHS)

    def confirmation(self, today: dt.date) -> Confirmation:
        stale_from = self.stale_from()
        if stale_from is None:
            return Confirmation.NEVER
        return Confirmation.STALE if today >= stale_from else Confirmation.CONFIRMED

    def is_stale(self, today: dt.date) -> bool:
        """Not confirmed for six months, or never: worth asking about again."""
        return self.confirmation(today).needs_attention


def _motivators(*conditions: Any) -> list[MotivatorRecord]:
    query = (
        Motivator.select(
            Motivator.id,
            Motivator.manager,
            Motivator.name,
            Motivator.rank,
            Motivator.note,
            Motivator.confirmed_on,
        )
        .where(*conditions)
        .order_by(Motivator.rank, Motivator.id)
    )
    return [
        MotivatorRecord(row[0], row[1], row[2], row[3], row[4], _as_date(row[5]))
        for row in _tuples(query)
    ]


def list_motivators(manager_id: int) -> list[MotivatorRecord]:
    """What drives the manager, most important first."""
    return _motivators(Motivator.manager == manager_id)


def get_motivator(motivator_id: int) -> MotivatorRecord:
    found = _motivators(Motivator.id == motivator_id)
    if not found:
        raise LookupError(f"no motivator {motivator_id}")
    return found[0]


def _confirmed_on(value: Any, today: dt.date) -> dt.date | None:
    day = _day("confirmed_on", value, "date it was confirmed")
    if day is not None and day > today:
        raise ValidationError("confirmed_on", "A motivator cannot be confirmed ahead of time.")
    return day


def _check_name_free(manager_id: int, name: str, motivator_id: int | None = None) -> None:
    for other in list_motivators(manager_id):
        if other.id != motivator_id and other.name.casefold() == name.casefold():
            raise ValidationError("name", f"“{other.name}” is already on the list.")


def _renumber(manager_id: int, ordered: Sequence[int]) -> None:
    """Ranks 1..n in the given order, in two passes so no two rows ever share a rank midway
    (harmless today, and safe if a unique index on (manager, rank) is ever added)."""
    for rank, motivator_id in enumerate(ordered, start=1):
        Motivator.update(rank=-rank).where(
            Motivator.id == motivator_id, Motivator.manager == manager_id
        ).execute()
    Motivator.update(rank=Motivator.rank * -1).where(
        Motivator.manager == manager_id, Motivator.rank < 0
    ).execute()


def add_motivator(
    manager_id: int,
    name: str,
    note: str = "",
    confirmed_on: dt.date | None = None,
    *,
    today: dt.date | None = None,
) -> MotivatorRecord:
    """Add a motivator at the bottom of the ranking."""
    today = today or dt.date.today()
    if not Manager.select().where(Manager.id == manager_id).exists():
        raise ValidationError("manager_id", "Choose the manager this is about.")
    clean = _text("name", name, rules.MOTIVATOR, "Name what drives them.")
    day = _confirmed_on(confirmed_on, today)
    with database.atomic():
        _check_name_free(manager_id, clean)
        highest: int | None = (
            Motivator.select(fn.MAX(Motivator.rank)).where(Motivator.manager == manager_id).scalar()
        )
        motivator = Motivator.create(
            manager=manager_id,
            name=clean,
            rank=(highest or 0) + 1,
            note=_long_text("note", note),
            confirmed_on=day,
            created_at=utcnow(),
        )
    return get_motivator(motivator.id)


def update_motivator(
    motivator_id: int, *, today: dt.date | None = None, **changes: Any
) -> MotivatorRecord:
    """Edit the name, note or confirmation date; nothing is written if a value is invalid."""
    today = today or dt.date.today()
    current = get_motivator(motivator_id)
    values: dict[str, Any] = {}
    for field, value in changes.items():
        if field == "name":
            values[field] = _text(field, value, rules.MOTIVATOR, "Name what drives them.")
        elif field == "note":
            values[field] = _long_text(field, value)
        elif field == "confirmed_on":
            values[field] = _confirmed_on(value, today)
        else:
            raise ValueError(f"{field!r} is not an editable motivator field")
    with database.atomic():
        if "name" in values:
            _check_name_free(current.manager_id, values["name"], motivator_id)
        Motivator.update(**values).where(Motivator.id == motivator_id).execute()
    return get_motivator(motivator_id)


def confirm_motivator(motivator_id: int, on: dt.date | None = None) -> MotivatorRecord:
    """The manager confirmed it still drives them (today unless ``on``)."""
    return update_motivator(motivator_id, confirmed_on=on or dt.date.today())


def reorder_motivators(manager_id: int, ordered_ids: Sequence[int]) -> list[MotivatorRecord]:
    """Rank the manager's motivators in the order given (every one of them, once)."""
    current = {record.id for record in list_motivators(manager_id)}
    if len(ordered_ids) != len(set(ordered_ids)) or set(ordered_ids) != current:
        raise ValidationError(
            "rank", "The new order must list each of the manager's motivators exactly once."
        )
    with database.atomic():
        _renumber(manager_id, ordered_ids)
    return list_motivators(manager_id)


def move_motivator(motivator_id: int, rank: int) -> list[MotivatorRecord]:
    """Move one motivator to ``rank`` (1 is the top; out-of-range ranks stop at the ends)."""
    record = get_motivator(motivator_id)
    order = [m.id for m in list_motivators(record.manager_id) if m.id != motivator_id]
    order.insert(min(max(rank, 1), len(order) + 1) - 1, motivator_id)
    return reorder_motivators(record.manager_id, order)


def delete_motivator(motivator_id: int) -> MotivatorRecord:
    """Delete a motivator; those below move up a rank. Returns the motivator as it was."""
    record = get_motivator(motivator_id)
    with database.atomic():
        Motivator.delete_by_id(motivator_id)
        _renumber(record.manager_id, [m.id for m in list_motivators(record.manager_id)])
    return record


# --- Assignments ------------------------------------------------------------------------------


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
            assigned_on=_as_date(row[7]),
            due_on=_as_date(row[8]),
            completed_on=_as_date(row[9]),
            outcome=row[10],
            outcome_rating=row[11],
            reflection=row[12],
            manager_name=row[13],
            touchpoints=row[14],
        )
        for row in _tuples(query)
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
            values[field] = _text(field, value, rules.TITLE, "Give the assignment a title.")
        elif field == "skill":
            text = " ".join(str(value).split())
            if len(text) > MAX_SKILL:
                raise ValidationError(field, f"Keep it under {MAX_SKILL} characters.")
            values[field] = rules.checked(field, text, rules.SKILL)
        elif field in ("description", "outcome", "reflection"):
            values[field] = _long_text(field, value)
        elif field in _DATE_WORDS:
            values[field] = _day(field, value, _DATE_WORDS[field])
        elif field == "outcome_rating":
            values[field] = None if value is None else _rating(field, value, "How well it went")
        elif field == "trait_id":
            values[field] = value
            if value is not None:
                owner, skill = (
                    _tuples(Trait.select(Trait.manager, Trait.skill).where(Trait.id == value))
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
    day = _day(field, on, what)
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
        Touchpoint.select(*_touchpoint_columns())
        .where(Touchpoint.assignment == assignment_id, Touchpoint.deleted_at.is_null())
        .order_by(Touchpoint.occurred_at.desc(), Touchpoint.id.desc())
    )
    return _linked(query)


def delete_assignment(assignment_id: int) -> AssignmentRecord:
    """Delete an assignment; its touchpoints stay, unlinked. Returns it as it was."""
    record = get_assignment(assignment_id)
    Assignment.delete_by_id(assignment_id)
    return record
