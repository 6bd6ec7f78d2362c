"""The one date field: typed dates (each form), what it shows before Enter, Tab always leaving,
the calendar's month, Today and Clear, and an empty field being no date."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout

from coachjournal.storage.preferences import Preferences
from ui import dates
from ui.widgets.date_edit import DateField, DateTimeField

TODAY = dt.date.today()


def field_in_form(qtbot, **options) -> tuple[DateField, QLineEdit, QDialog]:
    """A date field between two line edits, in a shown dialog, the field focused."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    field = DateField(**options)
    field.setAccessibleName("Due date")
    after = QLineEdit()
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLineEdit())
    layout.addWidget(field)
    layout.addWidget(after)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    assert QTest.qWaitForWindowActive(dialog)
    field.line.setFocus()
    return field, after, dialog


def type_into(qtbot, field: DateField, text: str) -> None:
    field.line.selectAll()
    qtbot.keyClicks(field.line, text)


def next_weekday(weekday: int) -> dt.date:
    return TODAY + dt.timedelta(days=(weekday - TODAY.weekday()) % 7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        ("tomorrow", TODAY + dt.timedelta(days=1)),
        ("fri", next_weekday(4)),
        ("+2w", TODAY + dt.timedelta(weeks=2)),
        ("in 3 days", TODAY + dt.timedelta(days=3)),
        ("3d", TODAY + dt.timedelta(days=3)),
        ("2031-12-12", dt.date(2031, 12, 12)),
        ("12 Dec 2031", dt.date(2031, 12, 12)),
        ("December 12, 2031", dt.date(2031, 12, 12)),
        ("3/4/31", dt.date(2031, 4, 3)),
    ],
)
def test_each_typed_form_becomes_the_value_on_enter(qtbot, text: str, expected: dt.date) -> None:
    field, _after, _dialog = field_in_form(qtbot)
    type_into(qtbot, field, text)
    assert field.line.hint() == f"→ {dates.date_text(expected, weekday=True)}"
    with qtbot.waitSignal(field.value_changed):
        qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.value() == expected
    assert field.line.text() == dates.date_text(expected, weekday=True)
    assert field.line.hint() == "" and field.problem() is None


@pytest.mark.parametrize(
    ("date_format", "text", "expected"),
    [
        ("day-month", "3/4/2031", dt.date(2031, 4, 3)),
        ("month-day", "3/4/2031", dt.date(2031, 3, 4)),
        ("iso", "2031-03-04", dt.date(2031, 3, 4)),
    ],
)
def test_numbers_are_read_in_the_date_order_from_settings(
    qtbot, date_format, text: str, expected: dt.date
) -> None:
    dates.configure(Preferences(date_format=date_format))
    field, _after, _dialog = field_in_form(qtbot)
    type_into(qtbot, field, text)
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.value() == expected


def test_tab_leaves_the_field_and_takes_the_date(qtbot) -> None:
    field, after, _dialog = field_in_form(qtbot)
    type_into(qtbot, field, "12/12/2031")
    with qtbot.waitSignal(field.value_changed):
        qtbot.keyClick(field.line, Qt.Key.Key_Tab)
    assert after.hasFocus()
    assert field.value() == dt.date(2031, 12, 12)


def test_text_that_is_not_a_date_is_kept_flagged_and_never_traps_focus(qtbot) -> None:
    field, after, _dialog = field_in_form(qtbot)
    field.set_value(dt.date(2031, 1, 5))
    type_into(qtbot, field, "1212December2026")
    assert field.line.hint() == "not a date"
    with qtbot.assertNotEmitted(field.value_changed):
        qtbot.keyClick(field.line, Qt.Key.Key_Tab)
    assert after.hasFocus(), "Tab left the field"
    assert field.line.text() == "1212December2026", "what was typed is still there"
    assert field.problem() == "There is no 1212 December."
    assert field.line.toolTip() == "There is no 1212 December."
    assert field.line.property("invalid") is True
    assert field.value() == dt.date(2031, 1, 5), "the value is what it was"
    with pytest.raises(Exception, match="There is no 1212 December"):
        field.checked("due_on")
    type_into(qtbot, field, "tomorrow")
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.problem() is None and field.line.property("invalid") is False


