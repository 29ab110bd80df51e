"""Restoring from a backup: verified first, the present kept, never under an open window."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from desktop_app.services.demo import write_demo
from desktop_app.storage import backup
from desktop_app.storage.database import open_database
from desktop_app.storage.errors import DatabaseLockedError
from desktop_app.storage.restore import (
    UnusableBackupError,
    describe_backups,
    human_size,
    restore_backup,
    verify_backup,
)


def people(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM people").fetchone()[0])
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def backed_up(db_path: Path) -> Path:
    """A database with a backup of 21 people, then 40 more people added after it."""
    with open_database(db_path) as db:
        write_demo(db, 20, seed=2)
        copy = backup.make_backup(db_path, "daily")
        _add_people(db, 40)
    return copy


def _add_people(db: object, count: int) -> None:
    from desktop_app.domain.values import NewPerson, PersonFields
    from desktop_app.storage.database import Database
    from desktop_app.storage.people_repository import create_person

    assert isinstance(db, Database)
    with db.transaction() as session:
        for number in range(count):
            create_person(session, NewPerson(PersonFields(full_name=f"Later {number}")))


def test_restore_puts_the_backup_back_and_keeps_the_present(db_path: Path, backed_up: Path) -> None:
    assert people(db_path) == 61
    result = restore_backup(db_path, backed_up)

    assert people(db_path) == 21 and result.people == 21
    assert result.saved_as is not None and result.saved_as.name.endswith("before-restore.db")
    assert people(result.saved_as) == 61
    with open_database(db_path) as db:  # opens, sound, at head
        integrity = db.fast_connection().execute("PRAGMA integrity_check").fetchone()[0]
    assert integrity == "ok"
    # The restore of the restore brings the present back: nothing was lost.
    restore_backup(db_path, result.saved_as)
    assert people(db_path) == 61


def test_restore_refuses_while_the_database_is_open(db_path: Path, backed_up: Path) -> None:
    before = digest(db_path)
    with open_database(db_path), pytest.raises(DatabaseLockedError):
        restore_backup(db_path, backed_up)
    assert digest(db_path) == before


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"not a database at all\n" * 50, "not an SQLite file"),
        (None, "empty database"),
        (b"", "empty database"),
    ],
)
def test_a_bad_backup_is_refused_and_the_database_untouched(
    db_path: Path, backed_up: Path, tmp_path: Path, content: bytes | None, why: str
) -> None:
    bad = tmp_path / "bad.db"
    if content is None:
        sqlite3.connect(bad).close()
        bad.write_bytes(b"")
    else:
        bad.write_bytes(content)
    before = digest(db_path)
    copies = len(backup.list_backups(db_path))
    with pytest.raises(UnusableBackupError, match=why):
        restore_backup(db_path, bad)
    assert digest(db_path) == before
    assert len(backup.list_backups(db_path)) == copies  # nothing saved for a refused restore


def test_a_damaged_or_foreign_backup_is_refused(tmp_path: Path, backed_up: Path) -> None:
    foreign = tmp_path / "other.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(UnusableBackupError, match="another program"):
        verify_backup(foreign)

    damaged = tmp_path / "damaged.db"
    data = bytearray(backed_up.read_bytes())
    for offset in range(4096, len(data), 4096):  # scribble over the start of every page
        data[offset : offset + 64] = b"\xa5" * 64
    damaged.write_bytes(bytes(data))
    with pytest.raises(UnusableBackupError, match="damaged"):
        verify_backup(damaged)

    newer = tmp_path / "newer.db"
    newer.write_bytes(backed_up.read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    with pytest.raises(UnusableBackupError, match="newer version"):
        verify_backup(newer)


def test_a_damaged_database_is_kept_aside_and_replaced(db_path: Path, backed_up: Path) -> None:
    db_path.write_bytes(b"garbage that was a database" * 100)
    result = restore_backup(db_path, backed_up)
    assert result.saved_as is not None and result.saved_as.name.endswith("damaged.db")
    assert result.saved_as.read_bytes() == b"garbage that was a database" * 100
    assert people(db_path) == 21
    open_database(db_path).close()


def test_backups_are_described_newest_first(db_path: Path, backed_up: Path) -> None:
    newer = backup.make_backup(db_path, "before-upgrade")
    infos = describe_backups(db_path)
    assert [i.path for i in infos[:2]] == [newer, backed_up]
    assert infos[0].reason == "before upgrade" and infos[1].reason == "daily"
    assert infos[0].taken >= infos[1].taken
    assert infos[0].size == newer.stat().st_size


def test_human_size() -> None:
    assert human_size(512) == "512 B"
    assert human_size(2048) == "2.0 KB"
    assert human_size(5 * 1024 * 1024) == "5.0 MB"
