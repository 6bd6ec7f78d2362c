"""Talent reviews: each manager placed on a nine-box grid (performance × potential), with a
note, their readiness for a bigger role and their risk of leaving.

Every review is kept, so a manager's movement shows across them: :func:`history` lists a
manager's boxes review by review, :func:`movements` compares two reviews and :func:`board`
gathers what the screen and the chart show of one review (each placed manager with the box
they were in at the review before, and the managers not placed yet). A new review can start
from an earlier one's placements: the boxes, readiness and risks are copied, not the notes,
which are about the day of each review.

Performance and potential are levels 1 (low) to 3 (high); a box is ``(performance,
potential)``. The counting and comparing functions are pure (they take records), so they are
tested without a journal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from coachjournal import rules
from coachjournal.coaching.development._shared import (
    as_date,
    checked_day,
    long_text,
    one_line,
    tuples,
)
from coachjournal.errors import ValidationError
from coachjournal.kinds import Readiness, ReviewPeriod, Risk
from coachjournal.storage.models import (
    Manager,
    TalentPlacement,
    TalentReview,
    database,
    utcnow,
)

#: Levels of performance and of potential, lowest first.
LEVELS = (1, 2, 3)
LEVEL_LABELS = {1: "Low", 2: "Medium", 3: "High"}

Box = tuple[int, int]
"""A box of the grid: ``(performance, potential)``, each 1 to 3."""

#: Every box, from high potential and low performance (top left) row by row, as drawn.
BOXES: tuple[Box, ...] = tuple(
    (performance, potential) for potential in (3, 2, 1) for performance in LEVELS
)

#: The usual short name of each box, as talent reviews say them.
BOX_NAMES: dict[Box, str] = {
    (1, 3): "Rough diamond",
    (2, 3): "Future star",
    (3, 3): "Star",
    (1, 2): "Inconsistent",
    (2, 2): "Core player",
    (3, 2): "High performer",
    (1, 1): "Under-performer",
    (2, 1): "Effective",
    (3, 1): "Trusted professional",
}

#: The arrow of a move from one box to another, by (change of performance, of potential).
_ARROWS = {
    (0, 1): "↑",
    (0, -1): "↓",
    (1, 0): "→",
    (-1, 0): "←",
    (1, 1): "↗",
    (-1, 1): "↖",
    (1, -1): "↘",
    (-1, -1): "↙",
}


def box_label(box: Box) -> str:
    """``Star (High performance, High potential)``."""
    performance, potential = box
    return (
        f"{BOX_NAMES[box]} ({LEVEL_LABELS[performance]} performance, "
        f"{LEVEL_LABELS[potential]} potential)"
    )


def box_short(box: Box) -> str:
    """``Medium/High``: performance, then potential."""
    return f"{LEVEL_LABELS[box[0]]}/{LEVEL_LABELS[box[1]]}"


def arrow(before: Box | None, after: Box | None) -> str:
    """The direction of a move (``↗`` for better on both), or empty when there was none."""
    if before is None or after is None or before == after:
        return ""
    sign = (
        (after[0] > before[0]) - (after[0] < before[0]),
        (after[1] > before[1]) - (after[1] < before[1]),
    )
    return _ARROWS[sign]


@dataclasses.dataclass(frozen=True, slots=True)
class ReviewRecord:
    id: int
    title: str
    held_on: dt.date
    period: ReviewPeriod


@dataclasses.dataclass(frozen=True, slots=True)
class PlacementRecord:
    id: int
    review_id: int
    manager_id: int
    performance: int
    potential: int
    note: str = ""
    readiness: Readiness | None = None
    risk: Risk | None = None
    risk_reason: str = ""

    @property
    def box(self) -> Box:
        return (self.performance, self.potential)


@dataclasses.dataclass(frozen=True, slots=True)
class Movement:
    """A manager's box in two reviews (None where they were not placed in one)."""

    manager_id: int
    before: Box | None
    after: Box | None

    @property
    def arrow(self) -> str:
        return arrow(self.before, self.after)


@dataclasses.dataclass(frozen=True, slots=True)
class HistoryPoint:
    """Where a manager stood at one review."""

    review: ReviewRecord
    placement: PlacementRecord


@dataclasses.dataclass(frozen=True, slots=True)
class Card:
    """A manager as one review shows them: their placement (None if not placed) and their
    box at the review before (None if not placed then, or no review before)."""

    manager_id: int
    name: str
    team: str
    placement: PlacementRecord | None
    was: Box | None

    @property
    def arrow(self) -> str:
        return arrow(self.was, self.placement.box if self.placement else None)


@dataclasses.dataclass(frozen=True, slots=True)
class Board:
    """One review as the screen and the chart show it."""

    review: ReviewRecord
    previous: ReviewRecord | None
    #: Every manager of the review: the placed ones, and the active ones not placed yet.
    cards: tuple[Card, ...]

    @property
    def placed(self) -> list[Card]:
        return [card for card in self.cards if card.placement is not None]

    @property
    def unplaced(self) -> list[Card]:
        return [card for card in self.cards if card.placement is None]

    def in_box(self, box: Box) -> list[Card]:
        return [c for c in self.cards if c.placement is not None and c.placement.box == box]

    def counts(self) -> dict[Box, int]:
        return counts_per_box(c.placement for c in self.cards if c.placement is not None)


