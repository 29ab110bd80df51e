"""Edit an event or a group in a small dialog (Enter saves), and ask before a delete that
takes people's links with it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from desktop_app.services.events import EventFields, EventSummary, GroupFields, GroupSummary
from desktop_app.ui.common.dates import date_time_pattern


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))


def to_datetime(value: QDateTime) -> datetime:
    result = value.toPython()
    assert isinstance(result, datetime)
    return result.replace(second=0, microsecond=0)


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Save")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class EventDialog(QDialog):
    """The fields of one event; `fields()` is what the user left in them."""

    def __init__(
        self, event: EventSummary, groups: list[GroupSummary], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Edit {event.title}")
        self.setMinimumWidth(420)
        self.title_edit = QLineEdit(event.title, self)
        self.starts_edit = QDateTimeEdit(to_qdatetime(event.starts_at), self)
        self.starts_edit.setDisplayFormat(date_time_pattern())
        self.starts_edit.setCalendarPopup(True)
        self.has_end = QCheckBox("&Ends", self)
        self.has_end.setChecked(event.ends_at is not None)
        end = event.ends_at or event.starts_at
        self.ends_edit = QDateTimeEdit(to_qdatetime(end), self)
        self.ends_edit.setDisplayFormat(date_time_pattern())
        self.ends_edit.setCalendarPopup(True)
        self.ends_edit.setEnabled(event.ends_at is not None)
        self.has_end.toggled.connect(self.ends_edit.setEnabled)
        self.place_edit = QLineEdit(event.place, self)
        self.group_combo = QComboBox(self)
        self.group_combo.addItem("(no group)", None)
        for group in groups:
            self.group_combo.addItem(group.name, group.id)
        self.group_combo.setCurrentIndex(max(0, self.group_combo.findData(event.group_id)))
        self.notes_edit = QPlainTextEdit(event.notes, self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(70)
        form = QFormLayout(self)
        form.addRow("&Title", self.title_edit)
        form.addRow("&Starts", self.starts_edit)
        form.addRow(self.has_end, self.ends_edit)
        form.addRow("&Place", self.place_edit)
        form.addRow("&Group", self.group_combo)
        form.addRow("&Notes", self.notes_edit)
        form.addRow(_buttons(self))
        self.title_edit.selectAll()
        self.title_edit.setFocus()

    def fields(self) -> EventFields:
        return EventFields(
            title=self.title_edit.text(),
            starts_at=to_datetime(self.starts_edit.dateTime()),
            ends_at=to_datetime(self.ends_edit.dateTime()) if self.has_end.isChecked() else None,
            place=self.place_edit.text(),
            group_id=self.group_combo.currentData(),
            notes=self.notes_edit.toPlainText(),
        )


class GroupDialog(QDialog):
    """The fields of one group; `fields()` is what the user left in them."""

    def __init__(self, group: GroupSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Edit {group.name}")
        self.setMinimumWidth(380)
        self.name_edit = QLineEdit(group.name, self)
        self.kind_edit = QLineEdit(group.kind, self)
        self.url_edit = QLineEdit(group.url, self)
        self.note_edit = QLineEdit(group.note, self)
        self.member_check = QCheckBox("I am a &member", self)
        self.member_check.setChecked(group.i_am_member)
        form = QFormLayout(self)
        form.addRow("&Name", self.name_edit)
        form.addRow("&Kind", self.kind_edit)
        form.addRow("&Link", self.url_edit)
        form.addRow("N&ote", self.note_edit)
        form.addRow("", self.member_check)
        form.addRow(_buttons(self))
        self.name_edit.selectAll()
        self.name_edit.setFocus()

    def fields(self) -> GroupFields:
        return GroupFields(
            self.name_edit.text(),
            self.kind_edit.text(),
            self.url_edit.text(),
            self.note_edit.text(),
            self.member_check.isChecked(),
        )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def event_delete_question(event: EventSummary) -> str | None:
    """What deleting `event` takes with it, as a question (None when it takes nothing)."""
    links = []
    if event.going:
        links.append(_count(len(event.going), "person going", "people going"))
    if event.met:
        links.append(_count(len(event.met), "person met there", "people met there"))
    if not links and not event.interaction_ids:
        return None
    text = f"Delete “{event.title}”?"
    if links:
        text += f" Its list of {' and '.join(links)} goes with it."
    if event.interaction_ids:
        talks = len(event.interaction_ids)
        text += " Its conversation stays" if talks == 1 else f" Its {talks} conversations stay"
        text += ", belonging to no event."
    return text + " Edit ▸ Undo brings it all back."


def group_delete_question(name: str, members: int, events: int) -> str | None:
    """What deleting a group takes with it, as a question (None when it takes nothing)."""
    if not members and not events:
        return None
    text = f"Delete the group “{name}”?"
    if members:
        text += " Its membership goes" if members == 1 else f" Its {members} memberships go"
        text += " with it."
    if events:
        text += " Its event stays" if events == 1 else f" Its {events} events stay"
        text += ", without a group."
    return text + " Edit ▸ Undo brings it all back."


def confirm_delete(parent: QWidget, question: str | None) -> bool:
    """True when there is nothing to ask, or the user says Delete."""
    if question is None:
        return True
    box = QMessageBox(QMessageBox.Icon.Question, "Delete", question, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is delete


def list_keys(widget: QWidget, on_edit: Callable[[], None], on_delete: Callable[[], None]) -> None:
    """F2 edits and Delete deletes the list's current entry while the list has focus."""
    for key, slot in ((Qt.Key.Key_F2, on_edit), (Qt.Key.Key_Delete, on_delete)):
        shortcut = QShortcut(QKeySequence(key), widget)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(slot)
