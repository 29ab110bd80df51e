"""The informational-interview pipeline as a table model: one row per interview, with the
stage it is at and what it waits on me for."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop_app.domain.events import InterviewFacts, WaitingStep, waiting_on_me
from desktop_app.ui.common.dates import format_date
from desktop_app.ui.common.plain_label import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Person", "Stage", "By", "Waiting on me")


class PipelineModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[InterviewFacts, WaitingStep | None]] = []

    def set_interviews(self, interviews: list[InterviewFacts]) -> None:
        self.beginResetModel()
        self.rows = [(facts, waiting_on_me(facts)) for facts in interviews]
        self.endResetModel()

    def interview_id(self, row: int) -> int | None:
        return self.rows[row][0].id if 0 <= row < len(self.rows) else None

    def row_of(self, interview_id: int | None) -> int | None:
        for row, (facts, _step) in enumerate(self.rows):
            if facts.id == interview_id:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        facts, step = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return facts.name
            if column == 1:
                return facts.stage.label
            if column == 2:
                return format_date(step.due) if step else ""
            return step.action if step else "—"
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0 and facts.learn:
                return plain_tooltip(f"{facts.name}: {facts.learn}")
            text = self.data(index, Qt.ItemDataRole.DisplayRole)
            return plain_tooltip(text) if text else None
        if role == Qt.ItemDataRole.UserRole:
            return facts.id
        return None
