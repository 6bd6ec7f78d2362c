"""The sample team: a made-up but realistic journal, to try the app and to benchmark it.

``coachjournal demo`` writes it into a file of its own, never into the user's journal. The same
generator makes the "sample team" a busy executive looks at first and, scaled up (200 managers
over 10 years), the large journal the benchmarks run on, so it has to read like the real thing
and be fast:

* Everything is drawn from one ``random.Random(seed)``: a seed and a day give the same journal.
* The words live in ``resources/sample/*.json``. Notes are assembled from whole sentences whose
  placeholders (``{rep}``, ``{account}``...) are filled per passage, each value drawn only when a
  sentence asks for it: cheap, and it reads like notes rather than word salad.
* Every manager has a story: a cadence the executive mostly keeps, holidays, stretches where they
  were overlooked (a few are overlooked right now, so the app has someone overdue), a mood that
  drifts rather than jitters, development areas that improve slowly.
* Rows go in with multi-row INSERTs inside one transaction, under SQLite's limit on bound values.
  Ids are assigned here (after the highest ids already in the journal) so nothing is read back,
  and touchpoints get them in the order they happened, as a user would have written them:
  "newest first by rowid" holds in the sample as in a real journal.
* Stamps (``created_at``...) treat the executive's local time as UTC: close enough for made-up
  data, and the file comes out the same on every machine.
* The executive's weekly team meeting is logged once, with every manager who was there as its
  attendees (each active manager, now and then one away), as a user logs a huddle: not once per
  manager. Drawn from a generator of its own (``"{seed}-huddles"``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import math
import operator
import os
import random
import re
import string
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from peewee import OperationalError, fn

from coachjournal.coaching.catalogue import SKILLS
from coachjournal.coaching.team.plan import Goal, create_plan
from coachjournal.coaching.team.skills import ratings_as_of
from coachjournal.errors import CoachJournalError
from coachjournal.kinds import (
    ActionStatus,
    AssignmentStatus,
    GoalKind,
    Owner,
    Readiness,
    ResultPeriod,
    Rhythm,
    Risk,
    TouchpointKind,
    TraitKind,
)
from coachjournal.paths import private_folder, resource
from coachjournal.periods import MONTH_NAMES, WEEKDAY_NAMES, add_months, quarter_label
from coachjournal.storage import db, files
from coachjournal.storage.models import (
    ActionItem,
    Assignment,
    BaseModel,
    Cadence,
    Manager,
    Motivator,
    Result,
    TalentPlacement,
    TalentReview,
    Touchpoint,
    TouchpointAttendee,
    Trait,
    TraitEvidence,
    TraitRating,
    database,
)

DEFAULT_SEED = 2026

#: SQLite binds at most 32,766 values per statement; a multi-row INSERT stays below that.
_MAX_VARIABLES = 32_000

#: How often each kind of touchpoint happens, (ideal_days, max_days): what good practice looks
#: like. All but informal chats are written as the team's default cadence; informal chats have
#: a rhythm here but no cadence (:mod:`coachjournal.coaching.cadence` ignores one for them).
_TEAM_CADENCE: dict[TouchpointKind, tuple[int, int]] = {
    TouchpointKind.ONE_ON_ONE: (7, 14),
    TouchpointKind.FIELD_VISIT: (30, 60),
    TouchpointKind.CALL_REVIEW: (14, 28),
    TouchpointKind.CAREER: (90, 180),
    TouchpointKind.TEAM_MEETING: (7, 14),
    TouchpointKind.INFORMAL: (14, 60),
}

_DURATIONS: dict[TouchpointKind, tuple[int, ...]] = {
    TouchpointKind.ONE_ON_ONE: (30, 30, 45, 45, 45, 60, 60),
    TouchpointKind.FIELD_VISIT: tuple(range(120, 481, 30)),
    TouchpointKind.CALL_REVIEW: (20, 25, 30, 30, 35, 40, 45),
    TouchpointKind.CAREER: (45, 60, 60, 75, 90),
    TouchpointKind.TEAM_MEETING: (30, 45, 45, 60),
    TouchpointKind.INFORMAL: (5, 10, 10, 15, 20),
}

#: Earliest and latest start (minutes after midnight) and the granularity people book at.
_START_TIMES: dict[TouchpointKind, tuple[int, int, int]] = {
    TouchpointKind.ONE_ON_ONE: (8 * 60 + 30, 17 * 60, 15),
    TouchpointKind.FIELD_VISIT: (8 * 60, 10 * 60 + 30, 30),
    TouchpointKind.CALL_REVIEW: (9 * 60, 17 * 60, 15),
    TouchpointKind.CAREER: (10 * 60, 16 * 60, 30),
    TouchpointKind.TEAM_MEETING: (8 * 60 + 30, 16 * 60, 30),
    TouchpointKind.INFORMAL: (8 * 60, 18 * 60, 5),
}

#: Length of the notes in words: short for a chat in passing, long for a career conversation.
_NOTE_WORDS: dict[TouchpointKind, tuple[int, int]] = {
    TouchpointKind.ONE_ON_ONE: (120, 400),
    TouchpointKind.FIELD_VISIT: (100, 300),
    TouchpointKind.CALL_REVIEW: (100, 320),
    TouchpointKind.CAREER: (150, 400),
    TouchpointKind.TEAM_MEETING: (80, 220),
    TouchpointKind.INFORMAL: (80, 140),
}

#: How often the executive notes the manager's mood, per kind.
_MOOD_NOTED: dict[TouchpointKind, float] = {
    TouchpointKind.ONE_ON_ONE: 0.9,
    TouchpointKind.CAREER: 0.6,
    TouchpointKind.INFORMAL: 0.3,
}

#: Kinds that end with commitments (action items), and those that discuss growth assignments.
_ACTION_KINDS = frozenset({TouchpointKind.ONE_ON_ONE, TouchpointKind.FIELD_VISIT})
_ASSIGNMENT_KINDS = frozenset({TouchpointKind.ONE_ON_ONE, TouchpointKind.CAREER})
#: Kinds where a strength or development area shows, and the share of them linked to one.
_EVIDENCE_KINDS = frozenset(
    {TouchpointKind.ONE_ON_ONE, TouchpointKind.FIELD_VISIT, TouchpointKind.CALL_REVIEW}
)
_EVIDENCE_SHARE = 0.04


_RECENT, _ESTABLISHED, _VETERAN = "recent", "established", "veteran"
#: Seniority by place in the roster: half established, 30% veterans, 20% recently promoted.
_SENIORITY = (
    *(_ESTABLISHED, _VETERAN, _RECENT, _ESTABLISHED, _ESTABLISHED),
    *(_VETERAN, _ESTABLISHED, _RECENT, _ESTABLISHED, _VETERAN),
)


@dataclasses.dataclass(frozen=True, slots=True)
class SampleSummary:
    """What :func:`generate` wrote."""

    managers: int
    touchpoints: int
    action_items: int
    traits: int
    assignments: int


# --- Vocabulary -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class _Topic:
    """Something a touchpoint can be about: the sentences and headings that discuss it.

    A topic that ``leads`` a kind opens every note of that kind (a call review starts with the
    call), so the summary, taken from the first topic, names what the meeting was for.
    """

    kinds: frozenset[TouchpointKind]
    leads: frozenset[TouchpointKind]
    headings: tuple[str, ...]
    summaries: tuple[str, ...]
    lines: tuple[str, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class _Segment:
    name: str
    weight: int
    titles: tuple[str, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class _Region:
    name: str
    currency: str
    phone: str
    cities: tuple[str, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class _Skill:
    name: str
    strength: tuple[str, ...]
    development: tuple[str, ...]
    assignments: tuple[tuple[str, str], ...]


@dataclasses.dataclass(frozen=True, slots=True)
class _Motivator:
    name: str
    notes: tuple[str, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class _Vocabulary:
    """The contents of ``resources/sample``, checked and typed once."""

    name_groups: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    segments: tuple[_Segment, ...]
    regions: tuple[_Region, ...]
    accounts: tuple[str, ...]
    competitors: tuple[str, ...]
    products: tuple[str, ...]
    stages: tuple[str, ...]
    deal_sizes_k: tuple[int, ...]
    manager_notes: tuple[str, ...]
    topics: dict[TouchpointKind, tuple[_Topic, ...]]
    leads: dict[TouchpointKind, _Topic]
    openers: dict[TouchpointKind, tuple[str, ...]]
    assignment_checkins: tuple[str, ...]
    closers: tuple[str, ...]
    emoji: tuple[str, ...]
    actions: dict[Owner, tuple[str, ...]]
    visit_objectives: tuple[str, ...]
    visit_observations: tuple[str, ...]
    visit_debriefs: tuple[str, ...]
    aspirations: tuple[str, ...]
    skills: tuple[_Skill, ...]
    motivators: tuple[_Motivator, ...]
    rating_notes: dict[str, tuple[str, ...]]
    done_outcomes: dict[int, tuple[str, ...]]
    dropped_outcomes: tuple[str, ...]
    reflections: tuple[str, ...]

    def templates(self) -> list[str]:
        """Every text that may hold placeholders, so a test can check they all fill."""
        groups: list[Sequence[str]] = [
            self.manager_notes,
            self.assignment_checkins,
            self.closers,
            self.visit_objectives,
            self.visit_observations,
            self.visit_debriefs,
            self.aspirations,
            self.dropped_outcomes,
            self.reflections,
            *self.openers.values(),
            *self.actions.values(),
            *self.rating_notes.values(),
            *self.done_outcomes.values(),
        ]
        topics = [*self.leads.values(), *(t for ts in self.topics.values() for t in ts)]
        for topic in {id(topic): topic for topic in topics}.values():
            groups += [topic.headings, topic.summaries, topic.lines]
        groups += [[text for pair in skill.assignments for text in pair] for skill in self.skills]
        groups += [motivator.notes for motivator in self.motivators]
        return [text for group in groups for text in group]


def _load(name: str) -> dict[str, Any]:
    data = json.loads(resource("sample", name).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"resources/sample/{name} must hold a JSON object")
    return data


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ValueError(f"expected a non-empty list of strings, got {value!r:.80}")
    return tuple(value)


def _kinds(values: Any) -> frozenset[TouchpointKind]:
    return frozenset(TouchpointKind(value) for value in values)


def _topic(data: dict[str, Any]) -> _Topic:
    return _Topic(
        kinds=_kinds(data["kinds"]),
        leads=_kinds(data.get("leads", ())),
        headings=_texts(data["headings"]),
        summaries=_texts(data["summaries"]),
        lines=_texts(data["lines"]),
    )


def _skill(data: dict[str, Any]) -> _Skill:
    return _Skill(
        name=str(data["name"]),
        strength=_texts(data["strength"]),
        development=_texts(data["development"]),
        assignments=tuple((str(a["title"]), str(a["description"])) for a in data["assignments"]),
    )


@functools.cache
def _vocabulary() -> _Vocabulary:
    """Read the vocabulary once per process."""
    people, organisation = _load("people.json"), _load("organisation.json")
    coaching, development = _load("coaching.json"), _load("development.json")
    topics = [_topic(topic) for topic in coaching["topics"]]
    outcomes = development["outcomes"]
    return _Vocabulary(
        name_groups=tuple((_texts(g["first"]), _texts(g["last"])) for g in people["name_groups"]),
        segments=tuple(
            _Segment(str(s["name"]), int(s["weight"]), _texts(s["titles"]))
            for s in organisation["segments"]
        ),
        regions=tuple(
            _Region(str(r["name"]), str(r["currency"]), str(r["phone"]), _texts(r["cities"]))
            for r in organisation["regions"]
        ),
        accounts=_texts(organisation["accounts"]),
        competitors=_texts(organisation["competitors"]),
        products=_texts(organisation["products"]),
        stages=_texts(organisation["stages"]),
        deal_sizes_k=tuple(int(size) for size in organisation["deal_sizes_k"]),
        manager_notes=_texts(organisation["manager_notes"]),
        topics={
            kind: tuple(t for t in topics if kind in t.kinds and kind not in t.leads)
            for kind in TouchpointKind
        },
        leads={kind: topic for topic in topics for kind in topic.leads},
        openers={kind: _texts(coaching["openers"][kind.value]) for kind in TouchpointKind},
        assignment_checkins=_texts(coaching["assignment_checkins"]),
        closers=_texts(coaching["closers"]),
        emoji=_texts(coaching["emoji"]),
        actions={owner: _texts(coaching["actions"][owner.value]) for owner in Owner},
        visit_objectives=_texts(coaching["visits"]["objectives"]),
        visit_observations=_texts(coaching["visits"]["observations"]),
        visit_debriefs=_texts(coaching["visits"]["debriefs"]),
        aspirations=_texts(coaching["aspirations"]),
        skills=tuple(_skill(skill) for skill in development["skills"]),
        motivators=tuple(
            _Motivator(str(m["name"]), _texts(m["notes"])) for m in development["motivators"]
        ),
        rating_notes={key: _texts(notes) for key, notes in development["rating_notes"].items()},
        done_outcomes={int(key): _texts(texts) for key, texts in outcomes["done"].items()},
        dropped_outcomes=_texts(outcomes["dropped"]),
        reflections=_texts(outcomes["reflections"]),
    )


# --- Text -------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class _Team:
    """What notes about one manager talk about: their reps, their customers, their region."""

    rng: random.Random
    vocab: _Vocabulary
    first: str
    reps: tuple[str, ...]
    accounts: tuple[str, ...]
    region: _Region

    def draw(self, key: str, slots: _Slots) -> str:
        """A value for the placeholder ``key`` in a passage written on ``slots.day``."""
        rng, vocab = self.rng, self.vocab
        match key:
            case "first":
                return self.first
            case "rep":
                return rng.choice(self.reps)
            case "rep2":
                return _other(rng, self.reps, slots["rep"])
            case "account":
                return rng.choice(self.accounts)
            case "account2":
                return _other(rng, self.accounts, slots["account"])
            case "competitor":
                return rng.choice(vocab.competitors)
            case "product":
                return rng.choice(vocab.products)
            case "amount" | "amount2":
                return f"{self.region.currency}{rng.choice(vocab.deal_sizes_k)}k"
            case "pct":
                return str(rng.randint(55, 130))
            case "discount":
                return str(rng.choice((8, 10, 12, 15, 18, 20, 25)))
            case "n":
                return str(rng.randint(2, 5))
            case "team_size":
                return str(len(self.reps))
            case "days":
                return str(rng.randint(3, 45))
            case "quarter":
                return f"Q{((slots.day.month - 1) // 3 + rng.choice((0, 0, 1))) % 4 + 1}"
            case "stage":
                return rng.choice(vocab.stages)
            case "city":
                return rng.choice(self.region.cities)
            case "weekday":
                return rng.choice(WEEKDAY_NAMES[:5])
            case "month":
                return MONTH_NAMES[(slots.day.month + rng.randint(0, 2)) % 12]
        raise KeyError(key)


def _other(rng: random.Random, choices: Sequence[str], taken: str) -> str:
    """A choice different from ``taken`` when there is one."""
    pick = rng.choice(choices)
    while pick == taken and len(choices) > 1:
        pick = rng.choice(choices)
    return pick


class _Slots(dict[str, str]):
    """The placeholder values of one passage, each drawn the first time a sentence uses it.

    Sentences of one passage share the values, so they talk about the same rep and account.
    """

    def __init__(self, team: _Team, day: dt.date) -> None:
        super().__init__()
        self.team = team
        self.day = day

    def __missing__(self, key: str) -> str:
        value = self.team.draw(key, self)
        self[key] = value
        return value


class _Text(NamedTuple):
    """The written parts of one touchpoint, and the values its first passage used."""

    summary: str
    notes: str
    slots: _Slots


def _section(team: _Team, topic: _Topic, slots: _Slots, first: bool) -> str:
    """One passage of notes: a few sentences on a topic, as a list or a paragraph, under a
    heading (only the first passage may do without one, or it would run into the one above)."""
    rng = team.rng
    picked = rng.sample(topic.lines, min(len(topic.lines), rng.randint(2, 5)))
    lines = [line.format_map(slots) for line in picked]
    if rng.random() < 0.06:
        lines[-1] += " " + rng.choice(team.vocab.emoji)
    body = "\n".join(f"- {line}" for line in lines) if rng.random() < 0.45 else " ".join(lines)
    style = rng.random()
    if first and style < 0.3:
        return body
    heading = rng.choice(topic.headings).format_map(slots)
    return f"**{heading}**\n\n{body}" if style > 0.8 else f"## {heading}\n\n{body}"


def _text(team: _Team, kind: TouchpointKind, day: dt.date, assignment: str | None) -> _Text:
    """A one-line summary and Markdown notes of a realistic length for the kind."""
    rng, vocab = team.rng, team.vocab
    low, high = _NOTE_WORDS[kind]
    target = rng.triangular(low, high, low + (high - low) / 4)
    topics = rng.sample(vocab.topics[kind], min(len(vocab.topics[kind]), 7))
    if kind in vocab.leads:
        topics.insert(0, vocab.leads[kind])
    slots = _Slots(team, day)
    parts: list[str] = []
    if rng.random() < 0.5:
        parts.append(rng.choice(vocab.openers[kind]).format_map(slots))
    if assignment is not None:
        checkin = rng.choice(vocab.assignment_checkins).format_map(slots)
        parts.append(f"## Assignment: {assignment}\n\n{checkin}")
    words = sum(part.count(" ") + 1 for part in parts)
    covered: list[tuple[_Topic, _Slots]] = []
    for topic in topics:
        if words >= target:
            break
        passage = _Slots(team, day) if covered else slots
        section = _section(team, topic, passage, first=not parts)
        size = section.count(" ") + 1
        if not covered or words + size <= high:
            parts.append(section)
            covered.append((topic, passage))
            words += size
    if words < high - 20 and rng.random() < 0.3:
        parts.append(rng.choice(vocab.closers).format_map(slots))
    summary = rng.choice(topics[0].summaries).format_map(slots)
    if len(covered) > 1 and rng.random() < 0.35:
        topic, passage = covered[1]
        summary += "; " + rng.choice(topic.summaries).format_map(passage)
    return _Text(summary[:1].upper() + summary[1:], "\n\n".join(parts), slots)


def _sentences(rng: random.Random, templates: Sequence[str], slots: _Slots, most: int) -> str:
    picked = rng.sample(templates, min(len(templates), rng.randint(1, most)))
    return " ".join(line.format_map(slots) for line in picked)


# --- Calendar ---------------------------------------------------------------------------------


def _weekday(ordinal: int) -> int:
    """Monday is 0, as in :meth:`datetime.date.weekday` (day 1 of year 1 was a Monday)."""
    return (ordinal - 1) % 7


def _days(start: dt.date, length: int) -> range:
    first = start.toordinal()
    return range(first, first + length)


def _monday_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=-day.weekday() % 7)


def _closed_days(rng: random.Random, first: dt.date, last: dt.date) -> frozenset[int]:
    """The executive's own time off: the year-end break, a spring week, two summer weeks."""
    closed: set[int] = set()
    for year in range(first.year - 1, last.year + 1):
        closed.update(_days(dt.date(year, 12, 24), 9))
        spring = _monday_after(dt.date(year, 3, 20) + dt.timedelta(days=rng.randint(0, 30)))
        closed.update(_days(spring, 5))
        summer = _monday_after(dt.date(year, 7, 10) + dt.timedelta(days=rng.randint(0, 40)))
        closed.update(_days(summer, 12))
    return frozenset(closed)


