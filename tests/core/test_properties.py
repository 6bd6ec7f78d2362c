"""Arbitrary text, dates and numbers at the core's inputs and importers: every call succeeds or
raises a CoachJournalError with a message, and afterwards the journal passes
``PRAGMA integrity_check`` and what it held before is unchanged.

Each test works on one journal that holds a baseline (a manager with a touchpoint, an action
item, a rated trait, a motivator, an assignment and a cadence); the examples add to it, and the
baseline's rows are compared after every example. The importers' own fuzz tests (damaged
files, mutated exports) live in test_exchange.py, test_ics.py and test_roster_import.py; here
their *content* is arbitrary inside well-formed files, and the journal around them is checked.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachjournal.coaching import cadence, development, roster, search, touchpoints
from coachjournal.coaching.touchpoints import NewActionItem
from coachjournal.errors import CoachJournalError
from coachjournal.exchange import ics, roster_import
from coachjournal.kinds import ActionStatus, AssignmentStatus, Owner, TouchpointKind, TraitKind
from coachjournal.storage import db
from coachjournal.storage.models import database

T = TypeVar("T")
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
#: Any text, now and then a long one (a repeated piece: cheap to generate).
TEXT = st.text(max_size=120) | st.builds(
    lambda piece, times: piece * times, st.text(min_size=1, max_size=12), st.integers(100, 400)
)
DATES = st.dates()  # year 1 to 9999
MAYBE_DATES = st.none() | DATES
DATETIMES = st.datetimes()
NUMBERS = st.none() | st.integers(-(10**6), 10**6) | st.integers() | st.sampled_from([0, -1, 2**63])
KINDS = st.sampled_from(list(TouchpointKind))
BASELINE_TABLES = (
    "manager",
    "touchpoint",
    "action_item",
    "trait",
    "trait_rating",
    "motivator",
    "assignment",
    "cadence",
)


def attempt(call: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """Run ``call``: its result, or None when it refused with a CoachJournalError (which must
    carry a message). Any other exception fails the test."""
    try:
        return call(*args, **kwargs)
    except CoachJournalError as error:
        assert str(error).strip(), f"{type(error).__name__} without a message"
        return None


def snapshot(manager_id: int) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of ``manager_id`` and what belongs to them, table by table."""
    rows = {}
    for table in BASELINE_TABLES:
        where = "id = ?" if table == "manager" else "manager_id = ?"
        if table == "trait_rating":
            where = "trait_id IN (SELECT id FROM trait WHERE manager_id = ?)"
        cursor = database.execute_sql(
            f"SELECT * FROM {table} WHERE {where} ORDER BY id", (manager_id,)
        )
        rows[table] = cursor.fetchall()
    return rows


class Baseline:
    """The baseline manager's id and rows."""

    def __init__(self) -> None:
        manager = roster.create_manager("Baseline Manager", email="base@example.com")
        self.manager_id = manager.id
        touchpoint = touchpoints.log_touchpoint(
            manager.id,
            dt.datetime(2026, 1, 5, 10),
            TouchpointKind.ONE_ON_ONE,
            [NewActionItem("Send the account plan", Owner.THEM, dt.date(2026, 1, 12))],
            summary="Quarterly pipeline",
            notes="Baseline notes",
        )
        self.touchpoint_id = touchpoint.id
        trait = development.add_trait(
            manager.id, TraitKind.STRENGTH, "Forecasting", rating=3, rated_on=dt.date(2026, 1, 5)
        )
        self.trait_id = trait.id
        development.add_motivator(manager.id, "Recognition")
        development.add_assignment(manager.id, "Lead the QBR", due_on=dt.date(2026, 3, 1))
        cadence.set_override(manager.id, TouchpointKind.ONE_ON_ONE, 7, 14)
        self.rows = snapshot(manager.id)

    def assert_intact(self) -> None:
        assert database.execute_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        now = snapshot(self.manager_id)
        for table, rows in self.rows.items():  # added rows are fine; earlier ones never change
            assert set(rows) <= set(now[table]), table


@pytest.fixture
def baseline(journal_path: Path) -> Iterator[Baseline]:
    yield Baseline()


def victim() -> int:
    """A fresh manager for one example's edits, so the baseline is never a target."""
    return roster.create_manager("Victim").id


# --- roster ------------------------------------------------------------------------------------


