"""Fields that a scrolling wheel passes over: a spin box or a drop-down list under the pointer
while the user scrolls a long form (a manager's profile, a touchpoint) would otherwise take the
wheel and change its value unseen ("at most every 14 days" became 7). They take the wheel only
once the user has clicked or tabbed into them; before that the form scrolls, as in the
platforms' own settings screens."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget


class _PassWheel(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        if watched.hasFocus():
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:
            QCoreApplication.sendEvent(area.viewport(), event)
        return True


_FILTER = _PassWheel()


def pass_wheel_unless_focused(*fields: QWidget) -> None:
    """Let the wheel scroll the form past ``fields`` until one is clicked or tabbed into."""
    for field in fields:
        field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        field.installEventFilter(_FILTER)
