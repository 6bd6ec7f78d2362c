"""Words and colours the development screens share: how a rating, a trend, a target, a
motivator's confirmation and an assignment's dates read, so every view says them the same way."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor, QPalette

from coachjournal.coaching.development import (
    AssignmentRecord,
    Confirmation,
    MotivatorRecord,
    RatingTrend,
    TraitRecord,
)
from coachjournal.coaching.stats import month_label
from ui import dates

#: What each rating means, for tooltips and screen readers.
RATING_WORDS = {
    1: "far from where the role needs it",
    2: "below what the role needs",
    3: "solid, what the role needs",
    4: "strong, above what the role needs",
    5: "a model for others",
}
#: How well an assignment went.
OUTCOME_WORDS = {1: "poorly", 2: "below hopes", 3: "as hoped", 4: "well", 5: "very well"}


def trend_text(record: TraitRecord) -> str:
    """``↑ 1``, ``↓ 2``, ``→``, or empty when there is nothing to compare."""
    change = record.change
    if record.trend in (RatingTrend.UP, RatingTrend.DOWN) and change is not None:
        return f"{record.trend.arrow} {abs(change)}"
    if record.trend is RatingTrend.STEADY:
        return record.trend.arrow
    return ""


def trend_words(record: TraitRecord) -> str:
    latest = record.latest
    if latest is None:
        return "not rated yet"
    rated = f"rated {latest.rating} of 5 on {dates.date_text(latest.rated_on)}"
    previous = record.ratings[-2].rating if len(record.ratings) > 1 else None
    if previous is None:
        return f"{rated}, its first rating"
    if previous == latest.rating:
        return f"{rated}, unchanged"
    direction = "up" if latest.rating > previous else "down"
    return f"{rated}, {direction} from {previous}"


def target_text(record: TraitRecord, today: dt.date) -> str:
    """``Target 4 by 1 Jun 2027`` (with ``· met`` or ``· missed``), or empty."""
    if record.target_rating is None:
        return ""
    text = f"Target {record.target_rating}"
    if record.target_date is not None:
        text += f" by {dates.date_text(record.target_date)}"
    if record.target_met:
        text += " · met"
    elif record.target_missed(today):
        text += " · missed"
    return text


def confirmation_text(record: MotivatorRecord, today: dt.date, *, short: bool = False) -> str:
    """``Confirmed 20 Jul 2026``, ``Not confirmed yet`` (just added), ``Never confirmed`` or
    ``Stale: last confirmed 31 Aug 2025``; ``short`` gives the month only (``Stale · confirmed
    Aug 2025``), for a list row. Which one is the core's rule (``record.confirmation``)."""
    state = record.confirmation(today)
    if state is Confirmation.NOT_YET:
        return "Not confirmed yet"
    if state is Confirmation.NEVER:
        return "Never confirmed"
    assert record.confirmed_on is not None
    when = month_label(record.confirmed_on) if short else dates.date_text(record.confirmed_on)
    if state is Confirmation.STALE:
        return f"Stale · confirmed {when}" if short else f"Stale: last confirmed {when}"
    return f"Confirmed {when}"


def due_text(record: AssignmentRecord, today: dt.date, *, short: bool = False) -> str:
    """``due 8 Dec 2026``, ``12 days overdue (due 14 Nov 2026)``, ``done 3 Mar 2026``...;
    ``short`` leaves the due date out of an overdue one, for a list row."""
    overdue = record.days_overdue(today)
    if overdue:
        days = "1 day" if overdue == 1 else f"{overdue} days"
        assert record.due_on is not None
        return (
            f"{days} overdue" if short else f"{days} overdue (due {dates.date_text(record.due_on)})"
        )
    if record.completed_on is not None:
        return f"done {dates.date_text(record.completed_on)}"
    if record.due_on is not None and record.is_open:
        return f"due {dates.date_text(record.due_on)}"
    return ""


def is_dark_base(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def warning_colour(palette: QPalette) -> QColor:
    """Red text that stays readable (WCAG AA) on the palette's base colour: always shown
    with an icon and a word, never alone."""
    return QColor("#FF8A7A" if is_dark_base(palette) else "#B3261E")


def muted(colour: QColor, amount: float = 0.65) -> QColor:
    faded = QColor(colour)
    faded.setAlphaF(amount)
    return faded