MANAGER_FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "title": TEXT,
        "team": TEXT,
        "email": TEXT,
        "phone": TEXT,
        "notes": TEXT,
        "manager_since": MAYBE_DATES,
        "promoted_from_sales": st.booleans(),
    },
)


@FUZZ
@given(name=TEXT, fields=MANAGER_FIELDS, edits=MANAGER_FIELDS, rename=TEXT)
def test_roster_add_and_edit(
    baseline: Baseline, name: str, fields: dict[str, Any], edits: dict[str, Any], rename: str
) -> None:
    created = attempt(roster.create_manager, name, **fields)
    target = created.id if created is not None else victim()
    before = roster.get_manager(target)
    edited = attempt(roster.update_manager, target, name=rename, **edits)
    if edited is None:  # refused: nothing of the edit was written
        assert roster.get_manager(target) == before
    attempt(roster.set_archived, target, True)
    baseline.assert_intact()


# --- journal -----------------------------------------------------------------------------------


ITEMS = st.lists(
    st.builds(
        NewActionItem,
        text=TEXT,
        owner=st.sampled_from(list(Owner)),
        due_on=MAYBE_DATES,
        done=st.booleans(),
    ),
    max_size=4,
)
TOUCHPOINT_FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "duration_minutes": NUMBERS,
        "mood": NUMBERS,
        "summary": TEXT,
        "notes": TEXT,
        "account": TEXT,
        "objective": TEXT,
        "observations": TEXT,
        "debrief": TEXT,
        "aspiration": TEXT,
    },
)


@FUZZ
@given(
    when=DATETIMES,
    kind=KINDS,
    items=ITEMS,
    fields=TOUCHPOINT_FIELDS,
    edits=TOUCHPOINT_FIELDS,
    item_text=TEXT,
    due=MAYBE_DATES,
    status=st.sampled_from(list(ActionStatus)),
    draft=st.dictionaries(st.text(max_size=20), TEXT, max_size=4),
)
def test_touchpoints_action_items_and_drafts(
    baseline: Baseline,
    when: dt.datetime,
    kind: TouchpointKind,
    items: list[NewActionItem],
    fields: dict[str, Any],
    edits: dict[str, Any],
    item_text: str,
    due: dt.date | None,
    status: ActionStatus,
    draft: dict[str, Any],
) -> None:
    manager_id = victim()
    logged = attempt(touchpoints.log_touchpoint, manager_id, when, kind, items, **fields)
    if logged is None:
        assert touchpoints.timeline_count(manager_id) == 0  # all or nothing
    else:
        attempt(touchpoints.update_touchpoint, logged.id, occurred_at=when, **edits)
        attempt(touchpoints.trash_touchpoint, logged.id)
        attempt(touchpoints.restore_touchpoint, logged.id)
    item = attempt(touchpoints.add_action_item, manager_id, item_text, Owner.ME, due, None)
    if item is not None:
        attempt(
            touchpoints.update_action_item,
            item.id,
            text=item_text[::-1],
            owner=Owner.THEM,
            due_on=due,
        )
        attempt(touchpoints.set_action_status, item.id, status)
    draft_id = attempt(touchpoints.save_draft, None, manager_id, draft)
    if draft_id is not None:
        assert any(found[0] == draft_id for found in touchpoints.drafts())
        touchpoints.discard_draft(draft_id)
    baseline.assert_intact()


# --- development -------------------------------------------------------------------------------


