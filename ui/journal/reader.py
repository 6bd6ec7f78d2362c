"""The journal's reading pane: one touchpoint rendered, read-only, as a page of a book.

Reading an old conversation must never change it, so this pane holds no editor: the notes are
rendered Markdown (:class:`~ui.widgets.markdown.MarkdownView`), followed by the fields of the
entry's kind and its action items, and any key pressed here only scrolls or turns the page.
Editing is the explicit step of the Edit button (Ctrl+E in the journal tab), which opens the
touchpoint editor with its autosave.

The page is built from the palette's colours each time it is shown, so it reads in the light
and the dark theme alike, and again when the theme changes.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextEdit, QVBoxLayout, QWidget

from coachjournal.coaching import development, touchpoints
from coachjournal.coaching.search import search_words
from coachjournal.coaching.touchpoints import KIND_FIELDS, ActionItemRecord, TouchpointRecord
from coachjournal.kinds import ActionStatus, Owner
from ui import dates
from ui.icons import icon
from ui.theme import alert_colour
from ui.widgets.basic import label
from ui.widgets.markdown import FEATURES, MarkdownView
from ui.widgets.timeline import MOOD_WORDS, duration_text

FIELD_TITLES = {
    "account": "Account",
    "objective": "Objective",
    "observations": "What you observed",
    "debrief": "Debrief",
    "aspiration": "Aspiration discussed",
}
#: Search words marked in the page: the same yellow as the search results' snippets.
HIGHLIGHT = ("#FFE08A", "#1A1A1A")
#: The most of one text (notes, a field) the pane lays out. Notes may hold two million
#: characters; laying out one of a megabyte takes seconds (7 s for one of emoji and Arabic), on
#: every page turn. Forty thousand is a long essay, shown in a blink; the editor shows it all.
READ_LIMIT = 40_000
#: The most search matches marked in one entry: finding each costs up to 15 ms in a long
#: paragraph of emoji and Arabic.
MARK_LIMIT = 50


def cut(text: str, limit: int = READ_LIMIT) -> tuple[str, int]:
    """``text`` up to ``limit`` characters, cut at a line break if one is near the end, and
    how many characters were left out."""
    if len(text) <= limit:
        return text, 0
    end = text.rfind("\n", 0, limit)
    if end < limit // 2:
        end = limit
    return text[:end], len(text) - end


def _rest_html(rest: int, muted: str) -> str:
    return (
        f'<p style="color:{muted}">… {rest:,} more characters: the editor (Edit, Ctrl+E) '
        "shows them all.</p>"
    )


def _lines(text: str, muted: str) -> str:
    shown, rest = cut(text)
    more = f' <span style="color:{muted}">… {rest:,} more characters</span>' if rest else ""
    return escape(shown).replace("\n", "<br>") + more


def _item_html(item: ActionItemRecord, today: dt.date, alert: str, muted: str) -> str:
    who = "You" if item.owner == Owner.ME else "They"
    due = f" · due {dates.date_text(item.due_on)}" if item.due_on else ""
    if item.status == ActionStatus.OPEN:
        mark = "☐"
        state = f' · <b style="color:{alert}">OVERDUE</b>' if item.is_overdue(today) else ""
    else:
        mark = "☑" if item.status == ActionStatus.DONE else "☒"
        closed = f" {dates.date_text(item.closed_on)}" if item.closed_on else ""
        state = f" · {item.status.value}{closed}"
    return (
        f'<p>{mark} {escape(item.text)}<br><span style="color:{muted}">{who}{due}{state}</span></p>'
    )


class EntryReader(QWidget):
    """Shows one touchpoint (:meth:`show_entry`); asks for the next or previous one and for the
    editor through its signals, since the list it reads from belongs to the journal tab."""

    edit_requested = Signal(int)
    newer_requested = Signal()
    older_requested = Signal()
    #: A one-line message for the status bar (a link that was not opened).
    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.touchpoint_id: int | None = None
        #: The journal it is read in: "with …" names the others.
        self.manager_id: int | None = None
        self.highlight = ""
        self.page = MarkdownView()
        self.page.setAccessibleName("Reading pane")
        self.page.document().setDocumentMargin(18)
        self.page.link_refused.connect(self.status)
        self.position = label("", "mutedLabel")
        self.newer_button = QPushButton("↑ Newer")
        self.newer_button.setAccessibleName("Read the newer entry")
        self.newer_button.setToolTip("The newer entry (K, Alt+Up, or Up in the list)")
        self.newer_button.clicked.connect(self.newer_requested)
        self.older_button = QPushButton("↓ Older")
        self.older_button.setAccessibleName("Read the older entry")
        self.older_button.setToolTip("The older entry (J, Alt+Down, or Down in the list)")
        self.older_button.clicked.connect(self.older_requested)
        self.edit_button = QPushButton(icon("new-entry"), "Edit")
        self.edit_button.setAccessibleName("Edit this entry")
        self.edit_button.setToolTip("Edit this entry; changes save themselves (Ctrl+E)")
        self.edit_button.clicked.connect(self._edit)
        for button in (self.newer_button, self.older_button, self.edit_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.position, 1)
        bar.addWidget(self.newer_button)
        bar.addWidget(self.older_button)
        bar.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.page, 1)
        self.show_entry(None)

    def show_entry(self, touchpoint_id: int | None, highlight: str = "") -> None:
        """Render ``touchpoint_id`` (None: nothing), marking the words of ``highlight`` and
        scrolling to the first. The id is one of the journal's live entries (the tab reads
        them from its timeline); one in the trash shows as nothing."""
        record = touchpoints.get_touchpoint(touchpoint_id) if touchpoint_id is not None else None
        if record is not None and record.deleted_at is not None:
            record = None
        self.touchpoint_id = record.id if record is not None else None
        self.highlight = highlight
        self.edit_button.setEnabled(record is not None)
        if record is None:
            self.page.setHtml(self._empty_html())
            return
        self._render(record)
        if not self._mark(highlight):
            self.page.verticalScrollBar().setValue(0)

    def set_position(self, text: str, newer: bool, older: bool) -> None:
        """Where the shown entry stands in the list ("3 of 182") and which ways one can turn."""
        self.position.setText(text)
        self.newer_button.setEnabled(newer)
        self.older_button.setEnabled(older)

    def refresh(self) -> None:
        """Read the shown entry again (after it was edited), keeping the scroll position."""
        scroll = self.page.verticalScrollBar().value()
        self.show_entry(self.touchpoint_id, self.highlight)
        if not self.highlight:
            self.page.verticalScrollBar().setValue(scroll)

    def _edit(self) -> None:
        if self.touchpoint_id is not None:
            self.edit_requested.emit(self.touchpoint_id)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "page"):
            self.refresh()

    # The page -------------------------------------------------------------------------

    def _colours(self) -> tuple[str, str]:
        """The muted grey and the alert red that read on the current palette."""
        palette = self.palette()
        muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
        return muted, alert_colour(palette).name()

    def _empty_html(self) -> str:
        muted, _ = self._colours()
        return (
            f'<p style="color:{muted}">Select an entry in the list to read it here. '
            "Up and Down (or J and K) turn the pages; Ctrl+E edits the entry.</p>"
        )

    def _render(self, record: TouchpointRecord) -> None:
        muted, alert = self._colours()
        document = self.page.document()
        self.page.clear()
        cursor = QTextCursor(document)
        cursor.insertHtml(self._header_html(record, muted))
        fields = [f for f in KIND_FIELDS.get(record.kind, ()) if getattr(record, f).strip()]
        label_style = f"color:{muted}; font-weight:600; padding-right:12px"
        if fields:
            self._new_block(cursor)
            cursor.insertHtml(
                '<table cellspacing="0" cellpadding="3">'
                + "".join(
                    f'<tr><td style="{label_style}">{FIELD_TITLES[f]}</td>'
                    f"<td>{_lines(getattr(record, f), muted)}</td></tr>"
                    for f in fields
                )
                + "</table>"
            )
        self._new_block(cursor)
        if record.notes.strip():
            notes_start = cursor.position()
            notes, rest = cut(record.notes)
            cursor.insertMarkdown(notes, FEATURES)
            self._space_headings(notes_start)
            if rest:
                self._new_block(cursor)
                cursor.insertHtml(_rest_html(rest, muted))
        else:
            cursor.insertHtml(f'<p style="color:{muted}">No notes.</p>')
        observed = [a for a in record.attendees if a.note.strip()]
        if observed:
            self._new_block(cursor)
            cursor.insertHtml(
                '<h3 style="margin-top:16px">About each manager</h3>'
                + "".join(
                    f'<p><span style="font-weight:600">{escape(a.name)}:</span> '
                    f"{_lines(cut(a.note)[0], muted)}</p>"
                    for a in observed
                )
            )
        items = touchpoints.action_items_of(record.id)
        if items:
            today = dt.date.today()
            self._new_block(cursor)
            cursor.insertHtml(
                f'<h3 style="margin-top:16px">Action items ({len(items)})</h3>'
                + "".join(_item_html(item, today, alert, muted) for item in items)
            )

    def _space_headings(self, start: int) -> None:
        """Air above the notes' headings, which Qt's Markdown reader sets flush with the text."""
        block = self.page.document().findBlock(start)
        while block.isValid():
            form = block.blockFormat()
            if form.headingLevel() > 0:
                form.setTopMargin(14)
                QTextCursor(block).setBlockFormat(form)
            block = block.next()

    @staticmethod
    def _new_block(cursor: QTextCursor) -> None:
        """Go on in a plain paragraph, whatever list or heading the last part ended in."""
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())

    def _header_html(self, record: TouchpointRecord, muted: str) -> str:
        facts = [
            f"<b>{escape(record.kind.label)}</b>",
            escape(dates.date_time_text(record.occurred_at, weekday=True)),
        ]
        if record.duration_minutes:
            facts.append(duration_text(record.duration_minutes))
        if record.mood:
            facts.append(f"mood {record.mood} · {MOOD_WORDS[record.mood]}")
        own = self.manager_id if self.manager_id in record.attendee_ids else record.manager_id
        others = [a.name for a in record.attendees if a.manager_id != own]
        if others:
            facts.append(escape(touchpoints.with_line(others)))
        assignment = ""
        if record.assignment_id is not None:
            try:
                title = development.get_assignment(record.assignment_id).title
            except LookupError:
                title = ""
            if title:
                assignment = (
                    f'<p><span style="color:{muted}; font-weight:600">Assignment:</span> '
                    f"{escape(title)}</p>"
                )
        summary = escape(record.summary) or f'<span style="color:{muted}">(no summary)</span>'
        return (
            f'<p style="font-size:18pt; font-weight:600; margin-bottom:2px">{summary}</p>'
            f'<p style="color:{muted}">{" · ".join(facts)}</p>{assignment}'
        )

    def _mark(self, highlight: str) -> bool:
        """Mark the search's words (painted over the page, which stays as stored); scroll to
        the first. False if none is there."""
        document = self.page.document()
        background, foreground = HIGHLIGHT
        marked = QTextCharFormat()
        marked.setBackground(QColor(background))
        marked.setForeground(QColor(foreground))
        selections: list[QTextEdit.ExtraSelection] = []
        for word in search_words(highlight)[:MARK_LIMIT]:
            found = document.find(word)
            while not found.isNull() and len(selections) < MARK_LIMIT:
                selection = QTextEdit.ExtraSelection()
                selection.cursor = found
                selection.format = marked
                selections.append(selection)
                found = document.find(word, found)
        self.page.setExtraSelections(selections)
        if not selections:
            return False
        first = min((selection.cursor for selection in selections), key=QTextCursor.position)
        self.page.setTextCursor(first)
        self.page.ensureCursorVisible()
        return True
