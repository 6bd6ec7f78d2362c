"""The app's modal questions, as small functions that tests can replace."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget


def confirm(parent: QWidget, title: str, question: str, detail: str, action: str) -> bool:
    """Ask before a destructive action; the safe choice (Cancel) is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, question, parent=parent)
    box.setInformativeText(detail)
    accept = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is accept


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """Ask for one line of text; None when the user cancels."""
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.critical(parent, title, message)
