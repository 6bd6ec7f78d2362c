"""Tabs whose pages are built the first time they are shown, or asked for.

A screen of several tabs shows one at a time, yet building every tab up front made its first
visit pay for all of them (the Team Picture's talent review is half of the screen's cost, and
it opens on the skills). :class:`LazyTabs` holds a tab's builder instead of its page and puts
the page in its tab when the tab is first chosen, or when code asks for it with :meth:`page`,
so ``tabs.setCurrentWidget(screen.plan)`` works as with any tab widget. An unbuilt tab holds an
empty widget that is never on screen: choosing the tab builds its page before it is painted.

With ``build_after_paint`` the other tabs are built too, one per turn of the event loop, once
the tab shown has been painted: the screen comes up as fast, and a tab chosen a moment later is
already there (the manager page, whose tabs are visited in turn).
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QIcon, QPaintEvent
from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTabs(QTabWidget):
    """A tab widget whose pages are made by builders, each the first time it is needed."""

    def __init__(self, parent: QWidget | None = None, *, build_after_paint: bool = False) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self._builders: list[Callable[[], QWidget] | None] = []
        self._build_after_paint = build_after_paint
        self.currentChanged.connect(self._chosen)

    def add_lazy(self, build: Callable[[], QWidget], icon: QIcon, text: str) -> int:
        """Add a tab whose page ``build()`` makes when first needed; its index."""
        index = self.addTab(QWidget(), icon, text)
        self._builders.insert(index, build)
        if self.currentIndex() == index:  # the first tab: it is shown, so it is built now
            self.page(index)
        return index

    def is_built(self, index: int) -> bool:
        return self._builders[index] is None

    def page(self, index: int) -> QWidget:
        """The page of tab ``index``, built (and put in its tab) if it was not yet."""
        build = self._builders[index]
        if build is None:
            page = self.widget(index)
            assert page is not None
            return page
        self._builders[index] = None  # set first: a build that reaches this tab builds it once
        try:
            page = build()
        except BaseException:
            self._builders[index] = build  # not built: the next call tries again
            raise
        empty = self.widget(index)
        was_current = self.currentIndex() == index
        blocked = self.blockSignals(True)  # the same tab stays chosen: no one needs telling
        try:
            self.insertTab(index, page, self.tabIcon(index), self.tabText(index))
            self._builders.insert(index, None)
            if was_current:
                self.setCurrentIndex(index)
            self.removeTab(index + 1)
            del self._builders[index + 1]
        finally:
            self.blockSignals(blocked)
        if empty is not None:
            empty.deleteLater()
        return page

    @Slot(int)
    def _chosen(self, index: int) -> None:
        if 0 <= index < len(self._builders):
            self.page(index)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._build_after_paint:
            self._build_after_paint = False
            QTimer.singleShot(0, self, self._build_next)

    @Slot()
    def _build_next(self) -> None:
        """Build the first unbuilt tab, and come back on the next turn for the one after."""
        unbuilt = [index for index, build in enumerate(self._builders) if build is not None]
        if unbuilt:
            self.page(unbuilt[0])
            if shiboken6.isValid(self):  # not closed meanwhile (a page's build may wait)
                QTimer.singleShot(0, self, self._build_next)
