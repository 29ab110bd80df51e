"""View ▸ Theme: System, Light and Dark, readable, remembered and applied at start."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from desktop_app.app import open_window
from desktop_app.ui.window.main_window import MainWindow
from desktop_app.ui.window.theme import SETTING, Theme, apply_theme, contrast_ratio, palette
from desktop_app.ui.window.workspace import Workspace

Role = QPalette.ColorRole
PAIRS = (
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.PlaceholderText, Role.Base),
    (Role.ButtonText, Role.Button),
    (Role.WindowText, Role.Window),
    (Role.HighlightedText, Role.Highlight),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.Link, Role.Base),
)


@pytest.fixture(autouse=True)
def system_theme_after() -> Iterator[None]:
    """The application outlives the test: give it back its own look."""
    yield
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app, Theme.SYSTEM)


def test_contrast_ratio_matches_wcag() -> None:
    from PySide6.QtGui import QColor

    assert contrast_ratio(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
def test_text_is_readable_in_both_palettes(theme: Theme) -> None:
    colours = palette(theme)
    for text, background in PAIRS:
        ratio = contrast_ratio(colours.color(text), colours.color(background))
        assert ratio >= 4.5, f"{theme.name}: {text.name} on {background.name} is {ratio:.2f}:1"


def _press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    target = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def _choose_theme_with_keys(qtbot: QtBot, window: MainWindow, letter: Qt.Key) -> None:
    """View (Alt+V) ▸ Theme (T) ▸ the theme's access key."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    _press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    view_menu = QApplication.activePopupWidget()
    _press(qtbot, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() not in (None, view_menu))
    _press(qtbot, letter)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def test_dark_theme_chosen_from_the_view_menu_is_applied_remembered_and_used_at_start(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    system_style = app.style().name()
    system_base = app.palette().color(Role.Base)
    _choose_theme_with_keys(qtbot, window, Qt.Key.Key_D)
    assert app.style().name().lower() == "fusion"
    dark = palette(Theme.DARK)
    assert app.palette().color(Role.Base) == dark.color(Role.Base)
    qtbot.waitUntil(lambda: window.palette().color(Role.Window) == dark.color(Role.Window))
    assert QSettings().value(SETTING) == "dark"
    assert window.actions_by_name["theme_dark"].isChecked()

    apply_theme(app, Theme.SYSTEM)  # as a new start would find the application
    assert app.palette().color(Role.Base) != dark.color(Role.Base)
    shown: list[QPalette] = []
    again = open_window(workspace, [], interactive=False)
    assert again is not None
    qtbot.addWidget(again)
    shown.append(app.palette())
    assert shown[0].color(Role.Base) == dark.color(Role.Base)  # before it painted
    assert again.actions_by_name["theme_dark"].isChecked()

    _choose_theme_with_keys(qtbot, again, Qt.Key.Key_S)
    assert app.style().name() == system_style
    assert app.palette().color(Role.Base) == system_base
    assert app.palette().resolveMask() == 0  # the platform's own, not a copy of it
    assert QSettings().value(SETTING) == "system"


def test_today_plots_follow_a_theme_chosen_while_they_show(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_view(3)
    qtbot.waitUntil(lambda: "today" in window.views)
    plot = window.views["today"].activity_plot.widget
    _choose_theme_with_keys(qtbot, window, Qt.Key.Key_D)
    dark = palette(Theme.DARK).color(Role.Base)
    qtbot.waitUntil(lambda: plot.backgroundBrush().color() == dark)
