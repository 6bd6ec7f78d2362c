"""What drives a manager: motivators ranked 1..n without gaps, each name once per manager.

Whether a motivator is known to still hold (:meth:`MotivatorRecord.confirmation`), the one
rule every screen (the profile, the prep sheet) follows:

* **confirmed** with the manager less than six calendar months ago;
* **not confirmed yet** when it never was and was added less than :data:`CONFIRM_WITHIN_DAYS`
  days ago: neutral, not a warning. A motivator is often noted from what the executive saw
  before asking; a month holds four weekly one-on-ones to check it in;
* **stale** when last confirmed six months ago or more, and **never confirmed** when it still
  is not a month after it was added: both are flagged, since what drives someone changes and
  is worth asking about again.

Each rule of the list is enforced with a :class:`ValidationError` that says what to do.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from peewee import fn

from coachjournal import rules
from coachjournal.coaching.development._shared import (
    as_date,
    as_datetime,
    checked_day,
    long_text,
    one_line,
    tuples,
)
from coachjournal.errors import ValidationError
from coachjournal.periods import add_months
from coachjournal.storage.models import Manager, Motivator, database, utcnow

#: A motivator not confirmed with the manager for this many calendar months is stale.
STALE_AFTER_MONTHS = 6
#: Days after it was added that a motivator never confirmed is "not confirmed yet", not flagged.
CONFIRM_WITHIN_DAYS = 30


class Confirmation(StrEnum):
    """Whether a motivator is known to still hold (see the module docstring)."""

    CONFIRMED = "confirmed"
    NOT_YET = "not_yet"
    STALE = "stale"
    NEVER = "never"

    @property
    def needs_attention(self) -> bool:
        """Stale, or never confirmed a month after it was added: worth asking about."""
        return self in (Confirmation.STALE, Confirmation.NEVER)


@dataclasses.dataclass(frozen=True, slots=True)
class MotivatorRecord:
    id: int
    manager_id: int
    name: str
    rank: int
    note: str = ""
    confirmed_on: dt.date | None = None
    #: The local day it was added to the journal (None if not known).
    added_on: dt.date | None = None

    def stale_from(self) -> dt.date | None:
        """The first day this motivator counts as stale (None if never confirmed)."""
        if self.confirmed_on is None:
            return None
        return add_months(self.confirmed_on, STALE_AFTER_MONTHS)

    def confirmation(self, today: dt.date) -> Confirmation:
        stale_from = self.stale_from()
        if stale_from is None:
            recent = (
                self.added_on is not None and (today - self.added_on).days < CONFIRM_WITHIN_DAYS
            )
            return Confirmation.NOT_YET if recent else Confirmation.NEVER
        return Confirmation.STALE if today >= stale_from else Confirmation.CONFIRMED

    def is_stale(self, today: dt.date) -> bool:
        """Not confirmed for six months, or never a month after it was added: worth asking
        about again."""
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
            Motivator.created_at,
        )
        .where(*conditions)
        .order_by(Motivator.rank, Motivator.id)
    )
    return [
        MotivatorRecord(row[0], row[1], row[2], row[3], row[4], as_date(row[5]), _local_day(row[6]))
        for row in tuples(query)
    ]


def _local_day(stamp: Any) -> dt.date | None:
    """The local calendar day of a stored UTC time."""
    if stamp is None:
        return None
    return as_datetime(stamp).replace(tzinfo=dt.UTC).astimezone().date()


def list_motivators(manager_id: int) -> list[MotivatorRecord]:
    """What drives the manager, most important first."""
    return _motivators(Motivator.manager == manager_id)


def get_motivator(motivator_id: int) -> MotivatorRecord:
    found = _motivators(Motivator.id == motivator_id)
    if not found:
        raise LookupError(f"no motivator {motivator_id}")
    return found[0]


def _confirmed_on(value: Any, today: dt.date) -> dt.date | None:
    day = checked_day("confirmed_on", value, "date it was confirmed")
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
    clean = one_line("name", name, rules.MOTIVATOR, "Name what drives them.")
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
            note=long_text("note", note),
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
            values[field] = one_line(field, value, rules.MOTIVATOR, "Name what drives them.")
        elif field == "note":
            values[field] = long_text(field, value)
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