@FUZZ
@given(
    kind=st.sampled_from(list(TraitKind)),
    skill=TEXT,
    detail=TEXT,
    rating=NUMBERS,
    target=NUMBERS,
    target_date=MAYBE_DATES,
    rated_on=MAYBE_DATES,
    note=TEXT,
    motivator=TEXT,
    confirmed=MAYBE_DATES,
    title=TEXT,
    assigned=MAYBE_DATES,
    due=MAYBE_DATES,
    status=st.sampled_from(list(AssignmentStatus)),
    on=MAYBE_DATES,
)
def test_traits_ratings_motivators_and_assignments(
    baseline: Baseline,
    kind: TraitKind,
    skill: str,
    detail: str,
    rating: Any,
    target: Any,
    target_date: dt.date | None,
    rated_on: dt.date | None,
    note: str,
    motivator: str,
    confirmed: dt.date | None,
    title: str,
    assigned: dt.date | None,
    due: dt.date | None,
    status: AssignmentStatus,
    on: dt.date | None,
) -> None:
    manager_id = victim()
    trait = attempt(
        development.add_trait,
        manager_id,
        kind,
        skill,
        detail,
        rating=rating,
        rated_on=rated_on,
        note=note,
        target_rating=target,
        target_date=target_date,
    )
    if trait is None:
        assert development.list_traits(manager_id) == []  # all or nothing
    else:
        attempt(development.rate_trait, trait.id, rating, rated_on, note)
        attempt(development.update_trait, trait.id, skill=skill[::-1], detail=detail)
    found = attempt(development.add_motivator, manager_id, motivator, note, confirmed)
    if found is not None:
        attempt(development.update_motivator, found.id, name=motivator.upper(), note=note)
    assignment = attempt(
        development.add_assignment,
        manager_id,
        title,
        skill=skill,
        description=detail,
        assigned_on=assigned,
        due_on=due,
    )
    if assignment is not None:
        attempt(development.set_assignment_status, assignment.id, status, on=on)
        attempt(development.update_assignment, assignment.id, title=title, due_on=on)
    baseline.assert_intact()


# --- cadence and search ------------------------------------------------------------------------


@FUZZ
@given(kind=KINDS, ideal=NUMBERS, most=NUMBERS, counted=st.sets(KINDS))
def test_cadence_values(
    baseline: Baseline, kind: TouchpointKind, ideal: Any, most: Any, counted: set[TouchpointKind]
) -> None:
    manager_id = victim()
    before = cadence.team_defaults()
    if attempt(cadence.set_team_default, kind, ideal, most) is None:
        assert cadence.team_defaults() == before
    attempt(cadence.set_override, manager_id, kind, ideal, most)
    attempt(cadence.set_counts_as_one_on_one, counted)
    cadence.dashboard(today=dt.date(2026, 2, 1))  # statuses still compute
    baseline.assert_intact()


@FUZZ
@given(query=TEXT | st.text(st.sampled_from("\"*:^()-+ ANDORNEAR'\\"), max_size=30))
def test_search_queries(baseline: Baseline, query: str) -> None:
    hits = attempt(search.search, query)
    assert hits is None or isinstance(hits, list)
    assert search.search("Quarterly pipeline") != []
    baseline.assert_intact()


# --- importers: arbitrary content in well-formed files -----------------------------------------


def roster_csv(rows: list[tuple[str, str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Name", "Title", "Email"])
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@FUZZ
@given(rows=st.lists(st.tuples(TEXT, TEXT, TEXT), max_size=6))
def test_roster_csv_with_any_cell_text(
    baseline: Baseline, rows: list[tuple[str, str, str]]
) -> None:
    plan = attempt(roster_import.preview_roster, roster_csv(rows))
    if plan is not None:
        attempt(roster_import.apply_roster, plan)
    baseline.assert_intact()


BERLIN = ZoneInfo("Europe/Berlin")


def calendar(
    summary: str, description: str, attendee: str, start: dt.datetime, minutes: int
) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//fuzz//EN")
    cal.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", f"fuzz-{start.isoformat()}-{minutes}")
    event.add("summary", summary)
    event.add("description", description)
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=minutes))
    event.add("attendee", f"mailto:{attendee}")
    cal.add_component(event)
    return cal.to_ical()


@FUZZ
@given(
    summary=TEXT,
    description=TEXT,
    # An address is one line (icalendar itself refuses to write line breaks into one).
    attendee=st.sampled_from(["base@example.com", "victim@example.com"])
    | st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40),
    start=st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    minutes=st.integers(0, 60 * 24 * 400),
)
def test_calendar_events_with_any_content(
    baseline: Baseline,
    summary: str,
    description: str,
    attendee: str,
    start: dt.datetime,
    minutes: int,
) -> None:
    data = calendar(summary, description, attendee, start, minutes)
    plan = attempt(ics.preview, data, now=dt.datetime(2026, 2, 1, 12), zone=BERLIN)
    if plan is not None:
        attempt(ics.apply, plan)
    baseline.assert_intact()


def test_the_baseline_is_what_it_says(baseline: Baseline) -> None:
    """The comparison above would pass vacuously on an empty baseline."""
    assert all(baseline.rows[table] for table in BASELINE_TABLES)
    assert db.is_journal(Path(database.database))
