"""Full-text search over everything written in the journal (SQLite FTS5): every match, counted
exactly and handed out a page at a time.

What the user types is parsed, never passed to FTS5 as it is. Field syntax narrows the search
(``manager:rania kind:field since:2026-01 until:2026-06 in:notes``, a quoted value for a name
with a space); every other word of three letters or more matches as a prefix ("negot" finds
"negotiation"; shorter words match whole, since a one- or two-letter prefix matches half the
vocabulary), text in double quotes matches as a phrase, accents are folded by the index
("resume" finds "résumé"), and all words must match. A field that cannot be understood
(``since:soon``, an unknown manager) is searched as plain words, and every word reaches FTS5 as
a quoted string, so no query the user types can fail to parse.

The work is bounded whatever the words (measured on 125,000 notes, see benchmarks/):

- The count is a ``count(*)`` over each index's match (a few milliseconds even for a word in
  every note), narrowed only where it must be: touchpoints in the trash, and the filters. A
  few thousand matches are narrowed row by row; more touchpoints on the covering index of the
  live ones, since reading their rows (notes and all) is what costs. It ranks nothing.
  Measured under load, "the" (124,083 live notes): 97 ms for the index's own count, 485 ms
  narrowed on the index, 1,400 ms row by row. Keeping trashed touchpoints out of the index
  would make the unfiltered count the index's own (a schema change, left for later).
- Results come newest-written first (``rowid DESC``, which FTS5 walks backwards and stops
  after a page), one kind of entry after the other: notes, action items, assignments, skills,
  profiles. The next page starts below the last row seen (keyset), so a deep page costs what
  the first does and no match is skipped or repeated.
- By relevance, FTS5's bm25 ranks the newest :data:`RANK_WINDOW` matches of each kind of
  entry; the older ones follow newest first. Ranking every match of a word found in every note
  takes ten times the target, and would on every keystroke.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any

from coachjournal.kinds import TouchpointKind
from coachjournal.storage.models import database

#: Marks around the matched words in a snippet (control characters never typed in notes).
MATCH_START = "\x02"
MATCH_END = "\x03"
SNIPPET_WORDS = 14
#: Hits per page.
DEFAULT_LIMIT = 50
#: Search terms kept from what was typed (a pasted page of text searches its first words).
MAX_TERMS = 16
#: Characters of a query read at most (a long question fits; a pasted book does not).
MAX_QUERY = 2_000
#: By relevance, the newest matches ranked, per kind of entry.
RANK_WINDOW = 1000
#: Matches counted by looking up each one's row; more touchpoints are counted on an index.
LOOKUP_LIMIT = 10_000


class Source(StrEnum):
    TOUCHPOINT = "touchpoint"
    ACTION_ITEM = "action_item"
    ASSIGNMENT = "assignment"
    TRAIT = "trait"
    MANAGER = "manager"


class Order(StrEnum):
    NEWEST = "newest"
    RELEVANCE = "relevance"


#: What ``in:`` accepts for each kind of entry, and how the interface names it.
SOURCE_NAMES: dict[Source, tuple[str, ...]] = {
    Source.TOUCHPOINT: ("notes", "note", "touchpoints", "entries"),
    Source.ACTION_ITEM: ("actions", "action", "items", "todo"),
    Source.ASSIGNMENT: ("assignments", "assignment"),
    Source.TRAIT: ("skills", "skill", "strengths", "traits"),
    Source.MANAGER: ("profiles", "profile", "managers"),
}
SOURCE_LABELS: dict[Source, str] = {
    Source.TOUCHPOINT: "Notes",
    Source.ACTION_ITEM: "Action items",
    Source.ASSIGNMENT: "Assignments",
    Source.TRAIT: "Skills",
    Source.MANAGER: "Profiles",
}


def _both(mine: frozenset[Any], theirs: frozenset[Any]) -> frozenset[Any]:
    """Both narrowings: what is in each, where each narrows."""
    return mine & theirs if mine and theirs else mine or theirs


@dataclasses.dataclass(frozen=True, slots=True)
class Filters:
    """What narrows a search; an empty set or None narrows nothing."""

    manager_ids: frozenset[int] = frozenset()
    kinds: frozenset[TouchpointKind] = frozenset()
    since: dt.date | None = None
    until: dt.date | None = None
    sources: frozenset[Source] = frozenset()
    #: Two narrowings that have nothing in common (one manager typed, another picked): nothing
    #: matches, where an empty set would narrow nothing at all.
    contradictory: bool = False

    def __and__(self, other: Filters) -> Filters:
        """Both sets of filters at once (the query box's and the filter bar's)."""
        since = max((day for day in (self.since, other.since) if day), default=None)
        until = min((day for day in (self.until, other.until) if day), default=None)
        pairs = (
            (self.manager_ids, other.manager_ids),
            (self.kinds, other.kinds),
            (self.sources, other.sources),
        )
        return Filters(
            manager_ids=_both(self.manager_ids, other.manager_ids),
            kinds=_both(self.kinds, other.kinds),
            since=since,
            until=until,
            sources=_both(self.sources, other.sources),
            contradictory=self.contradictory
            or other.contradictory
            or any(mine and theirs and not mine & theirs for mine, theirs in pairs),
        )

    def searched(self) -> list[Source]:
        """The kinds of entry these filters leave, in the order results come."""
        if self.contradictory:
            return []
        return [source for source in Source if self._allows(source)]

    def _allows(self, source: Source) -> bool:
        if self.sources and source not in self.sources:
            return False
        if self.kinds and source not in (Source.TOUCHPOINT, Source.ACTION_ITEM):
            return False
        dated = self.since is not None or self.until is not None
        return not (dated and source is Source.MANAGER)


@dataclasses.dataclass(frozen=True, slots=True)
class Query:
    """A parsed search: the words (as the user typed them) and the filters."""

    #: The plain words and phrases, for people and for highlighting the match in an entry.
    terms: str
    filters: Filters = Filters()

    @property
    def fts(self) -> str | None:
        return to_fts_query(self.terms)

    def narrowed(self, filters: Filters) -> Query:
        return dataclasses.replace(self, filters=self.filters & filters)


@dataclasses.dataclass(frozen=True, slots=True)
class SearchHit:
    source: Source
    id: int
    manager_id: int
    manager_name: str
    #: When it happened: the touchpoint's time, an assignment's start... (None for a profile).
    when: dt.datetime | None
    #: What it is, for people: "One-on-one", "Action item", "Strength", "Profile"...
    label: str
    #: Where in the entry the words matched, for people: "Notes", "Summary", "Title"...
    field: str
    #: The matching text with the matched words between MATCH_START and MATCH_END.
    snippet: str
    #: The touchpoint to open for this hit (a touchpoint, or the one an action item came from).
    touchpoint_id: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class Cursor:
    """Where the next page starts: a kind of entry, then either a place in its ranked window
    (``ranked`` rows already given) or below a row id (newest first)."""

    source: Source
    ranked: int | None = None
    below: int | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Page:
    hits: list[SearchHit]
    #: Where the next page starts; None after the last match.
    next: Cursor | None


# --- Parsing ----------------------------------------------------------------------------------

_TOKENS = re.compile(r'(?:(?P<field>[A-Za-z]+):)?(?:"(?P<quoted>[^"]*)"?|(?P<bare>[^\s"]+))')
_FIELDS = {"manager", "kind", "since", "until", "in"}
_MONTH = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def search_words(text: str) -> list[str]:
    """The searchable words of ``text``: runs of letters and digits, as the index sees them."""
    return re.findall(r"\w+", text)


def to_fts_query(text: str) -> str | None:
    """The FTS5 query for plain words and "phrases", or None if they hold nothing to search
    for. Every word is a quoted string: nothing the user types is FTS5 syntax."""
    parts: list[str] = []
    for match in _TOKENS.finditer(text):
        field, quoted, bare = match.group("field", "quoted", "bare")
        if quoted is not None:
            words = search_words(f"{field or ''} {quoted}")
            if words:
                parts.append('"' + " ".join(words) + '"')
        else:
            for token in search_words(f"{field or ''} {bare}"):
                parts.append(f'"{token}"*' if len(token) > 2 else f'"{token}"')
    return " ".join(parts[:MAX_TERMS]) or None


def fold(text: str) -> str:
    """``text`` without case or accents, for matching names the way the index matches words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _day(text: str, *, end: bool) -> dt.date | None:
    """``2026``, ``2026-03`` or ``2026-03-14`` as its first day (or, with ``end``, the day
    after its last), or None if it is not a date."""
    match = _MONTH.fullmatch(text)
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        if day is not None and month is not None:
            first = dt.date(year, month, day)
            return first + dt.timedelta(days=1) if end else first
        if month is not None:
            first = dt.date(year, month, 1)
            following = dt.date(year + month // 12, month % 12 + 1, 1)
        else:
            first, following = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    except (ValueError, OverflowError):
        return None
    return following if end else first


def _kinds(value: str) -> frozenset[TouchpointKind]:
    """The kinds of touchpoint ``value`` names ("field", "1:1", "career,call"), by value, label
    or the beginning of either."""
    found: set[TouchpointKind] = set()
    for part in filter(None, fold(value).split(",")):
        part = "one_on_one" if part in ("1:1", "1on1", "121") else part
        for kind in TouchpointKind:
            names = (kind.value, fold(kind.label).replace("-", "_").replace(" ", "_"))
            if any(name.startswith(part.replace("-", "_").replace(" ", "_")) for name in names):
                found.add(kind)
    return frozenset(found)


def _sources(value: str) -> frozenset[Source]:
    parts = set(filter(None, fold(value).split(",")))
    return frozenset(source for source, names in SOURCE_NAMES.items() if parts & set(names))


def _managers(value: str) -> frozenset[int]:
    """The managers whose name holds ``value`` (any case, any accents)."""
    wanted = fold(" ".join(value.split()))
    if not wanted:
        return frozenset()
    rows = database.execute_sql("SELECT id, name FROM manager").fetchall()
    return frozenset(manager_id for manager_id, name in rows if wanted in fold(name))


def parse(text: str) -> Query:
    """What the user typed as words and filters. A field whose value means nothing
    (``since:soon``, ``manager:nobody``, ``colour:red``) stays in the words, as typed. Only
    the first :data:`MAX_QUERY` characters are read: a megabyte pasted in took 16 s."""
    text = text[:MAX_QUERY]
    words: list[str] = []
    managers: set[int] = set()
    kinds: set[TouchpointKind] = set()
    sources: set[Source] = set()
    since: dt.date | None = None
    until: dt.date | None = None
    for match in _TOKENS.finditer(text):
        field, quoted, bare = match.group("field", "quoted", "bare")
        value = quoted if quoted is not None else bare
        name = (field or "").lower()
        understood = False
        if name == "manager" and (ids := _managers(value)):
            managers |= ids
            understood = True
        elif name == "kind" and (named := _kinds(value)):
            kinds |= named
            understood = True
        elif name == "in" and (chosen := _sources(value)):
            sources |= chosen
            understood = True
        elif name == "since" and (day := _day(value, end=False)):
            since, understood = day, True
        elif name == "until" and (day := _day(value, end=True)):
            until, understood = day, True
        if not understood:
            words.append(match.group())
    return Query(
        terms=" ".join(words),
        filters=Filters(
            manager_ids=frozenset(managers),
            kinds=frozenset(kinds),
            since=since,
            until=until,
            sources=frozenset(sources),
        ),
    )


# --- The SQL of each kind of entry ------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class _Table:
    """How one kind of entry is searched: its index, its row, what the filters compare."""

    table: str
    alias: str
    #: id, manager id, manager name, when, kind, touchpoint id (the snippet comes after).
    columns: str
    #: What the conditions need besides the row and its manager.
    joins: str
    #: Always true of a hit (e.g. not in the trash); "" if nothing.
    where: str
    when: str | None
    kind: str | None
    #: The searched columns, named for people, in the index's order.
    fields: tuple[str, ...]

    @property
    def fts(self) -> str:
        return f"{self.table}_fts"


_TABLES: dict[Source, _Table] = {
    Source.TOUCHPOINT: _Table(
        "touchpoint",
        "t",
        "t.id, t.manager_id, m.name, t.occurred_at, t.kind, t.id",
        "",
        "t.deleted_at IS NULL",
        "t.occurred_at",
        "t.kind",
        (
            "Summary",
            "Notes",
            "Account",
            "Objective",
            "Observations",
            "Debrief",
            "Aspiration",
        ),
    ),
    Source.ACTION_ITEM: _Table(
        "action_item",
        "a",
        "a.id, a.manager_id, m.name, COALESCE(t.occurred_at, a.created_at), 'action', "
        "a.touchpoint_id",
        "LEFT JOIN touchpoint AS t ON t.id = a.touchpoint_id",
        "t.deleted_at IS NULL",
        "COALESCE(t.occurred_at, a.created_at)",
        "t.kind",
        ("Action item",),
    ),
    Source.ASSIGNMENT: _Table(
        "assignment",
        "s",
        "s.id, s.manager_id, m.name, COALESCE(s.assigned_on, s.created_at), 'assignment', NULL",
        "",
        "",
        "COALESCE(s.assigned_on, s.created_at)",
        None,
        ("Title", "Skill", "Description", "Outcome", "Reflection"),
    ),
    Source.TRAIT: _Table(
        "trait",
        "r",
        "r.id, r.manager_id, m.name, r.created_at, r.kind, NULL",
        "",
        "",
        "r.created_at",
        None,
        ("Skill", "Detail"),
    ),
    Source.MANAGER: _Table(
        "manager",
        "m",
        "m.id, m.id, m.name, NULL, 'manager', NULL",
        "",
        "",
        None,
        None,
        ("Name", "Title", "Team", "Notes"),
    ),
}

_LABELS = {
    "action": "Action item",
    "assignment": "Assignment",
    "strength": "Strength",
    "development": "Development area",
    "manager": "Profile",
}


def _label(kind: str) -> str:
    return _LABELS.get(kind) or TouchpointKind(kind).label


def _conditions(table: _Table, filters: Filters) -> tuple[list[str], list[Any]]:
    """The WHERE clauses (after the MATCH) and their values for ``filters`` on ``table``."""
    clauses = [table.where] if table.where else []
    values: list[Any] = []
    if filters.manager_ids:
        marks = ", ".join("?" * len(filters.manager_ids))
        if table.alias == "t":  # any attendee: a shared meeting is in each one's journal
            clauses.append(
                "t.id IN (SELECT touchpoint_id FROM touchpoint_attendee "
                f"WHERE manager_id IN ({marks}))"
            )
        else:
            manager = "m.id" if table.alias == "m" else f"{table.alias}.manager_id"
            clauses.append(f"{manager} IN ({marks})")
        values.extend(sorted(filters.manager_ids))
    if filters.kinds and table.kind is not None:
        clauses.append(f"{table.kind} IN ({', '.join('?' * len(filters.kinds))})")
        values.extend(sorted(filters.kinds))
    # Dates are ISO text (a DATE or a DATETIME), so they compare as strings.
    if filters.since is not None and table.when is not None:
        clauses.append(f"{table.when} >= ?")
        values.append(filters.since.isoformat())
    if filters.until is not None and table.when is not None:
        clauses.append(f"{table.when} < ?")
        values.append(filters.until.isoformat())
    return clauses, values


def _matched(
    table: _Table, extra: Iterable[str] = (), *, named: bool = True, joined: bool = True
) -> str:
    """FROM ... WHERE ... for the matches of ``table`` (the MATCH value comes first); with
    ``named``, the manager's row is joined for their name (counting needs only the id), with
    ``joined`` what the conditions usually need (an action item's touchpoint)."""
    fts = table.fts
    joins = f"JOIN {table.table} AS {table.alias} ON {table.alias}.id = {fts}.rowid"
    if named and table.alias != "m":
        joins += f" JOIN manager AS m ON m.id = {table.alias}.manager_id"
    if joined:
        joins += f" {table.joins}"
    where = " AND ".join([f"{fts} MATCH ?", *extra])
    return f"FROM {fts} {joins} WHERE {where}"


def _field_column(table: _Table) -> str:
    """The first searched column that holds a match: an expression over the index."""
    if len(table.fields) == 1:
        return "0"
    cases = " ".join(
        f"WHEN instr(snippet({table.fts}, {index}, '{MATCH_START}', '', '', 1), "
        f"'{MATCH_START}') THEN {index}"
        for index in range(len(table.fields) - 1)
    )
    return f"CASE {cases} ELSE {len(table.fields) - 1} END"


def _select(table: _Table) -> str:
    column = _field_column(table)
    snippet = (
        f"snippet({table.fts}, {column}, '{MATCH_START}', '{MATCH_END}', '…', {SNIPPET_WORDS})"
    )
    return f"SELECT {table.columns}, {column}, {snippet}"


# --- Counting and paging ----------------------------------------------------------------------


def count(query: Query) -> dict[Source, int]:
    """How many entries of each kind match ``query`` (kinds the filters leave out: none)."""
    fts = query.fts
    counts = dict.fromkeys(Source, 0)
    if fts is None:
        return counts
    for source in query.filters.searched():
        table = _TABLES[source]
        narrowing, _ = _conditions(table, query.filters)
        raw = f"SELECT count(*) FROM {table.fts} WHERE {table.fts} MATCH ?"
        found: int = database.execute_sql(raw, (fts,)).fetchone()[0]
        if found and narrowing:
            found = _count_narrowed(table, fts, query.filters, found)
        counts[source] = found
    return counts


def _count_narrowed(table: _Table, fts: str, filters: Filters, matches: int) -> int:
    """The ``matches`` of ``table``'s index left by the trash and ``filters``.

    A few thousand matches are looked up one by one. More touchpoints than that are checked
    against the covering index of the live ones (time, kind, manager) instead of their rows:
    reading 124,000 rows of notes to learn that they are not in the trash took 0.1 to 5 s on
    the benchmark's journal (as much as the disk cache held of its 400 MB); scanning the index
    and the match takes tens of milliseconds whatever the word.
    """
    clauses, values = _conditions(table, filters)
    if table.table == "touchpoint" and matches > LOOKUP_LIMIT:
        narrowed = [clause for clause in clauses if clause != table.where]
        sql = (
            "SELECT count(*) FROM touchpoint AS t INDEXED BY touchpoint_live "
            "WHERE t.deleted_at IS NULL AND t.occurred_at > '' "
            + "".join(f"AND {clause} " for clause in narrowed)
            + "AND t.id IN (SELECT rowid FROM touchpoint_fts WHERE touchpoint_fts MATCH ?)"
        )
        return int(database.execute_sql(sql, (*values, fts)).fetchone()[0])
    dated = filters.kinds or filters.since is not None or filters.until is not None
    joined = not (table.table == "action_item" and matches > LOOKUP_LIMIT and not dated)
    if not joined:  # live items told without reading a single touchpoint
        clauses = [_LIVE_ITEM if clause == table.where else clause for clause in clauses]
    sql = f"SELECT count(*) {_matched(table, clauses, named=False, joined=joined)}"
    return int(database.execute_sql(sql, (fts, *values)).fetchone()[0])


#: An action item not in the trash with its touchpoint, told by the index of live touchpoints.
_LIVE_ITEM = (
    "(a.touchpoint_id IS NULL OR a.touchpoint_id IN (SELECT id FROM touchpoint "
    "INDEXED BY touchpoint_live WHERE deleted_at IS NULL AND occurred_at > ''))"
)


def page(
    query: Query,
    after: Cursor | None = None,
    order: Order = Order.NEWEST,
    limit: int = DEFAULT_LIMIT,
) -> Page:
    """The next ``limit`` matches of ``query`` from ``after`` (the first page without it)."""
    fts = query.fts
    sources = query.filters.searched()
    if fts is None or not sources or limit < 1:
        return Page([], None)
    cursor = after or _start(sources[0], order)
    if cursor.source not in sources:
        return Page([], None)
    hits: list[SearchHit] = []
    while True:
        wanted = limit - len(hits)
        found, cursor_next = _page_of(query, fts, cursor, order, wanted)
        hits.extend(_in_their_journal(found, query.filters.manager_ids))
        if cursor_next is None:  # this kind of entry is done: the next one starts
            following = sources.index(cursor.source) + 1
            if following == len(sources):
                return Page(hits, None)
            cursor_next = _start(sources[following], order)
        cursor = cursor_next
        if len(hits) == limit:
            return Page(hits, cursor)


def _start(source: Source, order: Order) -> Cursor:
    return Cursor(source, ranked=0) if order is Order.RELEVANCE else Cursor(source)


def _page_of(
    query: Query, fts: str, cursor: Cursor, order: Order, limit: int
) -> tuple[list[SearchHit], Cursor | None]:
    """Up to ``limit`` hits of one kind of entry from ``cursor``, and where the next start
    (None when this kind has no more)."""
    table = _TABLES[cursor.source]
    clauses, values = _conditions(table, query.filters)
    rowid = f"{table.fts}.rowid"
    if cursor.ranked is not None:
        floor = _window_floor(table, fts, clauses, values)
        sql = (
            f"{_select(table)} {_matched(table, [*clauses, f'{rowid} >= ?'])} "
            f"ORDER BY {table.fts}.rank, {rowid} DESC LIMIT ? OFFSET ?"
        )
        rows = database.execute_sql(sql, (fts, *values, floor, limit + 1, cursor.ranked))
        hits = [_hit(cursor.source, table, row) for row in rows]
        if len(hits) > limit:
            return hits[:limit], Cursor(cursor.source, ranked=cursor.ranked + limit)
        if floor == 0:
            return hits, None
        return hits, Cursor(cursor.source, below=floor)  # the rest, newest first
    below = [f"{rowid} < ?"] if cursor.below is not None else []
    sql = f"{_select(table)} {_matched(table, [*clauses, *below])} ORDER BY {rowid} DESC LIMIT ?"
    bound = [cursor.below] if cursor.below is not None else []
    hits = [
        _hit(cursor.source, table, row)
        for row in database.execute_sql(sql, (fts, *values, *bound, limit + 1))
    ]
    if len(hits) > limit:
        return hits[:limit], Cursor(cursor.source, below=hits[limit - 1].id)
    return hits, None


def _window_floor(table: _Table, fts: str, clauses: list[str], values: list[Any]) -> int:
    """The lowest row id among the newest RANK_WINDOW matches; 0 if there are no more."""
    sql = (
        f"SELECT {table.fts}.rowid {_matched(table, clauses, named=False)} "
        f"ORDER BY {table.fts}.rowid DESC LIMIT 1 OFFSET ?"
    )
    row = database.execute_sql(sql, (fts, *values, RANK_WINDOW - 1)).fetchone()
    return 0 if row is None else int(row[0])


def _when(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value
    text = str(value)
    return dt.datetime.fromisoformat(text if len(text) > 10 else f"{text} 00:00")


def _in_their_journal(hits: list[SearchHit], managers: frozenset[int]) -> list[SearchHit]:
    """With a manager filter, a shared touchpoint found through one of its other attendees is
    shown as an entry of that attendee's journal (its own manager was not asked for)."""
    shared = [
        hit.id
        for hit in hits
        if managers and hit.source is Source.TOUCHPOINT and hit.manager_id not in managers
    ]
    if not shared:
        return hits
    marks = ", ".join("?" * len(shared))
    found = {}
    for touchpoint_id, manager_id, name in database.execute_sql(
        "SELECT a.touchpoint_id, a.manager_id, m.name FROM touchpoint_attendee AS a "
        f"JOIN manager AS m ON m.id = a.manager_id WHERE a.touchpoint_id IN ({marks}) "
        "ORDER BY a.position DESC, a.id DESC",
        shared,
    ):
        if manager_id in managers:
            found[touchpoint_id] = (manager_id, name)
    return [
        dataclasses.replace(hit, manager_id=found[hit.id][0], manager_name=found[hit.id][1])
        if hit.id in found
        else hit
        for hit in hits
    ]


def _hit(source: Source, table: _Table, row: Sequence[Any]) -> SearchHit:
    item_id, manager_id, name, when, kind, touchpoint_id, column, snippet = row
    return SearchHit(
        source=source,
        id=item_id,
        manager_id=manager_id,
        manager_name=name,
        when=_when(when),
        label=_label(kind),
        field=table.fields[int(column)],
        snippet=snippet,
        touchpoint_id=touchpoint_id,
    )


def search(text: str, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    """The first ``limit`` entries matching what the user typed, newest first."""
    return page(parse(text), limit=limit).hits
