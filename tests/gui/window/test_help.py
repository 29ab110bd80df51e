"""Help: the user guide (offline, in the app), the keyboard shortcuts read from the
window's actions, and About with diagnostics to copy."""

from __future__ import annotations

import platform
import re

from PySide6.QtCore import Qt, QTimer, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from desktop_app import __version__
from desktop_app.ui.window.help import AboutDialog, GuideWindow, ShortcutsWindow, guide_markdown
from desktop_app.ui.window.main_window import MainWindow


def _activate(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    target = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def _menu_paths(window: MainWindow) -> set[str]:
    paths: set[str] = set()

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            title = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} ▸ {title}")
            elif not action.isSeparator():
                paths.add(f"{path} ▸ {title}")
            paths.add(f"{path} ▸ {title}")

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, top.text().replace("&", ""))
    return paths


def test_f1_opens_the_bundled_guide_in_a_window_of_the_app(
    qtbot: QtBot, window: MainWindow
) -> None:
    _activate(qtbot, window)
    _press(qtbot, Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: any(w.isVisible() for w in window.findChildren(GuideWindow)))
    guide = window.findChildren(GuideWindow)[0]
    text = guide.browser.toPlainText()
    assert "Trellis user guide" in text
    assert "Log interaction" in text and "Ctrl+L" in text
    assert guide.browser.document().toMarkdown().strip()  # rendered, not raw


def test_every_menu_the_guide_names_exists(qtbot: QtBot, window: MainWindow) -> None:
    """The guide is true of this build: each "Menu ▸ Item" it mentions is a real one."""
    named = set(
        re.findall(
            r"\*\*((?:File|Edit|View|Network|Help) ▸ [^*]+?)\*\*",
            guide_markdown(),
            flags=re.MULTILINE,
        )
    )
    assert len(named) >= 10
    assert "▸" not in re.sub(r"\*\*[^*]+\*\*", "", guide_markdown())  # each one in bold
    real = _menu_paths(window)
    missing = sorted(n.strip() for n in named if n.strip() not in real)
    assert not missing, missing


def test_the_shortcut_list_is_read_from_the_window_actions(
    qtbot: QtBot, window: MainWindow
) -> None:
    extra = QAction("Something new", window)
    extra.setShortcut(QKeySequence("Ctrl+Shift+F9"))
    window.addAction(extra)
    _activate(qtbot, window)
    with qtbot.waitSignal(window.shortcuts_shown) as shown:
        _press(qtbot, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    dialog = shown.args[0]
    assert isinstance(dialog, ShortcutsWindow)
    rows = dict(dialog.rows())
    native = QKeySequence.SequenceFormat.NativeText
    assert rows["Network ▸ Log interaction…"] == QKeySequence("Ctrl+L").toString(native)
    assert rows["File ▸ New contact…"] == QKeySequence("Ctrl+N").toString(native)
    assert rows["View ▸ Network map"] == QKeySequence("Ctrl+2").toString(native)
    redo = rows["Edit ▸ Redo"].split(", ")
    assert len(redo) == len(set(redo))  # each key once
    assert rows["Something new"] == QKeySequence("Ctrl+Shift+F9").toString(native)
    with_keys = [a for a in window.actions_by_name.values() if a.shortcuts()]
    assert len(rows) >= len(with_keys)  # every one of them, and nothing twice
    assert len(dialog.rows()) == len(rows)
    dialog.close()


def test_about_shows_version_licence_data_folder_and_copies_diagnostics(
    qtbot: QtBot, window: MainWindow
) -> None:
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AboutDialog):
            QTimer.singleShot(50, answer)
            return
        seen.append(dialog.text.text())
        qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
        seen.append(dialog.status.text())
        dialog.reject()

    QTimer.singleShot(50, answer)
    window.actions_by_name["about"].trigger()
    text, status = seen
    path = window.workspace.db.path
    assert __version__ in text and "MIT" in text
    assert str(path.parent) in text and str(path) in text
    assert status == "Copied to the clipboard."
    copied = QApplication.clipboard().text()
    for expected in (
        __version__,
        qVersion(),
        platform.python_version(),
        platform.system(),
        str(path),
    ):
        assert expected in copied, expected
    assert "style ," not in copied and "style ?" not in copied  # the theme's base style named


def test_diagnostics_name_the_style_under_the_dark_theme(qtbot: QtBot, window: MainWindow) -> None:
    from desktop_app.ui.window.help import diagnostics
    from desktop_app.ui.window.theme import Theme, apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, Theme.DARK)
    try:
        assert ", style fusion," in diagnostics(str(window.workspace.db.path)).lower()
    finally:
        apply_theme(app, Theme.SYSTEM)
