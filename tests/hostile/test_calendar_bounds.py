"""Hostile calendars: whatever a .ics file says, reading it takes bounded time and memory.

A calendar is written by other people, and a 200-byte rule can describe billions of meetings:
each rule here ran the original import until the machine's memory was gone (or for minutes).
Now each is skipped with a reason the preview shows, or the file is refused with a sentence,
and nothing is written until the preview is applied.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coachjournal.coaching import roster
from coachjournal.exchange import ics
from coachjournal.exchange.ics import CalendarImportCancelledError, CalendarImportError
from coachjournal.storage.models import Touchpoint

NOW = dt.datetime(2026, 6, 1, 12)
UTC = ZoneInfo("UTC")
#: Far more than any of these takes once bounded; before, each ran for minutes or without end.
SECONDS = 10.0
ANNA = "ATTENDEE;CN=Anna Berg:mailto:anna.berg@example.com"


@pytest.fixture
def anna(journal_path: Path) -> int:
    return roster.create_manager("Anna Berg", email="anna.berg@example.com").id


def event(start: str, *lines: str, uid: str = "hostile@example.com", title: str = "1:1") -> str:
    body = "\r\n".join((f"UID:{uid}", f"DTSTART:{start}", f"SUMMARY:{title}", ANNA, *lines))
    return f"BEGIN:VEVENT\r\n{body}\r\nEND:VEVENT\r\n"


def calendar(*events: str) -> bytes:
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hostile//test//EN\r\n"
    return f"{head}{''.join(events)}END:VCALENDAR\r\n".encode()


def timed_preview(data: bytes | Path, **options: object) -> tuple[ics.CalendarPlan, float]:
    started = time.perf_counter()
    plan = ics.preview(data, now=NOW, zone=UTC, **options)  # type: ignore[arg-type]
    return plan, time.perf_counter() - started


def only_reason(plan: ics.CalendarPlan) -> str:
    assert not plan.new and not plan.duplicates
    assert len(plan.skipped) == 1
    return plan.skipped[0].reason


RULES = {
    "endless every second": ("20240102T090000Z", "RRULE:FREQ=SECONDLY", "repeats every second"),
    "endless every minute": ("20240102T090000Z", "RRULE:FREQ=MINUTELY", "repeats every minute"),
    "endless every hour": ("20000102T090000Z", "RRULE:FREQ=HOURLY", "repeats every hour"),
    "every two minutes until 9999": (
        "20240102T090000Z",
        "RRULE:FREQ=MINUTELY;INTERVAL=2;UNTIL=99991231T000000Z",
        "repeats every minute",
    ),
    "interval 0": ("20240102T090000Z", "RRULE:FREQ=DAILY;INTERVAL=0", "interval 0"),
    "86,400 times a day": (
        "20200102T090000Z",
        "RRULE:FREQ=DAILY;BYHOUR="
        + ",".join(map(str, range(24)))
        + ";BYMINUTE="
        + ",".join(map(str, range(60)))
        + ";BYSECOND="
        + ",".join(map(str, range(60))),
        "repeats 86,400 times a day",
    ),
    "30 February, daily": (
        "20200102T090000Z",
        "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "matches no day",
    ),
    "31 April, weekly": (
        "20200102T090000Z",
        "RRULE:FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31",
        "matches no day",
    ),
    "a sixth Monday": (
        "20200106T090000Z",
        "RRULE:FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6",
        "matches no day",
    ),
    "Mondays every 7 days from a Tuesday": (
        "20200107T090000Z",
        "RRULE:FREQ=DAILY;INTERVAL=7;BYDAY=MO",
        "matches no day",
    ),
    "every second from the year 1": ("00010102T090000Z", "RRULE:FREQ=SECONDLY", "year 1,"),
    "daily from the year 1": ("00010102T090000", "RRULE:FREQ=DAILY", "year 1,"),
    "yearly from the year 9999": ("99990102T090000", "RRULE:FREQ=YEARLY", "year 9999,"),
}


@pytest.mark.parametrize("name", RULES)
def test_an_impossible_rule_is_skipped_with_its_reason_at_once(anna: int, name: str) -> None:
    start, rule, reason = RULES[name]
    plan, seconds = timed_preview(calendar(event(start, rule)))
    assert reason in only_reason(plan)
    assert seconds < SECONDS


@pytest.mark.parametrize(
    "rule",
    [
        "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
        "RRULE:FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
        "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=1MO",
    ],
)
def test_a_rare_but_real_day_is_kept(anna: int, rule: str) -> None:
    """29 February on a Monday comes about every 28 years (2016, then 2044)."""
    plan, seconds = timed_preview(calendar(event("20160229T090000Z", rule)))
    assert [p.occurred_at for p in plan.new] == [dt.datetime(2016, 2, 29, 9)]
    assert seconds < SECONDS


def test_thousands_of_extra_dates_are_refused_before_expanding(anna: int) -> None:
    dates = ",".join(f"{day:%Y%m%d}T090000Z" for day in _days(dt.date(1990, 1, 1), 9_000))
    plan, seconds = timed_preview(calendar(event("19900101T090000Z", f"RDATE:{dates}")))
    assert only_reason(plan).startswith("it lists 9,000 extra dates (RDATE)")
    assert seconds < SECONDS


def _days(first: dt.date, count: int) -> list[dt.date]:
    return [first + dt.timedelta(days=offset) for offset in range(count)]


def test_a_huge_count_stops_at_today(anna: int) -> None:
    plan, seconds = timed_preview(
        calendar(event("20260101T090000Z", "RRULE:FREQ=DAILY;COUNT=999999999"))
    )
    assert len(plan.new) == (NOW.date() - dt.date(2026, 1, 1)).days + 1
    assert seconds < SECONDS


def test_an_endless_daily_meeting_is_read_over_the_horizon_only(anna: int) -> None:
    plan, seconds = timed_preview(calendar(event("19500102T090000Z", "RRULE:FREQ=DAILY")))
    first = min(p.occurred_at for p in plan.new)
    assert first.date() == dt.date(NOW.year - ics.HORIZON_YEARS, 1, 1)
    assert len(plan.new) == (NOW.date() - first.date()).days + 1
    assert len(plan.new) <= ics.MAX_OCCURRENCES_PER_EVENT
    assert seconds < SECONDS


def test_one_event_more_often_than_daily_over_the_horizon_is_skipped(anna: int) -> None:
    morning = event("20060101T090000Z", "RRULE:FREQ=DAILY", uid="a")
    afternoon = event("20060101T150000Z", "RRULE:FREQ=DAILY", uid="b")
    plan, _ = timed_preview(calendar(morning, afternoon))
    # Two daily meetings are two events, each within the cap (today's 15:00 is yet to come).
    assert len(plan.new) == 2 * (NOW.date() - dt.date(2006, 1, 1)).days + 1

    rdates = ",".join(f"{day:%Y%m%d}T150000Z" for day in _days(dt.date(2006, 1, 2), 7_000))
    both = event("20060101T090000Z", "RRULE:FREQ=DAILY", f"RDATE:{rdates}")
    assert "more than a coaching meeting does" in only_reason(timed_preview(calendar(both))[0])


def test_a_file_adding_up_to_too_many_meetings_is_refused(
    anna: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ics, "MAX_OCCURRENCES", 1_000)
    daily = [event("20240101T090000Z", "RRULE:FREQ=DAILY", uid=f"d{n}") for n in range(3)]
    with pytest.raises(CalendarImportError, match="holds more than 1,000 meetings"):
        ics.preview(calendar(*daily), now=NOW, zone=UTC)
    assert Touchpoint.select().count() == 0


@pytest.mark.parametrize(
    ("year", "start"), [(1, "00010102T090000"), (9999, "99991230T090000"), (1949, "19491231")]
)
def test_an_event_in_an_impossible_year_gets_a_reason(anna: int, year: int, start: str) -> None:
    reason = only_reason(timed_preview(calendar(event(start)))[0])
    assert f"in the year {year}, not a plausible year for a touchpoint" in reason


@pytest.mark.parametrize(
    ("lines", "reason"),
    [
        (("DTEND:20240101T090000Z",), "it ends before it starts (DTEND is before DTSTART)"),
        (("DURATION:-PT2H",), "its duration (DURATION) is negative"),
        (("DURATION:-P1D", "RRULE:FREQ=WEEKLY;COUNT=3"), "its duration (DURATION) is negative"),
    ],
)
def test_a_negative_duration_never_moves_a_meeting_earlier(
    anna: int, lines: tuple[str, ...], reason: str
) -> None:
    plan, _ = timed_preview(calendar(event("20240102T090000Z", *lines)))
    assert only_reason(plan) == reason
    fine, _ = timed_preview(calendar(event("20240102T090000Z", "DURATION:PT2H")))
    assert [(p.occurred_at, p.duration_minutes) for p in fine.new] == [
        (dt.datetime(2024, 1, 2, 9), 120)
    ]


def write_large_calendar(path: Path, events: int) -> Path:
    """``events`` single meetings of 7 lines each (about 138 bytes an event), a tenth of them
    with the manager; written in chunks so the test itself stays small in memory."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hostile//test//EN\r\n")
        for first in range(0, events, 10_000):
            stream.write(
                "".join(
                    f"BEGIN:VEVENT\r\nUID:e{n}@x\r\n"
                    f"DTSTART:2023{n % 12 + 1:02d}{n % 28 + 1:02d}T{9 + n % 8:02d}0000Z\r\n"
                    f"DURATION:PT30M\r\nSUMMARY:Review {n}\r\n"
                    f"ATTENDEE:mailto:{'anna.berg' if n % 10 == 0 else f'p{n % 50}'}"
                    "@example.com\r\nEND:VEVENT\r\n"
                    for n in range(first, min(first + 10_000, events))
                )
            )
        stream.write("END:VCALENDAR\r\n")
    return path


