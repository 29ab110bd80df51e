"""A read-only table of records, one selectable row each (feedback rounds, mock interviews)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop_app.ui.common.plain_label import plain_tooltip


class RowTable(QTableWidget):
    """Rows of plain-text cells, each carrying its record's id (see `record_id`)."""

    def __init__(
        self, columns: Sequence[str], accessible_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(0, len(columns), parent)
        self.setTabKeyNavigation(False)  # Tab leaves the table
        self.setHorizontalHeaderLabels(list(columns))
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._stretch_last()
        self.setAccessibleName(accessible_name)

    def set_rows(self, rows: Sequence[tuple[int, Sequence[str]]]) -> None:
        """Replace the rows: (record id, cell texts) each."""
        self.setRowCount(len(rows))
        for row, (record_id, cells) in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, record_id)
                item.setToolTip(plain_tooltip(text) if column == len(cells) - 1 else "")
                self.setItem(row, column, item)
        self.resizeColumnsToContents()
        self._stretch_last()

    def _stretch_last(self) -> None:
        """The last column (notes, comments) takes the room left. Set again after fitting
        the others to their contents, which otherwise leaves it at its own width."""
        header = self.horizontalHeader()
        last = self.columnCount() - 1
        header.setSectionResizeMode(last, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)

    def record_id(self) -> int | None:
        """The id of the current row's record, None without a current row."""
        item = self.item(self.currentRow(), 0) if self.currentRow() >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None
