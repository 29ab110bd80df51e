"""A small editable table of text rows with Add and Remove: emails, phones, addresses…"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

Row = tuple[str, ...]


class RowsEditor(QWidget):
    """Rows of plain-text cells under `headers`; rows left wholly empty are dropped.

    Columns in `narrow` (a label, a date) keep a small width; the others share the rest.
    """

    def __init__(
        self,
        headers: Sequence[str],
        noun: str,
        parent: QWidget | None = None,
        *,
        narrow: Sequence[int] = (0,),
    ) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setAccessibleName(noun.capitalize() + "s")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as in a form
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in narrow if len(headers) > 1 else ():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, 90)
        self.add_button = QPushButton(f"Add {noun}", self)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setEnabled(False)
        self.table.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.table.selectedItems()))
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.table.setRowCount(0)
        for row in rows:
            self._append(row)

    def rows(self) -> list[Row]:
        result = []
        for r in range(self.table.rowCount()):
            cells = tuple(
                (item.text().strip() if (item := self.table.item(r, c)) else "")
                for c in range(self.table.columnCount())
            )
            if any(cells):
                result.append(cells)
        return result

    def add_row(self) -> None:
        """Append an empty row and start typing in its value (the label can follow)."""
        self._append(("",) * self.table.columnCount())
        row = self.table.rowCount() - 1
        column = 1 if self.table.columnCount() > 1 else 0
        self.table.setCurrentCell(row, column)
        item = self.table.item(row, column)
        assert item is not None  # _append filled every cell
        self.table.editItem(item)

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def _append(self, cells: Row) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column in range(self.table.columnCount()):
            text = cells[column] if column < len(cells) else ""
            self.table.setItem(row, column, QTableWidgetItem(text))
