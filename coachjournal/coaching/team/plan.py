"""The team plan: what the executive wants the team to look like by a date, and how far it is.

"Start with the end in mind": a plan has a title, a target date and goals of two kinds.

* A **skill** goal asks for a level of a skill (a rating, 1 to 5) from every manager, or from
  at least a number of them ("at least 6 at 4 or above in coaching reps").
* A **rhythm** goal asks each manager (or at least a number of them) for a rate of their own
  coaching of their reps, from the results (:mod:`coachjournal.coaching.results`): one-on-ones,
  joint calls or both per rep a month, or team meetings a month.

Progress is worked out, never stored: the same reading "as of" a day gives how far the team is
today and how far it was on the day the plan was made (from the rating history and the results
recorded for periods closed by then). The team is today's roster (archived managers left out),
as it stood then: a manager who joined since counts as not yet rated on the plan's first day.

A skill goal is met by a manager whose latest rating is at or above the level; a rhythm goal by
a manager whose latest closed period with figures (within :data:`RHYTHM_LOOKBACK_MONTHS`) reached
the rate. A manager without a rating or figures has not met it and is the furthest from it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import Any

from coachjournal import rules
from coachjournal.coaching.development._shared import as_date, checked_day, one_line, tuples
from coachjournal.coaching.results import load_settings, period_of
from coachjournal.coaching.team.skills import ManagerSkills, ratings_as_of, skill_key
from coachjournal.errors import ValidationError
from coachjournal.kinds import GoalKind, Rhythm
from coachjournal.periods import add_months
from coachjournal.storage.models import (
    Manager,
    Result,
    TeamPlan,
    TeamPlanGoal,
    database,
    utcnow,
)

#: A rhythm is read from the latest closed period with figures no older than this.
RHYTHM_LOOKBACK_MONTHS = 6
#: The highest rate a rhythm goal can ask for (a meeting a day is already a lot).
MOST_A_MONTH = 100.0
#: The smallest rhythm a goal can ask for (one every ten months); less would print as 1e-300.
LEAST_A_MONTH = 0.1
#: How many goals a plan holds at most, and how many managers "furthest" lists.
MOST_GOALS = 20
FURTHEST_SHOWN = 3


@dataclasses.dataclass(frozen=True, slots=True)
class Goal:
    """A skill at a rating, or a rhythm at a rate a month; for everyone or ``at_least`` of
    them."""

    kind: GoalKind
    subject: str
    level: float
    at_least: int | None = None

    @property
    def rhythm(self) -> Rhythm | None:
        return Rhythm(self.subject) if self.kind is GoalKind.RHYTHM else None

    @property
    def what(self) -> str:
        """``Pipeline management`` or ``one-on-ones per rep a month``."""
        rhythm = self.rhythm
        return self.subject if rhythm is None else rhythm.label

    def describe(self, team_size: int | None = None) -> str:
        """The goal in the executive's words: "Every manager at 4 or above in Pipeline
        management", "At least 6 of 8 at 2 or more one-on-ones per rep a month"."""
        who = "Every manager" if self.at_least is None else f"At least {self.at_least}"
        if self.at_least is not None and team_size is not None:
            who += f" of {team_size}"
        if self.kind is GoalKind.SKILL:
            return f"{who} at {self.level:g} or above in {self.subject}"
        return f"{who} at {self.level:g} or more {self.what}"

    def required(self, team_size: int) -> int:
        """How many managers must meet it, of a team of ``team_size``."""
        return team_size if self.at_least is None else min(self.at_least, team_size)


@dataclasses.dataclass(frozen=True, slots=True)
class Plan:
    id: int
    title: str
    target_date: dt.date
    created_on: dt.date
    note: str
    goals: tuple[Goal, ...]

    @property
    def skills(self) -> list[str]:
        return [goal.subject for goal in self.goals if goal.kind is GoalKind.SKILL]


@dataclasses.dataclass(frozen=True, slots=True)
class Standing:
    """Where one manager stands against one goal: their value (None: not rated, no figures)."""

    manager_id: int
    name: str
    value: float | None
    shortfall: float

    @property
    def met(self) -> bool:
        return self.shortfall <= 0


