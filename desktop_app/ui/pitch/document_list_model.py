"""The Pitch view's list of documents: title, kind and how far each checklist is."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from desktop_app.domain.documents import DocumentSummary
from desktop_app.services import document_resources
from desktop_app.ui.common.plain_label import plain_tooltip

DOCUMENT_ID = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class DocumentListModel(QAbstractListModel):
    """The documents, one row each: title, kind and how far the checklist is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.documents: list[DocumentSummary] = []

    def set_documents(self, rows: list[DocumentSummary]) -> None:
        self.beginResetModel()
        self.documents = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.documents)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.documents):
            return None
        row = self.documents[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            label = _kind_label(row.kind)
            return f"{row.title}\n{label} · {row.criteria_met}/{row.criteria} met"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(
                f"{row.title}\n{row.versions} version(s), {row.rounds} feedback round(s), "
                f"{round(row.progress * 100)}% of the checklist met"
            )
        if role == DOCUMENT_ID:
            return row.id
        return None

    def row_of(self, document_id: int) -> int:
        return next((i for i, d in enumerate(self.documents) if d.id == document_id), -1)


def _kind_label(kind: str) -> str:
    try:
        return document_resources.kind_spec(kind).label
    except KeyError:
        return kind
