"""File ▸ Print map… and File ▸ Export map…, light enough for the start path.

QtPrintSupport and the print renderer load the first time either action is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

if TYPE_CHECKING:
    from desktop_app.ui.printing.map_printing import MapPrinting


def _printing(window: QMainWindow) -> MapPrinting:
    from desktop_app.ui.printing.map_printing import map_printing_for

    return map_printing_for(window)


def add_map_print_actions(window: QMainWindow, actions: dict[str, QAction], menu: QMenu) -> None:
    """File ▸ Print map… (Ctrl+P) and File ▸ Export map…."""
    print_action = QAction("&Print map…", window)
    print_action.setShortcut(QKeySequence.StandardKey.Print)
    print_action.setStatusTip("Print the network map, with a preview")
    print_action.triggered.connect(lambda: _printing(window).print_map())
    export_action = QAction("Export &map…", window)
    export_action.setStatusTip("Save the network map as a PDF, PNG or SVG file")
    export_action.triggered.connect(lambda: _printing(window).export_map())
    actions["print_map"], actions["export_map"] = print_action, export_action
    menu.addAction(print_action)
    menu.addAction(export_action)