@dataclasses.dataclass(frozen=True, slots=True)
class GoalProgress:
    """How far the team is from one goal on ``day``."""

    goal: Goal
    day: dt.date
    standings: tuple[Standing, ...]

    @property
    def team_size(self) -> int:
        return len(self.standings)

    @property
    def met(self) -> int:
        return sum(standing.met for standing in self.standings)

    @property
    def required(self) -> int:
        return self.goal.required(self.team_size)

    @property
    def reached(self) -> bool:
        return self.team_size > 0 and self.met >= self.required

    @property
    def share(self) -> float:
        """How much of the way the team is: managers meeting it over managers required."""
        return 1.0 if self.required == 0 else min(1.0, self.met / self.required)

    def furthest(self, limit: int = FURTHEST_SHOWN) -> list[Standing]:
        """The managers who have not met it, furthest first: the lowest rated (or figures),
        then those not rated yet (whose distance is not known); none once it is reached."""
        if self.reached:
            return []
        missing = [standing for standing in self.standings if not standing.met]
        missing.sort(key=lambda s: (s.value is None, -s.shortfall, s.name.casefold()))
        return missing[:limit]


# --- Checking what comes in -------------------------------------------------------------------


def checked_goal(goal: Goal, index: int = 0) -> Goal:
    """The goal as stored, or a ValidationError that says what to change."""
    field = f"goals.{index}"
    kind = GoalKind(goal.kind)
    if kind is GoalKind.SKILL:
        subject = one_line(field, goal.subject, rules.TRAIT, "Name the skill of each goal.")
        if goal.level not in (1, 2, 3, 4, 5):
            raise ValidationError(field, "A skill's level is a rating from 1 to 5.")
        level = float(int(goal.level))
    else:
        if goal.subject not in set(Rhythm):
            raise ValidationError(field, "Choose which coaching rhythm the goal is about.")
        subject = goal.subject
        level = float(goal.level)
        if not math.isfinite(level) or not LEAST_A_MONTH <= level <= MOST_A_MONTH:
            raise ValidationError(
                field,
                f"A rhythm is a number a month from {LEAST_A_MONTH:g} to {MOST_A_MONTH:g}.",
            )
    at_least = goal.at_least
    if at_least is not None and (
        isinstance(at_least, bool) or not isinstance(at_least, int) or at_least < 1
    ):
        raise ValidationError(field, "“At least” is a number of managers, 1 or more.")
    if at_least is not None and not rules.COUNT.allows(at_least):
        raise ValidationError(field, f"“At least” is at most {rules.COUNT.high} managers.")
    return Goal(kind, subject, level, at_least)


def _checked(
    title: Any,
    target_date: Any,
    created_on: Any,
    note: Any,
    goals: Sequence[Goal],
    today: dt.date,
) -> dict[str, Any]:
    title = one_line("title", title, rules.TITLE, "Give the plan a title.")
    made = checked_day("created_on", created_on, "day the plan was made") or today
    target = checked_day("target_date", target_date, "target date")
    if target is None:
        raise ValidationError("target_date", "Choose the day the team should look like this.")
    if target <= made:
        raise ValidationError(
            "target_date", "The target date comes after the day the plan was made."
        )
    if not isinstance(note, str):
        raise ValidationError("note", "The note must be text.")
    note = rules.checked("note", note, rules.text_rule("team_plan", "note"), "The note")
    if not goals:
        raise ValidationError("goals", "Add at least one goal: a skill or a rhythm.")
    if len(goals) > MOST_GOALS:
        raise ValidationError("goals", f"A plan holds at most {MOST_GOALS} goals.")
    clean = [checked_goal(goal, index) for index, goal in enumerate(goals)]
    seen: set[tuple[GoalKind, str]] = set()
    for index, goal in enumerate(clean):
        key = (goal.kind, skill_key(goal.subject))
        if key in seen:
            raise ValidationError(f"goals.{index}", f"“{goal.what}” is in the plan twice.")
        seen.add(key)
    return {"title": title, "target_date": target, "created_on": made, "note": note, "goals": clean}


# --- Reading and writing ----------------------------------------------------------------------


def _plans(*conditions: Any) -> list[Plan]:
    query = TeamPlan.select(
        TeamPlan.id, TeamPlan.title, TeamPlan.target_date, TeamPlan.created_on, TeamPlan.note
    ).order_by(TeamPlan.target_date, TeamPlan.id)
    if conditions:
        query = query.where(*conditions)
    rows = tuples(query)
    goals: dict[int, list[Goal]] = {row[0]: [] for row in rows}
    if goals:
        stored = (
            TeamPlanGoal.select(
                TeamPlanGoal.plan,
                TeamPlanGoal.kind,
                TeamPlanGoal.subject,
                TeamPlanGoal.level,
                TeamPlanGoal.at_least,
            )
            .where(TeamPlanGoal.plan.in_(list(goals)))
            .order_by(TeamPlanGoal.position, TeamPlanGoal.id)
        )
        for plan_id, kind, subject, level, at_least in tuples(stored):
            goals[plan_id].append(Goal(GoalKind(kind), subject, level, at_least))
    plans = []
    for plan_id, title, target, made, note in rows:
        target_day, made_day = as_date(target), as_date(made)
        assert target_day is not None and made_day is not None
        plans.append(Plan(plan_id, title, target_day, made_day, note, tuple(goals[plan_id])))
    return plans


