"""The calendar, once: English names of months and weekdays, month and quarter arithmetic,
and fiscal years and quarters.

Not :data:`calendar.month_name` or ``strftime("%b")``: those follow the C library's locale,
which Qt sets from the system when the app starts, and the app writes its dates in English
whatever the locale (a prep sheet printed from the app reads the same as one from the command
line).
"""

from __future__ import annotations

import calendar
import datetime as dt

from coachjournal.kinds import ResultPeriod

MONTH_NAMES = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
#: "Jan" to "Dec".
MONTH_ABBREVIATIONS = tuple(name[:3] for name in MONTH_NAMES)
#: Monday first, as :meth:`datetime.date.weekday` counts.
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later (earlier if negative), or that month's last
    day if it is shorter (31 August + 6 months is 28 or 29 February)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    """The first day of the month after ``day``'s."""
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def quarter_start(day: dt.date) -> dt.date:
    """The first day of ``day``'s calendar quarter."""
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_label(day: dt.date) -> str:
    """``Q4 2026``: the calendar quarter."""
    return f"Q{(day.month - 1) // 3 + 1} {day.year}"


def fiscal_year(day: dt.date, fiscal_start: int = 1) -> int:
    """The fiscal year ``day`` falls in, named after the calendar year it ends in."""
    if fiscal_start == 1 or day.month < fiscal_start:
        return day.year
    return day.year + 1


def fiscal_quarter(day: dt.date, fiscal_start: int = 1) -> int:
    """1 to 4: the quarter of its fiscal year that ``day`` falls in."""
    return (day.month - fiscal_start) % 12 // 3 + 1


def fiscal_period_start(day: dt.date, period: ResultPeriod, fiscal_start: int = 1) -> dt.date:
    """The first day of the month or fiscal quarter holding ``day``."""
    if period is ResultPeriod.MONTH:
        return month_start(day)
    return add_months(month_start(day), -((day.month - fiscal_start) % 3))
