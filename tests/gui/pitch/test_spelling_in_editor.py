"""Spelling in the pitch editor: red wavy underline, right-click suggestions, Add to
dictionary (undoable), Ignore, and findings grouped by kind; real keys and clicks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from desktop_app.services.text_review.context import added_words
from desktop_app.storage.database import Database
from desktop_app.ui.pitch.pitch_view import PitchView
from desktop_app.ui.pitch.review_editor import ReviewEditor
from desktop_app.ui.window.workspace import Workspace


@pytest.fixture
def workspace(demo_db: Database) -> Workspace:
    return Workspace(demo_db)


@pytest.fixture
def editor(qtbot: QtBot, workspace: Workspace) -> Iterator[ReviewEditor]:
    view = PitchView(workspace)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    row = next(i for i, d in enumerate(view.model.documents) if d.kind == "pitch")
    view.list.setCurrentIndex(view.model.index(row))
    yield view.panel.editor
    view.panel.editor.wait_for_idle()


def type_text(qtbot: QtBot, editor: ReviewEditor, text: str) -> None:
    editor.editor.selectAll()
    qtbot.keyClick(editor.editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(editor.editor, text)
    qtbot.waitUntil(
        lambda: (
            editor.last_review is not None
            and editor.editor.toPlainText() == text
            and editor._timer.isActive() is False
            and not editor._tasks
        ),
        timeout=20000,
    )


def underlined(editor: ReviewEditor) -> list[str]:
    return [
        s.cursor.selectedText()
        for s in editor.editor.extraSelections()
        if s.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    ]


def right_click_and_choose(qtbot: QtBot, editor: ReviewEditor, word: str, choice: str) -> list[str]:
    """Right-click the word, pick `choice` from the menu; return the menu's entries."""
    text = editor.editor.toPlainText()
    cursor = QTextCursor(editor.editor.document())
    cursor.setPosition(text.index(word) + 1)
    point = editor.editor.cursorRect(cursor).center()
    seen: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.extend(a.text() for a in menu.actions())
        action = next(a for a in menu.actions() if a.text() == choice)
        menu.close()
        action.trigger()

    QTimer.singleShot(300, choose)
    # What the platform sends for a right-click (QTest's clicks do not make one offscreen).
    viewport = editor.editor.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    return seen


def test_a_misspelling_is_underlined_red_and_wavy_and_listed_in_its_group(
    qtbot: QtBot, editor: ReviewEditor
) -> None:
    type_text(qtbot, editor, "I acheived a lot for the the nurses.")
    assert underlined(editor) == ["acheived"]
    [selection] = [
        s for s in editor.editor.extraSelections() if s.cursor.selectedText() == "acheived"
    ]
    assert selection.format.underlineColor().name() == "#ff0000"
    items = [editor.findings.item(row).text() for row in range(editor.findings.count())]
    assert "Spelling (1)" in items
    assert "Repeated words (1)" in items
    spelling_at = items.index("Spelling (1)")
    assert items[spelling_at + 1].startswith("Line 1: “acheived” is not in the dictionary")


def test_right_click_offers_corrections_and_the_choice_replaces_the_word_undoably(
    qtbot: QtBot, editor: ReviewEditor
) -> None:
    type_text(qtbot, editor, "I acheived a lot.")
    entries = right_click_and_choose(qtbot, editor, "acheived", "achieved")
    assert entries[0] == "achieved"
    assert "Add “acheived” to dictionary" in entries
    assert "Ignore" in entries
    assert editor.editor.toPlainText() == "I achieved a lot."
    qtbot.waitUntil(lambda: underlined(editor) == [], timeout=20000)
    qtbot.keyClick(editor.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.editor.toPlainText() == "I acheived a lot."


def test_add_to_dictionary_is_stored_and_undone(
    qtbot: QtBot, editor: ReviewEditor, workspace: Workspace
) -> None:
    type_text(qtbot, editor, "We ship flumboozle weekly.")
    assert underlined(editor) == ["flumboozle"]
    right_click_and_choose(qtbot, editor, "flumboozle", "Add “flumboozle” to dictionary")
    qtbot.waitUntil(lambda: underlined(editor) == [], timeout=20000)
    assert added_words(workspace.db) == ("flumboozle",)
    workspace.undo_stack.undo()
    assert added_words(workspace.db) == ()
    qtbot.waitUntil(lambda: underlined(editor) == ["flumboozle"], timeout=20000)
    workspace.undo_stack.redo()
    assert added_words(workspace.db) == ("flumboozle",)
    qtbot.waitUntil(lambda: underlined(editor) == [], timeout=20000)


def test_ignore_hides_the_word_in_this_editor_only(
    qtbot: QtBot, editor: ReviewEditor, workspace: Workspace
) -> None:
    type_text(qtbot, editor, "We ship flumboozle weekly.")
    right_click_and_choose(qtbot, editor, "flumboozle", "Ignore")
    qtbot.waitUntil(lambda: underlined(editor) == [], timeout=20000)
    assert added_words(workspace.db) == ()


def test_a_person_added_to_the_network_is_spelt_right_from_then_on(
    qtbot: QtBot, editor: ReviewEditor, workspace: Workspace
) -> None:
    from desktop_app.domain.values import NewPerson, PersonFields
    from desktop_app.services.contacts import ContactsService

    type_text(qtbot, editor, "Quimbleton taught me a lot.")
    assert underlined(editor) == ["Quimbleton"]
    _id, change = ContactsService(workspace.db).create(
        NewPerson(PersonFields(full_name="Ada Quimbleton"))
    )
    workspace.announce(change)
    qtbot.waitUntil(lambda: underlined(editor) == [], timeout=20000)


def test_the_dictionary_can_be_british_and_the_choice_is_remembered(
    qtbot: QtBot, editor: ReviewEditor
) -> None:
    from PySide6.QtCore import QSettings

    type_text(qtbot, editor, "We organised the programme.")
    assert underlined(editor) == ["organised", "programme"]
    editor.language.setFocus()
    qtbot.keyClick(editor.language, Qt.Key.Key_Down)
    assert editor.language.currentText() == "English (UK)"
    qtbot.waitUntil(lambda: underlined(editor) == [], timeout=30000)
    assert QSettings().value("review/language") == "en-GB"
