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
  every note), narrowed only where it must be, and never by reading each match's row (3 µs a
  row: 400 ms for "the"). The trash: its words are indexed in memory (:func:`_copy_trash`,
  once per change to the journal), their matches counted there and taken away. Filters:
  the notes and action items they leave are listed once from indexes (never through the
  notes' rows) and each match looked up in the list (:func:`_narrowing`; when a filter keeps
  most notes, the list of those it leaves out is the shorter one; when the list is short
  against the matches, each listed entry is looked up in the index instead). A rare word's
  few matches are compared row by row, each match driving (SQLite must never walk a filter's
  index and look each row up in FTS5). Nothing is ranked.
- A prefix of four letters or more is searched as the words of the index that begin with it
  (:func:`_expanded`): FTS5 merges a long prefix's words whole before its first match.
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
import json
import re
import threading
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
#: Words searched at most, those of "phrases" included (a pasted page of text searches its
#: first words): each word of a phrase is matched at every place it occurs, so a phrase of a
#: thousand common words took 20 s.
MAX_TERMS = 16
#: Characters of a query read at most (a long question fits; a pasted book does not).
MAX_QUERY = 2_000
#: By relevance, the newest matches ranked, per kind of entry.
RANK_WINDOW = 1000
#: Matches of a filtered search compared row by row; more notes or action items are looked up in
#: the list of the entries the filters leave.
LOOKUP_LIMIT = 2_000
#: A note looked up in an index by its id costs as much as walking this many matches (30 to
#: 60 µs, and 0.1 µs): a list of the entries the filters leave that holds at most one
#: LOOKUP_COST-th of the matches drives the search, each of its entries looked up.
LOOKUP_COST = 500
#: A prefix of four letters or more is searched as the words of the index that begin with it,
#: when there are at most this many (else as a prefix).
PREFIX_WORDS = 16


class Source(StrEnum):
    TOUCHPOINT = "touchpoint"
    ACTION_ITEM = "action_item"
    ASSIGNMENT = "assignment"
    TRAIT = "trait"
    MANAGER = "manager"
    TALENT = "talent_placement"


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
    Source.TALENT: ("reviews", "review", "talent"),
}
SOURCE_LABELS: dict[Source, str] = {
    Source.TOUCHPOINT: "Notes",
    Source.ACTION_ITEM: "Action items",
    Source.ASSIGNMENT: "Assignments",
    Source.TRAIT: "Skills",
    Source.MANAGER: "Profiles",
    Source.TALENT: "Talent reviews",
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
    room = MAX_TERMS
    for match in _TOKENS.finditer(text):
        field, quoted, bare = match.group("field", "quoted", "bare")
        if quoted is not None:
            words = search_words(f"{field or ''} {quoted}")[:room]
            if words:
                parts.append('"' + " ".join(words) + '"')
        else:
            words = search_words(f"{field or ''} {bare}")[:room]
            parts.extend(f'"{token}"*' if len(token) > 2 else f'"{token}"' for token in words)
        room -= len(words)
        if room <= 0:
            break
    return " ".join(parts) or None


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
        "COALESCE(t.occurred_at, a.created_at)",
        "t.kind",
        ("Action item",),
    ),
    Source.ASSIGNMENT: _Table(
        "assignment",
        "s",
        "s.id, s.manager_id, m.name, COALESCE(s.assigned_on, s.created_at), 'assignment', NULL",
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
        "r.created_at",
        None,
        ("Skill", "Detail"),
    ),
    Source.MANAGER: _Table(
        "manager",
        "m",
        "m.id, m.id, m.name, NULL, 'manager', NULL",
        "",
        None,
        None,
        ("Name", "Title", "Team", "Notes"),
    ),
    # A placement's note and reason for a risk of leaving, dated by its review.
    Source.TALENT: _Table(
        "talent_placement",
        "p",
        "p.id, p.manager_id, m.name, v.held_on, 'talent', NULL",
        "JOIN talent_review AS v ON v.id = p.review_id",
        "v.held_on",
        None,
        ("Review note", "Risk reason"),
    ),
}

