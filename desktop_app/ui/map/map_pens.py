"""Pens, brushes and faces of the map canvas: opaque colours blended over the background.

Imports pyqtgraph: load this module only when the map is first shown.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen, QPixmap

from desktop_app.ui.map.map_style import edge_widths

HIGHLIGHT = "#F28E2B"
PATH = "#D62728"
SELECTION = "#1F77B4"


def edge_pen(key: tuple[str, int], background: QColor, fade: float = 1.0) -> QPen:
    """Opaque pens: Qt strokes wide translucent lines ~10x slower (a 5k map: 280 vs 35 ms).

    `fade` (0..1) scales the line's opacity over the background: job lines fade in with
    the zoom this way without becoming translucent."""
    kind, strength = key
    if kind == "mine":
        return pg.mkPen(blend(QColor(120, 130, 150), background, 0.25 * fade), width=1)
    if kind == "tie":
        colour = blend(QColor(95, 105, 125), background, (0.35 + 0.12 * strength) * fade)
        return pg.mkPen(colour, width=edge_widths(strength))
    if kind in ("member", "attended"):  # groups and events: a light dotted line
        pen = pg.mkPen(blend(QColor(176, 122, 161), background, 0.6 * fade), width=1)
        pen.setStyle(Qt.PenStyle.DotLine)
        return pen
    # A past job is history: fainter than a current one, and dashed.
    opacity = 0.7 if kind == "current_job" else 0.4
    pen = pg.mkPen(blend(QColor(89, 161, 79), background, opacity * fade), width=1)
    if kind == "past_job":
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def blend(colour: QColor, background: QColor, opacity: float) -> QColor:
    """`colour` at `opacity` over `background`, as one opaque colour."""
    mix = max(0.0, min(1.0, opacity))
    return QColor(
        round(colour.red() * mix + background.red() * (1 - mix)),
        round(colour.green() * mix + background.green() * (1 - mix)),
        round(colour.blue() * mix + background.blue() * (1 - mix)),
    )


_PENS: dict[bool, QPen] = {}
_BRUSHES: dict[str, QBrush] = {}


def brush(colour: str) -> QBrush:
    """One shared brush per colour (pyqtgraph compares them by identity to batch)."""
    found = _BRUSHES.get(colour)
    if found is None:
        found = _BRUSHES[colour] = pg.mkBrush(colour)
    return found


def node_pen(pinned: bool) -> QPen:
    """A pinned node's dark outline, else a thin light one."""
    if pinned not in _PENS:
        _PENS[pinned] = (
            pg.mkPen("#222222", width=2.0)
            if pinned
            else pg.mkPen(QColor(255, 255, 255, 200), width=0.8)
        )
    return _PENS[pinned]


def round_face(image: QImage, size: int) -> QPixmap:
    """`image` cropped to its centre square, scaled, in a circle with a thin ring."""
    side = min(image.width(), image.height())
    square = image.copy(
        (image.width() - side) // 2, (image.height() - side) // 2, side, side
    ).scaled(
        size, size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    face = QPixmap(size, size)
    face.fill(Qt.GlobalColor.transparent)
    painter = QPainter(face)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.addEllipse(1, 1, size - 2, size - 2)
    painter.setClipPath(path)
    painter.drawImage(0, 0, square)
    painter.setClipping(False)
    painter.setPen(QPen(QColor("#FFFFFF"), 2))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return face
