"""The journal's choices as enums: kinds of touchpoint and trait, statuses, owners, periods.

A leaf below storage, so that views, services and formats share one vocabulary without
importing the database models. Values are the short strings stored in the journal.
"""

from __future__ import annotations

from enum import StrEnum


class TouchpointKind(StrEnum):
    ONE_ON_ONE = "one_on_one"
    FIELD_VISIT = "field_visit"
    CALL_REVIEW = "call_review"
    CAREER = "career_conversation"
    TEAM_MEETING = "team_meeting"
    INFORMAL = "informal"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    TouchpointKind.ONE_ON_ONE: "One-on-one",
    TouchpointKind.FIELD_VISIT: "Field visit",
    TouchpointKind.CALL_REVIEW: "Call review",
    TouchpointKind.CAREER: "Career conversation",
    TouchpointKind.TEAM_MEETING: "Team meeting",
    TouchpointKind.INFORMAL: "Informal",
}


class TraitKind(StrEnum):
    STRENGTH = "strength"
    DEVELOPMENT = "development"


class AssignmentStatus(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    DONE = "done"
    DROPPED = "dropped"


class Owner(StrEnum):
    ME = "me"
    THEM = "them"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class ResultPeriod(StrEnum):
    """How a manager's results are recorded: per calendar month or per fiscal quarter."""

    MONTH = "month"
    QUARTER = "quarter"


class ReviewPeriod(StrEnum):
    """How often the executive holds a talent review."""

    QUARTER = "quarter"
    YEAR = "year"

    @property
    def label(self) -> str:
        return "Quarterly" if self is ReviewPeriod.QUARTER else "Yearly"


class Readiness(StrEnum):
    """How soon a manager could take a bigger role."""

    NOW = "now"
    SOON = "one_to_two_years"
    NOT_IN_VIEW = "not_in_view"

    @property
    def label(self) -> str:
        return _READINESS_LABELS[self]


_READINESS_LABELS = {
    Readiness.NOW: "Ready now",
    Readiness.SOON: "Ready in 1–2 years",
    Readiness.NOT_IN_VIEW: "Not in view",
}


class Risk(StrEnum):
    """How likely a manager is to leave."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def label(self) -> str:
        return f"{self.value.capitalize()} risk of leaving"


class GoalKind(StrEnum):
    """What a team plan's goal is about: a skill's level, or a rhythm of coaching the reps."""

    SKILL = "skill"
    RHYTHM = "rhythm"


class Rhythm(StrEnum):
    """The coaching rhythms a team plan can ask of each manager, from their results."""

    ONE_ON_ONES = "one_on_ones"
    JOINT_CALLS = "joint_calls"
    REP_COACHING = "rep_coaching"
    TEAM_MEETINGS = "team_meetings"

    @property
    def label(self) -> str:
        return _RHYTHM_LABELS[self]

    @property
    def per_rep(self) -> bool:
        return self is not Rhythm.TEAM_MEETINGS


_RHYTHM_LABELS = {
    Rhythm.ONE_ON_ONES: "one-on-ones per rep a month",
    Rhythm.JOINT_CALLS: "joint calls per rep a month",
    Rhythm.REP_COACHING: "coaching sessions per rep a month",
    Rhythm.TEAM_MEETINGS: "team meetings a month",
}
