"""A network of nobody but me: every view says what will appear and how to get there."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from desktop_app.domain.values import PersonFields
from desktop_app.storage.database import Database
from desktop_app.ui.contacts.person_dialog import PersonDialog
from desktop_app.ui.window.main_window import MainWindow
from desktop_app.ui.window.workspace import Workspace


@pytest.fixture
def lonely(qtbot: QtBot, db: Database) -> MainWindow:
    """The window right after the welcome's "I'll add people myself"."""
    workspace = Workspace(db)
    workspace.contacts.make_me(PersonFields(given_name="Ana", family_name="Lima"))
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_painted):
        window.show()
    return window


def _when_modal(kind: type[QDialog], act: object) -> None:
    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            act(dialog)  # type: ignore[operator]
        else:
            QTimer.singleShot(50, check)

    QTimer.singleShot(50, check)


def test_the_contact_table_of_nobody_offers_add_and_import(
    qtbot: QtBot, lonely: MainWindow
) -> None:
    empty = lonely.contacts_view.empty
    assert empty.isVisible()
    assert empty.add_button.isVisible() and empty.import_button.isVisible()

    chooser: list[QFileDialog] = []
    _when_modal(QFileDialog, lambda dialog: (chooser.append(dialog), dialog.reject()))
    qtbot.mouseClick(empty.import_button, Qt.MouseButton.LeftButton)
    assert len(chooser) == 1

    def add(dialog: QDialog) -> None:
        assert isinstance(dialog, PersonDialog)
        qtbot.keyClicks(dialog.given, "Bo")
        dialog.accept()

    _when_modal(PersonDialog, add)
    qtbot.mouseClick(empty.add_button, Qt.MouseButton.LeftButton)
    assert lonely.workspace.contacts.count() == 2
    qtbot.waitUntil(lambda: not empty.isVisible())

    lonely.workspace.undo_stack.undo()  # nobody again
    qtbot.waitUntil(empty.isVisible)


def test_a_filled_table_has_no_placeholder(window: MainWindow) -> None:
    assert not window.contacts_view.empty.isVisible()


def test_the_empty_map_explains_what_will_appear(qtbot: QtBot, lonely: MainWindow) -> None:
    lonely.show_view(1)
    qtbot.waitUntil(lambda: "map" in lonely.views)
    view = lonely.views["map"]
    qtbot.waitUntil(lambda: view.stack.currentWidget() is view.empty, timeout=10000)
    assert view.empty.isVisible()
    text = view.empty.text()
    assert "import" in text and "organisations" in text and "you" in text


def test_today_of_nobody_says_how_to_start_instead_of_empty_axes(
    qtbot: QtBot, lonely: MainWindow
) -> None:
    lonely.show_view(3)
    qtbot.waitUntil(lambda: "today" in lonely.views)
    view = lonely.views["today"]
    for plot, message in (
        (view.activity_plot, "Log your first conversation (Ctrl+L)"),
        (view.give_ask_plot, "Log your first conversation (Ctrl+L)"),
        (view.circle_plot, "Add people to see your circles (Ctrl+N)"),
        (view.funnel_plot, "Log an informational interview (Ctrl+L)"),
    ):
        item = plot.widget.getPlotItem()
        assert not item.getAxis("left").isVisible()
        assert not item.getAxis("bottom").isVisible()
        texts = [i.textItem.toPlainText() for i in item.items if hasattr(i, "textItem")]
        assert texts == [message]
    summary = view.due.summary.text()
    assert "Nobody is due" not in summary
    assert "Nobody to keep in touch with yet" in summary
    asking = [view.ask_heavy_list.item(i).text() for i in range(view.ask_heavy_list.count())]
    assert asking == ["People you keep asking without giving back show here."]
