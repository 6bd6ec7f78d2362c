"""Dates as the user asked to see them: one place for the date format and the first day of the
week (see :mod:`coachjournal.storage.preferences`).

"system" takes the order of day, month and year from the system locale's short date format
(month first in the United States, year first in Japan, day first in most of the world) and
writes the month as a word, in English like the rest of the app, so "3/4" is never ambiguous.

Date fields and calendars follow without each screen asking: a date field
(:class:`ui.widgets.date_edit.DateField`, known here by its :class:`FollowsDates` method, so this
module needs no widget) writes its date in the order of the moment, and a calendar takes
:func:`first_day_of_week` when it is built; :func:`configure` updates every one that exists, shown
or not, when the preference changes. (No event filter on the whole application: every event of
every widget would cross into Python, and the first screen alone has thousands.)
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Protocol, runtime_checkable

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget

from coachjournal import typed_dates
from coachjournal.periods import MONTH_ABBREVIATIONS, WEEKDAY_NAMES
from ui.session import DateFormat, Preferences

Order = Literal["iso", "day-month", "month-day"]

WEEKDAYS = WEEKDAY_NAMES

_date_format: DateFormat = "system"
_week_start: int | None = None


def configure(preferences: Preferences) -> None:
    """Use these preferences from now on, and update the date fields and calendars shown."""
    global _date_format, _week_start
    chosen = preferences.date_format, preferences.week_start
    if chosen == (_date_format, _week_start):
        return
    _date_format, _week_start = chosen
    app = QApplication.instance()
    if isinstance(app, QApplication):
        for widget in app.allWidgets():
            _follow(widget)


def order(date_format: DateFormat | None = None) -> Order:
    """The order a format stands for; "system" asks the locale."""
    chosen = _date_format if date_format is None else date_format
    if chosen != "system":
        return chosen
    pattern = QLocale.system().dateFormat(QLocale.FormatType.ShortFormat)
    return typed_dates.order_of(pattern.find("d"), pattern.find("M"), pattern.find("y"))


def date_text(
    day: dt.date,
    *,
    year: bool = True,
    weekday: bool = False,
    date_format: DateFormat | None = None,
) -> str:
    """ "26 Nov 2026", "Nov 26, 2026" or "2026-11-26"; ``year=False`` leaves it out where the
    order allows ("26 Nov", "Nov 26"; ISO always has it); ``weekday`` puts its short name
    first ("Thu 26 Nov 2026", "Thu, Nov 26, 2026")."""
    chosen = order(date_format)
    month = MONTH_ABBREVIATIONS[day.month - 1]
    if chosen == "iso":
        text = day.isoformat()
    elif chosen == "month-day":
        text = f"{month} {day.day}, {day.year}" if year else f"{month} {day.day}"
    else:
        text = f"{day.day} {month} {day.year}" if year else f"{day.day} {month}"
    return f"{WEEKDAYS[day.weekday()][:3]}{_after_weekday(chosen)}{text}" if weekday else text


def long_date_text(day: dt.date) -> str:
    """With the weekday: "Thursday 26 Nov 2026", "Thursday, Nov 26, 2026"."""
    return f"{WEEKDAYS[day.weekday()]}{_after_weekday(order())}{date_text(day)}"


def date_time_text(moment: dt.datetime, *, weekday: bool = False) -> str:
    """ "26 Nov 2026, 14:30" (with ``weekday``, "Thu 26 Nov 2026, 14:30"): the time is on the
    24-hour clock, as everywhere in the app."""
    return f"{date_text(moment.date(), weekday=weekday)}, {moment:%H:%M}"


def _after_weekday(chosen: Order) -> str:
    """What follows a weekday: a comma when the month comes first ("Thursday, Nov 26, 2026")."""
    return ", " if chosen == "month-day" else " "


def week_start() -> int:
    """The first day of the week, Monday = 0 (as :meth:`datetime.date.weekday`)."""
    return _week_start if _week_start is not None else week_start_of_locale()


def week_end(day: dt.date) -> dt.date:
    """The last day of the week that holds ``day``."""
    return day + dt.timedelta(days=(week_start() - 1 - day.weekday()) % 7)


def first_day_of_week() -> Qt.DayOfWeek:
    """:func:`week_start` as a calendar takes it."""
    return Qt.DayOfWeek(week_start() + 1)


def week_start_of_locale() -> int:
    """The system locale's first day of the week, Monday = 0."""
    return QLocale.system().firstDayOfWeek().value - 1


@runtime_checkable
class FollowsDates(Protocol):
    """A widget that shows dates its own way and redraws them in the preferred order."""

    def follow_date_preferences(self) -> None: ...


def _follow(widget: object) -> None:
    if isinstance(widget, FollowsDates):
        widget.follow_date_preferences()
    elif isinstance(widget, QCalendarWidget):
        widget.setFirstDayOfWeek(first_day_of_week())
