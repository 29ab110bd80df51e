"""Network ▸ People I talked to who are not contacts…: add them after the import, too.

A history import remembers the people in my mail, LinkedIn messages and calendar who are not
contacts (services/history/not_contacts.py). The import preview offers them once; this
dialog offers them again whenever the user is ready: tick or select, Add, undo with Ctrl+Z.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.values import ChangeSet
from desktop_app.services.history import not_contacts
from desktop_app.services.history.report import UnmatchedPerson
from desktop_app.ui.common.plain_label import PlainLabel
from desktop_app.ui.common.service_command import ServiceCommand
from desktop_app.ui.importing.history_models import UnmatchedModel
from desktop_app.ui.importing.preview_dialog import rows_table
from desktop_app.ui.window.workspace import Workspace


class AddNotContactsCommand(ServiceCommand):
    """Add people talked to as contacts; undo deletes them, redo restores the same ids."""

    def __init__(self, workspace: Workspace, people: list[UnmatchedPerson]) -> None:
        count = len(people)
        text = f"Add {people[0].name or 'a person'}" if count == 1 else f"Add {count} people"
        super().__init__(workspace, text)
        self.people = people
        self.person_ids: list[int] = []
        self._snapshots: list[object] = []

    def apply(self) -> ChangeSet:
        if self._snapshots:  # a redo after an undo: the very same people, ids and all
            return self.workspace.contacts.restore(self._snapshots)
        self.person_ids, change = not_contacts.add_people(self.workspace.db, self.people)
        return change

    def revert(self) -> ChangeSet:
        self._snapshots, change = self.workspace.contacts.delete(self.person_ids)
        return change


class NotContactsDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("People you talked to who are not contacts")
        self.resize(900, 480)
        layout = QVBoxLayout(self)
        self.summary = PlainLabel("", self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = UnmatchedModel([])
        self.view: QTableView = rows_table(self.model, self)
        self.view.setAccessibleName("People who are not contacts")
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton("&Add as contacts", self)
        self.add_button.setToolTip("Add the ticked people, or the selected ones if none is ticked")
        self.add_button.clicked.connect(self.add_chosen)
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        people = not_contacts.people_not_in_contacts(self.workspace.db)
        self.model = UnmatchedModel(people)
        self.view.setModel(self.model)
        self.view.setColumnWidth(0, 50)
        self.view.setColumnWidth(2, 260)
        self.view.setColumnWidth(3, 130)
        self.view.setColumnWidth(4, 100)
        if people:
            self.summary.setText(
                f"{len(people):,} people you wrote to, messaged or met, from your imported "
                "mail, LinkedIn export and calendar, are not contacts. Tick or select the "
                "ones to add; their conversations become theirs when you import the files "
                "again. Once this window is closed, Edit ▸ Undo (Ctrl+Z) takes an addition back."
            )
        else:
            self.summary.setText(
                "Nobody is waiting here: everyone your imported mail, LinkedIn messages and "
                "calendar show you talking to is a contact (or nothing has been imported yet: "
                "File ▸ Import…)."
            )
        self.add_button.setEnabled(bool(people) and not self.workspace.read_only)
        self.view.setFocus()

    def add_chosen(self) -> None:
        rows = sorted(self.model.chosen) or sorted(
            {index.row() for index in self.view.selectionModel().selectedRows()}
        )
        people = [self.model.people[row] for row in rows]
        if people and self.workspace.execute(AddNotContactsCommand(self.workspace, people)):
            self.reload()


def open_not_contacts(workspace: Workspace, parent: QWidget | None = None) -> None:
    NotContactsDialog(workspace, parent).exec()
