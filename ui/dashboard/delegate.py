"""Paints a status cell as a coloured pill holding the status word, then the reason in words.

The pill's colour repeats what its word says; the word and the reason carry the meaning, so a
reader who cannot tell the colours apart loses nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.dashboard.model import ReasonRole, StatusColourRole, StatusLabelRole

_Index = QModelIndex | QPersistentModelIndex
_PAD = 6


def text_on(colour: QColor) -> QColor:
    """Black or white, whichever reads better on ``colour`` (WCAG relative luminance)."""
    channels = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        for c in (colour.redF(), colour.greenF(), colour.blueF())
    ]
    luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    return QColor("#000000") if luminance > 0.179 else QColor("#FFFFFF")


class StatusDelegate(QStyledItemDelegate):
    """The status column: a pill as wide as the widest status word, so the reasons line up."""

    #: The words a pill may hold: the pill's width fits the longest.
    LABELS = ("Overdue", "Due", "On track")

    def _pill_font(self, option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def _pill_width(self, option: QStyleOptionViewItem) -> int:
        metrics = QFontMetrics(self._pill_font(option))
        return max(metrics.horizontalAdvance(word) for word in self.LABELS) + 2 * _PAD + 4

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + self._pill_width(option) + _PAD, hint.height() + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        word = index.data(StatusLabelRole)
        colour = index.data(StatusColourRole)
        if not word or not colour:
            super().paint(painter, option, index)
            return
        reason = str(index.data(ReasonRole) or "")
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        cell = option.rect.adjusted(_PAD, 3, -_PAD, -3)
        pill_font = self._pill_font(option)
        pill_height = min(cell.height(), QFontMetrics(pill_font).height() + 4)
        pill = QRect(
            cell.left(),
            cell.center().y() - pill_height // 2 + 1,
            self._pill_width(option),
            pill_height,
        )
        fill = QColor(colour)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(pill, pill_height / 2, pill_height / 2)
        painter.setFont(pill_font)
        painter.setPen(text_on(fill))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, word)

        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setFont(option.font)
        painter.setPen(option.palette.color(role))
        rest = cell.adjusted(pill.width() + _PAD + 2, 0, 0, 0)
        metrics = QFontMetrics(option.font)
        painter.drawText(
            rest,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(reason, Qt.TextElideMode.ElideRight, rest.width()),
        )
        painter.restore()
