"""Fixtures of the window's sync: the real Radicale server of tests/sync, a small network
in a real window, and a keychain that is either absent or an in-memory one."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backends import fail
from pytestqt.qtbot import QtBot

from desktop_app.domain.values import LabeledValue, NewPerson, PersonFields
from desktop_app.storage.database import Database
from desktop_app.ui.window.main_window import MainWindow
from desktop_app.ui.window.workspace import Workspace
from tests.gui.sync.memory_keyring import MemoryKeyring
from tests.sync.conftest import radicale  # noqa: F401 - the fixture, started per test


@pytest.fixture(autouse=True)
def no_keychain(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No keychain (the password is asked for) and no password in the environment."""
    monkeypatch.delenv("TRELLIS_CARDDAV_PASSWORD", raising=False)
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture
def memory_keychain() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def small_db(db: Database) -> Database:
    """Two people of our own, nobody marked as me."""
    from desktop_app.services.contacts import ContactsService

    contacts = ContactsService(db)
    for name, email in (("Ana Lima", "ana@example.org"), ("Caio Souza", "caio@example.org")):
        given, family = name.split(" ")
        contacts.create(
            NewPerson(
                fields=PersonFields(given_name=given, family_name=family, full_name=name),
                emails=(LabeledValue(email, "work"),),
                source="manual",
            )
        )
    return db


@pytest.fixture
def sync_window(qtbot: QtBot, small_db: Database) -> MainWindow:
    win = MainWindow(Workspace(small_db))
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.first_painted):
        win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: win.isActiveWindow())
    return win
