"""The app's modal questions, as small functions that tests can replace."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter


def confirm(parent: QWidget, title: str, question: str, detail: str, action: str) -> bool:
    """Ask before a destructive action; the safe choice (Cancel) is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, question, parent=parent)
    box.setInformativeText(detail)
    accept = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is accept


def ask_unsaved(parent: QWidget) -> str:
    """A new entry is being closed unsaved: "save", "discard" or "cancel"."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Unsaved touchpoint",
        "Save this touchpoint before closing?",
        parent=parent,
    )
    box.setInformativeText("If you discard it, what you wrote here is gone.")
    save = box.addButton(QMessageBox.StandardButton.Save)
    discard = box.addButton(QMessageBox.StandardButton.Discard)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "cancel"


def ask_discard(parent: QWidget, what: str) -> bool:
    """Closing would lose what was typed into ``what`` ("the new strength"): True only when
    the user chooses Discard; Keep editing is the default, and Esc keeps editing too."""
    box = QMessageBox(
        QMessageBox.Icon.Question, "Unsaved typing", f"Discard {what}?", parent=parent
    )
    box.setInformativeText("What you typed here has not been saved yet.")
    keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """Ask for one line of text; None when the user cancels."""
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.critical(parent, title, message)


def choose_folder(parent: QWidget, title: str, start: str) -> str | None:
    """Ask for a folder, starting at ``start``; None when the user cancels."""
    folder = QFileDialog.getExistingDirectory(parent, title, start)
    return folder or None


def ask_open_path(parent: QWidget, title: str, start: str, file_filter: str) -> str | None:
    """Ask for an existing file to read, starting at ``start``; None when the user cancels."""
    path, _ = QFileDialog.getOpenFileName(parent, title, start, file_filter)
    return path or None


#: The folder the last export or import went to or came from.
LAST_FOLDER_KEY = "exchange/last_folder"


def start_folder(settings: QSettings | None = None) -> Path:
    """Where a dialog for an export or import opens: the folder used last if it is still there,
    else Documents, else home (never the app's working folder, which means nothing to a user)."""
    store = settings if settings is not None else QSettings()
    saved = str(store.value(LAST_FOLDER_KEY, "") or "")
    if saved and Path(saved).is_dir():
        return Path(saved)
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def remember_folder(folder: Path, settings: QSettings | None = None) -> None:
    """The next :func:`start_folder` opens in ``folder``."""
    (settings if settings is not None else QSettings()).setValue(LAST_FOLDER_KEY, str(folder))


def ask_save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> str | None:
    """Ask where to save a file, starting from ``suggested``; None when the user cancels."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path or None


def ask_print(parent: QWidget, printer: QPrinter) -> bool:
    """The system's print dialog for ``printer``; True when the user chose to print."""
    from PySide6.QtPrintSupport import QPrintDialog

    dialog = QPrintDialog(printer, parent)
    return dialog.exec() == QPrintDialog.DialogCode.Accepted
