"""The first run on an empty database: become "me", or open the sample network."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from desktop_app.storage.database import Database
from desktop_app.ui.window.first_run import SAMPLE_SIZE, run_first_run
from desktop_app.ui.window.welcome_dialog import FirstRunChoice, FirstRunDialog
from desktop_app.ui.window.workspace import Workspace


def test_start_button_needs_a_name(qtbot: QtBot) -> None:
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    assert not dialog.start_button.isEnabled()
    qtbot.keyClicks(dialog.given, "Ana")
    assert dialog.start_button.isEnabled()
    dialog.start_button.click()
    assert dialog.choice is FirstRunChoice.MY_NETWORK
    assert dialog.names() == ("Ana", "")


def _answer_when_shown(qtbot: QtBot, action: str, given: str = "") -> None:
    def answer() -> None:
        from PySide6.QtWidgets import QApplication

        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, FirstRunDialog)
        if action == "start":
            dialog.given.setText(given)
            dialog.family.setText("Lima")
            dialog.start_button.click()
        elif action == "sample":
            dialog.sample_button.click()
        else:
            dialog.reject()

    QTimer.singleShot(100, answer)


def test_starting_my_network_makes_me(qtbot: QtBot, db: Database) -> None:
    workspace = Workspace(db)
    _answer_when_shown(qtbot, "start", "Ana")
    assert run_first_run(workspace)
    me = workspace.contacts.me_id()
    assert me is not None
    assert workspace.contacts.detail(me).fields.full_name == "Ana Lima"


def test_sample_network_fills_the_database(qtbot: QtBot, db: Database) -> None:
    workspace = Workspace(db)
    _answer_when_shown(qtbot, "sample")
    assert run_first_run(workspace)
    assert workspace.contacts.count() == SAMPLE_SIZE + 1


def test_cancel_leaves_the_database_empty(qtbot: QtBot, db: Database) -> None:
    workspace = Workspace(db)
    _answer_when_shown(qtbot, "cancel")
    assert not run_first_run(workspace)
    assert workspace.contacts.count() == 0


def test_the_welcome_shows_the_icon_what_trellis_is_for_and_access_keys(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from desktop_app.app import create_application
    from desktop_app.ui.window.welcome_dialog import PURPOSE

    create_application()
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    labels = dialog.findChildren(QLabel)
    pictures = [label.pixmap() for label in labels if not label.pixmap().isNull()]
    assert pictures and pictures[0].width() >= 48  # the application's icon
    assert any(label.text() == PURPOSE for label in labels)
    buttons = [b for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    texts = [b.text() for b in buttons]
    assert len(buttons) == 4, texts
    keys = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
    assert len(keys) == len(texts), texts  # every button has an access key
    assert len(set(keys)) == len(keys), texts  # and no two share one
    from desktop_app.ui.window.icons import bundled_icon

    for button, icon in (
        (dialog.start_button, "new-contact"),
        (dialog.import_button, "import"),
        (dialog.sample_button, "sample-network"),
    ):  # our drawings, readable in both themes (the style's arrow is black)
        assert button.icon().pixmap(24, 24).toImage() == bundled_icon(icon).pixmap(24, 24).toImage()


def test_access_keys_choose_on_the_welcome(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication

    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.given, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(300)  # a button's access key clicks it after a short animation
    assert dialog.choice is None  # no name yet: "I'll add people myself" is not available
    qtbot.keyClicks(dialog.given, "Ana")
    qtbot.keyClick(dialog.given, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.choice is FirstRunChoice.IMPORT)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted


def test_import_my_contacts_makes_me_then_opens_the_file_chooser_and_imports(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

    from desktop_app.app import open_window
    from desktop_app.ui.importing.preview_dialog import ImportPreviewDialog

    cards = tmp_path / "contacts.vcf"
    cards.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Chen\r\nN:Chen;Bo;;;\r\nEND:VCARD\r\n", "utf-8"
    )
    workspace = Workspace(db)
    asked: list[bool] = []

    def showing(kind: type[QWidget]) -> QWidget | None:
        # Not activeModalWidget(): offscreen, a new dialog is not always made active.
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        return found[0] if found else None

    def welcome() -> None:
        dialog = showing(FirstRunDialog)
        if not isinstance(dialog, FirstRunDialog):  # not up yet on a slow machine
            QTimer.singleShot(100, welcome)
            return
        qtbot.keyClicks(dialog.given, "Ana")
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    def choose_files(*_args: object) -> tuple[list[str], str]:
        # Qt's own file dialog, offscreen, sometimes never shows to a test (a nested
        # static dialog); what matters here is when it is asked for and what it answers.
        asked.append(workspace.contacts.me_id() is not None)  # me first, then the import
        return [str(cards)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", choose_files)
    QTimer.singleShot(100, welcome)
    window = open_window(workspace, [])
    assert window is not None
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.importer.preview_shown, timeout=20000) as shown:
        pass
    assert asked == [True]
    preview = shown.args[0]
    assert isinstance(preview, ImportPreviewDialog)
    with qtbot.waitSignal(window.importer.imported, timeout=20000):
        qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    names = sorted(s.full_name for s in workspace.contacts.summaries())
    assert names == ["Ana", "Bo Chen"]
    window.close()
    workspace.close()
