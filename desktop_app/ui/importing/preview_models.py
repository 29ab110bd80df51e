"""Table models of the import preview: new cards, possible duplicates, rejected cards."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.services.importing.report import (
    Decision,
    PossibleDuplicate,
    PreviewCard,
    RejectedCard,
)
from desktop_app.ui.widgets.plain_label import plain_tooltip

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """Read-only rows of plain text; sorting and filtering are not needed here."""

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        super().__init__()
        self._headers = list(headers)
        self._rows = [list(row) for row in rows]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(value, str):
            return plain_tooltip(value)  # names and reasons come from the imported files
        return value

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return str(section + 1)

    def set_cell(self, row: int, column: int, text: str) -> None:
        self._rows[row][column] = text
        index = self.index(row, column)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])


def _where(path: str, line: int) -> str:
    return f"{Path(path).name}:{line}"


def new_cards_model(cards: Sequence[PreviewCard]) -> RowsModel:
    return RowsModel(
        ("Name", "Organisation", "Email", "Phone", "From"),
        [(c.name, c.organization, c.email, c.phone, _where(c.path, c.line)) for c in cards],
    )


def rejected_model(rejected: Sequence[RejectedCard]) -> RowsModel:
    return RowsModel(
        ("File", "Line", "Reason"),
        [(Path(r.path).name, str(r.line), r.reason) for r in rejected],
    )


class DuplicatesModel(RowsModel):
    """Possible duplicates with the decision the user takes for each."""

    DECISION_COLUMN = 0

    def __init__(self, duplicates: Sequence[PossibleDuplicate]) -> None:
        self.duplicates = list(duplicates)
        self.decisions = [d.decision for d in self.duplicates]
        super().__init__(
            ("Decision", "In the file", "Already in Trellis", "Why", "From"),
            [
                (
                    d.decision.label,
                    d.card.name,
                    d.match_name,
                    d.reason,
                    _where(d.card.path, d.card.line),
                )
                for d in self.duplicates
            ],
        )

    def set_decision(self, rows: Sequence[int], decision: Decision) -> None:
        for row in rows:
            self.decisions[row] = decision
            self.set_cell(row, self.DECISION_COLUMN, decision.label)
