"""Search results: every match, a page at a time as the list scrolls, with filters beside them.

The query box (the window's toolbar) and the filter bar narrow the same search: what is typed
as ``manager:rania kind:field since:2026-01`` and what is picked in the bar both apply. The
model asks the core for one page when the view needs rows (``canFetchMore``/``fetchMore``), so
scrolling to the 398th match of "pricing" reads 8 small pages, never the lot. The exact count
is taken once per search, after the first page has been painted.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSettings,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QPainter, QPalette, QShowEvent, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import roster, search
from coachjournal.coaching.search import (
    MATCH_END,
    MATCH_START,
    SOURCE_LABELS,
    Cursor,
    Filters,
    Order,
    Query,
    SearchHit,
    Source,
)
from coachjournal.kinds import TouchpointKind
from ui import dates
from ui.widgets.basic import delay_timer, label
from ui.widgets.date_edit import DateField

_Index = QModelIndex | QPersistentModelIndex
HitRole = Qt.ItemDataRole.UserRole + 1
#: Milliseconds after the last keystroke before searching (type-ahead without flicker).
SEARCH_DELAY_MS = 150
#: Where the chosen order is remembered.
ORDER_KEY = "search/order"

#: The search box's tooltip: the syntax, for people who type.
_MARKUP = re.compile(r"\*\*|__|`|(?:^|\s)#{1,6}(?=\s)")


def snippet_html(snippet: str, background: str, foreground: str) -> str:
    """The snippet as HTML: Markdown markers dropped, the rest escaped, the matched words bold
    in ``foreground`` on ``background``."""
    text = _MARKUP.sub(" ", " ".join(snippet.split()))
    escaped = html.escape(" ".join(text.split()))
    return escaped.replace(
        html.escape(MATCH_START),
        f'<b style="background-color:{background}; color:{foreground}">',
    ).replace(html.escape(MATCH_END), "</b>")


def heading(hit: SearchHit) -> str:
    """Who, what, when and where the words are: "Rania Haddad · Field visit · 3 Dec 2026 ·
    in Notes"."""
    when = dates.date_text(hit.when.date()) if hit.when else ""
    where = f"in {hit.field}" if hit.field != hit.label else ""
    return " · ".join(part for part in (hit.manager_name, hit.label, when, where) if part)


_NOUNS = {
    Source.TOUCHPOINT: "note",
    Source.ACTION_ITEM: "action item",
    Source.ASSIGNMENT: "assignment",
    Source.TRAIT: "skill",
    Source.MANAGER: "profile",
    Source.TALENT: "talent review",
}


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


class SearchResultsModel(QAbstractListModel):
    """The hits of one search, fetched a page at a time as the view scrolls."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hits: list[SearchHit] = []
        self.query = Query("")
        self.order = Order.NEWEST
        self._next: Cursor | None = None
        #: A page is being inserted (a view may ask for more while it hears of the insert).
        self._fetching = False

    def start(self, query: Query, order: Order) -> None:
        """Show the first page of ``query``'s hits."""
        self.beginResetModel()
        self.query, self.order = query, order
        first = search.page(query, order=order)
        self.hits, self._next = first.hits, first.next
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.hits, self._next = [], None
        self.endResetModel()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008 (Qt signature)
        return not parent.isValid() and self._next is not None and not self._fetching

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008 (Qt signature)
        if not self.canFetchMore(parent):
            return
        assert self._next is not None
        more = search.page(self.query, self._next, self.order)
        self._next = more.next
        if more.hits:
            first = len(self.hits)
            self._fetching = True
            try:
                self.beginInsertRows(QModelIndex(), first, first + len(more.hits) - 1)
                self.hits.extend(more.hits)
                self.endInsertRows()
            finally:
                self._fetching = False

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == HitRole:
            return hit
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            plain = hit.snippet.replace(MATCH_START, "").replace(MATCH_END, "")
            return f"{heading(hit)}: {plain}"
        return None


def _blend(palette: QPalette, weight: float) -> str:
    """The text colour ``weight`` of the way from the background: a muted line in either
    theme."""
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    channels = (
        round(base_part + (text_part - base_part) * weight)
        for text_part, base_part in (
            (text.red(), base.red()),
            (text.green(), base.green()),
            (text.blue(), base.blue()),
        )
    )
    return "#{:02x}{:02x}{:02x}".format(*channels)


