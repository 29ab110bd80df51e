"""Issue 16, one door into the database: each known condition of the file (busy, read-only,
full, damaged) reaches the user as a clear message from the window, nothing is changed, and
a bug in an edit is raised, never turned into a message box."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.domain.values import ChangeSet, NewPerson, PersonFields
from desktop_app.services.demo import write_demo
from desktop_app.storage.database import Database, open_database
from desktop_app.ui.contacts.contact_commands import (
    CreatePersonCommand,
    DeletePeopleCommand,
    ServiceCommand,
)
from desktop_app.ui.window.main_window import MainWindow
from desktop_app.ui.window.workspace import Workspace
from tests.storage_faults import damage_data_page


@pytest.fixture
def network(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "network.db", backups=False)
    db.busy_timeout_ms = 100  # a lock held longer than this is "busy" (5 s for real)
    write_demo(db, 60, seed=7)
    yield db
    db.close()


@pytest.fixture
def window(qtbot: QtBot, network: Database) -> MainWindow:
    win = MainWindow(Workspace(network))
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.first_painted):
        win.show()
    return win


def refusal(window: MainWindow, command: ServiceCommand) -> str:
    """What the window told the user when `command` was refused (asserting it was)."""
    undoable = window.workspace.undo_stack.count()
    window.last_error = ""
    assert not window.workspace.execute(command)
    assert window.workspace.undo_stack.count() == undoable
    assert window.last_error, "no message reached the user"
    return window.last_error


def add(window: MainWindow, note: str = "") -> CreatePersonCommand:
    return CreatePersonCommand(
        window.workspace, NewPerson(PersonFields(full_name="Zoë Newcomer", note=note))
    )


def people(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM people").fetchone()[0])
    finally:
        conn.close()


def test_a_database_another_program_keeps_locked_is_busy(
    window: MainWindow, network: Database
) -> None:
    before = people(network.path)
    holder = sqlite3.connect(network.path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        message = refusal(window, add(window))
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert "is busy: another program kept it locked" in message
    assert "Nothing was changed" in message
    assert people(network.path) == before


def test_a_full_disk_is_said_and_nothing_is_half_written(
    window: MainWindow, network: Database
) -> None:
    """SQLite's SQLITE_FULL, reached with max_page_count as a full disk reaches it."""
    before = people(network.path)
    pages = network.fast_connection().execute("PRAGMA page_count").fetchone()[0]
    with network.transaction() as session:  # the connection the next edit writes on
        raw = session.connection().connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        raw.execute(f"PRAGMA max_page_count = {pages}")
    message = refusal(window, add(window, note="x" * 200_000))
    assert message.startswith("The disk is full:") and "network.db" in message
    assert people(network.path) == before


def test_a_database_damaged_while_open_is_said_with_the_way_out(
    window: MainWindow, network: Database
) -> None:
    everyone = [row[0] for row in network.fast_connection().execute("SELECT id FROM people")]
    page = damage_data_page(network.path)
    with network.path.open("r+b") as handle:  # and its header: a page type SQLite refuses
        page_size = network.fast_connection().execute("PRAGMA page_size").fetchone()[0]
        handle.seek((page - 1) * page_size)
        handle.write(b"\xff")
    message = refusal(
        window, DeletePeopleCommand(window.workspace, everyone, ["x"] * len(everyone))
    )
    assert "is damaged and cannot be read" in message
    assert "restore it from a backup" in message


@pytest.fixture
def unwritable_file(tmp_path: Path) -> Iterator[Path]:
    """A database file this process may not write: read-only permissions for a user; for
    root (who writes anyway) the immutable attribute, which binds root too."""
    path = tmp_path / "network.db"
    with open_database(path, backups=False) as db:
        write_demo(db, 10, seed=3)
    as_root = os.geteuid() == 0
    if as_root:
        made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if made.returncode != 0:
            pytest.skip(f"chattr +i is not possible here: {made.stderr.decode().strip()}")
    else:
        path.chmod(0o444)
    try:
        yield path
    finally:
        if as_root:
            subprocess.run(["chattr", "-i", str(path)], check=False)
        else:
            path.chmod(0o644)


def test_a_read_only_file_is_said_and_nothing_is_lost(qtbot: QtBot, unwritable_file: Path) -> None:
    before = people(unwritable_file)
    db = Database(unwritable_file, read_only=False, lock=None)  # opened before it turned
    try:
        win = MainWindow(Workspace(db))
        qtbot.addWidget(win)
        message = refusal(win, add(win))
    finally:
        db.close()
    assert "it is read-only" in message and "Nothing was changed" in message
    assert people(unwritable_file) == before


class _BuggyEdit(ServiceCommand):
    """An edit with a programming error in it, as a real one could have."""

    def apply(self) -> ChangeSet:
        _person, change = self.workspace.contacts.create(None)  # type: ignore[arg-type]
        return change

    def revert(self) -> ChangeSet:
        return ChangeSet()


def test_a_bug_in_an_edit_is_raised_not_shown_as_a_message(window: MainWindow) -> None:
    window.last_error = ""
    with pytest.raises(AttributeError):
        window.workspace.execute(_BuggyEdit(window.workspace, "broken"))
    assert window.last_error == ""
