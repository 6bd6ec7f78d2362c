"""Keep a page that shows the journal up to date without paying for it while it is hidden.

Several pages read the journal again when the session says it changed. Reading it while the
page is off screen is wasted work (editing a manager saves every few seconds), and a burst of
changes (a restore from the trash) should cost one read, not one each. :class:`RefreshWhenShown`
holds that policy once: the page owns one, routes the session's signals to it and tells it
when it has read the journal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, SignalInstance, Slot
from PySide6.QtWidgets import QWidget

from ui.widgets.basic import delay_timer


class RefreshWhenShown(QObject):
    """Calls ``refresh`` when ``page`` is shown and stale, or when the journal changes while
    the page is shown: after ``delay_ms`` of quiet if given (a burst costs one refresh), else
    at once. ``outdated`` names another reason to refresh when shown (a new day, say)."""

    def __init__(
        self,
        page: QWidget,
        refresh: Callable[[], object],
        *,
        delay_ms: int | None = None,
        outdated: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(page)
        self._page = page
        self._refresh = refresh
        self._outdated = outdated
        #: The journal may have changed since the page last read it.
        self.stale = True
        self.timer = (
            None if delay_ms is None else delay_timer(self, delay_ms, self.refresh_if_shown)
        )
        page.installEventFilter(self)

    def follow(self, opened: SignalInstance, changes: Iterable[SignalInstance]) -> None:
        """Refresh on ``opened`` (another journal) and on each of ``changes``."""
        opened.connect(self.opened)
        for signal in changes:
            signal.connect(self.changed)

    @Slot()
    def changed(self) -> None:
        """Something the page shows may have changed: refresh soon if shown, else when shown."""
        self.stale = True
        if self._page.isVisible():
            if self.timer is None:
                self._refresh()
            else:
                self.timer.start()

    @Slot()
    def opened(self) -> None:
        """Another journal: never show the last one's content, not even for a moment."""
        self.stale = True
        self.refresh_if_shown()

    @Slot()
    def refresh_if_shown(self) -> None:
        """Read the journal now if the page is shown; else it waits, stale, until it is."""
        if self._page.isVisible():
            self._refresh()

    def refreshed(self) -> None:
        """The page has just read the journal: nothing is pending any more."""
        if self.timer is not None:
            self.timer.stop()
        self.stale = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On show, catch up with what changed while the page was hidden."""
        if (
            watched is self._page
            and event.type() == QEvent.Type.Show
            and (self.stale or (self._outdated is not None and self._outdated()))
        ):
            self._refresh()
        return False
