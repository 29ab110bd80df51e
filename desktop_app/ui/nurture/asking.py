"""Small shared pieces of the nurture dialogs: date conversion and plain-text questions."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def confirm_dates(parent: QWidget, questions: list[str], action: str = "Save it") -> bool:
    """Put the date questions to the user; True when they confirm the dates are right."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Check the dates",
        "\n\n".join([*questions, f"{action} with these dates?"]),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def tell(parent: QWidget, message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, parent.windowTitle(), message, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