def test_an_empty_field_is_no_date(qtbot) -> None:
    field, _after, _dialog = field_in_form(qtbot)
    assert field.value() is None and field.line.text() == ""
    assert field.line.placeholderText() == "No date"
    field.set_value(dt.date(2031, 2, 2))
    field.line.selectAll()
    qtbot.keyClick(field.line, Qt.Key.Key_Delete)
    assert field.line.hint() == "→ no date"
    with qtbot.waitSignal(field.value_changed):
        qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.value() is None


def test_a_field_that_must_hold_a_date_goes_back_to_it_when_emptied(qtbot) -> None:
    field, _after, _dialog = field_in_form(qtbot, leaning="past", optional=False)
    assert field.value() == TODAY and not field.clear_button.isVisible()
    field.line.clear()
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.value() == TODAY and field.line.text() == dates.date_text(TODAY, weekday=True)


def test_a_past_leaning_field_reads_a_weekday_backwards_and_keeps_its_maximum(qtbot) -> None:
    field, _after, _dialog = field_in_form(qtbot, leaning="past")
    field.set_maximum(TODAY)
    type_into(qtbot, field, "fri")
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    value = field.value()
    assert value is not None and value.weekday() == 4 and TODAY - value < dt.timedelta(days=7)
    type_into(qtbot, field, "+1d")
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.problem() == f"{dates.date_text(TODAY + dt.timedelta(days=1))} is after " + (
        f"{dates.date_text(TODAY)}."
    )
    assert field.value() == value


def test_the_calendar_opens_on_today_when_empty_and_on_the_date_when_set(qtbot) -> None:
    field, _after, _dialog = field_in_form(qtbot)
    qtbot.mouseClick(field.calendar_button, Qt.MouseButton.LeftButton)
    popup = field.popup
    assert popup is not None and popup.isVisible()
    assert (popup.calendar.yearShown(), popup.calendar.monthShown()) == (TODAY.year, TODAY.month)
    popup.close()
    field.set_value(dt.date(2031, 7, 9))
    qtbot.keyClick(field.line, Qt.Key.Key_F4)
    assert popup.isVisible()
    assert (popup.calendar.yearShown(), popup.calendar.monthShown()) == (2031, 7)
    assert popup.calendar.selectedDate().day() == 9


def test_typed_text_is_taken_before_the_calendar_opens_on_it(qtbot) -> None:
    field, _after, _dialog = field_in_form(qtbot)
    type_into(qtbot, field, "12 mar 2030")
    qtbot.keyClick(field.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert field.popup is not None
    assert (field.popup.calendar.yearShown(), field.popup.calendar.monthShown()) == (2030, 3)


def test_today_and_clear_in_the_calendar(qtbot) -> None:
    field, _after, _dialog = field_in_form(qtbot)
    field.set_value(dt.date(2031, 7, 9))
    field.open_calendar()
    assert field.popup is not None
    with qtbot.waitSignal(field.value_changed):
        field.popup.today_button.click()
    assert field.value() == TODAY and not field.popup.isVisible()
    field.open_calendar()
    with qtbot.waitSignal(field.value_changed):
        field.popup.clear_button.click()
    assert field.value() is None


def test_a_day_picked_in_the_calendar_is_the_value(qtbot) -> None:
    field, _after, _dialog = field_in_form(qtbot)
    field.set_value(dt.date(2031, 7, 9))
    field.open_calendar()
    assert field.popup is not None
    calendar = field.popup.calendar
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Right)
    with qtbot.waitSignal(field.value_changed):
        qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    assert field.value() == dt.date(2031, 7, 10)
    assert not field.popup.isVisible()


def test_esc_in_the_calendar_closes_only_the_calendar(qtbot) -> None:
    field, _after, dialog = field_in_form(qtbot)
    field.open_calendar()
    assert field.popup is not None
    calendar = field.popup.calendar
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Escape)
    assert not field.popup.isVisible()
    assert dialog.isVisible(), "the form under the calendar stays open"


def test_up_and_down_move_the_date_a_day(qtbot) -> None:
    field, _after, _dialog = field_in_form(qtbot)
    field.set_value(dt.date(2031, 7, 9))
    qtbot.keyClick(field.line, Qt.Key.Key_Up)
    assert field.value() == dt.date(2031, 7, 10)
    qtbot.keyClick(field.line, Qt.Key.Key_Down)
    qtbot.keyClick(field.line, Qt.Key.Key_Down)
    assert field.value() == dt.date(2031, 7, 8)


