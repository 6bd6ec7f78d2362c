"""Paints a status cell: per status, a coloured pill holding its word, and beside it every
activity behind it in words, wrapped onto as many lines as the column needs.

A manager overdue for a one-on-one and a field visit and due for a call review reads
"[Overdue] One-on-one 80 days ago · Field visit 94 days ago" and, on the next line, "[Due] Call
review 20 days ago": the pill's colour repeats what its word says and the words carry the
meaning, so a reader who cannot tell the colours apart loses nothing, and no reason is ever cut
short ("Call review 5…"): the text wraps and the row grows to hold it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.dashboard.model import GroupsRole

_Index = QModelIndex | QPersistentModelIndex
_PAD = 6
#: Space between two statuses' lines.
_LINE_GAP = 3

Groups = Sequence[tuple[str, str, Sequence[str]]]


def text_on(colour: QColor) -> QColor:
    """Black or white, whichever reads better on ``colour`` (WCAG relative luminance)."""
    channels = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        for c in (colour.redF(), colour.greenF(), colour.blueF())
    ]
    luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    return QColor("#000000") if luminance > 0.179 else QColor("#FFFFFF")


@dataclasses.dataclass(frozen=True, slots=True)
class _Sizes:
    """What a font gives every row alike: the pill's width (the widest word's) and height, and
    the text's metrics."""

    font: str
    pill_width: int
    pill_height: int
    metrics: QFontMetrics


@dataclasses.dataclass(frozen=True, slots=True)
class Line:
    """One status of a cell where the delegate draws it, relative to the cell's top left: its
    pill, and its activities' words beside it."""

    pill: QRect
    word: str
    colour: str
    text: QRect
    reasons: str


_WRAP = Qt.TextFlag.TextWordWrap
_KEEP = "\N{NO-BREAK SPACE}"


def unbroken(reason: str) -> str:
    """``reason`` wrapped only before its number: "Career conversation" and "258 days ago"
    each stay whole on a line."""
    return re.sub(f"{_KEEP}(?=\\d)", " ", reason.replace(" ", _KEEP))


class StatusDelegate(QStyledItemDelegate):
    """The status column: pills as wide as the widest status word, so the words line up."""

    #: The words a pill may hold: the pill's width fits the longest.
    LABELS = ("Overdue", "Due", "On track")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: The pill's size and the text's metrics per font (measured once: the table asks for
        #: every row).
        self._sizes: dict[str, _Sizes] = {}
        #: The wrapped height of each text drawn or measured since the rows were last fitted,
        #: by (font, room, text), and those of the fit before: a refresh measures again only
        #: the texts that changed (wrapping a text is most of a row's measuring).
        self._heights: dict[tuple[str, int, str], int] = {}
        self._fitted: dict[tuple[str, int, str], int] = {}

    def _pill_font(self, option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def _sizes_for(self, option: QStyleOptionViewItem) -> _Sizes:
        key = option.font.key()
        if key not in self._sizes:
            pill = QFontMetrics(self._pill_font(option))
            widest = max(pill.horizontalAdvance(word) for word in self.LABELS)
            metrics = QFontMetrics(option.font)
            self._sizes[key] = _Sizes(key, widest + 2 * _PAD + 4, pill.height() + 4, metrics)
        return self._sizes[key]

    def _pill_width(self, option: QStyleOptionViewItem) -> int:
        return self._sizes_for(option).pill_width

    def _wrapped_height(self, sizes: _Sizes, room: int, text: str) -> int:
        key = (sizes.font, room, text)
        height = self._heights.get(key, self._fitted.get(key))
        if height is None:
            bounds = sizes.metrics.boundingRect(QRect(0, 0, room, 100_000), int(_WRAP), text)
            height = bounds.height()
        self._heights[key] = height
        return height

    def layout(self, option: QStyleOptionViewItem, groups: Groups, width: int) -> list[Line]:
        """Where each status goes in a cell ``width`` wide: one under the other, the words
        wrapped in the room the pill leaves."""
        sizes = self._sizes_for(option)
        pill_width, pill_height = sizes.pill_width, sizes.pill_height
        room = max(40, width - pill_width - _PAD)
        lines, y = [], 0
        for word, colour, reasons in groups:
            text = f"{_KEEP}· ".join(unbroken(reason) for reason in reasons)
            height = max(pill_height, self._wrapped_height(sizes, room, text))
            pill = QRect(
                0,
                y + (min(height, sizes.metrics.height() + 4) - pill_height) // 2,
                pill_width,
                pill_height,
            )
            words = QRect(pill_width + _PAD, y, room, height)
            lines.append(Line(pill, word, colour, words, text))
            y += height + _LINE_GAP
        return lines

    def height(self, option: QStyleOptionViewItem, groups: Groups, width: int) -> int:
        """The height a cell ``width`` wide needs to show every status and reason in full."""
        lines = self.layout(option, groups, width - 2 * _PAD)
        return max(line.text.bottom() for line in lines) + 1 + 10

    def heights(
        self, option: QStyleOptionViewItem, rows: Iterable[Groups], width: int
    ) -> list[int]:
        """:meth:`height` of every row of the table, measuring again only the texts that were
        not in the rows fitted last (and keeping only these rows' texts)."""
        self._fitted, self._heights = self._heights, {}
        try:
            return [self.height(option, groups, width) for groups in rows]
        finally:
            self._fitted = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        hint = super().sizeHint(option, index)
        groups = index.data(GroupsRole)
        if not groups:
            return hint
        width = option.rect.width() if option.rect.width() > 0 else 10_000
        return QSize(hint.width(), max(hint.height() + 6, self.height(option, groups, width)))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        groups = index.data(GroupsRole)
        if not groups:
            super().paint(painter, option, index)
            return
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        cell = option.rect.adjusted(_PAD, 3, -_PAD, -3)
        lines = self.layout(option, groups, cell.width())
        block = max(line.text.bottom() for line in lines) + 1
        top = cell.top() + max(0, (cell.height() - block) // 2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        for line in lines:
            pill = line.pill.translated(cell.left(), top)
            fill = QColor(line.colour)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setFont(self._pill_font(option))
            painter.setPen(text_on(fill))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, line.word)
            painter.setFont(option.font)
            painter.setPen(option.palette.color(role))
            words = line.text.translated(cell.left(), top)
            painter.drawText(
                words,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter) | int(_WRAP),
                line.reasons,
            )
        painter.restore()