def list_plans() -> list[Plan]:
    """Every plan, the nearest target date first."""
    return _plans()


def get_plan(plan_id: int) -> Plan:
    found = _plans(TeamPlan.id == plan_id)
    if not found:
        raise LookupError(f"no team plan {plan_id}")
    return found[0]


def _write_goals(plan_id: int, goals: Iterable[Goal]) -> None:
    TeamPlanGoal.delete().where(TeamPlanGoal.plan == plan_id).execute()
    for position, goal in enumerate(goals):
        TeamPlanGoal.create(
            plan=plan_id,
            position=position,
            kind=goal.kind.value,
            subject=goal.subject,
            level=goal.level,
            at_least=goal.at_least,
        )


def create_plan(
    title: str,
    target_date: dt.date,
    goals: Sequence[Goal],
    *,
    note: str = "",
    created_on: dt.date | None = None,
    today: dt.date | None = None,
) -> Plan:
    """Write a new plan with its goals, all or nothing (made today unless ``created_on``)."""
    values = _checked(title, target_date, created_on, note, goals, today or dt.date.today())
    goals = values.pop("goals")
    with database.atomic():
        now = utcnow()
        plan = TeamPlan.create(created_at=now, updated_at=now, **values)
        _write_goals(plan.id, goals)
    return get_plan(plan.id)


def update_plan(
    plan_id: int, title: str, target_date: dt.date, goals: Sequence[Goal], *, note: str = ""
) -> Plan:
    """Change a plan's title, date, note and goals; the day it was made stays."""
    current = get_plan(plan_id)
    values = _checked(title, target_date, current.created_on, note, goals, current.created_on)
    goals = values.pop("goals")
    with database.atomic():
        TeamPlan.update(**values, updated_at=utcnow()).where(TeamPlan.id == plan_id).execute()
        _write_goals(plan_id, goals)
    return get_plan(plan_id)


def delete_plan(plan_id: int) -> Plan:
    """Delete a plan and its goals; returns it as it was."""
    plan = get_plan(plan_id)
    TeamPlan.delete_by_id(plan_id)
    return plan


# --- Progress ---------------------------------------------------------------------------------


def _rhythm_values(rhythm: Rhythm, day: dt.date) -> dict[int, float]:
    """Each manager's rate of ``rhythm`` in their latest period closed by ``day`` that has the
    figures (looking back :data:`RHYTHM_LOOKBACK_MONTHS`): one query."""
    settings = load_settings()
    current = period_of(day, settings)
    closed_before, months = current.start, current.months
    query = (
        Result.select(
            Result.manager,
            Result.reps,
            Result.rep_one_on_ones,
            Result.joint_calls,
            Result.team_meetings,
        )
        .where(
            (Result.period == settings.period.value)
            & (Result.starts_on < closed_before)
            & (Result.starts_on >= add_months(closed_before, -RHYTHM_LOOKBACK_MONTHS))
        )
        .order_by(Result.starts_on)
    )
    values: dict[int, float] = {}
    for manager_id, reps, one_on_ones, joint_calls, meetings in tuples(query):
        value = _rate(rhythm, reps, one_on_ones, joint_calls, meetings, months)
        if value is not None:
            values[manager_id] = value  # a later period replaces an earlier one
    return values


def _rate(
    rhythm: Rhythm,
    reps: int | None,
    one_on_ones: int | None,
    joint_calls: int | None,
    meetings: int | None,
    months: int,
) -> float | None:
    if rhythm is Rhythm.TEAM_MEETINGS:
        return None if meetings is None else meetings / months
    if not reps:
        return None
    if rhythm is Rhythm.ONE_ON_ONES:
        count = one_on_ones
    elif rhythm is Rhythm.JOINT_CALLS:
        count = joint_calls
    else:
        both = (one_on_ones, joint_calls)
        count = None if both == (None, None) else sum(value or 0 for value in both)
    return None if count is None else count / reps / months