def test_the_value_reads_the_typed_text_before_enter(qtbot) -> None:
    """A form saved straight after typing (Ctrl+Enter) gets the date the hint showed."""
    field, _after, _dialog = field_in_form(qtbot)
    type_into(qtbot, field, "tomorrow")
    assert field.value() == TODAY + dt.timedelta(days=1)


def test_a_shown_field_follows_the_date_order_chosen_later(qtbot) -> None:
    field, _after, _dialog = field_in_form(qtbot)
    field.set_value(dt.date(2031, 3, 4))
    assert field.line.text() == dates.date_text(dt.date(2031, 3, 4), weekday=True)
    dates.configure(Preferences(date_format="iso"))
    assert field.line.text() == "Tue 2031-03-04"
    dates.configure(Preferences(date_format="month-day"))
    assert field.line.text() == "Tue, Mar 4, 2031"


def test_accessible_names(qtbot) -> None:
    field, _after, _dialog = field_in_form(qtbot)
    assert field.line.accessibleName() == "Due date"
    assert field.calendar_button.accessibleName() == "Choose the due date on a calendar"
    assert field.clear_button.accessibleName() == "Clear the due date"


def test_a_date_and_time_field(qtbot) -> None:
    field = DateTimeField()
    qtbot.addWidget(field)
    field.setAccessibleName("When")
    field.set_moment(dt.datetime(2026, 11, 3, 14, 30))
    assert field.moment() == dt.datetime(2026, 11, 3, 14, 30)
    assert field.time.accessibleName() == "When, time of day"
    with qtbot.waitSignal(field.changed):
        field.date.line.setText("2 Nov 2026")
        field.date.commit()
    assert field.moment() == dt.datetime(2026, 11, 2, 14, 30)


def test_building_a_field_opens_no_window_of_its_own(qtbot) -> None:
    """A button shown before it sat in the field's layout would be a window, taking the
    active window (and its shortcuts) from the one the user works in."""
    before = {id(widget) for widget in QApplication.topLevelWidgets() if widget.isVisible()}
    for optional in (True, False):
        field = DateField(optional=optional)
        qtbot.addWidget(field)
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and id(w) not in before]
    assert shown == []


def text_room(field: DateField) -> int:
    """The pixels left for the typed text once the hint painted beside it has its room."""
    line = field.line
    return line.contentsRect().width() - line.textMargins().right()


@pytest.mark.parametrize("width", [138, 200, 320])
@pytest.mark.parametrize("text", ["fri", "in 3 days", "next week", "next wednesday"])
def test_the_hint_never_covers_what_is_typed_and_is_under_a_field_too_narrow_for_it(
    qtbot, width: int, text: str
) -> None:
    """The due date of an action item row is about 140 pixels wide: the hint shortens, then
    moves just under the field, and the typed text keeps its room whatever the width."""
    field, after, _dialog = field_in_form(qtbot)
    field.line.setFixedWidth(width)
    type_into(qtbot, field, text)
    line = field.line
    typed = line.fontMetrics().horizontalAdvance(text)
    assert typed <= text_room(field) - 12, "the whole typed text is in sight"
    day = field.value()
    assert day is not None
    full = f"→ {dates.date_text(day, weekday=True)}"
    assert line.hint() == full
    if line.shown_hint:
        assert line.shown_hint in (
            full,
            f"→ {dates.date_text(day, year=False, weekday=True)}",
            f"→ {dates.date_text(day, year=False)}",
        )
        assert not line.below.isVisible()
    else:
        assert line.below.isVisible() and line.below.text() == full
        assert line.below.geometry().top() >= line.mapToGlobal(line.rect().bottomLeft()).y()
    if width == 320:
        assert line.shown_hint == full, "room enough: the whole hint, in the field"
    after.setFocus()
    assert not line.below.isVisible()


def test_in_a_narrow_field_the_hint_gets_shorter_before_it_leaves(qtbot) -> None:
    field, _after, _dialog = field_in_form(qtbot)
    field.line.setFixedWidth(138)
    type_into(qtbot, field, "+1d")
    day = TODAY + dt.timedelta(days=1)
    assert field.line.hint() == f"→ {dates.date_text(day, weekday=True)}"
    assert field.line.shown_hint in (
        f"→ {dates.date_text(day, year=False, weekday=True)}",
        f"→ {dates.date_text(day, year=False)}",
    )
    type_into(qtbot, field, "next wednesday")
    assert field.line.shown_hint == "" and field.line.below.isVisible()
    assert field.line.textMargins().right() == 0, "the text has the whole field"
