"""Strengths and development areas: a manager's skills, their dated ratings and target, and
the touchpoints that are evidence for them.

A trait names a skill (one of :data:`coachjournal.coaching.catalogue.SKILLS` or the executive's
own), a detail, and a rating history. Ratings run from 1 to 5 and are dated; a new rating never
replaces an older one, except on the same day: rating a skill twice in one day corrects that
day's rating (a slip of the finger should not draw a spike on the chart). A skill appears once
per manager. A development area can become a strength (and back): it keeps its ratings and
evidence.

A target ("start with the end in mind") is a rating and the day it should be reached. A target
date is refused when it is *set* in the past, since a target is where the manager should be by
a coming day; a target that has passed since stays as it was, so a missed target stays visible
as missed, and editing the detail of a trait never trips over it.

Each rule is enforced with a :class:`ValidationError` that says what to do. Touchpoints in the
trash are left out of the evidence; their links stay, and show again when the touchpoint is
restored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import StrEnum
from typing import Any

from peewee import Case, fn

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
from coachjournal.kinds import TraitKind
from coachjournal.storage.models import (
    Manager,
    Touchpoint,
    Trait,
    TraitEvidence,
    TraitRating,
    database,
    utcnow,
)

_KIND_LABELS = {TraitKind.STRENGTH: "Strength", TraitKind.DEVELOPMENT: "Development area"}


def kind_label(kind: TraitKind) -> str:
    return _KIND_LABELS[kind]


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
    rows = tuples(query)
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
        for trait_id, rating_id, rating, rated_on, note in tuples(history):
            day = as_date(rated_on)
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
            target_date=as_date(row[6]),
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
    for other_id, other_skill, other_kind in tuples(query):
        if other_id != trait_id and other_skill.casefold() == skill.casefold():
            what = kind_label(TraitKind(other_kind)).lower()
            raise ValidationError(
                "skill", f"“{other_skill}” is already listed as a {what}: rate it there."
            )


def _target_date(value: Any, today: dt.date) -> dt.date | None:
    day = checked_day("target_date", value, "target date")
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
            values[field] = one_line(field, value, rules.TRAIT, "Name the skill.")
        elif field == "detail":
            values[field] = long_text(field, value)
        elif field == "target_rating":
            values[field] = (
                None if value is None else checked_rating(field, value, "A target rating")
            )
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
    value = checked_rating("rating", rating)
    day = checked_day("rated_on", rated_on, "rating date") or today
    if day > today:
        raise ValidationError(
            "rated_on", "A rating is of how things are: it cannot be dated ahead."
        )
    note = long_text("note", note)
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
    row = tuples(
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
    day = as_date(rated_on)
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
        Touchpoint.select(*touchpoint_columns())
        .join(TraitEvidence, on=(TraitEvidence.touchpoint == Touchpoint.id))
        .where(TraitEvidence.trait == trait_id, Touchpoint.deleted_at.is_null())
        .order_by(Touchpoint.occurred_at.desc(), Touchpoint.id.desc())
    )
    return linked_touchpoints(query)


def traits_of(touchpoint_id: int) -> list[TraitRecord]:
    """The strengths and development areas linked to a touchpoint, as a trait's list shows
    them (strengths first)."""
    linked = TraitEvidence.select(TraitEvidence.trait).where(
        TraitEvidence.touchpoint == touchpoint_id
    )
    return _traits(Trait.id.in_(linked))
