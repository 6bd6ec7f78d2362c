"""Restore a journal from a JSON export.

An export is restored only into an empty journal (the core's rule: merging a backup into a
journal that has moved on would mix two histories with clashing ids). So when the open journal
holds data, the dialog explains that restoring makes a new journal file and asks where; when it
is empty, the export goes into it. The file is checked completely in a worker first and its
problems listed; then the new journal is created and opened, the rows are written by a worker
into it in one transaction (seconds for a large journal, which no screen shows yet but as
empty), and every screen reads it again. If the write fails, the journal it went into is left
as it was (a new file is removed and the previous journal opened again).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachjournal import paths
from coachjournal.errors import CoachJournalError
from ui import dialogs
from ui.exchange.base import ExchangeDialog, plural, unused_path
from ui.session import JournalSession, remove_journal
from ui.widgets.basic import label
from ui.widgets.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from coachjournal.exchange.json_format import CheckedExport, ImportFileError, ImportSummary

#: Records named in the summary; the rest are counted together.
_NAMED = (("manager", "manager"), ("touchpoint", "touchpoint"), ("action_item", "action item"))


def describe_rows(rows: dict[str, int]) -> str:
    """ "200 managers, 124,767 touchpoints, 31,002 action items and 9,410 other records"."""
    named = [plural(rows.get(table, 0), word) for table, word in _NAMED]
    others = sum(rows.values()) - sum(rows.get(table, 0) for table, _ in _NAMED)
    return ", ".join(named) + f" and {plural(others, 'other record')}"


class RestoreDialog(ExchangeDialog):
    """Check a JSON export, then restore it into an empty or a new journal."""

    def __init__(self, session: JournalSession, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(session, path, "Restore a Journal from an Export", parent)
        self.checked: CheckedExport | None = None
        self.into_current = not session.is_sample and _is_empty()
        self._previous = session.path
        #: A journal protected by a passphrase is restored into one protected by the same.
        self._protected = session.protected
        #: The journal the export goes into (set when the user confirms).
        self.target = session.path

        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems found in the file")
        self.problems.setWordWrap(True)
        self.problems.setAlternatingRowColors(True)
        self.problems.setSpacing(2)
        self.problems_heading = label("", "sectionTitle")
        self.problems_heading.hide()
        self.problems.hide()

        self.where = QFrame()
        self.where.setObjectName("callout")
        self.explanation = label("", wrap=True)
        self.target_edit = QLineEdit()
        self.target_edit.setAccessibleName("The new journal file")
        self._suggested = str(_suggested_target())
        self.target_edit.setText(self._suggested)
        self.choose_button = QPushButton("Choose…")
        self.choose_button.setAccessibleName("Choose where to put the new journal")
        self.choose_button.clicked.connect(self.choose_target)
        self.target_error = label("", "fieldError", wrap=True)
        self.target_error.hide()
        row = QHBoxLayout()
        row.addWidget(label("New journal:"))
        row.addWidget(self.target_edit, 1)
        row.addWidget(self.choose_button)
        where = QVBoxLayout(self.where)
        where.setContentsMargins(14, 10, 14, 10)
        where.addWidget(self.explanation)
        if self.into_current:
            self.explanation.setText(
                f"Your journal is empty, so the export will be restored into it: {session.path}."
            )
            self.target_edit.hide()
            self.choose_button.hide()
        else:
            self.explanation.setText(
                "Restoring creates a new journal file: an export is never merged into a journal "
                "that already holds data, because the two histories would clash. Your current "
                "journal stays as it is, and the new one opens once it is restored."
                + (
                    " Like your journal, it is protected by your passphrase."
                    if self._protected
                    else ""
                )
            )
            where.addLayout(row)
            where.addWidget(self.target_error)

        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.where)
        layout.addStretch()
        at = self.layout_.indexOf(self.body)
        self.layout_.insertWidget(at, self.problems_heading)
        self.layout_.insertWidget(at + 1, self.problems, 1)
        fit_to_screen(self, "restoreExport", QSize(720, 340))
        self.read(lambda: _check(path), "Checking the export…")

    def show_preview(self, result: object) -> None:
        from coachjournal.exchange.json_format import ImportFileError

        if isinstance(result, ImportFileError):
            self.show_problems(result)
            return
        self.checked = result  # type: ignore[assignment]
        assert self.checked is not None
        when = f" on {_exported_on(self.checked.exported_at)}" if self.checked.exported_at else ""
        version = f" by CoachJournal {self.checked.app_version}" if self.checked.app_version else ""
        self.set_summary(
            f"The export is complete and sound. Written{when}{version}, it holds "
            f"{describe_rows(self.checked.counts)}."
        )
        self.confirm_button.setText("Restore" if self.into_current else "Restore into New Journal")
        self.confirm_button.setEnabled(True)

    def show_problems(self, error: ImportFileError) -> None:
        self.show_failure(str(error))
        from coachjournal.exchange.json_format import MAX_PROBLEMS

        if len(error.problems) > 1:
            shown = len(error.problems)
            self.problems_heading.setText(
                f"The first {shown} problems found (each names its table, row and field):"
                if shown >= MAX_PROBLEMS
                else f"All {shown} problems found (each names its table, row and field):"
            )
            self.problems.addItems(list(error.problems))
            self.problems_heading.show()
            self.problems.show()

    def unsaved_work(self) -> str | None:
        chosen = self.target_edit.isVisible() and self.target_edit.text() != self._suggested
        return "the new journal's file name you chose" if chosen else None

    def done(self, result: int) -> None:
        """Let go of the checked rows (hundreds of MB for a large journal) once closed."""
        super().done(result)
        if not self.writing:
            self.checked = None

    @Slot()
    def choose_target(self) -> None:
        chosen = dialogs.ask_save_path(
            self,
            "Where to Put the New Journal",
            self.target_edit.text(),
            "CoachJournal journal (*.db)",
        )
        if chosen:
            self.target_edit.setText(chosen if chosen.endswith(".db") else f"{chosen}.db")

    def _target(self) -> Path | None:
        """The new journal's path, or None after saying on screen why it cannot be used."""
        text = self.target_edit.text().strip()
        target = Path(text).expanduser() if text else None
        problem = ""
        if target is None:
            problem = "Name the file for the new journal."
        elif target.exists():
            problem = f"There is already a file at {target}; choose a new name."
        elif not target.parent.is_dir():
            problem = f"There is no folder {target.parent}; choose another place."
        self.target_error.setText(problem)
        self.target_error.setVisible(bool(problem))
        return None if problem else target

    def confirm(self) -> None:
        if self.checked is None:
            return
        target = self.session.path if self.into_current else self._target()
        if target is None:
            return
        if not self.into_current:
            try:
                self.session.open_with_same_passphrase(target)
            except CoachJournalError as error:
                self.show_failure(str(error))
                return
        self.target = target
        self.writing = True
        self.where.setEnabled(False)
        self.progress.show()
        self.message.setText(f"Restoring into {target.name}… a large journal takes a few seconds.")
        self.confirm_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        checked = self.checked
        self.tasks.start(lambda: _restore(checked), self._restored, self._not_restored)

    @Slot(object)
    def _restored(self, summary: object) -> None:
        self.writing = False
        self.progress.hide()
        self.session.reload()
        rows = summary.rows  # type: ignore[attr-defined]
        outcome = f"Restored {describe_rows(dict(rows))} from {self.path.name} into {self.target}."
        if not self.into_current and self._previous == self.session.home_path:
            self.session.keep_as_home()
            outcome += f" It opens from now on; the previous journal stays at {self._previous}."
        self.finish(outcome)

    @Slot(str)
    def _not_restored(self, message: str) -> None:
        self.writing = False
        self.cancel_button.setEnabled(True)
        if not self.into_current:
            try:
                self.session.open_with_same_passphrase(self._previous)
            finally:
                remove_journal(self.target)
        self.show_failure(message)


def _is_empty() -> bool:
    from coachjournal.exchange import json_format

    return not json_format.journal_counts()


def _suggested_target() -> Path:
    folder = paths.default_journal_path().parent
    return unused_path(folder, f"Restored journal {dt.date.today().isoformat()}", ".db")


def _exported_on(stamp: str) -> str:
    from ui.dates import date_text

    try:
        return str(date_text(dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()))
    except ValueError:
        return stamp


def _check(path: Path) -> CheckedExport | ImportFileError:
    """The checked export, or the fault (returned, not raised: its list of problems is shown)."""
    from coachjournal.exchange import json_format

    try:
        return json_format.check_export(path)
    except json_format.ImportFileError as error:
        return error


def _restore(checked: CheckedExport) -> ImportSummary:
    from coachjournal.exchange import json_format

    return json_format.import_checked(checked)
