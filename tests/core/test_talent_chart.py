"""The talent chart: the nine-box grid of a review drawn from hand-made boards (every name, the
counts, arrows and risk marks, "+N more" when a box is crowded), and ``chart --chart talent``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image

from coachjournal.cli import main
from coachjournal.coaching.team import talent
from coachjournal.coaching.team.talent import Board, Card, PlacementRecord, ReviewRecord
from coachjournal.kinds import ReviewPeriod, Risk
from coachjournal.render import charts
from coachjournal.storage import db
from tests.core.builders import add_manager

Q2 = ReviewRecord(1, "Q2 2026 review", dt.date(2026, 5, 19), ReviewPeriod.QUARTER)
Q4 = ReviewRecord(2, "Q4 2026 review", dt.date(2026, 11, 19), ReviewPeriod.QUARTER)


def card(
    manager_id: int,
    box: tuple[int, int] | None,
    was: tuple[int, int] | None = None,
    risk: Risk | None = None,
) -> Card:
    placement = None if box is None else PlacementRecord(manager_id, 2, manager_id, *box, risk=risk)
    return Card(manager_id, f"Manager {manager_id:02}", "", placement, was)


def texts(board: Board, *, dark: bool = False) -> str:
    figure = charts.new_figure(charts.figure_size(board))
    charts.draw(figure, board, dark=dark)
    return "\n".join(t.get_text() for t in figure.findobj(match=lambda a: hasattr(a, "get_text")))


def test_every_box_is_named_with_its_count_and_its_managers() -> None:
    board = Board(
        Q4,
        Q2,
        (
            card(1, (3, 3), was=(2, 2)),
            card(2, (3, 2), risk=Risk.HIGH),
            card(3, (1, 1), was=(1, 1)),
            card(4, None),
        ),
    )
    shown = texts(board)
    assert "Talent review · Q4 2026 review · 19 Nov 2026" in shown
    assert "Star · 1" in shown and "Manager 01 ↗" in shown
    assert "High performer · 1" in shown and "Manager 02 (!)" in shown
    assert "Under-performer · 1" in shown and "Rough diamond · 0" in shown
    assert "Manager 04" not in shown
    assert "3 placed · 1 not placed · arrows: 1 moved since Q2 2026 review" in shown


def test_a_crowded_box_counts_the_names_it_cannot_show() -> None:
    board = Board(Q4, None, tuple(card(i, (2, 2)) for i in range(1, 41)))
    shown = texts(board, dark=True)
    assert "Core player · 40" in shown
    listed = [line for line in shown.splitlines() if line.startswith("Manager ")]
    more = [line for line in shown.splitlines() if line.endswith(" more")]
    assert len(listed) == charts.MAX_NAMES_PER_BOX - 1
    assert more == [f"+{40 - charts.MAX_NAMES_PER_BOX + 1} more"]


def test_a_review_with_nobody_placed_says_so() -> None:
    shown = texts(Board(Q4, None, (card(1, None),)))
    assert "No manager is placed on this review's grid yet" in shown


def run(*argv: str) -> int:
    return main.main(["chart", *argv], open_gui=lambda options: 0)


def test_the_chart_command_draws_the_latest_review(
    journal_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ana = add_manager("Ana")
    out = tmp_path / "talent.png"
    db.close_journal()
    assert run("--db", str(journal_path), "--chart", "talent", "--out", str(out)) == 1
    assert "has no talent review yet" in capsys.readouterr().err
    db.open_journal(journal_path)
    review = talent.add_review("Q4 2026 review", dt.date(2026, 11, 19))
    talent.place(review.id, ana, 3, 3)
    db.close_journal()
    assert run("--db", str(journal_path), "--chart", "talent", "--out", str(out), "--dark") == 0
    assert capsys.readouterr().out == f"Wrote the talent chart to {out}\n"
    with Image.open(out) as image:
        assert image.format == "PNG" and image.size[0] >= 1500
    db.open_journal(journal_path)
