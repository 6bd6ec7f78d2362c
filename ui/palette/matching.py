"""How well a typed query matches a name: plain functions, so the ranking is tested on its own.

A palette is used by people who type the start of what they mean ("da" for Dana, "log" for Log
Touchpoint, "tc" for Team Cadence), so the score favours, in order: the whole text starting
with the query, every query word starting a word of the text, the query found inside a word,
and last the query's letters in order anywhere (a fuzzy match), which scores higher the more of
those letters start words; for a query of one or two letters, only as initials ("tc"). No match
is ``None``. Case and accents do not matter.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

PREFIX: Final = 400
WORD_STARTS: Final = 300
SUBSTRING: Final = 200
FUZZY: Final = 100
#: A query this short matches by its letters in order only when each letter starts a word.
SHORT: Final = 3

_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case without accents: "Zoë" and "zoe" match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _word_starts(text: str) -> list[int]:
    return [match.start() for match in _WORD.finditer(text)]


def _fuzzy(query: str, text: str, starts: set[int]) -> int | None:
    """Letters of ``query`` in order in ``text``, preferring word starts; bonus per start."""
    position, bonus = 0, 0
    for char in query:
        found = -1
        # A letter that starts a word is taken over an earlier one inside a word.
        for start in sorted(start for start in starts if start >= position):
            if text[start] == char:
                found = start
                break
        if found < 0:
            found = text.find(char, position)
        if found < 0:
            return None
        bonus += found in starts
        position = found + 1
    return bonus


def score(query: str, text: str) -> int | None:
    """How well ``query`` matches ``text`` (higher is better), or None; both any case."""
    wanted = fold(query).strip()
    if not wanted:
        return 0
    haystack = fold(text)
    if haystack.startswith(wanted):
        return PREFIX
    words = [haystack[start:] for start in _word_starts(haystack)]
    parts = wanted.split()
    if all(any(word.startswith(part) for word in words) for part in parts):
        return WORD_STARTS
    if wanted in haystack:
        return SUBSTRING
    compact = wanted.replace(" ", "")
    bonus = _fuzzy(compact, haystack, set(_word_starts(haystack)))
    if bonus is None:
        return None
    if len(compact) < SHORT and bonus < len(compact):
        return None  # two letters are found in order almost anywhere: only initials count
    return FUZZY + min(bonus * 10, 90)


def best(query: str, texts: list[str], penalties: list[int] | None = None) -> int | None:
    """The best score of ``query`` over several fields (a name, a team, a title), each less a
    penalty so that the main field wins a tie; None if no field matches."""
    found = None
    for position, text in enumerate(texts):
        if not text:
            continue
        value = score(query, text)
        if value is None:
            continue
        value -= penalties[position] if penalties else 0
        found = value if found is None else max(found, value)
    return found
