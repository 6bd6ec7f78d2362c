"""Search results: manager, date, kind and a snippet with the match highlighted."""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import search
from coachjournal.coaching.search import MATCH_END, MATCH_START, SearchHit
from ui import dates
from ui.widgets.basic import delay_timer, label

_Index = QModelIndex | QPersistentModelIndex
HitRole = Qt.ItemDataRole.UserRole + 1
#: Milliseconds after the last keystroke before searching (type-ahead without flicker).
SEARCH_DELAY_MS = 150


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
    when = dates.date_text(hit.when.date()) if hit.when else ""
    return " · ".join(part for part in (hit.manager_name, hit.label, when) if part)


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

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


class ResultDelegate(QStyledItemDelegate):
    """Two lines per hit: who, what and when; then the snippet with the match highlighted."""

    def _document(self, option: QStyleOptionViewItem, hit: SearchHit) -> QTextDocument:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = option.palette.color(role).name()
        if selected:
            background = option.palette.color(QPalette.ColorRole.Highlight).darker(130).name()
            foreground = colour
        else:
            background, foreground = "#FFE08A", "#1A1A1A"
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setTextWidth(max(option.rect.width() - 16, 100))
        document.setHtml(
            f'<div style="color:{colour}"><b>{html.escape(heading(hit))}</b><br/>'
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


class SearchPage(QWidget):
    """Shows the hits for the text typed in the window's search box."""

    hit_opened = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SearchResultsModel(self)
        self.summary = label("", "mutedLabel")
        self.view = QListView()
        self.view.setAccessibleName("Search results")
        self.view.setModel(self.model)
        self.view.setItemDelegate(ResultDelegate(self.view))
        self.view.setWordWrap(True)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.activated.connect(self._open)
        self.empty = label("", "emptyHint", wrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        self._pending = ""
        self._timer = delay_timer(self, SEARCH_DELAY_MS, self.run)
        self.show_hits("", [])

    def query(self, text: str) -> None:
        """Search for ``text`` a moment after the user stops typing."""
        self._pending = text
        self._timer.start()

    @Slot()
    def run(self) -> None:
        self._timer.stop()
        text = self._pending
        self.show_hits(text, search.search(text) if text.strip() else [])

    def show_hits(self, text: str, hits: list[SearchHit]) -> None:
        self.model.set_hits(hits)
        found = bool(hits)
        self.view.setVisible(found)
        self.empty.setVisible(not found)
        if not text.strip():
            self.summary.setText("")
            self.empty.setText(
                "Type to search every note, summary, action item, assignment and profile.\n"
                'Words match their beginnings ("negot" finds "negotiation"); '
                'use "double quotes" for a phrase.'
            )
        elif not found:
            self.summary.setText("")
            self.empty.setText(f"Nothing found for “{text.strip()}”.")
        else:
            self.summary.setText(
                f"{len(hits)} result{'s' if len(hits) != 1 else ''} for “{text.strip()}”, "
                "newest first. Press Enter to open one."
            )
        if found:
            self.view.setCurrentIndex(self.model.index(0))

    @Slot(QModelIndex)
    def _open(self, index: QModelIndex) -> None:
        self.hit_opened.emit(index.data(HitRole))

    def open_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self._open(index)
