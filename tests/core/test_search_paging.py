"""Search finds everything: exact counts, every match once across pages, filters that narrow,
field syntax that parses and falls back to words, and no query that fails."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from coachjournal import sample
from coachjournal.coaching import roster, search, touchpoints
from coachjournal.coaching.search import Cursor, Filters, Order, Query, Source
from coachjournal.kinds import TouchpointKind
from coachjournal.storage import db
from coachjournal.storage.models import database

TODAY = dt.date(2026, 6, 15)
SEARCHED = {
    "touchpoint": "summary, notes, account, objective, observations, debrief, aspiration",
    "action_item": "text",
    "assignment": "title, skill, description, outcome, reflection",
    "trait": "skill, detail",
    "manager": "name, title, team, notes",
    "talent_placement": "note, risk_reason",
}
LIVE = {
    "touchpoint": "WHERE deleted_at IS NULL",
    "action_item": "WHERE touchpoint_id IS NULL OR touchpoint_id IN "
    "(SELECT id FROM touchpoint WHERE deleted_at IS NULL)",
}


@pytest.fixture(scope="module")
def team_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("team") / "team.db"
    sample.create_sample_journal(path, managers=4, years=1.0, today=TODAY)
    return path


@pytest.fixture
def team(team_file: Path, tmp_path: Path) -> Iterator[Path]:
    """The sample team (a copy), open, with some of its touchpoints in the trash."""
    path = tmp_path / "team.db"
    path.write_bytes(team_file.read_bytes())
    path.chmod(0o600)
    db.open_journal(path, create=False)
    for (touchpoint_id,) in database.execute_sql("SELECT id FROM touchpoint WHERE id % 7 = 0"):
        touchpoints.trash_touchpoint(touchpoint_id)
    yield path
    db.close_journal()


def direct_count(word: str) -> dict[Source, int]:
    """Entries holding a word that starts with ``word``, counted in SQL and Python without the
    search index."""
    starts = re.compile(rf"(?<![^\W_]){re.escape(word)}", re.IGNORECASE)
    counts = {}
    for table, columns in SEARCHED.items():
        rows = database.execute_sql(f"SELECT {columns} FROM {table} {LIVE.get(table, '')}")
        counts[Source(table)] = sum(
            1 for row in rows if any(starts.search(value or "") for value in row)
        )
    return counts


def every_page(query: Query, order: Order = Order.NEWEST, limit: int = 7) -> list[tuple]:
    found: list[tuple] = []
    cursor: Cursor | None = None
    while True:
        result = search.page(query, cursor, order, limit=limit)
        assert len(result.hits) <= limit
        found.extend((hit.source, hit.id) for hit in result.hits)
        if result.next is None:
            return found
        assert len(result.hits) == limit
        cursor = result.next


@pytest.fixture(
    params=["looked up", "on the index", "the list driving", "without a copy of the trash"]
)
def counting(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every way of counting: row by row, on lists of the entries the filters leave (which the
    large journal's common words take), each listed entry looked up in the index (a narrow
    filter and a common word), and with the trash told by its ids alone (a read-only journal,
    or a trash too large to copy)."""
    if request.param == "on the index":
        monkeypatch.setattr(search, "LOOKUP_LIMIT", 0)
    elif request.param == "the list driving":
        monkeypatch.setattr(search, "LOOKUP_LIMIT", 0)
        monkeypatch.setattr(search, "LOOKUP_COST", 0)
    elif request.param == "without a copy of the trash":  # nor any TEMP table: lists in JSON
        monkeypatch.setattr(search, "COPY_LIMIT", -1)
        monkeypatch.setattr(search, "LOOKUP_LIMIT", 0)
    return str(request.param)


def test_the_count_of_a_common_word_is_every_entry_that_holds_it(team: Path, counting: str) -> None:
    counts = search.count(search.parse("pricing"))
    assert counts == direct_count("pricing")
    assert sum(counts.values()) > search.DEFAULT_LIMIT  # more than the old cap of 50 a kind
    common = search.count(search.parse("the"))
    assert common == direct_count("the")
    assert all(common[source] > 0 for source in (Source.TOUCHPOINT, Source.ACTION_ITEM))


@pytest.mark.parametrize("order", list(Order))
def test_paging_gives_every_match_exactly_once(
    team: Path, order: Order, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "RANK_WINDOW", 40)  # the ranked window ends inside the results
    query = search.parse("the")
    found = every_page(query, order)
    assert len(found) == len(set(found)) == sum(search.count(query).values())
    expected = {
        (Source(table), row_id)
        for table in SEARCHED
        for (row_id,) in database.execute_sql(
            f"SELECT {table}_fts.rowid FROM {table}_fts WHERE {table}_fts MATCH '\"the\"*'"
        )
    }
    trashed = {
        (Source.TOUCHPOINT, row_id)
        for (row_id,) in database.execute_sql(
            "SELECT id FROM touchpoint WHERE deleted_at IS NOT NULL"
        )
    }
    assert set(found) <= expected - trashed
    assert [source for source, _ in found] == sorted(
        (source for source, _ in found), key=list(Source).index
    )


