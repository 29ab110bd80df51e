"""Contacts changed differently on both sides, side by side: for each clashing field the
server's value and Trellis's, a radio button each. Apply writes the choices locally
(`services.sync.conflicts.resolve`, one transaction); the next sync carries them over."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.sync.conflicts import ConflictView
from desktop_app.ui.common.plain_label import PlainLabel
from desktop_app.ui.window.workspace import Workspace

SERVER, TRELLIS = "remote", "local"


class _ValueLabel(PlainLabel):
    """A field's value beside its radio button; a click on it chooses that side."""

    def __init__(self, text: str, radio: QRadioButton) -> None:
        super().__init__(text)
        self.radio = radio
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.radio.setChecked(True)
        self.radio.setFocus()
        event.accept()


class _ConflictPage(QWidget):
    """One contact's clashing fields; Trellis's side is chosen until the user says else."""

    def __init__(self, conflict: ConflictView) -> None:
        super().__init__()
        self.conflict = conflict
        self.groups: dict[str, QButtonGroup] = {}
        self.radios: dict[tuple[str, str], QRadioButton] = {}
        self.values: dict[tuple[str, str], _ValueLabel] = {}
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        for column, title in enumerate(("", "On the server", "In Trellis")):
            header = QLabel(f"<b>{title}</b>" if title else "")
            grid.addWidget(header, 0, column)
        for row, sides in enumerate(conflict.fields, start=1):
            name = QLabel(sides.label)
            name.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            group = QButtonGroup(self)
            for column, (side, text) in enumerate(
                ((SERVER, sides.server), (TRELLIS, sides.trellis)), start=1
            ):
                # The value in a label that wraps (a long note stays readable), its radio
                # button beside it; clicking the value chooses it too.
                radio = QRadioButton()
                where = "on the server" if side == SERVER else "in Trellis"
                radio.setAccessibleName(f"{sides.label} {where}: {text}")
                value = _ValueLabel(text, radio)
                cell = QHBoxLayout()
                cell.setContentsMargins(0, 0, 0, 0)
                cell.addWidget(radio, 0, Qt.AlignmentFlag.AlignTop)
                cell.addWidget(value, 1)
                group.addButton(radio)
                self.radios[(sides.field, side)] = radio
                self.values[(sides.field, side)] = value
                grid.addLayout(cell, row, column, Qt.AlignmentFlag.AlignTop)
            self.radios[(sides.field, TRELLIS)].setChecked(True)
            self.groups[sides.field] = group
        grid.setRowStretch(len(conflict.fields) + 1, 1)

    def choose_all(self, side: str) -> None:
        for sides in self.conflict.fields:
            self.radios[(sides.field, side)].setChecked(True)

    def choices(self) -> dict[str, str]:
        return {
            sides.field: SERVER if self.radios[(sides.field, SERVER)].isChecked() else TRELLIS
            for sides in self.conflict.fields
        }


class ConflictDialog(QDialog):
    """Every waiting conflict; `resolved(ChangeSet)` after Apply."""

    resolved = Signal(object)

    def __init__(
        self, workspace: Workspace, conflicts: list[ConflictView], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("Sync conflicts")
        self.resize(760, 460)
        self.people = QListWidget()
        self.people.setAccessibleName("Contacts changed on both sides")
        self.people.setMaximumWidth(180)
        self.pages = QStackedWidget()
        self.page_list: list[_ConflictPage] = []
        for conflict in conflicts:
            self.people.addItem(conflict.name or "(no name)")
            page = _ConflictPage(conflict)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setWidget(page)
            self.pages.addWidget(scroll)
            self.page_list.append(page)
        self.people.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.people.setCurrentRow(0)

        self.server_all = QPushButton("All from the &server")
        self.server_all.clicked.connect(lambda: self._choose_all(SERVER))
        self.trellis_all = QPushButton("All from &Trellis")
        self.trellis_all.clicked.connect(lambda: self._choose_all(TRELLIS))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setText("&Apply")
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        sides = QHBoxLayout()
        sides.addWidget(self.people)
        sides.addWidget(self.pages, 1)
        choose_row = QHBoxLayout()
        choose_row.addWidget(self.server_all)
        choose_row.addWidget(self.trellis_all)
        choose_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            PlainLabel(
                "These contacts changed differently here and on the server since the last "
                "sync; neither side was overwritten. Choose which value to keep for each "
                "field: the next sync sends your choice to the server."
            )
        )
        layout.addLayout(sides, 1)
        layout.addLayout(choose_row)
        layout.addWidget(self.buttons)

    def page(self, index: int) -> _ConflictPage:
        return self.page_list[index]

    def _choose_all(self, side: str) -> None:
        for page in self.page_list:
            page.choose_all(side)

    def apply(self) -> None:
        from desktop_app.services.sync.conflicts import resolve
        from desktop_app.storage.errors import StorageError

        choices = {page.conflict.item_id: page.choices() for page in self.page_list}
        try:
            change = resolve(self.workspace.db, choices)
        except StorageError as error:
            self.workspace.error_raised.emit(str(error))
            return
        self.workspace.announce(change)
        self.resolved.emit(change)
        self.accept()
