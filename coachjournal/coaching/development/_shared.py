"""What the traits, motivators and assignments modules share: checking a value as it comes in
(a plausible day, a rating, one line or a longer text, by the domain rules), reading values
back from SQLite, and the touchpoints shown as evidence or as work on an assignment."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from coachjournal import rules
from coachjournal.errors import ValidationError
from coachjournal.kinds import TouchpointKind
from coachjournal.storage.models import Touchpoint


def checked_day(field: str, value: Any, what: str) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationError(field, f"The {what} must be a date.")
    if not rules.plausible_day(value):
        raise ValidationError(field, f"{value:%Y} is not a plausible year for the {what}.")
    return value


def as_date(value: Any) -> dt.date | None:
    """A date read back from SQLite (peewee converts model fields, not expressions)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def as_datetime(value: Any) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def tuples(query: Any) -> list[tuple[Any, ...]]:
    return list(query.tuples())


def checked_rating(field: str, value: Any, what: str = "A rating") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not rules.RATING.allows(value):
        raise ValidationError(field, f"{what} runs from 1 to 5.")
    return value


def one_line(field: str, value: Any, rule: rules.Text, empty: str) -> str:
    """One line (runs of white space made one space), not empty, within the rule's limit."""
    text = " ".join(str(value).split())
    if not rules.shows(text):
        raise ValidationError(field, empty)
    if len(text) > rule.limit:
        raise ValidationError(field, f"Keep it under {rule.limit} characters.")
    return rules.checked(field, text, rule)


def long_text(field: str, value: Any) -> str:
    """A note or description: several lines, within the rules of notes."""
    return rules.checked(field, str(value).strip(), rules.NOTES, "The text")


@dataclasses.dataclass(frozen=True, slots=True)
class LinkedTouchpoint:
    """A touchpoint shown as evidence for a trait or as work on an assignment."""

    id: int
    occurred_at: dt.datetime
    kind: TouchpointKind
    summary: str


def linked_touchpoints(query: Any) -> list[LinkedTouchpoint]:
    return [
        LinkedTouchpoint(row[0], as_datetime(row[1]), TouchpointKind(row[2]), row[3])
        for row in tuples(query)
    ]


def touchpoint_columns() -> tuple[Any, ...]:
    return (Touchpoint.id, Touchpoint.occurred_at, Touchpoint.kind, Touchpoint.summary)
