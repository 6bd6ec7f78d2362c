"""Markdown in the app: the one read-only view of notes, and Enter that continues a list.

Notes are rendered by Qt's own Markdown reader (md4c, GitHub dialect), the same everywhere a
note is shown (the editor's preview, the journal's reading pane). Whatever a note holds, showing
it reads nothing and runs nothing: raw HTML is shown as the text it is, pictures are never
fetched (a note cannot make the app read a file or the network), and a link opens only when it
is clicked and only if it is a web or mail address.

Typing a list is the other half: Enter after ``- item``, ``* item`` or ``1. item`` starts the
next item, and Enter on an empty item ends the list, as in every Markdown editor people know.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QTextBrowser, QWidget

#: Link schemes a click opens; any other link (file:, javascript:, a custom app's) is refused.
OPEN_SCHEMES = frozenset({"http", "https", "mailto"})
#: GitHub's Markdown (tables, strikethrough, task lists, autolinks), raw HTML shown as text.
FEATURES = QTextDocument.MarkdownFeature(
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub.value
    | QTextDocument.MarkdownFeature.MarkdownNoHTML.value
)
_LIST_ITEM = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|(?P<number>\d{1,9})[.)])(?P<gap>[ \t]+)"
    r"(?P<task>\[[ xX]\][ \t]+)?"
)


class MarkdownView(QTextBrowser):
    """A read-only rendered note; :attr:`link_refused` tells why a clicked link did not open."""

    link_refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # Links answer the mouse only: Tab leaves the view instead of walking through its links.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.anchorClicked.connect(self._clicked)

    def show_markdown(self, text: str) -> None:
        self.document().setMarkdown(text, FEATURES)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        """Nothing a note names is ever loaded (pictures, style sheets): see the module note."""
        return None

    @Slot(QUrl)
    def _clicked(self, url: QUrl) -> None:
        if url.scheme().lower() in OPEN_SCHEMES:
            QDesktopServices.openUrl(url)
        else:
            self.link_refused.emit(
                "Only web and mail links open from a note: "
                f"“{url.toDisplayString()[:200]}” was left closed."
            )


@dataclasses.dataclass(frozen=True, slots=True)
class ListEnter:
    """What Enter does at the end of a list line: put ``insert`` at the cursor, or, on an empty
    item (``end_list``), clear the line's marker and start a new line, leaving the blank line
    that ends a list in Markdown (else the next line would still belong to the last item)."""

    insert: str = ""
    end_list: bool = False


def list_enter(line: str, column: int) -> ListEnter | None:
    """What Enter at ``column`` of ``line`` does if the line is a list item, else None.

    >>> list_enter("- milk", 6)
    ListEnter(insert='\\n- ', end_list=False)
    >>> list_enter("9. ship it", 10)
    ListEnter(insert='\\n10. ', end_list=False)
    >>> list_enter("  - ", 4)
    ListEnter(insert='', end_list=True)
    """
    found = _LIST_ITEM.match(line)
    if found is None or column < found.end():
        return None
    if not line[found.end() :].strip():
        return ListEnter(end_list=True)
    marker = found["marker"]
    if found["number"] is not None:
        marker = f"{int(found['number']) + 1}{marker[-1]}"
    task = "[ ] " if found["task"] else ""
    return ListEnter(insert=f"\n{found['indent']}{marker}{found['gap']}{task}")


class _ListContinuation(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(watched, QPlainTextEdit)
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            return _enter(watched)
        return super().eventFilter(watched, event)


def _enter(editor: QPlainTextEdit) -> bool:
    cursor = editor.textCursor()
    if cursor.hasSelection():
        return False
    block = cursor.block()
    action = list_enter(block.text(), cursor.positionInBlock())
    if action is None:
        return False
    cursor.beginEditBlock()
    if action.end_list:
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        cursor.insertText("\n")
    else:
        cursor.insertText(action.insert)
    cursor.endEditBlock()
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    return True


def continue_lists(editor: QPlainTextEdit) -> None:
    """Make Enter in ``editor`` continue Markdown lists (Shift+Enter still breaks the line)."""
    continuation = _ListContinuation(editor)
    editor.installEventFilter(continuation)
