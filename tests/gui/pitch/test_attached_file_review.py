"""Choosing an attached PDF or DOCX version reviews its text in the editor (read off the UI
thread); a scanned PDF says so. Real files, real keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from pytestqt.qtbot import QtBot

from desktop_app.storage.database import Database
from desktop_app.ui.pitch.pitch_view import PitchView
from desktop_app.ui.window.workspace import Workspace
from tests.document_files import RESUME, write_docx, write_pdf, write_scanned_pdf


@pytest.fixture
def view(qtbot: QtBot, demo_db: Database) -> Iterator[PitchView]:
    widget = PitchView(Workspace(demo_db))
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    row = next(i for i, d in enumerate(widget.model.documents) if d.kind == "resume")
    widget.list.setCurrentIndex(widget.model.index(row))
    yield widget
    widget.panel.editor.wait_for_idle()


def choose_version_with_keys(qtbot: QtBot, view: PitchView, file_name: str) -> None:
    combo = view.panel.versions
    target = next(i for i in range(combo.count()) if file_name in combo.itemText(i))
    combo.setFocus()
    key = Qt.Key.Key_Up if target < combo.currentIndex() else Qt.Key.Key_Down
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, key)


def underlined(view: PitchView) -> list[str]:
    return [
        s.cursor.selectedText()
        for s in view.panel.editor.editor.extraSelections()
        if s.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    ]


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_an_attached_resume_is_reviewed_on_its_text(
    qtbot: QtBot, view: PitchView, tmp_path: Path, suffix: str
) -> None:
    source = tmp_path / f"resume{suffix}"
    (write_pdf if suffix == ".pdf" else write_docx)(source, RESUME)
    assert view.panel.attach(source)
    choose_version_with_keys(qtbot, view, source.name)
    editor = view.panel.editor
    qtbot.waitUntil(lambda: "Quillfeather Analytics" in editor.text(), timeout=20000)
    qtbot.waitUntil(lambda: underlined(view) == ["acheived"], timeout=20000)
    assert f"The text of “{source.name}”" in view.panel.draft_label.text()
    assert not view.panel.save_button.isEnabled()  # nothing typed: nothing to save


def test_a_scanned_pdf_says_it_has_no_text(qtbot: QtBot, view: PitchView, tmp_path: Path) -> None:
    source = tmp_path / "scan.pdf"
    write_scanned_pdf(source)
    assert view.panel.attach(source)
    before = view.panel.editor.text()
    choose_version_with_keys(qtbot, view, source.name)
    qtbot.waitUntil(lambda: "scanned image" in view.panel.draft_label.text(), timeout=20000)
    assert view.panel.draft_label.isVisible()
    assert view.panel.editor.text() == before
