"""Paints a roster row: an initials badge, the name, and 'Title · Team' beneath it."""

from __future__ import annotations

import zlib

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from coachjournal.coaching.roster import ManagerRecord
from ui.roster.model import RecordRole, subtitle

#: Okabe–Ito, a palette that stays distinct for colour-blind eyes.
BADGE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F6D00")
_PAD = 8
_BADGE = 34


def initials(name: str) -> str:
    words = [word for word in name.replace("-", " ").split() if word[:1].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def badge_colour(name: str) -> QColor:
    return QColor(BADGE_COLOURS[zlib.crc32(name.encode()) % len(BADGE_COLOURS)])


class ManagerDelegate(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        lines = QFontMetrics(option.font).lineSpacing() * 2 + 4
        return QSize(200, max(_BADGE, lines) + 2 * _PAD)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        record: ManagerRecord | None = index.data(RecordRole)
        if record is None:
            return
        style = option.widget.style() if option.widget else None
        painter.save()
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_colour = palette.color(text_role)
        muted = QColor(text_colour)
        muted.setAlphaF(0.65)

        rect = option.rect.adjusted(_PAD, _PAD, -_PAD, -_PAD)
        badge = QRect(rect.left(), rect.center().y() - _BADGE // 2, _BADGE, _BADGE)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = badge_colour(record.name)
        if record.archived:
            colour.setAlphaF(0.45)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(badge)
        badge_font = QFont(option.font)
        badge_font.setBold(True)
        painter.setFont(badge_font)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, initials(record.name))

        text = rect.adjusted(_BADGE + _PAD + 2, 0, 0, 0)
        name_font = QFont(option.font)
        name_font.setWeight(QFont.Weight.DemiBold)
        name_metrics = QFontMetrics(name_font)
        tag = "  (archived)" if record.archived else ""
        line_height = name_metrics.lineSpacing()
        top = text.center().y() - line_height
        name_rect = QRect(text.left(), top, text.width(), line_height)
        painter.setFont(name_font)
        painter.setPen(muted if record.archived else text_colour)
        painter.drawText(
            name_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name_metrics.elidedText(record.name + tag, Qt.TextElideMode.ElideRight, text.width()),
        )
        detail = subtitle(record) or "No title or team yet"
        metrics = QFontMetrics(option.font)
        painter.setFont(option.font)
        painter.setPen(muted)
        painter.drawText(
            QRect(text.left(), top + line_height + 2, text.width(), metrics.lineSpacing()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(detail, Qt.TextElideMode.ElideRight, text.width()),
        )
        painter.restore()
