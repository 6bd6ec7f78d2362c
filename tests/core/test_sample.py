"""The sample team: realistic, consistent, deterministic, and written without harming any file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import random
import re
import sqlite3
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coachjournal import sample
from coachjournal.errors import CoachJournalError
from coachjournal.storage import db, migrations
from coachjournal.storage.models import database

TODAY = dt.date(2026, 3, 16)
TABLES = (
    "manager",
    "cadence",
    "trait",
    "trait_rating",
    "motivator",
    "assignment",
    "touchpoint",
    "action_item",
)
Team = tuple[Path, sample.SampleSummary]
#: How long each kind of touchpoint may last, in minutes.
DURATIONS = {
    "one_on_one": (30, 60),
    "field_visit": (120, 480),
    "call_review": (20, 45),
    "career_conversation": (45, 90),
    "team_meeting": (30, 60),
    "informal": (5, 20),
}


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Team:
    """The default sample (8 managers, 2 years), written once for the checks that only read."""
    path = tmp_path_factory.mktemp("sample") / "team.db"
    return path, sample.create_sample_journal(path, today=TODAY)


@pytest.fixture
def con(team: Team) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(team[0])
    yield connection
    connection.close()


def rows(con: sqlite3.Connection, sql: str) -> list[Any]:
    return con.execute(sql).fetchall()


def one(con: sqlite3.Connection, sql: str) -> Any:
    return con.execute(sql).fetchone()[0]


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


def names(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [name for (name,) in connection.execute("SELECT name FROM manager ORDER BY id")]
    finally:
        connection.close()


def files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


# --- What the default sample holds ------------------------------------------------------------


def test_summary_matches_what_was_written(team: Team, con: sqlite3.Connection) -> None:
    _, summary = team
    assert summary == sample.SampleSummary(
        managers=one(con, "SELECT count(*) FROM manager"),
        touchpoints=one(con, "SELECT count(*) FROM touchpoint"),
        action_items=one(con, "SELECT count(*) FROM action_item"),
        traits=one(con, "SELECT count(*) FROM trait"),
        assignments=one(con, "SELECT count(*) FROM assignment"),
    )


def test_counts_are_plausible_for_eight_managers_over_two_years(team: Team) -> None:
    _, summary = team
    assert summary.managers == 8
    assert 600 <= summary.touchpoints <= 2000
    assert 250 <= summary.action_items <= 1500
    assert 8 * 4 <= summary.traits <= 8 * 8
    assert 8 <= summary.assignments <= 8 * 5


def test_every_table_of_the_team_has_rows(con: sqlite3.Connection) -> None:
    # ``setting`` holds the user's preferences; the sample has none of its own.
    empty = [table for table in TABLES if one(con, f"SELECT count(*) FROM {table}") == 0]
    assert empty == []


def test_the_file_is_a_sound_journal_of_the_latest_schema(
    team: Team, con: sqlite3.Connection
) -> None:
    assert db.is_journal(team[0])
    assert one(con, "PRAGMA integrity_check") == "ok"
    assert rows(con, "PRAGMA foreign_key_check") == []
    assert one(con, "PRAGMA user_version") == migrations.LATEST


def test_nothing_happened_after_today(con: sqlite3.Connection) -> None:
    columns = {
        "manager": ("manager_since", "created_at", "updated_at"),
        "trait": ("created_at", "updated_at"),
        "trait_rating": ("rated_on",),
        "motivator": ("confirmed_on", "created_at"),
        "assignment": ("assigned_on", "completed_on", "created_at", "updated_at"),
        "touchpoint": ("occurred_at", "deleted_at", "created_at", "updated_at"),
        "action_item": ("closed_on", "created_at"),
    }
    for table, names_ in columns.items():
        for column in names_:
            latest = one(con, f"SELECT max({column}) FROM {table}")
            assert latest is not None, f"{table}.{column} is never set"
            assert day(latest) <= TODAY, f"{table}.{column} reaches {latest}"
    assert day(one(con, "SELECT max(occurred_at) FROM touchpoint")) < TODAY
    assert day(one(con, "SELECT max(manager_since) FROM manager")) < TODAY


def test_stamps_are_whole_minutes_and_updates_follow_creation(con: sqlite3.Connection) -> None:
    for table in ("manager", "trait", "assignment", "touchpoint"):
        for created, updated in rows(con, f"SELECT created_at, updated_at FROM {table}"):
            assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:00", created)
            assert created <= updated, table
    for occurred, created, deleted in rows(
        con, "SELECT occurred_at, created_at, deleted_at FROM touchpoint"
    ):
        assert occurred <= created
        assert deleted is None or deleted >= created


# --- Managers and cadence ---------------------------------------------------------------------


def test_managers_are_distinct_people_one_of_whom_left(con: sqlite3.Connection) -> None:
    managers = rows(con, "SELECT name, email, title, team, phone, archived FROM manager")
    assert len({name for name, *_ in managers}) == 8
    assert len({email for _, email, *_ in managers}) == 8
    for _, email, title, team_name, phone, _ in managers:
        assert re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+@example\.com", email), email
        assert title and team_name and phone.startswith("+")
    assert sum(archived for *_, archived in managers) == 1
    assert one(con, "SELECT sum(promoted_from_sales) FROM manager") >= 4


def test_the_manager_who_left_has_no_recent_history_nor_open_work(con: sqlite3.Connection) -> None:
    (left,) = [m for (m,) in rows(con, "SELECT id FROM manager WHERE archived")]
    last = one(con, f"SELECT max(occurred_at) FROM touchpoint WHERE manager_id = {left}")
    assert (TODAY - day(last)).days >= 14
    assert (
        one(con, f"SELECT count(*) FROM action_item WHERE manager_id = {left} AND status = 'open'")
        == 0
    )
    assert (
        one(
            con,
            f"SELECT count(*) FROM assignment WHERE manager_id = {left} "
            "AND status IN ('active', 'planned')",
        )
        == 0
    )


def test_the_team_cadence_and_a_few_personal_ones(con: sqlite3.Connection) -> None:
    defaults = {
        kind: (ideal, most)
        for kind, ideal, most in rows(
            con, "SELECT kind, ideal_days, max_days FROM cadence WHERE manager_id IS NULL"
        )
    }
    assert defaults == {
        "one_on_one": (7, 14),
        "field_visit": (30, 60),
        "call_review": (14, 28),
        "career_conversation": (90, 180),
        "team_meeting": (7, 14),
    }
    personal = rows(con, "SELECT kind, ideal_days, max_days FROM cadence WHERE manager_id NOT NULL")
    assert 1 <= len(personal) <= 8
    assert ("one_on_one", 14, 21) in personal


# --- Touchpoints ------------------------------------------------------------------------------


def test_touchpoints_are_on_working_days_in_office_hours(con: sqlite3.Connection) -> None:
    for occurred, kind, minutes in rows(
        con, "SELECT occurred_at, kind, duration_minutes FROM touchpoint"
    ):
        moment = dt.datetime.fromisoformat(occurred)
        assert moment.weekday() < 5, occurred
        assert 8 <= moment.hour < 20 and moment.second == 0, occurred
        low, high = DURATIONS[kind]
        assert low <= minutes <= high, (kind, minutes)


def test_every_kind_occurs_and_one_on_ones_lead(con: sqlite3.Connection) -> None:
    kinds = Counter(dict(rows(con, "SELECT kind, count(*) FROM touchpoint GROUP BY kind")))
    assert set(kinds) == set(DURATIONS)
    assert kinds["one_on_one"] > kinds["field_visit"] > kinds["career_conversation"]


def test_touchpoint_ids_follow_time(con: sqlite3.Connection) -> None:
    moments = [moment for (moment,) in rows(con, "SELECT occurred_at FROM touchpoint ORDER BY id")]
    assert moments == sorted(moments)


def test_notes_are_varied_markdown_of_realistic_length(con: sqlite3.Connection) -> None:
    notes = [text for (text,) in rows(con, "SELECT notes FROM touchpoint")]
    words = [len(text.split()) for text in notes]
    assert min(words) >= 60 and max(words) <= 420
    assert statistics.median(words) >= 150
    assert len(set(notes)) == len(notes)
    joined = "\n".join(notes)
    for markdown in ("\n## ", "\n- ", "**", "](https://"):
        assert markdown in joined
    assert "MEDDICC" in joined and "résumé" in joined
    assert any(ord(c) > 0x1F000 for c in joined), "no emoji at all"


def test_placeholders_are_all_filled(con: sqlite3.Connection) -> None:
    texts = rows(
        con,
        "SELECT summary || notes || account || objective || observations || debrief || aspiration"
        " FROM touchpoint UNION ALL SELECT text FROM action_item"
        " UNION ALL SELECT title || description || outcome || reflection FROM assignment"
        " UNION ALL SELECT notes FROM manager UNION ALL SELECT note FROM motivator",
    )
    assert [text for (text,) in texts if "{" in text or "}" in text] == []


def test_summaries_are_single_lines(con: sqlite3.Connection) -> None:
    for (summary,) in rows(con, "SELECT summary FROM touchpoint"):
        assert summary and "\n" not in summary and not summary[0].islower()


def test_field_visits_and_career_conversations_fill_their_own_fields(
    con: sqlite3.Connection,
) -> None:
    for kind, account, objective, observations, debrief, aspiration in rows(
        con,
        "SELECT kind, account, objective, observations, debrief, aspiration FROM touchpoint",
    ):
        visit = kind == "field_visit"
        assert bool(account and objective and observations and debrief) is visit
        assert bool(account or objective or observations or debrief) is visit
        assert bool(aspiration) is (kind == "career_conversation")


def test_mood_is_noted_on_most_one_on_ones_and_drifts(con: sqlite3.Connection) -> None:
    noted = one(con, "SELECT avg(mood IS NOT NULL) FROM touchpoint WHERE kind = 'one_on_one'")
    assert noted >= 0.8
    assert one(con, "SELECT count(*) FROM touchpoint WHERE mood NOT BETWEEN 1 AND 5") == 0
    assert (
        one(con, "SELECT count(mood) FROM touchpoint WHERE kind IN ('team_meeting', 'call_review')")
        == 0
    )
    moods: defaultdict[int, list[int]] = defaultdict(list)
    for manager, mood in rows(
        con,
        "SELECT manager_id, mood FROM touchpoint WHERE kind = 'one_on_one' AND mood NOT NULL "
        "ORDER BY occurred_at",
    ):
        moods[manager].append(mood)
    pairs = []
    for series in moods.values():
        mean = statistics.fmean(series)
        pairs += [(a - mean, b - mean) for a, b in itertools.pairwise(series)]
    covariance = statistics.fmean(a * b for a, b in pairs)
    variance = statistics.fmean(a * a for a, _ in pairs)
    assert covariance / variance > 0.2, "moods jump around like noise instead of drifting"


def test_someone_is_overdue_for_a_one_on_one_but_not_most(con: sqlite3.Connection) -> None:
    latest = rows(
        con,
        "SELECT t.manager_id, max(t.occurred_at), coalesce(c.max_days, 14) FROM touchpoint t "
        "JOIN manager m ON m.id = t.manager_id AND NOT m.archived "
        "LEFT JOIN cadence c ON c.manager_id = t.manager_id AND c.kind = 'one_on_one' "
        "WHERE t.kind = 'one_on_one' AND t.deleted_at IS NULL GROUP BY t.manager_id",
    )
    overdue = [m for m, last, most in latest if (TODAY - day(last)).days > most]
    assert 1 <= len(overdue) <= len(latest) // 2


def test_a_few_touchpoints_are_in_the_trash_and_some_discuss_an_assignment(
    con: sqlite3.Connection,
) -> None:
    trashed = one(con, "SELECT avg(deleted_at IS NOT NULL) FROM touchpoint")
    assert 0 < trashed <= 0.03
    assert one(con, "SELECT count(*) FROM touchpoint WHERE assignment_id NOT NULL") > 0
    strangers = one(
        con,
        "SELECT count(*) FROM touchpoint t JOIN assignment a ON a.id = t.assignment_id "
        "WHERE a.manager_id != t.manager_id OR date(t.occurred_at) < a.assigned_on",
    )
    assert strangers == 0


# --- Action items -----------------------------------------------------------------------------


def test_action_items_are_closed_exactly_when_done_or_dropped(con: sqlite3.Connection) -> None:
    items = rows(
        con,
        "SELECT a.status, a.closed_on, a.due_on, t.occurred_at, a.manager_id = t.manager_id "
        "FROM action_item a JOIN touchpoint t ON t.id = a.touchpoint_id",
    )
    for status, closed, _due, occurred, same_manager in items:
        assert same_manager
        assert (closed is not None) is (status in {"done", "dropped"})
        if closed is not None:
            assert day(occurred) <= day(closed) <= TODAY
    assert one(con, "SELECT avg(due_on IS NOT NULL) FROM action_item") >= 0.7
    assert {owner for (owner,) in rows(con, "SELECT DISTINCT owner FROM action_item")} == {
        "me",
        "them",
    }


def test_old_commitments_are_mostly_closed_and_a_few_recent_ones_overdue(
    con: sqlite3.Connection,
) -> None:
    old = one(
        con,
        "SELECT avg(a.status != 'open') FROM action_item a JOIN touchpoint t "
        f"ON t.id = a.touchpoint_id WHERE t.occurred_at < '{TODAY - dt.timedelta(days=120)}'",
    )
    assert old >= 0.95
    open_items = rows(con, "SELECT due_on FROM action_item WHERE status = 'open'")
    overdue = [due for (due,) in open_items if due is not None and day(due) < TODAY]
    assert 1 <= len(overdue) <= 0.1 * one(con, "SELECT count(*) FROM action_item")
    assert len(open_items) > len(overdue)


# --- Development ------------------------------------------------------------------------------


def test_each_manager_has_strengths_and_development_areas_with_a_history(
    con: sqlite3.Connection,
) -> None:
    traits = rows(con, "SELECT manager_id, kind, skill, target_rating, target_date FROM trait")
    per_manager: defaultdict[int, Counter[str]] = defaultdict(Counter)
    skills: defaultdict[int, list[str]] = defaultdict(list)
    for manager, kind, skill, target, target_date in traits:
        per_manager[manager][kind] += 1
        skills[manager].append(skill)
        assert (target is None) is (target_date is None)
    assert len(per_manager) == 8
    for counts in per_manager.values():
        assert 2 <= counts["strength"] <= 4 and 2 <= counts["development"] <= 4
    assert all(len(set(s)) == len(s) for s in skills.values())
    assert (
        one(con, "SELECT min(n) FROM (SELECT count(*) n FROM trait_rating GROUP BY trait_id)") >= 2
    )


def test_development_areas_improve_slowly(con: sqlite3.Connection) -> None:
    history: defaultdict[int, list[int]] = defaultdict(list)
    for trait, rating in rows(
        con,
        "SELECT r.trait_id, r.rating FROM trait_rating r JOIN trait t ON t.id = r.trait_id "
        "WHERE t.kind = 'development' ORDER BY r.trait_id, r.rated_on",
    ):
        history[trait].append(rating)
    gains = [ratings[-1] - ratings[0] for ratings in history.values()]
    assert statistics.fmean(gains) > 0
    assert max(gains) <= 3


def test_motivators_are_ranked_and_some_are_stale(con: sqlite3.Connection) -> None:
    ranks: defaultdict[int, list[int]] = defaultdict(list)
    for manager, rank in rows(con, "SELECT manager_id, rank FROM motivator ORDER BY rank"):
        ranks[manager].append(rank)
    assert all(r == list(range(1, len(r) + 1)) and 3 <= len(r) <= 5 for r in ranks.values())
    confirmed = [
        day(d)
        for (d,) in rows(con, "SELECT confirmed_on FROM motivator WHERE confirmed_on NOT NULL")
    ]
    assert any((TODAY - d).days > 182 for d in confirmed)
    assert any((TODAY - d).days <= 182 for d in confirmed)


def test_assignment_statuses_fit_their_dates(con: sqlite3.Connection) -> None:
    for status, assigned, due, completed, outcome, rating in rows(
        con,
        "SELECT status, assigned_on, due_on, completed_on, outcome, outcome_rating FROM assignment",
    ):
        assert day(assigned) <= day(due)
        if status == "done":
            assert completed and outcome and 1 <= rating <= 5
            assert day(assigned) <= day(completed) <= TODAY
        else:
            assert completed is None and rating is None
    late = one(
        con, f"SELECT count(*) FROM assignment WHERE status = 'active' AND due_on < '{TODAY}'"
    )
    assert late >= 1


def test_assignments_work_on_their_managers_development_areas(con: sqlite3.Connection) -> None:
    linked = rows(
        con,
        "SELECT a.manager_id = t.manager_id, t.kind, a.skill = t.skill FROM assignment a "
        "JOIN trait t ON t.id = a.trait_id",
    )
    assert linked
    assert all(same and kind == "development" and skill for same, kind, skill in linked)


# --- Determinism and generating into a journal ------------------------------------------------


def dump(path: Path) -> dict[str, list[Any]]:
    """Every row but its uid (a random identity, given anew to every record)."""
    connection = sqlite3.connect(path)
    try:
        dumped = {}
        for table in TABLES:
            cursor = connection.execute(f"SELECT * FROM {table} ORDER BY id")
            kept = [i for i, column in enumerate(cursor.description) if column[0] != "uid"]
            dumped[table] = [tuple(row[i] for i in kept) for row in cursor.fetchall()]
        return dumped
    finally:
        connection.close()


def test_the_same_seed_and_day_give_the_same_journal(team: Team, tmp_path: Path) -> None:
    again = tmp_path / "again.db"
    sample.create_sample_journal(again, today=TODAY)
    assert dump(again) == dump(team[0])


def test_another_seed_gives_another_team(team: Team, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    sample.create_sample_journal(other, seed=sample.DEFAULT_SEED + 1, years=0.2, today=TODAY)
    assert names(other) != names(team[0])


def test_generate_adds_a_team_to_a_journal_that_has_one(tmp_path: Path) -> None:
    db.open_journal(tmp_path / "journal.db")
    try:
        first = sample.generate(managers=3, years=0.2, today=TODAY)
        second = sample.generate(managers=3, years=0.2, seed=99, today=TODAY)
    finally:
        db.close_journal()
    assert first.managers == second.managers == 3
    connection = sqlite3.connect(tmp_path / "journal.db")
    try:
        managers = connection.execute(
            "SELECT count(*), count(DISTINCT name) FROM manager"
        ).fetchone()
        defaults = connection.execute("SELECT count(*) FROM cadence WHERE manager_id IS NULL")
        touchpoints = connection.execute("SELECT count(*) FROM touchpoint").fetchone()[0]
        assert managers == (6, 6)
        assert defaults.fetchone()[0] == 5
        assert touchpoints == first.touchpoints + second.touchpoints
    finally:
        connection.close()


def test_a_large_team_has_about_three_percent_archived(tmp_path: Path) -> None:
    path = tmp_path / "large.db"
    summary = sample.create_sample_journal(path, managers=100, years=0.1, today=TODAY)
    connection = sqlite3.connect(path)
    try:
        archived, people = connection.execute(
            "SELECT sum(archived), count(DISTINCT name) FROM manager"
        ).fetchone()
    finally:
        connection.close()
    assert summary.managers == people == 100
    assert archived == 3


def test_names_stay_unique_when_the_name_pools_run_out() -> None:
    vocab = dataclasses.replace(sample._vocabulary(), name_groups=((("Zoë",), ("Søren",)),))
    taken: set[str] = set()
    drawn = [sample._name(random.Random(1), vocab, taken)[0] for _ in range(60)]
    assert len(set(drawn)) == 60
    assert drawn[0] == "Zoë Søren"
    assert any(re.fullmatch(r"Zoë [A-Z]\. Søren", name) for name in drawn)


def test_every_template_in_the_vocabulary_fills() -> None:
    vocab = sample._vocabulary()
    team = sample._Team(
        rng=random.Random(3),
        vocab=vocab,
        first="José",
        reps=("Zoë", "Søren"),
        accounts=("Northwind Logistics", "Café Lumière"),
        region=vocab.regions[0],
    )
    for template in vocab.templates():
        filled = template.format_map(sample._Slots(team, TODAY))
        assert "{" not in filled and "}" not in filled, template


# --- Writing the file -------------------------------------------------------------------------


def test_create_writes_a_journal_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "team.db"
    sample.create_sample_journal(path, years=0.2, today=TODAY)
    assert db.is_journal(path)
    assert database.obj is None
    assert files(tmp_path) == ["team.db"]


def test_create_refuses_to_replace_a_journal_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "team.db"
    sample.create_sample_journal(path, years=0.2, today=TODAY)
    before = path.read_bytes()
    with pytest.raises(CoachJournalError, match="already a journal"):
        sample.create_sample_journal(path, years=0.2, seed=1, today=TODAY)
    assert path.read_bytes() == before
    assert files(tmp_path) == ["team.db"]


def test_create_replaces_a_journal_when_forced(tmp_path: Path) -> None:
    path = tmp_path / "team.db"
    sample.create_sample_journal(path, years=0.2, today=TODAY)
    old = names(path)
    sample.create_sample_journal(path, years=0.2, seed=1, force=True, today=TODAY)
    assert names(path) != old
    assert files(tmp_path) == ["team.db"]


def test_the_old_journals_write_ahead_log_does_not_outlive_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A -wal left beside the new file would be replayed into it: it must go before the rename.
    path = tmp_path / "team.db"
    path.write_bytes(b"SQLite format 3\x00 an old journal")
    for stale in ("team.db-wal", "team.db-shm"):
        (tmp_path / stale).write_bytes(b"frames of the old journal")
    monkeypatch.setattr(db, "is_journal", lambda _: True)
    sample.create_sample_journal(path, years=0.2, force=True, today=TODAY)
    assert files(tmp_path) == ["team.db"]
    assert len(names(path)) == 8


@pytest.mark.parametrize(
    "content",
    [b"Quarterly plan\nnot a journal\n", b"SQLite format 3\x00 but truncated"],
    ids=["text", "broken-database"],
)
def test_create_never_replaces_a_foreign_file_even_when_forced(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(CoachJournalError, match="not a CoachJournal journal"):
        sample.create_sample_journal(path, years=0.2, force=True, today=TODAY)
    assert path.read_bytes() == content
    assert files(tmp_path) == ["notes.db"]


def test_create_never_replaces_another_apps_database(tmp_path: Path) -> None:
    path = tmp_path / "crm.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE contact (name TEXT)")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(CoachJournalError, match="not a CoachJournal journal"):
        sample.create_sample_journal(path, years=0.2, force=True, today=TODAY)
    assert path.read_bytes() == before
    assert files(tmp_path) == ["crm.db"]


def test_create_fills_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    sample.create_sample_journal(path, years=0.2, today=TODAY)
    assert db.is_journal(path)


def test_create_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(CoachJournalError, match="folder"):
        sample.create_sample_journal(tmp_path, force=True, today=TODAY)


def test_a_failure_leaves_the_old_journal_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "team.db"
    sample.create_sample_journal(path, years=0.2, today=TODAY)
    before = path.read_bytes()

    def fail(**_: object) -> sample.SampleSummary:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sample, "generate", fail)
    with pytest.raises(CoachJournalError, match="No space left"):
        sample.create_sample_journal(path, years=0.2, force=True, today=TODAY)
    assert path.read_bytes() == before
    assert files(tmp_path) == ["team.db"]
    assert database.obj is None


def test_create_will_not_unbind_an_open_journal(tmp_path: Path) -> None:
    db.open_journal(tmp_path / "mine.db")
    try:
        with pytest.raises(RuntimeError, match="close the open journal"):
            sample.create_sample_journal(tmp_path / "team.db", today=TODAY)
        assert not (tmp_path / "team.db").exists()
    finally:
        db.close_journal()


def test_team_meetings_are_logged_once_with_the_managers_who_were_there(
    con: sqlite3.Connection,
) -> None:
    """A weekly huddle, once, with several attendees (the first its manager); every other
    touchpoint has its manager as its one attendee."""
    rows = con.execute(
        "SELECT t.kind, t.manager_id, count(a.id), min(a.position), "
        "sum(a.manager_id = t.manager_id AND a.position = 0) "
        "FROM touchpoint AS t JOIN touchpoint_attendee AS a ON a.touchpoint_id = t.id "
        "GROUP BY t.id"
    ).fetchall()
    assert con.execute("SELECT count(*) FROM touchpoint").fetchone()[0] == len(rows)
    huddles = [row for row in rows if row[0] == "team_meeting"]
    assert len(huddles) > 40
    assert statistics.mean(row[2] for row in huddles) > 4
    assert all(row[3] == 0 and row[4] == 1 for row in rows)
    assert all(row[2] == 1 for row in rows if row[0] != "team_meeting")
    per_day = Counter(
        day
        for (day,) in con.execute(
            "SELECT substr(occurred_at, 1, 10) FROM touchpoint WHERE kind = 'team_meeting'"
        )
    )
    assert max(per_day.values()) == 1
