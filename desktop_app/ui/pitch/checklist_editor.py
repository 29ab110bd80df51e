"""A document's checklist: tick, reword, add, remove and reorder criteria, and see beside
and under each criterion who reviewed it and what they said.

A tick is the user's own call ("I consider this met", e.g. after revising since the
feedback); reviewers' verdicts are their word on a version. The two are kept apart and
shown side by side, and where they disagree (ticked while a reviewer's latest verdict is
"not met" or "partly", or unticked while every reviewer said "met") the verdict column
says so with a ⚠, so a tick never silently contradicts the feedback.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.documents import ChecklistEntry, CriterionComment, DocumentDetail
from desktop_app.domain.enums import Verdict
from desktop_app.services.exporting.checklist_export import VERDICT_LABELS, reviewer_label
from desktop_app.ui.common.plain_label import plain_tooltip
from desktop_app.ui.pitch import document_commands as commands
from desktop_app.ui.window.workspace import Workspace

ITEM_ID = Qt.ItemDataRole.UserRole + 1
TICK_HEADER = "Criterion (tick: met in your own judgement)"
TICK_TIP = (
    "Your own judgement: tick it when you consider the criterion met, e.g. after revising "
    "since the feedback. Reviewers' verdicts are listed beside it. Double-click to reword."
)
WARNING = "⚠ "


def latest_verdicts(entry: ChecklistEntry) -> list[CriterionComment]:
    """Each reviewer's most recent word on the criterion (rounds not reviewed left out)."""
    latest: dict[str, CriterionComment] = {}
    for comment in sorted(entry.comments, key=lambda c: c.round_id):
        if comment.verdict is not Verdict.NOT_REVIEWED:
            latest[comment.reviewer_name] = comment
    return list(latest.values())


def disagreement(entry: ChecklistEntry) -> str:
    """Why the tick and the reviewers' latest verdicts disagree, or "" when they do not."""
    said = latest_verdicts(entry)
    if not said:
        return ""
    if entry.met:
        doubters = [c for c in said if c.verdict in (Verdict.NOT_MET, Verdict.PARTLY)]
        if doubters:
            who = "; ".join(
                f"{reviewer_label(c.reviewer_name, c.reviewer_removed)} said "
                f"“{VERDICT_LABELS[c.verdict]}”"
                for c in doubters
            )
            return f"You ticked this as met, but {who}. Untick it, or revise and ask again."
        return ""
    if all(c.verdict is Verdict.MET for c in said):
        names = ", ".join(reviewer_label(c.reviewer_name, c.reviewer_removed) for c in said)
        return f"{names} said it is met; tick it if you agree."
    return ""


