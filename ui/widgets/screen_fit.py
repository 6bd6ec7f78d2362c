"""Every window and dialog fits the screen it opens on, and comes back as it was left there.

A dialog sized for a large monitor put Save and Discard below the edge of a 1366×768 laptop.
:func:`fit_to_screen` is the one place that sizes a window: it opens at the size and place it
was last left at on that screen (a laptop and the monitor it docks to each keep their own, keyed
by the screen's geometry in QSettings), else at the size the window asks for; and never larger
than the screen's available area, less room for the title bar and borders. Content that needs
more room than that scrolls inside the window (the window puts it in a scroll area).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

#: Room for a window's title bar and borders, which the window system adds around it.
FRAME = QSize(16, 40)


def fit_to_screen(
    window: QWidget, name: str, preferred: QSize, settings: QSettings | None = None
) -> None:
    """Size ``window`` (before it is shown) for the screen it opens on; remember its size and
    place under ``name`` when it closes."""
    store = settings if settings is not None else QSettings()
    screen = _screen_of(window)
    area = screen.availableGeometry()
    room = QSize(max(1, area.width() - FRAME.width()), max(1, area.height() - FRAME.height()))
    window.setMinimumSize(window.minimumSize().boundedTo(room))
    window.setMaximumSize(window.maximumSize().boundedTo(area.size()))
    saved = store.value(_key(name, screen))
    if isinstance(saved, QRect) and saved.isValid() and area.intersects(saved):
        size = saved.size().boundedTo(room)
        last_left = area.x() + area.width() - size.width() - FRAME.width()
        last_top = area.y() + area.height() - size.height() - FRAME.height()
        left = max(min(saved.left(), last_left), area.left())
        top = max(min(saved.top(), last_top), area.top())
        window.setGeometry(QRect(QPoint(left, top), size))
    else:
        window.resize(preferred.expandedTo(window.minimumSize()).boundedTo(room))
    window.installEventFilter(_Remember(window, name, store))


def available_room(window: QWidget) -> QSize:
    """The largest size ``window`` may take on its screen."""
    area = _screen_of(window).availableGeometry()
    return QSize(area.width() - FRAME.width(), area.height() - FRAME.height())


def _screen_of(window: QWidget) -> QScreen:
    parent = window.parentWidget()
    screen = (parent.window().screen() if parent is not None else None) or window.screen()
    return screen or QGuiApplication.primaryScreen()


def _key(name: str, screen: QScreen) -> str:
    geometry = screen.geometry()
    where = f"{geometry.width()}x{geometry.height()}+{geometry.x()}+{geometry.y()}"
    return f"windows/{name}/{where}"


class _Remember(QObject):
    """Keeps the window's size and place for its screen each time it is hidden or closed."""

    def __init__(self, window: QWidget, name: str, settings: QSettings) -> None:
        super().__init__(window)
        self._name = name
        self._settings = settings

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide and isinstance(watched, QWidget):
            # Its own screen: the parent it opened over may be going away with its screen.
            screen = watched.screen() or QGuiApplication.primaryScreen()
            self._settings.setValue(_key(self._name, screen), watched.geometry())
        return False
