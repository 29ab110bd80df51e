"""The Due list's table model: one row per person due a check-in, follow-up or thank-you."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from desktop_app.domain.cadence import DueItem
from desktop_app.ui.common.check_in_colours import state_tint
from desktop_app.ui.common.plain_label import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Due", "Person", "Why", "Details")


def when_text(item: DueItem, today: date) -> str:
    late = item.overdue_days(today)
    if late:
        return f"{late} day{'s' if late != 1 else ''} late"
    if item.due == today:
        return "today"
    ahead = (item.due - today).days
    return f"in {ahead} day{'s' if ahead != 1 else ''}"


class DueModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[DueItem] = []
        self.today = date.today()

    def set_items(self, items: list[DueItem], today: date) -> None:
        self.beginResetModel()
        self.items, self.today = items, today
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return when_text(item, self.today)
            if column == 1:
                return item.name
            if column == 2:
                return item.reason.label
            return item.detail
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return f"{item.state.label}: due {item.due.isoformat()}"
            return plain_tooltip(item.detail) if item.detail else None
        if role == Qt.ItemDataRole.BackgroundRole and column == 0:
            return state_tint(item.state)
        if role == Qt.ItemDataRole.UserRole:
            return item.person_id
        return None