def _standings(goal: Goal, team: Sequence[ManagerSkills], day: dt.date) -> list[Standing]:
    rhythm = goal.rhythm
    if rhythm is None:
        values: dict[int, float] = {}
        for row in team:
            cell = row.cell(goal.subject)
            if cell is not None and cell.rating is not None:
                values[row.manager_id] = cell.rating
    else:
        values = _rhythm_values(rhythm, day)
    standings = []
    for row in team:
        value = values.get(row.manager_id)
        shortfall = goal.level if value is None else goal.level - value
        standings.append(Standing(row.manager_id, row.name, value, round(shortfall, 6)))
    return standings


def progress(plan: Plan, day: dt.date) -> list[GoalProgress]:
    """How far the team is from each of the plan's goals on ``day`` (today, or the day the plan
    was made, or any other)."""
    team = ratings_as_of(day)
    return [GoalProgress(goal, day, tuple(_standings(goal, team, day))) for goal in plan.goals]


def below_plan(manager_id: int, today: dt.date) -> list[tuple[Goal, int | None]]:
    """The skill goals of the plans still running where this manager is below the level, with
    their latest rating (None: not rated): what the prep sheet mentions."""
    plans = _plans(TeamPlan.target_date >= today)
    if not plans:
        return []
    cells = next(iter(ratings_as_of(today, manager_id)), None)
    if cells is None:
        return []
    below: dict[str, tuple[Goal, int | None]] = {}
    for plan in plans:
        for goal in plan.goals:
            if goal.kind is not GoalKind.SKILL or skill_key(goal.subject) in below:
                continue
            cell = cells.cell(goal.subject)
            rating = None if cell is None else cell.rating
            if rating is None or rating < goal.level:
                below[skill_key(goal.subject)] = (goal, rating)
    return list(below.values())


# --- The chart's numbers ----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Distribution:
    """How many managers stood at each rating of one skill at the end of each month: ``counts``
    has one row per month, each the number at ratings 1 to 5 and then the unrated."""

    skill: str
    level: float
    required: int
    months: tuple[dt.date, ...]
    counts: tuple[tuple[int, ...], ...]


@dataclasses.dataclass(frozen=True, slots=True)
class PlanChart:
    """What the plan's chart draws: each planned skill's distribution, from before the plan was
    made to today, on an axis that runs on to the target date."""

    title: str
    created_on: dt.date
    target_date: dt.date
    today: dt.date
    distributions: tuple[Distribution, ...]


def plan_chart(plan: Plan, today: dt.date) -> PlanChart:
    return PlanChart(
        plan.title, plan.created_on, plan.target_date, today, tuple(distributions(plan, today))
    )


def distributions(plan: Plan, today: dt.date, months_before: int = 6) -> list[Distribution]:
    """Each planned skill's distribution month by month, from ``months_before`` months before
    the plan was made up to today (the chart leaves room up to the target date)."""
    first = add_months(plan.created_on.replace(day=1), -months_before)
    last = min(today, plan.target_date)
    month_ends: list[dt.date] = []
    month = first
    while month <= last and len(month_ends) < 240:
        month_ends.append(min(add_months(month, 1) - dt.timedelta(days=1), last))
        month = add_months(month, 1)
    goals = [goal for goal in plan.goals if goal.kind is GoalKind.SKILL]
    if not goals:
        return []
    keys = {skill_key(goal.subject) for goal in goals}
    team = Manager.select(Manager.id).where(Manager.archived == False)  # noqa: E712
    size = team.count()
    cursor = database.execute_sql(
        "SELECT t.manager_id, t.skill, r.rating, r.rated_on FROM trait_rating AS r "
        "JOIN trait AS t ON t.id = r.trait_id JOIN manager AS m ON m.id = t.manager_id "
        "WHERE m.archived = 0 AND r.rated_on <= ? ORDER BY r.rated_on, r.id",
        (last.isoformat(),),
    )
    history: dict[str, list[tuple[dt.date, int, int]]] = {key: [] for key in keys}
    for manager_id, skill, rating, rated_on in cursor:
        key = skill_key(skill)
        if key in history:
            day = as_date(rated_on)
            assert day is not None
            history[key].append((day, manager_id, rating))
    found = []
    for goal in goals:
        events = history[skill_key(goal.subject)]
        latest: dict[int, int] = {}
        counts = []
        index = 0
        for end in month_ends:
            while index < len(events) and events[index][0] <= end:
                _, manager_id, rating = events[index]
                latest[manager_id] = rating
                index += 1
            row = [0] * 5
            for rating in latest.values():
                row[rating - 1] += 1
            counts.append((*row, size - len(latest)))
        found.append(
            Distribution(
                goal.subject, goal.level, goal.required(size), tuple(month_ends), tuple(counts)
            )
        )
    return found
