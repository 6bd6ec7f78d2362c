"""Calendar backfill from .ics files (Outlook, Google, Apple), and the due one-on-ones as .ics.

Every test passes the local time zone and the present moment explicitly, so the results do not
depend on the machine's clock or zone.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachjournal.coaching import cadence, roster, touchpoints
from coachjournal.exchange import ics
from coachjournal.exchange.ics import CalendarImportError
from coachjournal.kinds import TouchpointKind
from coachjournal.storage.models import Touchpoint

DATA = Path(__file__).parent.parent / "data" / "calendars"
OUTLOOK = DATA / "outlook-weekly-one-on-one.ics"
GOOGLE = DATA / "google-calendar.ics"
APPLE = DATA / "apple-calendar.ics"
BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2025, 5, 1, 12)


@pytest.fixture
def managers(journal_path: Path) -> dict[str, int]:
    return {
        "anna": roster.create_manager("Anna Berg", email="anna.berg@example.com").id,
        "bruno": roster.create_manager("Bruno Costa", email="bruno.costa@example.com").id,
        "chloe": roster.create_manager("Chloé Dubois").id,
        "dana": roster.create_manager("Dana Evans").id,
    }


def stored_touchpoints(manager_id: int) -> list[tuple[dt.datetime, int | None, str, str]]:
    query = (
        Touchpoint.select()
        .where(Touchpoint.manager == manager_id)
        .order_by(Touchpoint.occurred_at, Touchpoint.id)
    )
    return [(t.occurred_at, t.duration_minutes, t.kind, t.summary) for t in query]


def calendar(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{event.strip()}\r\nEND:VEVENT\r\n" for event in events)
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n{body}END:VCALENDAR\r\n".encode()
    )


# New York is 6 hours behind Berlin, but only 5 between the two daylight-saving changes
# (US: 9 March, EU: 30 March 2025). 17 March is excluded; 24 March moved to 25 March, 14:00.
ANNA_WEEKLY = [
    (dt.datetime(2025, 2, 24, 16), 30, "one_on_one", "Anna / Sam weekly"),
    (dt.datetime(2025, 3, 3, 16), 30, "one_on_one", "Anna / Sam weekly"),
    (dt.datetime(2025, 3, 10, 15), 30, "one_on_one", "Anna / Sam weekly"),
    (dt.datetime(2025, 3, 25, 19), 45, "one_on_one", "Anna / Sam weekly (moved)"),
    (dt.datetime(2025, 3, 31, 16), 30, "one_on_one", "Anna / Sam weekly"),
    (dt.datetime(2025, 4, 7, 16), 30, "one_on_one", "Anna / Sam weekly"),
]


def test_a_weekly_one_on_one_creates_the_right_touchpoints_once(managers: dict[str, int]) -> None:
    counts = ics.import_ics(OUTLOOK, now=NOW, zone=BERLIN)
    assert stored_touchpoints(managers["anna"]) == ANNA_WEEKLY
    assert counts.created == len(ANNA_WEEKLY) + 1  # and the managers' sync, with two of them

    for _ in range(3):
        again = ics.import_ics(OUTLOOK, now=NOW, zone=BERLIN)
        assert (again.created, again.duplicates) == (0, counts.created)
    assert stored_touchpoints(managers["anna"]) == ANNA_WEEKLY
    assert Touchpoint.select().count() == counts.created


def test_a_series_imported_midway_gets_the_rest_later(managers: dict[str, int]) -> None:
    ics.import_ics(OUTLOOK, now=dt.datetime(2025, 3, 12, 9), zone=BERLIN)
    assert stored_touchpoints(managers["anna"]) == ANNA_WEEKLY[:3]
    ics.import_ics(OUTLOOK, now=NOW, zone=BERLIN)
    assert stored_touchpoints(managers["anna"]) == ANNA_WEEKLY


def test_times_are_wall_clock_times_in_the_zone_given(managers: dict[str, int]) -> None:
    ics.import_ics(OUTLOOK, now=NOW, zone=ZoneInfo("America/New_York"))
    assert [t[0].time() for t in stored_touchpoints(managers["anna"])] == [
        dt.time(10),
        dt.time(10),
        dt.time(10),
        dt.time(14),
        dt.time(10),
        dt.time(10),
    ]


def test_an_occurrence_moved_again_is_still_the_same_touchpoint(managers: dict[str, int]) -> None:
    ics.import_ics(OUTLOOK, now=NOW, zone=BERLIN)
    moved = OUTLOOK.read_bytes().replace(b":20250325T14", b":20250326T09")
    plan = ics.preview(moved, now=NOW, zone=BERLIN)
    assert plan.new == ()
    assert dt.datetime(2025, 3, 26, 14) in [p.occurred_at for p in plan.duplicates]


def test_a_trashed_import_is_not_brought_back(managers: dict[str, int]) -> None:
    ics.import_ics(OUTLOOK, now=NOW, zone=BERLIN)
    first = Touchpoint.select().where(Touchpoint.manager == managers["anna"]).first()
    touchpoints.trash_touchpoint(first.id)
    assert ics.import_ics(OUTLOOK, now=NOW, zone=BERLIN).created == 0


def test_managers_are_found_by_attendee_by_name_and_by_first_name(
    managers: dict[str, int],
) -> None:
    found = {
        (p.manager_name, p.title): (p.kind, p.matched_by, p.all_day, p.duration_minutes)
        for source in (OUTLOOK, GOOGLE, APPLE)
        for p in ics.preview(source, now=NOW, zone=BERLIN).new
    }
    one_on_one, field_visit = TouchpointKind.ONE_ON_ONE, TouchpointKind.FIELD_VISIT
    assert found[("Anna Berg", "Anna / Sam weekly")][:2] == (
        one_on_one,
        "attendee anna.berg@example.com",
    )
    assert found[("Bruno Costa", "Managers sync")][:2] == (
        TouchpointKind.TEAM_MEETING,
        "attendee bruno.costa@example.com",
    )
    assert ("Chloé Dubois", "Managers sync") not in found  # one meeting, Bruno's first
    assert found[("Bruno Costa", "Ride-along with Bruno Costa")] == (
        field_visit,
        "name in the title",
        True,
        None,
    )
    assert found[("Chloé Dubois", "Career chat with chloe dubois")][:2] == (
        TouchpointKind.CAREER,
        "name in the title",
    )
    assert found[("Dana Evans", "1:1 Dana")][:2] == (one_on_one, "first name in the title")
    assert found[("Dana Evans", "Coffee with Dana")][0] == TouchpointKind.INFORMAL


def test_an_all_day_event_happens_at_nine_without_a_duration(managers: dict[str, int]) -> None:
    ics.import_ics(GOOGLE, now=NOW, zone=BERLIN)
    assert stored_touchpoints(managers["bruno"]) == [
        (dt.datetime(2025, 3, 12, 9), None, "field_visit", "Ride-along with Bruno Costa")
    ]
    assert stored_touchpoints(managers["chloe"]) == [
        (dt.datetime(2025, 3, 18, 14), 60, "career_conversation", "Career chat with chloe dubois")
    ]


def test_skipped_events_say_why(managers: dict[str, int]) -> None:
    skipped = {
        s.title: s.reason
        for source in (OUTLOOK, GOOGLE)
        for s in ics.preview(source, now=NOW, zone=BERLIN).skipped
    }
    assert skipped == {
        "Canceled: Call review with Anna Berg": "it was cancelled",
        "Quarterly all-hands": "a meeting of 13 people whose title names no kind of coaching",
        "Bruno Costa - out of office": "an all-day event whose title names no kind of coaching "
        "(1:1, ride-along, …)",
        "Dentist": "none of its attendees is a manager, and no manager's name is in its title",
        "1:1 Bruno Costa": "it has not happened yet",
    }


def test_a_first_name_alone_needs_a_kind_and_no_namesake(managers: dict[str, int]) -> None:
    def matched(title: str) -> list[str]:
        event = f"UID:{title}\r\nDTSTART:20250303T090000Z\r\nSUMMARY:{title}"
        return [p.manager_name for p in ics.preview(calendar(event), now=NOW, zone=BERLIN).new]

    assert matched("Dana 1-1") == ["Dana Evans"]
    assert matched("Dana") == []
    assert matched("Danas team") == []
    roster.create_manager("Dana Fox")
    assert matched("Dana 1-1") == []
    assert matched("1-1 Dana Fox") == ["Dana Fox"]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("1:1 Anna", TouchpointKind.ONE_ON_ONE),
        ("Anna 1/1", TouchpointKind.ONE_ON_ONE),
        ("One-on-One w/ Anna", TouchpointKind.ONE_ON_ONE),
        ("Weekly check-in", TouchpointKind.ONE_ON_ONE),
        ("Ride along - Acme", TouchpointKind.FIELD_VISIT),
        ("Field Visit Rotterdam", TouchpointKind.FIELD_VISIT),
        ("Customer visit Acme", TouchpointKind.FIELD_VISIT),
        ("Call review: Acme discovery", TouchpointKind.CALL_REVIEW),
        ("Career conversation", TouchpointKind.CAREER),
        ("IDP review", TouchpointKind.CAREER),
        ("Team meeting EMEA", TouchpointKind.TEAM_MEETING),
        ("Coffee ☕", TouchpointKind.INFORMAL),
        ("Q3 planning", None),
        ("11:15 sync", None),
    ],
)
def test_the_kind_comes_from_the_title(title: str, kind: TouchpointKind | None) -> None:
    assert ics.guess_kind(title) is kind


def test_apply_checks_the_plan_again(managers: dict[str, int]) -> None:
    plan = ics.preview(GOOGLE, now=NOW, zone=BERLIN)
    roster.delete_manager(managers["chloe"])
    counts = ics.apply(plan)
    assert (counts.created, counts.duplicates) == (1, 0)
    assert ics.apply(plan).created == 0


# --- Files that are not what they should be ---------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"\x00\x01\x02garbage\xff\xfe", "is not a calendar that can be read"),
        (b"<html><body>Not found</body></html>", "is not a calendar that can be read"),
        (OUTLOOK.read_bytes()[:1500], "was cut short, so nothing was imported"),
        (
            b"BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20250101T100000Z\r\nEND:VEVENT\r\n",
            "has no BEGIN:VCALENDAR",
        ),
        (b"Name,Email\r\nAnna,anna@example.com\r\n", "is not a calendar that can be read"),
    ],
)
def test_a_file_that_is_no_calendar_gets_a_sentence(
    managers: dict[str, int], data: bytes, message: str
) -> None:
    with pytest.raises(CalendarImportError, match=message) as raised:
        ics.preview(data, now=NOW, zone=BERLIN)
    assert "\n" not in str(raised.value)
    assert Touchpoint.select().count() == 0


def test_a_missing_file_gets_a_sentence(journal_path: Path, tmp_path: Path) -> None:
    with pytest.raises(CalendarImportError, match="Cannot read"):
        ics.preview(tmp_path / "nope.ics")


def test_a_broken_event_is_skipped_and_the_rest_imported(managers: dict[str, int]) -> None:
    data = calendar(
        "UID:no-start\r\nSUMMARY:1:1 Anna Berg",
        "UID:bad-start\r\nDTSTART:2025XX01T100000\r\nSUMMARY:1:1 Anna Berg",
        "UID:bad-rule\r\nDTSTART:20250303T090000Z\r\nRRULE:FREQ=SOMETIMES\r\nSUMMARY:1:1 Anna Berg",
        "UID:bad-exdate\r\nDTSTART:20250303T090000Z\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\n"
        "EXDATE:garbage\r\nSUMMARY:1:1 Anna Berg",
        "UID:good\r\nDTSTART:20250303T090000Z\r\nDURATION:PT50M\r\nSUMMARY:1:1 Anna Berg\r\n"
        "LAST-MODIFIED:yesterday",
    )
    plan = ics.preview(data, now=NOW, zone=BERLIN)
    assert [(p.uid, p.occurred_at, p.duration_minutes) for p in plan.new] == [
        ("good", dt.datetime(2025, 3, 3, 10), 50)
    ]
    reasons = {s.uid: s.reason for s in plan.skipped}
    assert reasons["no-start"] == "it cannot be read: it has no start time (DTSTART)"
    assert reasons["bad-start"].startswith("it cannot be read: its DTSTART cannot be read")
    assert reasons["bad-rule"].startswith("it cannot be read: its RRULE cannot be read")
    assert reasons["bad-exdate"].startswith("it cannot be read: its EXDATE cannot be read")


def test_old_encodings_several_calendars_and_missing_uids_are_read(
    managers: dict[str, int],
) -> None:
    roster.create_manager("Søren Ødegård")
    event = "DTSTART:20250303T090000Z\r\nSUMMARY:1:1 Søren Ødegård"
    data = calendar(event).decode().encode("cp1252") + calendar(
        "UID:x\r\n" + event
    ).decode().encode("cp1252")
    plan = ics.preview(data, now=NOW, zone=BERLIN)
    assert [(p.manager_name, p.uid) for p in plan.new] == [
        ("Søren Ødegård", "no-uid:20250303T090000Z:1:1 Søren Ødegård"),
        ("Søren Ødegård", "x"),
    ]


LINES = OUTLOOK.read_bytes().split(b"\r\n")


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    kept=st.lists(st.booleans(), min_size=len(LINES), max_size=len(LINES)),
    cut=st.integers(0, len(OUTLOOK.read_bytes())),
    noise=st.binary(max_size=20),
    flips=st.lists(st.tuples(st.integers(0, 4000), st.sampled_from(b":;=,\r\n TZ0-9")), max_size=8),
)
def test_any_damaged_calendar_imports_or_gets_a_sentence(
    managers: dict[str, int],
    kept: list[bool],
    cut: int,
    noise: bytes,
    flips: list[tuple[int, int]],
) -> None:
    damaged = bytearray(b"\r\n".join(line for line, keep in zip(LINES, kept, strict=True) if keep))
    for at, byte in flips:
        if at < len(damaged):
            damaged[at] = byte
    damaged[cut:cut] = noise
    try:
        plan = ics.preview(bytes(damaged), now=NOW, zone=BERLIN)
    except CalendarImportError as error:
        assert "\n" not in str(error)
        return
    ics.apply(plan)


# --- The due one-on-ones as a calendar --------------------------------------------------------


def test_the_next_due_one_on_ones_export_as_stable_events(
    managers: dict[str, int], tmp_path: Path
) -> None:
    today = dt.date.today()
    touchpoints.create_touchpoint(
        managers["anna"], dt.datetime.combine(today, dt.time(9)), "one_on_one", notes="secret"
    )
    touchpoints.create_touchpoint(
        managers["bruno"],
        dt.datetime.combine(today - dt.timedelta(days=30), dt.time(9)),
        "one_on_one",
    )
    roster.set_archived(managers["dana"], True)

    first = ics.export_due_ics(tmp_path / "due.ics", today=today, now=dt.datetime(2026, 1, 1, 8))
    later = ics.due_calendar(today, dt.datetime(2026, 1, 2, 8))

    assert first.events == 3
    events = {
        str(event["SUMMARY"]): event
        for event in icalendar.Calendar.from_ical(first.path.read_bytes()).walk("VEVENT")
    }
    rule = cadence.cadence_for(managers["anna"])[TouchpointKind.ONE_ON_ONE]
    anna = events["One-on-one with Anna Berg"]
    assert anna.start == today + dt.timedelta(days=rule.ideal_days)
    assert events["One-on-one with Bruno Costa (overdue)"].start == today
    assert "Chloé" in " ".join(events)
    assert b"secret" not in first.path.read_bytes()
    again = {
        str(event["UID"]): int(event["SEQUENCE"])
        for event in icalendar.Calendar.from_ical(later).walk("VEVENT")
    }
    assert set(again) == {str(event["UID"]) for event in events.values()}
    assert all(again[str(e["UID"])] > int(e["SEQUENCE"]) for e in events.values())


# --- One meeting with several managers --------------------------------------------------------


def attendees_of(touchpoint: Touchpoint) -> list[int]:
    return list(touchpoints.get_touchpoint(touchpoint.id).attendee_ids)


def test_a_meeting_with_two_managers_is_one_touchpoint_with_both(managers: dict[str, int]) -> None:
    ics.import_ics(OUTLOOK, now=NOW, zone=BERLIN)
    (sync,) = Touchpoint.select().where(Touchpoint.summary == "Managers sync")
    assert sync.kind == TouchpointKind.TEAM_MEETING.value
    assert attendees_of(sync) == [managers["bruno"], managers["chloe"]]
    for manager in ("bruno", "chloe"):
        assert sync.id in [row.id for row in touchpoints.timeline_page(managers[manager])]
    plan = ics.preview(OUTLOOK, now=NOW, zone=BERLIN)
    (again,) = [p for p in plan.duplicates if p.title == "Managers sync"]
    assert again.names == "Bruno Costa, Chloé Dubois"


THREE_MANAGERS = """
UID:pipeline-review-3@example.com
DTSTART:20250414T080000Z
DTEND:20250414T090000Z
SUMMARY:Pipeline review
ORGANIZER;CN="Sam Boss":mailto:sam@example.com
ATTENDEE;CN="Anna Berg":mailto:anna.berg@example.com
ATTENDEE;CN="Bruno Costa":mailto:bruno.costa@example.com
ATTENDEE;CN="Dana Evans":mailto:dana.evans@example.com
ATTENDEE;CN="Rep One":mailto:rep1@example.com
"""


def test_a_meeting_with_three_managers_is_one_touchpoint_with_three_attendees(
    managers: dict[str, int],
) -> None:
    counts = ics.import_ics(calendar(THREE_MANAGERS), now=NOW, zone=BERLIN)
    assert counts.created == 1
    (meeting,) = Touchpoint.select()
    assert (meeting.summary, meeting.kind, meeting.duration_minutes) == (
        "Pipeline review",
        TouchpointKind.TEAM_MEETING.value,
        60,
    )
    assert attendees_of(meeting) == [managers["anna"], managers["bruno"], managers["dana"]]
    for _ in range(2):
        again = ics.import_ics(calendar(THREE_MANAGERS), now=NOW, zone=BERLIN)
        assert (again.created, again.duplicates) == (0, 1)
    assert Touchpoint.select().count() == 1


def test_a_meeting_imported_once_per_manager_before_is_not_imported_again(
    managers: dict[str, int],
) -> None:
    """An earlier version imported a meeting once per manager, each with its own key: any of
    those keys marks the meeting as imported."""
    plan = ics.preview(calendar(THREE_MANAGERS), now=NOW, zone=BERLIN)
    (meeting,) = plan.new
    old_key = meeting.source_key.replace(f",{managers['anna']}]", f",{managers['dana']}]")
    touchpoints.create_touchpoint(managers["dana"], meeting.occurred_at, "team_meeting")
    Touchpoint.update(source_key=old_key).execute()
    assert ics.import_ics(calendar(THREE_MANAGERS), now=NOW, zone=BERLIN).created == 0


def test_a_meeting_whose_attendees_changed_is_not_imported_again(
    managers: dict[str, int],
) -> None:
    """The same meeting, exported again after Anna left it (so Bruno is its first manager),
    is the meeting already imported: a calendar names an event by its UID, whoever attends."""
    assert ics.import_ics(calendar(THREE_MANAGERS), now=NOW, zone=BERLIN).created == 1
    without_anna = THREE_MANAGERS.replace(
        'ATTENDEE;CN="Anna Berg":mailto:anna.berg@example.com\n', ""
    )
    again = ics.import_ics(calendar(without_anna), now=NOW, zone=BERLIN)
    assert (again.created, again.duplicates) == (0, 1)
    assert Touchpoint.select().count() == 1
