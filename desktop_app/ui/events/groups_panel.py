"""The groups I belong to (or watch): add one, add its members, see who is in it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.values import ChangeSet
from desktop_app.services import events
from desktop_app.services.events import EventsUndo, GroupFields
from desktop_app.ui.common.dates import date_pattern, format_date
from desktop_app.ui.common.plain_label import PlainLabel
from desktop_app.ui.events.event_dialogs import (
    GroupDialog,
    confirm_delete,
    group_delete_question,
    list_keys,
    to_date,
    to_qdate,
)
from desktop_app.ui.events.events_commands import EventsEditCommand
from desktop_app.ui.window.workspace import Workspace


class GroupsPanel(QWidget):
    def __init__(
        self,
        workspace: Workspace,
        person_of: Callable[[str], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.person_of = person_of
        layout = QVBoxLayout(self)
        self.group_list = QListWidget(self)
        self.group_list.setAccessibleName("Groups")
        self.group_list.currentItemChanged.connect(self._on_group_list_current_changed)
        layout.addWidget(self.group_list, 2)
        edit_row = QHBoxLayout()
        self.edit_button = QPushButton("Edit group…", self)
        self.edit_button.setToolTip("Change the group's name, kind, link or note (F2)")
        self.edit_button.clicked.connect(self._on_edit_group_clicked)
        self.delete_button = QPushButton("Delete group", self)
        self.delete_button.setToolTip("Delete the group selected above (Delete)")
        self.delete_button.clicked.connect(self._on_delete_group_clicked)
        edit_row.addWidget(self.edit_button)
        edit_row.addWidget(self.delete_button)
        layout.addLayout(edit_row)
        list_keys(self.group_list, self._on_edit_group_clicked, self._on_delete_group_clicked)
        layout.addWidget(PlainLabel("Members", self))
        self.member_list = QListWidget(self)
        self.member_list.setAccessibleName("Members")
        layout.addWidget(self.member_list, 2)
        until_row = QHBoxLayout()
        self.until_edit = QDateEdit(to_qdate(date.today()), self)
        self.until_edit.setCalendarPopup(True)
        self.until_edit.setDisplayFormat(date_pattern())
        self.until_edit.setAccessibleName("Member until")
        self.until_button = QPushButton("Left &on", self)
        self.until_button.setToolTip("The selected member left the group on this date")
        self.until_button.clicked.connect(self._on_until_clicked)
        self.still_button = QPushButton("Still a member", self)
        self.still_button.clicked.connect(self._on_still_member_clicked)
        until_row.addWidget(self.until_button)
        until_row.addWidget(self.until_edit, 1)
        until_row.addWidget(self.still_button)
        layout.addLayout(until_row)
        member_row = QHBoxLayout()
        self.member_edit = QLineEdit(self)
        self.member_edit.setPlaceholderText("A contact in this group")
        self.member_edit.setAccessibleName("New member")
        self.member_edit.returnPressed.connect(self._on_add_member_clicked)
        self.member_button = QPushButton("Add mem&ber", self)
        self.member_button.clicked.connect(self._on_add_member_clicked)
        member_row.addWidget(self.member_edit, 1)
        member_row.addWidget(self.member_button)
        layout.addLayout(member_row)
        form = QFormLayout()
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText("PyData Berlin")
        self.kind_edit = QLineEdit(self)
        self.kind_edit.setPlaceholderText("Meetup group, association, alumni…")
        self.url_edit = QLineEdit(self)
        self.member_check = QCheckBox("I am a member", self)
        self.member_check.setChecked(True)
        form.addRow("&Name", self.name_edit)
        form.addRow("&Kind", self.kind_edit)
        form.addRow("&Link", self.url_edit)
        form.addRow("", self.member_check)
        layout.addLayout(form)
        self.add_button = QPushButton("Add &group", self)
        self.add_button.clicked.connect(self._on_add_group_clicked)
        layout.addWidget(self.add_button)

    def refresh(self) -> None:
        current = self.current_group_id()
        self.group_list.blockSignals(True)
        self.group_list.clear()
        for group in events.groups(self.workspace.db):
            mine = " · I am a member" if group.i_am_member else ""
            kind = f"{group.kind} · " if group.kind else ""
            text = f"{group.name}\n{kind}{group.members} known members{mine}"
            item = QListWidgetItem(text, self.group_list)
            item.setData(Qt.ItemDataRole.UserRole, group.id)
            if group.id == current:
                self.group_list.setCurrentItem(item)
        self.group_list.blockSignals(False)
        if self.group_list.currentItem() is None and self.group_list.count():
            self.group_list.setCurrentRow(0)
        self._show_members()

    def set_completer(self, labels: list[str]) -> None:
        completer = QCompleter(labels, self.member_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.member_edit.setCompleter(completer)

    def current_group_id(self) -> int | None:
        item = self.group_list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _show_members(self) -> None:
        current = self.current_member_id()
        self.member_list.clear()
        group_id = self.current_group_id()
        if group_id is None:
            return
        for member in events.memberships(self.workspace.db, group_id):
            parts = [member.name]
            if member.since is not None:
                parts.append(f"since {format_date(member.since)}")
            if member.until is not None:
                parts.append(f"left {format_date(member.until)}")
            item = QListWidgetItem(" · ".join(parts), self.member_list)
            item.setData(Qt.ItemDataRole.UserRole, member.person_id)
            if member.person_id == current:
                self.member_list.setCurrentItem(item)

    def current_member_id(self) -> int | None:
        item = self.member_list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _on_edit_group_clicked(self) -> None:
        group_id = self.current_group_id()
        if group_id is None:
            return
        db = self.workspace.db
        group = next((g for g in events.groups(db) if g.id == group_id), None)
        if group is None:
            return
        dialog = GroupDialog(group, self)
        while dialog.exec():
            fields = dialog.fields()
            command = EventsEditCommand(
                self.workspace,
                f"Edit group {fields.name.strip()}",
                partial(events.update_group, db, group_id, fields),
            )
            if self.workspace.execute(command):
                return
            # refused (the message is shown): the dialog opens again with what was typed

    def _on_delete_group_clicked(self) -> None:
        group_id = self.current_group_id()
        if group_id is None:
            return
        db = self.workspace.db
        group = next((g for g in events.groups(db) if g.id == group_id), None)
        if group is None:
            return
        members, planned = events.group_links(db, group_id)
        if not confirm_delete(self, group_delete_question(group.name, members, planned)):
            return
        command = EventsEditCommand(
            self.workspace, f"Delete group {group.name}", lambda: events.delete_group(db, group_id)
        )
        self.workspace.execute(command)

    def _set_until(self, until: date | None) -> None:
        group_id = self.current_group_id()
        person_id = self.current_member_id()
        if group_id is None or person_id is None:
            self.workspace.error_raised.emit("Select a member first.")
            return
        name = self.member_list.currentItem().text().split(" · ")[0]
        db = self.workspace.db
        text = f"{name} left the group" if until else f"{name} is a member again"
        command = EventsEditCommand(
            self.workspace, text, lambda: events.set_member_until(db, group_id, person_id, until)
        )
        self.workspace.execute(command)

    def _on_until_clicked(self) -> None:
        self._set_until(to_date(self.until_edit.date()))

    def _on_still_member_clicked(self) -> None:
        self._set_until(None)

    def _on_group_list_current_changed(self, *_args: object) -> None:
        self._show_members()

    def _on_add_group_clicked(self) -> None:
        fields = GroupFields(
            self.name_edit.text(),
            self.kind_edit.text(),
            self.url_edit.text(),
            i_am_member=self.member_check.isChecked(),
        )
        db = self.workspace.db

        def call() -> tuple[EventsUndo, ChangeSet]:
            _id, undo, change = events.create_group(db, fields)
            return undo, change

        command = EventsEditCommand(self.workspace, f"Add group {fields.name.strip()}", call)
        if self.workspace.execute(command):
            for edit in (self.name_edit, self.kind_edit, self.url_edit):
                edit.clear()

    def _on_add_member_clicked(self) -> None:
        group_id = self.current_group_id()
        if group_id is None:
            self.workspace.error_raised.emit("Add a group first, then its members.")
            return
        person_id = self.person_of(self.member_edit.text())
        if person_id is None:
            return
        db = self.workspace.db
        command = EventsEditCommand(
            self.workspace,
            f"Add {self.member_edit.text().strip()} to a group",
            lambda: events.add_member(db, group_id, person_id),
        )
        if self.workspace.execute(command):
            self.member_edit.clear()
