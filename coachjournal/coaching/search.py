"""Full-text search over everything written in the journal (SQLite FTS5).

What the user types is turned into a safe FTS5 query: every word of three letters or more
matches as a prefix ("negot" finds "negotiation"; shorter words match whole, since a one- or
two-letter prefix matches half the vocabulary, which is slow on a large journal), text in
double quotes matches as a phrase, accents are folded by the index ("resume" finds "résumé"),
and all words must match.
Punctuation that FTS5 would read as syntax is never passed through, so no query the user types
can fail to parse.

The work is bounded: each kind of entry returns at most ``limit`` hits, newest first (FTS5 walks
its index backwards and stops), so a word found in every note costs what a rare one does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from enum import StrEnum
from typing import Any

from peewee import OperationalError

from coachjournal.kinds import TouchpointKind
from coachjournal.storage.models import database

#: Marks around the matched words in a snippet (control characters never typed in notes).
MATCH_START = "\x02"
MATCH_END = "\x03"
SNIPPET_WORDS = 14
#: Hits per kind of entry, at most.
DEFAULT_LIMIT = 50


class Source(StrEnum):
    TOUCHPOINT = "touchpoint"
    ACTION_ITEM = "action_item"
    ASSIGNMENT = "assignment"
    TRAIT = "trait"
    MANAGER = "manager"


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
    #: The matching text with the matched words between MATCH_START and MATCH_END.
    snippet: str
    #: The touchpoint to open for this hit (a touchpoint, or the one an action item came from).
    touchpoint_id: int | None


_TOKENS = re.compile(r'"([^"]*)"?|([^\s"]+)')


def search_words(text: str) -> list[str]:
    """The searchable words of ``text``: runs of letters and digits, as the index sees them."""
    return re.findall(r"\w+", text)


def to_fts_query(text: str) -> str | None:
    """The FTS5 query for what the user typed, or None if it holds nothing to search for."""
    parts = []
    for phrase, word in _TOKENS.findall(text):
        if phrase:
            words = search_words(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
        else:
            parts.extend(
                f'"{token}"*' if len(token) > 2 else f'"{token}"' for token in search_words(word)
            )
    return " ".join(parts) or None


def _when(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value
    text = str(value)
    return dt.datetime.fromisoformat(text if len(text) > 10 else f"{text} 00:00")


def _query(table: str, alias: str, columns: str, joins: str = "", where: str = "") -> str:
    """The bounded search of one table: ``columns`` are (id, manager id, manager name, when,
    kind, touchpoint id); the snippet is added last."""
    snippet = f"snippet({table}_fts, -1, '{MATCH_START}', '{MATCH_END}', '…', {SNIPPET_WORDS})"
    return (
        f"SELECT {columns}, {snippet} FROM {table}_fts "
        f"JOIN {table} AS {alias} ON {alias}.id = {table}_fts.rowid {joins} "
        f"WHERE {table}_fts MATCH ? {where} ORDER BY {table}_fts.rowid DESC LIMIT ?"
    )


_MANAGER = "JOIN manager AS m ON m.id = {}.manager_id"
_QUERIES: dict[Source, str] = {
    Source.TOUCHPOINT: _query(
        "touchpoint",
        "t",
        "t.id, t.manager_id, m.name, t.occurred_at, t.kind, t.id",
        _MANAGER.format("t"),
        "AND t.deleted_at IS NULL",
    ),
    Source.ACTION_ITEM: _query(
        "action_item",
        "a",
        "a.id, a.manager_id, m.name, COALESCE(t.occurred_at, a.created_at), 'action', "
        "a.touchpoint_id",
        _MANAGER.format("a") + " LEFT JOIN touchpoint AS t ON t.id = a.touchpoint_id",
        "AND t.deleted_at IS NULL",
    ),
    Source.ASSIGNMENT: _query(
        "assignment",
        "s",
        "s.id, s.manager_id, m.name, COALESCE(s.assigned_on, s.created_at), 'assignment', NULL",
        _MANAGER.format("s"),
    ),
    Source.TRAIT: _query(
        "trait", "r", "r.id, r.manager_id, m.name, r.created_at, r.kind, NULL", _MANAGER.format("r")
    ),
    Source.MANAGER: _query("manager", "m", "m.id, m.id, m.name, NULL, 'manager', NULL"),
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


def search(text: str, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    """Entries matching ``text``, newest first (profiles, which have no date, last)."""
    query = to_fts_query(text)
    if query is None:
        return []
    try:
        hits = _run(query, limit)
    except OperationalError:
        words = " ".join(f'"{word}"' for word in search_words(text))
        hits = _run(words, limit) if words else []
    hits.sort(key=lambda hit: hit.when or dt.datetime.min, reverse=True)
    return hits


def _run(query: str, limit: int) -> list[SearchHit]:
    hits = []
    for source, sql in _QUERIES.items():
        for row in database.execute_sql(sql, (query, limit)):
            item_id, manager_id, name, when, kind, touchpoint_id, snippet = row
            hits.append(
                SearchHit(
                    source=source,
                    id=item_id,
                    manager_id=manager_id,
                    manager_name=name,
                    when=_when(when),
                    label=_label(kind),
                    snippet=snippet,
                    touchpoint_id=touchpoint_id,
                )
            )
    return hits
