"""The palette's entries (managers and menu actions) and the list model that ranks them.

Actions are collected from the window's menus each time the palette opens, so an action
another screen adds to a menu is in the palette without being registered anywhere, and its
enabled state and text (Archive or Unarchive) are the current ones.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from coachjournal.coaching.roster import ManagerRecord
from ui.palette import matching

_Index = QModelIndex | QPersistentModelIndex

EntryRole = Qt.ItemDataRole.UserRole + 1
DetailRole = Qt.ItemDataRole.UserRole + 2
ShortcutRole = Qt.ItemDataRole.UserRole + 3

#: Field penalties, a tier and a half: a manager's name beats their team, then title; an action's
#: own text beats the menu it is in.
_MANAGER_PENALTIES = [0, 150, 160]
_ACTION_PENALTIES = [0, 150]
#: Most recently opened managers get up to this much more, less per place further back.
_RECENT_BONUS = 60
_RECENT_STEP = 10


class EntryKind(Enum):
    MANAGER = "Manager"
    ACTION = "Action"


@dataclasses.dataclass(frozen=True, slots=True)
class Entry:
    """One line of the palette: a manager to open or an action to trigger."""

    kind: EntryKind
    title: str
    #: Team and title for a manager; the menu for an action.
    detail: str
    #: Native shortcut text ("Ctrl+N", "⌘N"), or "".
    shortcut: str = ""
    manager_id: int | None = None
    action: QAction | None = None
    #: Where the manager is among the recently opened (0 = last opened), or None.
    recent: int | None = None
    enabled: bool = True
    #: Extra text that matches but is not shown (a manager's title).
    also: str = ""

    def fields(self) -> list[str]:
        if self.kind is EntryKind.MANAGER:
            return [self.title, self.detail, self.also]
        return [self.title, self.detail]

    def describe(self) -> str:
        """What a screen reader says: kind, name, detail, shortcut and availability."""
        parts = [f"{self.kind.value}: {self.title}", self.detail, self.shortcut]
        if not self.enabled:
            parts.append("not available now")
        return ", ".join(part for part in parts if part)


def plain(text: str) -> str:
    """Menu text without its mnemonic ampersands or trailing ellipsis: "&Trash…" -> "Trash"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def shortcut_text(action: QAction) -> str:
    shortcut = action.shortcut()
    return "" if shortcut.isEmpty() else shortcut.toString(QKeySequence.SequenceFormat.NativeText)


def menu_actions(menu_bar: QMenuBar) -> list[tuple[str, QAction]]:
    """Every visible, named action of the menus, with its menu's path ("View", "File ▸ Export")."""
    found: list[tuple[str, QAction]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.isSeparator() or not action.isVisible() or not plain(action.text()):
                continue
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, f"{path} ▸ {plain(action.text())}")
            else:
                found.append((path, action))

    for top in menu_bar.actions():
        menu = top.menu()
        if isinstance(menu, QMenu) and top.isVisible():
            walk(menu, plain(top.text()))
    return found


def action_entries(menu_bar: QMenuBar, skip: Iterable[QAction] = ()) -> list[Entry]:
    left_out = set(skip)
    return [
        Entry(
            EntryKind.ACTION,
            plain(action.text()),
            menu,
            shortcut_text(action),
            action=action,
            enabled=action.isEnabled(),
        )
        for menu, action in menu_actions(menu_bar)
        if action not in left_out
    ]


def manager_entries(records: Sequence[ManagerRecord], recent: Sequence[int]) -> list[Entry]:
    places = {manager_id: place for place, manager_id in enumerate(recent)}
    return [
        Entry(
            EntryKind.MANAGER,
            record.name,
            record.team,
            manager_id=record.id,
            recent=places.get(record.id),
            also=record.title,
        )
        for record in records
    ]


def rank(entries: Sequence[Entry], query: str) -> list[Entry]:
    """The entries that match ``query``, best first.

    With nothing typed: recently opened managers, then every action in menu order, then the
    other managers by name. Otherwise by match quality (see :mod:`ui.palette.matching`), a
    recently opened manager a little ahead of others that match as well, then by name.
    """
    if not query.strip():
        recent = sorted(
            (entry for entry in entries if entry.recent is not None),
            key=lambda entry: entry.recent or 0,
        )
        actions = [entry for entry in entries if entry.kind is EntryKind.ACTION]
        others = sorted(
            (e for e in entries if e.kind is EntryKind.MANAGER and e.recent is None),
            key=lambda entry: matching.fold(entry.title),
        )
        return [*recent, *actions, *others]
    scored = []
    for entry in entries:
        penalties = _MANAGER_PENALTIES if entry.kind is EntryKind.MANAGER else _ACTION_PENALTIES
        value = matching.best(query, entry.fields(), penalties)
        if value is None:
            continue
        if entry.recent is not None:
            value += max(0, _RECENT_BONUS - _RECENT_STEP * entry.recent)
        scored.append((-value, not entry.enabled, matching.fold(entry.title), entry))
    scored.sort(key=lambda item: item[:3])
    return [item[3] for item in scored]


class PaletteModel(QAbstractListModel):
    """The ranked entries for the current query; disabled actions are listed but not enabled."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[Entry] = []
        self._shown: list[Entry] = []
        self._query = ""
        self._icons: dict[EntryKind, QIcon] = {}

    def set_entries(self, entries: Sequence[Entry], manager_icon: QIcon | None = None) -> None:
        self._all = list(entries)
        if manager_icon is not None:
            self._icons[EntryKind.MANAGER] = manager_icon
        self.set_query(self._query)

    def set_query(self, query: str) -> None:
        self.beginResetModel()
        self._query = query
        self._shown = rank(self._all, query)
        self.endResetModel()

    def entry(self, row: int) -> Entry | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._shown)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None or not entry.enabled:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.title
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return entry.describe()
        if role == Qt.ItemDataRole.DecorationRole:
            if entry.action is not None:
                return entry.action.icon()
            return self._icons.get(entry.kind, QIcon())
        if role == DetailRole:
            detail = entry.detail
            return f"{detail} · not available now" if not entry.enabled else detail
        if role == ShortcutRole:
            return entry.shortcut
        if role == EntryRole:
            return entry
        return None
