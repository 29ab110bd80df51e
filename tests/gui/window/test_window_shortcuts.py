"""The window's keys as the user presses them: one meaning per key, whatever view is open."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.logging import QtLoggingPlugin
from pytestqt.qtbot import QtBot

from desktop_app.ui.window.main_window import MainWindow


def _activate(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _press(qtbot: QtBot, window: MainWindow, key: str) -> None:
    """A key combination sent where the user's keyboard sends it: the focused widget."""
    target = QApplication.focusWidget() or window
    sequence = QKeySequence(key)
    combination = sequence[0]
    qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())


def _ambiguities(qtlog: QtLoggingPlugin) -> list[str]:
    return [r.message for r in qtlog.records if "Ambiguous shortcut" in r.message]


def test_ctrl_f_focuses_the_contacts_filter(
    qtbot: QtBot, window: MainWindow, qtlog: QtLoggingPlugin
) -> None:
    _activate(qtbot, window)
    view = window.contacts_view
    view.table.setFocus()
    assert not view.filter_box.hasFocus()
    _press(qtbot, window, "Ctrl+F")
    qtbot.waitUntil(view.filter_box.hasFocus)
    assert _ambiguities(qtlog) == []


def test_ctrl_f_on_the_map_focuses_its_search_box(
    qtbot: QtBot, window: MainWindow, qtlog: QtLoggingPlugin
) -> None:
    _activate(qtbot, window)
    _press(qtbot, window, "Ctrl+2")
    qtbot.waitUntil(lambda: "map" in window.views and window.tabs.currentIndex() == 1)
    search = window.views["map"].search  # type: ignore[attr-defined]
    assert not search.hasFocus()
    _press(qtbot, window, "Ctrl+F")
    qtbot.waitUntil(search.hasFocus)
    assert not window.contacts_view.filter_box.hasFocus()
    _press(qtbot, window, "Ctrl+1")
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == 0)
    _press(qtbot, window, "Ctrl+F")
    qtbot.waitUntil(window.contacts_view.filter_box.hasFocus)
    assert _ambiguities(qtlog) == []


def _window_level(context: Qt.ShortcutContext) -> bool:
    return context in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)


def _shortcuts(window: MainWindow) -> Iterator[tuple[str, QObject, Qt.ShortcutContext, QWidget]]:
    """(key, owner, context, scope widget) for every key binding the window holds."""
    seen: set[int] = set()
    actions = list(window.findChildren(QAction))
    for widget in [window, *window.findChildren(QWidget)]:
        actions.extend(widget.actions())
    for action in actions:
        if id(action) in seen:
            continue
        seen.add(id(action))
        scopes = [w for w in action.associatedObjects() if isinstance(w, QWidget)] or [window]
        for sequence in action.shortcuts():
            for scope in scopes:
                yield sequence.toString(), action, action.shortcutContext(), scope
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        assert isinstance(parent, QWidget)
        for sequence in shortcut.keys():  # noqa: SIM118 - a QShortcut, not a dict
            yield sequence.toString(), shortcut, shortcut.context(), parent


def _overlap(
    first: tuple[Qt.ShortcutContext, QWidget], second: tuple[Qt.ShortcutContext, QWidget]
) -> bool:
    """Whether both can be live for the same focused widget (Qt then fires neither)."""
    (context_a, scope_a), (context_b, scope_b) = first, second
    if _window_level(context_a) or _window_level(context_b):
        return True
    if scope_a is scope_b:
        return True
    children = Qt.ShortcutContext.WidgetWithChildrenShortcut
    return (context_a == children and scope_a.isAncestorOf(scope_b)) or (
        context_b == children and scope_b.isAncestorOf(scope_a)
    )


def test_no_key_is_bound_twice_in_the_same_context(qtbot: QtBot, window: MainWindow) -> None:
    for index in range(window.tabs.count()):  # every view builds its own actions
        window.show_view(index)
    qtbot.waitUntil(lambda: len(window.views) == window.tabs.count())
    window.detail_panel  # noqa: B018 - its actions too
    bindings = list(_shortcuts(window))
    assert any(key == "Ctrl+F" for key, *_ in bindings)  # the walk does find the window's keys
    clashes: set[str] = set()
    for i, (key, owner, context, scope) in enumerate(bindings):
        for other_key, other, other_context, other_scope in bindings[i + 1 :]:
            if key != other_key or key == "":
                continue
            if owner is other and scope is not other_scope:
                continue  # one action shown in the window and in a menu
            if _overlap((context, scope), (other_context, other_scope)):
                clashes.add(f"{key}: {_name(owner)} and {_name(other)}")
    assert sorted(clashes) == []


def _name(owner: QObject) -> str:
    text = owner.text() if isinstance(owner, QAction) else ""
    parent = owner.parent()
    return f"{type(owner).__name__} {text!r} of {type(parent).__name__}"
