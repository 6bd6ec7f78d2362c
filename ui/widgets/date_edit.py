"""The one date field of the app: type a date the way you would say it, or pick it.

A line edit reads what is typed with :func:`coachjournal.typed_dates.parse` (``fri``, ``+2w``,
``12/12`` in the user's date order, ``12 Dec``) and shows, at its right end, what it understood
before Enter ("→ Fri 11 Dec 2026") or that it is not a date. The hint never covers what is
typed: in a narrow field it gets shorter ("→ Fri 11 Dec", "→ 11 Dec"), and when even that does
not fit beside the text it is shown just under the field, like a tooltip, while the field has
focus.
Enter or leaving the field takes the date; text that is not a date stays as typed, flagged in
red with the reason in its tooltip, and the value stays what it was, so nothing typed is lost
and Tab always leaves the field. An empty field is no date (``None``) where the field allows it.

The calendar button (or Alt+Down, F4) opens a calendar on the field's date, or today when there
is none, with Today and Clear beneath it; Esc there closes only the calendar.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QPoint, QRect, QSize, Qt, QTime, Signal, Slot
from PySide6.QtGui import (
    QFocusEvent,
    QGuiApplication,
    QHideEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coachjournal import rules, typed_dates
from coachjournal.errors import ValidationError
from ui import dates
from ui.icons import icon
from ui.theme import alert_colour

#: The text a field can always hold: the longest date it shows, with its weekday.
_WIDEST = "Wed, Sep 30, 2026"
#: Pixels a line edit keeps around its text (its frame and padding), and between text and hint.
_PADDING = 12
_GAP = 8


class DateField(QWidget):
    """A date that may be typed or picked; ``value()`` is a :class:`datetime.date` or None.

    ``leaning`` fills in a year left out: "future" for due dates and targets (the next such
    date), "past" for when something happened. ``optional=False`` fields always hold a date
    once it has one: an emptied field goes back to it, and there is no Clear.
    """

    #: The user changed the date (typed and left the field, picked it, Today or Clear).
    value_changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        leaning: typed_dates.Leaning = "future",
        optional: bool = True,
        placeholder: str = "No date",
    ) -> None:
        super().__init__(parent)
        self.leaning: typed_dates.Leaning = leaning
        self.optional = optional
        self._value: dt.date | None = None if optional else dt.date.today()
        self._maximum = rules.LAST_DAY
        self._problem: str | None = None
        self._shown = ""
        self.line = _HintedLine()
        self.line.setPlaceholderText(placeholder if optional else "")
        self.line.textEdited.connect(self._typed)
        self.line.editingFinished.connect(self.commit)
        self.line.opened.connect(self.open_calendar)
        self.line.stepped.connect(self._step)
        self.calendar_button = _tool_button("calendar", "Choose the date on a calendar")
        self.calendar_button.clicked.connect(self.open_calendar)
        self.clear_button = _tool_button("clear", "Clear the date")
        self.clear_button.clicked.connect(self.clear)
        self.popup: CalendarPopup | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.calendar_button)
        layout.addWidget(self.clear_button)
        self.clear_button.setVisible(optional)  # in the layout first: alone, it is a window
        self.setFocusProxy(self.line)
        self._show_value()

    # --- The value --------------------------------------------------------------------------

    def value(self) -> dt.date | None:
        """The date the field shows: what the typed text reads as (before Enter too), or the
        date taken last while the text is not a date."""
        if not self.has_untaken_text():
            return self._value
        try:
            day = self._read(self.line.text())
        except ValidationError:
            return self._value
        return day if day is not None or self.optional else self._value

    def checked(self, field: str) -> dt.date | None:
        """The value, for a form about to save: raises :class:`ValidationError` naming
        ``field`` when the typed text is not a date (so a Save never drops it unseen)."""
        if self.has_untaken_text():
            try:
                self._read(self.line.text())
            except ValidationError as error:
                self._flag(error.message)
                raise ValidationError(field, error.message) from None
        return self.value()

    def checked_day(self, field: str) -> dt.date:
        """:meth:`checked` for a field that must hold a date."""
        day = self.checked(field)
        if day is None:
            raise ValidationError(field, "A date is needed here.")
        return day

    def set_value(self, value: dt.date | None, *, notify: bool = False) -> None:
        """Show ``value``; emits ``value_changed`` only when ``notify`` (a user's action)."""
        changed = value != self._value
        self._value = value
        self._show_value()
        if changed and notify:
            self.value_changed.emit()

    def set_maximum(self, latest: dt.date) -> None:
        self._maximum = latest

    def problem(self) -> str | None:
        """Why the text in the field is not taken (not a date, out of range), or None."""
        return self._problem

    def has_untaken_text(self) -> bool:
        """Whether the field holds typed text that is not its value yet."""
        return self.line.text() != self._shown

    @Slot()
    def commit(self) -> bool:
        """Take the typed text as the value (Enter, or leaving the field); False, with the
        field flagged, when it is not a date."""
        if not self.has_untaken_text():
            self._flag(None)
            return True
        try:
            day = self._read(self.line.text())
        except ValidationError as error:
            self._flag(error.message)
            return False
        if day is None and not self.optional:
            day = self._value
        self.set_value(day, notify=True)
        return True

    @Slot()
    def clear(self) -> None:
        if self.optional:
            self.set_value(None, notify=True)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)
        self.calendar_button.setAccessibleName(f"Choose the {name.lower()} on a calendar")
        self.clear_button.setAccessibleName(f"Clear the {name.lower()}")

    def follow_date_preferences(self) -> None:
        """Show the value in the date order the user chose (Settings), unless they are typing."""
        if not self.has_untaken_text():
            self._show_value()

    # --- The calendar -----------------------------------------------------------------------

    @Slot()
    def open_calendar(self) -> None:
        """Open the calendar on the field's date, or today's month when it has none."""
        if self.popup is None:
            self.popup = CalendarPopup(self)
            self.popup.picked.connect(self._picked)
            self.popup.cleared.connect(self.clear)
        self.commit()
        shown = self._value or min(max(dt.date.today(), rules.FIRST_DAY), self._maximum)
        self.popup.show_on(shown, rules.FIRST_DAY, self._maximum, optional=self.optional)
        self.popup.place_under(self)

    @Slot(object)
    def _picked(self, day: dt.date) -> None:
        self.set_value(day, notify=True)
        self.line.setFocus(Qt.FocusReason.PopupFocusReason)

    # --- Typing -----------------------------------------------------------------------------

    @Slot(str)
    def _typed(self, text: str) -> None:
        try:
            day = self._read(text)
        except ValidationError as error:
            self.line.set_hint("not a date", error=True)
            self.line.setToolTip(error.message)
            return
        self.line.setToolTip("")
        if day is None:
            self.line.set_hint("→ no date" if self.optional else "")
        else:
            self.line.set_hint(
                f"→ {dates.date_text(day, weekday=True)}",
                f"→ {dates.date_text(day, year=False, weekday=True)}",
                f"→ {dates.date_text(day, year=False)}",
            )

    @Slot(int)
    def _step(self, days: int) -> None:
        """Up and Down move the date a day (from today when there is none)."""
        if self.commit():
            start = self._value or dt.date.today() - dt.timedelta(days=days)
            day = start + dt.timedelta(days=days)
            if rules.FIRST_DAY <= day <= self._maximum:
                self.set_value(day, notify=True)

    def _read(self, text: str) -> dt.date | None:
        day = typed_dates.parse(
            text,
            dt.date.today(),
            dates.order(),
            leaning=self.leaning,
            week_start=dates.week_start(),
        )
        if day is not None and day > self._maximum:
            latest = dates.date_text(self._maximum)
            raise ValidationError("date", f"{dates.date_text(day)} is after {latest}.")
        return day

    def _show_value(self) -> None:
        self._shown = "" if self._value is None else dates.date_text(self._value, weekday=True)
        self.line.setText(self._shown)
        self.line.setCursorPosition(0)
        self.line.set_hint("")
        self._flag(None)
        self.clear_button.setEnabled(self._value is not None)

    def _flag(self, problem: str | None) -> None:
        self._problem = problem
        self.line.setToolTip(problem or "")
        self.line.setAccessibleDescription(problem or "")
        self.line.set_hint("not a date" if problem else "", error=problem is not None)
        if self.line.property("invalid") != (problem is not None):
            self.line.setProperty("invalid", problem is not None)
            self.line.style().unpolish(self.line)
            self.line.style().polish(self.line)


