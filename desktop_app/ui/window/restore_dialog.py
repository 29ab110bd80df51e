"""File ▸ Restore from backup…: choose one of the database's backups, or another file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.storage.restore import BackupInfo, describe_backups, human_size
from desktop_app.ui.common.plain_label import PlainLabel

COLUMNS = ("Taken", "Why", "Size", "File")


class RestoreDialog(QDialog):
    """Lists the backups newest first; `chosen()` is the file to restore after `exec()`."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.resize(720, 360)
        self.db_path = db_path
        self.backups: list[BackupInfo] = describe_backups(db_path)
        self._other: Path | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(
            PlainLabel(
                "Choose the backup to put back in place. Your network as it is now is backed "
                "up first, so you can come back to it with this same command.",
                self,
            )
        )
        self.table = QTableWidget(len(self.backups), len(COLUMNS), self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, info in enumerate(self.backups):
            cells = (
                f"{info.taken:%Y-%m-%d %H:%M}",
                info.reason,
                human_size(info.size),
                info.path.name,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.accept())
        layout.addWidget(self.table, 1)
        if not self.backups:
            layout.addWidget(PlainLabel("There are no backups of this database yet.", self))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = self.buttons.addButton(
            "Restore", QDialogButtonBox.ButtonRole.AcceptRole
        )
        other = QPushButton("Other file…", self)
        other.clicked.connect(self.choose_other_file)
        self.buttons.addButton(other, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if self.backups:
            self.table.selectRow(0)
        self._update_buttons()

    def chosen(self) -> Path | None:
        if self._other is not None:
            return self._other
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()].path if rows else None

    def choose_other_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Restore from file",
            str(self.db_path.parent),
            "Trellis databases (*.db);;All files (*)",
        )
        if path:
            self._other = Path(path)
            self.accept()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)