class ChecklistEditor(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.detail: DocumentDetail | None = None
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels([TICK_HEADER, "Reviewers said"])
        self.model.horizontalHeaderItem(0).setToolTip(TICK_TIP)
        self.model.itemChanged.connect(self._on_model_item_changed)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 220)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.tree.setAccessibleName("Checklist")
        self.tree.setWordWrap(True)

        self.add_button = QPushButton("Add…")
        self.remove_button = QPushButton("Remove")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.template_button = QToolButton()
        self.template_button.setText("Template")
        self.template_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        template_menu = QMenu(self.template_button)
        self.use_template_action = template_menu.addAction(
            "Start new documents of this kind with these criteria"
        )
        self.use_template_action.triggered.connect(self._on_template_clicked)
        self.reset_template_action = template_menu.addAction("Restore the shipped template")
        self.reset_template_action.triggered.connect(self._on_reset_template_clicked)
        self.template_button.setMenu(template_menu)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.remove_button,
            self.up_button,
            self.down_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.template_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

    def show_detail(self, detail: DocumentDetail | None) -> None:
        current = self.current_entry()
        self.detail = detail
        with QSignalBlocker(self.model):
            self.model.removeRows(0, self.model.rowCount())
            for entry in detail.checklist if detail else ():
                self.model.appendRow(self._row(entry))
        self.tree.expandAll()
        self.tree.reset()
        self.tree.expandAll()
        if current is not None:
            self.select_item(current.id)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(detail is not None and not self.workspace.read_only)
        self.template_button.setEnabled(detail is not None and not self.workspace.read_only)

    def _row(self, entry: ChecklistEntry) -> list[QStandardItem]:
        item = QStandardItem(entry.criterion)
        item.setCheckable(True)
        item.setCheckState(Qt.CheckState.Checked if entry.met else Qt.CheckState.Unchecked)
        item.setData(entry.id, ITEM_ID)
        item.setToolTip(TICK_TIP)
        if self.workspace.read_only:
            item.setEditable(False)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
        for comment in entry.comments:
            said = f": {comment.comment}" if comment.comment.strip() else ""
            who = reviewer_label(comment.reviewer_name, comment.reviewer_removed)
            child = QStandardItem(f"{who} — {VERDICT_LABELS[comment.verdict]}{said}")
            child.setEditable(False)
            child.setSelectable(False)
            item.appendRow(child)
        return [item, _verdicts_item(entry)]

    def entries(self) -> tuple[ChecklistEntry, ...]:
        return self.detail.checklist if self.detail else ()

    def current_entry(self) -> ChecklistEntry | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        if index.parent().isValid():
            index = index.parent()
        item_id = index.siblingAtColumn(0).data(ITEM_ID)
        return next((e for e in self.entries() if e.id == item_id), None)

    def select_item(self, item_id: int) -> None:
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            if index.data(ITEM_ID) == item_id:
                self.tree.setCurrentIndex(index)
                return

    def _on_model_item_changed(self, item: QStandardItem) -> None:
        if item.column() != 0:
            return
        item_id = item.data(ITEM_ID)
        entry = next((e for e in self.entries() if e.id == item_id), None)
        if entry is None:
            return
        met = item.checkState() == Qt.CheckState.Checked
        text = item.text().strip()
        if met != entry.met:
            self.workspace.execute(commands.SetCriterionMetCommand(self.workspace, entry.id, met))
        elif text and text != entry.criterion:
            self.workspace.execute(commands.RenameCriterionCommand(self.workspace, entry.id, text))
        elif not text:
            with QSignalBlocker(self.model):
                item.setText(entry.criterion)

    def _on_add_clicked(self) -> None:
        if self.detail is None:
            return
        text, ok = QInputDialog.getText(self, "Add criterion", "Criterion:")
        if ok and text.strip():
            current = self.current_entry()
            position = current.position + 1 if current else None
            self.workspace.execute(
                commands.AddCriterionCommand(self.workspace, self.detail.id, text, position)
            )

    def _on_remove_clicked(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        if entry.comments:
            answer = QMessageBox.question(
                self,
                "Remove criterion",
                f"“{entry.criterion}” has feedback from {len(entry.comments)} reviewer(s). "
                "Remove it with their feedback on it? (Undo brings both back.)",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.workspace.execute(
            commands.RemoveCriterionCommand(self.workspace, entry.id, entry.criterion)
        )

    def _move(self, step: int) -> None:
        entry = self.current_entry()
        if entry is None or self.detail is None:
            return
        ids = [e.id for e in self.entries()]
        index = ids.index(entry.id)
        target = index + step
        if not 0 <= target < len(ids):
            return
        ids[index], ids[target] = ids[target], ids[index]
        self.workspace.execute(commands.ReorderCriteriaCommand(self.workspace, self.detail.id, ids))
        self.select_item(entry.id)

    def _on_template_clicked(self) -> None:
        if self.detail is None:
            return
        answer = QMessageBox.question(
            self,
            "Use as template",
            "Start every new document of this kind with these criteria?",
        )
        if answer == QMessageBox.StandardButton.Yes:
            criteria = [e.criterion for e in self.entries()]
            self.workspace.execute(
                commands.SetTemplateCommand(self.workspace, self.detail.kind, criteria)
            )

    def _on_reset_template_clicked(self) -> None:
        if self.detail is not None:
            self.workspace.execute(
                commands.SetTemplateCommand(self.workspace, self.detail.kind, None)
            )


def _verdicts_item(entry: ChecklistEntry) -> QStandardItem:
    said = latest_verdicts(entry)
    text = "; ".join(
        f"{reviewer_label(c.reviewer_name, c.reviewer_removed)}: {VERDICT_LABELS[c.verdict]}"
        for c in said
    )
    why = disagreement(entry)
    item = QStandardItem((WARNING if why else "") + (text or "Not reviewed"))
    # Reviewers' names are user text: never rendered as markup.
    item.setToolTip(
        plain_tooltip(why) if why else "Each reviewer's latest verdict; every comment is below."
    )
    item.setEditable(False)
    return item
