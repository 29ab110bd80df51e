"""The toolbar: icons for the main actions that do what their menu entries do, and the
application's icon on every window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QImage
from PySide6.QtWidgets import QApplication, QDialog, QToolBar, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.app import open_window
from desktop_app.ui.contacts.person_dialog import PersonDialog
from desktop_app.ui.nurture.quick_log import QuickLogDialog
from desktop_app.ui.window.actions import TOOLBAR
from desktop_app.ui.window.icons import app_icon, bundled_icon
from desktop_app.ui.window.main_window import MainWindow
from desktop_app.ui.window.workspace import Workspace


def _button(window: MainWindow, text: str) -> QToolButton:
    bar = window.findChild(QToolBar, "mainToolBar")
    assert isinstance(bar, QToolBar) and bar.isVisible()
    for action in bar.actions():
        if action.iconText() == text:
            button = bar.widgetForAction(action)
            assert isinstance(button, QToolButton)
            return button
    raise AssertionError(f"no {text!r} on the toolbar")


def _drawn(icon: QIcon) -> bool:
    """The icon paints something: some pixel is not transparent."""
    image = icon.pixmap(24, 24).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    return any(
        image.pixelColor(x, y).alpha() > 0
        for x in range(image.width())
        for y in range(image.height())
    )


def _when_modal(kind: type[QDialog], act: object) -> None:
    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            act(dialog)  # type: ignore[operator]
        else:
            QTimer.singleShot(50, check)

    QTimer.singleShot(50, check)


def test_every_bundled_drawing_paints(qtbot: QtBot) -> None:
    for _name, _text, _theme, bundled in TOOLBAR:
        assert _drawn(bundled_icon(bundled)), bundled


def test_toolbar_buttons_have_icons_and_do_what_the_menu_does(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    for _name, text, _theme, _bundled in TOOLBAR:
        assert _drawn(_button(window, text).icon()), text

    before = workspace.contacts.count()
    logged: list[QDialog] = []

    def add(dialog: QDialog) -> None:
        assert isinstance(dialog, PersonDialog)
        qtbot.keyClicks(dialog.given, "Toolbar")
        qtbot.keyClicks(dialog.family, "Person")
        dialog.accept()

    _when_modal(PersonDialog, add)
    qtbot.mouseClick(_button(window, "New contact"), Qt.MouseButton.LeftButton)
    assert workspace.contacts.count() == before + 1

    _when_modal(
        QuickLogDialog,
        lambda dialog: (logged.append(dialog), dialog.reject()),
    )
    qtbot.mouseClick(_button(window, "Log interaction"), Qt.MouseButton.LeftButton)
    assert len(logged) == 1

    window.show_view(1)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.mouseClick(_button(window, "Find"), Qt.MouseButton.LeftButton)
    search = window.views["map"].search
    qtbot.waitUntil(lambda: QApplication.focusWidget() is search)


def test_every_window_and_dialog_shows_the_application_icon(
    qtbot: QtBot, workspace: Workspace
) -> None:
    QApplication.setWindowIcon(QIcon())  # as a bare application starts
    window = open_window(workspace, [], interactive=False)
    assert window is not None
    qtbot.addWidget(window)
    expected = app_icon().pixmap(32, 32).toImage()
    assert not expected.isNull()
    from desktop_app.ui.window.help import AboutDialog, GuideWindow

    widgets: list[QWidget] = [
        window,
        GuideWindow(window),
        AboutDialog("x.db", "/tmp", window),
        PersonDialog(window),
        QuickLogDialog(workspace, (), window),
    ]
    for widget in widgets:
        assert widget.windowIcon().pixmap(32, 32).toImage() == expected, type(widget).__name__


def test_the_platform_icon_theme_comes_first(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop_app.ui.window.icons import action_icon

    theme = tmp_path / "icons" / "testtheme"
    (theme / "24x24" / "actions").mkdir(parents=True)
    (theme / "index.theme").write_text(
        "[Icon Theme]\nName=testtheme\nDirectories=24x24/actions\n\n"
        "[24x24/actions]\nSize=24\nType=Fixed\n",
        encoding="utf-8",
    )
    red = QImage(24, 24, QImage.Format.Format_ARGB32)
    red.fill(QColor("red"))
    red.save(str(theme / "24x24" / "actions" / "edit-find.png"))
    paths, name = QIcon.themeSearchPaths(), QIcon.themeName()
    QIcon.setThemeSearchPaths([str(tmp_path / "icons")])
    QIcon.setThemeName("testtheme")
    try:
        themed = action_icon("edit-find", "find").pixmap(24, 24).toImage()
        assert themed.pixelColor(12, 12) == QColor("red")
        ours = action_icon("no-such-icon-anywhere", "find").pixmap(24, 24).toImage()
        assert ours.pixelColor(12, 12) != QColor("red") and _drawn(bundled_icon("find"))
    finally:
        QIcon.setThemeSearchPaths(paths)
        QIcon.setThemeName(name)
