"""Small reusable widgets."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QIcon, QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QCheckBox,
    QLabel,
    QScrollArea,
    QSpinBox,
    QWidget,
)

from ui.widgets.basic import FittingRow
from ui.widgets.lazy_tabs import LazyTabs
from ui.widgets.wheel import pass_wheel_unless_focused


def test_a_fitting_row_stacks_its_widgets_when_they_do_not_fit(qtbot) -> None:
    count = QLabel("8 managers")
    switch = QCheckBox("Show archived (1)")
    pane = QWidget()  # a pane the row is laid into, as narrow as the user drags it
    qtbot.addWidget(pane)
    row = FittingRow(count, switch)
    row.setParent(pane)
    pane.resize(600, 100)
    row.resize(600, 40)
    pane.show()
    assert row.box.direction() is QBoxLayout.Direction.LeftToRight
    # Room for the wider of the two, not for both side by side.
    row.resize(max(count.sizeHint().width(), switch.sizeHint().width()) + 10, 80)
    qtbot.waitUntil(lambda: row.box.direction() is QBoxLayout.Direction.TopToBottom)
    qtbot.waitUntil(lambda: switch.width() >= switch.sizeHint().width())  # nothing cut short
    row.resize(600, 40)
    qtbot.waitUntil(lambda: row.box.direction() is QBoxLayout.Direction.LeftToRight)


def _wheel(widget: QWidget, steps: int) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(widget.rect().center())),
        QPoint(0, 0),
        QPoint(0, -120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_a_form_past_a_field_until_it_is_clicked_into(qtbot) -> None:
    """A spin box under the pointer while the user scrolls a long form kept its value (it
    changed a cadence unseen); once focused, it takes the wheel as usual."""
    area = QScrollArea()
    qtbot.addWidget(area)
    form = QWidget()
    form.setMinimumHeight(3000)
    box = QSpinBox(form)
    box.setRange(1, 100)
    box.setValue(14)
    other = QSpinBox(form)
    other.move(0, 60)
    pass_wheel_unless_focused(box)
    area.setWidget(form)
    area.resize(300, 200)
    area.show()
    qtbot.waitExposed(area)
    other.setFocus()

    _wheel(box, 3)
    assert box.value() == 14
    assert area.verticalScrollBar().value() > 0

    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    _wheel(box, 1)
    assert box.value() == 13


def test_lazy_tabs_build_a_page_when_it_is_first_chosen_or_asked_for(qtbot) -> None:
    built: list[str] = []

    def builder(name: str) -> Callable[[], QWidget]:
        def build() -> QWidget:
            built.append(name)
            page = QLabel(name)
            page.setObjectName(name)
            return page

        return build

    tabs = LazyTabs()
    qtbot.addWidget(tabs)
    for name in ("first", "second", "third"):
        tabs.add_lazy(builder(name), QIcon(), name.title())
    tabs.show()
    assert built == ["first"]  # the tab on screen, and no other
    assert [tabs.is_built(i) for i in range(3)] == [True, False, False]

    chosen: list[int] = []
    tabs.currentChanged.connect(chosen.append)
    tabs.setCurrentIndex(2)  # chosen by the user: built before it is painted
    assert built == ["first", "third"]
    assert chosen == [2]
    assert tabs.currentWidget().objectName() == "third"
    assert tabs.currentWidget().isVisible()

    second = tabs.page(1)  # asked for by code: built in its place, the current tab kept
    assert built == ["first", "third", "second"]
    assert tabs.currentIndex() == 2
    assert tabs.indexOf(second) == 1
    assert [tabs.tabText(i) for i in range(3)] == ["First", "Second", "Third"]
    tabs.setCurrentWidget(second)
    assert tabs.currentWidget() is second
    assert tabs.page(1) is second
    assert built == ["first", "third", "second"]  # each page built once


def test_a_lazy_tab_whose_build_failed_is_built_again_when_next_asked_for(qtbot) -> None:
    attempts: list[int] = []

    def build() -> QWidget:
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("the record it shows is gone")
        return QLabel("second try")

    tabs = LazyTabs()
    qtbot.addWidget(tabs)
    tabs.add_lazy(QLabel, QIcon(), "First")
    tabs.add_lazy(build, QIcon(), "Second")
    with pytest.raises(RuntimeError):
        tabs.page(1)
    assert not tabs.is_built(1)
    page = tabs.page(1)
    assert isinstance(page, QLabel) and page.text() == "second try"
    assert tabs.is_built(1) and tabs.widget(1) is page
