"""The card beside the pointer on the map: what a node is, in a few plain lines."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.services.map.network_graph import MapNode


class HoverCard(QLabel):
    """Tool-tip colours of the current palette (light or dark), filled, with a thin border
    in the text colour, so it reads over any node."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.setMargin(5)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        border = QColor(self.palette().color(QPalette.ColorRole.ToolTipText))
        border.setAlpha(140)
        painter = QPainter(self)
        painter.setPen(QPen(border, 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()


def card_text(node: MapNode, links: int, goals: Sequence[str], pinned: bool) -> str:
    """The card of `node`: name, what it is, its links, tags, the goals it serves."""
    lines = [node.label]
    if node.kind == "organization":
        lines.append(f"Organisation · {links} people linked")
    elif node.kind in ("group", "event"):
        lines.append(f"{node.kind.capitalize()} · {links} people you know")
    elif node.kind == "me":
        lines.append(f"You · {links} links")
    else:
        if node.organization:
            lines.append(node.organization)
        details = []
        if node.circle is not None:
            details.append(node.circle.label)
        if node.strength:
            details.append(f"tie strength {node.strength}/5")
        details.append(f"{links} links")
        lines.append(" · ".join(details))
        if node.tags:
            lines.append("Tags: " + ", ".join(node.tags))
    if goals:
        lines.append("Serves: " + "; ".join(goals))
    if pinned:
        lines.append("Pinned")
    return "\n".join(lines)
