"""Opening databases: good ones, bad ones, locked ones; bad files are never modified."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from desktop_app.storage import backup
from desktop_app.storage.database import open_database, read_revision
from desktop_app.storage.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    UnwritableLocationError,
)
from desktop_app.storage.schema_version import HEAD_REVISION


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_migrated_to_head_with_wal_and_foreign_keys(db_path: Path) -> None:
    with open_database(db_path) as db:
        conn = db.fast_connection()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert read_revision(db_path) == HEAD_REVISION


def test_head_revision_constant_matches_alembic_head() -> None:
    from desktop_app.storage.migrate import head_revision

    assert head_revision() == HEAD_REVISION


def test_migrated_schema_matches_the_orm_metadata(db_path: Path) -> None:
    from desktop_app.storage.migrate import schema_differences

    with open_database(db_path) as db, db.engine.connect() as connection:
        assert schema_differences(connection) == []


def test_the_contact_table_order_is_read_from_an_index_without_a_sort(db_path: Path) -> None:
    """The first paint reads everyone in name order without case: an index in exactly that
    collation serves it, so SQLite never sorts the names into a temporary B-tree."""
    from desktop_app.storage.contact_summaries import NAME_ORDER_SQL
    from desktop_app.storage.tables import NAME_ORDER_INDEX

    with open_database(db_path) as db:
        conn = db.fast_connection()
        columns = conn.execute(f"PRAGMA index_xinfo({NAME_ORDER_INDEX})").fetchall()
        plan = " ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {NAME_ORDER_SQL}"))
    assert [(row[2], row[4]) for row in columns if row[5]] == [("full_name", "NOCASE")]
    assert NAME_ORDER_INDEX in plan and "TEMP B-TREE" not in plan


def test_text_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("just some notes\n")
    before = digest(path)
    with pytest.raises(NotADatabaseError, match="not an SQLite file"):
        open_database(path)
    assert digest(path) == before


def test_other_programs_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(ForeignDatabaseError):
        open_database(path)
    assert digest(path) == before


def test_corrupt_file_is_refused_and_left_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # smash the schema page
    db_path.write_bytes(bytes(data))
    before = digest(db_path)
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        open_database(db_path)
    assert digest(db_path) == before


def test_newer_schema_is_refused_and_left_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    before = digest(db_path)
    with pytest.raises(NewerSchemaError, match="newer version"):
        open_database(db_path)
    assert digest(db_path) == before


def test_second_writer_gets_a_clear_message(db_path: Path) -> None:
    with open_database(db_path):
        with pytest.raises(DatabaseLockedError, match="already open"):
            open_database(db_path)
        with open_database(db_path, read_only=True) as reader:
            assert reader.fast_connection().execute("SELECT COUNT(*) FROM people").fetchone()
    open_database(db_path).close()  # released on close


def test_unwritable_folder_gets_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(UnwritableLocationError):
        open_database(blocker / "sub" / "x.db")


def test_older_database_is_backed_up_then_upgraded_keeping_its_rows(db_path: Path) -> None:
    from alembic import command

    from desktop_app.storage.database import create_engine
    from desktop_app.storage.migrate import alembic_config

    open_database(db_path).close()
    engine = create_engine(db_path)
    config = alembic_config()
    with engine.begin() as connection:  # back to the schema before the first revision
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
        connection.exec_driver_sql("CREATE TABLE keepsake (note TEXT)")
        connection.exec_driver_sql("INSERT INTO keepsake VALUES ('kept')")
    engine.dispose()
    for old in backup.list_backups(db_path):
        old.unlink()
    assert read_revision(db_path) == ""

    open_database(db_path).close()

    assert read_revision(db_path) == HEAD_REVISION
    copies = backup.list_backups(db_path)
    assert [c.name.endswith("before-upgrade.db") for c in copies] == [True]
    for path in (db_path, copies[0]):
        conn = sqlite3.connect(path)
        assert conn.execute("SELECT note FROM keepsake").fetchall() == [("kept",)]
        conn.close()


def test_daily_backup_is_made_once_a_day(db_path: Path) -> None:
    open_database(db_path).close()
    open_database(db_path).close()
    assert len(backup.list_backups(db_path)) == 1


def test_backups_rotate_and_are_restorable(db: object, db_path: Path) -> None:
    for _ in range(backup.KEEP_BACKUPS + 3):
        backup.make_backup(db_path, "test")
    copies = backup.list_backups(db_path)
    assert len(copies) == backup.KEEP_BACKUPS
    check = sqlite3.connect(copies[-1])
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert check.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
    check.close()


def test_transaction_rolls_back_on_error(db: object) -> None:
    from desktop_app.domain.values import NewPerson, PersonFields
    from desktop_app.storage.database import Database
    from desktop_app.storage.people_repository import create_person

    assert isinstance(db, Database)
    with pytest.raises(RuntimeError), db.transaction() as session:
        create_person(session, NewPerson(PersonFields(full_name="Ana")))
        raise RuntimeError("boom")
    assert db.fast_connection().execute("SELECT COUNT(*) FROM people").fetchone()[0] == 0