class _HintedLine(QLineEdit):
    """A line edit that paints a short hint at its right end (what the text was read as): the
    longest of its wordings that fits beside the text, or, when none does, the whole hint just
    under the field (:attr:`below`) while it has focus. The text always keeps its room."""

    #: Alt+Down or F4: open the calendar.
    opened = Signal()
    #: Up (+1) or Down (-1).
    stepped = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self._hints: tuple[str, ...] = ()
        self._error = False
        #: The wording painted beside the text ("" when none fits, or there is no hint).
        self.shown_hint = ""
        #: The hint under the field, when none of its wordings fits beside the text: a
        #: tooltip-like window of its own (Qt's tooltip hides at the next key pressed).
        self.below = QLabel(self, Qt.WindowType.ToolTip)
        self.below.setObjectName("dateHintBelow")
        self.below.setAutoFillBackground(True)
        self.below.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.below.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.below.setMargin(3)
        self.textChanged.connect(self._fit)

    def hint(self) -> str:
        return self._hints[0] if self._hints else ""

    def set_hint(self, *wordings: str, error: bool = False) -> None:
        """Show what the text was read as: ``wordings`` from the fullest to the shortest
        ("" or none: no hint)."""
        hints = tuple(wording for wording in wordings if wording)
        if (hints, error) == (self._hints, self._error):
            return
        self._hints, self._error = hints, error
        self._fit()

    @Slot()
    def _fit(self) -> None:
        metrics = self.fontMetrics()
        room = self.contentsRect().width() - _PADDING - metrics.horizontalAdvance(self.text())
        shown = next((h for h in self._hints if metrics.horizontalAdvance(h) + _GAP <= room), "")
        if shown != self.shown_hint:
            self.shown_hint = shown
            width = metrics.horizontalAdvance(shown) + _GAP if shown else 0
            self.setTextMargins(0, 0, width, 0)
            self.update()
        self._show_below(bool(self._hints) and not shown and self.hasFocus())

    def _show_below(self, below: bool) -> None:
        if not below:
            self.below.hide()
            return
        palette = self.below.palette()
        if self._error:
            palette.setColor(QPalette.ColorRole.ToolTipText, alert_colour(self.palette()))
        else:
            palette.setColor(
                QPalette.ColorRole.ToolTipText,
                self.palette().color(QPalette.ColorRole.ToolTipText),
            )
        self.below.setPalette(palette)
        self.below.setText(self.hint())
        self.below.adjustSize()
        self.below.move(self.mapToGlobal(QPoint(0, self.height())))
        self.below.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._fit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._show_below(False)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._show_below(False)

    def sizeHint(self) -> QSize:
        size = super().sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance(_WIDEST) + 24, size.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and alt):
            self.opened.emit()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.stepped.emit(1 if key == Qt.Key.Key_Up else -1)
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.shown_hint:
            return
        painter = QPainter(self)
        colour = (
            alert_colour(self.palette())
            if self._error
            else self.palette().color(QPalette.ColorRole.PlaceholderText)
        )
        painter.setPen(colour)
        area = self.contentsRect().adjusted(0, 0, -6, 0)
        painter.drawText(
            area, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self.shown_hint
        )


