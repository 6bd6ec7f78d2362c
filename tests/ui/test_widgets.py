"""Small reusable widgets."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QCheckBox, QLabel, QWidget

from ui.widgets.basic import FittingRow


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
