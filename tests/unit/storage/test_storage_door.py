"""Storage's door (issue 17): known SQLite and system conditions become StorageErrors with
a message for the user, bugs stay bugs; backups are verified before they count."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from desktop_app.services.demo import write_demo
from desktop_app.storage import backup
from desktop_app.storage.database import Database, open_database
from desktop_app.storage.errors import (
    CorruptDatabaseError,
    DatabaseBusyError,
    DiskFullError,
    ReadOnlyDatabaseError,
    storage_error_from,
)
from desktop_app.storage.uri import sqlite_uri
from tests.storage_faults import damage_data_page


def test_a_full_database_raises_disk_full_from_a_transaction(db: Database) -> None:
    """SQLite's own SQLITE_FULL, reached with max_page_count as a full disk reaches it."""
    pages = db.fast_connection().execute("PRAGMA page_count").fetchone()[0]
    with (
        pytest.raises(DiskFullError, match=r"The disk is full: .*network\.db"),
        db.transaction() as session,
    ):
        raw = session.connection().connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        raw.execute(f"PRAGMA max_page_count = {pages + 1}")
        write_demo_rows(session)


def write_demo_rows(session: object) -> None:
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    for number in range(2000):
        session.execute(
            text("INSERT INTO settings (key, value) VALUES (:k, :v)"),
            {"k": f"k{number}", "v": "x" * 500},
        )


def test_busy_read_only_and_damage_are_translated_and_a_bug_is_not(db_path: Path) -> None:
    open_database(db_path).close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(db_path, timeout=0)
    with pytest.raises(sqlite3.OperationalError) as busy:
        other.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')")
    assert isinstance(storage_error_from(busy.value, db_path), DatabaseBusyError)
    holder.execute("ROLLBACK")
    reader = sqlite3.connect(sqlite_uri(db_path, mode="ro"), uri=True)
    with pytest.raises(sqlite3.OperationalError) as read_only:
        reader.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')")
    assert isinstance(storage_error_from(read_only.value, db_path), ReadOnlyDatabaseError)
    with pytest.raises(sqlite3.OperationalError) as bug:
        reader.execute("SELECT * FROM no_such_table")
    assert storage_error_from(bug.value, db_path) is None
    for conn in (holder, other, reader):
        conn.close()


def test_sqlite_uri_keeps_hash_question_mark_and_percent_in_the_path(tmp_path: Path) -> None:
    folder = tmp_path / "file:Job search #2? 100% Zoë"
    folder.mkdir()
    target = folder / "t.db"
    conn = sqlite3.connect(sqlite_uri(target, mode="rwc"), uri=True)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    assert [p.name for p in folder.iterdir()] == ["t.db"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]
    assert sqlite_uri(target, mode="ro", immutable=True).endswith("?mode=ro&immutable=1")


def test_a_backup_of_a_damaged_database_is_kept_apart_and_never_rotates_good_ones_out(
    db_path: Path,
) -> None:
    with open_database(db_path) as db:
        write_demo(db, 60, seed=5)
    good = [backup.make_backup(db_path, "daily") for _ in range(backup.KEEP_BACKUPS)]
    damage_data_page(db_path)
    for _day in range(backup.KEEP_BACKUPS + 2):
        with pytest.raises(CorruptDatabaseError, match="is damaged"):
            backup.make_backup(db_path, "daily")
    assert backup.list_backups(db_path) == good
    damaged = backup.damaged_copies(db_path)
    assert len(damaged) == backup.KEEP_DAMAGED
    assert all(p.name.endswith("-daily-damaged.db") for p in damaged)
    assert not list(backup.backup_dir_for(db_path).glob("*.partial*"))
    for path in good:  # each still restorable
        conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()


def test_the_daily_backup_goes_by_the_newest_good_backup(db_path: Path) -> None:
    open_database(db_path).close()
    made = backup.backup_if_due(db_path)
    assert made is not None
    os.utime(made, (0, 0))  # two days old…
    damaged = made.with_name(made.stem + "-damaged.db")
    damaged.write_bytes(made.read_bytes())  # …and a fresh damaged copy does not count
    assert backup.backup_if_due(db_path) is not None


def test_opening_a_damaged_database_is_refused_before_any_backup(db_path: Path) -> None:
    with open_database(db_path) as db:
        write_demo(db, 40, seed=6)
    damage_data_page(db_path)
    before = db_path.read_bytes()
    for read_only in (False, True):
        with pytest.raises(CorruptDatabaseError) as refused:
            open_database(db_path, read_only=read_only)
        assert "\n" not in str(refused.value)
    assert db_path.read_bytes() == before
    assert backup.list_backups(db_path) == []


def test_the_plain_sqlite3_transaction_is_the_same_door(db: Database) -> None:
    """`raw_transaction` (the import's, without SQLAlchemy): committed at the end, rolled
    back on an exception, and a full disk leaves as DiskFullError with nothing written."""
    with db.raw_transaction() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('kept', '1')")
    with pytest.raises(RuntimeError), db.raw_transaction() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('undone', '1')")
        raise RuntimeError("a bug stays a bug")
    pages = db.fast_connection().execute("PRAGMA page_count").fetchone()[0]
    with (
        pytest.raises(DiskFullError, match=r"The disk is full: .*network\.db"),
        db.raw_transaction() as conn,
    ):
        conn.execute(f"PRAGMA max_page_count = {pages + 1}")
        conn.executemany(
            "INSERT INTO settings (key, value) VALUES (?, ?)",
            [(f"k{number}", "x" * 500) for number in range(2000)],
        )
    keys = [r[0] for r in db.fast_connection().execute("SELECT key FROM settings")]
    assert "kept" in keys and "undone" not in keys and "k1" not in keys
