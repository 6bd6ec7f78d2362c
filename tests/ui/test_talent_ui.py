"""The Talent review tab on hand-built journals: managers moved by drag and drop, by Ctrl+arrow
keys, by the "Move to" menu and the pane's box list, each move one step that Undo takes back;
the pane saves what is typed; a new review starts from the last one; forty managers fit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt

from coachjournal.coaching import development
from coachjournal.coaching.team import talent
from coachjournal.kinds import ReviewPeriod, Risk
from coachjournal.storage import db
from tests.core.builders import add_manager
from tests.ui.conftest import MakeWindow, type_text
from ui.main_window import MainWindow
from ui.team import talent as talent_ui
from ui.team.talent import (
    NOT_PLACED,
    CardList,
    ManagerRole,
    NewReviewDialog,
    TalentTab,
    place_code,
    suggested_title,
)

Q2, Q4 = dt.date(2026, 6, 30), dt.date(2026, 11, 20)


def build(path: Path, managers: int = 3) -> None:
    """Managers named M01.., a Q2 review with M01 a core player and a Q4 review that placed
    M01 as a high performer; M02 has a motivator."""
    db.open_journal(path)
    try:
        ids = [add_manager(f"M{number:02}") for number in range(1, managers + 1)]
        q2 = talent.add_review("Q2 2026 review", Q2)
        talent.place(q2.id, ids[0], 2, 2)
        q4 = talent.add_review("Q4 2026 review", Q4)
        talent.place(q4.id, ids[0], 3, 2)
        development.add_motivator(ids[1], "Recognition", confirmed_on=dt.date(2026, 11, 2))
    finally:
        db.close_journal()


@pytest.fixture
def window(make_window: MakeWindow, tmp_path: Path) -> MainWindow:
    path = tmp_path / "journal.db"
    build(path)
    shown = make_window(path)
    shown.resize(1280, 720)
    shown.show_team_picture()
    return shown


def tab(window: MainWindow) -> TalentTab:
    """The Talent review tab, brought to the front of the Team Picture."""
    window.team_page.tabs.setCurrentWidget(window.team_page.talent)
    return window.team_page.talent


def names(view: CardList) -> list[str]:
    model = view.model()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def manager(name: str) -> int:
    return next(c.manager_id for c in talent.board(latest()).cards if c.name == name)


def latest() -> int:
    return talent.list_reviews()[0].id


def box_of(name: str) -> tuple[int, int] | None:
    placement = talent.get_placement(latest(), manager(name))
    return None if placement is None else placement.box


def test_the_latest_review_shows_its_boxes_movement_and_who_is_not_placed(
    window: MainWindow, qtmodeltester
) -> None:
    page = tab(window)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.lists[NOT_PLACED].model())
    assert window.pages.currentWidget() is window.team_page
    assert page.reviews.currentText().startswith("Q4 2026 review")
    assert names(page.lists[place_code((3, 2))]) == ["M01  →"]
    assert names(page.lists[NOT_PLACED]) == ["M02", "M03"]
    assert page.headers[NOT_PLACED][0].text() == "Not placed · 2"
    assert page.summary.text() == "1 placed · Not placed: 2 · 1 moved since Q2 2026 review"
    page.select(manager("M01"))
    assert page.pane.was.text() == "Was Core player (Medium/Medium) in Q2 2026 review →"
    assert "Q2 2026 review: Core player (Medium/Medium)" in page.pane.history.text()
    assert "Q4 2026 review: High performer (High/Medium) →" in page.pane.history.text()


def test_a_card_dropped_on_a_box_moves_there_and_undo_takes_it_back(
    window: MainWindow, qtbot
) -> None:
    page = tab(window)
    source = page.lists[NOT_PLACED]
    dragged = page.model.mimeData([source.model().index(0, 0)])
    star = page.lists[place_code((3, 3))].model()
    assert star.dropMimeData(dragged, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    qtbot.waitUntil(lambda: names(page.lists[place_code((3, 3))]) == ["M02"])
    assert box_of("M02") == (3, 3)
    assert page.headers[NOT_PLACED][0].text() == "Not placed · 1"
    assert window.session.undo_text == "Move on the Talent Grid"
    window.undo.undo_action.trigger()
    qtbot.waitUntil(lambda: names(page.lists[NOT_PLACED]) == ["M02", "M03"])
    assert box_of("M02") is None


def test_ctrl_arrows_move_the_selected_card_and_the_focus_follows_it(
    window: MainWindow, qtbot
) -> None:
    page = tab(window)
    view = page.lists[place_code((3, 2))]
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert box_of("M01") == (3, 3)
    star = page.lists[place_code((3, 3))]
    assert star.currentIndex().data(ManagerRole) == manager("M01")
    qtbot.keyClick(star, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(
        page.lists[place_code((2, 3))], Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.keyClick(star, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert box_of("M01") == (3, 3)  # the grid's edge stops it
    qtbot.keyClick(star, Qt.Key.Key_Delete)
    assert box_of("M01") is None
    assert "M01  " not in " ".join(names(star))
    window.session.undo()
    qtbot.waitUntil(lambda: box_of("M01") == (3, 3))


def test_a_manager_not_placed_goes_to_the_middle_box_with_a_key(window: MainWindow, qtbot) -> None:
    page = tab(window)
    view = page.lists[NOT_PLACED]
    view.setCurrentIndex(view.model().index(1, 0))
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert box_of("M03") == (2, 2)


def test_the_move_to_menu_and_the_pane_name_every_box(window: MainWindow, qtbot) -> None:
    page = tab(window)
    menu = page.move_menu(manager("M02"))
    boxes = menu.actions()[0].menu().actions()
    assert [a.text() for a in boxes][:3] == [
        "Rough diamond · Low/High",
        "Future star · Medium/High",
        "Star · High/High",
    ]
    assert all(a.isEnabled() for a in boxes) and not menu.actions()[1].isEnabled()
    boxes[0].trigger()
    assert box_of("M02") == (1, 3)
    page.select(manager("M02"))
    pane = page.pane
    pane.box.setCurrentIndex(pane.box.findData(place_code((2, 1))))
    pane.box.activated.emit(pane.box.currentIndex())
    assert box_of("M02") == (2, 1)
    assert names(page.lists[place_code((2, 1))]) == ["M02"]


def test_the_pane_saves_the_note_risk_and_reason_next_to_the_motivators(
    window: MainWindow, qtbot
) -> None:
    page = tab(window)
    review = latest()
    window.session.place_manager(review, manager("M02"), 2, 3)
    page.select(manager("M02"))
    pane = page.pane
    assert pane.motivators.text() == "1. Recognition · Confirmed Nov 2026"
    pane.risk.setCurrentIndex(pane.risk.findData(Risk.HIGH.value))
    pane.risk.activated.emit(pane.risk.currentIndex())
    pane.reason.setFocus()
    type_text(pane.reason, "Not seen at the kick-off")
    pane.note.setFocus()
    type_text(pane.note, "Ran the QBR")
    qtbot.waitUntil(lambda: talent.get_placement(review, manager("M02")).note == "Ran the QBR")
    placement = talent.get_placement(review, manager("M02"))
    assert placement is not None and placement.risk is Risk.HIGH
    assert placement.risk_reason == "Not seen at the kick-off"
    assert window.session.undo_text == "Edit Talent Placement"
    card = page.model.card(manager("M02"))
    assert card is not None
    assert card.placement is not None and card.placement.risk is Risk.HIGH
    index = page.lists[place_code((2, 3))].model().index(0, 0)
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert "High risk of leaving" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_a_new_review_starts_from_the_last_one(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tab(window)
    previous = latest()
    monkeypatch.setattr(
        talent_ui,
        "ask_new_review",
        lambda parent, last: talent_ui.NewReview(
            "2027 review", dt.date(2026, 12, 1), ReviewPeriod.YEAR, last.id if last else None
        ),
    )
    page.new_button.click()
    assert page.reviews.currentText().startswith("2027 review")
    assert latest() != previous and box_of("M01") == (3, 2)
    assert names(page.lists[place_code((3, 2))]) == ["M01"]  # unchanged: no arrow
    page.delete_button.click()
    assert [r.title for r in talent.list_reviews()] == ["Q4 2026 review", "Q2 2026 review"]
    assert window.session.undo_text == "Delete Talent Review"


def test_the_new_review_dialog_suggests_a_name_and_starts_from_the_last(qtbot) -> None:
    last = talent.ReviewRecord(7, "Q2 2026 review", Q2, ReviewPeriod.QUARTER)
    dialog = talent_ui.NewReviewDialog(last)
    qtbot.addWidget(dialog)
    assert dialog.start_from.isChecked()
    dialog.period.setCurrentIndex(dialog.period.findData(ReviewPeriod.YEAR.value))
    answer = dialog.answer()
    assert answer.title == f"{dt.date.today().year} review" and answer.start_from == 7
    assert answer.period is ReviewPeriod.YEAR


def test_without_a_review_the_tab_offers_to_start_one(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    path = tmp_path / "empty.db"
    db.open_journal(path)
    add_manager("Ana")
    db.close_journal()
    shown = make_window(path)
    shown.show_team_picture()
    page = tab(shown)
    assert page.stack.currentIndex() == 1 and page.start_button.isVisibleTo(page)


def test_forty_managers_fit_at_1280_by_720(make_window: MakeWindow, tmp_path: Path, qtbot) -> None:
    path = tmp_path / "forty.db"
    build(path, managers=40)
    shown = make_window(path)
    shown.resize(1280, 720)
    shown.show_team_picture()
    page = tab(shown)
    qtbot.waitUntil(lambda: page.headers[NOT_PLACED][0].text() == "Not placed · 39")
    assert shown.width() == 1280 and shown.height() == 720
    view = page.lists[NOT_PLACED]
    # The list scrolls rather than grows (it lays its rows out once shown).
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    assert page.pane.isVisibleTo(page)
    grid_box = page.lists[place_code((1, 1))]
    assert grid_box.width() >= 120 and grid_box.height() >= 100


def test_a_note_typed_is_kept_when_another_manager_is_selected_at_once(
    window: MainWindow, qtbot
) -> None:
    page = tab(window)
    page.select(manager("M01"))
    page.pane.note.setFocus()
    type_text(page.pane.note, "Owns the forecast")
    view = page.lists[NOT_PLACED]
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    assert page.pane.name.text() == "M02"
    placement = talent.get_placement(latest(), manager("M01"))
    assert placement is not None and placement.note == "Owns the forecast"
    assert not page.pane.note.isEnabled()  # M02 is not placed: nothing to note yet
    assert page.pane.note.toPlainText() == ""


def test_a_drop_of_anything_but_cards_is_refused(window: MainWindow) -> None:
    star = tab(window).lists[place_code((3, 3))].model()
    for kind, payload in (
        ("text/plain", b"M02"),
        (talent_ui.MIME, b"not json"),
        (talent_ui.MIME, b'{"id": 2}'),
        (talent_ui.MIME, b'["2", null]'),
    ):
        data = QMimeData()
        data.setData(kind, QByteArray(payload))
        move = Qt.DropAction.MoveAction
        assert not star.canDropMimeData(data, move, -1, -1, QModelIndex())
        assert not star.dropMimeData(data, move, -1, -1, QModelIndex())
    assert names(tab(window).lists[place_code((3, 3))]) == []


def test_a_new_review_is_offered_a_name_no_review_has(window: MainWindow) -> None:
    """Two reviews of one name could not be told apart in a manager's history."""
    day = dt.date(2026, 12, 3)
    assert suggested_title(ReviewPeriod.QUARTER, day) == "Q4 2026 review"
    taken = {"Q4 2026 review", "Q4 2026 review (2)"}
    assert suggested_title(ReviewPeriod.QUARTER, day, taken) == "Q4 2026 review (3)"
    assert suggested_title(ReviewPeriod.YEAR, day, taken) == "2026 review"
    reviews = talent.list_reviews()
    titles = {review.title for review in reviews}
    dialog = NewReviewDialog(reviews[0], window, taken=titles)
    assert dialog.title.text() not in titles
    dialog.deleteLater()
