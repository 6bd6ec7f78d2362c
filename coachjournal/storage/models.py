"""The journal's tables, as peewee models bound to one database proxy.

Every model is a plain noun of the domain. Choices are stored as short strings (``StrEnum``
values) and guarded by CHECK constraints, so a journal stays readable with any SQLite tool.
Dates are ``YYYY-MM-DD``; a touchpoint's time is the local wall-clock time the user entered;
``created_at``/``updated_at`` stamps are UTC.

The tables and indexes themselves are created by :mod:`coachjournal.storage.migrations`, step by
step, so that a new journal and an upgraded one have the very same schema.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from peewee import (
    SQL,
    AutoField,
    BooleanField,
    Check,
    CompositeKey,
    DatabaseProxy,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    NodeList,
    TextField,
)

from coachjournal.kinds import (
    ActionStatus,
    AssignmentStatus,
    GoalKind,
    Owner,
    Readiness,
    ResultPeriod,
    ReviewPeriod,
    Risk,
    TouchpointKind,
    TraitKind,
)

database = DatabaseProxy()


def utcnow() -> dt.datetime:
    """The current UTC time without tzinfo and without microseconds, as stamps are stored."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _one_of(column: str, choices: type[StrEnum]) -> SQL | NodeList:
    values = ", ".join(f"'{c.value}'" for c in choices)
    return Check(f"{column} IN ({values})")


def _rating(column: str) -> SQL | NodeList:
    return Check(f"{column} IS NULL OR {column} BETWEEN 1 AND 5")


class BaseModel(Model):
    id = AutoField()

    class Meta:
        database = database
        legacy_table_names = False


class SyncedModel(BaseModel):
    """A table whose rows travel between synced journals: each row has a random ``uid`` that
    is the same on every computer (the migration's trigger gives one to every new row)."""

    uid = TextField(null=True, unique=True)


class Manager(SyncedModel):
    name = TextField(constraints=[Check("length(trim(name)) > 0")])
    title = TextField(default="")
    team = TextField(default="")
    email = TextField(default="")
    phone = TextField(default="")
    manager_since = DateField(null=True)
    promoted_from_sales = BooleanField(default=False)
    notes = TextField(default="")
    archived = BooleanField(default=False, index=True)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)


class Trait(SyncedModel):
    manager = ForeignKeyField(Manager, backref="traits", on_delete="CASCADE")
    kind = TextField(constraints=[_one_of("kind", TraitKind)])
    skill = TextField()
    detail = TextField(default="")
    target_rating = IntegerField(null=True, constraints=[_rating("target_rating")])
    target_date = DateField(null=True)
    position = IntegerField(default=0)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)


class TraitRating(SyncedModel):
    trait = ForeignKeyField(Trait, backref="ratings", on_delete="CASCADE")
    rating = IntegerField(constraints=[Check("rating BETWEEN 1 AND 5")])
    rated_on = DateField()
    note = TextField(default="")


class Motivator(SyncedModel):
    manager = ForeignKeyField(Manager, backref="motivators", on_delete="CASCADE")
    name = TextField()
    rank = IntegerField()
    note = TextField(default="")
    confirmed_on = DateField(null=True)
    created_at = DateTimeField(default=utcnow)


class Assignment(SyncedModel):
    manager = ForeignKeyField(Manager, backref="assignments", on_delete="CASCADE")
    trait = ForeignKeyField(Trait, null=True, backref="assignments", on_delete="SET NULL")
    title = TextField()
    skill = TextField(default="")
    description = TextField(default="")
    assigned_on = DateField(null=True)
    due_on = DateField(null=True)
    completed_on = DateField(null=True)
    status = TextField(
        default=AssignmentStatus.PLANNED.value, constraints=[_one_of("status", AssignmentStatus)]
    )
    outcome = TextField(default="")
    outcome_rating = IntegerField(null=True, constraints=[_rating("outcome_rating")])
    reflection = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)


class Touchpoint(SyncedModel):
    manager = ForeignKeyField(Manager, backref="touchpoints", on_delete="CASCADE")
    occurred_at = DateTimeField()
    kind = TextField(constraints=[_one_of("kind", TouchpointKind)])
    duration_minutes = IntegerField(null=True, constraints=[Check("duration_minutes >= 0")])
    summary = TextField(default="")
    notes = TextField(default="")
    mood = IntegerField(null=True, constraints=[_rating("mood")])
    assignment = ForeignKeyField(Assignment, null=True, backref="touchpoints", on_delete="SET NULL")
    account = TextField(default="")
    objective = TextField(default="")
    observations = TextField(default="")
    debrief = TextField(default="")
    aspiration = TextField(default="")
    #: The calendar event it was imported from (UID, plus the occurrence of a recurring one).
    source_key = TextField(null=True)
    deleted_at = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)


class TouchpointAttendee(SyncedModel):
    """A manager who was at a touchpoint, with what the executive observed about them there.

    Every touchpoint has at least one: its own ``manager`` at position 0 (see the migration)."""

    touchpoint = ForeignKeyField(Touchpoint, backref="attendees", on_delete="CASCADE")
    manager = ForeignKeyField(Manager, backref="attended", on_delete="CASCADE")
    note = TextField(default="")
    position = IntegerField(default=0)


class TraitEvidence(SyncedModel):
    """A touchpoint where a strength or development area showed."""

    trait = ForeignKeyField(Trait, backref="evidence", on_delete="CASCADE")
    touchpoint = ForeignKeyField(Touchpoint, backref="evidence", on_delete="CASCADE")

    class Meta:
        primary_key = CompositeKey("trait", "touchpoint")