_LABELS = {
    "action": "Action item",
    "assignment": "Assignment",
    "strength": "Strength",
    "development": "Development area",
    "manager": "Profile",
    "talent": "Talent review",
}


def _label(kind: str) -> str:
    return _LABELS.get(kind) or TouchpointKind(kind).label


def _of_managers(touchpoint: str, manager_ids: frozenset[int]) -> tuple[str, list[int]]:
    """The condition that one of these managers was at the touchpoint whose id is
    ``touchpoint`` (a shared meeting is in each attendee's journal), and its values: tested
    on each touchpoint, from its own attendees. As ``IN (SELECT ...)``, every attendance of
    the managers was listed before the first row was tested (60 ms for 160 managers, however
    few the matches tested); with ``manager_id IN`` in the index's key, each manager was
    looked up in each touchpoint (35 µs a row for 70 managers) where a touchpoint has one or
    a few attendees."""
    return (
        f"EXISTS (SELECT 1 FROM touchpoint_attendee AS ta WHERE ta.touchpoint_id = "
        f"{touchpoint} AND +ta.manager_id IN ({_marks(manager_ids)}))",
        sorted(manager_ids),
    )


def _attended(manager_ids: frozenset[int]) -> tuple[str, list[int]]:
    """The touchpoints these managers were at, from the index of attendances alone (without
    reading a touchpoint), and the values: for lists of the touchpoints filters keep."""
    return (
        "SELECT DISTINCT a.touchpoint_id FROM touchpoint_attendee AS a "
        f"WHERE a.manager_id IN ({_marks(manager_ids)})",
        sorted(manager_ids),
    )


def _marks(values: frozenset[Any]) -> str:
    return ", ".join("?" * len(values))


def _conditions(
    table: _Table, filters: Filters, *, when: str | None = None, per_row: bool = False
) -> tuple[list[str], list[Any]]:
    """The conditions of ``filters`` on ``table``'s rows and their values; dates compare with
    ``when`` if given, else with the table's own time.

    ``per_row``: tested on each match of the index, which must drive. Each column is then
    behind a unary ``+``, so that SQLite never walks an index of the rows instead (a manager's
    action items, the notes of a month) and looks each one up in the full-text index: a
    prefix's lookup costs half a millisecond, so the 280 action items of one manager took 140
    ms where reading the rows of the 3,000 matches of "forecast" takes 9."""
    plus = "+" if per_row else ""
    clauses: list[str] = []
    values: list[Any] = []
    if filters.manager_ids and table.alias == "t":
        touchpoint = f"{table.fts}.rowid" if per_row else "t.id"
        clause, ids = _of_managers(touchpoint, filters.manager_ids)
        clauses.append(clause)
        values.extend(ids)
    elif filters.manager_ids:
        manager = "m.id" if table.alias == "m" else f"{table.alias}.manager_id"
        clauses.append(f"{plus}{manager} IN ({_marks(filters.manager_ids)})")
        values.extend(sorted(filters.manager_ids))
    if filters.kinds and table.kind is not None:
        clauses.append(f"{plus}{table.kind} IN ({_marks(filters.kinds)})")
        values.extend(sorted(filters.kinds))
    when = when or table.when
    # Dates are ISO text (a DATE or a DATETIME), so they compare as strings.
    if filters.since is not None and when is not None:
        clauses.append(f"{plus}{when} >= ?")
        values.append(filters.since.isoformat())
    if filters.until is not None and when is not None:
        clauses.append(f"{plus}{when} < ?")
        values.append(filters.until.isoformat())
    return clauses, values


def _matched(
    table: _Table,
    extra: Iterable[str] = (),
    *,
    rows: bool = True,
    named: bool = True,
    driving: str | None = None,
) -> str:
    """FROM ... WHERE ... for the matches of ``table`` (the MATCH value comes first); with
    ``rows``, each match's row is joined with what the conditions need (an action item's
    touchpoint), and with ``named`` its manager's, for their name. With ``driving`` (a table
    of ids, ``listed``), each of its ids is looked up in the index, instead of each match
    of the index being tested."""
    fts = table.fts
    joins = ""
    searched = fts
    if driving is not None:
        searched = f"{driving} AS listed CROSS JOIN {fts} ON {fts}.rowid = listed.id"
    if rows:
        joins = f" JOIN {table.table} AS {table.alias} ON {table.alias}.id = {fts}.rowid"
        if named and table.alias != "m":
            joins += f" JOIN manager AS m ON m.id = {table.alias}.manager_id"
        if table.joins:
            joins += f" {table.joins}"
    where = " AND ".join([f"{fts} MATCH ?", *extra])
    return f"FROM {searched}{joins} WHERE {where}"


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


