"""The parser behind every date field: what people type, in each date order, and what it
refuses (with a sentence that says why)."""

from __future__ import annotations

import datetime as dt

import pytest

from coachjournal import rules, typed_dates
from coachjournal.errors import ValidationError
from coachjournal.typed_dates import MAX_LENGTH, Order, parse

#: A Thursday.
TODAY = dt.date(2026, 12, 3)
ORDERS: tuple[Order, ...] = ("iso", "day-month", "month-day")


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        ("  Tomorrow ", dt.date(2026, 12, 4)),
        ("tmr", dt.date(2026, 12, 4)),
        ("yesterday", dt.date(2026, 12, 2)),
        ("fri", dt.date(2026, 12, 4)),
        ("Friday", dt.date(2026, 12, 4)),
        ("thu", TODAY),
        ("wed", dt.date(2026, 12, 9)),
        ("next fri", dt.date(2026, 12, 11)),
        ("this mon", dt.date(2026, 11, 30)),
        ("last fri", dt.date(2026, 11, 27)),
        ("next week", dt.date(2026, 12, 7)),
        ("next month", dt.date(2027, 1, 1)),
        ("+2w", dt.date(2026, 12, 17)),
        ("+3", dt.date(2026, 12, 6)),
        ("-1d", dt.date(2026, 12, 2)),
        ("3d", dt.date(2026, 12, 6)),
        ("in 3 days", dt.date(2026, 12, 6)),
        ("in 1 week", dt.date(2026, 12, 10)),
        ("in 2 months", dt.date(2027, 2, 3)),
        ("+1y", dt.date(2027, 12, 3)),
        ("2 weeks ago", dt.date(2026, 11, 19)),
        ("2026-12-12", dt.date(2026, 12, 12)),
        ("2027/1/5", dt.date(2027, 1, 5)),
        ("12/12", dt.date(2026, 12, 12)),
        ("12 Dec", dt.date(2026, 12, 12)),
        ("12 December", dt.date(2026, 12, 12)),
        ("Dec 12", dt.date(2026, 12, 12)),
        ("December 12, 2027", dt.date(2027, 12, 12)),
        ("12th december 2026", dt.date(2026, 12, 12)),
        ("12-dec-26", dt.date(2026, 12, 12)),
        ("Dec. 12", dt.date(2026, 12, 12)),
        ("Fri 11 Dec 2026", dt.date(2026, 12, 11)),
        ("Fri, Dec 11, 2026", dt.date(2026, 12, 11)),
        ("Fri 2026-12-11", dt.date(2026, 12, 11)),
        ("sept 5", dt.date(2027, 9, 5)),
        ("march", dt.date(2027, 3, 1)),
        ("Jan 2027", dt.date(2027, 1, 1)),
        ("12", dt.date(2026, 12, 12)),
        ("2", dt.date(2027, 1, 2)),
        ("29 feb", dt.date(2028, 2, 29)),
        ("", None),
        ("   ", None),
    ],
)
def test_what_people_type_reads_the_same_in_every_order(
    text: str, expected: dt.date | None, order: Order
) -> None:
    assert parse(text, TODAY, order) == expected


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("3/4", "day-month", dt.date(2027, 4, 3)),
        ("3/4", "month-day", dt.date(2027, 3, 4)),
        ("3/4", "iso", dt.date(2027, 3, 4)),
        ("12-24", "iso", dt.date(2026, 12, 24)),
        ("3/4/26", "day-month", dt.date(2026, 4, 3)),
        ("3.4.2026", "day-month", dt.date(2026, 4, 3)),
        ("3/4/2026", "month-day", dt.date(2026, 3, 4)),
        ("3/4/26", "iso", dt.date(2026, 4, 3)),
        ("25/12", "day-month", dt.date(2026, 12, 25)),
        ("12/25", "month-day", dt.date(2026, 12, 25)),
    ],
)
def test_numbers_follow_the_date_order(text: str, order: Order, expected: dt.date) -> None:
    assert parse(text, TODAY, order) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/12", dt.date(2025, 12, 12)),
        ("1 Dec", dt.date(2026, 12, 1)),
        ("3 dec", TODAY),
        ("fri", dt.date(2026, 11, 27)),
        ("thu", TODAY),
        ("12", dt.date(2026, 11, 12)),
        ("31", dt.date(2026, 10, 31)),
        ("29 feb", dt.date(2024, 2, 29)),
    ],
)
def test_a_past_leaning_field_takes_the_latest_such_date(text: str, expected: dt.date) -> None:
    assert parse(text, TODAY, "day-month", leaning="past") == expected