def _at(day: int | dt.date, minute: int) -> dt.datetime:
    """The moment ``minute`` minutes after the start of ``day`` (a date or an ordinal)."""
    date = day if isinstance(day, dt.date) else dt.date.fromordinal(day)
    return dt.datetime(date.year, date.month, date.day, minute // 60, minute % 60)


def _between(rng: random.Random, low: dt.date, high: dt.date) -> dt.date:
    """A day from ``low`` to ``high``, both included (``low`` if the range is empty)."""
    return low + dt.timedelta(days=rng.randint(0, max(0, (high - low).days)))


def _office_hours(rng: random.Random, day: dt.date) -> dt.datetime:
    return _at(day, rng.randint(8 * 60 + 30, 18 * 60))


# --- The managers -----------------------------------------------------------------------------


@dataclasses.dataclass(slots=True)
class _Window:
    """A growth assignment under way, which 1:1s may discuss (and link to)."""

    id: int
    title: str
    first: int
    last: int


@dataclasses.dataclass(slots=True)
class _Plan:
    """One sample manager: who they are and the shape of their coaching history."""

    id: int
    name: str
    title: str
    team_name: str
    email: str
    phone: str
    since: dt.date
    promoted_from_sales: bool
    note: str
    start: dt.date
    end: dt.date
    archived: bool
    neglected: bool
    text: _Team
    cadence: dict[TouchpointKind, tuple[int, int]]
    overrides: dict[TouchpointKind, tuple[int, int]]
    usual: dict[TouchpointKind, tuple[int, int]]
    attention: float
    mood: float
    blackout: set[int] = dataclasses.field(default_factory=set)
    rough: range = range(0)
    windows: list[_Window] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(slots=True)
class _Roster:
    """What planning the managers one by one shares: the period, who left, who is overlooked."""

    today: dt.date
    years: float
    archived: set[int]
    neglected: set[int]
    leaders: frozenset[str]
    seen: set[str] = dataclasses.field(default_factory=set)

    @property
    def yesterday(self) -> dt.date:
        return self.today - dt.timedelta(days=1)

    @property
    def first_day(self) -> dt.date:
        return self.today - dt.timedelta(days=round(self.years * 365.25))


_ASCII_FOLD = str.maketrans({"ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "ı": "i", "đ": "d"})


def _email(*parts: str) -> str:
    """``first.last@example.com``, accents folded away (José Núñez: jose.nunez)."""
    folded = unicodedata.normalize("NFKD", " ".join(parts).lower().translate(_ASCII_FOLD))
    words = (re.sub(r"[^a-z0-9-]", "", word) for word in folded.split(" "))
    return ".".join(word for word in words if word) + "@example.com"


def _name(rng: random.Random, vocab: _Vocabulary, taken: set[str]) -> tuple[str, str, str, str]:
    """A name no one in the journal has yet: (name, first, middle, last).

    A clash is drawn again; a run of them (a very large team) brings in a middle initial, and in
    the end a number, which never runs out.
    """
    attempt = 0
    while True:
        first_names, last_names = rng.choice(vocab.name_groups)
        first, last = rng.choice(first_names), rng.choice(last_names)
        if attempt < 100:
            middle = f"{rng.choice(string.ascii_uppercase)}." if attempt >= 10 else ""
            name = " ".join(part for part in (first, middle, last) if part)
        else:
            middle = str(attempt)
            name = f"{first} {last} ({middle})"
        if name.casefold() not in taken:
            taken.add(name.casefold())
            return name, first, middle, last
        attempt += 1


def _since(rng: random.Random, seniority: str, years: float, today: dt.date) -> dt.date:
    """When they became a manager: recently, during the journal's span, or long before it."""
    if seniority == _RECENT:
        days = rng.randint(60, 540)
    elif seniority == _ESTABLISHED:
        days = rng.randint(max(550, round(years * 110)), max(6 * 365, round(years * 365)))
    else:
        days = round(max(years, 6.0) * 365) + rng.randint(30, 8 * 365)
    return today - dt.timedelta(days=days)


def _overrides(
    rng: random.Random, seniority: str, segment: str, first_of_kind: bool
) -> dict[TouchpointKind, tuple[int, int]]:
    """A few managers get their own cadence: veterans need less, new managers more. The first
    of each always does, so even the small sample shows one."""
    overrides: dict[TouchpointKind, tuple[int, int]] = {}
    if seniority == _VETERAN and (first_of_kind or rng.random() < 0.3):
        overrides[TouchpointKind.ONE_ON_ONE] = (14, 21)
    if seniority == _RECENT and (first_of_kind or rng.random() < 0.3):
        overrides[TouchpointKind.CALL_REVIEW] = (7, 14)
    if segment in {"Enterprise", "Strategic Accounts"} and rng.random() < 0.2:
        overrides[TouchpointKind.FIELD_VISIT] = (21, 45)
    return overrides


def _usual_slots(rng: random.Random) -> dict[TouchpointKind, tuple[int, int]]:
    """The standing weekday and start of the weekly meetings (people keep a rhythm)."""
    return {
        TouchpointKind.ONE_ON_ONE: (rng.randint(0, 4), rng.choice((510, 540, 600, 660, 840, 960))),
        TouchpointKind.TEAM_MEETING: (rng.choice((0, 0, 1, 4)), rng.choice((540, 570, 600))),
    }


def _blackout(rng: random.Random, plan: _Plan) -> set[int]:
    """Days without contact: their holidays, stretches where they were overlooked, and, for a
    few, the last weeks, so the sample opens with someone overdue."""
    days: set[int] = set()
    for year in range(plan.start.year, plan.end.year + 1):
        summer = dt.date(year, 6, 1) + dt.timedelta(days=rng.randint(0, 100))
        days.update(_days(summer, rng.choice((7, 10, 14))))
        if rng.random() < 0.5:
            days.update(_days(dt.date(year, 1, 10) + dt.timedelta(days=rng.randint(0, 330)), 7))
    span = (plan.end - plan.start).days
    for _ in range(int(span / 365 * 0.5 + rng.random())):
        days.update(_days(_between(rng, plan.start, plan.end), rng.randint(21, 49)))
    if plan.neglected:
        days.update(_days(plan.end - dt.timedelta(days=rng.randint(22, 45)), 60))
    return days


def _team(
    rng: random.Random, vocab: _Vocabulary, first: str, region: _Region, leaders: frozenset[str]
) -> _Team:
    """A manager's reps (never called like one of the managers, to keep notes unambiguous)."""
    reps = [name for group in vocab.name_groups for name in group[0] if name not in leaders]
    return _Team(
        rng=rng,
        vocab=vocab,
        first=first,
        reps=tuple(rng.sample(reps, rng.randint(4, 9))),
        accounts=tuple(rng.sample(vocab.accounts, rng.randint(6, 12))),
        region=region,
    )


def _plan(
    rng: random.Random,
    vocab: _Vocabulary,
    manager_id: int,
    person: tuple[str, str, str, str],
    seniority: str,
    roster: _Roster,
) -> _Plan:
    name, first, middle, last = person
    segment = rng.choices(vocab.segments, weights=[s.weight for s in vocab.segments])[0]
    region = rng.choice(vocab.regions)
    since = _since(rng, seniority, roster.years, roster.today)
    start = min(max(roster.first_day, since + dt.timedelta(days=7)), roster.yesterday)
    end = roster.yesterday
    archived = manager_id in roster.archived
    if archived:
        left = roster.today - dt.timedelta(days=rng.randint(20, 300))
        end = max(start, min(end, left))
    team = _team(rng, vocab, first, region, roster.leaders)
    overrides = _overrides(rng, seniority, segment.name, seniority not in roster.seen)
    roster.seen.add(seniority)
    plan = _Plan(
        id=manager_id,
        name=name,
        title=rng.choice(segment.titles),
        team_name=f"{segment.name} {region.name}",
        email=_email(first, middle, last),
        phone="".join(str(rng.randrange(10)) if c == "#" else c for c in region.phone),
        since=since,
        promoted_from_sales=rng.random() < 0.8,
        note=rng.choice(vocab.manager_notes).format_map(_Slots(team, roster.today)),
        start=start,
        end=end,
        archived=archived,
        neglected=manager_id in roster.neglected,
        text=team,
        cadence={**_TEAM_CADENCE, **overrides},
        overrides=overrides,
        usual=_usual_slots(rng),
        attention=rng.uniform(0.9, 1.15),
        mood=rng.uniform(3.0, 4.3),
    )
    plan.blackout = _blackout(rng, plan)
    if rng.random() < min(1.0, (end - start).days / 365 * 0.4):
        rough_start = _between(rng, start, end).toordinal()
        plan.rough = range(rough_start, rough_start + rng.randint(40, 100))
    return plan


def _plan_team(
    rng: random.Random, count: int, years: float, today: dt.date, first_id: int
) -> list[_Plan]:
    """The roster: about 3% have left (one of the default eight), 10% are overlooked lately."""
    ids = list(range(first_id, first_id + count))
    archived = set(rng.sample(ids, 0 if count < 4 else max(1, round(count * 0.03))))
    present = [manager_id for manager_id in ids if manager_id not in archived]
    neglected = set(rng.sample(present, 0 if count < 3 else max(1, round(len(present) * 0.1))))
    taken = {str(name).casefold() for name in Manager.select(Manager.name).scalars()}
    vocab = _vocabulary()
    people = [_name(rng, vocab, taken) for _ in ids]
    leaders = frozenset(first for _, first, _, _ in people)
    roster = _Roster(today, years, archived, neglected, leaders)
    return [
        _plan(rng, vocab, manager_id, person, _SENIORITY[index % len(_SENIORITY)], roster)
        for index, (manager_id, person) in enumerate(zip(ids, people, strict=True))
    ]


def _manager_rows(
    rng: random.Random, plans: Sequence[_Plan], latest: dt.datetime
) -> list[tuple[Any, ...]]:
    rows = []
    for plan in plans:
        created = min(_office_hours(rng, plan.start - dt.timedelta(days=rng.randint(0, 5))), latest)
        updated = created + (latest - created) * rng.random()
        if plan.archived:
            updated = _office_hours(rng, plan.end + dt.timedelta(days=rng.randint(1, 10)))
        updated = min(max(created, updated), latest).replace(second=0, microsecond=0)
        rows.append(
            (
                *(plan.id, plan.name, plan.title, plan.team_name, plan.email, plan.phone),
                *(plan.since, plan.promoted_from_sales, plan.note, plan.archived),
                *(created, updated),
            )
        )
    return rows


def _cadence_rows(plans: Sequence[_Plan]) -> list[tuple[Any, ...]]:
    return [
        (plan.id, kind.value, ideal, most)
        for plan in plans
        for kind, (ideal, most) in plan.overrides.items()
    ]


# --- Development: traits, motivators, assignments ---------------------------------------------


@dataclasses.dataclass(slots=True)
class _Rows:
    """Development rows waiting to be inserted, and the next free ids others point to."""

    next_trait: int
    next_assignment: int
    traits: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)
    ratings: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)
    motivators: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)
    assignments: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)


