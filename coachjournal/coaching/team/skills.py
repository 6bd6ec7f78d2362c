"""Skills across the team: every manager's latest rating of every skill, side by side.

The matrix's columns are the catalogue's skills (:data:`coachjournal.coaching.catalogue.SKILLS`)
and any skill of the executive's own that two or more managers have: a skill only one manager
has says nothing about the team. Skills are matched without regard to case, as a manager's own
list matches them; a custom skill is named as most managers spell it.

A cell is the skill's latest rating as of a day, the rating before it (for the trend) and the
manager's target; a skill a manager has but never rated has a target and no rating, and a skill
they do not have is no cell at all. The gap is how far the latest rating is below the target.

Everything is read in one query; each skill's latest and previous rating are found through the
ratings' index (trait, day), a seek each, so the matrix of 200 managers (1,200 skills, 8,500
ratings) costs a few milliseconds. (Window functions over every rating were 50 ms: SQLite
materialised them and joined the result without an index.) The
same reading "as of" a past day gives the team as it was then (:func:`ratings_as_of`), which
the team plan uses to show where the team stood when the plan was made.

Teams are free text. Where the names are "<segment> <region>" ("Inside Sales LATAM",
"Enterprise LATAM"), the region is the longest ending, in whole words, that two or more teams
share (:func:`regions`): no list of regions is kept, and a team whose ending no other team
shares has no region.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping

from coachjournal.coaching.catalogue import SKILLS
from coachjournal.coaching.development.traits import RatingTrend
from coachjournal.storage.models import database

#: How many of the largest gaps the "largest gaps" list shows.
GAPS_SHOWN = 5

_LATEST = (
    "SELECT id FROM trait_rating WHERE trait_id = t.id AND rated_on <= :day "
    "ORDER BY rated_on DESC, id DESC LIMIT 1"
)
_QUERY = f"""
SELECT m.id, m.name, m.team, t.id, t.skill, t.target_rating,
       latest.rating, latest.rated_on, previous.rating
FROM manager AS m
LEFT JOIN trait AS t ON t.manager_id = m.id
LEFT JOIN trait_rating AS latest ON latest.id = ({_LATEST})
LEFT JOIN trait_rating AS previous ON previous.id = ({_LATEST} OFFSET 1)
WHERE m.archived = 0{{manager}}
ORDER BY m.name COLLATE NOCASE, m.id
"""


@dataclasses.dataclass(frozen=True, slots=True)
class Cell:
    """One manager's standing in one skill."""

    trait_id: int
    skill: str
    rating: int | None
    rated_on: dt.date | None
    previous: int | None
    target: int | None

    @property
    def trend(self) -> RatingTrend:
        if self.rating is None:
            return RatingTrend.UNRATED
        if self.previous is None:
            return RatingTrend.FIRST
        if self.rating > self.previous:
            return RatingTrend.UP
        return RatingTrend.DOWN if self.rating < self.previous else RatingTrend.STEADY

    @property
    def gap(self) -> int:
        """How far the latest rating is below the target (0 when met, or either is missing)."""
        if self.rating is None or self.target is None:
            return 0
        return max(0, self.target - self.rating)


@dataclasses.dataclass(frozen=True, slots=True)
class ManagerSkills:
    """One row of the matrix: a manager and their cells, by skill key (see :func:`skill_key`)."""

    manager_id: int
    name: str
    team: str
    cells: Mapping[str, Cell]

    def cell(self, skill: str) -> Cell | None:
        return self.cells.get(skill_key(skill))


@dataclasses.dataclass(frozen=True, slots=True)
class SkillSummary:
    """The footer of one skill's column: how many were rated, their mean and spread."""

    skill: str
    rated: int
    mean: float | None
    low: int | None
    high: int | None
    stdev: float | None


@dataclasses.dataclass(frozen=True, slots=True)
class Gap:
    manager_id: int
    name: str
    skill: str
    rating: int
    target: int

    @property
    def size(self) -> int:
        return self.target - self.rating