_PREVIEW_IN_A_BOX = textwrap.dedent(
    """
    import sys, time, resource, datetime as dt
    from pathlib import Path
    from coachjournal.storage import db
    from coachjournal.exchange import ics
    from coachjournal.errors import CoachJournalError
    db.open_journal(Path(sys.argv[2]))
    started = time.perf_counter()
    try:
        plan = ics.preview(Path(sys.argv[1]), now=dt.datetime(2026, 6, 1))
        print("read", len(plan.new))
    except CoachJournalError as error:
        print("refused", error)
    print("seconds", time.perf_counter() - started)
    """
)


def _limit_memory() -> None:
    limit = 1536 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def preview_in_a_box(calendar_path: Path, journal: Path) -> dict[str, str]:
    """Preview in a separate process limited to 1.5 GB of memory and a minute."""
    done = subprocess.run(
        [sys.executable, "-c", _PREVIEW_IN_A_BOX, str(calendar_path), str(journal)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return dict(line.split(" ", 1) for line in done.stdout.splitlines())


def test_a_40_mb_calendar_of_300000_events_is_refused_at_once(tmp_path: Path) -> None:
    large = write_large_calendar(tmp_path / "large.ics", 300_000)
    assert large.stat().st_size > 40_000_000
    out = preview_in_a_box(large, tmp_path / "journal.db")
    assert out["refused"].startswith("large.ics is too large to import at once (2,100,004 lines")
    assert float(out["seconds"]) < 10


@pytest.mark.slow
def test_a_calendar_just_under_the_limit_is_read_within_a_minute(tmp_path: Path) -> None:
    events = (ics.MAX_CONTENT_LINES - 10) // 7
    large = write_large_calendar(tmp_path / "large.ics", events)
    out = preview_in_a_box(large, tmp_path / "journal.db")
    assert "read" in out, out
    assert float(out["seconds"]) < 60


def test_progress_is_reported_and_cancel_stops_with_the_journal_untouched(
    anna: int, tmp_path: Path
) -> None:
    large = write_large_calendar(tmp_path / "large.ics", 2_000)
    seen: list[tuple[int, int]] = []
    plan, _ = timed_preview(large, progress=lambda done, total: seen.append((done, total)))
    assert len(plan.new) == 200
    assert seen[-1] == (2_000, 2_000)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)

    calls: list[int] = []
    stop: Callable[[], bool] = lambda: calls.append(1) or len(calls) > 500  # noqa: E731
    with pytest.raises(CalendarImportCancelledError, match="was cancelled; nothing was imported"):
        ics.import_ics(large, now=NOW, zone=UTC, cancelled=stop)
    assert len(calls) == 501
    assert Touchpoint.select().count() == 0


def test_a_rule_of_ten_million_characters_is_refused_before_parsing(anna: int) -> None:
    rule = "RRULE:FREQ=YEARLY;BYMONTHDAY=" + ",".join(["1"] * 5_000_000)
    folded = "\r\n ".join(rule[start : start + 74] for start in range(0, len(rule), 74))
    started = time.perf_counter()
    with pytest.raises(CalendarImportError, match="has a repeat rule of 10,000,028 characters"):
        ics.preview(calendar(event("20240102T090000Z", folded)), now=NOW, zone=UTC)
    assert time.perf_counter() - started < SECONDS


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read(
    anna: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ics, "MAX_BYTES", 10_000)
    large = tmp_path / "long.ics"
    large.write_bytes(calendar(event("20240102T090000Z", "DESCRIPTION:" + "x" * 20_000)))
    with pytest.raises(CalendarImportError, match=r"^long\.ics is too large to import at once"):
        ics.preview(large, now=NOW, zone=UTC)
    with pytest.raises(CalendarImportError, match="too large to import at once"):
        ics.preview(large.read_bytes(), now=NOW, zone=UTC)


def test_what_a_calendar_brings_in_obeys_the_journals_rules(anna: int, tmp_path: Path) -> None:
    """A title with control characters and a UID of 10,000 characters are imported in a shape
    the journal's own rules accept: its JSON export imports again, and the UID still keeps a
    second import from adding the meeting twice."""
    from coachjournal.exchange import json_format
    from coachjournal.storage import db

    title = "1:1\x07 with\x0b Anna\x1b[31m"
    data = calendar(event("20260105T090000Z", uid="u" * 10_000, title=title))
    plan = ics.preview(data, now=NOW, zone=UTC)
    assert len(plan.new) == 1
    ics.apply(plan)
    (stored,) = Touchpoint.select()
    assert stored.summary == "1:1 with Anna [31m"
    assert len(stored.source_key) < 300
    assert not ics.preview(data, now=NOW, zone=UTC).new, "the same event again adds nothing"
    export = tmp_path / "export.json"
    json_format.export_json(export)
    db.close_journal()
    db.open_journal(tmp_path / "again.db")
    json_format.import_json(export)
    assert [t.summary for t in Touchpoint.select()] == ["1:1 with Anna [31m"]


@pytest.mark.parametrize("frequency", ["SECONDLY", "DAILY", "MONTHLY"])
def test_a_time_zone_that_changes_more_than_yearly_is_refused_at_once(
    anna: int, frequency: str
) -> None:
    """The calendar library expands a time zone's rules from their start for each event that
    uses it: a zone changing every second ran for minutes into gigabytes, one changing daily
    since 1601 took 36 s for a single meeting."""
    zone = (
        "BEGIN:VTIMEZONE\r\nTZID:Evil\r\n"
        "BEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nTZOFFSETFROM:+0100\r\n"
        f"TZOFFSETTO:+0000\r\nRRULE:FREQ={frequency}\r\nEND:STANDARD\r\n"
        "END:VTIMEZONE\r\n"
    )
    data = calendar(zone + event("20200106T100000").replace("DTSTART:", "DTSTART;TZID=Evil:"))
    started = time.perf_counter()
    with pytest.raises(CalendarImportError, match=f"clocks change {frequency.lower()}"):
        ics.preview(data, now=NOW, zone=UTC)
    assert time.perf_counter() - started < 1.0
    assert Touchpoint.select().count() == 0


def test_a_real_yearly_time_zone_still_imports(anna: int) -> None:
    zone = (
        "BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\n"
        "BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\n"
        "TZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\n"
        "TZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\n"
        "END:VTIMEZONE\r\n"
    )
    data = calendar(
        zone + event("20200106T100000").replace("DTSTART:", "DTSTART;TZID=W. Europe Standard Time:")
    )
    assert len(ics.preview(data, now=NOW, zone=UTC).new) == 1


def test_the_preview_shows_escape_sequences_and_never_obeys_them(
    anna: int, journal_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from coachjournal.__main__ import main
    from coachjournal.storage import db

    path = tmp_path / "escape.ics"
    path.write_bytes(calendar(event("20260105T090000Z", title="1:1 Anna\x1b[2J\x08\x08")))
    db.close_journal()
    assert main(["import-ics", "--db", str(journal_path), str(path), "--dry-run"]) == 0
    shown = capsys.readouterr().out
    assert "\x1b" not in shown and "\x08" not in shown
    assert "\\u001b[2J\\u0008\\u0008" in shown