# --- The trash --------------------------------------------------------------------------------

#: The kinds of entry that go to the trash (an action item with its touchpoint), and the
#: in-memory index of the words of those in the trash.
_TRASH_COPIES = {
    Source.TOUCHPOINT: "search_trash_touchpoint",
    Source.ACTION_ITEM: "search_trash_action_item",
}
#: How the journal's indexes read words (see migrations): the copies must match as they do.
TOKENIZE = "tokenize='unicode61 remove_diacritics 2', prefix='3'"
#: Touchpoints in the trash copied at most; a larger trash is left out row by row instead.
COPY_LIMIT = 5_000
#: What changes whenever the journal does: the connection's own writes, and other
#: connections' commits.
_VERSION = "SELECT total_changes(), data_version FROM pragma_data_version"
#: The touchpoints in the trash, from the index of those alone (their rows hold the notes:
#: 400 ms to read; every touchpoint but the live ones, from two indexes: 40 ms).
_TRASHED = "SELECT id FROM touchpoint WHERE deleted_at IS NOT NULL"
#: Index match counts remembered for one version of the journal, at most.
_REMEMBERED = 256
#: Lists of the entries that filters leave remembered at most (up to 1 MB each).
_LISTINGS = 16


@dataclasses.dataclass(slots=True)
class _Trash:
    """What is in the trash, as this connection last saw the journal."""

    connection: Any
    #: ``_VERSION`` when it was read; None inside a transaction (which may yet roll back).
    version: tuple[int, int] | None
    #: The ids in the trash by kind of entry, as JSON arrays for ``json_each``.
    ids: dict[Source, str]
    #: How many of each kind are in the trash.
    sizes: dict[Source, int]
    #: Whether the words of the trash are indexed in memory (``_TRASH_COPIES``).
    copied: bool
    #: What was learnt of this version of the journal: each index's own count of matches, by
    #: kind of entry and FTS query ("matches"), of those the filters keep ("kept"), and the
    #: entries the filters leave ("listings").
    learnt: dict[str, dict[Any, Any]] = dataclasses.field(default_factory=dict)

    #: TEMP tables of ids written (:func:`_listed`), to name the next.
    lists: int = 0

    def wrote(self, rows: int) -> None:
        """Count ``rows`` written to TEMP tables as no change to the journal, if nothing else
        changed it meanwhile (else it is read again)."""
        if self.version is None:
            return
        changes, data_version = self.version
        now = tuple(database.execute_sql(_VERSION).fetchone())
        self.version = (
            (changes + rows, data_version) if now == (changes + rows, data_version) else None
        )

    def remembered(self, what: str, key: Any) -> Any:
        return self.learnt.get(what, {}).get(key)

    def remember(self, what: str, key: Any, value: Any, at_most: int = _REMEMBERED) -> None:
        known = self.learnt.setdefault(what, {})
        if len(known) >= at_most:
            known.clear()
        known[key] = value

    def excluded(self, source: Source, column: str | None = None) -> tuple[list[str], list[Any]]:
        """The condition that ``column`` (by default the id of a match of ``source``) is not
        the id of an entry in the trash, and its value."""
        if not self.sizes.get(source):
            return [], []
        column = column or f"{_TABLES[source].fts}.rowid"
        return [f"{column} NOT IN (SELECT value FROM json_each(?))"], [self.ids[source]]


_HELD = threading.local()


