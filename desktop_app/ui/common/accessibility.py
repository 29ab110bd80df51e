"""Keyboard access shared by the views (tests/gui/window/test_accessibility.py walks them)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QWidget


def leave_tables_with_tab(root: QWidget) -> None:
    """Tab moves on to the next control instead of from cell to cell, so a keyboard user
    is never trapped in a 100,000-row table; the arrow keys still move between cells."""
    for view in root.findChildren(QAbstractItemView):
        view.setTabKeyNavigation(False)
