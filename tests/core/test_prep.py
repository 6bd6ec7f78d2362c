"""The prep sheet's data, section by section, on small journals built by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from coachjournal.coaching import cadence, development, prep, questions, roster, touchpoints
from coachjournal.coaching.cadence import CadenceStatus
from coachjournal.kinds import AssignmentStatus, Owner, TouchpointKind, TraitKind
from coachjournal.render import prep_html
from coachjournal.storage.models import Motivator
from tests.core.builders import add_manager, log

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def mia(journal_path: Path) -> int:
    """A manager with a year of history: one-on-ones, a field visit, items, growth."""
    manager_id = add_manager("Mia Novak", added=dt.date(2025, 1, 6))
    roster.update_manager(
        manager_id,
        title="Regional Sales Manager",
        team="North",
        manager_since=dt.date(2021, 3, 1),
        promoted_from_sales=True,
    )
    log(manager_id, TouchpointKind.ONE_ON_ONE, dt.date(2026, 10, 29))
    last = touchpoints.create_touchpoint(
        manager_id,
        dt.datetime(2026, 11, 12, 9, 0),
        TouchpointKind.ONE_ON_ONE,
        summary="Pipeline review",
        notes="## Forecast\n- **Commit** only with a *signed* date\n- [CRM](https://x.test) clean",
    )
    touchpoints.create_touchpoint(
        manager_id,
        dt.datetime(2026, 11, 19, 14, 0),
        TouchpointKind.FIELD_VISIT,
        summary="Visit at Kora Payments",
        observations="Strong discovery; " + "talked too much in the demo. " * 12,
    )
    log(manager_id, TouchpointKind.CALL_REVIEW, dt.date(2026, 11, 24), trashed=True)
    touchpoints.add_action_item(
        manager_id, "Send the pricing deck", Owner.ME, dt.date(2026, 11, 30), last.id
    )
    touchpoints.add_action_item(
        manager_id, "Book the QBR with Kora", Owner.THEM, dt.date(2026, 11, 20), last.id
    )
    touchpoints.add_action_item(manager_id, "Shadow a renewal call", Owner.THEM)
    done = touchpoints.add_action_item(manager_id, "Old thing", Owner.THEM)
    touchpoints.set_action_status(done.id, "done", on=dt.date(2026, 11, 1))
    active = development.add_assignment(
        manager_id,
        "Run the forecast call",
        assigned_on=dt.date(2026, 10, 1),
        due_on=dt.date(2026, 12, 15),
        today=TODAY,
    )
    development.set_assignment_status(active.id, AssignmentStatus.ACTIVE, on=dt.date(2026, 10, 1))
    development.add_assignment(
        manager_id, "Write the hiring plan", due_on=dt.date(2026, 11, 10), today=dt.date(2026, 9, 1)
    )
    development.add_assignment(manager_id, "Someday idea", today=TODAY)
    development.add_trait(
        manager_id, TraitKind.STRENGTH, "Hiring", rating=4, rated_on=dt.date(2026, 6, 1)
    )
    growth = development.add_trait(
        manager_id,
        TraitKind.DEVELOPMENT,
        "Negotiation",
        "Gives discounts too early",
        rating=2,
        rated_on=dt.date(2026, 6, 1),
        target_rating=4,
        target_date=dt.date(2027, 3, 31),
        today=dt.date(2026, 6, 1),
    )
    development.rate_trait(growth.id, 3, dt.date(2026, 11, 12), today=TODAY)
    for rank, name in enumerate(("Recognition", "Autonomy", "Money", "Learning"), start=1):
        development.add_motivator(
            manager_id,
            name,
            confirmed_on=dt.date(2026, 9, 1) if rank > 1 else dt.date(2025, 1, 10),
            today=TODAY,
        )
    return manager_id


def test_profile_line_and_cadence(mia: int) -> None:
    sheet = prep.build(mia, TODAY)
    assert sheet.profile == (
        "Regional Sales Manager · North · manager since March 2021 (5 years, 8 months)"
        " · promoted from sales"
    )
    assert sheet.last_one_on_one == dt.date(2026, 11, 12)
    assert sheet.one_on_one.days_since == 14
    assert sheet.one_on_one.status is CadenceStatus.DUE
    assert sheet.field_visit.days_since == 7
    assert [status.kind for status in sheet.cadence][:2] == [
        TouchpointKind.ONE_ON_ONE,
        TouchpointKind.FIELD_VISIT,
    ]


def test_since_the_last_one_on_one_is_newest_first_without_the_trash(mia: int) -> None:
    sheet = prep.build(mia, TODAY)
    assert [(e.kind, e.occurred_at.date()) for e in sheet.since] == [
        (TouchpointKind.FIELD_VISIT, dt.date(2026, 11, 19)),
        (TouchpointKind.ONE_ON_ONE, dt.date(2026, 11, 12)),
    ]
    visit, talk = sheet.since
    # The excerpt keeps the notes' structure, and the sheet renders it: the heading in bold,
    # each list item on its line, emphasis kept, links as their text.
    assert talk.excerpt == (
        "## Forecast\n- **Commit** only with a *signed* date\n- [CRM](https://x.test) clean"
    )
    assert prep_html.notes_html(talk.excerpt) == (
        "<b>Forecast.</b><br>• <b>Commit</b> only with a <i>signed</i> date<br>• CRM clean"
    )
    assert visit.excerpt.startswith("Strong discovery; talked too much")
    assert visit.excerpt.endswith("…") and len(visit.excerpt) <= prep.EXCERPT_LENGTH + 1
    assert sheet.since_more == 0


def test_since_counts_what_it_does_not_list(journal_path: Path) -> None:
    manager_id = add_manager("Busy")
    log(manager_id, TouchpointKind.ONE_ON_ONE, dt.date(2026, 11, 1))
    for day in range(2, 14):
        log(manager_id, TouchpointKind.INFORMAL, dt.date(2026, 11, day))
    sheet = prep.build(manager_id, TODAY)
    assert len(sheet.since) == prep.MAX_SINCE
    assert sheet.since[0].occurred_at.date() == dt.date(2026, 11, 13)
    assert sheet.since_more == 13 - prep.MAX_SINCE


def test_open_items_on_both_sides_with_age_and_lateness(mia: int) -> None:
    sheet = prep.build(mia, TODAY)
    theirs = {i.item.text: (i.age_days, i.days_overdue) for i in sheet.their_items}
    assert theirs == {"Book the QBR with Kora": (14, 6), "Shadow a renewal call": (None, 0)}
    (mine,) = sheet.my_items
    assert (mine.item.text, mine.age_days, mine.is_overdue) == ("Send the pricing deck", 14, False)
    assert sheet.overdue_items == 1


def test_assignments_active_and_overdue_only(mia: int) -> None:
    sheet = prep.build(mia, TODAY)
    assert [(a.title, a.status) for a in sheet.assignments] == [
        ("Write the hiring plan", AssignmentStatus.PLANNED),
        ("Run the forecast call", AssignmentStatus.ACTIVE),
    ]


def test_traits_with_rating_trend_target_and_top_motivators(mia: int) -> None:
    sheet = prep.build(mia, TODAY)
    (strength,) = sheet.strengths
    (area,) = sheet.development
    assert (strength.skill, strength.rating) == ("Hiring", 4)
    assert (area.skill, area.rating, area.trend.value, area.target_rating) == (
        "Negotiation",
        3,
        "up",
        4,
    )
    assert [m.name for m in sheet.motivators] == ["Recognition", "Autonomy", "Money"]
    assert sheet.motivators_total == 4
    assert sheet.motivators[0].is_stale(TODAY)


def test_suggested_questions_cover_what_is_pressing(mia: int) -> None:
    sheet = prep.build(mia, TODAY)
    texts = [q.text for q in sheet.questions]
    assert len(texts) == prep.MAX_QUESTIONS
    assert (
        texts[0]
        == "“Book the QBR with Kora” was due 20 Nov 2026. What is in the way, and what would help?"
    )
    assert (
        "“Write the hiring plan” was due 10 Nov 2026. Should we finish it, change it or drop it?"
        in texts
    )
    assert any("“Run the forecast call”" in text for text in texts)
    assert any("negotiation" in text for text in texts)
    categories = [q.category for q in sheet.questions]
    assert categories.count(questions.Category.RELATIONSHIP) == 2
    assert {q.reason for q in sheet.questions} >= {
        "Overdue action item: Book the QBR with Kora",
        "Development area: Negotiation",
    }


def test_a_new_manager_gets_a_sheet_that_reads_well(journal_path: Path) -> None:
    manager_id = add_manager("Noor Haddad", added=TODAY)
    sheet = prep.build(manager_id, TODAY)
    assert sheet.profile == ""
    assert sheet.since == () and sheet.since_more == 0
    assert sheet.their_items == sheet.my_items == ()
    assert sheet.assignments == sheet.strengths == sheet.development == sheet.motivators == ()
    # added today: nothing due yet, the first one-on-one a week from now
    assert sheet.last_one_on_one is None and sheet.one_on_one.status is CadenceStatus.ON_TRACK
    assert sheet.one_on_one.next_due == TODAY + dt.timedelta(days=7)
    assert sheet.attention == ()
    assert sheet.agenda == ""
    # Relationship and career questions only: nothing else applies yet.
    assert len(sheet.questions) == prep.MAX_QUESTIONS
    assert {q.category for q in sheet.questions} == {
        questions.Category.RELATIONSHIP,
        questions.Category.CAREER,
    }
    assert "{" not in "".join(q.text for q in sheet.questions)
    html = prep_html.render(sheet)
    assert "No touchpoints yet: this will be your first conversation." in html
    assert "Nothing open on either side" in html
    assert "No title or team yet" in html


def test_an_activity_not_for_them_never_needs_attention_and_says_so(journal_path: Path) -> None:
    """Team meetings switched off for a manager without a team, none held in three years; a
    motivator noted this week reads "not confirmed yet", neutral, one noted two months ago and
    never confirmed is flagged."""
    manager_id = add_manager("Solo Rep", added=TODAY - dt.timedelta(days=3 * 365))
    for kind in (
        TouchpointKind.ONE_ON_ONE,
        TouchpointKind.FIELD_VISIT,
        TouchpointKind.CALL_REVIEW,
        TouchpointKind.CAREER,
    ):
        log(manager_id, kind, TODAY - dt.timedelta(days=1))
    cadence.set_applies(TouchpointKind.TEAM_MEETING, False, manager_id=manager_id)
    recent = development.add_motivator(manager_id, "Recognition", today=TODAY)
    older = development.add_motivator(manager_id, "Autonomy", today=TODAY)
    for record, days in ((recent, 3), (older, 60)):
        stamp = dt.datetime.combine(TODAY - dt.timedelta(days=days), dt.time(12))
        Motivator.update(created_at=stamp).where(Motivator.id == record.id).execute()
    sheet = prep.build(manager_id, TODAY)
    assert sheet.attention == ()
    (meeting,) = (s for s in sheet.cadence if s.kind is TouchpointKind.TEAM_MEETING)
    assert meeting.status is CadenceStatus.NOT_APPLICABLE
    html = prep_html.render(sheet)
    assert "Not for them" in html and "No team meeting expected" in html
    assert "Recognition" in html and "· not confirmed yet" in html
    assert "· never confirmed" in html
    assert [m.confirmation(TODAY).value for m in sheet.motivators] == ["not_yet", "never"]


def test_an_unknown_manager_is_a_lookup_error(journal_path: Path) -> None:
    with pytest.raises(LookupError):
        prep.build(404, TODAY)


def test_questions_rotate_from_sheet_to_sheet_and_stay_put_within_a_day(
    journal_path: Path,
) -> None:
    manager_id = add_manager("Rotating")
    first = prep.build(manager_id, TODAY)
    prep.remember_questions(first)
    assert prep.build(manager_id, TODAY).questions == first.questions
    later = prep.build(manager_id, TODAY + dt.timedelta(days=7))
    # Seven relationship check-ins, four asked per sheet: one of the first sheet's comes back.
    repeated = {q.key for q in later.questions} & {q.key for q in first.questions}
    assert len(repeated) == 1 and repeated <= {q.question_id for q in first.questions}
    prep.remember_questions(later)
    third = prep.build(manager_id, TODAY + dt.timedelta(days=14))
    assert {q.key for q in third.questions} != {q.key for q in later.questions}
    assert questions.history(manager_id)[0][0] == TODAY + dt.timedelta(days=7)


def test_the_agenda_is_the_draft_of_the_next_one_on_one(mia: int) -> None:
    assert prep.agenda(mia) is None
    kept = prep.save_agenda(mia, "- Forecast\n")
    assert kept is not None and kept.text == "- Forecast\n" and kept.manager_id == mia
    again = prep.save_agenda(mia, prep.add_to_agenda(kept.text, "How is  it going?"))
    assert again is not None and again.draft_id == kept.draft_id
    assert again.text == "- Forecast\n- How is it going?\n"
    assert prep.add_to_agenda(again.text, "How is it going?") == again.text
    assert prep.build(mia, TODAY).agenda == again.text
    (draft,) = touchpoints.drafts()
    assert prep.is_agenda(draft[2]) and draft[2]["kind"] == "one_on_one"
    # Logging the one-on-one with the draft's id uses the agenda up.
    touchpoints.log_touchpoint(
        mia, dt.datetime(2026, 11, 26, 9), "one_on_one", draft_id=again.draft_id, notes=again.text
    )
    assert prep.agenda(mia) is None
    assert prep.save_agenda(mia, "  \n") is None and touchpoints.drafts() == []


def test_excerpt_and_mid_sentence() -> None:
    assert prep.excerpt("# Title\n\n1. one\n> quote  `code`") == "# Title\n1. one\n> quote `code`"
    assert prep.excerpt("a\nb\nc\nd\ne\nf") == "a\nb\nc\nd…"
    assert prep.excerpt("word " * 100, length=20) == "word word word word…"
    assert prep.mid_sentence("Running team meetings") == "running team meetings"
    assert prep.mid_sentence("MEDDICC") == "MEDDICC"


def test_notes_keep_their_structure_on_the_sheet() -> None:
    notes = (
        "## Escalations\nThe escalation turned 🙂\n## Key deals\n- At **Dalarna** <b>\n"
        "2. Second & last\n> a quote"
    )
    assert prep_html.notes_html(notes) == (
        "<b>Escalations.</b> The escalation turned 🙂<br><b>Key deals.</b><br>"
        "• At <b>Dalarna</b> &lt;b&gt;<br>2. Second &amp; last<br><i>a quote</i>"
    )
    assert prep.mid_sentence("Running team meetings") == "running team meetings"
    assert prep.mid_sentence("MEDDICC") == "MEDDICC"


def test_html_holds_every_section(mia: int) -> None:
    sheet = prep.build(mia, TODAY)
    html = prep_html.render(dataclasses.replace(sheet, agenda="- Forecast <first>"))
    for title in (
        "Agenda",
        "Suggested questions",
        "Open action items",
        "Since the last one-on-one",
        "Growth assignments",
        "Strengths and development areas",
        "Top motivators",
        "Cadence",
    ):
        assert f"{title}</h2>" in html or f"{title} &nbsp;" in html
    assert "Forecast &lt;first&gt;" in html
    assert "OVERDUE 6 days" in html and "Book the QBR with Kora" in html
    assert "not confirmed since 10 Jan 2025" in html
    screen = prep_html.render(sheet, paper=False)
    assert "Suggested questions" not in screen and "Agenda</h2>" not in screen


def test_chart_png_is_a_png(mia: int) -> None:
    series = prep_html.chart_data(mia, TODAY)
    assert series.total == 3 and series.subject == "Mia Novak"
    png = prep_html.chart_png(series, dpi=50)
    assert png.startswith(b"\x89PNG")


def test_attention_leads_with_late_activities_then_overdue_items_and_assignments(
    mia: int,
) -> None:
    sheet = prep.build(mia, TODAY)
    found = sheet.attention
    activities = [a for a in found if a.concern is prep.Concern.ACTIVITY]
    assert found[: len(activities)] == tuple(activities)
    assert activities == sorted(activities, key=lambda a: (not a.overdue, -a.urgency))
    one = next(a for a in activities if a.what == "One-on-one")
    assert (one.days_late, one.overdue) == (7, False)
    assert one.detail == "One-on-one 14 days ago (ideally every 7 days)"
    assert [(a.concern, a.what, a.days_late) for a in found[len(activities) :]] == [
        (prep.Concern.ASSIGNMENT, "Write the hiring plan", 16),
        (prep.Concern.THEIR_ITEM, "Book the QBR with Kora", 6),
    ]


def test_attention_ranks_as_the_dashboard_and_counts_days_by_the_limit_it_names(
    journal_path: Path,
) -> None:
    """A one-on-one 72 days ago (at most every 21) outranks a career conversation 258 days ago
    (at most every 180), as on the dashboard; each is late by the limit its line names."""
    alessia = add_manager("Alessia Romano", added=dt.date(2024, 1, 1))
    for kind, days in (
        (TouchpointKind.ONE_ON_ONE, 72),
        (TouchpointKind.CAREER, 258),
        (TouchpointKind.FIELD_VISIT, 20),
        (TouchpointKind.CALL_REVIEW, 20),
        (TouchpointKind.TEAM_MEETING, 5),
    ):
        log(alessia, kind, TODAY - dt.timedelta(days=days))
    activities = [a for a in prep.build(alessia, TODAY).attention if a.overdue]
    assert [a.what for a in activities][:2] == ["One-on-one", "Career conversation"]
    career = activities[1]
    assert career.detail == "Career conversation 258 days ago (at most every 180 days)"
    assert career.days_late == 258 - 180


def test_the_parts_come_in_order_and_cut_to_their_limits(mia: int) -> None:
    sheet = dataclasses.replace(prep.build(mia, TODAY), agenda="- Forecast")
    html = prep_html.render(sheet)
    titles = ("Needs attention first", "Agenda", "Suggested questions", "Open action items")
    assert [html.index(t) for t in titles] == sorted(html.index(t) for t in titles)
    assert "Top motivators" in html and "…and" not in html
    cut = prep_html.render(
        sheet, limits={prep.Part.ATTENTION: 1, prep.Part.MOTIVATORS: 0, prep.Part.SINCE: 1}
    )
    attention = cut[cut.index("Needs attention first") : cut.index("Agenda")]
    assert "Write the hiring plan" in attention and "Book the QBR" not in attention
    assert "…and 1 more." in attention
    assert "Top motivators" not in cut
    assert "…and 1 more in the journal." in cut  # the field visit listed, the one-on-one counted