def _trash() -> _Trash:
    """The trash as it is now: read again (with a fresh copy of its words) only when the
    journal has changed since this thread's connection last read it."""
    connection = database.connection()
    version = tuple(database.execute_sql(_VERSION).fetchone())
    held: _Trash | None = getattr(_HELD, "trash", None)
    if held is not None and held.connection is connection and held.version == version:
        return held
    touchpoints = [row_id for (row_id,) in database.execute_sql(_TRASHED)]
    ids = json.dumps(touchpoints)
    items = database.execute_sql(
        "SELECT id FROM action_item WHERE touchpoint_id IN (SELECT value FROM json_each(?))",
        (ids,),
    )
    item_ids = [row_id for (row_id,) in items]
    copied = _copy_trash(ids, len(touchpoints))
    held = _Trash(
        connection=connection,
        version=None
        if connection.in_transaction
        else tuple(database.execute_sql(_VERSION).fetchone()),
        ids={Source.TOUCHPOINT: ids, Source.ACTION_ITEM: json.dumps(item_ids)},
        sizes={Source.TOUCHPOINT: len(touchpoints), Source.ACTION_ITEM: len(item_ids)},
        copied=copied,
    )
    _HELD.trash = held
    return held


def _copy_trash(touchpoints: str, size: int) -> bool:
    """Index the words of the touchpoints ``touchpoints`` (a JSON array) and of their action
    items in memory (TEMP, as private as the undo log): the trash's matches are then counted
    in a fraction of a millisecond, where telling them among every match of a common word
    takes as long as finding the matches. Not in a read-only journal, nor past COPY_LIMIT."""
    if database.execute_sql("PRAGMA query_only").fetchone()[0]:
        return False
    for name in _TRASH_COPIES.values():
        database.execute_sql(f"DROP TABLE IF EXISTS temp.{name}")
    if size > COPY_LIMIT:
        return False
    for source, name in _TRASH_COPIES.items():
        table = _TABLES[source]
        info = database.execute_sql(f"PRAGMA table_info({table.fts})")
        columns = ", ".join(row[1] for row in info)
        database.execute_sql(
            f"CREATE VIRTUAL TABLE temp.{name} USING fts5({columns}, content='', {TOKENIZE})"
        )
        trashed = "id" if source is Source.TOUCHPOINT else "touchpoint_id"
        database.execute_sql(
            f"INSERT INTO temp.{name} (rowid, {columns}) SELECT id, {columns} "
            f"FROM {table.table} WHERE {trashed} IN (SELECT value FROM json_each(?))",
            (touchpoints,),
        )
    return True


# --- Counting and paging ----------------------------------------------------------------------


def count(query: Query) -> dict[Source, int]:
    """How many entries of each kind match ``query`` (kinds the filters leave out: none)."""
    fts = query.fts
    counts = dict.fromkeys(Source, 0)
    if fts is None:
        return counts
    for source in query.filters.searched():
        words = _expanded(source, fts)
        found = _matches(source, words)
        if found:
            found = _count_narrowed(source, words, query.filters, found)
        counts[source] = found
    return counts


#: A word matched as a prefix, longer than the index's own prefixes (``prefix='3'``), and
#: spelt as the index spells its words (ASCII letters and digits need no folding but case).
_LONG_PREFIX = re.compile(r'"([A-Za-z0-9]{4,})"\*')
#: The words and phrases of an FTS5 query made by :func:`to_fts_query`.
_PARTS = re.compile(r'"[^"]*"\*?')


def _expanded(source: Source, fts: str) -> str:
    """``fts`` with each long prefix replaced by the words of ``source``'s index that begin
    with it (``"negot"*``: ``("negotiation" OR "negotiations")``), read from the index's
    vocabulary once per version of the journal.

    FTS5 answers a prefix longer than its prefix index by merging the lists of every word
    that begins with it into one, whole, before the first match: 7 ms for the 79,000 notes
    holding "customer" or "customers", for a page of 50 as for the count, and for each note
    looked up. The words themselves are read lazily, newest first: the page takes 0.3 ms.
    A prefix that begins more words (or a journal that cannot be written, where no
    vocabulary can be opened) stays a prefix.
    """
    trash = _trash()
    found = trash.remembered("expanded", (source, fts))
    if found is None:
        vocabulary = _vocabulary(source)
        found = fts
        if vocabulary is not None:  # FTS5 takes no implicit AND beside brackets: all spelt
            found = " AND ".join(
                _beginning(vocabulary, long.group(1).lower()) or part
                if (long := _LONG_PREFIX.fullmatch(part))
                else part
                for part in _PARTS.findall(fts)
            )
        trash.remember("expanded", (source, fts), found)
    return str(found)


