"""The keyboard shortcuts cheat sheet (F1, Help ▸ Keyboard Shortcuts).

Built each time it opens from the window's actual menus and actions and their current
shortcuts, in the platform's own notation (⌘N on a Mac, Ctrl+N elsewhere), so it stays true when
an action is added or a shortcut changes. The keys that work inside one widget (a list, the
editor) are not actions of the window; they are listed once here, in :data:`IN_WIDGET_KEYS`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.icons import icon
from ui.palette.model import menu_actions, plain
from ui.widgets.basic import label, line_edit
from ui.widgets.screen_fit import fit_to_screen

Key = QKeySequence | QKeySequence.StandardKey

#: Keys that act inside one widget, grouped by where they work: (group, [(keys, what)]).
IN_WIDGET_KEYS: Sequence[tuple[str, Sequence[tuple[Sequence[Key], str]]]] = (
    (
        "Touchpoint editor",
        (
            (
                (QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return")),
                "Save the touchpoint",
            ),
            ((QKeySequence("Ctrl+I"),), "Add an action item"),
        ),
    ),
    (
        "One-on-one prep sheet",
        (
            ((QKeySequence.StandardKey.Print,), "Print the prep sheet"),
            (
                (QKeySequence.StandardKey.Close, QKeySequence(Qt.Key.Key_Escape)),
                "Close the prep sheet (the agenda is kept)",
            ),
        ),
    ),
    (
        "Lists and search",
        (
            ((QKeySequence(Qt.Key.Key_Down),), "From the search or filter box into the results"),
            ((QKeySequence(Qt.Key.Key_Return),), "Open the selected manager, entry or result"),
            ((QKeySequence(Qt.Key.Key_Escape),), "Clear the search box; close the palette"),
            (
                (QKeySequence.StandardKey.Delete,),
                "Delete the selected touchpoint (to the trash) or item",
            ),
        ),
    ),
    (
        "Journal tab",
        (
            ((QKeySequence("Alt+O"),), "Into the open action items"),
            ((QKeySequence(Qt.Key.Key_Space),), "Tick the selected action item done, or reopen it"),
            ((QKeySequence("Alt+D"),), "Show or hide the done action items"),
        ),
    ),
    (
        "Date fields (type fri, 12/12, 12 Dec, tomorrow, +2w or in 3 days)",
        (
            ((QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Tab)), "Take the date"),
            ((QKeySequence(Qt.Key.Key_F4), QKeySequence("Alt+Down")), "Open the calendar"),
            ((QKeySequence(Qt.Key.Key_Up), QKeySequence(Qt.Key.Key_Down)), "A day later, earlier"),
            ((QKeySequence(Qt.Key.Key_Escape),), "Close the calendar (only the calendar)"),
        ),
    ),
    (
        "Development tab",
        (
            (
                (QKeySequence(Qt.Key.Key_Escape), QKeySequence.StandardKey.Back),
                "Back to the overview",
            ),
        ),
    ),
    (
        "Talent review (a manager's card selected)",
        (
            (
                (
                    QKeySequence("Ctrl+Left"),
                    QKeySequence("Ctrl+Right"),
                    QKeySequence("Ctrl+Up"),
                    QKeySequence("Ctrl+Down"),
                ),
                "Move the manager one box: less or more performance, more or less potential",
            ),
            ((QKeySequence.StandardKey.Delete,), "Take the manager off the grid"),
        ),
    ),
)


def native(keys: Sequence[Key]) -> str:
    """Keys in the platform's notation, alternatives joined by " or ". A standard key shows its
    main binding only (not the media keyboard's "New" key); one with no binding on this
    platform is left out."""
    texts: list[str] = []
    for key in keys:
        text = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
        if text and text not in texts:
            texts.append(text)
    return " or ".join(texts)


def window_shortcuts(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(group, action, keys) for every menu action with a shortcut, by menu, then the window's
    own actions with a shortcut that no menu holds."""
    rows: list[tuple[str, str, str]] = []
    seen: set[QAction] = set()
    for menu, action in menu_actions(window.menuBar()):
        seen.add(action)
        keys = native(action.shortcuts())
        if keys:
            rows.append((menu, plain(action.text()), keys))
    for action in window.actions():
        keys = native(action.shortcuts())
        if action not in seen and keys and plain(action.text()):
            rows.append(("Window", plain(action.text()), keys))
    return rows


def all_shortcuts(window: QMainWindow) -> list[tuple[str, str, str]]:
    """The window's shortcuts, then the in-widget keys."""
    rows = window_shortcuts(window)
    for group, keys in IN_WIDGET_KEYS:
        rows.extend((group, what, native(sequence)) for sequence, what in keys if native(sequence))
    return rows


class ShortcutsDialog(QDialog):
    """A searchable two-column list of every shortcut, grouped by menu."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        fit_to_screen(self, "shortcuts", QSize(660, 660))

        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(["Action", "Shortcut"])
        groups: dict[str, QStandardItem] = {}
        for group, what, keys in all_shortcuts(window):
            if group not in groups:
                heading = QStandardItem(group)
                heading.setEditable(False)
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
                spacer = QStandardItem("")
                spacer.setEditable(False)
                self.model.appendRow([heading, spacer])
                groups[group] = heading
            name, key = QStandardItem(what), QStandardItem(keys)
            for item in (name, key):
                item.setEditable(False)
                item.setData(f"{what}: {keys}", Qt.ItemDataRole.AccessibleTextRole)
            groups[group].appendRow([name, key])

        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        intro = label(
            "Every shortcut of this window, in the menus’ order. Ctrl+K finds any manager or "
            "action by typing.",
            "mutedLabel",
            wrap=True,
        )
        self.search = line_edit("Filter shortcuts", "Filter the shortcuts")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), self.search.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(self._filter)

        self.tree = QTreeView()
        self.tree.setObjectName("shortcutsTree")
        self.tree.setAccessibleName("Shortcuts by menu")
        self.tree.setModel(self.proxy)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.expandAll()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.search.setFocus()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.tree.expandAll()

    def listed(self) -> list[tuple[str, str]]:
        """(action, shortcut) for every row shown, for tests."""
        rows = []
        for group in range(self.proxy.rowCount()):
            parent = self.proxy.index(group, 0)
            for row in range(self.proxy.rowCount(parent)):
                rows.append(
                    (
                        str(self.proxy.index(row, 0, parent).data()),
                        str(self.proxy.index(row, 1, parent).data()),
                    )
                )
        return rows