def test_paging_survives_equal_times_and_ranks(journal_path: Path) -> None:
    manager = roster.create_manager("Lena Fischer").id
    when = dt.datetime(2026, 3, 2, 9)
    ids = [
        touchpoints.create_touchpoint(manager, when, "one_on_one", notes="same words here").id
        for _ in range(23)
    ]
    query = search.parse("same words")
    for order in Order:
        for limit in (1, 5, 22, 23, 24):
            found = every_page(query, order, limit)
            assert sorted(item_id for _, item_id in found) == ids
    newest = every_page(query, Order.NEWEST, 5)
    assert [item_id for _, item_id in newest] == sorted(ids, reverse=True)


def test_each_filter_narrows(team: Path, counting: str) -> None:
    everything = search.parse("the")
    first = roster.list_managers()[0]
    narrowed = {
        "manager": Filters(manager_ids=frozenset({first.id})),
        "kind": Filters(kinds=frozenset({TouchpointKind.FIELD_VISIT})),
        "dates": Filters(since=dt.date(2026, 1, 1), until=dt.date(2026, 4, 1)),
        "in": Filters(sources=frozenset({Source.ACTION_ITEM})),
    }
    total = sum(search.count(everything).values())
    for name, filters in narrowed.items():
        query = everything.narrowed(filters)
        hits = _all_hits(query)
        assert 0 < len(hits) == sum(search.count(query).values()) < total, name
        for hit in hits:
            if name == "manager":
                assert hit.manager_id == first.id
            elif name == "kind":
                assert hit.source in (Source.TOUCHPOINT, Source.ACTION_ITEM)
                assert hit.touchpoint_id is not None
                kind = touchpoints.get_touchpoint(hit.touchpoint_id).kind
                assert kind == TouchpointKind.FIELD_VISIT
            elif name == "dates":
                assert hit.when is not None
                assert dt.datetime(2026, 1, 1) <= hit.when < dt.datetime(2026, 4, 1)
            else:
                assert hit.source is Source.ACTION_ITEM


def test_a_typed_manager_and_another_picked_find_nothing_rather_than_everyone(
    team: Path, counting: str
) -> None:
    """``manager:`` in the box and another manager in the filter bar have no one in common:
    the answer is no result, never the whole team."""
    first, second = roster.list_managers()[:2]
    typed = search.parse(f"the manager:{first.name.split()[0]}")
    assert typed.filters.manager_ids == {first.id}
    both = typed.narrowed(Filters(manager_ids=frozenset({second.id})))
    assert sum(search.count(both).values()) == 0
    assert _all_hits(both) == []
    kinds = search.parse("the kind:field").narrowed(
        Filters(kinds=frozenset({TouchpointKind.CAREER}))
    )
    assert sum(search.count(kinds).values()) == 0
    same = typed.narrowed(Filters(manager_ids=frozenset({first.id, second.id})))
    assert {hit.manager_id for hit in _all_hits(same)} == {first.id}


def expected(word: str, filters: Filters) -> dict[Source, set[int]]:
    """The live notes and action items holding a word that starts with ``word`` and kept by
    ``filters``, told in Python from every row, without the index or search's SQL. A note is a
    manager's when they were there (any attendee), an action item when it is theirs."""
    starts = re.compile(rf"(?<![^\W_]){re.escape(word)}", re.IGNORECASE)
    since = filters.since.isoformat() if filters.since else ""
    until = filters.until.isoformat() if filters.until else "9999"
    rows = {
        Source.TOUCHPOINT: database.execute_sql(
            "SELECT id, (SELECT group_concat(a.manager_id) FROM touchpoint_attendee AS a "
            f"WHERE a.touchpoint_id = touchpoint.id), kind, occurred_at, {SEARCHED['touchpoint']} "
            "FROM touchpoint WHERE deleted_at IS NULL"
        ),
        Source.ACTION_ITEM: database.execute_sql(
            "SELECT a.id, a.manager_id, t.kind, COALESCE(t.occurred_at, a.created_at), a.text "
            "FROM action_item AS a LEFT JOIN touchpoint AS t ON t.id = a.touchpoint_id "
            "WHERE t.deleted_at IS NULL"
        ),
    }
    return {
        source: {
            row_id
            for row_id, managers, kind, when, *texts in found
            if any(starts.search(text) for text in texts)
            and (
                not filters.manager_ids
                or not filters.manager_ids.isdisjoint(int(m) for m in str(managers).split(","))
            )
            and (not filters.kinds or kind in filters.kinds)
            and since <= str(when) < until
        }
        for source, found in rows.items()
    }