def _vocabulary(source: Source) -> str | None:
    """The words of ``source``'s index, as a TEMP table (None in a journal that cannot be
    written)."""
    if database.execute_sql("PRAGMA query_only").fetchone()[0]:
        return None
    table = _TABLES[source].fts
    name = f"search_words_{table}"
    database.execute_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{name} USING fts5vocab(main, {table}, row)"
    )
    return name


def _beginning(vocabulary: str, prefix: str) -> str | None:
    """The words of ``vocabulary`` that begin with ``prefix`` as an FTS5 query, or None if
    more than PREFIX_WORDS do, or none."""
    end = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    rows = database.execute_sql(
        f"SELECT term FROM temp.{vocabulary} WHERE term >= ? AND term < ? LIMIT ?",
        (prefix, end, PREFIX_WORDS + 1),
    ).fetchall()
    if not rows or len(rows) > PREFIX_WORDS:
        return None
    words = " OR ".join('"' + term.replace('"', '""') + '"' for (term,) in rows)
    return f"({words})" if len(rows) > 1 else words


def _matches(source: Source, fts: str) -> int:
    """The index's own count of the matches of ``fts`` (trash and all), remembered until the
    journal changes: the first page decides with it how to narrow."""
    trash = _trash()
    found = trash.remembered("matches", (source, fts))
    if found is None:
        table = _TABLES[source]
        sql = f"SELECT count(*) FROM {table.fts} WHERE {table.fts} MATCH ?"
        found = int(database.execute_sql(sql, (fts,)).fetchone()[0])
        trash.remember("matches", (source, fts), found)
    return int(found)


def _trashed_matches(source: Source, fts: str) -> int:
    """How many of the entries in the trash match ``fts``, on the copy of their words."""
    name = _TRASH_COPIES[source]
    sql = f"SELECT count(*) FROM temp.{name} WHERE {name} MATCH ?"
    return int(database.execute_sql(sql, (fts,)).fetchone()[0])


def _count_narrowed(source: Source, fts: str, filters: Filters, matches: int) -> int:
    """The ``matches`` of ``source``'s index left by the trash and ``filters``.

    Without filters, the trash's matches are counted on its copy and taken away. When the
    filters keep most notes (``manager:a``), the notes they leave out are the shorter list:
    those matches, and the trash's, are taken away.
    """
    trash = _trash()
    table = _TABLES[source]
    unfiltered = not _conditions(table, filters)[0]
    if unfiltered and trash.copied and source in _TRASH_COPIES:
        return matches - _trashed_matches(source, fts)
    complement = source is Source.TOUCHPOINT and trash.copied and matches > LOOKUP_LIMIT
    if complement and _managers_only(filters) and _keep_most(filters.manager_ids):
        members, values = _left_out(filters.manager_ids)
        listed = [f"+{table.fts}.rowid IN ({members})"]
        sql = f"SELECT count(*) {_matched(table, listed, rows=False)}"
        outside = int(database.execute_sql(sql, (fts, *values)).fetchone()[0])
        found = matches - _trashed_matches(source, fts) - outside
    else:
        narrowing = _narrowing(source, filters, fts)
        matched = _matched(
            table,
            narrowing.clauses,
            rows=narrowing.rows,
            named=False,
            driving=narrowing.driving,
        )
        sql = f"SELECT count(*) {matched}"
        found = int(database.execute_sql(sql, (fts, *narrowing.values)).fetchone()[0])
    trash.remember("kept", (source, fts, filters), found)
    return found


def _dated(filters: Filters) -> bool:
    return filters.since is not None or filters.until is not None


def _managers_only(filters: Filters) -> bool:
    return bool(filters.manager_ids) and not (filters.kinds or _dated(filters))


