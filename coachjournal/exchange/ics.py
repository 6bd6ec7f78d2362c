"""Calendars: backfill touchpoints from an iCalendar (.ics) export, and export the next due
one-on-ones as one.

**Import** is two steps, so a screen can show what will happen before it happens:
:func:`preview` reads the file and plans, :func:`apply` writes the plan in one transaction.

* Files from Outlook, Google and Apple calendars are read with ``icalendar``; recurring meetings
  are expanded with ``recurring-ical-events`` (RRULE, RDATE, EXDATE, moved and cancelled
  occurrences, Google's ``X-WR-TIMEZONE``, Outlook's Windows zone names), whose author also
  maintains ``icalendar``; rolling our own expansion over ``dateutil.rrule`` would mean
  re-solving the quirks that its test suite of real-world calendars already covers. Each event
  is expanded on its own, so one broken event is skipped with its reason and the rest imported.
* An event becomes a touchpoint with a manager who is among its attendees (or is its organizer)
  by e-mail or by name, else whose full name is in its title, else whose first name is in a
  title that names a kind of coaching ("1:1 Anna") when no other manager has that first name.
  Names match whatever the case and accents ("chloe" is Chloé). An event with
  several managers becomes one touchpoint with all of them as its attendees (a team meeting,
  unless the title says otherwise). Archived managers count: a backfill is about the past.
  Cancelled events are skipped, and so are meetings of more than :data:`MAX_ATTENDEES` people
  whose title names no kind of coaching (an all-hands is not coaching).
* The kind comes from the title ("ride-along" is a field visit...); one-on-one by default.
* Only what has happened is imported: recurring meetings are expanded up to ``now``, and later
  events are skipped. Times are converted to local wall-clock time, as the journal keeps them.
  An all-day event becomes a touchpoint at 09:00 without a duration, and only if its title
  names a kind of coaching: most all-day events are holidays, trips and birthdays.
* Each touchpoint remembers its event in ``touchpoint.source_key``: the UID, the occurrence
  (its original start, so a moved meeting keeps its identity) and its first manager. Importing
  the same calendar again creates nothing twice, also when an earlier version imported the
  meeting once per manager (any of its managers' keys marks it as imported); a touchpoint moved
  to the trash is not brought back either.
* A file that cannot be read at all raises :class:`CalendarImportError` with a sentence; an
  event that cannot be read is skipped with the reason, and the rest is imported.
* The work is bounded whatever the file says, because a calendar is written by other people
  and a 200-byte rule can describe billions of meetings. A file of more than
  :data:`MAX_CONTENT_LINES` lines, more than :data:`MAX_BYTES` bytes or a repeat rule longer
  than :data:`MAX_RULE_CHARS` is refused before it is parsed (icalendar's parser takes over a
  minute for 300,000 events). Before an event is expanded, its rule is checked: more often
  than daily (FREQ=HOURLY and finer, or several BYHOUR/BYMINUTE/BYSECOND times a day),
  INTERVAL=0, a start outside the plausible years of a touchpoint, more than
  :data:`MAX_OCCURRENCES_PER_EVENT` extra dates, or a pattern that matches no day at all
  (30 February: ``dateutil`` would look for one until the year 9999) skip the event with that
  reason. Recurring meetings are expanded only over the last :data:`HORIZON_YEARS` years, and
  a file whose events add up to more than :data:`MAX_OCCURRENCES` occurrences is refused. A
  negative duration (DTEND before DTSTART, or a negative DURATION) skips the event: the
  expansion would otherwise swap its ends and move the meeting earlier.
* :func:`preview` takes plain callables for progress and cancellation, so a screen can show how
  far it is and stop it; a cancelled preview has written nothing.

**Export** writes one all-day event per active manager on the day their next one-on-one is due
(today, if it is overdue), with a UID that stays the same from one export to the next, so
importing a newer file updates the events rather than adding more. Only names and due dates
leave the journal: calendars are often synced to servers, and notes must not go with them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import icalendar
import recurring_ical_events  # type: ignore[import-untyped]
import x_wr_timezone  # type: ignore[import-untyped]
from dateutil.rrule import rrulestr  # type: ignore[import-untyped]

from coachjournal import __version__, rules
from coachjournal.coaching import cadence
from coachjournal.coaching.touchpoints import MAX_DURATION_MINUTES
from coachjournal.errors import CoachJournalError
from coachjournal.kinds import TouchpointKind
from coachjournal.storage.exports import new_file
from coachjournal.storage.models import Touchpoint, TouchpointAttendee, database, utcnow

log = logging.getLogger(__name__)

#: When an all-day event is taken to have happened.
ALL_DAY_TIME = dt.time(9)
#: An event with more people than this is not coaching, unless its title names a kind.
MAX_ATTENDEES = 12
#: The properties that say when an event happens.
_TIMING = frozenset({"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"})
_EARLIEST = dt.date(1950, 1, 1)
_LATEST = dt.date(2200, 1, 1)
#: Recurring meetings are expanded over this many years back from today.
HORIZON_YEARS = 20
#: A file with more content lines than this is refused before it is parsed.
MAX_CONTENT_LINES = 400_000
#: A file larger than this is refused before it is read (the parser takes about 25 s for 40 MB).
MAX_BYTES = 50_000_000
#: A repeat rule (RRULE, EXRULE) longer than this is refused before it is parsed: no calendar
#: writes one, and the parser turns each of its values into an object.
MAX_RULE_CHARS = 2_000
#: An event with more occurrences than this (more than daily over the horizon) is skipped.
MAX_OCCURRENCES_PER_EVENT = 8_000
#: A file whose events add up to more occurrences than this is refused.
MAX_OCCURRENCES = 100_000
#: The rule check looks for one matching day from this year on (dateutil stops at 9999).
_PROBE_FROM = dt.datetime(9991, 1, 1)
#: Years after which the Gregorian calendar repeats, weekdays and leap days included.
_GREGORIAN_CYCLE = 400
_WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
#: Parts that name days; without any, dateutil takes the day (or weekday) from the start.
_DAY_PARTS = ("BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY")
_SUB_DAILY = {"SECONDLY": "second", "MINUTELY": "minute", "HOURLY": "hour"}
#: How often (in events) the progress callback is called.
_PROGRESS_EVERY = 200
#: SQLite binds at most 32,766 values per statement.
_ROWS_PER_INSERT = 3_000

_KIND_PATTERNS: tuple[tuple[TouchpointKind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (
            TouchpointKind.FIELD_VISIT,
            r"ride[ -]?along|field (visit|day|ride|trip)|(customer|client|site|account|joint) visit"
            r"|joint call",
        ),
        (TouchpointKind.CALL_REVIEW, r"call (review|coaching|listening)|recording review"),
        (TouchpointKind.CAREER, r"career|development (plan|conversation|talk)|\bidp\b"),
        (TouchpointKind.TEAM_MEETING, r"team (meeting|call|sync|huddle)|staff meeting"),
        (
            TouchpointKind.ONE_ON_ONE,
            r"(?<!\d)1 ?[:/x-] ?1(?!\d)|\b1 ?on ?1\b|one[ -]on[ -]one|\bcheck[ -]?in\b",
        ),
        (TouchpointKind.INFORMAL, r"\b(coffee|lunch|dinner|drinks|breakfast)\b"),
    )
)
_CANCELLED_TITLE = re.compile(r"^\s*(cancell?ed|canceled)\s*:", re.IGNORECASE)


class CalendarImportError(CoachJournalError):
    """The calendar file cannot be read at all (nothing was imported)."""


class CalendarImportCancelledError(CalendarImportError):
    """Reading the calendar was stopped on request (nothing was imported)."""


#: Called with (events done, events in all) while the events are planned.
Progress = Callable[[int, int], object]
#: Returns True when the work should stop.
CancelCheck = Callable[[], bool]


@dataclasses.dataclass(frozen=True, slots=True)
class PlannedTouchpoint:
    """A touchpoint an event will become (or already became, for a duplicate)."""

    source_key: str
    uid: str
    title: str
    manager_id: int
    manager_name: str
    kind: TouchpointKind
    #: Local wall-clock time, as the journal keeps it.
    occurred_at: dt.datetime
    duration_minutes: int | None
    all_day: bool
    recurring: bool
    #: How the manager was recognised, for the preview: "attendee anna@example.com"...
    matched_by: str
    #: The other managers among its attendees (ids and names), in the order they were found.
    with_managers: tuple[int, ...] = ()
    with_names: tuple[str, ...] = ()

    @property
    def names(self) -> str:
        """Everyone it was with, as the preview lists them: "Anna Berg, Bruno Costa"."""
        return ", ".join((self.manager_name, *self.with_names))


@dataclasses.dataclass(frozen=True, slots=True)
class SkippedEvent:
    """An event (all its skipped occurrences, for a recurring one) that will not be imported."""

    uid: str
    title: str
    #: The first skipped occurrence, local time (a date for an all-day event), if known.
    start: dt.datetime | dt.date | None
    occurrences: int
    reason: str


@dataclasses.dataclass(frozen=True, slots=True)
class CalendarPlan:
    """What importing a calendar file would do; nothing is written until :func:`apply`."""

    source: str
    #: Events read from the file (a recurring meeting counts once).
    events: int
    new: tuple[PlannedTouchpoint, ...]
    #: Imported before (the same event, occurrence and manager): left alone.
    duplicates: tuple[PlannedTouchpoint, ...]
    skipped: tuple[SkippedEvent, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class CalendarCounts:
    created: int
    #: Already in the journal (including any imported since the preview was made).
    duplicates: int
    skipped: int


@dataclasses.dataclass(frozen=True, slots=True)
class _Manager:
    id: int
    name: str
    email: str
    #: The name, folded for matching (no case, no accents).
    folded: str
    first: str


# --- Reading the file -------------------------------------------------------------------------


def _read(source: Path | str | bytes) -> tuple[str, bytes]:
    if isinstance(source, bytes):
        return "The calendar", source
    path = Path(source).expanduser()
    try:
        if path.stat().st_size > MAX_BYTES:
            raise CalendarImportError(_too_large(path.name, f"{path.stat().st_size:,} bytes"))
        return path.name, path.read_bytes()
    except OSError as error:
        raise CalendarImportError(f"Cannot read {path}: {error.strerror or error}.") from error


def _decode(data: bytes) -> str:
    """The file's text: UTF-8 as the standard says, else Windows-1252, which older Outlook
    versions write; Latin-1 reads anything, so no file is refused for its encoding."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _calendars(name: str, text: str) -> list[icalendar.Calendar]:
    """Every VCALENDAR in the text (some tools write several into one file)."""
    if not text.strip():
        raise CalendarImportError(f"{name} is empty.")
    try:
        components = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception as error:  # the parser's faults on hostile input are many and untyped
        raise CalendarImportError(
            f"{name} is not a calendar that can be read ({_reason(error)}); nothing was imported."
        ) from error
    calendars = [c for c in components if isinstance(c, icalendar.Calendar)]
    if calendars:
        return calendars
    if "BEGIN:VCALENDAR" in text.upper():
        raise CalendarImportError(
            f"{name} ends before its END:VCALENDAR line: the file was cut short, so nothing "
            "was imported."
        )
    raise CalendarImportError(
        f"{name} is not an iCalendar file (it has no BEGIN:VCALENDAR); export the calendar "
        "as .ics and try again."
    )


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split()).rstrip(".")
    return (text[:120] + "…" if len(text) > 120 else text) or type(error).__name__


