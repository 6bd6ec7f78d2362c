"""Meetings logged once per manager (before a touchpoint could have several managers): a review
of each group, merged into one touchpoint only for the groups the user ticks.

Nothing is merged without a click: two entries of the same kind, start and summary may still be
two meetings. What merging does is said before it is done (see
:func:`coachjournal.coaching.touchpoints.merge_touchpoints`), and Edit ▸ Undo takes it back.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import touchpoints
from coachjournal.errors import CoachJournalError
from ui import dates, dialogs
from ui.session import JournalSession
from ui.widgets.basic import label
from ui.widgets.screen_fit import fit_to_screen


class LoggedTwiceDialog(QDialog):
    """Tools ▸ Find Meetings Logged Twice…: tick the groups that were one meeting, Merge."""

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Meetings logged twice")
        fit_to_screen(self, "logged-twice", QSize(820, 460))
        self.intro = label(
            "Each line is one meeting that looks logged once per manager: the same kind, start "
            "and summary. Tick the ones that were one meeting and merge them: the managers become "
            "its attendees, notes that are the same are kept once, and notes that differ become "
            "the note about that manager. Action items keep their person. Edit ▸ Undo takes a "
            "merge back.",
            "mutedLabel",
            wrap=True,
        )
        self.list = QTreeWidget()
        self.list.setAccessibleName("Meetings logged once per manager")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(["When", "Kind", "Summary", "Logged for"])
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.list.itemChanged.connect(self._update_buttons)
        self.empty = label(
            "No meeting looks logged more than once.",
            "emptyHint",
            align=Qt.AlignmentFlag.AlignCenter,
            wrap=True,
        )
        self.merge_button = QPushButton("Merge the ticked meetings")
        self.merge_button.setObjectName("primaryButton")
        self.merge_button.clicked.connect(self.merge_ticked)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(close)
        buttons.addWidget(self.merge_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for group in touchpoints.meetings_logged_twice():
            item = QTreeWidgetItem(
                [
                    dates.date_time_text(group.occurred_at, weekday=True),
                    group.kind.label,
                    group.summary or "(no summary)",
                    f"{len(group.ids)} managers: {', '.join(group.names)}",
                ]
            )
            item.setToolTip(3, "\n".join(group.names))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            item.setData(0, Qt.ItemDataRole.UserRole, list(group.ids))
            self.list.addTopLevelItem(item)
        self.list.blockSignals(False)
        for column in range(3):
            self.list.resizeColumnToContents(column)
        found = self.list.topLevelItemCount() > 0
        self.list.setVisible(found)
        self.empty.setVisible(not found)
        self._update_buttons()

    def ticked(self) -> list[list[int]]:
        found = (self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount()))
        items = [item for item in found if item is not None]
        return [
            list(item.data(0, Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState(0) == Qt.CheckState.Checked
        ]

    @Slot()
    def _update_buttons(self) -> None:
        count = len(self.ticked())
        self.merge_button.setEnabled(count > 0)
        self.merge_button.setText(
            f"Merge {count} meeting{'s' if count != 1 else ''}" if count else "Merge"
        )

    @Slot()
    def merge_ticked(self) -> None:
        groups = self.ticked()
        try:
            with self.session.undo_step("Merge Meetings"):
                for ids in groups:
                    self.session.merge_touchpoints(ids)
        except CoachJournalError as error:
            dialogs.show_error(self, "Merge meetings", str(error))
        self.reload()