class ResultDelegate(QStyledItemDelegate):
    """Two lines per hit: who, what, when and where; then the snippet with the match
    highlighted."""

    def _document(self, option: QStyleOptionViewItem, hit: SearchHit) -> QTextDocument:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = option.palette.color(role).name()
        muted = colour if selected else _blend(option.palette, 0.6)
        if selected:
            background = option.palette.color(QPalette.ColorRole.Highlight).darker(130).name()
            foreground = colour
        else:
            background, foreground = "#FFE08A", "#1A1A1A"
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setTextWidth(max(option.rect.width() - 16, 100))
        document.setHtml(
            f'<div style="color:{colour}"><span style="color:{muted}">'
            f"{html.escape(heading(hit))}</span><br/>"
            f"{snippet_html(hit.snippet, background, foreground)}</div>"
        )
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        hit: SearchHit = index.data(HitRole)
        widget = option.widget
        style = widget.style() if widget else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget
            )
        painter.save()
        painter.translate(option.rect.left() + 8, option.rect.top() + 6)
        document = self._document(option, hit)
        document.drawContents(painter, QRectF(0, 0, option.rect.width() - 16, option.rect.height()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        hit: SearchHit = index.data(HitRole)
        document = self._document(option, hit)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 12)


def _combo(accessible_name: str, items: list[tuple[str, Any]]) -> QComboBox:
    """A list to pick from, as narrow as a dozen letters (longer names are elided)."""
    combo = QComboBox()
    combo.setAccessibleName(accessible_name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(9)
    for text, value in items:
        combo.addItem(text, value)
    return combo


def _buddy(text: str, widget: QWidget) -> QLabel:
    """A label with a mnemonic (Alt+letter) that moves the focus to ``widget``."""
    buddy = label(text, "mutedLabel")
    buddy.setBuddy(widget)
    return buddy


class FilterBar(QWidget):
    """Manager, kind, what was matched and dates, each reachable with Tab or its Alt+letter;
    and the order, which the page shows beside the count."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.manager = _combo("Manager", [("Anyone", None)])
        self.kind = _combo(
            "Kind of touchpoint", [("Any kind", None)] + [(k.label, k) for k in TouchpointKind]
        )
        self.since = DateField(leaning="past", placeholder="Any day")
        self.since.setAccessibleName("Since")
        self.until = DateField(leaning="past", placeholder="Any day")
        self.until.setAccessibleName("Until")
        self.source = _combo(
            "Matched in", [("Everything", None)] + [(t, s) for s, t in SOURCE_LABELS.items()]
        )
        self.order = _combo(
            "Order", [("Newest first", Order.NEWEST), ("Most relevant", Order.RELEVANCE)]
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for text, widget in (
            ("Mana&ger", self.manager),
            ("&Kind", self.kind),
            ("&In", self.source),
            ("&Since", self.since),
            ("&Until", self.until),
        ):
            layout.addWidget(_buddy(text, widget))
            layout.addWidget(widget)
        layout.addStretch(1)
        for combo in (self.manager, self.kind, self.source, self.order):
            combo.currentIndexChanged.connect(self.changed)
        self.since.value_changed.connect(self.changed)
        self.until.value_changed.connect(self.changed)

    def load_managers(self) -> None:
        """The roster as it is now, keeping the manager picked if they are still there."""
        picked = self.manager.currentData()
        self.manager.blockSignals(True)
        self.manager.clear()
        self.manager.addItem("Anyone", None)
        for record in roster.list_managers(include_archived=True):
            self.manager.addItem(record.name, record.id)
        found = self.manager.findData(picked)
        self.manager.setCurrentIndex(max(found, 0))
        self.manager.blockSignals(False)
        if picked is not None and found < 0:
            self.changed.emit()

    def filters(self) -> Filters:
        manager, kind, source = (
            combo.currentData() for combo in (self.manager, self.kind, self.source)
        )
        until = self.until.value()
        return Filters(
            manager_ids=frozenset({manager}) if manager is not None else frozenset(),
            kinds=frozenset({kind}) if kind is not None else frozenset(),
            since=self.since.value(),
            until=until + dt.timedelta(days=1) if until is not None else None,
            sources=frozenset({source}) if source is not None else frozenset(),
        )

    def chosen_order(self) -> Order:
        return Order(self.order.currentData())


class SearchPage(QWidget):
    """Shows the hits for the text typed in the window's search box."""

    #: A hit in a touchpoint (or an action item written in one) is to be opened at the match.
    open_requested = Signal(int, str)
    #: A hit with no touchpoint (a profile, an assignment, a skill) is to be shown.
    hit_opened = Signal(object)

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else QSettings()
        self.model = SearchResultsModel(self)
        self.filter_bar = FilterBar()
        remembered = str(self.settings.value(ORDER_KEY, Order.NEWEST.value))
        found = self.filter_bar.order.findData(remembered)
        self.filter_bar.order.setCurrentIndex(max(found, 0))
        self.filter_bar.changed.connect(self._filters_changed)
        self.summary = label("", "mutedLabel", wrap=True)
        self.summary.setAccessibleName("Search summary")
        self.view = QListView()
        self.view.setAccessibleName("Search results")
        self.view.setModel(self.model)
        self.view.setItemDelegate(ResultDelegate(self.view))
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.activated.connect(self._open)
        self.empty = label("", "emptyHint", wrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self._scrolling(self.filter_bar))
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(_buddy("&Order", self.filter_bar.order))
        summary_row.addWidget(self.filter_bar.order)
        layout.addLayout(summary_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        self._pending = ""
        self._shown = ""
        self.counts: dict[Source, int] | None = None
        self._timer = delay_timer(self, SEARCH_DELAY_MS, self.run)
        self._count_timer = delay_timer(self, 0, self.count)
        self.show_results()

    @staticmethod
    def _scrolling(bar: QWidget) -> QScrollArea:
        """``bar`` in a strip that scrolls sideways when the page is narrower than the bar, so
        the filters never force the window (or the roster beside them) wider."""
        strip = QScrollArea()
        strip.setWidget(bar)
        strip.setWidgetResizable(True)
        strip.setFrameShape(QFrame.Shape.NoFrame)
        strip.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        strip.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scrollbar = strip.horizontalScrollBar().sizeHint().height()
        strip.setFixedHeight(bar.sizeHint().height() + scrollbar)
        return strip

    def showEvent(self, event: QShowEvent) -> None:
        self.filter_bar.load_managers()
        super().showEvent(event)
        if self.counts is None and self.model.query.fts:
            self._count_timer.start()  # a count put off while the page was hidden

    def query(self, text: str) -> None:
        """Search for ``text`` a moment after the user stops typing."""
        self._pending = text
        self._timer.start()

    def current_query(self) -> Query:
        return search.parse(self._pending).narrowed(self.filter_bar.filters())

    @Slot()
    def _filters_changed(self) -> None:
        self.settings.setValue(ORDER_KEY, self.filter_bar.chosen_order().value)
        self.run()

    @Slot()
    def run(self) -> None:
        """Search now: the first page, then (once it is painted) the count."""
        self._timer.stop()
        self._shown = self._pending
        query = self.current_query()
        self.counts = None
        if query.fts is None:
            self.model.clear()
        else:
            self.model.start(query, self.filter_bar.chosen_order())
            self._count_timer.start()
        self.show_results()

    @Slot()
    def count(self) -> None:
        """Count every match of the search shown (all of them, however many); not while the page
        is hidden (the window closing, the journal locked): it counts when shown again."""
        self._count_timer.stop()
        if not self.isVisible():
            return
        self.counts = search.count(self.model.query) if self.model.query.fts else None
        self.show_results()

    def total(self) -> int | None:
        return sum(self.counts.values()) if self.counts is not None else None

    def show_results(self) -> None:
        text = self._shown.strip()
        found = self.model.rowCount() > 0
        self.view.setVisible(found)
        self.empty.setVisible(not found)
        terms = self.model.query.terms.strip()
        if not text or (self.model.query.fts is None and not found):
            self.summary.setText("")
            self.empty.setText(
                "Type to search every note, summary, action item, assignment and profile.\n"
                'Words match their beginnings ("negot" finds "negotiation"); '
                'use "double quotes" for a phrase, manager:name, kind:field, since:2026-01, '
                "in:notes to narrow it."
            )
        elif not found:
            self.summary.setText("")
            self.empty.setText(f"Nothing found for “{text}”.")
        else:
            self.summary.setText(self._summary(terms))
        if found and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0))

    def _summary(self, terms: str) -> str:
        order = "most relevant first" if self.model.order is Order.RELEVANCE else "newest first"
        if self.counts is None:
            return f"Results for “{terms}”, {order}. Counting…"
        parts = [plural(number, _NOUNS[source]) for source, number in self.counts.items() if number]
        total = plural(sum(self.counts.values()), "result")
        return f"{total} for “{terms}” ({', '.join(parts)}), {order}. Press Enter to open one."

    @Slot(QModelIndex)
    def _open(self, index: QModelIndex) -> None:
        hit: SearchHit = index.data(HitRole)
        if hit.touchpoint_id is not None:
            self.open_requested.emit(hit.touchpoint_id, self.model.query.terms)
        else:
            self.hit_opened.emit(hit)

    def open_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self._open(index)