def _keep_most(manager_ids: frozenset[int]) -> bool:
    """Whether these managers were at more touchpoints than the others, told from the index
    of attendances (once per version of the journal)."""
    trash = _trash()
    most = trash.remembered("most", manager_ids)
    if most is None:
        sql = (
            f"SELECT total(manager_id IN ({_marks(manager_ids)})), count(*) "
            "FROM touchpoint_attendee"
        )
        theirs, every = database.execute_sql(sql, sorted(manager_ids)).fetchone()
        most = 2 * theirs > every
        trash.remember("most", manager_ids, most)
    return bool(most)


def _left_out(manager_ids: frozenset[int]) -> _Members:
    """The live touchpoints none of these managers was at, listed once per version of the
    journal: the shorter list when they keep most (``manager:a``). Every touchpoint has its
    manager among its attendees (see migrations), so these are the others' touchpoints that
    none of these managers shared, read from the index of attendances alone: through the
    touchpoints' rows, 70,000 notes kept took a second to list on a busy machine."""
    trash = _trash()
    remembered = trash.remembered("left", manager_ids)
    if remembered is not None:
        return tuple(remembered)
    shared, ids = _of_managers("a.touchpoint_id", manager_ids)
    excluded, trashed = trash.excluded(Source.TOUCHPOINT, "a.touchpoint_id")
    where = " AND ".join(
        [f"a.manager_id NOT IN ({_marks(manager_ids)})", f"NOT {shared}", *excluded]
    )
    sql = f"SELECT DISTINCT a.touchpoint_id FROM touchpoint_attendee AS a WHERE {where}"
    members, *_ = _listed(sql, [*ids, *ids, *trashed])
    trash.remember("left", manager_ids, members, at_most=_LISTINGS)
    return members


@dataclasses.dataclass(frozen=True, slots=True)
class _Narrowing:
    """What keeps the matches of one index that the trash and the filters leave: conditions
    after the MATCH, their values, and whether they read each match's row."""

    clauses: list[str]
    values: list[Any]
    rows: bool
    #: The TEMP table of the entries the filters leave, when it drives (:func:`_matched`).
    driving: str | None = None

    def rowid(self, table: _Table) -> str:
        """The id of a match, in the order the rows come (the list's when it drives)."""
        return "listed.id" if self.driving else f"{table.fts}.rowid"


#: A list of ids as a subquery and its values: a TEMP table keyed by id, which each match
#: is looked up in directly, or (in a read-only journal) a JSON array, which each query sorts
#: again (30 ms for 20,000 ids under load).
_Members = tuple[str, list[Any]]


@dataclasses.dataclass(frozen=True, slots=True)
class _Listing:
    """The entries of one kind that the filters leave (the trash never among them): their ids,
    how many, the lowest and the highest (None if none)."""

    members: _Members
    size: int
    low: int | None
    high: int | None
    #: The TEMP table of the ids (None in a read-only journal, where they are JSON).
    table: str | None


def _listed(
    sql: str, values: Sequence[Any]
) -> tuple[_Members, int, int | None, int | None, str | None]:
    """The ids ``sql`` selects, how many, the lowest, the highest, and their TEMP table."""
    trash = _trash()
    if not trash.copied:  # no TEMP table can be written
        ids = [row_id for (row_id,) in database.execute_sql(sql, values)]
        members: _Members = ("SELECT value FROM json_each(?)", [json.dumps(ids)])
        return members, len(ids), min(ids, default=None), max(ids, default=None), None
    trash.lists += 1
    name = f"search_list_{trash.lists % (2 * _LISTINGS + 2)}"
    database.execute_sql(f"DROP TABLE IF EXISTS temp.{name}")
    database.execute_sql(f"CREATE TEMP TABLE {name} (id INTEGER PRIMARY KEY)")
    written = database.execute_sql(f"INSERT INTO temp.{name} (id) {sql}", values).rowcount
    trash.wrote(written)
    stats = database.execute_sql(f"SELECT count(*), min(id), max(id) FROM temp.{name}")
    size, low, high = stats.fetchone()
    return (f"SELECT id FROM temp.{name}", []), size, low, high, f"temp.{name}"