class CalendarPopup(QFrame):
    """The calendar under a date field, with Today and Clear; Esc closes only the popup."""

    picked = Signal(object)
    cleared = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setFirstDayOfWeek(dates.first_day_of_week())
        self.calendar.setAccessibleName("Calendar")
        self.calendar.clicked.connect(self._chosen)
        self.calendar.activated.connect(self._chosen)
        self.today_button = QPushButton("Today")
        self.today_button.setAccessibleName("Today")
        self.today_button.clicked.connect(self._today)
        self.clear_button = QPushButton("Clear")
        self.clear_button.setAccessibleName("No date")
        self.clear_button.clicked.connect(self._clear)
        for button in (self.today_button, self.clear_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.today_button)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.calendar)
        layout.addLayout(buttons)

    def show_on(self, day: dt.date, earliest: dt.date, latest: dt.date, *, optional: bool) -> None:
        self.calendar.setDateRange(_qdate(earliest), _qdate(latest))
        self.calendar.setSelectedDate(_qdate(day))
        self.calendar.setCurrentPage(day.year, day.month)
        today = dt.date.today()
        self.today_button.setEnabled(earliest <= today <= latest)
        self.clear_button.setVisible(optional)

    def place_under(self, field: QWidget) -> None:
        """Show under ``field`` (above it when there is no room below), inside its screen."""
        self.adjustSize()
        size = self.sizeHint()
        below = field.mapToGlobal(QPoint(0, field.height()))
        screen = field.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
        x = min(max(below.x(), available.left()), available.right() - size.width() + 1)
        y = below.y()
        if y + size.height() > available.bottom() + 1:
            y = max(available.top(), field.mapToGlobal(QPoint(0, 0)).y() - size.height())
        self.setGeometry(QRect(QPoint(x, y), size))
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def event(self, event: QEvent) -> bool:
        """Esc is the popup's own: no shortcut of the form under it (a pane's "Esc goes
        back") takes it."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc in the calendar closes the popup and nothing else (not the form under it)."""
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    @Slot(QDate)
    def _chosen(self, day: QDate) -> None:
        self.close()
        self.picked.emit(dt.date(day.year(), day.month(), day.day()))

    @Slot()
    def _today(self) -> None:
        self.close()
        self.picked.emit(dt.date.today())

    @Slot()
    def _clear(self) -> None:
        self.close()
        self.cleared.emit()


def _tool_button(name: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setIcon(icon(name))
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    style = QApplication.style()
    side = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
    button.setIconSize(QSize(side, side))
    return button


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateTimeField(QWidget):
    """A :class:`DateField` (leaning to the past: when something happened) with a time of day
    beside it, on the 24-hour clock as everywhere in the app."""

    #: The user changed the date or the time.
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date = DateField(leaning="past", optional=False)
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.date.value_changed.connect(self.changed)
        self.time.timeChanged.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.date, 1)
        layout.addWidget(self.time)
        self.setFocusProxy(self.date)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.date.setAccessibleName(name)
        self.time.setAccessibleName(f"{name}, time of day")

    def moment(self) -> dt.datetime:
        day = self.date.value() or dt.date.today()
        time = self.time.time()
        return dt.datetime(day.year, day.month, day.day, time.hour(), time.minute())

    def set_moment(self, moment: dt.datetime) -> None:
        """Show ``moment`` (to the minute) without announcing a change."""
        self.date.set_value(moment.date())
        blocked = self.time.blockSignals(True)
        try:
            self.time.setTime(QTime(moment.hour, moment.minute))
        finally:
            self.time.blockSignals(blocked)
