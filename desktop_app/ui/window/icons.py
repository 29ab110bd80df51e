"""Icons: the application's own, and the toolbar's.

Toolbar icons come from the platform's icon theme where it has one (Linux desktops), and
from the simple SVG drawings shipped in `resources/icons/actions/` otherwise.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication


def _resource(*parts: str) -> Path:
    return Path(str(resources.files("desktop_app").joinpath("resources", "icons", *parts)))


def app_icon() -> QIcon:
    """The application's icon, as set at start-up, or read from the package."""
    icon = QApplication.windowIcon()
    if icon.isNull():
        icon = QIcon(str(_resource("trellis.png")))
    return icon


def ensure_app_icon() -> None:
    """Every window and dialog shows the application's icon: they inherit this one."""
    if QApplication.windowIcon().isNull():
        QApplication.setWindowIcon(QIcon(str(_resource("trellis.png"))))


def bundled_icon(name: str) -> QIcon:
    """One of our own SVG drawings, by file name without `.svg`."""
    return QIcon(str(_resource("actions", f"{name}.svg")))


def action_icon(theme_name: str, bundled: str) -> QIcon:
    """The platform's themed icon when it has `theme_name`, else our own drawing."""
    if QIcon.hasThemeIcon(theme_name):
        return QIcon.fromTheme(theme_name)
    return bundled_icon(bundled)
