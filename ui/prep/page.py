"""The one-on-one prep window: the sheet, the suggested questions, today's agenda, and the
print-out and PDF of it all.

The sheet is the same HTML as on paper (:mod:`coachjournal.render.prep_html`), shown in a text
browser; the questions and the agenda sit beside it, since on screen they are things to act on.
The agenda is saved as the draft of the manager's next one-on-one a moment after each edit, so
logging the one-on-one (Ctrl+N) opens with it as the notes.

The screen follows the same order as the paper (:data:`coachjournal.coaching.prep.ORDER`):
what needs attention first, then the rest; the agenda and questions sit in the side panel.
Print and PDF fit the most pressing things on one page unless "Full detail" is ticked.

The frequency chart is drawn off the GUI thread (matplotlib takes a few hundred milliseconds
the first time); the sheet shows without it until it arrives.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QCloseEvent, QImage, QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from coachjournal import rules
from coachjournal.coaching import prep
from coachjournal.coaching.prep import PrepSheet
from coachjournal.coaching.questions import SuggestedQuestion
from coachjournal.coaching.stats import FrequencySeries
from coachjournal.errors import CoachJournalError
from coachjournal.render import prep_html
from ui import dialogs, fonts
from ui.icons import icon
from ui.prep import document
from ui.session import JournalSession
from ui.tasks import Tasks
from ui.theme import is_dark
from ui.widgets.basic import delay_timer, label
from ui.widgets.chart_canvas import charting
from ui.widgets.screen_fit import fit_to_screen

AGENDA_SAVE_MS = 400
REFRESH_MS = 250
#: Characters of a manager's name kept in a PDF's suggested name (within 255 bytes at four a
#: character).
MAX_NAME = 60


def _draw_charts(series: FrequencySeries, dark: bool) -> tuple[bytes, bytes]:
    """The frequency chart for the screen and for paper, drawn on a worker (it touches no
    widget and no database: the numbers were read on the GUI thread)."""
    with charting():
        paper = prep_html.chart_png(series)
        return (prep_html.chart_png(series, dark=True) if dark else paper), paper


def pdf_name(sheet: PrepSheet) -> str:
    """'Prep - Ayşe Aydın - 2026-11-26.pdf' (no character a file system refuses, none that
    would hide or reorder what the name shows)."""
    name = rules.file_name(sheet.manager.name, MAX_NAME, "manager")
    return f"Prep - {name} - {sheet.today.isoformat()}.pdf"


class PrepWindow(QDialog):
    """Prepare the next one-on-one with one manager."""

    #: The user asked to log the one-on-one now (manager id).
    log_requested = Signal(int)
    #: A message for the main window's status bar.
    status = Signal(str)

    def __init__(
        self, session: JournalSession, manager_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.manager_id = manager_id
        self.sheet: PrepSheet | None = None
        self._series: FrequencySeries | None = None
        self._screen_chart: bytes | None = None
        self._paper_chart: bytes | None = None
        self._chart_request = 0
        self._agenda_dirty = False
        self.question_buttons: list[QPushButton] = []
        self._charts = Tasks(self)
        fonts.register_fonts()  # emoji in notes show on screen as on paper
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(820, 560)
        fit_to_screen(self, "prep", QSize(1180, 820))
        self._build()
        self._agenda_timer = delay_timer(self, AGENDA_SAVE_MS, self.save_agenda)
        self._refresh_timer = delay_timer(self, REFRESH_MS, self.refresh)
        for signal in (
            session.entries_changed,
            session.traits_changed,
            session.motivators_changed,
            session.assignments_changed,
            session.manager_changed,
        ):
            signal.connect(self._manager_touched)
        session.cadence_changed.connect(self._refresh_timer.start)
        session.questions_changed.connect(self._refresh_timer.start)
        session.agenda_changed.connect(self._agenda_changed_elsewhere)
        session.manager_removed.connect(self._manager_removed)
        session.journal_opened.connect(self.close)
        self.refresh(chart=True)
        self._open_agenda()

    def _open_agenda(self) -> None:
        """The agenda as last saved, not an edit of it; the questions shown are remembered."""
        self.agenda.blockSignals(True)
        self.agenda.setPlainText(self.sheet.agenda if self.sheet else "")
        self.agenda.blockSignals(False)
        self._mark_added()
        if self.sheet is not None:
            self.session.remember_questions(self.sheet)

    def _build(self) -> None:
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Prep sheet")
        self.browser.setOpenLinks(False)
        self.browser.setFrameShape(QFrame.Shape.NoFrame)
        self.browser.document().setDocumentMargin(24)

        self.questions_box = QGroupBox("Suggested questions")
        self.questions_layout = QVBoxLayout(self.questions_box)
        self.questions_layout.setSpacing(6)
        self.bank_button = QPushButton("Edit the question bank…")
        self.bank_button.setAccessibleName("Edit the question bank")
        self.bank_button.setToolTip("Add, change or remove the questions the sheet suggests")
        self.bank_button.clicked.connect(self.edit_bank)

        self.agenda = QPlainTextEdit()
        self.agenda.setAccessibleName("Agenda")
        self.agenda.setTabChangesFocus(True)
        self.agenda.setPlaceholderText(
            "- What you want to cover today, one line each\n"
            "- Add a suggested question with its “Add” button"
        )
        self.agenda.textChanged.connect(self._agenda_edited)
        self.agenda_hint = label("", "mutedLabel", wrap=True)
        agenda_box = QGroupBox("Today’s agenda")
        agenda_layout = QVBoxLayout(agenda_box)
        agenda_layout.addWidget(self.agenda, 1)
        agenda_layout.addWidget(self.agenda_hint)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 8, 8, 8)
        side_layout.addWidget(self.questions_box)
        side_layout.addWidget(self.bank_button, 0, Qt.AlignmentFlag.AlignLeft)
        side_layout.addWidget(agenda_box, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(side)
        scroll.setMinimumWidth(360)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.browser)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 440])

        self.state = label("", "mutedLabel")
        self.print_button = QPushButton("Print…")
        self.print_button.setAccessibleName("Print the prep sheet")
        self.print_button.setToolTip("Print the prep sheet (Ctrl+P)")
        self.print_button.clicked.connect(self.print_sheet)
        self.full_detail = QCheckBox("Full detail")
        self.full_detail.setAccessibleName("Print and export the sheet in full detail")
        self.full_detail.setToolTip(
            "Print and export everything, over as many pages as it takes "
            "(unticked: the most pressing things on one page)"
        )
        self.pdf_button = QPushButton(icon("export"), "Export PDF…")
        self.pdf_button.setAccessibleName("Export the prep sheet as a PDF")
        self.pdf_button.clicked.connect(self.export_pdf)
        self.log_button = QPushButton(icon("new-entry"), "Log the one-on-one…")
        self.log_button.setObjectName("primaryButton")
        self.log_button.setAccessibleName("Log the one-on-one with the agenda as its notes")
        self.log_button.setToolTip("Open a new one-on-one with today’s agenda as its notes")
        self.log_button.clicked.connect(self._log)
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close the prep sheet")
        self.close_button.clicked.connect(self.close)
        footer = QHBoxLayout()
        footer.addWidget(self.state, 1)
        footer.addWidget(self.full_detail)
        footer.addWidget(self.print_button)
        footer.addWidget(self.pdf_button)
        footer.addWidget(self.close_button)
        footer.addWidget(self.log_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 10)
        layout.addWidget(splitter, 1)
        footer.setContentsMargins(12, 0, 12, 0)
        layout.addLayout(footer)
        QShortcut(QKeySequence.StandardKey.Print, self).activated.connect(self.print_sheet)
        for key in (QKeySequence(QKeySequence.StandardKey.Close), QKeySequence(Qt.Key.Key_Escape)):
            QShortcut(key, self).activated.connect(self.close)
        # Ready to type today's agenda as soon as the sheet opens.
        self.agenda.setFocus()

    # Reading -------------------------------------------------------------------------------

    @Slot()
    def refresh(self, chart: bool = False) -> None:
        """Read the sheet again (and redraw the chart when the journal changed)."""
        self._refresh_timer.stop()
        try:
            self.sheet = prep.build(self.manager_id)
        except LookupError:
            self.close()
            return
        name = self.sheet.manager.name
        self.setWindowTitle(f"Prepare the one-on-one with {name}")
        self.agenda_hint.setText(
            f"Kept as the notes of your next one-on-one with {name}: log it with "
            "“Log the one-on-one…” (or Ctrl+N on their page) and it opens with this agenda."
        )
        self._show_sheet()
        self._show_questions(self.sheet.questions)
        if chart or self._series is None:
            self._draw_chart()

    def _screen_style(self) -> prep_html.Style:
        return prep_html.NIGHT if is_dark(self.palette()) else prep_html.PAPER

    def _show_sheet(self) -> None:
        if self.sheet is None:
            return
        chart_url = None
        if self._screen_chart is not None:
            self.browser.document().addResource(
                QTextDocument.ResourceType.ImageResource,
                QUrl(prep_html.CHART_URL),
                QImage.fromData(self._screen_chart),
            )
            chart_url = prep_html.CHART_URL
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setHtml(
            prep_html.render(
                self.sheet,
                style=self._screen_style(),
                paper=False,
                chart=chart_url,
                chart_width=620,
            )
        )
        self.browser.verticalScrollBar().setValue(scroll)

    def _show_questions(self, suggested: tuple[SuggestedQuestion, ...]) -> None:
        while (item := self.questions_layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.question_buttons = []
        if not suggested:
            self.questions_layout.addWidget(
                label(
                    "The question bank is empty: add questions to it below.", "emptyHint", wrap=True
                )
            )
            return
        for question in suggested:
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            text = label(question.text, wrap=True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setToolTip(question.reason)
            reason = label(question.reason, "mutedLabel", wrap=True)
            words = QVBoxLayout()
            words.setSpacing(0)
            words.addWidget(text)
            words.addWidget(reason)
            add = QPushButton(icon("add"), "Add")
            add.setAccessibleName(f"Add to the agenda: {question.text}")
            add.setToolTip("Add this question to today’s agenda")
            add.clicked.connect(lambda _=False, q=question.text: self.add_to_agenda(q))
            row_layout.addLayout(words, 1)
            row_layout.addWidget(add, 0, Qt.AlignmentFlag.AlignTop)
            self.questions_layout.addWidget(row)
            self.question_buttons.append(add)
        self._mark_added()

    def _mark_added(self) -> None:
        """Questions already on the agenda show as added."""
        lines = {line.strip() for line in self.agenda.toPlainText().splitlines()}
        for button in self.question_buttons:
            question = button.accessibleName().partition(": ")[2]
            added = f"- {question}" in lines
            button.setEnabled(not added)
            button.setText("Added" if added else "Add")

    # The chart -----------------------------------------------------------------------------

    def _draw_chart(self) -> None:
        if self.sheet is None:
            return
        self._series = prep_html.chart_data(self.manager_id, self.sheet.today)
        self._chart_request += 1
        self._paper_chart = None
        number, series, dark = self._chart_request, self._series, is_dark(self.palette())
        self._charts.start(
            lambda: _draw_charts(series, dark),
            lambda drawn: self._chart_drawn(number, drawn),
            self.status.emit,
        )

    def _chart_drawn(self, number: int, drawn: object) -> None:
        if number != self._chart_request or not isinstance(drawn, tuple):
            return
        screen, paper = drawn
        self._screen_chart, self._paper_chart = bytes(screen), bytes(paper)
        self._show_sheet()

    def chart_ready(self) -> bool:
        return self._paper_chart is not None

    def paper_chart(self) -> bytes | None:
        """The chart for paper: the one drawn already, else drawn now."""
        if self._paper_chart is None and self._series is not None:
            with charting():
                self._paper_chart = prep_html.chart_png(self._series)
        return self._paper_chart

    # The agenda ----------------------------------------------------------------------------

    @Slot()
    def _agenda_edited(self) -> None:
        self._agenda_dirty = True
        self.state.setText("Saving the agenda…")
        self._agenda_timer.start()
        self._mark_added()

    @Slot()
    def save_agenda(self) -> None:
        self._agenda_timer.stop()
        if not self._agenda_dirty:
            return
        self._agenda_dirty = False
        self.session.save_agenda(self.manager_id, self.agenda.toPlainText())
        self.state.setText("Agenda kept for the next one-on-one")

    def add_to_agenda(self, question: str) -> None:
        """One click: the question becomes the agenda's next bullet, saved at once."""
        text = prep.add_to_agenda(self.agenda.toPlainText(), question)
        self.agenda.setPlainText(text)
        self.agenda.moveCursor(QTextCursor.MoveOperation.End)
        self.save_agenda()

    @Slot(int)
    def _agenda_changed_elsewhere(self, manager_id: int) -> None:
        if manager_id != self.manager_id or self._agenda_dirty:
            return
        current = prep.agenda(manager_id)
        text = current.text if current is not None else ""
        if text != self.agenda.toPlainText():
            self.agenda.blockSignals(True)
            self.agenda.setPlainText(text)
            self.agenda.blockSignals(False)
            self._mark_added()

    @Slot(int)
    def _manager_touched(self, manager_id: int) -> None:
        if manager_id == self.manager_id:
            self._agenda_changed_elsewhere(manager_id)  # a logged one-on-one took the agenda
            self._series = None  # the chart may have changed too
            self._refresh_timer.start()

    @Slot(int)
    def _manager_removed(self, manager_id: int) -> None:
        if manager_id == self.manager_id:
            self._agenda_dirty = False
            self.close()

    @Slot()
    def _log(self) -> None:
        self.save_agenda()
        self.log_requested.emit(self.manager_id)

    # Paper ---------------------------------------------------------------------------------

    def _paper_sheet(self) -> PrepSheet:
        """The sheet with the agenda as it stands in the editor (saved or not)."""
        self.save_agenda()
        sheet = prep.build(self.manager_id)
        self.sheet = sheet
        return sheet

    @Slot()
    def print_sheet(self) -> None:
        from PySide6.QtPrintSupport import QPrinter

        sheet = self._paper_sheet()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        document.set_page_layout(printer)
        printer.setDocName(pdf_name(sheet).removesuffix(".pdf"))
        if not dialogs.ask_print(self, printer):
            return
        try:
            pages = document.render_sheet(
                sheet, printer, self.paper_chart(), full=self.full_detail.isChecked()
            )
        except CoachJournalError as error:
            dialogs.show_error(self, "Print", str(error))
            return
        self._done(f"Sent {pages} page{'s' if pages != 1 else ''} to the printer")

    @Slot()
    def export_pdf(self) -> None:
        sheet = self._paper_sheet()
        suggested = str(dialogs.start_folder() / pdf_name(sheet))
        chosen = dialogs.ask_save_path(
            self, "Export the prep sheet as PDF", suggested, "PDF files (*.pdf)"
        )
        if chosen is None:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        dialogs.remember_folder(path.parent)
        try:
            self.session.refuse_journal_target(path)
            pages = document.write_pdf(
                sheet, path, self.paper_chart(), full=self.full_detail.isChecked()
            )
        except CoachJournalError as error:
            dialogs.show_error(self, "Export PDF", str(error))
            return
        self._done(f"Saved the prep sheet ({pages} page{'s' if pages != 1 else ''}) to {path}")

    def _done(self, message: str) -> None:
        self.state.setText(message)
        self.status.emit(message)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_agenda()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self.save_agenda()
        super().done(result)

    # Question bank -------------------------------------------------------------------------

    @Slot()
    def edit_bank(self) -> None:
        from ui.prep.bank import QuestionBankDialog

        QuestionBankDialog(self.session, self).exec()
