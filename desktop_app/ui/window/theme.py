"""View ▸ Theme: the system's look, or Fusion with our own light or dark palette.

The choice is a preference (QSettings `appearance/theme`), applied before the first window
shows. Every pair of colours text is drawn in meets WCAG AA (a contrast of 4.5:1 or more);
tests/gui/window/test_theme.py measures them. Fusion draws a check box's outline from the
window colour (darker by 40 %), which all but vanishes on the field colour in both palettes;
`IndicatorOutlineStyle` (indicator_style.py) draws it again in a colour of 3:1 or more
(WCAG non-text contrast).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

SETTING = "appearance/theme"
_SYSTEM_STYLE = "trellis_system_style"  # a property of the application: the style it had
_APPLIED = "trellis_theme"

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


class Theme(Enum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"

    @property
    def label(self) -> str:
        return {"system": "&System", "light": "&Light", "dark": "&Dark"}[self.value]


# (role, active colour, disabled colour or None for the same)
_LIGHT: tuple[tuple[Role, str, str | None], ...] = (
    (Role.Window, "#f3f3f3", None),
    (Role.WindowText, "#1a1a1a", "#8a8a8a"),
    (Role.Base, "#ffffff", "#f3f3f3"),
    (Role.AlternateBase, "#f4f6f9", None),
    (Role.Text, "#1a1a1a", "#8a8a8a"),
    (Role.PlaceholderText, "#636363", None),
    (Role.Button, "#e8e8e8", None),
    (Role.ButtonText, "#1a1a1a", "#8a8a8a"),
    (Role.BrightText, "#b00020", None),
    (Role.Highlight, "#2f65b8", "#c8c8c8"),
    (Role.HighlightedText, "#ffffff", "#1a1a1a"),
    (Role.Link, "#0b57d0", None),
    (Role.LinkVisited, "#6a1b9a", None),
    (Role.ToolTipBase, "#ffffe1", None),
    (Role.ToolTipText, "#1a1a1a", None),
    (Role.Light, "#ffffff", None),
    (Role.Midlight, "#f0f0f0", None),
    (Role.Mid, "#b8b8b8", None),
    (Role.Dark, "#8f8f8f", None),
    (Role.Shadow, "#5a5a5a", None),
)
_DARK: tuple[tuple[Role, str, str | None], ...] = (
    (Role.Window, "#2b2b2b", None),
    (Role.WindowText, "#e8e8e8", "#7c7c7c"),
    (Role.Base, "#1e1e1e", "#2b2b2b"),
    (Role.AlternateBase, "#262626", None),
    (Role.Text, "#e8e8e8", "#7c7c7c"),
    (Role.PlaceholderText, "#9c9c9c", None),
    (Role.Button, "#3a3a3a", None),
    (Role.ButtonText, "#e8e8e8", "#7c7c7c"),
    (Role.BrightText, "#ff8a80", None),
    (Role.Highlight, "#2f65b8", "#4a4a4a"),
    (Role.HighlightedText, "#ffffff", "#e8e8e8"),
    (Role.Link, "#7fb2ff", None),
    (Role.LinkVisited, "#c79bff", None),
    (Role.ToolTipBase, "#3a3a3a", None),
    (Role.ToolTipText, "#e8e8e8", None),
    (Role.Light, "#4a4a4a", None),
    (Role.Midlight, "#404040", None),
    (Role.Mid, "#303030", None),
    (Role.Dark, "#202020", None),
    (Role.Shadow, "#141414", None),
)


def palette(theme: Theme) -> QPalette:
    """Our palette for LIGHT or DARK."""
    result = QPalette()
    for role, colour, disabled in _DARK if theme is Theme.DARK else _LIGHT:
        result.setColor(Group.All, role, QColor(colour))
        if disabled is not None:
            result.setColor(Group.Disabled, role, QColor(disabled))
    return result


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 to 21."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.redF())
            + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF())
        )

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def saved_theme() -> Theme:
    value = QSettings().value(SETTING, Theme.SYSTEM.value)
    try:
        return Theme(value)
    except ValueError:
        return Theme.SYSTEM


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Switch the whole application to `theme` (the system's own style and palette for
    SYSTEM: the style it started with, and the platform's palette)."""
    if app.property(_SYSTEM_STYLE) is None:
        app.setProperty(_SYSTEM_STYLE, app.style().name())
    if theme is Theme.SYSTEM:
        app.setStyle(str(app.property(_SYSTEM_STYLE)))
        app.setPalette(QPalette())  # nothing set: the platform's, following its changes
        app.setProperty(_APPLIED, theme.value)
        return
    # Its own module: QStyle's enums cost ~5 ms to build, which the system look never needs.
    from desktop_app.ui.window.indicator_style import IndicatorOutlineStyle

    app.setStyle(IndicatorOutlineStyle(theme.value))
    app.setPalette(palette(theme))
    app.setProperty(_APPLIED, theme.value)


def choose_theme(theme: Theme) -> None:
    """View ▸ Theme: apply now and remember."""
    QSettings().setValue(SETTING, theme.value)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app, theme)


def apply_saved_theme() -> None:
    """At start, before any window shows; the system's look needs nothing done."""
    theme = saved_theme()
    app = QApplication.instance()
    already = isinstance(app, QApplication) and app.property(_APPLIED) == theme.value
    if theme is not Theme.SYSTEM and isinstance(app, QApplication) and not already:
        apply_theme(app, theme)
