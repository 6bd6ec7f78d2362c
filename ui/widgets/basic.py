"""Builders for the widgets the app makes most often: a styled label, a line edit with a
placeholder, a restartable single-shot timer; and the busy cursor around short blocking work."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit


def label(
    text: str = "",
    name: str = "",
    *,
    wrap: bool = False,
    align: Qt.AlignmentFlag | None = None,
) -> QLabel:
    """A label, styled by its object ``name`` (see resources/styles/app.qss)."""
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    if align is not None:
        widget.setAlignment(align)
    return widget


def line_edit(placeholder: str = "", accessible_name: str = "") -> QLineEdit:
    widget = QLineEdit()
    widget.setPlaceholderText(placeholder)
    if accessible_name:
        widget.setAccessibleName(accessible_name)
    return widget


def delay_timer(parent: QObject, milliseconds: int, slot: Callable[[], object]) -> QTimer:
    """A single-shot timer that calls ``slot``: restart it to postpone the call."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(milliseconds)
    timer.timeout.connect(slot)
    return timer


@contextlib.contextmanager
def wait_cursor() -> Iterator[None]:
    """The busy cursor while a short piece of work blocks the window, put back whatever
    happens (before any message about a failure is shown)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()
