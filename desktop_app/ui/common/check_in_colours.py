"""One palette for check-in states, shared by the table, detail panel, Due list and map.

Tints with some transparency read on light and dark themes alike.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPixmap

from desktop_app.domain.cadence import CheckInState

_RGB = {
    CheckInState.ON_TRACK: (46, 160, 67),
    CheckInState.DUE: (230, 160, 20),
    CheckInState.OVERDUE: (215, 58, 73),
}


def state_colour(state: CheckInState) -> QColor | None:
    """The solid colour of a state (map nodes, dots); None when there is no rhythm."""
    rgb = _RGB.get(state)
    return None if rgb is None else QColor(*rgb)


def state_hex(state: CheckInState) -> str | None:
    """The state's colour as `#rrggbb` (the map's styles are strings)."""
    rgb = _RGB.get(state)
    return None if rgb is None else "#{:02X}{:02X}{:02X}".format(*rgb)


def state_tint(state: CheckInState) -> QColor | None:
    """A translucent background for table cells."""
    rgb = _RGB.get(state)
    return None if rgb is None else QColor(*rgb, 70)


def state_dot(state: CheckInState, size: int = 12) -> QPixmap:
    """A round swatch of the state's colour (transparent when there is no rhythm)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    colour = state_colour(state)
    if colour is not None:
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(1, 1, size - 2, size - 2)
        painter.end()
    return pixmap


SNOOZES = (("3 days", 3), ("1 week", 7), ("2 weeks", 14), ("1 month", 30))
"""The snooze lengths offered wherever a check-in can be snoozed."""


# Text of a due or overdue date (the contact table's "Next check-in"): on track stays calm.
# Darker shades on a light theme, lighter on a dark one, both readable on the row.
_TEXT_HEX = {
    (CheckInState.OVERDUE, False): "#b3261e",
    (CheckInState.OVERDUE, True): "#ff7b72",
    (CheckInState.DUE, False): "#8a5a00",
    (CheckInState.DUE, True): "#e3b341",
}


def state_text_colour(state: CheckInState, dark_theme: bool) -> QColor | None:
    """The colour of text that tells a state (None: the theme's own text colour)."""
    hex_colour = _TEXT_HEX.get((state, dark_theme))
    return None if hex_colour is None else QColor(hex_colour)
