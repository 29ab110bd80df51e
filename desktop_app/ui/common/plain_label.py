"""Labels and tooltips that never interpret user text as markup."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QWidget


class PlainLabel(QLabel):
    """A QLabel fixed to plain text: a name like `<b>Ana</b>` shows its angle brackets."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setWordWrap(True)
        self.setText(text)


def plain_tooltip(text: str) -> str:
    """`text` as a tooltip shows it: Qt renders tooltips that look like HTML as rich text
    (there is no plain-text switch), so such text is escaped into HTML that says it literally.
    """
    if not GuiQt.mightBeRichText(text):
        return text
    return GuiQt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpacePre)