#: The live touchpoints of the kinds asked for, by their index of kind and time (the index of
#: live touchpoints by time read each row to test its kind: 3 µs a row).
_LIVE = "FROM touchpoint AS t INDEXED BY touchpoint_live_kind WHERE t.deleted_at IS NULL"


def _kept_touchpoints(filters: Filters) -> tuple[str, list[Any]]:
    """A subquery of the ids of the live touchpoints ``filters`` keep, and its values: each
    filter read from its own index (kind and time; time; attendances), the lists intersected,
    the trash told by its list of ids. Tested row by row, one filter walked the index of the
    other: 110,000 attendances of 167 managers looked up among the notes of one month took
    0.7 s, where reading both lists takes a few milliseconds."""
    rest = dataclasses.replace(filters, manager_ids=frozenset())
    clauses, values = _conditions(_TABLES[Source.TOUCHPOINT], rest)
    if filters.manager_ids and not clauses:  # managers alone
        attended, ids = _attended(filters.manager_ids)
        excluded, trashed = _trash().excluded(Source.TOUCHPOINT, "a.touchpoint_id")
        return " AND ".join([attended, *excluded]), [*ids, *trashed]
    if filters.kinds:
        sql = " ".join(["SELECT t.id", _LIVE, *(f"AND {clause}" for clause in clauses)])
    else:
        excluded, trashed = _trash().excluded(Source.TOUCHPOINT, "t.id")
        where = " AND ".join([*clauses, *excluded]) or "1"
        sql, values = f"SELECT t.id FROM touchpoint AS t WHERE {where}", [*values, *trashed]
    if not filters.manager_ids:
        return sql, values
    attended, ids = _attended(filters.manager_ids)
    return f"{sql} INTERSECT {attended}", [*values, *ids]


def _listing(source: Source, filters: Filters) -> _Listing:
    """The notes or action items ``filters`` leave (the filters narrow something), listed once
    per version of the journal."""
    trash = _trash()
    remembered = trash.remembered("listings", (source, filters))
    if isinstance(remembered, _Listing):
        return remembered
    if source is Source.TOUCHPOINT:
        sql, values = _kept_touchpoints(filters)
    elif _managers_only(filters):  # the items' own
        mine, manager = _conditions(_TABLES[source], filters)
        excluded, trashed = trash.excluded(source, "a.id")
        sql = f"SELECT a.id FROM action_item AS a WHERE {' AND '.join([*mine, *excluded])}"
        values = [*manager, *trashed]
    else:
        items = _TABLES[Source.ACTION_ITEM]
        mine, manager = _conditions(items, Filters(manager_ids=filters.manager_ids))
        kept, of_touchpoints = _kept_touchpoints(
            dataclasses.replace(filters, manager_ids=frozenset())
        )
        sql = f"SELECT a.id FROM action_item AS a WHERE a.touchpoint_id IN ({kept})" + "".join(
            f" AND {clause}" for clause in mine
        )
        values = [*of_touchpoints, *manager]
        if not filters.kinds:  # items written without a touchpoint, by the day they were
            alone, created = _conditions(
                items, dataclasses.replace(filters, kinds=frozenset()), when="a.created_at"
            )
            sql += " UNION ALL SELECT a.id FROM action_item AS a WHERE " + " AND ".join(
                ["a.touchpoint_id IS NULL", *alone]
            )
            values += created
    listing = _Listing(*_listed(sql, values))
    trash.remember("listings", (source, filters), listing, at_most=_LISTINGS)
    return listing


