"""Dates as people type them: ``12/12``, ``12 Dec``, ``2026-12-12``, ``tomorrow``, ``fri``,
``next week``, ``+2w``, ``in 3 days``, ``3d``.

One pure parser for every date field of the app (and anything else that reads a typed date), so
a due date costs a few keys instead of fifteen clicks, and "3/4" means the same in every field.
What it reads:

- Words: ``today``, ``tomorrow`` (``tmr``), ``yesterday``; a weekday (``fri``, ``friday``), also
  ``next fri`` (that weekday in the next week) and ``last fri``; ``next week`` and ``next month``
  (their first day).
- Offsets from today: ``+2w``, ``-3d``, ``3d``, ``+3`` (days), ``in 3 days``, ``2 weeks ago``,
  in days, weeks, months or years.
- Numbers in the user's date order (Settings): ``12/12``, ``3/4/26``, ``3.4.2026``; day first
  for "day-month", month first for "month-day"; for "iso", ``2026-12-12`` and ``12-24`` (month,
  day) and, with the year last, day first as most of the world writes it. A date that starts
  with a four-digit year is ISO whatever the order. A two-digit year is the one within 80
  years before and 20 after today ("98" is 1998, "31" is 2031).
- Month names (full or from three letters, in English like the rest of the app) in either order:
  ``12 Dec``, ``Dec 12, 2026``, ``12th December``, ``December`` (its first day), with or
  without a leading weekday (``Fri 11 Dec 2026``, the way a date field shows its value), which
  must then be the date's.
- A day alone (``12``): that day of the month.

A year left out is filled in by the field's leaning: ``"future"`` (due dates, targets) takes
the next such date on or after today, ``"past"`` (when something happened) the latest on or
before today. Every result is a plausible day (:func:`coachjournal.rules.plausible_day`); the
text is bounded in length, so the work is too.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final, Literal

from coachjournal.errors import ValidationError
from coachjournal.periods import MONTH_NAMES, WEEKDAY_NAMES, add_months, next_month
from coachjournal.rules import MAX_YEAR, MIN_YEAR, plausible_day

Order = Literal["iso", "day-month", "month-day"]
Leaning = Literal["future", "past"]

#: Longer text is not a date anyone types ("Wednesday, September 30, 2026" is 29 characters).
MAX_LENGTH: Final = 40
#: What a field says when it cannot read the text.
EXAMPLES: Final = "try 12 Dec, 12/12, fri, tomorrow or +2w"

_FIELD = "date"
_WORDS: Final = {"today": 0, "tod": 0, "tomorrow": 1, "tmr": 1, "tmrw": 1, "yesterday": -1}
_UNITS: Final = {
    **dict.fromkeys(("d", "day", "days"), "d"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), "w"),
    **dict.fromkeys(("m", "mo", "mos", "month", "months"), "m"),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), "y"),
}
_OFFSET = re.compile(r"(in )?([+-])? ?(\d{1,4}) ?([a-z]*)( ago)?")
_NUMERIC = re.compile(r"(\d{1,4})[/.-](\d{1,2})(?:[/.-](\d{1,4}))?")
_TOKEN = re.compile(r"\d+|[a-z]+")
#: What a written-out date may hold besides its words and numbers ("Dec. 12", "12-dec-26").
_NAMED_ONLY = re.compile(r"[\da-z./ -]+")
_ORDINAL = frozenset({"st", "nd", "rd", "th"})


def order_of(day: int, month: int, year: int) -> Order:
    """The date order of a locale's date pattern, from where its day, month and year stand in
    it (``-1``: not there): "%m/%d/%Y" and "M/d/yy" are month first, "yyyy-MM-dd" is ISO."""
    if 0 <= year < min(day, month):
        return "iso"
    if 0 <= month < day:
        return "month-day"
    return "day-month"


def parse(
    text: str,
    today: dt.date,
    order: Order,
    *,
    leaning: Leaning = "future",
    week_start: int = 0,
) -> dt.date | None:
    """The date ``text`` names, or None when it is empty (no date).

    ``order`` is the user's date order, ``week_start`` the first day of their week (Monday = 0,
    for "next week"). Raises :class:`ValidationError` (field "date") with one sentence saying
    why the text is not a date.
    """
    cleaned = " ".join(text.lower().replace(",", " ").split())
    if not cleaned:
        return None
    if len(cleaned) > MAX_LENGTH:
        raise _refused(f"That is too long for a date: {EXAMPLES}.")
    try:
        day = _read(cleaned, today, order, leaning, week_start)
    except (OverflowError, ValueError) as error:
        if isinstance(error, ValidationError):
            raise
        raise _refused(_out_of_range()) from None
    if day is None:
        raise _refused(f"Not a date: {EXAMPLES}.")
    if not plausible_day(day):
        raise _refused(_out_of_range())
    return day


def _read(
    text: str, today: dt.date, order: Order, leaning: Leaning, week_start: int
) -> dt.date | None:
    if text in _WORDS:
        return today + dt.timedelta(days=_WORDS[text])
    words = text.split(" ")
    if len(words) == 2 and words[0] in ("next", "last", "this"):
        return _relative_word(words[0], words[1], today, week_start)
    weekday = _weekday(words[0])
    if weekday is not None and len(words) == 1:
        return _nearest_weekday(weekday, today, leaning)
    if weekday is not None:  # "Fri 11 Dec 2026", the way a date field shows its value
        day = _read(" ".join(words[1:]), today, order, leaning, week_start)
        if day is not None and day.weekday() != weekday:
            raise _refused(
                f"{_spelled(day)} is a {WEEKDAY_NAMES[day.weekday()]}, "
                f"not a {WEEKDAY_NAMES[weekday]}."
            )
        return day
    offset = _OFFSET.fullmatch(text)
    if offset is not None and (offset[1] or offset[2] or offset[4] in _UNITS or offset[5]):
        return _offset(offset, today)
    numeric = _NUMERIC.fullmatch(text)
    if numeric is not None:
        return _numeric(numeric, today, order, leaning)
    if not _NAMED_ONLY.fullmatch(text):  # "(12)", "12!": a stray symbol is not read past
        return None
    return _named(_TOKEN.findall(text), today, leaning)


def _relative_word(which: str, word: str, today: dt.date, week_start: int) -> dt.date | None:
    """ "next week", "next month", "next fri", "last fri", "this fri"."""
    this_week = today - dt.timedelta(days=(today.weekday() - week_start) % 7)
    if which == "next" and word in ("week", "wk"):
        return this_week + dt.timedelta(days=7)
    if which == "next" and word in ("month", "mo"):
        return next_month(today)
    weekday = _weekday(word)
    if weekday is None:
        return None
    in_this_week = this_week + dt.timedelta(days=(weekday - week_start) % 7)
    if which == "this":
        return in_this_week
    if which == "next":
        return in_this_week + dt.timedelta(days=7)
    return _nearest_weekday(weekday, today - dt.timedelta(days=1), "past")


def _weekday(word: str) -> int | None:
    """Monday = 0 for "fri", "friday" (three letters at least), else None."""
    if len(word) < 3:
        return None
    for number, name in enumerate(WEEKDAY_NAMES):
        if name.lower().startswith(word):
            return number
    return None


def _nearest_weekday(weekday: int, today: dt.date, leaning: Leaning) -> dt.date:
    """That weekday on or after today ("future"), or on or before it ("past")."""
    if leaning == "future":
        return today + dt.timedelta(days=(weekday - today.weekday()) % 7)
    return today - dt.timedelta(days=(today.weekday() - weekday) % 7)


def _offset(match: re.Match[str], today: dt.date) -> dt.date | None:
    into, sign, amount, unit_word, ago = match.groups()
    unit = _UNITS.get(unit_word or "d")
    if unit is None or (ago and (into or sign)) or (into and sign == "-"):
        return None
    count = int(amount) * (-1 if sign == "-" or ago else 1)
    if unit == "d":
        return today + dt.timedelta(days=count)
    if unit == "w":
        return today + dt.timedelta(weeks=count)
    return add_months(today, count * (12 if unit == "y" else 1))


def _numeric(match: re.Match[str], today: dt.date, order: Order, leaning: Leaning) -> dt.date:
    first, second, third = match.groups()
    if len(first) == 4:
        if third is None:
            raise _refused(f"A date that starts with its year needs a day: {first}-MM-DD.")
        return _day(int(first), int(second), int(third))
    if len(first) == 3 or (third is not None and len(third) not in (2, 4)):
        raise _refused(f"Not a date: {EXAMPLES}.")
    if third is None:
        month, day = (
            (int(second), int(first)) if order == "day-month" else (int(first), int(second))
        )
        return _without_year(month, day, today, leaning)
    day, month = (int(second), int(first)) if order == "month-day" else (int(first), int(second))
    return _day(_full_year(int(third), today), month, day)


def _named(tokens: list[str], today: dt.date, leaning: Leaning) -> dt.date | None:
    """ "12 dec", "dec 12 2026", "12th december", "december", "dec 2026", "12"."""
    tokens = [token for token in tokens if token not in _ORDINAL]
    months = [(index, _month(token)) for index, token in enumerate(tokens) if token.isalpha()]
    numbers = [int(token) for token in tokens if token.isdigit()]
    if len(tokens) > 3 or len(months) > 1 or any(month is None for _, month in months):
        return None
    if not months:
        if len(numbers) != 1:
            return None
        return _day_of_month(numbers[0], today, leaning)
    month = months[0][1]
    assert month is not None
    if not numbers:
        return _without_year(month, 1, today, leaning)
    if len(numbers) == 1 and len(tokens[-1]) == 4 and tokens[-1].isdigit():
        return _day(numbers[0], month, 1)  # "dec 2026": its first day
    if len(numbers) == 1:
        return _without_year(month, numbers[0], today, leaning)
    if months[0][0] == 2:  # "12 2026 dec" is not how anyone writes a date
        return None
    return _day(_full_year(numbers[1], today), month, numbers[0])


def _month(word: str) -> int | None:
    """1 to 12 for "dec", "december", "sept" (three letters at least), else None."""
    if len(word) < 3:
        return None
    for number, name in enumerate(MONTH_NAMES, start=1):
        if name.lower().startswith(word):
            return number
    return None


def _full_year(year: int, today: dt.date) -> int:
    """A year as written: two digits are the year within 80 years before and 20 after today
    ("98" is 1998 and "31" is 2031 in 2026), as a manager's start and a due date both need."""
    if year >= 100:
        return year
    candidate = today.year - today.year % 100 + year
    if candidate > today.year + 20:
        return candidate - 100
    if candidate <= today.year - 80:
        return candidate + 100
    return candidate


