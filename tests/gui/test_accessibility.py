"""Keyboard and screen-reader users: Tab reaches every control of each view, and each
control it reaches has a name (an accessible name, a buddy label, or its own text)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.ui.main_window import MainWindow

MAX_STEPS = 200


def _named(widget: QWidget, window: MainWindow) -> bool:
    if widget.accessibleName().strip():
        return True
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return True
    if isinstance(widget, QTabBar):  # the tabs' own titles
        return True
    return any(label.buddy() is widget for label in window.findChildren(QLabel))


def _describe(widget: QWidget) -> str:
    chain = []
    parent: QWidget | None = widget
    while parent is not None and len(chain) < 4:
        chain.append(
            f"{type(parent).__name__}{'#' + parent.objectName() if parent.objectName() else ''}"
        )
        parent = parent.parentWidget()
    return " < ".join(chain)


def _tab_walk(qtbot: QtBot, window: MainWindow) -> list[QWidget]:
    """Every widget Tab stops at, once round from the tab bar."""
    start = window.tabs.tabBar()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    seen: list[QWidget] = []
    for _ in range(MAX_STEPS):
        focus = QApplication.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None and now is not focus, f"Tab is stuck in {_describe(focus)}"
        if now is start:
            return seen
        if now not in seen:
            seen.append(now)
    raise AssertionError(f"Tab never came back round: {[_describe(w) for w in seen[-5:]]}")


@pytest.mark.parametrize("view", [0, 1, 2, 3])
def test_tab_reaches_named_controls_in_every_view(
    qtbot: QtBot, window: MainWindow, view: int
) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.show_view(view)
    key = window.view_specs[view].key
    qtbot.waitUntil(lambda: key in window.views)
    qtbot.wait(200)
    stops = _tab_walk(qtbot, window)
    in_view = [w for w in stops if window.views[key].isAncestorOf(w)]
    assert in_view, "Tab never enters the view"
    unnamed = [_describe(w) for w in stops if not _named(w, window)]
    assert not unnamed, unnamed
