"""Restoring a database from a backup: verify, save what is there, then replace it whole.

The order matters, so nothing is ever lost:
1. take the one-writer lock (a restore never runs under an open window or command);
2. copy the backup to a temporary file beside the database and verify that copy (a sound
   SQLite file of a Trellis schema this build knows, passing `PRAGMA integrity_check`);
3. back up the database as it is now (`…-before-restore.db`), or, when it is too damaged to
   be read, keep its bytes as `…-damaged.db`;
4. copy the verified file into the database with SQLite's backup API: one transaction in
   the database's own journal, so a crash half-way leaves the old contents in place.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.storage import backup
from desktop_app.storage.database import apply_pragmas, read_revision
from desktop_app.storage.errors import CorruptDatabaseError, StorageError
from desktop_app.storage.instance_lock import InstanceLock
from desktop_app.storage.schema_version import KNOWN_REVISIONS
from desktop_app.storage.uri import sqlite_uri

_BACKUP_NAME = re.compile(r"(\d{8}-\d{6}-\d{6})-(.*)")


class UnusableBackupError(StorageError):
    """The chosen file cannot be restored; the database was left as it was."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(
            f"{path} cannot be restored: {why}. Your database was left as it was; "
            "choose another backup."
        )


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup as a list shows it."""

    path: Path
    taken: datetime
    reason: str
    size: int


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored_from: Path
    saved_as: Path | None  # the database as it was before; None when there was none
    people: int


def describe_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of `db_path`, newest first, with when and why each was taken."""
    infos: list[BackupInfo] = []
    prefix = db_path.stem + "-"
    for path in backup.list_backups(db_path):
        named = _BACKUP_NAME.match(path.stem.removeprefix(prefix))
        if named is not None:
            taken, reason = datetime.strptime(named[1], "%Y%m%d-%H%M%S-%f"), named[2]
        else:
            taken, reason = datetime.fromtimestamp(path.stat().st_mtime), ""
        infos.append(BackupInfo(path, taken, reason.replace("-", " "), path.stat().st_size))
    return sorted(infos, key=lambda info: info.taken, reverse=True)


def human_size(size: int) -> str:
    """`2_400_000` → '2.3 MB'."""
    if size < 1024:
        return f"{size} B"
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            break
    return f"{value:.1f} {unit}"


def verify_backup(path: Path) -> int:
    """Check that `path` is a sound Trellis database; returns its number of people.

    Raises `UnusableBackupError` with the reason; only reads the file.
    """
    _check_revision(path)
    try:
        conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
        try:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            people = conn.execute("SELECT COUNT(*) FROM people").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise UnusableBackupError(path, f"it is damaged ({error})") from error
    if problems != ["ok"]:
        raise UnusableBackupError(path, f"it is damaged ({problems[0]})")
    return int(people)


def _check_revision(path: Path) -> None:
    """The quick checks: a file, SQLite, of Trellis, of a schema this build knows."""
    if not path.is_file():
        raise UnusableBackupError(path, "there is no such file")
    try:
        revision = read_revision(path)
    except StorageError as error:
        raise UnusableBackupError(path, _first_sentence(str(error))) from error
    if revision is None or revision == "":
        raise UnusableBackupError(path, "it is an empty database")
    if revision not in KNOWN_REVISIONS:
        raise UnusableBackupError(path, "it was written by a newer version of Trellis")


def restore_backup(db_path: Path, source: Path) -> RestoreResult:
    """Replace the contents of `db_path` with the backup `source` (see the module notes).

    Raises `DatabaseLockedError` while another window or command has the database open,
    and `UnusableBackupError` when `source` is not a sound Trellis database.
    """
    db_path = db_path.expanduser().resolve()
    source = source.expanduser().resolve()
    if source == db_path:
        raise UnusableBackupError(source, "it is the database itself")
    with InstanceLock(db_path):
        staged = db_path.with_name(f".{db_path.name}.restoring")
        try:
            _check_revision(source)
            _copy_database(source, staged)
            people = verify_backup(staged)
            saved = _save_current(db_path)
            _copy_database(staged, db_path, into_live=True)
        finally:
            staged.unlink(missing_ok=True)
    return RestoreResult(source, saved, people)


def _copy_database(source: Path, target: Path, into_live: bool = False) -> None:
    """A consistent copy through SQLite's backup API (the source may be in WAL mode)."""
    try:
        reader = sqlite3.connect(sqlite_uri(source, mode="ro"), uri=True)
    except sqlite3.Error as error:
        raise UnusableBackupError(source, str(error)) from error
    try:
        if not into_live:
            target.unlink(missing_ok=True)
        writer = sqlite3.connect(target, isolation_level=None)
        try:
            if into_live:
                apply_pragmas(writer)
            reader.backup(writer)
        except sqlite3.DatabaseError as error:
            if into_live:
                raise StorageError(
                    f"Trellis could not write the restored data into {target} ({error}). "
                    "The database was left as it was."
                ) from error
            raise UnusableBackupError(source, f"it cannot be read ({error})") from error
        finally:
            writer.close()
    finally:
        reader.close()
    if not into_live:
        os.chmod(target, 0o600)


def _save_current(db_path: Path) -> Path | None:
    """A backup of the database about to be replaced; raw bytes when SQLite cannot read it."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    try:
        read_revision(db_path)
        return backup.make_backup(db_path, "before-restore")
    except (StorageError, sqlite3.DatabaseError) as error:
        damaged = backup.damaged_copies(db_path)
        if isinstance(error, CorruptDatabaseError) and damaged:
            kept = damaged[-1]  # the copy `make_backup` just kept apart
        else:
            folder = backup.backup_dir_for(db_path)
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            kept = folder / f"{db_path.stem}-{stamp}{backup.DAMAGED_SUFFIX}.db"
            shutil.copyfile(db_path, kept)
            kept.chmod(0o600)
        # The damaged file is replaced whole: SQLite cannot write into what it cannot read.
        for suffix in ("-wal", "-shm"):
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
        db_path.unlink()
        return kept


def _first_sentence(message: str) -> str:
    head = message.split(". ", 1)[0]
    return head.rstrip(".")