@pytest.mark.parametrize("word", ["the", "pric"])
def test_a_word_counts_exactly_under_each_filter(team: Path, counting: str, word: str) -> None:
    """Every live note and action item holding a common word ("the") or a rarer prefix that
    each filter keeps, counted and paged exactly once, whichever way the count is taken."""
    first, second = roster.list_managers()[:2]
    everyone = frozenset(manager.id for manager in roster.list_managers())
    most = Filters(manager_ids=everyone - {second.id})  # most of the team: those left out counted
    field = frozenset({TouchpointKind.FIELD_VISIT, TouchpointKind.ONE_ON_ONE})
    spring = Filters(since=dt.date(2026, 1, 1), until=dt.date(2026, 4, 1))
    cases = [
        Filters(),
        Filters(manager_ids=frozenset({first.id})),
        most,
        Filters(kinds=field),
        spring,
        spring & Filters(manager_ids=frozenset({first.id}), kinds=field),
        Filters(since=dt.date(2026, 5, 1)),
        most & spring,
        most & Filters(kinds=frozenset({TouchpointKind.ONE_ON_ONE})),
        Filters(manager_ids=frozenset({first.id, second.id}), until=dt.date(2026, 3, 1)),
    ]
    trashed = database.execute_sql("SELECT count(*) FROM touchpoint WHERE deleted_at IS NOT NULL")
    assert trashed.fetchone()[0] > 0
    shared = "SELECT count(*) FROM touchpoint_attendee WHERE position > 0"
    assert database.execute_sql(shared).fetchone()[0] > 0  # notes in several journals
    for filters in cases:
        query = search.parse(word).narrowed(filters)
        want = expected(word, filters)
        assert any(want.values()), filters
        counts = search.count(query)
        assert {source: counts[source] for source in want} == {
            source: len(ids) for source, ids in want.items()
        }, filters
        hits = [(hit.source, hit.id) for hit in _all_hits(query)]
        assert len(hits) == len(set(hits)) == sum(counts.values())
        for source, ids in want.items():
            assert {item_id for kind, item_id in hits if kind is source} == ids, filters


@pytest.mark.parametrize("words", [search.PREFIX_WORDS, 1])
@pytest.mark.parametrize("word", ["pric", "Negot", "manag"])
def test_a_long_prefix_finds_every_word_it_begins(
    team: Path, word: str, words: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A prefix searched as the words of the index that begin with it (or, when it begins
    more than PREFIX_WORDS, as a prefix) finds every entry holding one, once."""
    monkeypatch.setattr(search, "PREFIX_WORDS", words)
    query = search.parse(word)
    assert query.fts is not None
    expanded = search._expanded(Source.TOUCHPOINT, query.fts)
    assert ("*" in expanded) is (words == 1)
    counts = search.count(query)
    assert counts == direct_count(word.lower())
    hits = every_page(query)
    assert len(hits) == len(set(hits)) == sum(counts.values()) > 0
    phrase = search.parse(f'"next step" {word}')
    assert search._expanded(Source.TOUCHPOINT, phrase.fts or "").startswith('"next step" AND ')
    assert len(every_page(phrase)) == sum(search.count(phrase).values())


def test_the_count_follows_the_trash(team: Path, counting: str) -> None:
    """The trash is read again when it changes: from this connection, or from another."""
    query = search.parse("the")
    before = search.count(query)
    (touchpoint_id,) = database.execute_sql(
        "SELECT t.id FROM touchpoint AS t WHERE t.deleted_at IS NULL AND t.notes LIKE '%the %' "
        "AND (SELECT count(*) FROM action_item AS a WHERE a.touchpoint_id = t.id "
        "AND a.text LIKE '%the%') > 0 ORDER BY t.id LIMIT 1"
    ).fetchone()
    touchpoints.trash_touchpoint(touchpoint_id)
    after = search.count(query)
    assert after[Source.TOUCHPOINT] == before[Source.TOUCHPOINT] - 1
    assert after[Source.ACTION_ITEM] < before[Source.ACTION_ITEM]
    assert after == {source: len(ids) for source, ids in expected("the", Filters()).items()} | {
        source: count
        for source, count in after.items()
        if source not in (Source.TOUCHPOINT, Source.ACTION_ITEM)
    }
    touchpoints.restore_touchpoint(touchpoint_id)
    assert search.count(query) == before
    with contextlib.closing(sqlite3.connect(team)) as other:
        other.execute(
            "UPDATE touchpoint SET deleted_at = '2026-06-01' WHERE id = ?", (touchpoint_id,)
        )
        other.commit()
    assert search.count(query) == after


def test_the_trash_is_read_as_the_journal_reads_words(team: Path) -> None:
    """The in-memory copy of the trash's words folds accents and keeps prefixes as the
    journal's own indexes do, or its matches would not be the ones taken away."""
    indexes = database.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'"
    ).fetchall()
    assert {name for name, _ in indexes} == {f"{table}_fts" for table in SEARCHED}
    for _, sql in indexes:
        assert search.TOKENIZE in sql


