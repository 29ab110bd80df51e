"""Keyboard and screen-reader users: Tab reaches every control of each view, and each
control it reaches has a name (an accessible name, a buddy label, or its own text)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.ui.window.main_window import MainWindow

MAX_STEPS = 200


def _named(widget: QWidget, window: QWidget) -> bool:
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


def _walk_from(qtbot: QtBot, start: QWidget) -> list[QWidget]:
    """Every widget Tab stops at, once round from `start`. A date edit takes a Tab per
    date part before it lets go; more than a few presses in one widget is a trap."""
    seen: list[QWidget] = []
    same = 0
    for _ in range(MAX_STEPS):
        focus = QApplication.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None
        same = same + 1 if now is focus else 0
        assert same < 4, f"Tab is stuck in {_describe(focus)}"
        if now is start and now is not focus:
            return seen
        if now not in seen:
            seen.append(now)
    raise AssertionError(f"Tab never came back round: {[_describe(w) for w in seen[-5:]]}")


def _tab_walk(qtbot: QtBot, window: MainWindow) -> list[QWidget]:
    start = window.tabs.tabBar()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    return _walk_from(qtbot, start)


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


def _dialog_walk(qtbot: QtBot, dialog: QWidget) -> list[QWidget]:
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    first = QApplication.focusWidget()
    assert first is not None
    return [first, *_walk_from(qtbot, first)]


def _dialogs(window: MainWindow) -> list[QWidget]:
    from desktop_app.ui.contacts.person_dialog import PersonDialog
    from desktop_app.ui.nurture.quick_log import QuickLogDialog
    from desktop_app.ui.window.help import AboutDialog, GuideWindow, ShortcutsWindow
    from desktop_app.ui.window.welcome_dialog import FirstRunDialog

    return [
        FirstRunDialog(),
        PersonDialog(window),
        QuickLogDialog(window.workspace, (), window),
        AboutDialog("x.db", "/tmp", window),
        GuideWindow(window),
        ShortcutsWindow(window),
    ]


def test_tab_reaches_named_controls_in_the_main_dialogs(qtbot: QtBot, window: MainWindow) -> None:
    for dialog in _dialogs(window):
        qtbot.addWidget(dialog)
        stops = _dialog_walk(qtbot, dialog)
        assert len(stops) > 1, type(dialog).__name__
        unnamed = [_describe(w) for w in stops if not _named(w, dialog)]
        assert not unnamed, (type(dialog).__name__, unnamed)
        dialog.close()
