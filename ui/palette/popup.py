"""The command palette: a frameless popup over the window, a search field and a ranked list.

Typing filters managers (by name, team or title) and every menu action; Up and Down move, Enter
opens the manager or triggers the action, Escape (or a click elsewhere) closes it. The action
runs after the popup has closed, so an action that opens a dialog gets a window to sit on.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QLineEdit,
    QListView,
    QMainWindow,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
)

from coachjournal.coaching import roster
from ui.icons import icon
from ui.palette.model import (
    DetailRole,
    Entry,
    EntryKind,
    PaletteModel,
    ShortcutRole,
    action_entries,
    manager_entries,
)
from ui.widgets.basic import label, line_edit

#: How many recently opened managers the palette remembers (QSettings key below).
RECENT_KEPT = 8
RECENT_KEY = "palette/recent_managers"
WIDTH = 620
VISIBLE_ROWS = 9
ROW_HEIGHT = 34

_Index = QModelIndex | QPersistentModelIndex
_MOVES = {
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
}


class _EntryDelegate(QStyledItemDelegate):
    """Icon and name on the left; team or menu, and the shortcut, muted on the right."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), ROW_HEIGHT))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        detail = str(index.data(DetailRole) or "")
        shortcut = str(index.data(ShortcutRole) or "")
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        view_option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, view_option, painter, widget)
        rect: QRect = option.rect
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        enabled = bool(state & QStyle.StateFlag.State_Enabled)
        palette: QPalette = option.palette
        group = QPalette.ColorGroup.Normal if enabled else QPalette.ColorGroup.Disabled
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        muted_role = (
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        icon_room = option.decorationSize.width() + 18
        inner = rect.adjusted(10 + icon_room, 0, -12, 0)
        painter.save()
        painter.setFont(option.font)
        metrics = painter.fontMetrics()
        right = inner.right()
        if shortcut:
            width = metrics.horizontalAdvance(shortcut) + 14
            key = QRect(right - width, rect.center().y() - 10, width, 20)
            painter.setPen(palette.color(group, muted_role))
            painter.drawRoundedRect(key.adjusted(0, 0, -1, -1), 4, 4)
            painter.drawText(key, Qt.AlignmentFlag.AlignCenter, shortcut)
            right = key.left() - 10
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        available = max(0, right - inner.left())
        # Measured with room to spare: elidedText() elides a text given exactly its own width.
        needed = metrics.horizontalAdvance(title) + 2
        if needed > available:
            title = metrics.elidedText(title, Qt.TextElideMode.ElideRight, available)
        painter.setPen(palette.color(group, text_role))
        title_rect = QRect(inner.left(), rect.top(), min(needed, available), rect.height())
        painter.drawText(
            title_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, title
        )
        room = right - title_rect.right() - 16
        if detail and room > 30:
            painter.setPen(palette.color(group, muted_role))
            painter.drawText(
                QRect(right - room, rect.top(), room, rect.height()),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                detail
                if metrics.horizontalAdvance(detail) + 2 <= room
                else metrics.elidedText(detail, Qt.TextElideMode.ElideLeft, room),
            )
        painter.restore()


class CommandPalette(QFrame):
    """Ctrl+K. ``manager_chosen`` asks the window to open a manager."""

    manager_chosen = Signal(int)

    def __init__(self, window: QMainWindow, settings: QSettings) -> None:
        super().__init__(window, Qt.WindowType.Popup | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("commandPalette")
        self.setAccessibleName("Command palette")
        self.window_ = window
        self.settings = settings
        self.skip: list[QAction] = []

        self.search = line_edit("Type a manager’s name or an action", "Go to a manager or action")
        self.search.setObjectName("paletteSearch")
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(self._query_changed)
        self.search.installEventFilter(self)

        self.model = PaletteModel(self)
        self.list_view = QListView()
        self.list_view.setObjectName("paletteList")
        self.list_view.setAccessibleName("Matching managers and actions")
        self.list_view.setModel(self.model)
        self.list_view.setItemDelegate(_EntryDelegate(self.list_view))
        self.list_view.setUniformItemSizes(True)
        self.list_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.activated.connect(self._activate)
        self.list_view.clicked.connect(self._activate)

        self.empty = label("", "emptyHint", wrap=True, align=Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        hint = label("↑ ↓ to move · Enter to open · Esc to close", "mutedLabel")
        hint.setAlignment(Qt.AlignmentFlag.AlignRight)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.setSpacing(8)
        layout.addWidget(self.search)
        layout.addWidget(self.list_view, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(hint)
        self.setFixedWidth(WIDTH)

    # --- Opening -------------------------------------------------------------------------

    def recent(self) -> list[int]:
        stored = self.settings.value(RECENT_KEY, [])
        values = stored if isinstance(stored, list) else [stored]
        return [int(str(value)) for value in values if str(value).isdigit()]

    @Slot(int)
    def remember(self, manager_id: int) -> None:
        """Note a manager as the most recently opened (ranked first next time)."""
        recent = [manager_id, *(other for other in self.recent() if other != manager_id)]
        self.settings.setValue(RECENT_KEY, recent[:RECENT_KEPT])

    def entries(self) -> list[Entry]:
        menu_bar = self.window_.menuBar()
        actions = action_entries(menu_bar, self.skip)
        return manager_entries(roster.list_managers(), self.recent()) + actions

    @Slot()
    def open(self) -> None:
        """Show the palette at the top of the window, with every entry for an empty query."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.set_entries(self.entries(), icon("people"))
        self._show_results()
        self.adjustSize()
        centre = self.window_.mapToGlobal(QPoint(self.window_.width() // 2, 0))
        top = self.window_.mapToGlobal(QPoint(0, self.window_.menuBar().height() + 48))
        self.move(centre.x() - self.width() // 2, top.y())
        self.show()
        self.raise_()
        self.activateWindow()
        self.search.setFocus()

    # --- Typing and choosing ----------------------------------------------------------------

    @Slot(str)
    def _query_changed(self, text: str) -> None:
        self.model.set_query(text)
        self._show_results()

    def _show_results(self) -> None:
        rows = self.model.rowCount()
        has_rows = rows > 0
        self.list_view.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        # As tall as the matches, up to VISIBLE_ROWS: the popup shrinks as the query narrows.
        self.list_view.setFixedHeight(ROW_HEIGHT * min(max(rows, 1), VISIBLE_ROWS) + 4)
        self.adjustSize()
        if not has_rows:
            self.empty.setText(
                f"Nothing matches “{self.search.text().strip()}”. Try part of a name, a team, "
                "or an action such as “log”."
            )
            return
        for row in range(self.model.rowCount()):
            entry = self.model.entry(row)
            if entry is not None and entry.enabled:
                self.list_view.setCurrentIndex(self.model.index(row))
                return
        self.list_view.setCurrentIndex(QModelIndex())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The search field keeps the focus; the arrows and Enter act on the list."""
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            key = event.key()
            if key in _MOVES:
                QApplication.sendEvent(self.list_view, event)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._activate(self.list_view.currentIndex())
                return True
            if key == Qt.Key.Key_Escape:
                self.close()
                return True
        return super().eventFilter(watched, event)

    @Slot(QModelIndex)
    def _activate(self, index: QModelIndex) -> None:
        """Open the manager or trigger the action of ``index``; a disabled one does nothing."""
        entry = self.model.entry(index.row()) if index.isValid() else None
        if entry is None or not entry.enabled:
            return
        self.close()
        if entry.kind is EntryKind.MANAGER and entry.manager_id is not None:
            self.remember(entry.manager_id)
            self.manager_chosen.emit(entry.manager_id)
        elif entry.action is not None:
            # After the popup has gone, so a dialog the action opens is parented to the window.
            QTimer.singleShot(0, entry.action.trigger)

    def titles(self) -> Sequence[str]:
        """The titles listed, in order (for tests and the screenshot tool)."""
        rows = range(self.model.rowCount())
        return [str(self.model.index(row).data()) for row in rows]
