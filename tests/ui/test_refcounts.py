"""Guards against a Qt binding that releases references it does not own.

PySide6 6.12.0 releases a reference to ``None`` on implicit conversions (``setData(role, 5)``,
``setShortcut(StandardKey)``, property keywords such as ``QLabel(wordWrap=True)``...). Each call
looks harmless; a few thousand of them, as a long session makes, free ``None`` itself and crash
the interpreter. pyproject.toml keeps PySide6 below 6.12; this test fails if the binding in use
has the bug, so the pin is lifted only for a fixed release.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QListWidgetItem, QWidget

CALLS = 500


def _none_refs_lost(call: Callable[[], object]) -> int:
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        call()
    gc.collect()
    return before - sys.getrefcount(None)


@pytest.mark.parametrize(
    "name",
    ["setData", "setForeground", "setShortcut", "property keywords"],
)
def test_the_qt_binding_keeps_its_references(qtbot, name: str) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    item = QListWidgetItem("x")
    action = QAction("x", holder)
    calls: dict[str, Callable[[], object]] = {
        "setData": lambda: item.setData(Qt.ItemDataRole.UserRole, 5),
        "setForeground": lambda: item.setForeground(Qt.GlobalColor.red),
        "setShortcut": lambda: action.setShortcut(QKeySequence.StandardKey.New),
        "property keywords": lambda: (QLabel("x", wordWrap=True), QTimer(singleShot=True)),
    }
    assert _none_refs_lost(calls[name]) < CALLS // 2