# --- Events and their occurrences ------------------------------------------------------------


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(str(value or "").split())


def _uid(component: Any) -> str:
    """The event's UID; an event without one (rare, and against the standard) is known by its
    start and title, which is stable as long as neither changes."""
    uid = _text(component, "UID")
    if uid:
        return uid
    start = component.get("DTSTART")
    stamp = start.to_ical().decode() if hasattr(start, "to_ical") else ""
    return f"no-uid:{stamp}:{_text(component, 'SUMMARY')}"


def _groups(calendar: icalendar.Calendar) -> dict[str, list[Any]]:
    """The calendar's events by UID: a recurring meeting and its moved occurrences together."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for component in calendar.walk("VEVENT"):
        groups[_uid(component)].append(component)
    return groups


def _is_recurring(group: Sequence[Any]) -> bool:
    return any(
        "RRULE" in component or "RDATE" in component or "RECURRENCE-ID" in component
        for component in group
    )


def _fault(group: Sequence[Any]) -> str | None:
    """Why the event cannot be read, if a glance tells; the library finds the rest. A broken
    property that the import does not use (a stamp, a colour) is no reason to skip it."""
    for component in group:
        if "DTSTART" not in component:
            return "it has no start time (DTSTART)"
        for name, message in getattr(component, "errors", ()):
            if name in _TIMING:
                return f"its {name} cannot be read ({_reason(ValueError(message))})"
    return None


def _bounds_fault(group: Sequence[Any]) -> str | None:
    """Why the event's timing is not one a coaching meeting can have, if it is not: checked
    before anything expands it, so that no rule can make the expansion run without end."""
    for component in group:
        fault = _timing_fault(component) or _extra_dates_fault(component)
        for rule in _list(component.get("RRULE")):
            fault = fault or _rule_fault(rule, component["DTSTART"].dt)
        if fault is not None:
            return fault
    return None


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _timing_fault(component: Any) -> str | None:
    """A start outside the years a touchpoint can have, or an end before the start."""
    start = component["DTSTART"].dt
    day = start.date() if isinstance(start, dt.datetime) else start
    if not _EARLIEST <= day < _LATEST:
        return (
            f"it is dated in the year {day.year}, not a plausible year for a touchpoint "
            f"({_EARLIEST.year} to {_LATEST.year - 1})"
        )
    try:
        length = component.duration
    except (ValueError, KeyError, TypeError):
        return None
    if isinstance(length, dt.timedelta) and length < dt.timedelta(0):
        if "DURATION" in component:
            return "its duration (DURATION) is negative"
        return "it ends before it starts (DTEND is before DTSTART)"
    return None


def _extra_dates_fault(component: Any) -> str | None:
    dates = sum(len(getattr(value, "dts", ())) for value in _list(component.get("RDATE")))
    if dates > MAX_OCCURRENCES_PER_EVENT:
        return f"it lists {dates:,} extra dates (RDATE), more than a coaching meeting has"
    return None


def _rule_fault(rule: Any, start: dt.date | dt.datetime) -> str | None:
    """Why a repeat rule cannot be expanded in bounded time, if it cannot: every expansion
    walks from the event's start, candidate by candidate, until it passes the window."""
    freq = str((rule.get("FREQ") or [""])[0]).upper()
    interval = (rule.get("INTERVAL") or [1])[0]
    if freq in _SUB_DAILY:
        return f"it repeats every {_SUB_DAILY[freq]}: not a coaching meeting"
    if not isinstance(interval, int) or interval < 1:
        return f"its repeat rule has interval {interval}, so it never moves on"
    times = 1
    for part in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        times *= max(1, len(rule.get(part) or ()))
    if times > 1:
        return f"it repeats {times:,} times a day: not a coaching meeting"
    try:
        never = _matches_no_day(rule, freq, interval, start)
    except Exception as error:  # dateutil's faults on hostile rules are many and untyped
        return f"its repeat rule cannot be read ({_reason(error)})"
    if never:
        return "its repeat rule matches no day (like 30 February)"
    return None


