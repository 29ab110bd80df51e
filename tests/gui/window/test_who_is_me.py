"""Who is me: asked before an import into an empty network, offered when an import brings
me in, and asked once when a network has people but no me."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QListWidgetItem
from pytestqt.qtbot import QtBot

from desktop_app.app import open_window
from desktop_app.storage.database import Database, open_database
from desktop_app.ui.importing.preview_dialog import ImportPreviewDialog
from desktop_app.ui.window.main_window import MainWindow
from desktop_app.ui.window.welcome_dialog import FirstRunDialog
from desktop_app.ui.window.who_is_me_dialog import WhoIsMeDialog
from desktop_app.ui.window.workspace import Workspace
from tests.conftest import run_cli

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nN:Lima;Ana;;;\r\nEMAIL:ana@example.com\r\n"
    "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Chen\r\nN:Chen;Bo;;;\r\nORG:Northwind\r\n"
    "END:VCARD\r\n"
)


@pytest.fixture
def cards(tmp_path: Path) -> Path:
    path = tmp_path / "contacts.vcf"
    path.write_text(CARDS, encoding="utf-8")
    return path


def _keep(qtbot: QtBot, window: MainWindow | None) -> MainWindow:
    assert window is not None
    qtbot.addWidget(window)
    return window


def _click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def _pick(qtbot: QtBot, dialog: WhoIsMeDialog, name: str) -> None:
    items = [dialog.list.item(i) for i in range(dialog.list.count())]
    item = next(i for i in items if isinstance(i, QListWidgetItem) and i.text().startswith(name))
    rect = dialog.list.visualItemRect(item)
    qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.this_is_me_button.isEnabled()
    _click(qtbot, dialog.this_is_me_button)


def _names(dialog: WhoIsMeDialog) -> list[str]:
    return [dialog.list.item(i).text() for i in range(dialog.list.count())]


def _import(qtbot: QtBot, window: MainWindow, start: bool = False, *paths: Path) -> WhoIsMeDialog:
    """Accept the import preview (started here with `paths` if `start`) and return the
    "which of these is you?" dialog that follows it."""
    with qtbot.waitSignal(window.importer.preview_shown, timeout=20000) as shown:
        if start:
            window.importer.start(list(paths))
    preview = shown.args[0]
    assert isinstance(preview, ImportPreviewDialog)
    with qtbot.waitSignal(window.who_is_me_asked, timeout=20000) as asked:
        _click(qtbot, preview.import_button)
    dialog = asked.args[0]
    assert isinstance(dialog, WhoIsMeDialog)
    return dialog


def test_a_vcard_opened_into_an_empty_network_asks_who_i_am_first_then_which_card_is_me(
    qtbot: QtBot, db: Database, cards: Path
) -> None:
    workspace = Workspace(db)
    welcomed: list[int] = []

    def answer_welcome() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, FirstRunDialog)
        welcomed.append(workspace.contacts.count())
        qtbot.keyClicks(dialog.given, "Ana")
        qtbot.keyClicks(dialog.family, "Lima")
        _click(qtbot, dialog.start_button)

    QTimer.singleShot(100, answer_welcome)
    window = _keep(qtbot, open_window(workspace, [cards]))  # as `trellis --db new.db FILE`
    assert welcomed == [0]  # asked before anything was imported
    bare_me = workspace.contacts.me_id()
    assert bare_me is not None

    dialog = _import(qtbot, window)
    assert _names(dialog) == ["Ana Lima"]  # only the card with my name
    assert dialog.list.currentRow() == 0
    _click(qtbot, dialog.this_is_me_button)

    me = workspace.contacts.me_id()
    assert me is not None and me != bare_me
    assert workspace.contacts.count() == 2  # my card and Bo: the bare me was folded in
    detail = workspace.contacts.detail(me)
    assert detail.fields.full_name == "Ana Lima"
    assert [e.value for e in detail.contact_points.emails] == ["ana@example.com"]
    assert workspace.current_person == me

    workspace.undo_stack.undo()  # one undo step puts the two back apart
    assert workspace.contacts.me_id() == bare_me
    assert workspace.contacts.count() == 3
    workspace.undo_stack.redo()
    assert workspace.contacts.me_id() == me
    assert workspace.contacts.count() == 2


def test_a_network_made_by_cli_import_asks_who_i_am_once_on_open(
    qtbot: QtBot, db_path: Path, cards: Path
) -> None:
    assert run_cli("import", str(cards), "--db", str(db_path)).returncode == 0
    db = open_database(db_path)
    workspace = Workspace(db)
    try:
        window = _keep(qtbot, open_window(workspace, []))
        with qtbot.waitSignal(window.who_is_me_asked, timeout=20000) as asked:
            pass  # asked once the window has painted
        dialog = asked.args[0]
        assert isinstance(dialog, WhoIsMeDialog)
        assert _names(dialog) == ["Ana Lima", "Bo Chen — Northwind"]
        _pick(qtbot, dialog, "Bo Chen")
        bo = workspace.contacts.me_id()
        assert bo is not None
        assert workspace.contacts.summaries([bo])[0].full_name == "Bo Chen"
        assert workspace.contacts.count() == 2
        window.close()
    finally:
        workspace.close()


def test_not_now_is_remembered_and_the_edit_menu_asks_again(
    qtbot: QtBot, db_path: Path, cards: Path, tmp_path: Path
) -> None:
    assert run_cli("import", str(cards), "--db", str(db_path)).returncode == 0
    workspace = Workspace(open_database(db_path))
    try:
        window = _keep(qtbot, open_window(workspace, []))
        with qtbot.waitSignal(window.who_is_me_asked, timeout=20000) as asked:
            pass
        _click(qtbot, asked.args[0].not_now_button)
        assert workspace.contacts.me_id() is None
        window.close()

        again = _keep(qtbot, open_window(workspace, []))
        with (
            qtbot.assertNotEmitted(again.who_is_me_asked, wait=500),
            qtbot.waitSignal(again.first_painted, timeout=5000),
        ):
            pass
        with qtbot.waitSignal(again.who_is_me_asked, timeout=5000) as asked:
            again.actions_by_name["choose_me"].trigger()
        dialog = asked.args[0]
        qtbot.keyClicks(dialog.given, "Cy")
        qtbot.keyClicks(dialog.family, "Diaz")
        _click(qtbot, dialog.my_name_button)
        me = workspace.contacts.me_id()
        assert me is not None
        assert workspace.contacts.summaries([me])[0].full_name == "Cy Diaz"
        assert workspace.contacts.count() == 3
        again.close()
    finally:
        workspace.close()


def test_an_import_into_a_network_without_me_asks_which_of_them_is_me(
    qtbot: QtBot, db_path: Path, cards: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.vcf"
    other.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dee Eze\r\nN:Eze;Dee;;;\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    assert run_cli("import", str(other), "--db", str(db_path)).returncode == 0
    workspace = Workspace(open_database(db_path))
    try:
        window = _keep(qtbot, open_window(workspace, [cards]))  # the import asks, not the open
        dialog = _import(qtbot, window)
        assert _names(dialog) == ["Ana Lima", "Bo Chen — Northwind"]  # the people imported
        _pick(qtbot, dialog, "Ana Lima")
        me = workspace.contacts.me_id()
        assert me is not None
        assert workspace.contacts.summaries([me])[0].full_name == "Ana Lima"
        window.close()
    finally:
        workspace.close()


def test_an_import_without_my_name_in_it_does_not_ask(qtbot: QtBot, window: MainWindow) -> None:
    fixtures = Path(__file__).resolve().parents[2] / "fixtures" / "contacts"
    with qtbot.waitSignal(window.importer.preview_shown, timeout=20000) as shown:
        window.importer.start([fixtures / "v21-qp-photo.vcf"])
    with (
        qtbot.assertNotEmitted(window.who_is_me_asked, wait=300),
        qtbot.waitSignal(window.importer.imported, timeout=20000),
    ):
        _click(qtbot, shown.args[0].import_button)