def _all_hits(query: Query) -> list[search.SearchHit]:
    hits: list[search.SearchHit] = []
    cursor: Cursor | None = None
    while True:
        result = search.page(query, cursor, limit=200)
        hits.extend(result.hits)
        if result.next is None:
            return hits
        cursor = result.next


def test_field_syntax_parses(journal_path: Path) -> None:
    rania = roster.create_manager("Rania Haddad").id
    roster.create_manager("Lena Fischer")
    query = search.parse(
        'pricing manager:rania kind:field,career since:2026-01 until:2026-06 in:notes "next step"'
    )
    assert query.terms == 'pricing "next step"'
    assert query.fts == '"pricing"* "next step"'
    assert query.filters == Filters(
        manager_ids=frozenset({rania}),
        kinds=frozenset({TouchpointKind.FIELD_VISIT, TouchpointKind.CAREER}),
        since=dt.date(2026, 1, 1),
        until=dt.date(2026, 7, 1),
        sources=frozenset({Source.TOUCHPOINT}),
    )
    assert search.parse('manager:"rania HADDAD" kind:1:1').filters == Filters(
        manager_ids=frozenset({rania}), kinds=frozenset({TouchpointKind.ONE_ON_ONE})
    )
    assert search.parse("until:2026-02-28").filters.until == dt.date(2026, 3, 1)
    assert search.parse("since:2025").filters.since == dt.date(2025, 1, 1)


@pytest.mark.parametrize(
    "text",
    [
        "since:soon",
        "until:2026-13",
        "since:2026-02-30",
        "manager:nobody",
        "kind:lunch",
        "in:nowhere",
        "colour:red",
        'manager:"unclosed',
        "since:",
    ],
)
def test_bad_field_syntax_is_searched_as_words(journal_path: Path, text: str) -> None:
    roster.create_manager("Rania Haddad")
    query = search.parse(text)
    assert query.filters == Filters()
    assert query.terms == text
    assert query.fts is not None


def test_a_field_word_typed_as_a_word_is_found(journal_path: Path) -> None:
    manager = roster.create_manager("Lena Fischer").id
    when = dt.datetime(2026, 3, 2, 9)
    tp = touchpoints.create_touchpoint(manager, when, "informal", notes="Ratio since: soon").id
    assert [hit.id for hit in search.search("since:soon")] == [tp]


HOSTILE = [
    '"',
    '""',
    'a "b',
    "NEAR(",
    "NEAR(a b, 2)",
    "*",
    "pri*",
    "-pricing",
    "^pricing",
    "pricing)",
    "((pricing",
    "a AND OR NOT b",
    "{summary}: x",
    "summary:x",
    "x:",
    ":",
    "\x00pricing\x00",
    "pri\x02cing\x03",
    "\x1b[31mred",
    "pricing " * 1500,
    "ä" * 10_000,
    "🚀 👩‍💼",
    "\u202eevil",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_give_results_or_none(team: Path, text: str) -> None:
    query = search.parse(text)
    counts = search.count(query)
    for order in Order:
        hits = search.page(query, order=order).hits
        assert len(hits) == min(search.DEFAULT_LIMIT, sum(counts.values()))
    assert len(text) < 8000 or query.fts is None or query.fts.count('"') <= 2 * search.MAX_TERMS


@pytest.mark.parametrize(
    "text",
    ['"' + " ".join(["the"] * 999) + '"', " ".join(['"the the"'] * 400), "the " * 500],
    ids=["one long phrase", "many phrases", "many words"],
)
def test_no_query_searches_more_than_the_most_words(text: str) -> None:
    """Each word of a phrase is matched wherever it occurs: a phrase of 999 common words took
    20 s. What was typed is searched for its first words only, phrases included."""
    fts = search.to_fts_query(text)
    assert fts is not None
    assert len(re.findall(r"\bthe\b", fts)) == search.MAX_TERMS