@dataclasses.dataclass(frozen=True, slots=True)
class SkillMatrix:
    """Managers (rows, by name) × skills (columns, the catalogue's first)."""

    skills: tuple[str, ...]
    rows: tuple[ManagerSkills, ...]

    def summary(self, skill: str, rows: Iterable[ManagerSkills] | None = None) -> SkillSummary:
        """The footer of ``skill`` over ``rows`` (all of them by default: a filter passes its
        own)."""
        key = skill_key(skill)
        ratings = [
            cell.rating
            for row in (self.rows if rows is None else rows)
            if (cell := row.cells.get(key)) is not None and cell.rating is not None
        ]
        if not ratings:
            return SkillSummary(skill, 0, None, None, None, None)
        spread = statistics.pstdev(ratings) if len(ratings) > 1 else 0.0
        return SkillSummary(
            skill, len(ratings), statistics.fmean(ratings), min(ratings), max(ratings), spread
        )

    def largest_gaps(
        self, rows: Iterable[ManagerSkills] | None = None, limit: int = GAPS_SHOWN
    ) -> list[Gap]:
        """The cells furthest below their target, largest first (then by name and skill)."""
        keys = [(skill, skill_key(skill)) for skill in self.skills]
        gaps = [
            Gap(row.manager_id, row.name, skill, cell.rating, cell.target)
            for row in (self.rows if rows is None else rows)
            for skill, key in keys
            if (cell := row.cells.get(key)) is not None
            and cell.gap > 0
            and cell.rating is not None
            and cell.target is not None
        ]
        gaps.sort(key=lambda gap: (-gap.size, gap.name.casefold(), gap.skill))
        return gaps[:limit]


@functools.lru_cache(maxsize=4096)
def skill_key(skill: str) -> str:
    """What makes two spellings of a skill the same skill (cached: the matrix asks for the
    same few dozen names thousands of times)."""
    return " ".join(skill.split()).casefold()


def ratings_as_of(day: dt.date, manager_id: int | None = None) -> list[ManagerSkills]:
    """Every manager on the roster today (archived ones left out) with each skill's rating as it
    stood on ``day``: today's team as it was then (``manager_id``: that one alone, if not
    archived). One query."""
    rows: dict[int, tuple[str, str, dict[str, Cell]]] = {}
    one = "" if manager_id is None else " AND m.id = :manager"
    cursor = database.execute_sql(
        _QUERY.format(manager=one), {"day": day.isoformat(), "manager": manager_id}
    )
    for manager_id, name, team, trait_id, skill, target, rating, rated_on, previous in cursor:
        _, _, cells = rows.setdefault(manager_id, (name, team, {}))
        if trait_id is not None:
            rated = None if rated_on is None else dt.date.fromisoformat(rated_on[:10])
            cells[skill_key(skill)] = Cell(trait_id, skill, rating, rated, previous, target)
    return [
        ManagerSkills(manager_id, name, team, cells)
        for manager_id, (name, team, cells) in rows.items()
    ]


def team_skills(rows: Iterable[ManagerSkills]) -> list[str]:
    """The catalogue's skills, then the custom skills two or more managers have (by name)."""
    catalogue = {skill_key(skill) for skill in SKILLS}
    spellings: dict[str, Counter[str]] = {}
    for row in rows:
        for key, cell in row.cells.items():
            if key not in catalogue:
                spellings.setdefault(key, Counter())[" ".join(cell.skill.split())] += 1
    shared = [names.most_common(1)[0][0] for names in spellings.values() if names.total() >= 2]
    return [*SKILLS, *sorted(shared, key=str.casefold)]


def skill_matrix(today: dt.date | None = None) -> SkillMatrix:
    """The team's skills today: the matrix the Team screen shows."""
    day = today or dt.date.today()
    rows = ratings_as_of(day)
    return SkillMatrix(tuple(team_skills(rows)), tuple(rows))


def regions(teams: Iterable[str]) -> dict[str, str]:
    """Each team's region: the longest ending, in whole words, that another team name shares
    (teams without one are left out)."""
    names = {" ".join(team.split()) for team in teams if team.strip()}
    endings: dict[str, set[str]] = {}
    for name in names:
        words = name.split()
        for start in range(1, len(words)):
            endings.setdefault(" ".join(words[start:]), set()).add(name)
    found: dict[str, str] = {}
    for name in names:
        words = name.split()
        for start in range(1, len(words)):
            ending = " ".join(words[start:])
            if len(endings[ending]) >= 2:
                found[name] = ending
                break
    return found
