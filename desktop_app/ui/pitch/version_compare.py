"""Side-by-side comparison of any two text versions of a document."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.documents import VersionFormat, VersionInfo
from desktop_app.services.version_diff import DiffRow, side_by_side

_BACKGROUNDS = {
    "delete": QColor(255, 120, 120, 70),
    "insert": QColor(120, 220, 120, 70),
    "replace": QColor(255, 210, 90, 70),
}


class VersionCompare(QWidget):
    """Two version pickers and a four-column table: line, old text, line, new text."""

    def __init__(self, load_text: Callable[[int], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._load_text = load_text
        self.left = QComboBox()
        self.right = QComboBox()
        self.left.setAccessibleName("Older version")
        self.right.setAccessibleName("Newer version")
        self.left.currentIndexChanged.connect(self.refresh)
        self.right.currentIndexChanged.connect(self.refresh)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setHorizontalHeaderLabels(["", "Before", "", "After"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        pickers = QHBoxLayout()
        pickers.addWidget(QLabel("Compare"))
        pickers.addWidget(self.left, 1)
        pickers.addWidget(QLabel("with"))
        pickers.addWidget(self.right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(pickers)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self.rows: list[DiffRow] = []

    def set_versions(self, versions: tuple[VersionInfo, ...]) -> None:
        texts = [v for v in versions if v.format is VersionFormat.TEXT]
        for combo in (self.left, self.right):
            combo.blockSignals(True)
            combo.clear()
            for version in texts:
                label = f"Version {version.number} · {version.created_at:%Y-%m-%d}"
                if version.note:
                    label += f" · {version.note}"
                combo.addItem(label, version.id)
            combo.blockSignals(False)
            combo.setEnabled(len(texts) >= 2)
        if len(texts) >= 2:  # the previous version against the latest
            self.left.setCurrentIndex(len(texts) - 2)
            self.right.setCurrentIndex(len(texts) - 1)
        self.refresh()

    def refresh(self) -> None:
        left_id, right_id = self.left.currentData(), self.right.currentData()
        self.table.setRowCount(0)
        if left_id is None or right_id is None or self.left.count() < 2:
            self.summary.setText("Save at least two text versions to compare them.")
            self.rows = []
            return
        if left_id == right_id:
            self.summary.setText(
                f"Both sides show {self.left.currentText().split(' · ')[0].lower()}: "
                "choose two different versions."
            )
            self.rows = []
            return
        self.rows = side_by_side(self._load_text(left_id), self._load_text(right_id))
        self.table.setRowCount(len(self.rows))
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        for row, diff in enumerate(self.rows):
            cells = (
                "" if diff.left_number is None else str(diff.left_number),
                diff.left or "",
                "" if diff.right_number is None else str(diff.right_number),
                diff.right or "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (0, 2):
                    item.setForeground(muted)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                background = _BACKGROUNDS.get(diff.tag)
                side_missing = (column < 2 and diff.left is None) or (
                    column >= 2 and diff.right is None
                )
                if background is not None and not side_missing:
                    item.setBackground(background)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        changed = sum(1 for r in self.rows if r.tag != "equal")
        self.summary.setText(
            "The versions are the same." if not changed else f"{changed} line(s) differ."
        )
