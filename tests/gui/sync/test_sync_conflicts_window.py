"""Conflicts in the window: a contact changed differently on both sides waits, the status
line and Sync ▸ Resolve conflicts… say so, the side-by-side dialog decides field by field,
and the next sync carries the decision. And Cancel during a slow sync."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from desktop_app.services.sync import run as sync
from desktop_app.ui.sync.conflict_dialog import SERVER, TRELLIS, ConflictDialog
from desktop_app.ui.window.main_window import MainWindow
from tests.gui.sync.test_sync_window import (
    SYNC_TIMEOUT_MS,
    names,
    press_sync,
    sync_by_key,
    type_password,
)
from tests.sync.radicale_server import PASSWORD, USER, RadicaleServer, SlowProxy, vcard


@pytest.fixture
def with_conflict(qtbot: QtBot, sync_window: MainWindow, radicale: RadicaleServer) -> int:
    """Bruna, synced once, then her note changed on the phone and in Trellis."""
    radicale.put_card("phone.vcf", vcard("Bruna Reis", "NOTE:met in Lisbon", uid="bruna"))
    sync.add_account(sync_window.workspace.db, "home", radicale.url, USER, PASSWORD)
    type_password(qtbot)
    sync_by_key(qtbot, sync_window)
    text, etag = radicale.get_card("phone.vcf")
    radicale.put_card("phone.vcf", text.replace("met in Lisbon", "met in Porto"), etag)
    contacts = sync_window.workspace.contacts
    bruna = next(
        s.id
        for s in contacts.summaries(contacts.ids_in_name_order())
        if s.full_name == "Bruna Reis"
    )
    fields = contacts.fields(bruna)
    sync_window.workspace.announce(contacts.edit(bruna, replace(fields, note="met in Braga")))
    type_password(qtbot)
    done = sync_by_key(qtbot, sync_window)
    assert done[0][1].conflicts == 1  # type: ignore[index]
    return bruna


def open_conflicts(qtbot: QtBot, window: MainWindow) -> ConflictDialog:
    action = window.actions_by_name["sync_conflicts"]
    assert action.isEnabled()
    with qtbot.waitSignal(window.syncer.conflicts_shown) as shown:
        action.trigger()
    dialog = shown.args[0]
    assert isinstance(dialog, ConflictDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_a_conflict_waits_and_the_server_side_is_chosen_field_by_field(
    qtbot: QtBot, sync_window: MainWindow, radicale: RadicaleServer, with_conflict: int
) -> None:
    status = sync_window.syncer.label
    assert "1 conflict(s) wait for you" in status.text()
    assert sync_window.workspace.contacts.fields(with_conflict).note == "met in Braga"

    dialog = open_conflicts(qtbot, sync_window)
    assert dialog.people.item(0).text() == "Bruna Reis"
    page = dialog.page(0)
    server = page.radios[("note", SERVER)]
    trellis = page.radios[("note", TRELLIS)]
    values = (page.values[("note", SERVER)], page.values[("note", TRELLIS)])
    assert tuple(v.text() for v in values) == ("met in Porto", "met in Braga")
    assert trellis.isChecked()
    qtbot.mouseClick(server, Qt.MouseButton.LeftButton)
    assert server.isChecked() and not trellis.isChecked()
    qtbot.mouseClick(values[1], Qt.MouseButton.LeftButton)  # a click on the value
    assert trellis.isChecked() and not server.isChecked()
    qtbot.mouseClick(values[0], Qt.MouseButton.LeftButton)
    assert server.isChecked()
    with qtbot.waitSignal(dialog.resolved):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)

    assert sync_window.workspace.contacts.fields(with_conflict).note == "met in Porto"
    assert "conflict" not in status.text()
    assert not sync_window.actions_by_name["sync_conflicts"].isEnabled()
    type_password(qtbot)
    done = sync_by_key(qtbot, sync_window)
    assert done[0][1].conflicts == 0  # type: ignore[index]
    assert "NOTE:met in Porto" in radicale.get_card("phone.vcf")[0]


def test_choosing_trellis_sends_its_value_at_the_next_sync(
    qtbot: QtBot, sync_window: MainWindow, radicale: RadicaleServer, with_conflict: int
) -> None:
    # This time from the status line: its link is the end of the line.
    status = sync_window.syncer.label
    with qtbot.waitSignal(sync_window.syncer.conflicts_shown) as shown:
        qtbot.mouseClick(
            status, Qt.MouseButton.LeftButton, pos=QPoint(status.width() - 8, status.height() // 2)
        )
    dialog = shown.args[0]
    assert isinstance(dialog, ConflictDialog)
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.trellis_all, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.resolved):
        qtbot.keyClick(dialog.apply_button, Qt.Key.Key_Space)
    type_password(qtbot)
    done = sync_by_key(qtbot, sync_window)
    assert (done[0][1].pushed, done[0][1].conflicts) == (1, 0)  # type: ignore[index]
    assert "NOTE:met in Braga" in radicale.get_card("phone.vcf")[0]
    assert sync_window.workspace.contacts.fields(with_conflict).note == "met in Braga"


@pytest.fixture
def slow_server(radicale: RadicaleServer) -> Iterator[SlowProxy]:
    proxy = SlowProxy(radicale.port, delay_s=1.5)
    try:
        yield proxy
    finally:
        proxy.close()


def test_cancel_stops_a_sync_and_trellis_stays_as_it_was(
    qtbot: QtBot, sync_window: MainWindow, radicale: RadicaleServer, slow_server: SlowProxy
) -> None:
    radicale.put_card("phone.vcf", vcard("Bruna Reis", uid="bruna"))
    sync.add_account(sync_window.workspace.db, "slow", slow_server.url, USER, PASSWORD)
    before = slow_server.requests  # discovery's
    type_password(qtbot)
    with qtbot.waitSignal(sync_window.syncer.sync_ended, timeout=SYNC_TIMEOUT_MS) as ended:
        press_sync(qtbot, sync_window)
        qtbot.waitUntil(
            lambda: isinstance(QApplication.activeModalWidget(), QProgressDialog), timeout=10_000
        )
        progress = QApplication.activeModalWidget()
        assert isinstance(progress, QProgressDialog)
        cancel = progress.findChild(QPushButton)
        assert cancel is not None and cancel.text() == "Cancel"
        assert slow_server.requests - before <= 1  # shown soon, while the server is still asked
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert "cancelled" in ended.args[0]
    qtbot.waitUntil(lambda: not sync_window.syncer.busy)
    assert names(sync_window) == {"Ana Lima", "Caio Souza"}
    assert radicale.card_names() == ["phone.vcf"]