def test_a_year_left_out_is_the_next_such_date_on_or_after_today() -> None:
    assert parse("3 Dec", TODAY, "day-month") == TODAY
    assert parse("2 Dec", TODAY, "day-month") == dt.date(2027, 12, 2)


def test_next_week_starts_on_the_users_first_day_of_the_week() -> None:
    assert parse("next week", TODAY, "iso", week_start=6) == dt.date(2026, 12, 6)
    assert parse("next week", TODAY, "iso", week_start=0) == dt.date(2026, 12, 7)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1212December2026", "There is no 1212 December."),
        ("31/2", "There is no 31 February."),
        ("13/13", "There is no month 13: months go from 1 to 12."),
        ("Mon 11 Dec 2026", "11 December 2026 is a Friday, not a Monday."),
        ("2300-01-01", "A date in the journal falls between 1950 and 2200."),
        ("1/1/1900", "A date in the journal falls between 1950 and 2200."),
        ("9999y", "A date in the journal falls between 1950 and 2200."),
        ("+9999w", "A date in the journal falls between 1950 and 2200."),
        ("2026-12", "A date that starts with its year needs a day: 2026-MM-DD."),
        ("32", "There is no day 32 in a month."),
        ("garbage", "Not a date: try 12 Dec, 12/12, fri, tomorrow or +2w."),
        ("in 3 dec", "Not a date: try 12 Dec, 12/12, fri, tomorrow or +2w."),
        ("12 dec 2026 10", "Not a date: try 12 Dec, 12/12, fri, tomorrow or +2w."),
        ("(12)", "Not a date: try 12 Dec, 12/12, fri, tomorrow or +2w."),
        ("12 dec!", "Not a date: try 12 Dec, 12/12, fri, tomorrow or +2w."),
        ("#5", "Not a date: try 12 Dec, 12/12, fri, tomorrow or +2w."),
        ("x" * (MAX_LENGTH + 1), "That is too long for a date: try 12 Dec, 12/12, fri, "),
    ],
)
def test_text_that_is_not_a_date_is_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse(text, TODAY, "day-month")
    assert refused.value.field == "date"
    assert refused.value.message.startswith(message)


def test_every_date_it_gives_is_plausible() -> None:
    near_the_end = dt.date(rules.MAX_YEAR, 12, 30)
    assert parse("tomorrow", near_the_end, "iso") == rules.LAST_DAY
    with pytest.raises(ValidationError):
        parse("+2d", near_the_end, "iso")
    with pytest.raises(ValidationError):
        parse("1 jan", dt.date(rules.MAX_YEAR, 12, 31), "iso")


@pytest.mark.parametrize("text", ["3/4/202", "3/4/2", "123/4"])
def test_a_year_of_one_or_three_digits_is_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        parse(text, TODAY, "day-month")


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("%m/%d/%Y", "month-day"),
        ("%d.%m.%Y", "day-month"),
        ("%Y-%m-%d", "iso"),
        ("%x", "day-month"),
    ],
)
def test_a_locales_pattern_gives_its_date_order(pattern: str, expected: str) -> None:
    year = max(pattern.find("%y"), pattern.find("%Y"))
    assert typed_dates.order_of(pattern.find("%d"), pattern.find("%m"), year) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3/4/98", dt.date(1998, 4, 3)),
        ("3/4/46", dt.date(2046, 4, 3)),
        ("3/4/60", dt.date(1960, 4, 3)),
        ("3 apr 99", dt.date(1999, 4, 3)),
        ("3 apr 00", dt.date(2000, 4, 3)),
    ],
)
def test_a_two_digit_year_is_the_nearest_one_a_person_means(text: str, expected: dt.date) -> None:
    """A manager since "98" started in 1998, not in 2098 (which the rules would refuse)."""
    assert parse(text, TODAY, "day-month") == expected