# --- Pure functions --------------------------------------------------------------------------


def counts_per_box(placements: Iterable[PlacementRecord]) -> dict[Box, int]:
    """How many managers are in each of the nine boxes (every box present, 0 if empty)."""
    counts = dict.fromkeys(BOXES, 0)
    for placement in placements:
        counts[placement.box] += 1
    return counts


def movements(
    before: Sequence[PlacementRecord], after: Sequence[PlacementRecord]
) -> list[Movement]:
    """The managers whose box differs between two reviews (placed in only one of them
    included), by manager id."""
    old = {p.manager_id: p.box for p in before}
    new = {p.manager_id: p.box for p in after}
    return [
        Movement(manager_id, old.get(manager_id), new.get(manager_id))
        for manager_id in sorted(old.keys() | new.keys())
        if old.get(manager_id) != new.get(manager_id)
    ]


def moved(box: Box, performance: int, potential: int) -> Box:
    """``box`` moved by a step of performance and of potential, kept within the grid."""
    return (
        min(max(box[0] + performance, LEVELS[0]), LEVELS[-1]),
        min(max(box[1] + potential, LEVELS[0]), LEVELS[-1]),
    )


# --- Reading ---------------------------------------------------------------------------------


def _review(row: TalentReview) -> ReviewRecord:
    held_on = as_date(row.held_on)
    assert held_on is not None
    return ReviewRecord(row.id, row.title, held_on, ReviewPeriod(row.period))


def _placement(row: Any) -> PlacementRecord:
    """A placement row (its links read as ``review_id``/``manager_id``, without a query)."""
    return PlacementRecord(
        id=row.id,
        review_id=row.review_id,
        manager_id=row.manager_id,
        performance=row.performance,
        potential=row.potential,
        note=row.note,
        readiness=Readiness(row.readiness) if row.readiness else None,
        risk=Risk(row.risk) if row.risk else None,
        risk_reason=row.risk_reason,
    )


def list_reviews() -> list[ReviewRecord]:
    """Every review, newest first."""
    query = TalentReview.select().order_by(TalentReview.held_on.desc(), TalentReview.id.desc())
    return [_review(row) for row in query]


def get_review(review_id: int) -> ReviewRecord:
    row = TalentReview.get_or_none(TalentReview.id == review_id)
    if row is None:
        raise LookupError(f"no talent review {review_id}")
    return _review(row)


def previous_review(review_id: int) -> ReviewRecord | None:
    """The review held before this one (by date, then by when it was added)."""
    reviews = list_reviews()
    ids = [review.id for review in reviews]
    if review_id not in ids:
        raise LookupError(f"no talent review {review_id}")
    at = ids.index(review_id)
    return reviews[at + 1] if at + 1 < len(reviews) else None


#: A placement's columns in the order of :class:`PlacementRecord`'s fields.
_COLUMNS = (
    TalentPlacement.id,
    TalentPlacement.review,
    TalentPlacement.manager,
    TalentPlacement.performance,
    TalentPlacement.potential,
    TalentPlacement.note,
    TalentPlacement.readiness,
    TalentPlacement.risk,
    TalentPlacement.risk_reason,
)


def placements(review_id: int) -> list[PlacementRecord]:
    """The review's placements, by manager id. Read as tuples: a review of 200 managers is
    read for every refresh of the grid (model instances took three times as long)."""
    query = (
        TalentPlacement.select(*_COLUMNS)
        .where(TalentPlacement.review == review_id)
        .order_by(TalentPlacement.manager, TalentPlacement.id)
    )
    return [
        PlacementRecord(
            id=row[0],
            review_id=row[1],
            manager_id=row[2],
            performance=row[3],
            potential=row[4],
            note=row[5],
            readiness=Readiness(row[6]) if row[6] else None,
            risk=Risk(row[7]) if row[7] else None,
            risk_reason=row[8],
        )
        for row in tuples(query)
    ]


def get_placement(review_id: int, manager_id: int) -> PlacementRecord | None:
    row = TalentPlacement.get_or_none(
        TalentPlacement.review == review_id, TalentPlacement.manager == manager_id
    )
    return None if row is None else _placement(row)


def history(manager_id: int) -> list[HistoryPoint]:
    """Where the manager stood at each review that placed them, oldest first."""
    query = (
        TalentPlacement.select(TalentPlacement, TalentReview)
        .join(TalentReview)
        .where(TalentPlacement.manager == manager_id)
        .order_by(TalentReview.held_on, TalentReview.id)
    )
    return [HistoryPoint(_review(row.review), _placement(row)) for row in query]


