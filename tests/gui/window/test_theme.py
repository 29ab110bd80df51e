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
    assert app.style().baseStyle().name().lower() == "fusion"
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


def _outline_contrast(qtbot: QtBot, theme: Theme) -> tuple[float, float]:
    """An unticked QCheckBox rendered in `theme`: the contrast of the indicator's outline
    (its most visible pixel on the box's edge) with the field inside and the window around."""
    from PySide6.QtGui import QColor, QImage
    from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    box = QCheckBox("Sent to a reviewer")
    qtbot.addWidget(box)
    box.resize(box.sizeHint())
    image = QImage(box.size(), QImage.Format.Format_ARGB32)
    window = palette(theme).color(Role.Window)
    base = palette(theme).color(Role.Base)
    image.fill(window)
    box.render(image)
    option = QStyleOptionButton()
    option.initFrom(box)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    edge = [QColor(image.pixel(x, rect.center().y())) for x in (rect.left(), rect.right())]
    edge += [QColor(image.pixel(rect.center().x(), y)) for y in (rect.top(), rect.bottom())]
    inside = QColor(image.pixel(rect.center()))
    assert contrast_ratio(inside, base) < 1.1  # the field of the box is the Base colour
    return (
        min(contrast_ratio(colour, base) for colour in edge),
        min(contrast_ratio(colour, window) for colour in edge),
    )


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
def test_an_unticked_check_box_is_outlined_visibly(qtbot: QtBot, theme: Theme) -> None:
    against_field, against_window = _outline_contrast(qtbot, theme)
    assert against_field >= 3.0, f"{theme.name}: outline on the field {against_field:.2f}:1"
    assert against_window >= 3.0, f"{theme.name}: outline on the window {against_window:.2f}:1"


def test_item_view_check_boxes_are_outlined_visibly_in_the_dark(qtbot: QtBot) -> None:
    """As the pitch checklist shows its criteria: a list of checkable items."""
    from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QListView, QStyle, QStyleOptionViewItem

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, Theme.DARK)
    model = QStandardItemModel()
    item = QStandardItem("Under 60 seconds aloud")
    item.setCheckable(True)
    model.appendRow(item)
    view = QListView()
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(300, 80)
    view.show()
    qtbot.waitExposed(view)
    image = view.viewport().grab().toImage()
    base = palette(Theme.DARK).color(Role.Base)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(model.index(0, 0))
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view)
    assert box.width() > 6
    colours = {
        QColor(image.pixel(x, y)).name()
        for x in range(box.left(), box.right() + 1)
        for y in range(box.top(), box.bottom() + 1)
    }
    best = max(contrast_ratio(QColor(c), base) for c in colours)
    assert best >= 3.0, f"the check box's outline is {best:.2f}:1 on the field"