def _ratings(
    rng: random.Random, kind: TraitKind, first: dt.date, last: dt.date
) -> list[tuple[dt.date, int]]:
    """A few ratings over the period: strengths hold or grow, development areas climb slowly."""
    span = (last - first).days
    count = min(span + 1, max(2, min(8, 2 + span // 120)))
    offsets = [0, *sorted(rng.sample(range(1, span + 1), count - 1))]
    if kind is TraitKind.STRENGTH:
        low = rng.choice((3, 4, 4))
        high = min(5, low + rng.choice((0, 0, 1)))
    else:
        low = rng.choice((1, 2, 2, 3))
        high = min(4, low + round(span / 365 * rng.uniform(0.3, 0.9)))
    history = []
    for index, offset in enumerate(offsets):
        trend = low + (high - low) * index / max(1, count - 1)
        rating = min(5, max(1, round(trend + rng.gauss(0, 0.3))))
        history.append((first + dt.timedelta(days=offset), rating))
    return history


def _rating_note(rng: random.Random, notes: dict[str, tuple[str, ...]], change: int | None) -> str:
    """Now and then a word on the rating, fitting how it moved."""
    if rng.random() < 0.6:
        return ""
    key = "first" if change is None else "up" if change > 0 else "down" if change < 0 else "same"
    return rng.choice(notes[key])


def _target(
    rng: random.Random, kind: TraitKind, current: int, end: dt.date
) -> tuple[int | None, dt.date | None]:
    """Most development areas have a target (a few of them missed); a few strengths do too."""
    if kind is TraitKind.DEVELOPMENT and rng.random() < 0.65:
        return min(5, max(current + 1, 3)), end + dt.timedelta(days=rng.randint(-45, 240))
    if kind is TraitKind.STRENGTH and current < 5 and rng.random() < 0.12:
        return 5, end + dt.timedelta(days=rng.randint(60, 365))
    return None, None


def _traits(rng: random.Random, plan: _Plan, rows: _Rows) -> dict[str, int]:
    """Strengths and development areas with their rating history; returns the development
    areas' trait ids by skill, for the assignments that work on them."""
    vocab = plan.text.vocab
    strengths, developments = rng.randint(2, 4), rng.randint(2, 4)
    growing: dict[str, int] = {}
    for index, skill in enumerate(rng.sample(vocab.skills, strengths + developments)):
        kind = TraitKind.STRENGTH if index < strengths else TraitKind.DEVELOPMENT
        details = skill.strength if kind is TraitKind.STRENGTH else skill.development
        trait_id = rows.next_trait
        rows.next_trait += 1
        noticed = _between(rng, plan.start, min(plan.end, plan.start + dt.timedelta(days=45)))
        history = _ratings(rng, kind, noticed, plan.end)
        target, target_date = _target(rng, kind, history[-1][1], plan.end)
        position = index if kind is TraitKind.STRENGTH else index - strengths
        created = _office_hours(rng, noticed)
        rows.traits.append(
            (
                *(trait_id, plan.id, kind.value, skill.name, rng.choice(details)),
                *(target, target_date, position),
                *(created, max(created, _office_hours(rng, history[-1][0]))),
            )
        )
        previous: int | None = None
        for rated_on, rating in history:
            change = None if previous is None else rating - previous
            note = _rating_note(rng, vocab.rating_notes, change)
            rows.ratings.append((trait_id, rating, rated_on, note))
            previous = rating
        if kind is TraitKind.DEVELOPMENT:
            growing[skill.name] = trait_id
    return growing


def _motivators(rng: random.Random, plan: _Plan, rows: _Rows) -> None:
    """3-5 ranked motivators; some confirmed long ago, so the app can call them stale."""
    vocab = plan.text.vocab
    for rank, motivator in enumerate(rng.sample(vocab.motivators, rng.randint(3, 5)), start=1):
        roll = rng.random()
        confirmed: dt.date | None = None
        if roll < 0.55:
            confirmed = max(plan.start, plan.end - dt.timedelta(days=rng.randint(3, 170)))
        elif roll < 0.9:
            confirmed = max(plan.start, plan.end - dt.timedelta(days=rng.randint(190, 720)))
        noted = _between(rng, plan.start, confirmed or plan.end)
        note = rng.choice(motivator.notes).format_map(_Slots(plan.text, noted))
        created = _office_hours(rng, noted)
        rows.motivators.append((plan.id, motivator.name, rank, note, confirmed, created))


def _assignment_dates(
    rng: random.Random, plan: _Plan, today: dt.date
) -> list[tuple[dt.date, dt.date]]:
    """(assigned_on, due_on) of one or two assignments a year; an overlooked manager's latest
    one has stalled past its due date."""
    span = (plan.end - plan.start).days
    count = max(1, min(30, round(span / 365 * rng.uniform(1.0, 2.0))))
    dates = []
    for offset in sorted(rng.randint(min(14, span), span) for _ in range(count)):
        assigned = plan.start + dt.timedelta(days=offset)
        dates.append((assigned, assigned + dt.timedelta(days=rng.randint(30, 120))))
    stalled = today - dt.timedelta(days=rng.randint(60, 110))
    if plan.neglected and stalled >= plan.start:
        dates[-1] = (stalled, today - dt.timedelta(days=rng.randint(5, 25)))
    return dates


def _assignment_status(
    rng: random.Random, plan: _Plan, assigned: dt.date, due: dt.date, today: dt.date
) -> tuple[AssignmentStatus, dt.date | None]:
    """A status that fits the dates: old ones done or dropped, recent ones planned or active,
    some active ones late; whatever was unfinished when a manager left was dropped."""
    finished = due <= plan.end if plan.archived else due < today
    if not plan.archived and (today - assigned).days <= 21 and rng.random() < 0.5:
        return AssignmentStatus.PLANNED, None
    if not plan.archived and (due >= today or ((today - due).days <= 60 and rng.random() < 0.5)):
        return AssignmentStatus.ACTIVE, None
    if finished and rng.random() < 0.8:
        completed = due + dt.timedelta(days=rng.randint(-25, 10))
        completed = min(max(completed, assigned + dt.timedelta(days=7)), plan.end)
        return AssignmentStatus.DONE, max(completed, assigned)
    return AssignmentStatus.DROPPED, None


def _growth_topics(
    rng: random.Random, skills: Sequence[_Skill], growing: dict[str, int], count: int
) -> list[tuple[_Skill, tuple[str, str]]]:
    """What each assignment works on: mostly a development area, and never the same assignment
    twice while there are others."""
    options = [(skill, template) for skill in skills for template in skill.assignments]
    picks: list[tuple[_Skill, tuple[str, str]]] = []
    for _ in range(count):
        unused = [option for option in options if option not in picks] or options
        preferred = [option for option in unused if option[0].name in growing]
        picks.append(rng.choice(preferred if preferred and rng.random() < 0.75 else unused))
    return picks


def _assignment(
    rng: random.Random,
    plan: _Plan,
    topic: tuple[_Skill, tuple[str, str]],
    dates: tuple[dt.date, dt.date],
    status: tuple[AssignmentStatus, dt.date | None],
) -> tuple[str, tuple[Any, ...]]:
    """One assignment's title and its row's values from ``skill`` on: what, when, how it went."""
    vocab = plan.text.vocab
    (skill, template), (assigned, due), (state, completed) = topic, dates, status
    slots = _Slots(plan.text, assigned)
    title, description = (text.format_map(slots) for text in template)
    outcome, rating, reflection, changed = "", None, "", assigned
    if state is AssignmentStatus.DONE and completed is not None:
        rating = rng.choice((2, 3, 3, 4, 4, 4, 5, 5))
        outcome = rng.choice(vocab.done_outcomes[rating]).format_map(slots)
        if rng.random() < 0.5:
            reflection = rng.choice(vocab.reflections).format_map(slots)
        changed = completed
    elif state is AssignmentStatus.DROPPED:
        outcome = rng.choice(vocab.dropped_outcomes).format_map(slots)
        changed = max(assigned, min(due, plan.end))
    created = _office_hours(rng, assigned)
    updated = max(created, _office_hours(rng, changed))
    return title, (
        *(skill.name, description, assigned, due, completed, state.value),
        *(outcome, rating, reflection, created, updated),
    )


def _assignments(
    rng: random.Random, plan: _Plan, growing: dict[str, int], rows: _Rows, today: dt.date
) -> None:
    """Growth assignments, linked to the development area they work on; those under way or
    done become windows that 1:1s discuss."""
    dates = _assignment_dates(rng, plan, today)
    topics = _growth_topics(rng, plan.text.vocab.skills, growing, len(dates))
    for number, ((assigned, due), topic) in enumerate(zip(dates, topics, strict=True)):
        if plan.neglected and number == len(dates) - 1 and due < today:
            status: tuple[AssignmentStatus, dt.date | None] = (AssignmentStatus.ACTIVE, None)
        else:
            status = _assignment_status(rng, plan, assigned, due, today)
        assignment_id = rows.next_assignment
        rows.next_assignment += 1
        title, values = _assignment(rng, plan, topic, (assigned, due), status)
        trait_id = growing.get(topic[0].name)
        rows.assignments.append((assignment_id, plan.id, trait_id, title, *values))
        if status[0] in {AssignmentStatus.ACTIVE, AssignmentStatus.DONE}:
            last = (status[1] or plan.end).toordinal()
            plan.windows.append(_Window(assignment_id, title, assigned.toordinal(), last))


# --- Touchpoints and action items -------------------------------------------------------------


class _Meeting(NamedTuple):
    """A touchpoint as scheduled, before its text is written."""

    occurred_at: dt.datetime
    plan: int
    kind: TouchpointKind
    duration: int
    mood: int | None
    window: _Window | None
    deleted: bool
    #: The other managers (plan indexes) who were there: a team meeting's attendees.
    others: tuple[int, ...] = ()


#: A huddle's regular start (Monday 08:30) and how often it is skipped or a manager misses it.
_HUDDLE_MINUTE = 8 * 60 + 30
_HUDDLE_SKIPPED = 0.1
_HUDDLE_MISSED = 0.08


def _huddles(seed: int, plans: Sequence[_Plan], closed: frozenset[int]) -> list[_Meeting]:
    """The executive's weekly team meetings, each once with the managers who were there (those
    on the team that day and not away), the first of them as its manager."""
    rng = random.Random(f"{seed}-huddles")
    first = _monday_after(min(plan.start for plan in plans))
    last = max(plan.end for plan in plans)
    huddles = []
    for day in range(first.toordinal(), last.toordinal() + 1, 7):
        if day in closed or rng.random() < _HUDDLE_SKIPPED:
            continue
        date = dt.date.fromordinal(day)
        there = [
            index
            for index, plan in enumerate(plans)
            if plan.start <= date <= plan.end
            and day not in plan.blackout
            and rng.random() >= _HUDDLE_MISSED
        ]
        if not there:
            continue
        duration = rng.choice(_DURATIONS[TouchpointKind.TEAM_MEETING])
        deleted = rng.random() < 0.01
        huddles.append(
            _Meeting(
                _at(day, _HUDDLE_MINUTE),
                there[0],
                TouchpointKind.TEAM_MEETING,
                duration,
                None,
                None,
                deleted,
                tuple(there[1:]),
            )
        )
    return huddles


def _meeting_days(
    rng: random.Random, plan: _Plan, kind: TouchpointKind, closed: frozenset[int]
) -> list[int]:
    """The days (ordinals) of one kind of touchpoint: the cadence kept more or less, on working
    days, on the usual weekday when there is one, skipped when either of them is away."""
    ideal, most = plan.cadence[kind]
    first, last = plan.start.toordinal(), plan.end.toordinal()
    usual = plan.usual.get(kind)
    days: list[int] = []
    day = first + rng.randrange(ideal)
    while day <= last:
        actual = day
        if usual is not None and rng.random() < 0.8:
            actual += (usual[0] - _weekday(actual) + 3) % 7 - 3
        if _weekday(actual) >= 5:
            actual += 7 - _weekday(actual)
        if (
            first <= actual <= last
            and (not days or actual > days[-1])
            and actual not in closed
            and actual not in plan.blackout
        ):
            days.append(actual)
        gap = ideal + (most - ideal) * rng.random() ** 1.7
        day += max(1, round(gap * plan.attention))
    return days


def _start_minute(rng: random.Random, plan: _Plan, kind: TouchpointKind) -> int:
    usual = plan.usual.get(kind)
    if usual is not None and rng.random() < 0.75:
        return usual[1]
    low, high, step = _START_TIMES[kind]
    return low + step * rng.randint(0, (high - low) // step)


def _meetings(
    rng: random.Random, index: int, plan: _Plan, closed: frozenset[int]
) -> list[_Meeting]:
    """A manager's touchpoints in order, never overlapping, with their mood as it drifted
    (lower in a rough patch and while overlooked) and, now and then, the assignment under way."""
    booked = sorted(
        (day, _start_minute(rng, plan, kind), kind)
        for kind in plan.cadence
        for day in _meeting_days(rng, plan, kind, closed)
    )
    overlooked_from = plan.end.toordinal() - 60 if plan.neglected else plan.end.toordinal() + 1
    latent = plan.mood
    busy_day, busy_until = 0, 0
    meetings = []
    for day, booked_minute, kind in booked:
        minute = (
            busy_until + 15 if day == busy_day and booked_minute < busy_until else booked_minute
        )
        duration = rng.choice(_DURATIONS[kind])
        busy_day, busy_until = day, minute + duration
        target = plan.mood - 1.3 * (day in plan.rough) - 0.8 * (day >= overlooked_from)
        latent += 0.08 * (target - latent) + rng.gauss(0, 0.15)
        mood = None
        if rng.random() < _MOOD_NOTED.get(kind, 0.0):
            mood = min(5, max(1, round(latent + rng.gauss(0, 0.25))))
        window = None
        if kind in _ASSIGNMENT_KINDS and rng.random() < 0.3:
            window = next((w for w in plan.windows if w.first <= day <= w.last), None)
        deleted = rng.random() < 0.01
        meetings.append(_Meeting(_at(day, minute), index, kind, duration, mood, window, deleted))
    return meetings


def _touchpoint(
    rng: random.Random, touchpoint_id: int, plan: _Plan, meeting: _Meeting, latest: dt.datetime
) -> tuple[tuple[Any, ...], _Slots, dt.datetime]:
    """The touchpoint's row, the values its text used (for its action items), its creation."""
    day = meeting.occurred_at.date()
    window = meeting.window
    text = _text(plan.text, meeting.kind, day, window.title if window else None)
    slots, vocab = text.slots, plan.text.vocab
    account = objective = observations = debrief = aspiration = ""
    if meeting.kind is TouchpointKind.FIELD_VISIT:
        account = slots["account"]
        objective = rng.choice(vocab.visit_objectives).format_map(slots)
        observations = _sentences(rng, vocab.visit_observations, slots, 4)
        debrief = _sentences(rng, vocab.visit_debriefs, slots, 3)
    elif meeting.kind is TouchpointKind.CAREER:
        aspiration = rng.choice(vocab.aspirations).format_map(slots)
    ended = meeting.occurred_at + dt.timedelta(minutes=meeting.duration)
    created = min(ended + dt.timedelta(minutes=rng.randint(5, 90)), _at(day, 23 * 60 + 59))
    updated = created
    if rng.random() < 0.1:
        updated = min(created + dt.timedelta(hours=rng.randint(1, 72)), latest)
    deleted = None
    if meeting.deleted:
        deleted = min(updated + dt.timedelta(hours=rng.randint(1, 14 * 24)), latest)
    row = (
        *(touchpoint_id, plan.id, meeting.occurred_at, meeting.kind.value, meeting.duration),
        *(text.summary, text.notes, meeting.mood, window.id if window else None),
        *(account, objective, observations, debrief, aspiration),
        *(deleted, created, updated),
    )
    return row, slots, created


def _closing(
    rng: random.Random, plan: _Plan, day: dt.date, due: dt.date | None, today: dt.date
) -> tuple[ActionStatus, dt.date | None]:
    """How a commitment ended: mostly around its due date, sometimes weeks late, now and then
    forgotten for months. One that would close after today is still open (and perhaps overdue);
    one still open when its manager left was dropped that day."""
    expected = due or day + dt.timedelta(days=rng.randint(5, 30))
    roll = rng.random()
    if roll < 0.9:
        late = rng.randint(-4, 4)
    elif roll < 0.99:
        late = rng.randint(10, 90)
    else:
        late = rng.randint(90, 400)
    closed = max(expected + dt.timedelta(days=late), day + dt.timedelta(days=1))
    limit = plan.end if plan.archived else today
    if closed > limit:
        if plan.archived:
            return ActionStatus.DROPPED, plan.end
        return ActionStatus.OPEN, None
    return (ActionStatus.DONE if rng.random() < 0.88 else ActionStatus.DROPPED), closed


def _actions(
    rng: random.Random,
    plan: _Plan,
    touchpoint_id: int,
    day: dt.date,
    slots: _Slots,
    created: dt.datetime,
    today: dt.date,
) -> list[tuple[Any, ...]]:
    """0-3 commitments from a meeting, about what it discussed, mostly with a due date."""
    vocab = plan.text.vocab
    rows = []
    for _ in range(rng.choices((0, 1, 2, 3), weights=(25, 40, 25, 10))[0]):
        owner = Owner.ME if rng.random() < 0.35 else Owner.THEM
        due = None
        if rng.random() < 0.85:
            due = day + dt.timedelta(days=rng.choice((2, 3, 5, 7, 7, 7, 10, 14, 14, 21, 30)))
        status, closed = _closing(rng, plan, day, due, today)
        text = rng.choice(vocab.actions[owner]).format_map(slots)
        rows.append((plan.id, touchpoint_id, text, owner.value, due, status.value, closed, created))
    return rows


def _write_touchpoints(
    rng: random.Random,
    plans: Sequence[_Plan],
    meetings: Sequence[_Meeting],
    first_id: int,
    today: dt.date,
) -> int:
    """Write the touchpoints in order, a statement's worth at a time (their text is most of the
    journal, so it is never all in memory), each batch followed by its action items."""
    size = _MAX_VARIABLES // len(_TOUCHPOINT_FIELDS)
    latest = _at(today, 0) - dt.timedelta(minutes=1)
    written = 0
    for start in range(0, len(meetings), size):
        touchpoints, actions, attendees = [], [], []
        for touchpoint_id, meeting in enumerate(meetings[start : start + size], first_id + start):
            plan = plans[meeting.plan]
            row, slots, created = _touchpoint(rng, touchpoint_id, plan, meeting, latest)
            touchpoints.append(row)
            for position, index in enumerate((meeting.plan, *meeting.others)):
                attendees.append((touchpoint_id, plans[index].id, "", position))
            if meeting.kind in _ACTION_KINDS:
                day = meeting.occurred_at.date()
                actions += _actions(rng, plan, touchpoint_id, day, slots, created, today)
        _insert(Touchpoint, _TOUCHPOINT_FIELDS, touchpoints)
        _insert(TouchpointAttendee, _ATTENDEE_FIELDS, attendees)
        _insert(ActionItem, _ACTION_FIELDS, actions)
        written += len(actions)
    return written


def _evidence(
    seed: int,
    plans: Sequence[_Plan],
    meetings: Sequence[_Meeting],
    traits: Sequence[tuple[Any, ...]],
    first_id: int,
) -> list[tuple[int, int]]:
    """(trait, touchpoint) links: now and then a one-on-one, visit or call review showed a skill
    the executive had noticed by then. Drawn from a generator of their own, so that adding them
    left every other row of a seed's journal as it was."""
    rng = random.Random(f"{seed}-evidence")
    noticed: dict[int, list[tuple[dt.date, int]]] = {}
    for row in traits:
        trait_id, manager_id, created = row[0], row[1], row[8]
        noticed.setdefault(manager_id, []).append((created.date(), trait_id))
    links = []
    for touchpoint_id, meeting in enumerate(meetings, first_id):
        if meeting.kind not in _EVIDENCE_KINDS or rng.random() >= _EVIDENCE_SHARE:
            continue
        day = meeting.occurred_at.date()
        known = [trait for since, trait in noticed.get(plans[meeting.plan].id, []) if since <= day]
        if known:
            links.append((rng.choice(known), touchpoint_id))
    return links


# --- Results ----------------------------------------------------------------------------------

#: How plans swing over a calendar year (quarter ends push, January and August are slow).
_SEASON = (0.85, 0.95, 1.1, 0.95, 1.0, 1.1, 0.9, 0.85, 1.1, 1.0, 1.05, 1.2)
#: Notes on a month, by how it went: a weak month, a strong one, any month.
_RESULT_NOTES = (
    (
        "{rep} on leave for two weeks",
        "New rep {rep} still ramping",
        "Big deal with {account} slipped to next month",
        "{rep} left; territory covered by the team",
    ),
    ("{account} renewal signed early", "Price rise pulled orders forward"),
    ("Ride-alongs focused on {rep}'s discovery calls", "Territory plans reviewed with each rep"),
)


def _months_from(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def _results(
    seed: int, plans: Sequence[_Plan], meetings: Sequence[_Meeting], today: dt.date
) -> list[tuple[Any, ...]]:
    """Monthly results for each manager up to last month, with a believable link to coaching:
    a manager who coaches their reps more, and who gets more of the executive's time, reaches
    more of their plan, give or take a lot of noise (territory, deals, the market). A new
    manager's first month has no plan; now and then a month is missing. Drawn from a generator
    of their own, so every other row of a seed's journal stays as it was."""
    rng = random.Random(f"{seed}-results")
    given: dict[tuple[int, dt.date], int] = {}
    for meeting in meetings:
        if not meeting.deleted:
            for index in (meeting.plan, *meeting.others):
                key = (index, meeting.occurred_at.date().replace(day=1))
                given[key] = given.get(key, 0) + 1
    usual = sum(given.values()) / max(1, len(given))
    this_month = today.replace(day=1)
    latest = _at(today, 0) - dt.timedelta(minutes=1)
    rows: list[tuple[Any, ...]] = []
    for index, plan in enumerate(plans):
        skill = min(5.0, max(0.8, rng.gauss(2.6, 0.7)))
        bias = rng.gauss(0, 0.05)
        quota = rng.randrange(60, 155, 5) * 1_000 * 100
        reps = len(plan.text.reps)
        first = max(plan.since, plan.start)
        for month in _months_from(first, min(plan.end, this_month - dt.timedelta(days=1))):
            if rng.random() < 0.03:
                continue
            if rng.random() < 0.04:
                reps = max(3, reps + rng.choice((-1, 1)))
            attention = given.get((index, month), 0) / usual - 1
            rough = (
                month.toordinal() in plan.rough
                or (month + dt.timedelta(days=20)).toordinal() in plan.rough
            )
            coaching = max(0.2, skill + 0.5 * attention - 0.6 * rough + rng.gauss(0, 0.35))
            plan_cents = int(round(reps * quota * _SEASON[month.month - 1], -5))
            reached = 0.7 + 0.09 * coaching + 0.2 * attention + bias - 0.15 * rough
            reached = min(1.8, max(0.25, reached + rng.gauss(0, 0.12)))
            new = month == plan.since.replace(day=1)
            note = ""
            if rng.random() < 0.08:
                weak_strong_any = 0 if reached < 0.85 else 1 if reached > 1.05 else 2
                note = rng.choice(_RESULT_NOTES[weak_strong_any]).format(
                    rep=rng.choice(plan.text.reps), account=rng.choice(plan.text.accounts)
                )
            stamp = min(dt.datetime.combine(month + dt.timedelta(days=33), dt.time(9)), latest)
            rows.append(
                (
                    plan.id,
                    ResultPeriod.MONTH.value,
                    month,
                    None if new else plan_cents,
                    int(round(plan_cents * reached, -2)),
                    reps,
                    round(coaching * reps * 0.7),
                    round(coaching * reps * 0.3),
                    rng.choice((2, 3, 4, 4, 4, 5)),
                    "First month as a manager: no plan yet" if new else note,
                    stamp,
                    stamp,
                )
            )
    return rows


# --- Writing ----------------------------------------------------------------------------------


def _fields(model: type[BaseModel], names: str) -> tuple[Any, ...]:
    """The model's fields, in the order the rows list their values."""
    return tuple(getattr(model, name) for name in names.split())


_MANAGER_FIELDS = _fields(
    Manager,
    "id name title team email phone manager_since promoted_from_sales notes archived "
    "created_at updated_at",
)
_CADENCE_FIELDS = _fields(Cadence, "manager kind ideal_days max_days")
_TRAIT_FIELDS = _fields(
    Trait,
    "id manager kind skill detail target_rating target_date position created_at updated_at",
)
_RATING_FIELDS = _fields(TraitRating, "trait rating rated_on note")
_MOTIVATOR_FIELDS = _fields(Motivator, "manager name rank note confirmed_on created_at")
_ASSIGNMENT_FIELDS = _fields(
    Assignment,
    "id manager trait title skill description assigned_on due_on completed_on status outcome "
    "outcome_rating reflection created_at updated_at",
)
_TOUCHPOINT_FIELDS = _fields(
    Touchpoint,
    "id manager occurred_at kind duration_minutes summary notes mood assignment account "
    "objective observations debrief aspiration deleted_at created_at updated_at",
)
_ATTENDEE_FIELDS = _fields(TouchpointAttendee, "touchpoint manager note position")
_ACTION_FIELDS = _fields(
    ActionItem, "manager touchpoint text owner due_on status closed_on created_at"
)
_EVIDENCE_FIELDS = _fields(TraitEvidence, "trait touchpoint")
_RESULT_FIELDS = _fields(
    Result,
    "manager period starts_on plan_cents actual_cents reps rep_one_on_ones joint_calls "
    "team_meetings note created_at updated_at",
)


def _insert(model: type[BaseModel], fields: Sequence[Any], rows: Sequence[tuple[Any, ...]]) -> None:
    """Multi-row INSERTs, each binding as many rows as SQLite allows."""
    size = _MAX_VARIABLES // len(fields)
    for start in range(0, len(rows), size):
        model.insert_many(rows[start : start + size], fields=list(fields)).execute()


def _next_id(model: type[BaseModel]) -> int:
    highest: int | None = model.select(fn.MAX(model._meta.primary_key)).scalar()
    return (highest or 0) + 1


def generate(
    *,
    managers: int = 8,
    years: float = 2.0,
    seed: int = DEFAULT_SEED,
    today: dt.date | None = None,
) -> SampleSummary:
    """Fill the journal bound to :data:`coachjournal.storage.models.database` with a sample team.

    The same ``seed`` and ``today`` give the same rows. Everything is written in one transaction:
    the journal gets the whole team or nothing. Rows already in the journal are kept; the team
    defaults of the cadence are set only where the journal has none.
    """
    if managers < 1:
        raise ValueError(f"a sample team needs at least one manager, not {managers}")
    if not years > 0:
        raise ValueError(f"a sample history must span some time, not {years} years")
    today = today or dt.date.today()
    rng = random.Random(seed)
    latest = _at(today, 0) - dt.timedelta(minutes=1)
    with database.atomic():
        plans = _plan_team(rng, managers, years, today, _next_id(Manager))
        _insert(Manager, _MANAGER_FIELDS, _manager_rows(rng, plans, latest))
        defaults = [
            (None, kind.value, *days)
            for kind, days in _TEAM_CADENCE.items()
            if kind is not TouchpointKind.INFORMAL
        ]
        Cadence.insert_many(defaults, fields=list(_CADENCE_FIELDS)).on_conflict_ignore().execute()
        _insert(Cadence, _CADENCE_FIELDS, _cadence_rows(plans))
        rows = _Rows(next_trait=_next_id(Trait), next_assignment=_next_id(Assignment))
        for plan in plans:
            growing = _traits(rng, plan, rows)
            _motivators(rng, plan, rows)
            _assignments(rng, plan, growing, rows, today)
        _insert(Trait, _TRAIT_FIELDS, rows.traits)
        _insert(TraitRating, _RATING_FIELDS, rows.ratings)
        _insert(Motivator, _MOTIVATOR_FIELDS, rows.motivators)
        _insert(Assignment, _ASSIGNMENT_FIELDS, rows.assignments)
        closed = _closed_days(rng, min(plan.start for plan in plans), today)
        meetings = sorted(
            (
                *(
                    meeting
                    for index, plan in enumerate(plans)
                    for meeting in _meetings(rng, index, plan, closed)
                    if meeting.kind is not TouchpointKind.TEAM_MEETING
                ),
                *_huddles(seed, plans, closed),
            ),
            key=operator.itemgetter(0, 1),
        )
        first_touchpoint = _next_id(Touchpoint)
        actions = _write_touchpoints(rng, plans, meetings, first_touchpoint, today)
        evidence = _evidence(seed, plans, meetings, rows.traits, first_touchpoint)
        _insert(TraitEvidence, _EVIDENCE_FIELDS, evidence)
        _insert(Result, _RESULT_FIELDS, _results(seed, plans, meetings, today))
        _talent_reviews(seed, plans, rows, today)
        _team_plan(today)
    return SampleSummary(
        managers=len(plans),
        touchpoints=len(meetings),
        action_items=actions,
        traits=len(rows.traits),
        assignments=len(rows.assignments),
    )


# --- Talent reviews ---------------------------------------------------------------------------

#: Why someone might leave, by their top motivator: the reason a review notes, tied to what
#: drives them (their motivators are shown beside it).
_RISK_REASONS = {
    "Career advancement": "No regional role opens before next year and moving up is what drives "
    "them; a competitor's recruiter has called twice.",
    "Money and incentives": "The new commission plan cut their accelerators, and pay is what "
    "drives them; asked twice how the bonus pool is set.",
    "Recognition": "The turnaround of their team went unmentioned at the kick-off; being seen "
    "is what drives them.",
    "Autonomy": "The new deal-desk approvals feel like being watched to someone who needs room "
    "to run their patch.",
    "Mastery and learning": "Says they have stopped learning in the role; asked about openings "
    "in enablement.",
    "Belonging and team": "Two of their closest peers left this year; the team they came for "
    "is not there any more.",
    "Competition and winning": "Their region's quota was raised out of reach; they want a race "
    "they can win.",
    "Purpose and customer impact": "Feels the push for volume pulls them away from the "
    "customers they care about.",
    "Security": "Worried by the reorganisation rumours; wants to know where their team stands.",
    "Flexibility": "The return-to-office rule cost them the school run; said so at the last "
    "one-on-one.",
}
_NOTES = {
    3: (
        "Carries the region's numbers and coaches the team well; ask them to mentor a peer.",
        "Consistent results, and the team's one-on-ones are happening every week.",
    ),
    2: (
        "Solid quarter; pipeline reviews are steady, forecasting still loose.",
        "Doing the job well; needs one stretch assignment to show more.",
    ),
    1: (
        "Behind plan two quarters running; the development plan is the priority.",
        "Struggling with the step from rep to manager; coaching weekly.",
    ),
}


def _skill_level(ratings: Sequence[tuple[int, dt.date, int]], day: dt.date) -> float | None:
    """The mean of each trait's latest rating on ``day`` (None if none was rated yet)."""
    latest: dict[int, int] = {}
    for trait_id, rated_on, rating in sorted(ratings, key=operator.itemgetter(1)):
        if rated_on <= day:
            latest[trait_id] = rating
    return sum(latest.values()) / len(latest) if latest else None


def _talent_reviews(seed: int, plans: Sequence[_Plan], rows: _Rows, today: dt.date) -> None:
    """Two quarterly reviews, two quarters apart: performance follows each manager's skill
    ratings at the time, potential is the executive's judgement. The manager whose ratings
    grew most moves up to the top box; a strong manager becomes a high risk of leaving for a
    reason tied to their top motivator. A generator of its own, so the rest of the sample
    stays as it was."""
    rng = random.Random(f"{seed}-talent")
    latest_day = today - dt.timedelta(days=14)
    earlier_day = add_months(latest_day, -6)
    present = [p for p in plans if not p.archived and p.start <= earlier_day]
    if not present:
        return
    trait_owner = {row[0]: row[1] for row in rows.traits}
    ratings: dict[int, list[tuple[int, dt.date, int]]] = {}
    for trait_id, rating, rated_on, _note in rows.ratings:
        ratings.setdefault(trait_owner[trait_id], []).append((trait_id, rated_on, rating))
    top_motivator = {row[0]: row[1] for row in rows.motivators if row[2] == 1}

    def level(plan: _Plan, day: dt.date) -> float:
        return _skill_level(ratings.get(plan.id, []), day) or 3.0

    # Performance is relative, as reviews grade it: the lowest fifth of the skill levels seen
    # at either review is low, the highest third high.
    seen = sorted(level(p, day) for p in present for day in (earlier_day, latest_day))
    low_cut, high_cut = seen[len(seen) // 5], seen[len(seen) * 2 // 3]

    def performance(plan: _Plan, day: dt.date) -> int:
        value = level(plan, day)
        return 3 if value > high_cut else 1 if value <= low_cut else 2

    before = {p.id: performance(p, earlier_day) for p in present}
    after = {p.id: performance(p, latest_day) for p in present}
    potential = {p.id: rng.choices((1, 2, 3), weights=(1, 2, 1))[0] for p in present}
    grew = max(
        present,
        key=lambda p: (
            (_skill_level(ratings.get(p.id, []), latest_day) or 0)
            - (_skill_level(ratings.get(p.id, []), earlier_day) or 0),
            -p.id,
        ),
    )
    before[grew.id], after[grew.id], potential[grew.id] = 2, 3, 2
    candidates = [p for p in present if p is not grew and p.id in top_motivator]
    leaving = max(candidates, key=lambda p: (after[p.id], potential[p.id])) if candidates else None

    first_review = _next_id(TalentReview)
    reviews = [(earlier_day, first_review), (latest_day, first_review + 1)]
    TalentReview.insert_many(
        [
            (review_id, f"{quarter_label(day)} review", day, "quarter", _at(day, 17 * 60))
            for day, review_id in reviews
        ],
        fields=list(_fields(TalentReview, "id title held_on period created_at")),
    ).execute()
    placements = []
    for (day, review_id), boxes, later in ((reviews[0], before, False), (reviews[1], after, True)):
        for plan in present:
            perf, pot = boxes[plan.id], potential[plan.id]
            if plan is grew and later:
                pot = 3
            note = rng.choice(_NOTES[perf])
            readiness = (
                Readiness.NOW
                if perf == 3 and pot == 3
                else Readiness.SOON
                if pot >= 2 and perf >= 2
                else Readiness.NOT_IN_VIEW
            )
            risk, reason = Risk.LOW, ""
            if plan is grew and later:
                note = (
                    "Ran the quarterly forecast call without help and two of their reps hit "
                    "120%; ready for a bigger territory."
                )
            elif plan is leaving:
                motivator = top_motivator[plan.id]
                reason = _RISK_REASONS.get(
                    motivator, f"Their top motivator, {motivator.lower()}, is not met in the role."
                )
                risk = Risk.HIGH if later else Risk.MEDIUM
                if not later:
                    reason = f"Early signs: {reason[0].lower()}{reason[1:]}"
            elif rng.random() < 0.2:
                risk = Risk.MEDIUM
                drive = top_motivator.get(plan.id, "What drives them")
                reason = f"{drive} matters most to them; ask about it at the next career talk."
            placements.append(
                (
                    review_id,
                    plan.id,
                    perf,
                    pot,
                    note,
                    readiness.value,
                    risk.value,
                    reason,
                    _at(day, 17 * 60),
                )
            )
    _insert(
        TalentPlacement,
        _fields(
            TalentPlacement,
            "review manager performance potential note readiness risk risk_reason updated_at",
        ),
        placements,
    )


def _team_plan(today: dt.date) -> None:
    """The executive's plan for the start of next year, made three months ago: the two skills
    the most managers are rated in (a bench that coaches its reps and hires well), one at 4 for
    three in four managers, the other at 3 for everyone, and two one-on-ones per rep a month.
    The sample's development areas improve slowly, so the plan shows progress since it was
    made, and a few managers still far from it."""
    team = ratings_as_of(today)
    rated = Counter(
        skill
        for row in team
        for skill in SKILLS
        if (cell := row.cell(skill)) is not None and cell.rating is not None
    )
    first, second = sorted(SKILLS, key=lambda skill: -rated[skill])[:2]
    goals = [
        Goal(GoalKind.SKILL, first, 4, at_least=max(1, math.ceil(len(team) * 3 / 4))),
        Goal(GoalKind.SKILL, second, 3),
        Goal(GoalKind.RHYTHM, Rhythm.ONE_ON_ONES.value, 2),
    ]
    create_plan(
        f"Ready for {today.year + 1}",
        dt.date(today.year + 1, 1, 1),
        goals,
        note="Start with the end in mind: a bench that coaches its reps every week and hires "
        "well, before the new territories open.",
        created_on=add_months(today, -3),
        today=today,
    )


# --- The sample file --------------------------------------------------------------------------


def _check_target(target: Path, force: bool) -> None:
    """Refuse to replace anything but a journal, and a journal only when asked to."""
    if target.is_dir():
        raise CoachJournalError(f"{target} is a folder; give a file name for the sample journal.")
    if not target.exists() or target.stat().st_size == 0:
        return
    if not db.is_journal(target):
        raise CoachJournalError(
            f"{target} is not a CoachJournal journal, so it was left untouched; "
            "choose another file name."
        )
    if not force:
        raise CoachJournalError(
            f"There is already a journal at {target}; choose another file name, "
            "or replace it on purpose with --force."
        )


def _temporary_file(target: Path) -> Path:
    """An empty file next to ``target`` (same file system, so the final rename is atomic)."""
    try:
        private_folder(target.parent)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise CoachJournalError(
            f"Cannot write a journal in {target.parent}: {error.strerror}."
        ) from error
    os.close(handle)
    return Path(name)


def _fill(
    path: Path, managers: int, years: float, seed: int, today: dt.date | None
) -> SampleSummary:
    db.open_journal(path)
    try:
        return generate(managers=managers, years=years, seed=seed, today=today)
    finally:
        db.close_journal()


def create_sample_journal(
    path: Path | str,
    *,
    managers: int = 8,
    years: float = 2.0,
    seed: int = DEFAULT_SEED,
    force: bool = False,
    today: dt.date | None = None,
) -> SampleSummary:
    """Write a new journal file at ``path`` holding a sample team.

    A journal already there is replaced only with ``force``; any other non-empty file never is.
    The team is written into a temporary file next to ``path`` and moved over it only when
    complete, so a failure (or Ctrl+C) leaves ``path`` as it was. No journal is bound afterwards;
    none may be bound before either, since this binds (and then closes) the new one.
    """
    if database.obj is not None:
        raise RuntimeError("close the open journal before writing a sample journal")
    target = Path(path).expanduser()
    _check_target(target, force)
    temporary = _temporary_file(target)
    try:
        summary = _fill(temporary, managers, years, seed, today)
        for stale in files.companions(target):
            stale.unlink(missing_ok=True)
        temporary.replace(target)
    except BaseException as error:
        for leftover in (temporary, *files.companions(temporary)):
            leftover.unlink(missing_ok=True)
        if isinstance(error, OSError | OperationalError):
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            raise CoachJournalError(
                f"Could not write the sample journal {target}: {reason}."
            ) from error
        raise
    files.sync_folder(target.parent)
    return summary
