"""Guards against a Qt binding that releases references it does not own.

PySide6 6.12.0 releases a reference to ``None`` it does not own on calls that return nothing
(``setObjectName``, ``setData(role, 5)``, property keywords such as ``QLabel(wordWrap=True)``...)
and one to ``True`` on every ``Signal.emit()``. Each call looks harmless; a few thousand of them,
as a long session makes, free ``None`` or ``True`` itself and crash the interpreter.
pyproject.toml keeps PySide6 below 6.12; this test fails if the binding in use has the bug, so
the pin is lifted only for a fixed release.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QListWidgetItem, QWidget

CALLS = 500


def _references_lost(call: Callable[[], object]) -> int:
    """How many references to None and True the calls gave back without having taken them."""
    gc.collect()
    before = sys.getrefcount(None) + sys.getrefcount(True)
    for _ in range(CALLS):
        call()
    gc.collect()
    return before - sys.getrefcount(None) - sys.getrefcount(True)


class _Emitter(QObject):
    happened = Signal()


@pytest.mark.parametrize(
    "name",
    ["setObjectName", "setData", "setForeground", "setShortcut", "property keywords", "emit"],
)
def test_the_qt_binding_keeps_its_references(qtbot, name: str) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    item = QListWidgetItem("x")
    action = QAction("x", holder)
    emitter = _Emitter()
    calls: dict[str, Callable[[], object]] = {
        "setObjectName": lambda: holder.setObjectName("x"),
        "emit": emitter.happened.emit,
        "setData": lambda: item.setData(Qt.ItemDataRole.UserRole, 5),
        "setForeground": lambda: item.setForeground(Qt.GlobalColor.red),
        "setShortcut": lambda: action.setShortcut(QKeySequence.StandardKey.New),
        "property keywords": lambda: (QLabel("x", wordWrap=True), QTimer(singleShot=True)),
    }
    assert _references_lost(calls[name]) < CALLS // 2