class ActionItem(SyncedModel):
    manager = ForeignKeyField(Manager, backref="action_items", on_delete="CASCADE")
    touchpoint = ForeignKeyField(Touchpoint, null=True, backref="action_items", on_delete="CASCADE")
    text = TextField()
    owner = TextField(default=Owner.THEM.value, constraints=[_one_of("owner", Owner)])
    due_on = DateField(null=True)
    status = TextField(
        default=ActionStatus.OPEN.value, constraints=[_one_of("status", ActionStatus)]
    )
    closed_on = DateField(null=True)
    created_at = DateTimeField(default=utcnow)


class Cadence(SyncedModel):
    """Days between touchpoints of one kind: for one manager, or the team default (no manager)."""

    manager = ForeignKeyField(Manager, null=True, backref="cadences", on_delete="CASCADE")
    kind = TextField(constraints=[_one_of("kind", TouchpointKind)])
    ideal_days = IntegerField(constraints=[Check("ideal_days > 0")])
    max_days = IntegerField(constraints=[Check("max_days >= ideal_days")])


class CadenceApplies(SyncedModel):
    """Whether a coaching activity applies: for one manager, for every manager of a team (by
    name), or the default for everyone (neither). The most specific mark wins."""

    manager = ForeignKeyField(Manager, null=True, backref="applies", on_delete="CASCADE")
    team = TextField(null=True)
    kind = TextField(constraints=[_one_of("kind", TouchpointKind)])
    applies = BooleanField()


class Draft(BaseModel):
    """An entry being written and not saved yet: the editor's fields as JSON, kept so that the
    text survives a crash of the app."""

    manager = ForeignKeyField(Manager, backref="drafts", on_delete="CASCADE")
    payload = TextField()
    updated_at = DateTimeField(default=utcnow)


def _not_negative(column: str) -> SQL | NodeList:
    return Check(f"{column} IS NULL OR {column} >= 0")


class Result(SyncedModel):
    """A manager's team in one period: plan and actual (in cents, so sums are exact), the
    number of reps, and how the manager coached them, as the manager reports it. Empty figures
    are NULL: not known, which is not the same as zero."""

    manager = ForeignKeyField(Manager, backref="results", on_delete="CASCADE")
    period = TextField(constraints=[_one_of("period", ResultPeriod)])
    #: The first day of the month or quarter.
    starts_on = DateField()
    plan_cents = IntegerField(null=True, constraints=[_not_negative("plan_cents")])
    actual_cents = IntegerField(null=True, constraints=[_not_negative("actual_cents")])
    reps = IntegerField(null=True, constraints=[_not_negative("reps")])
    rep_one_on_ones = IntegerField(null=True, constraints=[_not_negative("rep_one_on_ones")])
    joint_calls = IntegerField(null=True, constraints=[_not_negative("joint_calls")])
    team_meetings = IntegerField(null=True, constraints=[_not_negative("team_meetings")])
    note = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)


class Setting(BaseModel):
    """A journal-wide preference that travels with the journal (and is encrypted with it)."""

    key = TextField(primary_key=True)
    value = TextField()


def _level(column: str) -> SQL | NodeList:
    return Check(f"{column} BETWEEN 1 AND 3")


class TalentReview(SyncedModel):
    """A talent review as the executive held it on a day: quarterly or yearly."""

    title = TextField(constraints=[Check("length(trim(title)) > 0")])
    held_on = DateField()
    period = TextField(constraints=[_one_of("period", ReviewPeriod)])
    created_at = DateTimeField(default=utcnow)


class TalentPlacement(SyncedModel):
    """One manager's box on a review's nine-box grid (performance and potential, 1 low to 3
    high), with a note, their readiness for a bigger role and their risk of leaving (NULL: not
    judged yet)."""

    review = ForeignKeyField(TalentReview, backref="placements", on_delete="CASCADE")
    manager = ForeignKeyField(Manager, backref="placements", on_delete="CASCADE")
    performance = IntegerField(constraints=[_level("performance")])
    potential = IntegerField(constraints=[_level("potential")])
    note = TextField(default="")
    readiness = TextField(null=True, constraints=[_one_of("readiness", Readiness)])
    risk = TextField(null=True, constraints=[_one_of("risk", Risk)])
    risk_reason = TextField(default="")
    updated_at = DateTimeField(default=utcnow)


class TeamPlan(SyncedModel):
    """What the executive wants the team to look like by a date (see coaching/team/plan.py)."""

    title = TextField()
    target_date = DateField()
    created_on = DateField()
    note = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)


class TeamPlanGoal(SyncedModel):
    """One goal of a team plan: a skill at ``level`` (a rating) or a rhythm of coaching at
    ``level`` a month; for every manager, or ``at_least`` of them."""

    plan = ForeignKeyField(TeamPlan, backref="goals", on_delete="CASCADE")
    position = IntegerField(default=0)
    kind = TextField(constraints=[_one_of("kind", GoalKind)])
    subject = TextField()
    level = FloatField(constraints=[Check("level > 0")])
    at_least = IntegerField(null=True, constraints=[Check("at_least IS NULL OR at_least > 0")])


ALL_MODELS: tuple[type[BaseModel], ...] = (
    Manager,
    Trait,
    TraitRating,
    Motivator,
    Assignment,
    Touchpoint,
    TouchpointAttendee,
    ActionItem,
    TraitEvidence,
    Cadence,
    CadenceApplies,
    Draft,
    Setting,
    Result,
    TalentReview,
    TalentPlacement,
    TeamPlan,
    TeamPlanGoal,
)