def _day(year: int, month: int, day: int) -> dt.date:
    """The date, or the reason there is none ("There is no 31 February.")."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _refused(_out_of_range())
    if not 1 <= month <= 12:
        raise _refused(f"There is no month {month}: months go from 1 to 12.")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _refused(f"There is no {day} {MONTH_NAMES[month - 1]}.") from None


def _without_year(month: int, day: int, today: dt.date, leaning: Leaning) -> dt.date:
    """The next such date on or after today ("future"), or the latest on or before it."""
    _day(2000, month, day)  # a leap year: refuses only a day no year has
    step = 1 if leaning == "future" else -1
    year = today.year
    for _ in range(9):  # 29 February comes back within eight years
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            year += step
            continue
        if (candidate >= today) if leaning == "future" else (candidate <= today):
            return candidate
        year += step
    raise _refused(_out_of_range())


def _day_of_month(day: int, today: dt.date, leaning: Leaning) -> dt.date:
    """That day of this month, or of the next (previous) month that has it."""
    if not 1 <= day <= 31:
        raise _refused(f"There is no day {day} in a month.")
    start = today.replace(day=1)
    for months in range(13):
        first = add_months(start, months if leaning == "future" else -months)
        try:
            candidate = first.replace(day=day)
        except ValueError:
            continue
        if (candidate >= today) if leaning == "future" else (candidate <= today):
            return candidate
    raise _refused(_out_of_range())


def _spelled(day: dt.date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _out_of_range() -> str:
    return f"A date in the journal falls between {MIN_YEAR} and {MAX_YEAR}."


def _refused(message: str) -> ValidationError:
    return ValidationError(_FIELD, message)
