"""Paints the rows of the development lists.

* A trait: the skill and its detail; on the right the latest rating as five dots with the
  number, the change since the rating before, and a sparkline of its history; the target
  beneath. The first row of the strengths and of the development areas carries the group's
  heading, painted above it (no heading rows in the model, so the keyboard never lands on one).
* A motivator: its rank, its name, and whether it is confirmed, with an icon and words when
  it is stale or was never confirmed.
* An assignment: a status dot and word, the title, and when it is due; an overdue one says by
  how many days, with an icon, in bold red.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from coachjournal import colours as colours
from coachjournal.coaching.development import (
    AssignmentRecord,
    MotivatorRecord,
    TraitRecord,
    status_label,
)
from coachjournal.kinds import AssignmentStatus, TraitKind
from ui.development.models import GroupSizeRole, GroupStartRole, RecordRole
from ui.development.text import (
    confirmation_text,
    due_text,
    muted,
    target_text,
    trend_text,
    warning_colour,
)
from ui.icons import icon

_Index = QModelIndex | QPersistentModelIndex
_PAD = 8
_HEADING = 28
_GROUP_TITLES = {TraitKind.STRENGTH: "STRENGTHS", TraitKind.DEVELOPMENT: "DEVELOPMENT AREAS"}
STATUS_COLOURS = {
    AssignmentStatus.PLANNED: "#8A8F98",
    AssignmentStatus.ACTIVE: colours.BLUE,
    AssignmentStatus.DONE: colours.BLUISH_GREEN,
    AssignmentStatus.DROPPED: "#8A8F98",
}
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _panel(painter: QPainter, option: QStyleOptionViewItem, rect: QRect) -> None:
    """The selection and hover background, on ``rect`` only."""
    panel = QStyleOptionViewItem(option)
    panel.rect = rect
    style = option.widget.style() if option.widget else None
    if style is not None:
        style.drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelItemViewItem, panel, painter, option.widget
        )


def _text_colour(option: QStyleOptionViewItem) -> QColor:
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    return option.palette.color(role)


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setWeight(QFont.Weight.DemiBold)
    return bold


def _draw(
    painter: QPainter,
    rect: QRect,
    text: str,
    font: QFont,
    colour: QColor,
    align: Qt.AlignmentFlag,
) -> int:
    """Draw ``text`` elided to ``rect``; return the width it took."""
    metrics = QFontMetrics(font)
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(rect, align, shown)
    return metrics.horizontalAdvance(shown)


class TraitDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        line = QFontMetrics(option.font).lineSpacing()
        heading = _HEADING if index.data(GroupStartRole) else 0
        return QSize(240, heading + 2 * line + 2 * _PAD + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        record: TraitRecord | None = index.data(RecordRole)
        if record is None:
            return
        painter.save()
        rect = QRect(option.rect)
        if index.data(GroupStartRole):
            heading = QRect(
                rect.left() + _PAD, rect.top() + 6, rect.width() - 2 * _PAD, _HEADING - 6
            )
            font = QFont(option.font)
            font.setPointSizeF(font.pointSizeF() * 0.85)
            font.setWeight(QFont.Weight.Bold)
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
            base = option.palette.color(QPalette.ColorRole.Text)
            title = f"{_GROUP_TITLES[record.kind]} · {index.data(GroupSizeRole)}"
            _draw(painter, heading, title, font, muted(base, 0.7), _LEFT)
            rect.setTop(rect.top() + _HEADING)
        _panel(painter, option, rect)
        text_colour = _text_colour(option)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        today = dt.date.today()
        inner = rect.adjusted(_PAD + 4, _PAD, -_PAD - 4, -_PAD)
        line = QFontMetrics(option.font).lineSpacing()
        top = QRect(inner.left(), inner.top(), inner.width(), line)
        bottom = QRect(inner.left(), inner.top() + line + 2, inner.width(), line)
        bold = _bold(option.font)

        trend = trend_text(record)
        trend_width = max(_width(bold, "↑ 4"), _width(bold, trend))
        trend_rect = QRect(top.right() - trend_width, top.top(), trend_width, line)
        _draw(painter, trend_rect, trend, bold, text_colour, _RIGHT)
        rating = record.rating
        number = str(rating) if rating else "not rated"
        number_width = max(_width(bold, "5"), _width(bold, number))
        number_rect = QRect(trend_rect.left() - 10 - number_width, top.top(), number_width, line)
        _draw(
            painter,
            number_rect,
            number,
            bold,
            text_colour if rating else muted(text_colour),
            _RIGHT,
        )
        dots_rect = QRect(number_rect.left() - 8 - _DOTS_WIDTH, top.top(), _DOTS_WIDTH, line)
        _dots(painter, dots_rect, rating or 0, text_colour)
        name_rect = QRect(top.left(), top.top(), dots_rect.left() - top.left() - 12, line)
        _draw(painter, name_rect, record.skill, bold, text_colour, _LEFT)

        spark = QRect(bottom.right() - 56, bottom.top() + 3, 56, line - 6)
        self._sparkline(painter, spark, record, text_colour)
        target = target_text(record, today)
        target_width = _width(option.font, target)
        target_rect = QRect(spark.left() - 12 - target_width, bottom.top(), target_width, line)
        missed = record.target_missed(today)
        target_colour = muted(text_colour)
        if missed:
            target_colour = text_colour if selected else warning_colour(option.palette)
        _draw(painter, target_rect, target, option.font, target_colour, _RIGHT)
        detail_right = (target_rect.left() if target else spark.left()) - 12
        detail_rect = QRect(bottom.left(), bottom.top(), detail_right - bottom.left(), line)
        detail = record.detail or "No detail yet"
        _draw(painter, detail_rect, detail, option.font, muted(text_colour), _LEFT)
        painter.restore()

    @staticmethod
    def _sparkline(painter: QPainter, rect: QRect, record: TraitRecord, colour: QColor) -> None:
        """The last ratings (up to 8) as a line on a 1-5 scale: the trend at a glance."""
        ratings = [point.rating for point in record.ratings[-8:]]
        if len(ratings) < 2:
            return
        step = rect.width() / (len(ratings) - 1)
        points = [
            QPointF(rect.left() + i * step, rect.bottom() - (r - 1) / 4 * rect.height())
            for i, r in enumerate(ratings)
        ]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(muted(colour, 0.8), 1.6))
        painter.drawPolyline(QPolygonF(points))
        painter.setBrush(colour)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(points[-1], 2.6, 2.6)


_DOT = 8
_DOT_GAP = 3
_DOTS_WIDTH = 5 * _DOT + 4 * _DOT_GAP


def _width(font: QFont, text: str) -> int:
    """The width ``text`` needs, with a pixel to spare so rounding never elides it."""
    return QFontMetrics(font).horizontalAdvance(text) + 2 if text else 0


def _dots(painter: QPainter, rect: QRect, filled: int, colour: QColor) -> None:
    """A 1-5 rating as five dots, ``filled`` of them solid."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    top = rect.center().y() - _DOT / 2
    for number in range(5):
        left = rect.left() + number * (_DOT + _DOT_GAP)
        painter.setPen(QPen(colour if number < filled else muted(colour, 0.45), 1.2))
        painter.setBrush(colour if number < filled else Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QRectF(left + 0.5, top + 0.5, _DOT - 1, _DOT - 1))


class MotivatorDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(240, QFontMetrics(option.font).lineSpacing() + 2 * _PAD + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        record: MotivatorRecord | None = index.data(RecordRole)
        if record is None:
            return
        painter.save()
        _panel(painter, option, option.rect)
        text_colour = _text_colour(option)
        inner = option.rect.adjusted(_PAD, 0, -_PAD - 4, 0)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        size = inner.height() - 12
        badge = QRect(inner.left(), inner.center().y() - size // 2, size, size)
        painter.setPen(QPen(muted(text_colour, 0.5), 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(badge)
        small = QFont(option.font)
        small.setPointSizeF(small.pointSizeF() * 0.85)
        _draw(
            painter,
            badge,
            str(record.rank),
            _bold(small),
            text_colour,
            Qt.AlignmentFlag.AlignCenter,
        )

        today = dt.date.today()
        stale = record.is_stale(today)
        status = confirmation_text(record, today, short=True)
        status_width = min(_width(option.font, status), inner.width() // 2)
        status_rect = QRect(inner.right() - status_width, inner.top(), status_width, inner.height())
        if stale:
            flag = warning_colour(option.palette)
            if option.state & QStyle.StateFlag.State_Selected:
                flag = text_colour
            _draw(painter, status_rect, status, option.font, flag, _RIGHT)
            mark = QRect(status_rect.left() - 20, inner.center().y() - 8, 16, 16)
            icon("stale").paint(painter, mark)
            status_rect.setLeft(mark.left())
        else:
            _draw(painter, status_rect, status, option.font, muted(text_colour), _RIGHT)
        name_left = badge.right() + 10
        name_rect = QRect(
            name_left, inner.top(), status_rect.left() - name_left - 10, inner.height()
        )
        width = _draw(painter, name_rect, record.name, _bold(option.font), text_colour, _LEFT)
        if record.note and width + 110 < name_rect.width():
            note_rect = name_rect.adjusted(width + 10, 0, 0, 0)
            _draw(painter, note_rect, record.note, option.font, muted(text_colour), _LEFT)
        painter.restore()


class AssignmentDelegate(QStyledItemDelegate):
    """Two lines: the title; then the status (dot and word) and skill, and when it is due."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(240, 2 * QFontMetrics(option.font).lineSpacing() + 2 * _PAD + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        record: AssignmentRecord | None = index.data(RecordRole)
        if record is None:
            return
        painter.save()
        _panel(painter, option, option.rect)
        text_colour = _text_colour(option)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        today = dt.date.today()
        overdue = record.is_overdue(today)
        inner = option.rect.adjusted(_PAD + 4, _PAD, -_PAD - 4, -_PAD)
        line = QFontMetrics(option.font).lineSpacing()
        top = QRect(inner.left(), inner.top(), inner.width(), line)
        bottom = QRect(inner.left(), inner.top() + line + 2, inner.width(), line)
        dropped = record.status is AssignmentStatus.DROPPED
        title_colour = muted(text_colour) if dropped else text_colour
        _draw(painter, top, record.title, _bold(option.font), title_colour, _LEFT)

        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dot = QRectF(bottom.left(), bottom.center().y() - 3.5, 8, 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(STATUS_COLOURS[record.status]))
        painter.drawEllipse(dot)
        when = due_text(record, today, short=True)
        font = _bold(option.font) if overdue else option.font
        when_width = min(_width(font, when), inner.width() // 2)
        when_rect = QRect(bottom.right() - when_width, bottom.top(), when_width, line)
        flag = text_colour if selected else warning_colour(option.palette)
        _draw(painter, when_rect, when, font, flag if overdue else muted(text_colour), _RIGHT)
        if overdue:
            mark = QRect(when_rect.left() - 20, bottom.center().y() - 8, 16, 16)
            icon("alert").paint(painter, mark)
            when_rect.setLeft(mark.left())
        status = status_label(record.status) + (f" · {record.skill}" if record.skill else "")
        left = bottom.left() + 14
        status_rect = QRect(left, bottom.top(), when_rect.left() - left - 12, line)
        _draw(painter, status_rect, status, option.font, muted(text_colour), _LEFT)
        painter.restore()
