"""Literal text everywhere: names, notes and organisations full of markup show as typed.

A demo network has every free-text column laced with `<b>`, `<img src=x>` and `<script>`;
the main window opens every view, selects people and documents, and then every label,
tooltip, item tooltip and text view is checked: wherever Qt would interpret the text as
rich text (a label's format, or `Qt.mightBeRichText` for tooltips), the markup we planted
must not be there raw.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import Qt as QtGui_Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop_app.storage.database import Database
from desktop_app.ui.window.main_window import MainWindow
from desktop_app.ui.window.workspace import Workspace

PREFIX, SUFFIX = "<b>BOLD</b> ", " <img src=x><script>alert(1)</script>"
RAW_TAGS = ("<b>BOLD", "<img src=x>", "<script>")

FREE_TEXT = {
    "people": ("given_name", "family_name", "full_name", "note", "how_we_met"),
    "organizations": ("name", "industry", "note"),
    "employment": ("title",),
    "addresses": ("label", "street", "locality"),
    "emails": ("label",),
    "phones": ("label",),
    "urls": ("label",),
    "tags": ("name",),
    "relationships": ("note",),
    "interactions": ("note",),
    "goals": ("title", "target_roles", "target_industries", "note"),
    "documents": ("title",),
    "document_versions": ("body", "note"),
    "checklist_items": ("criterion",),
    "feedback_rounds": ("reviewer_name", "comment"),
    "criterion_feedback": ("comment",),
    "mock_interviews": ("interviewer_name", "note"),
    "mock_answers": ("question", "notes"),
    "shared_resources": ("title",),
}


def lace_with_markup(db: Database) -> None:
    conn = db.fast_connection()
    conn.execute("BEGIN")
    for table, columns in FREE_TEXT.items():
        sets = ", ".join(f"{c} = ? || {c} || ?" for c in columns)
        conn.execute(f"UPDATE {table} SET {sets}", (PREFIX, SUFFIX) * len(columns))
    conn.execute("COMMIT")


def raw_markup(text: str) -> bool:
    return any(tag in text for tag in RAW_TAGS)


def offenders_in(root: QWidget) -> list[str]:
    found: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        tip = widget.toolTip()
        if tip and QtGui_Qt.mightBeRichText(tip) and raw_markup(tip):
            found.append(f"{where} tooltip {tip[:60]!r}")
        if isinstance(widget, QLabel):
            text = widget.text()
            rich = widget.textFormat() == Qt.TextFormat.RichText or (
                widget.textFormat() == Qt.TextFormat.AutoText and QtGui_Qt.mightBeRichText(text)
            )
            if rich and raw_markup(text):
                found.append(f"{where} label {text[:60]!r}")
        elif isinstance(widget, QTextEdit) and not isinstance(widget, QPlainTextEdit):
            shown = widget.toPlainText()
            if "BOLD" in shown and "<b>BOLD" not in shown:
                found.append(f"{where} rich text view {shown[:60]!r}")
        elif (
            isinstance(widget, QAbstractItemView)
            and not isinstance(widget, QHeaderView)  # shares its view's model
            and widget.model() is not None
        ):
            found.extend(f"{where} {problem}" for problem in _model_offenders(widget))
    return found


def _model_offenders(view: QAbstractItemView) -> list[str]:
    model = view.model()
    found: list[str] = []

    def walk(parent: QModelIndex, depth: int) -> None:
        try:
            columns = model.columnCount(parent)
        except TypeError:  # list models keep columnCount private: one column
            columns = 1
        for row in range(min(model.rowCount(parent), 200)):
            for column in range(columns):
                index = model.index(row, column, parent)
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str) and QtGui_Qt.mightBeRichText(tip) and raw_markup(tip):
                    found.append(f"item tooltip ({row}, {column}) {tip[:60]!r}")
                if column == 0 and depth < 3 and columns > 1 and model.rowCount(index) > 0:
                    walk(index, depth + 1)

    walk(QModelIndex(), 0)
    return found


def test_no_widget_renders_user_markup(qtbot: QtBot, demo_db: Database) -> None:
    lace_with_markup(demo_db)
    workspace = Workspace(demo_db)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert workspace.contacts.count() > 10

    problems: list[str] = []
    checks = 0
    for index, spec in enumerate(window.view_specs):
        window.show_view(index)
        qtbot.wait(100)
        problems.extend(f"[{spec.key}] {p}" for p in offenders_in(window))
        # Select a few rows of every list in the view (people, documents, rounds…) in turn.
        for item_view in window.views[spec.key].findChildren(QAbstractItemView):
            model = item_view.model()
            if model is None or not item_view.isVisible():
                continue
            for row in sorted({0, 1, 5} & set(range(model.rowCount()))):
                item_view.setCurrentIndex(model.index(row, 0))
                qtbot.wait(30)
                checks += 1
                where = f"[{spec.key} / {type(item_view).__name__} row {row}]"
                problems.extend(f"{where} {p}" for p in offenders_in(window))
    for top in QApplication.topLevelWidgets():
        if top.isVisible() and top is not window:
            problems.extend(f"[window {top.windowTitle()!r}] {p}" for p in offenders_in(top))
    window.show_view(0)  # the window remembers its last view for the tests that follow
    assert checks >= 3
    assert not problems, "\n".join(sorted(set(problems)))


def test_plain_tooltip_shows_markup_literally(qtbot: QtBot) -> None:
    from PySide6.QtGui import QTextDocument

    from desktop_app.ui.common.plain_label import plain_tooltip

    assert plain_tooltip("Ana & Bo, 3 < 4") == "Ana & Bo, 3 < 4"  # not rich: unchanged
    tip = plain_tooltip("<b>Ana</b>\n<img src=x>")
    document = QTextDocument()
    document.setHtml(tip)
    assert document.toPlainText() == "<b>Ana</b>\n<img src=x>"
