"""Talent reviews on hand-built journals: placements, counts per box, a manager's history and
movement between reviews, a review started from the one before, and undo of a move. No Qt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coachjournal import periods, sample
from coachjournal.coaching import development, roster, search
from coachjournal.coaching.team import talent
from coachjournal.coaching.team.talent import BOXES, PlacementRecord
from coachjournal.errors import ValidationError
from coachjournal.kinds import Readiness, ReviewPeriod, Risk
from coachjournal.storage.undo import UndoLog
from tests.core.builders import add_manager, table_rows

Q2, Q4 = dt.date(2026, 6, 30), dt.date(2026, 12, 15)


def _placed(manager_id: int, performance: int, potential: int) -> PlacementRecord:
    return PlacementRecord(0, 1, manager_id, performance, potential)


def test_counts_per_box_name_every_box_and_count_each_manager_once() -> None:
    counts = talent.counts_per_box([_placed(1, 3, 3), _placed(2, 3, 3), _placed(3, 1, 2)])
    assert set(counts) == set(BOXES) and len(BOXES) == 9
    assert counts[3, 3] == 2 and counts[1, 2] == 1 and sum(counts.values()) == 3


def test_movements_list_only_the_managers_whose_box_changed() -> None:
    before = [_placed(1, 2, 2), _placed(2, 3, 3), _placed(3, 1, 1)]
    after = [_placed(1, 3, 3), _placed(2, 3, 3), _placed(4, 2, 1)]
    moves = talent.movements(before, after)
    assert [(m.manager_id, m.before, m.after) for m in moves] == [
        (1, (2, 2), (3, 3)),
        (3, (1, 1), None),
        (4, None, (2, 1)),
    ]
    assert moves[0].arrow == "↗" and moves[1].arrow == "" and moves[2].arrow == ""
    assert talent.arrow((2, 2), (1, 2)) == "←" and talent.arrow((2, 3), (2, 2)) == "↓"


def test_a_move_by_keyboard_stops_at_the_edges_of_the_grid() -> None:
    assert talent.moved((3, 2), 1, 0) == (3, 2)
    assert talent.moved((1, 1), 0, -1) == (1, 1)
    assert talent.moved((2, 2), -1, 1) == (1, 3)


def test_placing_moving_and_taking_off_the_grid(journal_path: Path) -> None:
    ana, ben = add_manager("Ana"), add_manager("Ben")
    review = talent.add_review("Q4 2026 review", Q4, ReviewPeriod.QUARTER)
    talent.update_placement(
        talent.place(review.id, ana, 2, 3).id,
        note="Ran the EMEA kick-off",
        risk=Risk.HIGH,
        risk_reason="Wants a region",
    )
    moved = talent.place(review.id, ana, 3, 3)
    assert moved.box == (3, 3) and moved.note == "Ran the EMEA kick-off"
    assert moved.risk is Risk.HIGH and moved.risk_reason == "Wants a region"
    talent.place(review.id, ben, 1, 1)
    assert [p.manager_id for p in talent.placements(review.id)] == [ana, ben]
    assert talent.unplace(review.id, ben) is not None
    assert [p.manager_id for p in talent.placements(review.id)] == [ana]
    board = talent.board(review.id)
    assert [c.name for c in board.placed] == ["Ana"] and [c.name for c in board.unplaced] == ["Ben"]
    assert board.counts()[3, 3] == 1 and board.in_box((3, 3))[0].manager_id == ana


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"performance": 4, "potential": 1}, "performance"),
        ({"performance": 2, "potential": 0}, "potential"),
        ({"performance": True, "potential": 1}, "performance"),
    ],
)
def test_a_box_outside_the_grid_is_refused(
    journal_path: Path, changes: dict[str, int], field: str
) -> None:
    ana = add_manager("Ana")
    review = talent.add_review("Q4", Q4)
    with pytest.raises(ValidationError) as raised:
        talent.place(review.id, ana, changes["performance"], changes["potential"])
    assert raised.value.field == field
    assert talent.placements(review.id) == []


def test_bad_review_values_and_choices_are_refused_with_a_sentence(journal_path: Path) -> None:
    ana = add_manager("Ana")
    with pytest.raises(ValidationError, match="Name the review"):
        talent.add_review("   ", Q4)
    with pytest.raises(ValidationError, match="quarterly or yearly"):
        talent.add_review("Q4", Q4, "monthly")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="plausible year"):
        talent.add_review("Q4", dt.date(1900, 1, 1))
    review = talent.add_review("Q4", Q4)
    with pytest.raises(ValidationError, match="Place the manager"):
        talent.update_placement(99, note="x")
    placed = talent.place(review.id, ana, 2, 2)
    with pytest.raises(ValidationError, match="Ready now"):
        talent.update_placement(placed.id, readiness="soonish")
    assert talent.get_placement(review.id, ana) == PlacementRecord(placed.id, review.id, ana, 2, 2)


def test_history_follows_a_manager_across_reviews_oldest_first(journal_path: Path) -> None:
    ana, ben = add_manager("Ana"), add_manager("Ben")
    q4 = talent.add_review("Q4 2026 review", Q4)
    q2 = talent.add_review("Q2 2026 review", Q2)
    talent.place(q2.id, ana, 2, 2)
    talent.place(q4.id, ana, 3, 3)
    talent.place(q4.id, ben, 2, 1)
    points = talent.history(ana)
    assert [(p.review.title, p.placement.box) for p in points] == [
        ("Q2 2026 review", (2, 2)),
        ("Q4 2026 review", (3, 3)),
    ]
    assert [r.title for r in talent.list_reviews()] == ["Q4 2026 review", "Q2 2026 review"]
    assert talent.previous_review(q4.id) == q2 and talent.previous_review(q2.id) is None
    board = talent.board(q4.id)
    cards = {card.name: card for card in board.cards}
    assert cards["Ana"].was == (2, 2) and cards["Ana"].arrow == "↗"
    assert cards["Ben"].was is None and cards["Ben"].arrow == ""
    latest = talent.latest_board()
    assert latest is not None and latest.review == q4 and latest.previous == q2


def test_a_new_review_starts_from_the_placements_of_an_earlier_one(journal_path: Path) -> None:
    ana, ben = add_manager("Ana"), add_manager("Ben")
    q2 = talent.add_review("Q2", Q2)
    talent.update_placement(
        talent.place(q2.id, ana, 2, 3).id,
        note="Strong quarter",
        readiness=Readiness.SOON,
        risk=Risk.MEDIUM,
        risk_reason="Recruiter calls",
    )
    talent.place(q2.id, ben, 1, 2)
    q4 = talent.add_review("Q4", Q4, ReviewPeriod.YEAR, start_from=q2.id)
    copied = {p.manager_id: p for p in talent.placements(q4.id)}
    assert copied[ana].box == (2, 3) and copied[ben].box == (1, 2)
    assert copied[ana].readiness is Readiness.SOON and copied[ana].risk is Risk.MEDIUM
    assert copied[ana].risk_reason == "Recruiter calls" and copied[ana].note == ""
    assert talent.get_review(q4.id).period is ReviewPeriod.YEAR
    assert talent.movements(talent.placements(q2.id), talent.placements(q4.id)) == []


def test_archived_managers_show_only_where_they_were_placed(journal_path: Path) -> None:
    gone, kept = add_manager("Gone", archived=True), add_manager("Kept", archived=True)
    review = talent.add_review("Q4", Q4)
    talent.place(review.id, kept, 2, 2)
    names = [card.name for card in talent.board(review.id).cards]
    assert names == ["Kept"] and gone not in [c.manager_id for c in talent.board(review.id).cards]


def test_a_move_and_a_deleted_review_are_undone_exactly(journal_path: Path) -> None:
    ana = add_manager("Ana")
    review = talent.add_review("Q4", Q4)
    talent.update_placement(talent.place(review.id, ana, 2, 2).id, note="Solid")
    log = UndoLog()
    before = table_rows(journal_path)
    with log.step("Move Manager"):
        talent.place(review.id, ana, 3, 2)
    assert talent.placements(review.id)[0].box == (3, 2)
    name, changes = log.undo()
    assert name == "Move Manager" and changes[0].manager_id == ana
    assert talent.placements(review.id)[0].box == (2, 2)
    assert table_rows(journal_path)["talent_placement"] == before["talent_placement"]
    with log.step("Delete Review"):
        talent.delete_review(review.id)
    assert talent.list_reviews() == []
    log.undo()
    assert table_rows(journal_path)["talent_placement"] == before["talent_placement"]
    assert talent.placements(review.id)[0].note == "Solid"


def test_one_placement_per_manager_and_review_and_they_go_with_the_manager(
    journal_path: Path,
) -> None:
    ana = add_manager("Ana")
    review = talent.add_review("Q4", Q4)
    talent.place(review.id, ana, 1, 1)
    talent.place(review.id, ana, 1, 1)
    assert len(talent.placements(review.id)) == 1
    roster.delete_manager(ana)
    assert talent.placements(review.id) == []


def test_notes_and_reasons_are_searched_and_follow_edits_and_undo(journal_path: Path) -> None:
    ana = add_manager("Ana")
    review = talent.add_review("Q4 2026 review", Q4)
    placed = talent.place(review.id, ana, 3, 3)
    talent.update_placement(placed.id, note="Ran the kick-off", risk_reason="Wants a régión")
    (hit,) = search.search("region")
    assert (hit.source, hit.id, hit.manager_name) == (search.Source.TALENT, placed.id, "Ana")
    assert (hit.label, hit.field) == ("Talent review", "Risk reason")
    assert hit.when is not None and hit.when.date() == Q4
    assert [h.field for h in search.search("kick in:reviews")] == ["Review note"]
    assert search.search("kick in:notes") == []
    assert search.search("kick since:2027") == []
    log = UndoLog()
    with log.step("Edit Talent Placement"):
        talent.update_placement(placed.id, note="Quiet quarter")
    assert search.search("kick") == [] and len(search.search("quiet")) == 1
    log.undo()
    assert len(search.search("kick")) == 1 and search.search("quiet") == []


def test_the_sample_team_has_two_reviews_two_quarters_apart_that_tell_a_story(
    journal_path: Path,
) -> None:
    today = dt.date(2026, 12, 3)
    sample.generate(managers=8, today=today)
    latest, earlier = talent.list_reviews()
    assert (latest.title, earlier.title) == ("Q4 2026 review", "Q2 2026 review")
    assert periods.add_months(earlier.held_on, 6) == latest.held_on < today
    board = talent.board(latest.id)
    assert board.previous == earlier and len(board.placed) >= 6
    grew = [c for c in board.placed if c.was is not None and c.arrow in {"↑", "↗", "→"}]
    assert any(c.placement and c.placement.box == (3, 3) for c in grew)
    (leaving,) = [c for c in board.placed if c.placement and c.placement.risk is Risk.HIGH]
    assert leaving.placement is not None
    top = development.list_motivators(leaving.manager_id)[0].name
    assert leaving.placement.risk_reason == sample._RISK_REASONS[top]
    counts = board.counts()
    assert max(counts.values()) < len(board.placed)  # spread over the grid, not one box
    assert len(talent.movements(talent.placements(earlier.id), talent.placements(latest.id))) >= 2