def board(review_id: int) -> Board:
    """What the review shows: its placed managers (archived ones too) and the active managers
    not placed yet, by name, each with their box at the review before."""
    review = get_review(review_id)
    previous = previous_review(review_id)
    placed = {p.manager_id: p for p in placements(review_id)}
    was = {p.manager_id: p.box for p in placements(previous.id)} if previous else {}
    managers: list[tuple[int, str, str]] = tuples(
        Manager.select(Manager.id, Manager.name, Manager.team)
        .where(~Manager.archived | Manager.id.in_(list(placed)))
        .order_by(Manager.name.collate("NOCASE"), Manager.id)
    )
    cards = tuple(
        Card(manager_id, name, team, placed.get(manager_id), was.get(manager_id))
        for manager_id, name, team in managers
    )
    return Board(review, previous, cards)


def latest_board() -> Board | None:
    """The newest review's board, or None when no review was held."""
    reviews = list_reviews()
    return board(reviews[0].id) if reviews else None


# --- Writing ---------------------------------------------------------------------------------


def _checked_level(field: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not rules.LEVEL.allows(value):
        raise ValidationError(field, "Performance and potential run from 1 (low) to 3 (high).")
    return value


def add_review(
    title: str,
    held_on: dt.date,
    period: ReviewPeriod = ReviewPeriod.QUARTER,
    *,
    start_from: int | None = None,
) -> ReviewRecord:
    """A new review; with ``start_from``, every placement of that review is copied into it
    (box, readiness, risk and its reason; not the note)."""
    clean = one_line("title", title, rules.TITLE, "Name the review.")
    day = checked_day("held_on", held_on, "day of the review")
    if day is None:
        raise ValidationError("held_on", "Give the day of the review.")
    try:
        kind = ReviewPeriod(period)
    except ValueError:
        raise ValidationError("period", "A review is quarterly or yearly.") from None
    with database.atomic():
        review = TalentReview.create(
            title=clean, held_on=day, period=kind.value, created_at=utcnow()
        )
        if start_from is not None:
            get_review(start_from)
            for placement in placements(start_from):
                TalentPlacement.create(
                    review=review.id,
                    manager=placement.manager_id,
                    performance=placement.performance,
                    potential=placement.potential,
                    readiness=placement.readiness,
                    risk=placement.risk,
                    risk_reason=placement.risk_reason,
                    updated_at=utcnow(),
                )
    return get_review(review.id)


def delete_review(review_id: int) -> ReviewRecord:
    """Delete a review with its placements; returns it as it was."""
    record = get_review(review_id)
    TalentReview.delete_by_id(review_id)
    return record


def place(review_id: int, manager_id: int, performance: int, potential: int) -> PlacementRecord:
    """Put the manager in a box of the review: placed there if they were not, moved if they
    were (their note, readiness and risk stay with them)."""
    box = (_checked_level("performance", performance), _checked_level("potential", potential))
    get_review(review_id)
    if not Manager.select().where(Manager.id == manager_id).exists():
        raise ValidationError("manager_id", "Choose the manager to place.")
    with database.atomic():
        current = get_placement(review_id, manager_id)
        if current is None:
            TalentPlacement.create(
                review=review_id,
                manager=manager_id,
                performance=box[0],
                potential=box[1],
                updated_at=utcnow(),
            )
        elif current.box != box:
            TalentPlacement.update(performance=box[0], potential=box[1], updated_at=utcnow()).where(
                TalentPlacement.id == current.id
            ).execute()
    placed = get_placement(review_id, manager_id)
    assert placed is not None
    return placed


def update_placement(placement_id: int, **changes: Any) -> PlacementRecord:
    """Edit a placement's note, readiness, risk of leaving or its reason (a readiness or a
    risk of None: not judged)."""
    if not TalentPlacement.select().where(TalentPlacement.id == placement_id).exists():
        raise ValidationError("manager_id", "Place the manager on the grid first.")
    values: dict[str, Any] = {}
    for field, value in changes.items():
        if field in ("note", "risk_reason"):
            values[field] = long_text(field, value)
        elif field == "readiness":
            values[field] = None if value is None else _choice(field, value, Readiness)
        elif field == "risk":
            values[field] = None if value is None else _choice(field, value, Risk)
        else:
            raise ValueError(f"{field!r} is not an editable placement field")
    if values:
        TalentPlacement.update(**values, updated_at=utcnow()).where(
            TalentPlacement.id == placement_id
        ).execute()
    return _placement(TalentPlacement.get_by_id(placement_id))


def _choice(field: str, value: Any, choices: type[Readiness] | type[Risk]) -> str:
    try:
        return choices(value).value
    except ValueError:
        allowed = ", ".join(choice.label for choice in choices)
        raise ValidationError(field, f"Choose one of: {allowed}.") from None


def unplace(review_id: int, manager_id: int) -> PlacementRecord | None:
    """Take the manager off the review's grid (with their note); returns the placement."""
    current = get_placement(review_id, manager_id)
    if current is not None:
        TalentPlacement.delete_by_id(current.id)
    return current
