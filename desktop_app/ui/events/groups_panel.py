"""The groups I belong to (or watch): add one, add its members, see who is in it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
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
from desktop_app.ui.common.plain_label import PlainLabel
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
        layout.addWidget(PlainLabel("Members", self))
        self.member_list = QListWidget(self)
        self.member_list.setAccessibleName("Members")
        layout.addWidget(self.member_list, 2)
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
        self.member_list.clear()
        group_id = self.current_group_id()
        if group_id is not None:
            for member in events.group_members(self.workspace.db, group_id):
                self.member_list.addItem(member.name)

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