def _matches_no_day(rule: Any, freq: str, interval: int, start: dt.date | dt.datetime) -> bool:
    """Whether the rule's pattern has no day: over a whole calendar cycle when every day or week
    is a candidate (:func:`_no_day_in_a_cycle`), otherwise in the eight years before dateutil's
    last year (a rule that steps over days, weeks or months and still finds none there is no
    coaching meeting).

    The probe starts on the rule's own lattice (a whole number of intervals after its start),
    so it sees the same candidate days as the real expansion, and it ignores COUNT and UNTIL:
    it asks about the pattern, cheaply (a few milliseconds), before anything walks it for real.
    """
    parts = {key: value for key, value in rule.items() if key not in ("COUNT", "UNTIL")}
    moment = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
    moment = moment.replace(tzinfo=None)
    if not any(key in parts for key in _DAY_PARTS):
        # The days dateutil would take from the start, which the probe moves.
        if freq in ("MONTHLY", "YEARLY"):
            parts["BYMONTHDAY"] = [moment.day]
        if freq == "YEARLY":
            parts.setdefault("BYMONTH", [moment.month])
    if freq in ("DAILY", "WEEKLY") and interval == 1 and "BYSETPOS" not in parts:
        return _no_day_in_a_cycle(parts, freq, moment)
    if freq in ("DAILY", "WEEKLY"):
        step = interval * (7 if freq == "WEEKLY" else 1)
        days = (_PROBE_FROM - moment).days
        probe = moment + dt.timedelta(days=days - days % step) if days > 0 else moment
    else:
        step = interval * (12 if freq == "YEARLY" else 1)
        index = moment.year * 12 + moment.month - 1
        months = _PROBE_FROM.year * 12 - index
        index += months - months % step if months > 0 else 0
        probe = moment.replace(year=index // 12, month=index % 12 + 1, day=1)
    text = icalendar.vRecur(parts).to_ical().decode()
    return next(iter(rrulestr(text, dtstart=probe)), None) is None


def _no_day_in_a_cycle(parts: dict[str, Any], freq: str, moment: dt.datetime) -> bool:
    """Whether a rule that makes every day (or every week) a candidate matches no day at all.

    Its days are then the days of each year that pass its filters (month, day of the month or
    year, week number, weekday), which is what a yearly rule with the same filters yields, one
    year at a time; and the calendar repeats itself every 400 years. So one yearly probe over a
    whole cycle is exact and quick, where a few years would miss a rare pattern such as
    29 February falling on a Monday (every 28 years or so). A daily or weekly rule ignores the
    ordinal of a weekday ("1MO" is every Monday), so the probe drops it; a weekly rule that names
    no day takes its start's weekday.
    """
    weekdays = [re.sub(r"^[+-]?\d+", "", str(day)) for day in parts.get("BYDAY") or ()]
    if freq == "WEEKLY" and not any(key in parts for key in _DAY_PARTS):
        weekdays = [_WEEKDAY_CODES[moment.weekday()]]
    yearly = {**parts, "FREQ": ["YEARLY"]}
    if weekdays:
        yearly["BYDAY"] = weekdays
    probe = moment.replace(year=_PROBE_FROM.year - _GREGORIAN_CYCLE, month=1, day=1)
    text = icalendar.vRecur(yearly).to_ical().decode()
    return next(iter(rrulestr(text, dtstart=probe)), None) is None


def _occurrences(
    timezones: Sequence[Any], group: Sequence[Any], since: dt.date, until: dt.date
) -> list[Any]:
    """The event's occurrences from ``since`` to ``until``, expanded in a calendar of their own
    (with the file's time zones) so that one broken event cannot stop the others."""
    single = icalendar.Calendar()
    for timezone in timezones:
        single.add_component(timezone)
    for component in group:
        single.add_component(component)
    return list(recurring_ical_events.of(single).between(since, until))


def _occurrence_id(component: Any, start: Any) -> str:
    """The occurrence's identity: its original start (RECURRENCE-ID), in UTC when it has a
    zone, so the same occurrence gets the same key whatever zone the next export uses."""
    original = component.get("RECURRENCE-ID")
    moment = original.dt if original is not None else start
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is not None:
            return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        return moment.strftime("%Y%m%dT%H%M%S")
    return f"{moment:%Y%m%d}"


def _local(moment: dt.datetime, zone: dt.tzinfo | None) -> dt.datetime:
    """Wall-clock time in ``zone`` (the system's zone when None); a floating time as it is."""
    if moment.tzinfo is None:
        return moment
    local = moment.astimezone(zone) if zone is not None else moment.astimezone()
    return local.replace(tzinfo=None)


def _duration(component: Any) -> int | None:
    """Minutes from DTSTART to DTEND (or DURATION); None if unknown or over a day."""
    try:
        length = component.duration
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(length, dt.timedelta):
        return None
    minutes = int(length.total_seconds() // 60)
    return minutes if 0 <= minutes <= MAX_DURATION_MINUTES else None


@dataclasses.dataclass(frozen=True, slots=True)
class _Person:
    #: Lower case, without "mailto:".
    email: str
    #: The display name (CN), folded; "" if none.
    name: str


@dataclasses.dataclass(frozen=True, slots=True)
class _Occurrence:
    uid: str
    title: str
    occurrence_id: str
    start: dt.datetime
    all_day: bool
    duration_minutes: int | None
    cancelled: bool
    attendees: tuple[_Person, ...]
    organizer: _Person | None


def _person(value: Any) -> _Person:
    address = str(value).strip()
    if address.lower().startswith("mailto:"):
        address = address[7:]
    params = getattr(value, "params", None) or {}
    return _Person(address.strip().lower(), fold(str(params.get("CN", ""))))


def _people(component: Any, master: Any) -> tuple[tuple[_Person, ...], _Person | None]:
    """Attendees and organizer (an occurrence that lists none has its series')."""
    attendees = component.get("ATTENDEE") or (master.get("ATTENDEE") if master else None)
    if attendees is None:
        attendees = []
    elif not isinstance(attendees, list):
        attendees = [attendees]
    organizer = component.get("ORGANIZER") or (master.get("ORGANIZER") if master else None)
    return tuple(_person(a) for a in attendees), _person(organizer) if organizer else None


def _occurrence(uid: str, component: Any, master: Any, zone: dt.tzinfo | None) -> _Occurrence:
    start = component["DTSTART"].dt
    all_day = not isinstance(start, dt.datetime)
    attendees, organizer = _people(component, master)
    status = _text(component, "STATUS").upper()
    title = _text(component, "SUMMARY")
    return _Occurrence(
        uid=uid,
        title=title,
        occurrence_id=_occurrence_id(component, start),
        start=dt.datetime.combine(start, ALL_DAY_TIME) if all_day else _local(start, zone),
        all_day=all_day,
        duration_minutes=None if all_day else _duration(component),
        cancelled=status == "CANCELLED" or bool(_CANCELLED_TITLE.match(title)),
        attendees=attendees,
        organizer=organizer,
    )


# --- Matching ---------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Text as matching sees it: no case, no accents, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


def guess_kind(title: str) -> TouchpointKind | None:
    """The kind of coaching a meeting title names ("Ride-along with Anna"), if any."""
    folded = fold(title)
    return next((kind for kind, pattern in _KIND_PATTERNS if pattern.search(folded)), None)


def _contains(text: str, words: str) -> bool:
    return bool(words) and re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text) is not None


def _managers() -> list[_Manager]:
    managers = []
    for id_, name, email in database.execute_sql("SELECT id, name, email FROM manager"):
        folded = fold(name)
        managers.append(_Manager(id_, name, email.strip().lower(), folded, folded.split(" ")[0]))
    return managers


def _match(
    occurrence: _Occurrence, managers: Sequence[_Manager], explicit: TouchpointKind | None
) -> list[tuple[_Manager, str]]:
    """The managers the event was with, and how each was recognised."""
    people = [*occurrence.attendees, *([occurrence.organizer] if occurrence.organizer else [])]
    emails = {person.email for person in people} - {""}
    names = {person.name for person in people} - {""}
    by_person = [
        (m, f"attendee {m.email}" if m.email in emails else f"attendee {m.name}")
        for m in managers
        if (m.email and m.email in emails) or m.folded in names
    ]
    if by_person:
        return by_person
    title = fold(occurrence.title)
    by_name = [(m, "name in the title") for m in managers if _contains(title, m.folded)]
    if by_name or explicit is None:
        return by_name
    by_first = [m for m in managers if _contains(title, m.first)]
    namesakes = [m for m in managers if by_first and m.first == by_first[0].first]
    if len(by_first) == 1 and len(namesakes) == 1:
        return [(by_first[0], "first name in the title")]
    return []


#: A UID longer than this is kept as its SHA-256, so that the key stays within
#: :data:`coachjournal.rules.KEY` (and the journal's own export imports again).
_LONGEST_UID = 200


def _source_key(occurrence: _Occurrence, recurring: bool) -> str:
    """The event (its UID, and the occurrence of a recurring one): the same on every computer
    that imports the calendar, so two synced journals know it for one touchpoint. Keys written
    before also named the lead's local id: :func:`_event_of` reads both."""
    uid = rules.one_line(occurrence.uid, rules.KEY)
    if len(uid) > _LONGEST_UID:
        uid = "sha256:" + hashlib.sha256(uid.encode()).hexdigest()
    parts = ["ics", uid, occurrence.occurrence_id if recurring else None]
    return json.dumps(parts, ensure_ascii=False, separators=(",", ":"))


def _event_of(key: str) -> str:
    """The event (its UID and occurrence) a source key names, whoever led it: the same meeting
    imported again after its attendees changed is the same touchpoint, and a meeting an
    earlier version imported once per manager is known by each of its keys."""
    try:
        parts = json.loads(key)
    except ValueError:
        return key
    if isinstance(parts, list) and len(parts) == 4 and parts[0] == "ics":
        return json.dumps(parts[:3], ensure_ascii=False, separators=(",", ":"))
    return key


def _skip_reason(
    occurrence: _Occurrence,
    matches: Sequence[tuple[_Manager, str]],
    explicit: TouchpointKind | None,
    now: dt.datetime,
) -> str | None:
    if occurrence.cancelled:
        return "it was cancelled"
    if occurrence.start >= now:
        return "it has not happened yet"
    if not matches:
        return "none of its attendees is a manager, and no manager's name is in its title"
    if occurrence.all_day and explicit is None:
        return "an all-day event whose title names no kind of coaching (1:1, ride-along, …)"
    people = len(occurrence.attendees)
    if explicit is None and people > MAX_ATTENDEES:
        return f"a meeting of {people} people whose title names no kind of coaching"
    return None


# --- The plan ---------------------------------------------------------------------------------


def _never_cancelled() -> bool:
    return False


def _no_progress(done: int, total: int) -> None:
    """Progress that nobody watches."""


@dataclasses.dataclass(slots=True)
class _Planner:
    source: str
    managers: Sequence[_Manager]
    existing: set[str]
    now: dt.datetime
    #: Events in the whole file, for progress.
    total: int
    progress: Progress = _no_progress
    cancelled: CancelCheck = _never_cancelled
    done: int = 0
    occurrences: int = 0
    new: list[PlannedTouchpoint] = dataclasses.field(default_factory=list)
    duplicates: list[PlannedTouchpoint] = dataclasses.field(default_factory=list)
    skipped: dict[tuple[str, str], list[Any]] = dataclasses.field(default_factory=dict)
    planned: set[str] = dataclasses.field(default_factory=set)

    def skip(self, uid: str, title: str, start: Any, reason: str) -> None:
        entry = self.skipped.setdefault((uid, reason), [title, start, 0])
        entry[2] += 1

    def add(self, occurrence: _Occurrence, recurring: bool) -> None:
        explicit = guess_kind(occurrence.title)
        matches = _match(occurrence, self.managers, explicit)
        reason = _skip_reason(occurrence, matches, explicit, self.now)
        if reason is not None:
            start = occurrence.start.date() if occurrence.all_day else occurrence.start
            self.skip(occurrence.uid, occurrence.title, start, reason)
            return
        kind = explicit or (
            TouchpointKind.TEAM_MEETING if len(matches) > 1 else TouchpointKind.ONE_ON_ONE
        )
        key = _source_key(occurrence, recurring)
        (lead, how), others = matches[0], [manager for manager, _ in matches[1:]]
        planned = PlannedTouchpoint(
            source_key=key,
            uid=occurrence.uid,
            title=occurrence.title,
            manager_id=lead.id,
            manager_name=lead.name,
            kind=kind,
            occurred_at=occurrence.start.replace(second=0, microsecond=0),
            duration_minutes=occurrence.duration_minutes,
            all_day=occurrence.all_day,
            recurring=recurring,
            matched_by=how,
            with_managers=tuple(manager.id for manager in others),
            with_names=tuple(manager.name for manager in others),
        )
        event = _event_of(key)
        if event in self.existing or event in self.planned:
            self.duplicates.append(planned)
        else:
            self.planned.add(event)
            self.new.append(planned)

    def read(self, calendar: icalendar.Calendar, zone: dt.tzinfo | None) -> int:
        """Plan every event of one calendar; return how many events it has."""
        groups = _groups(calendar)
        timezones = calendar.walk("VTIMEZONE")
        for uid, group in groups.items():
            if self.cancelled():
                raise CalendarImportCancelledError(
                    f"Reading {self.source} was cancelled; nothing was imported."
                )
            self.read_event(timezones, uid, group, zone)
            self.done += len(group)
            if self.done % _PROGRESS_EVERY < len(group):
                self.progress(min(self.done, self.total), self.total)
        return len(groups)

    def read_event(
        self, timezones: Sequence[Any], uid: str, group: Sequence[Any], zone: dt.tzinfo | None
    ) -> None:
        master = next((c for c in group if "RECURRENCE-ID" not in c), None)
        title = _text(master if master is not None else group[0], "SUMMARY")
        fault = _fault(group)
        if fault is not None:
            self.skip(uid, title, None, f"it cannot be read: {fault}")
            return
        recurring = _is_recurring(group)
        try:
            found = self.expand(timezones, group, recurring)
            if isinstance(found, str):
                self.skip(uid, title, None, found)
                return
            occurrences = [_occurrence(uid, component, master, zone) for component in found]
        except Exception as error:  # a library's fault on one hostile event must not stop all
            log.warning("Calendar event skipped: %s", type(error).__name__)
            self.skip(uid, title, None, f"it cannot be read: {_reason(error)}")
            return
        self.occurrences += len(occurrences)
        if self.occurrences > MAX_OCCURRENCES:
            raise CalendarImportError(
                f"{self.source} holds more than {MAX_OCCURRENCES:,} meetings, more than one "
                "import reads; export a shorter period, such as the last two years, and try "
                "again. Nothing was imported."
            )
        for occurrence in occurrences:
            self.add(occurrence, recurring)

    def expand(
        self, timezones: Sequence[Any], group: Sequence[Any], recurring: bool
    ) -> list[Any] | str:
        """The event's occurrences (a recurring one over the horizon), or why it is skipped."""
        fault = _bounds_fault(group)
        if fault is not None:
            return fault
        if not recurring:
            # A single event is read wherever it lies, so a later one is listed as such.
            return list(group)
        today = self.now.date()
        since = max(_EARLIEST, dt.date(today.year - HORIZON_YEARS, 1, 1))
        found = _occurrences(timezones, group, since, today + dt.timedelta(days=2))
        if len(found) > MAX_OCCURRENCES_PER_EVENT:
            return (
                f"it happens {len(found):,} times in {HORIZON_YEARS} years, more than a "
                "coaching meeting does"
            )
        return found

    def plan(self, source: str, events: int) -> CalendarPlan:
        skipped = [
            SkippedEvent(uid, title, start, count, reason)
            for (uid, reason), (title, start, count) in self.skipped.items()
        ]
        skipped.sort(key=lambda s: (str(s.start or ""), s.title, s.uid))
        return CalendarPlan(
            source=source,
            events=events,
            new=tuple(sorted(self.new, key=_in_time_order)),
            duplicates=tuple(sorted(self.duplicates, key=_in_time_order)),
            skipped=tuple(skipped),
        )


def _in_time_order(planned: PlannedTouchpoint) -> tuple[dt.datetime, str, str]:
    return planned.occurred_at, planned.manager_name.casefold(), planned.source_key


def _existing_keys() -> set[str]:
    """The events already imported (see :func:`_event_of`)."""
    sql = "SELECT source_key FROM touchpoint WHERE source_key IS NOT NULL"
    return {_event_of(key) for (key,) in database.execute_sql(sql)}


_FOLD = re.compile(r"\r?\n[ \t]")
_RULE_LINE = re.compile(r"^(?:RRULE|EXRULE)[;:][^\r\n]*", re.MULTILINE | re.IGNORECASE)
_TIME_ZONE = re.compile(r"^BEGIN:VTIMEZONE\b.*?^END:VTIMEZONE\b", re.M | re.S | re.I)
_FREQ = re.compile(r"[;:]FREQ=(\w+)", re.I)


def _too_large(name: str, size: str) -> str:
    return (
        f"{name} is too large to import at once ({size}); export a shorter period, such as "
        "the last two years, and try again. Nothing was imported."
    )


def _check_size(name: str, text: str) -> None:
    """Refuse a file too large to parse in bounded time (folded lines do not count)."""
    if len(text) > MAX_BYTES:
        raise CalendarImportError(_too_large(name, f"{len(text):,} characters"))
    unfolded = _FOLD.sub("", text)
    lines = unfolded.count("\n")
    if lines > MAX_CONTENT_LINES:
        raise CalendarImportError(
            _too_large(name, f"{lines:,} lines, at most {MAX_CONTENT_LINES:,}")
        )
    longest = max((rule.end() - rule.start() for rule in _RULE_LINE.finditer(unfolded)), default=0)
    if longest > MAX_RULE_CHARS:
        raise CalendarImportError(
            f"{name} has a repeat rule of {longest:,} characters, which no calendar writes "
            f"(at most {MAX_RULE_CHARS:,}); nothing was imported."
        )
    _check_time_zones(name, unfolded)


def _check_time_zones(name: str, unfolded: str) -> None:
    """Refuse a time zone whose changes repeat more often than yearly: no real zone does, and
    the calendar library expands such a rule from its start (1601 in Outlook's files) for
    every event that uses the zone, without end for a rule that repeats every second."""
    for zone in _TIME_ZONE.finditer(unfolded):
        for rule in _RULE_LINE.finditer(zone.group()):
            frequency = _FREQ.search(rule.group())
            if frequency is None or frequency.group(1).upper() != "YEARLY":
                raise CalendarImportError(
                    f"{name} describes a time zone whose clocks change "
                    f"{'on no rule' if frequency is None else frequency.group(1).lower()}, "
                    "which no real time zone does; export the calendar again from its "
                    "program. Nothing was imported."
                )


def preview(
    source: Path | str | bytes,
    *,
    now: dt.datetime | None = None,
    zone: dt.tzinfo | None = None,
    progress: Progress = _no_progress,
    cancelled: CancelCheck = _never_cancelled,
) -> CalendarPlan:
    """Read a calendar file (a path, or its bytes) and plan its import into the open journal.

    ``zone`` is the local time zone the journal's times are in (default: the system's); ``now``
    is local wall-clock time (default: the current time). ``progress`` is called now and then
    with the events planned and the events in all; when ``cancelled`` returns True the work
    stops with :class:`CalendarImportCancelledError`. Raises :class:`CalendarImportError` only when
    the file cannot be read at all, or is too large to read in bounded time.
    """
    name, data = _read(source)
    text = _decode(data)
    _check_size(name, text)
    calendars = _calendars(name, text)
    del text, data
    if now is None:
        now = _local(dt.datetime.now(dt.UTC), zone)
    total = sum(len(calendar.walk("VEVENT")) for calendar in calendars)
    planner = _Planner(
        name, _managers(), _existing_keys(), now, total, progress=progress, cancelled=cancelled
    )
    events = 0
    for calendar in calendars:
        try:
            standard = x_wr_timezone.to_standard(calendar)
        except Exception as error:  # see _calendars
            raise CalendarImportError(
                f"The time zones of {name} cannot be read ({_reason(error)}); nothing was imported."
            ) from error
        events += planner.read(standard, zone)
    return planner.plan(name, events)


# --- Writing ----------------------------------------------------------------------------------


def _rows(planned: Iterable[PlannedTouchpoint], stamp: dt.datetime) -> Iterator[dict[str, Any]]:
    for touchpoint in planned:
        yield {
            "manager": touchpoint.manager_id,
            "occurred_at": touchpoint.occurred_at,
            "kind": touchpoint.kind.value,
            "duration_minutes": touchpoint.duration_minutes,
            "summary": rules.one_line(touchpoint.title, rules.SUMMARY),
            "source_key": touchpoint.source_key,
            "created_at": stamp,
            "updated_at": stamp,
        }


def _attendee_rows(
    planned: Sequence[PlannedTouchpoint], managers: set[int]
) -> Iterator[dict[str, Any]]:
    """The attendees of the touchpoints just inserted for ``planned`` (found by their keys)."""
    ids: dict[str, int] = {}
    keys = [p.source_key for p in planned]
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT source_key, id FROM touchpoint WHERE source_key IN ({marks})"
        ids.update(database.execute_sql(sql, chunk).fetchall())
    for touchpoint in planned:
        everyone = [touchpoint.manager_id, *touchpoint.with_managers]
        present = [manager for manager in everyone if manager in managers]
        for position, manager_id in enumerate(present):
            yield {
                "touchpoint": ids[touchpoint.source_key],
                "manager": manager_id,
                "note": "",
                "position": position,
            }


def apply(plan: CalendarPlan) -> CalendarCounts:
    """Create the plan's new touchpoints in one transaction.

    Checked again inside it: a touchpoint imported since the preview (the same file imported
    twice at once) counts as a duplicate, and one whose manager was deleted meanwhile is skipped
    (a meeting whose first manager was deleted is skipped, its other attendees with it: the
    preview promised it under that name). Each touchpoint gets its managers as attendees.
    """
    with database.atomic():
        existing = _existing_keys()
        managers = {id_ for (id_,) in database.execute_sql("SELECT id FROM manager")}
        fresh = [p for p in plan.new if _event_of(p.source_key) not in existing]
        wanted = [p for p in fresh if p.manager_id in managers]
        rows = list(_rows(wanted, utcnow()))
        for start in range(0, len(rows), _ROWS_PER_INSERT):
            Touchpoint.insert_many(rows[start : start + _ROWS_PER_INSERT]).execute()
        attendees = list(_attendee_rows(wanted, managers))
        for start in range(0, len(attendees), _ROWS_PER_INSERT):
            TouchpointAttendee.insert_many(attendees[start : start + _ROWS_PER_INSERT]).execute()
    return CalendarCounts(
        created=len(wanted),
        duplicates=len(plan.duplicates) + len(plan.new) - len(fresh),
        skipped=sum(s.occurrences for s in plan.skipped) + len(fresh) - len(wanted),
    )


def import_ics(
    source: Path | str | bytes,
    *,
    now: dt.datetime | None = None,
    zone: dt.tzinfo | None = None,
    progress: Progress = _no_progress,
    cancelled: CancelCheck = _never_cancelled,
) -> CalendarCounts:
    """:func:`preview` and :func:`apply` in one go."""
    return apply(preview(source, now=now, zone=zone, progress=progress, cancelled=cancelled))


# --- Export of the next due one-on-ones --------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class DueExportSummary:
    path: Path
    events: int


def _sequence(now: dt.datetime) -> int:
    """A SEQUENCE that grows with every export (minutes since 2020), so that a calendar takes
    a re-exported event as the newer version of the one it has."""
    return int((now - dt.datetime(2020, 1, 1)).total_seconds() // 60)


def due_calendar(today: dt.date | None = None, now: dt.datetime | None = None) -> bytes:
    """The next due one-on-one of every active manager, as an iCalendar file's bytes.

    ``now`` (UTC) stamps the events; both default to the present.
    """
    today = today or dt.date.today()
    now = now or utcnow()
    created: dict[int, str] = dict(database.execute_sql("SELECT id, created_at FROM manager"))
    calendar = icalendar.Calendar()
    calendar.add("PRODID", f"-//CoachJournal//CoachJournal {__version__}//EN")
    calendar.add("VERSION", "2.0")
    calendar.add("X-WR-CALNAME", "CoachJournal: one-on-ones due")
    rows = []
    for row in cadence.dashboard(today):
        status = row.kind(TouchpointKind.ONE_ON_ONE)
        if status is not None and status.applies:
            rows.append((max(status.next_due, today), row.name.casefold(), row, status))
    for day, _, row, status in sorted(rows, key=lambda r: (r[0], r[1], r[2].manager_id)):
        event = icalendar.Event()
        stamp = re.sub(r"\D", "", created[row.manager_id])[:14]
        event.add("UID", f"one-on-one-due-{row.manager_id}-{stamp}@coachjournal")
        event.add("DTSTAMP", now.replace(tzinfo=dt.UTC))
        event.add("SEQUENCE", _sequence(now))
        event.add("DTSTART", day)
        event.add("DTEND", day + dt.timedelta(days=1))
        late = f" ({status.status.label.lower()})" if status.days_past_due > 0 else ""
        event.add("SUMMARY", f"One-on-one with {row.name}{late}")
        event.add("DESCRIPTION", status.describe() + ".")
        event.add("TRANSP", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def export_due_ics(
    path: Path | str,
    *,
    force: bool = False,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> DueExportSummary:
    """Write :func:`due_calendar` to a new file at ``path`` (replaced only with ``force``)."""
    data = due_calendar(today, now)
    target = Path(path).expanduser()
    with new_file(target, force=force) as stream:
        stream.write(data)
    return DueExportSummary(target, data.count(b"BEGIN:VEVENT"))
