"""Edit the question bank: add, change and remove questions, or go back to the built-in ones.

Edits are stored in the journal (see :mod:`coachjournal.coaching.questions`) through the session,
which tells the prep windows to suggest from the new bank.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachjournal.coaching import questions
from coachjournal.coaching.questions import Category, Question
from coachjournal.errors import ValidationError
from ui import dialogs
from ui.icons import icon
from ui.session import JournalSession
from ui.widgets.basic import label, line_edit
from ui.widgets.fields import GuardedDialog, error_label
from ui.widgets.screen_fit import fit_to_screen


class QuestionBankDialog(GuardedDialog):
    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Question bank")
        fit_to_screen(self, "questionBank", QSize(720, 560))

        intro = label(
            "The prep sheet suggests a handful of these before each one-on-one, rotating so "
            "the same question does not come back every week.",
            "mutedLabel",
            wrap=True,
        )
        self.list = QListWidget()
        self.list.setAccessibleName("Questions")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.currentItemChanged.connect(self._selected)

        self.category = QComboBox()
        self.category.setAccessibleName("Kind of question")
        for category in Category:
            self.category.addItem(category.label, category)
        self.category.currentIndexChanged.connect(self._show_placeholders)
        self.text = line_edit("The question, e.g. How is {assignment} going?", "Question text")
        self.placeholders = label("", "mutedLabel", wrap=True)
        self.error = error_label()
        form = QFormLayout()
        form.addRow("Kind:", self.category)
        form.addRow("Question:", self.text)
        form.addRow("", self.placeholders)

        self.add_button = QPushButton(icon("add"), "Add as new")
        self.add_button.setAccessibleName("Add as a new question")
        self.add_button.clicked.connect(self.add)
        self.save_button = QPushButton("Save changes")
        self.save_button.setAccessibleName("Save changes to the selected question")
        self.save_button.clicked.connect(self.save)
        self.remove_button = QPushButton(icon("delete"), "Remove")
        self.remove_button.setAccessibleName("Remove the selected question")
        self.remove_button.clicked.connect(self.remove)
        self.restore_button = QPushButton(icon("restore"), "Restore defaults…")
        self.restore_button.setAccessibleName("Restore the built-in questions")
        self.restore_button.clicked.connect(self.restore)
        close = QPushButton("Close")
        close.setAccessibleName("Close the question bank")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.reload()
        self._show_placeholders()

    def reload(self, select: str | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for question in questions.load_bank():
            origin = (
                " · your own" if not question.built_in else " · edited" if question.edited else ""
            )
            item = QListWidgetItem(f"{question.category.label}{origin}\n{question.text}")
            item.setData(Qt.ItemDataRole.UserRole, question.id)
            self.list.addItem(item)
            if question.id == select:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._selected()

    def selected(self) -> Question | None:
        # Qt's stub says an item; it is None when nothing is selected.
        item: QListWidgetItem | None = self.list.currentItem()
        if item is None:
            return None
        wanted = item.data(Qt.ItemDataRole.UserRole)
        return next((q for q in questions.load_bank() if q.id == wanted), None)

    def unsaved_work(self) -> str | None:
        """The question typed but not added or saved yet."""
        question = self.selected()
        saved = "" if question is None else question.text
        return "the question you typed" if self.text.text().strip() != saved.strip() else None

    @Slot()
    def _selected(self) -> None:
        question = self.selected()
        self.save_button.setEnabled(question is not None)
        self.remove_button.setEnabled(question is not None)
        if question is not None:
            self.category.setCurrentIndex(self.category.findData(question.category))
            self.text.setText(question.text)
        self.error.hide()

    @Slot()
    def _show_placeholders(self) -> None:
        category = Category(self.category.currentData())
        names = ", ".join(f"{{{name}}}" for name in sorted(category.placeholders))
        self.placeholders.setText(
            f"May use {names}, filled in for each manager." if names else "Uses no placeholder."
        )

    def _fail(self, error: ValidationError) -> None:
        self.error.setText(error.message)
        self.error.show()

    @Slot()
    def add(self) -> None:
        try:
            question = self.session.add_question(self.category.currentData(), self.text.text())
        except ValidationError as error:
            self._fail(error)
            return
        self.reload(select=question.id)

    @Slot()
    def save(self) -> None:
        current = self.selected()
        if current is None:
            return
        try:
            self.session.update_question(current.id, self.category.currentData(), self.text.text())
        except ValidationError as error:
            self._fail(error)
            return
        self.reload(select=current.id)

    @Slot()
    def remove(self) -> None:
        current = self.selected()
        if current is None:
            return
        if not current.built_in and not dialogs.confirm(
            self,
            "Remove question",
            "Remove this question of your own?",
            "Restoring the defaults does not bring it back.",
            "Remove",
        ):
            return
        self.session.remove_question(current.id)
        self.reload()

    @Slot()
    def restore(self) -> None:
        if not dialogs.confirm(
            self,
            "Restore defaults",
            "Go back to the built-in questions?",
            "Your own questions and your edits to the built-in ones are removed.",
            "Restore",
        ):
            return
        self.session.restore_questions()
        self.reload()
