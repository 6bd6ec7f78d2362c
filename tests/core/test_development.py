"""Development: traits and their rating history, evidence, motivators and their staleness,
growth assignments and their status rules, the rating chart. No Qt."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from matplotlib.colors import same_color
from matplotlib.lines import Line2D

from coachjournal import colours, periods, sample
from coachjournal.coaching import catalogue, roster, touchpoints
from coachjournal.coaching import development as dev
from coachjournal.coaching.development import (
    AssignmentView,
    Confirmation,
    RatingHistory,
    RatingPoint,
    RatingTrend,
)
from coachjournal.errors import ValidationError
from coachjournal.kinds import AssignmentStatus, TraitKind
from coachjournal.paths import resource
from coachjournal.render import charts
from coachjournal.storage.models import Motivator, TraitEvidence, TraitRating
from tests.core.builders import add_manager, log

TODAY = dt.date(2026, 3, 16)
STRENGTH, DEVELOPMENT = TraitKind.STRENGTH, TraitKind.DEVELOPMENT
PLANNED, ACTIVE = AssignmentStatus.PLANNED, AssignmentStatus.ACTIVE
DONE, DROPPED = AssignmentStatus.DONE, AssignmentStatus.DROPPED


def day(days_before_today: int) -> dt.date:
    return TODAY - dt.timedelta(days=days_before_today)


@pytest.fixture
def ada(journal_path: Path) -> int:
    return add_manager("Ada Lovelace")


def message(error: pytest.ExceptionInfo[ValidationError]) -> tuple[str, str]:
    return error.value.field, error.value.message


# --- Catalogue --------------------------------------------------------------------------------


def test_the_catalogues_use_the_sample_teams_labels() -> None:
    vocabulary = json.loads(resource("sample", "development.json").read_text(encoding="utf-8"))
    assert tuple(skill["name"] for skill in vocabulary["skills"]) == catalogue.SKILLS
    assert tuple(item["name"] for item in vocabulary["motivators"]) == catalogue.MOTIVATORS
    assert catalogue.SKILLS[0] == "Coaching reps"
    assert "Time and priority management" in catalogue.SKILLS
    assert "Purpose and customer impact" in catalogue.MOTIVATORS


# --- Traits and their history -----------------------------------------------------------------


def test_re_rating_keeps_the_history_with_its_dates(ada: int) -> None:
    trait = dev.add_trait(
        ada, DEVELOPMENT, "Forecasting", "Commits low", rating=2, rated_on=day(200), today=TODAY
    )
    assert (trait.rating, trait.trend, trait.change) == (2, RatingTrend.FIRST, None)
    dev.rate_trait(trait.id, 3, day(100), "Better inspection", today=TODAY)
    rated = dev.rate_trait(trait.id, 3, day(10), today=TODAY)
    assert [(p.rating, p.rated_on) for p in rated.ratings] == [
        (2, day(200)),
        (3, day(100)),
        (3, day(10)),
    ]
    assert rated.ratings[1].note == "Better inspection"
    assert (rated.rating, rated.trend) == (3, RatingTrend.STEADY)
    down = dev.rate_trait(trait.id, 1, today=TODAY)
    assert (down.latest and down.latest.rated_on, down.trend, down.change) == (
        TODAY,
        RatingTrend.DOWN,
        -2,
    )
    assert dev.rate_trait(trait.id, 4, day(5), today=TODAY).trend is RatingTrend.DOWN, (
        "sorted by day"
    )


def test_a_second_rating_on_the_same_day_corrects_it(ada: int) -> None:
    trait = dev.add_trait(ada, STRENGTH, "Hiring", rating=3, today=TODAY)
    corrected = dev.rate_trait(trait.id, 4, note="typo", today=TODAY)
    assert [(p.rating, p.note) for p in corrected.ratings] == [(4, "typo")]
    assert corrected.trend is RatingTrend.FIRST


def test_a_trait_without_ratings_is_unrated(ada: int) -> None:
    trait = dev.add_trait(ada, STRENGTH, "  Deal   strategy ", today=TODAY)
    assert (trait.skill, trait.rating, trait.trend, trait.trend.arrow) == (
        "Deal strategy",
        None,
        RatingTrend.UNRATED,
        "",
    )
    assert trait.history.is_empty


@pytest.mark.parametrize("bad", [0, 6, True, "3", 2.5])
def test_ratings_run_from_one_to_five(ada: int, bad: object) -> None:
    trait = dev.add_trait(ada, STRENGTH, "Hiring", today=TODAY)
    with pytest.raises(ValidationError) as error:
        dev.rate_trait(trait.id, bad, today=TODAY)  # type: ignore[arg-type]
    assert message(error) == ("rating", "A rating runs from 1 to 5.")
    with pytest.raises(ValidationError):
        dev.update_trait(trait.id, target_rating=bad, today=TODAY)
    assert dev.get_trait(trait.id).ratings == ()


def test_a_rating_cannot_be_dated_ahead(ada: int) -> None:
    trait = dev.add_trait(ada, STRENGTH, "Hiring", today=TODAY)
    with pytest.raises(ValidationError) as error:
        dev.rate_trait(trait.id, 3, TODAY + dt.timedelta(days=1), today=TODAY)
    assert error.value.field == "rated_on"


def test_a_skill_is_listed_once_per_manager(ada: int) -> None:
    dev.add_trait(ada, STRENGTH, "Hiring", today=TODAY)
    with pytest.raises(ValidationError) as error:
        dev.add_trait(ada, DEVELOPMENT, "hiring", today=TODAY)
    assert message(error) == ("skill", "“Hiring” is already listed as a strength: rate it there.")
    other = add_manager("Ben")
    assert dev.add_trait(other, DEVELOPMENT, "Hiring", today=TODAY).skill == "Hiring"
    second = dev.add_trait(ada, DEVELOPMENT, "Forecasting", today=TODAY)
    with pytest.raises(ValidationError):
        dev.update_trait(second.id, skill="HIRING", today=TODAY)
    with pytest.raises(ValidationError) as empty:
        dev.add_trait(ada, STRENGTH, "   ", today=TODAY)
    assert message(empty) == ("skill", "Name the skill.")


def test_a_target_is_set_for_a_day_to_come_and_a_passed_one_stays(ada: int) -> None:
    with pytest.raises(ValidationError) as error:
        dev.add_trait(ada, DEVELOPMENT, "Hiring", target_rating=4, target_date=day(1), today=TODAY)
    assert message(error) == (
        "target_date",
        "The target date (15 Mar 2026) has passed: choose today or a day to come.",
    )
    trait = dev.add_trait(
        ada, DEVELOPMENT, "Hiring", rating=2, target_rating=4, target_date=TODAY, today=TODAY
    )
    later = TODAY + dt.timedelta(days=40)
    assert not trait.target_missed(TODAY)
    assert trait.target_missed(later)
    edited = dev.update_trait(trait.id, detail="Slow to fill seats", target_date=TODAY, today=later)
    assert (edited.detail, edited.target_date) == ("Slow to fill seats", TODAY)
    met = dev.rate_trait(trait.id, 4, today=TODAY)
    assert met.target_met and not met.target_missed(later)
    cleared = dev.update_trait(trait.id, target_rating=None, target_date=None, today=later)
    assert (cleared.target_rating, cleared.target_date) == (None, None)


def test_strengths_come_first_then_development_areas_in_the_order_added(ada: int) -> None:
    for kind, skill in [
        (DEVELOPMENT, "Forecasting"),
        (STRENGTH, "Hiring"),
        (DEVELOPMENT, "Deal strategy"),
        (STRENGTH, "Coaching reps"),
    ]:
        dev.add_trait(ada, kind, skill, today=TODAY)
    assert [(t.kind, t.skill) for t in dev.list_traits(ada)] == [
        (STRENGTH, "Hiring"),
        (STRENGTH, "Coaching reps"),
        (DEVELOPMENT, "Forecasting"),
        (DEVELOPMENT, "Deal strategy"),
    ]


def test_a_development_area_becomes_a_strength_with_its_history(ada: int) -> None:
    dev.add_trait(ada, STRENGTH, "Hiring", today=TODAY)
    area = dev.add_trait(ada, DEVELOPMENT, "Forecasting", rating=2, rated_on=day(90), today=TODAY)
    dev.rate_trait(area.id, 4, today=TODAY)
    touchpoint = log(ada, "one_on_one", day(30))
    dev.link_evidence(area.id, touchpoint)
    strength = dev.set_trait_kind(area.id, STRENGTH)
    assert strength.kind is STRENGTH
    assert [p.rating for p in strength.ratings] == [2, 4]
    assert [t.id for t in dev.evidence_of(area.id)] == [touchpoint]
    assert [t.skill for t in dev.list_traits(ada)] == ["Hiring", "Forecasting"]


def test_a_deleted_trait_takes_its_history_and_evidence_along(ada: int) -> None:
    trait = dev.add_trait(
        ada, DEVELOPMENT, "Forecasting", "detail", rating=2, rated_on=day(50), today=TODAY
    )
    dev.rate_trait(trait.id, 3, note="up", today=TODAY)
    dev.update_trait(trait.id, target_rating=4, target_date=TODAY, today=TODAY)
    touchpoint = log(ada, "one_on_one", day(3))
    dev.link_evidence(trait.id, touchpoint)
    work = dev.add_assignment(ada, "Land the forecast", trait_id=trait.id, today=TODAY)
    before = dev.get_trait(trait.id)

    assert dev.delete_trait(trait.id) == before
    assert dev.list_traits(ada) == []
    assert not TraitRating.select().where(TraitRating.trait == trait.id).exists()
    assert not TraitEvidence.select().where(TraitEvidence.trait == trait.id).exists()
    assert dev.traits_of(touchpoint) == []
    orphan = dev.get_assignment(work.id)
    assert (orphan.trait_id, orphan.skill) == (None, "Forecasting")


def test_a_rating_removed_from_the_history_is_gone(ada: int) -> None:
    trait = dev.add_trait(ada, STRENGTH, "Hiring", rating=3, rated_on=day(9), today=TODAY)
    rated = dev.rate_trait(trait.id, 5, note="great", today=TODAY)
    trait_id, point = dev.delete_rating(rated.ratings[-1].id)
    assert (trait_id, point.rating, point.note) == (trait.id, 5, "great")
    assert [p.rating for p in dev.get_trait(trait.id).ratings] == [3]


# --- Evidence ---------------------------------------------------------------------------------


def test_evidence_is_seen_from_both_sides(ada: int) -> None:
    hiring = dev.add_trait(ada, STRENGTH, "Hiring", today=TODAY)
    forecast = dev.add_trait(ada, DEVELOPMENT, "Forecasting", today=TODAY)
    older = log(ada, "field_visit", day(20))
    newer = log(ada, "one_on_one", day(2))
    trashed = log(ada, "call_review", day(1), trashed=True)
    for touchpoint in (older, newer, trashed):
        dev.link_evidence(forecast.id, touchpoint)
    dev.link_evidence(forecast.id, newer)
    dev.link_evidence(hiring.id, newer)
    assert [t.id for t in dev.evidence_of(forecast.id)] == [newer, older]
    assert dev.evidence_of(forecast.id)[1].kind.value == "field_visit"
    assert [t.skill for t in dev.traits_of(newer)] == ["Hiring", "Forecasting"]
    dev.unlink_evidence(forecast.id, newer)
    assert [t.skill for t in dev.traits_of(newer)] == ["Hiring"]
    touchpoints.restore_touchpoint(trashed)
    assert [t.id for t in dev.evidence_of(forecast.id)] == [trashed, older]


def test_evidence_comes_from_the_same_manager(ada: int) -> None:
    trait = dev.add_trait(ada, STRENGTH, "Hiring", today=TODAY)
    theirs = log(add_manager("Ben"), "one_on_one", day(2))
    with pytest.raises(ValidationError) as error:
        dev.link_evidence(trait.id, theirs)
    assert message(error) == (
        "touchpoint_id",
        "That touchpoint was with another manager: link one of theirs.",
    )


# --- Motivators -------------------------------------------------------------------------------


def names(manager_id: int) -> list[str]:
    return [m.name for m in dev.list_motivators(manager_id)]


def test_motivators_are_ranked_and_reordered(ada: int) -> None:
    added = [dev.add_motivator(ada, name, today=TODAY) for name in ("Autonomy", "Money", "Purpose")]
    assert [m.rank for m in added] == [1, 2, 3]
    dev.move_motivator(added[2].id, 1)
    assert names(ada) == ["Purpose", "Autonomy", "Money"]
    dev.move_motivator(added[2].id, 99)
    assert names(ada) == ["Autonomy", "Money", "Purpose"]
    dev.move_motivator(added[0].id, 0)
    assert names(ada) == ["Autonomy", "Money", "Purpose"]
    reordered = dev.reorder_motivators(ada, [added[1].id, added[2].id, added[0].id])
    assert [(m.name, m.rank) for m in reordered] == [("Money", 1), ("Purpose", 2), ("Autonomy", 3)]


@pytest.mark.parametrize("order", [[1, 2], [1, 2, 2], [1, 2, 3, 4]])
def test_a_reorder_must_name_every_motivator_once(ada: int, order: list[int]) -> None:
    for name in ("Autonomy", "Money", "Purpose"):
        dev.add_motivator(ada, name, today=TODAY)
    with pytest.raises(ValidationError):
        dev.reorder_motivators(ada, order)
    assert names(ada) == ["Autonomy", "Money", "Purpose"]


def test_a_motivator_is_listed_once(ada: int) -> None:
    dev.add_motivator(ada, "Recognition", today=TODAY)
    with pytest.raises(ValidationError) as error:
        dev.add_motivator(ada, " recognition ", today=TODAY)
    assert message(error) == ("name", "“Recognition” is already on the list.")


def test_deleting_a_motivator_moves_those_below_up_a_rank(ada: int) -> None:
    _, second, _ = (
        dev.add_motivator(ada, name, "note", day(9), today=TODAY) for name in ("A", "B", "C")
    )
    assert dev.delete_motivator(second.id) == second
    assert [(m.name, m.rank) for m in dev.list_motivators(ada)] == [("A", 1), ("C", 2)]


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2025, 8, 31), 6, dt.date(2026, 2, 28)),
        (dt.date(2023, 8, 31), 6, dt.date(2024, 2, 29)),
        (dt.date(2025, 9, 15), 6, dt.date(2026, 3, 15)),
        (dt.date(2025, 12, 1), 1, dt.date(2026, 1, 1)),
    ],
)
def test_add_months_keeps_the_day_or_the_months_end(
    start: dt.date, months: int, expected: dt.date
) -> None:
    assert periods.add_months(start, months) == expected


def test_a_motivator_goes_stale_six_months_after_it_was_confirmed(ada: int) -> None:
    confirmed = dev.add_motivator(ada, "Autonomy", confirmed_on=dt.date(2025, 9, 16), today=TODAY)
    assert confirmed.stale_from() == dt.date(2026, 3, 16)
    assert confirmed.confirmation(TODAY - dt.timedelta(days=1)) is Confirmation.CONFIRMED
    assert confirmed.confirmation(TODAY) is Confirmation.STALE
    assert confirmed.is_stale(TODAY)
    never = dev.add_motivator(ada, "Money", today=TODAY)
    assert never.added_on == dt.date.today()
    for added, state in (
        (TODAY, Confirmation.NOT_YET),
        (TODAY - dt.timedelta(days=29), Confirmation.NOT_YET),
        (TODAY - dt.timedelta(days=30), Confirmation.NEVER),
        (TODAY - dt.timedelta(days=400), Confirmation.NEVER),
    ):
        stamp = dt.datetime.combine(added, dt.time(12))
        Motivator.update(created_at=stamp).where(Motivator.id == never.id).execute()
        record = dev.get_motivator(never.id)
        assert record.confirmation(TODAY) is state, added
        assert record.is_stale(TODAY) is (state is Confirmation.NEVER)
    fresh = dev.update_motivator(never.id, confirmed_on=day(3), today=TODAY)
    assert not fresh.is_stale(TODAY)
    assert dev.confirm_motivator(confirmed.id).confirmed_on == dt.date.today()
    with pytest.raises(ValidationError) as error:
        dev.update_motivator(never.id, confirmed_on=TODAY + dt.timedelta(days=1), today=TODAY)
    assert error.value.field == "confirmed_on"


# --- Assignments ------------------------------------------------------------------------------


def test_a_due_date_before_the_assigned_date_is_refused(ada: int) -> None:
    with pytest.raises(ValidationError) as error:
        dev.add_assignment(ada, "Run the QBR", assigned_on=day(0), due_on=day(1), today=TODAY)
    assert message(error) == (
        "due_on",
        "The due date (15 Mar 2026) is before the assigned date (16 Mar 2026): "
        "set a due date on or after it.",
    )
    work = dev.add_assignment(ada, "Run the QBR", assigned_on=day(10), due_on=day(0), today=TODAY)
    with pytest.raises(ValidationError):
        dev.update_assignment(work.id, due_on=day(11), today=TODAY)
    with pytest.raises(ValidationError) as no_title:
        dev.update_assignment(work.id, title="  ", today=TODAY)
    assert message(no_title) == ("title", "Give the assignment a title.")
    assert dev.get_assignment(work.id).due_on == day(0)


def test_an_assignment_moves_planned_active_done_and_reopens(ada: int) -> None:
    work = dev.add_assignment(ada, "Coach Sam through a cycle", due_on=day(-30), today=TODAY)
    assert (work.status, work.assigned_on) == (PLANNED, None)
    with pytest.raises(ValidationError) as early:
        dev.set_assignment_status(work.id, DONE, on=TODAY, today=TODAY)
    assert message(early) == (
        "status",
        "Start the assignment (make it active) before marking it done.",
    )
    active = dev.set_assignment_status(work.id, ACTIVE, today=TODAY)
    assert (active.status, active.assigned_on) == (ACTIVE, TODAY)
    with pytest.raises(ValidationError) as undated:
        dev.set_assignment_status(work.id, DONE, today=TODAY)
    assert message(undated) == (
        "completed_on",
        "An assignment cannot be done without a completion date.",
    )
    with pytest.raises(ValidationError) as ahead:
        dev.set_assignment_status(work.id, DONE, on=day(-1), today=TODAY)
    assert ahead.value.field == "completed_on"
    done = dev.set_assignment_status(work.id, DONE, on=TODAY, today=TODAY)
    assert (done.status, done.completed_on, done.is_open) == (DONE, TODAY, False)
    with pytest.raises(ValidationError):
        dev.set_assignment_status(work.id, DROPPED, today=TODAY)
    reopened = dev.set_assignment_status(work.id, ACTIVE, today=TODAY)
    assert (reopened.status, reopened.completed_on, reopened.assigned_on) == (ACTIVE, None, TODAY)
    assert dev.set_assignment_status(work.id, DROPPED, today=TODAY).status is DROPPED
    assert dev.set_assignment_status(work.id, ACTIVE, today=TODAY).status is ACTIVE


def test_a_planned_assignment_can_be_dropped_but_not_go_back_to_planned(ada: int) -> None:
    work = dev.add_assignment(ada, "Hire two reps", today=TODAY)
    dev.set_assignment_status(work.id, ACTIVE, on=day(3), today=TODAY)
    assert dev.get_assignment(work.id).assigned_on == day(3)
    with pytest.raises(ValidationError) as error:
        dev.set_assignment_status(work.id, PLANNED, today=TODAY)
    assert error.value.message.startswith("A started assignment cannot go back to planned")
    other = dev.add_assignment(ada, "Shadow the CFO", today=TODAY)
    assert dev.set_assignment_status(other.id, DROPPED, today=TODAY).status is DROPPED


def test_the_completion_date_fits_the_other_dates(ada: int) -> None:
    work = dev.add_assignment(ada, "QBR", assigned_on=day(10), today=TODAY)
    with pytest.raises(ValidationError) as early:
        dev.update_assignment(work.id, completed_on=day(1), today=TODAY)
    assert message(early) == (
        "completed_on",
        "Only a done assignment has a completion date: mark it done first.",
    )
    dev.set_assignment_status(work.id, ACTIVE, today=TODAY)
    with pytest.raises(ValidationError) as before:
        dev.set_assignment_status(work.id, DONE, on=day(11), today=TODAY)
    assert message(before) == (
        "completed_on",
        "The completion date (05 Mar 2026) is before the assigned date (06 Mar 2026).",
    )
    dev.set_assignment_status(work.id, DONE, on=day(2), today=TODAY)
    assert dev.update_assignment(work.id, completed_on=day(1), today=TODAY).completed_on == day(1)
    with pytest.raises(ValidationError):
        dev.update_assignment(work.id, completed_on=None, today=TODAY)


def test_an_assignment_takes_the_skill_of_its_trait(ada: int) -> None:
    trait = dev.add_trait(ada, DEVELOPMENT, "Forecasting", today=TODAY)
    work = dev.add_assignment(ada, "Call the number", trait_id=trait.id, skill="x", today=TODAY)
    assert (work.trait_id, work.skill) == (trait.id, "Forecasting")
    custom = dev.update_assignment(work.id, trait_id=None, skill="Negotiation", today=TODAY)
    assert (custom.trait_id, custom.skill) == (None, "Negotiation")
    theirs = dev.add_trait(add_manager("Ben"), STRENGTH, "Hiring", today=TODAY)
    with pytest.raises(ValidationError) as error:
        dev.update_assignment(work.id, trait_id=theirs.id, today=TODAY)
    assert message(error) == ("trait_id", "Choose one of this manager's skills.")
    with pytest.raises(ValidationError):
        dev.update_assignment(work.id, outcome_rating=6, today=TODAY)
    rated = dev.update_assignment(work.id, outcome="Hit it", outcome_rating=5, reflection="r")
    assert (rated.outcome, rated.outcome_rating, rated.reflection) == ("Hit it", 5, "r")


def test_a_deleted_assignment_leaves_its_touchpoints_unlinked(ada: int) -> None:
    trait = dev.add_trait(ada, DEVELOPMENT, "Forecasting", today=TODAY)
    work = dev.add_assignment(ada, "QBR", trait_id=trait.id, assigned_on=day(9), today=TODAY)
    worked = [log(ada, "one_on_one", day(n)) for n in (5, 3)]
    trashed = log(ada, "one_on_one", day(1), trashed=True)
    for touchpoint in [*worked, trashed]:
        touchpoints.update_touchpoint(touchpoint, assignment_id=work.id)
    before = dev.get_assignment(work.id)
    assert before.touchpoints == 2
    assert [t.id for t in dev.assignment_touchpoints(work.id)] == worked[::-1]

    assert dev.delete_assignment(work.id) == before
    with pytest.raises(LookupError):
        dev.get_assignment(work.id)
    assert [touchpoints.get_touchpoint(t).assignment_id for t in [*worked, trashed]] == [None] * 3


def test_the_team_view_shows_active_overdue_and_finished_this_quarter(journal_path: Path) -> None:
    ada, ben = add_manager("Ada"), add_manager("Ben")
    gone = add_manager("Gone", archived=True)
    late = dev.add_assignment(ada, "Late", assigned_on=day(60), due_on=day(2), today=TODAY)
    dev.set_assignment_status(late.id, ACTIVE, today=TODAY)
    on_time = dev.add_assignment(ben, "On time", assigned_on=day(5), due_on=day(-5), today=TODAY)
    dev.set_assignment_status(on_time.id, ACTIVE, today=TODAY)
    dev.add_assignment(ben, "Planned", due_on=day(1), today=TODAY)
    finished = dev.add_assignment(ada, "Finished", assigned_on=day(80), today=TODAY)
    dev.set_assignment_status(finished.id, ACTIVE, today=TODAY)
    dev.set_assignment_status(finished.id, DONE, on=dt.date(2026, 1, 2), today=TODAY)
    last_quarter = dev.add_assignment(ada, "Last quarter", assigned_on=day(200), today=TODAY)
    dev.set_assignment_status(last_quarter.id, ACTIVE, today=TODAY)
    dev.set_assignment_status(last_quarter.id, DONE, on=dt.date(2025, 12, 31), today=TODAY)
    dev.add_assignment(gone, "Archived manager's", due_on=day(30), today=TODAY)

    def titles(view: AssignmentView) -> list[str]:
        return [a.title for a in dev.team_assignments(view, today=TODAY)]

    assert titles(AssignmentView.OVERDUE) == ["Late", "Planned"]
    assert titles(AssignmentView.ACTIVE) == ["Late", "On time"]
    assert titles(AssignmentView.PLANNED) == ["Planned"]
    assert titles(AssignmentView.OPEN) == ["Late", "Planned", "On time"]
    assert titles(AssignmentView.FINISHED_THIS_QUARTER) == ["Finished"]
    assert titles(AssignmentView.ALL) == ["Late", "Planned", "On time", "Finished", "Last quarter"]
    assert len(dev.team_assignments(include_archived=True, today=TODAY)) == 6
    record = dev.get_assignment(late.id)
    assert (record.manager_name, record.days_overdue(TODAY)) == ("Ada", 2)
    assert dev.get_assignment(finished.id).days_overdue(TODAY) == 0
    assert AssignmentView.FINISHED_THIS_QUARTER.label == "Finished this quarter"


def test_quarters() -> None:
    assert periods.quarter_start(dt.date(2026, 11, 26)) == dt.date(2026, 10, 1)
    assert periods.quarter_label(dt.date(2026, 3, 31)) == "Q1 2026"


# --- The rating chart -------------------------------------------------------------------------


def history(target_date: dt.date | None = dt.date(2026, 9, 1)) -> RatingHistory:
    points = (
        RatingPoint(1, 2, dt.date(2025, 3, 1)),
        RatingPoint(2, 3, dt.date(2025, 9, 1)),
        RatingPoint(3, 4, dt.date(2026, 1, 10)),
    )
    return RatingHistory("Forecasting", DEVELOPMENT, points, 5, target_date)


def test_the_rating_chart_steps_through_the_ratings_to_today() -> None:
    figure = charts.new_figure()
    charts.draw_ratings(figure, history(), today=TODAY)
    (axes,) = figure.axes
    steps, dots, target, diamond = axes.get_lines()
    assert list(steps.get_ydata()) == [2, 3, 4, 4]
    assert steps.get_drawstyle() == "steps-post"
    assert list(dots.get_ydata()) == [2, 3, 4]
    assert same_color(steps.get_color(), colours.BLUE)
    assert list(target.get_ydata()) == [5, 5] and target.get_linestyle() == "--"
    assert diamond.get_marker() == "D"
    assert [text.get_text() for text in axes.texts] == ["Target 5 by 1 Sep 2026"]
    assert axes.get_title(loc="left") == "Rating over time · Forecasting"
    assert [tick.get_text() for tick in axes.get_yticklabels()] == ["1", "2", "3", "4", "5"]


def test_a_target_without_a_date_spans_the_chart_and_no_rating_says_so() -> None:
    figure = charts.new_figure()
    charts.draw_ratings(figure, history(target_date=None), today=TODAY, dark=True)
    axes = figure.axes[0]
    assert same_color(figure.get_facecolor(), charts.DARK.background)
    assert [text.get_text() for text in axes.texts] == ["Target 5"]
    assert isinstance(axes.get_lines()[-1], Line2D)
    charts.draw_ratings(figure, RatingHistory("Hiring", STRENGTH, ()))
    (empty,) = figure.axes
    assert [text.get_text() for text in empty.texts] == [
        "Not rated yet: its history starts with the first rating"
    ]


def test_a_single_rating_sits_in_a_quarter_not_on_an_axis_of_days() -> None:
    figure = charts.new_figure()
    one = RatingHistory("Hiring", STRENGTH, (RatingPoint(1, 3, TODAY),))
    charts.draw_ratings(figure, one, today=TODAY)
    low, high = figure.axes[0].get_xlim()
    assert high - low >= 90


# --- The sample team --------------------------------------------------------------------------


def test_the_sample_links_evidence_and_sets_no_informal_cadence(tmp_path: Path) -> None:
    path = tmp_path / "sample.db"
    sample.create_sample_journal(path, managers=4, years=1.0, today=TODAY)
    connection = sqlite3.connect(path)
    try:
        links = connection.execute(
            "SELECT t.manager_id, p.manager_id, p.kind FROM trait_evidence e "
            "JOIN trait t ON t.id = e.trait_id JOIN touchpoint p ON p.id = e.touchpoint_id"
        ).fetchall()
        kinds = {kind for (kind,) in connection.execute("SELECT kind FROM cadence")}
    finally:
        connection.close()
    assert len(links) >= 4
    assert all(trait_owner == met for trait_owner, met, _ in links)
    assert "informal" not in kinds


def test_roster_deletion_takes_development_with_it(ada: int) -> None:
    dev.add_trait(ada, STRENGTH, "Hiring", rating=3, today=TODAY)
    dev.add_motivator(ada, "Autonomy", today=TODAY)
    dev.add_assignment(ada, "QBR", today=TODAY)
    roster.delete_manager(ada)
    assert dev.team_assignments(today=TODAY) == []
