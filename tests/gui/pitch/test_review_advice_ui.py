"""The live review: each finding says why and what to try instead; its highlight is a
soft tint from the palette (never the selection colour), in light and dark."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.review_advice import advice_for
from desktop_app.services import document_resources
from desktop_app.ui.pitch.review_editor import ReviewEditor
from desktop_app.ui.window.theme import Theme, contrast_ratio, palette

TEXT = "I built the the tools.  Basically we  ship"


@pytest.fixture
def editor(qtbot: QtBot) -> Iterator[ReviewEditor]:
    widget = ReviewEditor(document_resources.kind_spec("pitch"))
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    with qtbot.waitSignal(widget.review_finished, timeout=10000):
        widget.set_text(TEXT)
    yield widget
    widget.wait_for_idle()


def _distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def test_choosing_a_finding_says_why_and_goes_there_without_selecting(
    qtbot: QtBot, editor: ReviewEditor
) -> None:
    kinds = [
        editor.findings.item(i).data(Qt.ItemDataRole.UserRole + 1)
        for i in range(editor.findings.count())
    ]
    assert "repeated_word" in kinds
    row = kinds.index("repeated_word")
    item = editor.findings.item(row)
    assert "Try: delete one of the two." in item.toolTip()
    qtbot.mouseClick(
        editor.findings.viewport(),
        Qt.MouseButton.LeftButton,
        pos=editor.findings.visualItemRect(item).center(),
    )
    assert editor.advice.isVisible()
    assert editor.advice.text() == advice_for("repeated_word").text()
    cursor = editor.editor.textCursor()
    assert not cursor.hasSelection()  # the highlight stays visible, not covered in blue
    assert cursor.position() == TEXT.index("the the")


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
def test_highlights_are_a_soft_tint_never_the_selection_colour(
    qtbot: QtBot, editor: ReviewEditor, theme: Theme
) -> None:
    colours = palette(theme)
    editor.editor.setPalette(colours)
    editor.setPalette(colours)  # a PaletteChange: the highlights are mixed again
    QApplication.processEvents()
    selections = editor.editor.extraSelections()
    assert len(selections) >= 3
    base = colours.color(QPalette.ColorRole.Base)
    text = colours.color(QPalette.ColorRole.Text)
    selection_blue = colours.color(QPalette.ColorRole.Highlight)
    for selection in selections:
        tint = selection.format.background().color()
        assert _distance(tint, selection_blue) > 120, (theme, tint.name())
        assert not 170 <= tint.hslHue() <= 260, tint.name()  # no blue at all
        assert _distance(tint, base) < 160  # soft: near the page, not a block of colour
        assert contrast_ratio(text, tint) >= 4.5  # the text on it still reads
        assert selection.format.underlineStyle() != selection.format.UnderlineStyle.NoUnderline


def test_checklist_says_what_a_tick_means_and_nothing_overlaps(
    qtbot: QtBot, demo_db: object
) -> None:
    from PySide6.QtWidgets import QPushButton

    from desktop_app.storage.database import Database
    from desktop_app.ui.pitch.pitch_view import PitchView
    from desktop_app.ui.window.workspace import Workspace

    assert isinstance(demo_db, Database)
    view = PitchView(Workspace(demo_db))
    qtbot.addWidget(view)
    view.resize(1000, 650)
    view.show()
    view.list.setCurrentIndex(view.model.index(0))
    panel = view.panel
    qtbot.waitUntil(lambda: panel.detail is not None)
    panel.tabs.setCurrentWidget(panel.checklist)
    qtbot.waitUntil(panel.checklist.meaning.isVisible)
    meaning = panel.checklist.meaning.text()
    assert "A tick is your own call" in meaning and "Reviewers said" in meaning

    # The count sits beside the bar, not painted across its filled part.
    assert not panel.progress.isTextVisible()
    met = sum(1 for item in panel.detail.checklist if item.met)
    assert panel.progress_label.text() == f"{met} of {len(panel.detail.checklist)} ticked as met"
    assert not panel.progress.geometry().intersects(panel.progress_label.geometry())
    # Buttons with a menu draw their arrow beside the text: they are wide enough for both.
    for button in (panel.export_button, panel.checklist.template_button):
        assert isinstance(button, QPushButton) and button.menu() is not None
        assert button.width() >= button.sizeHint().width()
    view.panel.editor.wait_for_idle()
