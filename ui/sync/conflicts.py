"""The Conflicts list: the texts that were changed on two computers before they met.

Sync keeps both versions of such a text: one stays in place, the other waits here. For each,
the list says whose it is and what it is ("Notes of the one-on-one on 3 Dec 2026"), and the
page beside it shows the two texts side by side, each with its button: "Keep this" leaves the
text in place as it is, "Keep the other" puts the other computer's version in its place (and
that change syncs). Either way the conflict leaves the list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Slot,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coachjournal.errors import CoachJournalError
from coachjournal.sync.conflicts import Keep
from ui import dates
from ui.widgets.basic import label
from ui.widgets.fields import error_label


class Conflict(Protocol):
    """One conflict (:class:`coachjournal.sync.conflicts.Conflict`)."""

    @property
    def id(self) -> int: ...
    @property
    def manager_id(self) -> int | None: ...
    @property
    def manager_name(self) -> str: ...
    @property
    def what(self) -> str: ...
    @property
    def kept_text(self) -> str: ...
    @property
    def other_text(self) -> str: ...
    @property
    def found_at(self) -> dt.datetime: ...


_Index = QModelIndex | QPersistentModelIndex
#: The role that carries the conflict itself.
CONFLICT_ROLE = Qt.ItemDataRole.UserRole + 1


def title(conflict: Conflict) -> str:
    """ "Rania Haddad: Notes of the one-on-one on 3 Dec 2026"; the label alone when it names
    the manager already ("Notes of Rania Haddad") or belongs to no manager."""
    name = conflict.manager_name
    return f"{name}: {conflict.what}" if name and name not in conflict.what else conflict.what


class ConflictsModel(QAbstractListModel):
    """The conflicts, oldest first, one row each."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Conflict] = []

    def set_conflicts(self, conflicts: Sequence[Conflict]) -> None:
        self.beginResetModel()
        self._rows = sorted(conflicts, key=lambda conflict: (conflict.found_at, conflict.id))
        self.endResetModel()

    def conflict(self, row: int) -> Conflict | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's own default)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        conflict = self.conflict(index.row()) if index.isValid() else None
        if conflict is None:
            return None
        found = dates.date_text(conflict.found_at.astimezone().date())
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{title(conflict)}\nFound {found}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{title(conflict)}, found {found}"
        if role == CONFLICT_ROLE:
            return conflict
        return None


def _text_box(accessible_name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setReadOnly(True)
    box.setAccessibleName(accessible_name)
    box.setTabChangesFocus(True)
    return box


class ConflictsDialog(QDialog):
    """The list on the left, the selected conflict's two texts on the right. ``read`` gives
    the conflicts; ``resolve(conflict_id, keep)`` resolves one."""

    def __init__(
        self,
        read: Callable[[], Sequence[Conflict]],
        resolve: Callable[[int, Keep], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Conflicts to Review")
        self.setAccessibleName("Conflicts to Review")
        self._read = read
        self._resolve = resolve
        self.model = ConflictsModel()
        self.list_view = QListView()
        self.list_view.setModel(self.model)
        self.list_view.setAccessibleName("Conflicts")
        self.list_view.setWordWrap(True)
        self.list_view.setUniformItemSizes(False)
        self.list_view.setSpacing(2)
        self.list_view.selectionModel().currentChanged.connect(self._show_current)

        self.heading = label("", wrap=True)
        self.heading.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.kept = _text_box("The text kept in place")
        self.other = _text_box("The other version of the text")
        self.keep_this = QPushButton("Keep this")
        self.keep_this.setAccessibleName("Keep the text in place")
        self.keep_other = QPushButton("Keep the other")
        self.keep_other.setAccessibleName("Keep the other version of the text")
        self.keep_both = QPushButton("Keep both")
        self.keep_both.setAccessibleName("Keep both texts, the one in your journal first")
        self.keep_both.setToolTip("Both texts, one after the other: when each added something")
        self.keep_this.clicked.connect(lambda: self.resolve_current(Keep.THIS))
        self.keep_other.clicked.connect(lambda: self.resolve_current(Keep.OTHER))
        self.keep_both.clicked.connect(lambda: self.resolve_current(Keep.BOTH))
        self.error = error_label()
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.addWidget(label("In your journal now", "mutedLabel"), 0, 0)
        grid.addWidget(label("The other version", "mutedLabel"), 0, 1)
        grid.addWidget(self.kept, 1, 0)
        grid.addWidget(self.other, 1, 1)
        grid.addWidget(self.keep_this, 2, 0, Qt.AlignmentFlag.AlignLeft)
        others = QHBoxLayout()
        others.addWidget(self.keep_other)
        others.addWidget(self.keep_both)
        others.addStretch(1)
        grid.addLayout(others, 2, 1)
        grid.setRowStretch(1, 1)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(6, 0, 0, 0)
        detail_layout.addWidget(self.heading)
        detail_layout.addLayout(grid, 1)
        detail_layout.addWidget(self.error)

        self.empty = label(
            "No conflicts to review.\n\nWhen the same text is changed on two computers before "
            "they sync, both versions wait here for you to choose.",
            "emptyHint",
            wrap=True,
            align=Qt.AlignmentFlag.AlignCenter,
        )
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.list_view)
        splitter.addWidget(detail)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 720])
        self.splitter = splitter
        self.pages = QStackedWidget()
        self.pages.addWidget(splitter)
        self.pages.addWidget(self.empty)

        intro = label(
            "These texts were changed on two computers before they synced. Both versions are "
            "kept: choose the one to keep. Nothing is lost until you choose.",
            "mutedLabel",
            wrap=True,
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.pages, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.reload()

    def sizeHint(self) -> QSize:
        return QSize(1080, 640)

    @Slot()
    def reload(self) -> None:
        """Read the conflicts again, keeping the selection on the same row where it can."""
        row = max(0, self.list_view.currentIndex().row())
        self.model.set_conflicts(self._read())
        count = self.model.rowCount()
        self.pages.setCurrentWidget(self.empty if count == 0 else self.splitter)
        if count:
            self.list_view.setCurrentIndex(self.model.index(min(row, count - 1)))
            self.list_view.setFocus()
        self._show_current()

    @property
    def current(self) -> Conflict | None:
        return self.model.conflict(self.list_view.currentIndex().row())

    @Slot()
    def _show_current(self) -> None:
        conflict = self.current
        self.error.hide()
        self.heading.setText("" if conflict is None else title(conflict))
        self.kept.setPlainText("" if conflict is None else conflict.kept_text)
        self.other.setPlainText("" if conflict is None else conflict.other_text)
        for button in (self.keep_this, self.keep_other, self.keep_both):
            button.setEnabled(conflict is not None)

    def resolve_current(self, keep: Keep) -> None:
        conflict = self.current
        if conflict is None:
            return
        try:
            self._resolve(conflict.id, keep)
        except CoachJournalError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self.reload()