def _narrowing(
    source: Source, filters: Filters, fts: str, wanted: int | None = None, *, ranked: bool = False
) -> _Narrowing:
    """How to keep the matches of ``fts`` in ``source`` that ``filters`` and the trash leave,
    for ``wanted`` of them (a page's; None: all of them, to count).

    Rows are read and compared when that means reading at most LOOKUP_LIMIT of them (a page
    of a filter that keeps most matches; a rare word), each match driving. Past
    it, for notes and action items, the entries the filters leave are listed from indexes
    (:func:`_listing`) and each match is looked up in that list (``+rowid``: FTS5 would
    otherwise look each entry up in its index, which a prefix query makes slow), the index
    read between the lowest and the highest id listed (ids grow with time as notes are
    written: a period, a manager who joined last year). Reading the rows of a half-year's
    8,000 notes among the 124,000 matches of "the" took 280 ms.

    A list that short (at most one LOOKUP_COST-th of the matches: one manager's field visits
    among the notes holding "the") drives instead, each entry looked up in the index, when
    the query holds no long prefix (:func:`_expanded`: each lookup would merge its words
    again, 6 ms) and nothing is ``ranked`` (bm25 read this way took 3 ms a note). Walking
    the 85,000 matches of "the" to find 130 notes took 9 ms; looking the 130 up, 4.
    """
    table = _TABLES[source]
    excluded, trashed = _trash().excluded(source)
    clauses, values = _conditions(table, filters, per_row=True)
    if not clauses:
        return _Narrowing(excluded, trashed, rows=False)
    # A note's managers are told from its id alone: its row is read only for a kind or a date.
    rows = source is not Source.TOUCHPOINT or bool(filters.kinds) or _dated(filters)
    read = _Narrowing([*clauses, *excluded], [*values, *trashed], rows=rows)
    if source not in _TRASH_COPIES:
        return read
    matches = _matches(source, fts)
    kept = _trash().remembered("kept", (source, fts, filters))
    reads = matches
    if wanted is not None and kept is not None and not _dated(filters):
        reads = wanted * matches // max(int(kept), 1)  # the kept spread among the newest
    if reads <= LOOKUP_LIMIT:
        return read
    listing = _listing(source, filters)
    short = listing.size * LOOKUP_COST <= matches and not _LONG_PREFIX.search(fts)
    if listing.table is not None and short and not ranked:
        return _Narrowing([], [], rows=False, driving=listing.table)
    rowid = f"{table.fts}.rowid"
    members, listed = listing.members
    clauses = [f"+{rowid} IN ({members})"]
    values = list(listed)
    if listing.low is not None:
        clauses.append(f"{rowid} BETWEEN ? AND ?")
        values += [listing.low, listing.high]
    return _Narrowing(clauses, values, rows=False)


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
    fts = _expanded(cursor.source, fts)
    wanted = RANK_WINDOW if cursor.ranked is not None else limit + 1
    ranked = cursor.ranked is not None
    narrowing = _narrowing(cursor.source, query.filters, fts, wanted, ranked=ranked)
    clauses, values = narrowing.clauses, narrowing.values
    rowid = narrowing.rowid(table)
    if cursor.ranked is not None:
        floor = _window_floor(table, fts, narrowing)
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
    matched = _matched(table, [*clauses, *below], driving=narrowing.driving)
    sql = f"{_select(table)} {matched} ORDER BY {rowid} DESC LIMIT ?"
    bound = [cursor.below] if cursor.below is not None else []
    hits = [
        _hit(cursor.source, table, row)
        for row in database.execute_sql(sql, (fts, *values, *bound, limit + 1))
    ]
    if len(hits) > limit:
        return hits[:limit], Cursor(cursor.source, below=hits[limit - 1].id)
    return hits, None


def _window_floor(table: _Table, fts: str, narrowing: _Narrowing) -> int:
    """The lowest row id among the newest RANK_WINDOW matches; 0 if there are no more."""
    matched = _matched(table, narrowing.clauses, rows=narrowing.rows, named=False)
    sql = f"SELECT {table.fts}.rowid {matched} ORDER BY {table.fts}.rowid DESC LIMIT 1 OFFSET ?"
    row = database.execute_sql(sql, (fts, *narrowing.values, RANK_WINDOW - 1)).fetchone()
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
    # Only the attendees asked for: a whole-team meeting has two hundred.
    for touchpoint_id, manager_id, name in database.execute_sql(
        "SELECT a.touchpoint_id, a.manager_id, m.name FROM touchpoint_attendee AS a "
        f"JOIN manager AS m ON m.id = a.manager_id WHERE a.touchpoint_id IN ({marks}) "
        f"AND +a.manager_id IN ({_marks(managers)}) ORDER BY a.position DESC, a.id DESC",
        [*shared, *sorted(managers)],
    ):
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
