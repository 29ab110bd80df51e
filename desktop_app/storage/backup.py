"""Rotating backups through SQLite's online backup API (safe while the database is open).

A backup counts only once `PRAGMA quick_check` passes on the copy: a copy of a damaged
database is kept apart as `…-damaged.db` (at most `KEEP_DAMAGED` of them), is not one of
the `KEEP_BACKUPS` kept, and so never pushes a good backup out.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime
from pathlib import Path

from desktop_app.storage.errors import CorruptDatabaseError
from desktop_app.storage.uri import sqlite_uri

KEEP_BACKUPS = 7
KEEP_DAMAGED = 2
DAY_SECONDS = 24 * 3600
DAMAGED_SUFFIX = "-damaged"


def backup_dir_for(db_path: Path) -> Path:
    """Backups live beside the database, in `<name>.backups/`."""
    return db_path.with_name(db_path.stem + ".backups")


def all_backups(db_path: Path) -> list[Path]:
    """Every backup file of `db_path`, good and damaged, oldest first."""
    folder = backup_dir_for(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.db"))


def is_damaged_copy(path: Path) -> bool:
    return path.stem.endswith(DAMAGED_SUFFIX)


def list_backups(db_path: Path) -> list[Path]:
    """The good backups of `db_path` (verified when taken), oldest first."""
    return [path for path in all_backups(db_path) if not is_damaged_copy(path)]


def damaged_copies(db_path: Path) -> list[Path]:
    """Copies of `db_path` taken while it was damaged, oldest first."""
    return [path for path in all_backups(db_path) if is_damaged_copy(path)]


def copy_database(source_uri: str, target: Path) -> None:
    """A consistent copy of the database at `source_uri` (an sqlite3 URI) into `target`,
    through SQLite's online backup API."""
    source = sqlite3.connect(source_uri, uri=True)
    try:
        dest = sqlite3.connect(sqlite_uri(target), uri=True)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()


def first_problem(path: Path) -> str | None:
    """`PRAGMA quick_check` of our own fresh copy: None when sound, else the first problem.

    Opened read-write so that closing it removes the `-wal`/`-shm` of a WAL copy.
    """
    try:
        conn = sqlite3.connect(sqlite_uri(path), uri=True)
        try:
            rows = [str(row[0]) for row in conn.execute("PRAGMA quick_check(1)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        return str(error)
    return None if rows == ["ok"] else (rows[0] if rows else "no answer")


def make_backup(db_path: Path, reason: str, keep: int = KEEP_BACKUPS) -> Path:
    """Copy `db_path` consistently into its backup folder and drop the oldest beyond `keep`.

    The copy is verified first. Raises `CorruptDatabaseError` when the database is
    damaged (its copy kept as `…-damaged.db`, the good backups left alone), and OSError or
    sqlite3.Error when the copy cannot be written; no partial file is left behind.
    """
    folder = backup_dir_for(db_path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{stamp}-{reason}.db"
    partial = target.with_suffix(".partial")
    try:
        try:
            copy_database(sqlite_uri(db_path, mode="ro"), partial)
        except sqlite3.DatabaseError as error:
            if "malformed" not in str(error) and "not a database" not in str(error):
                raise
            problem: str | None = str(error)
        else:
            problem = first_problem(partial)
        if problem is not None:
            damaged = target.with_name(f"{target.stem}{DAMAGED_SUFFIX}.db")
            if partial.exists():
                partial.replace(damaged)
                damaged.chmod(0o600)
            for old in damaged_copies(db_path)[:-KEEP_DAMAGED]:
                old.unlink(missing_ok=True)
            raise CorruptDatabaseError(db_path, problem)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    target.chmod(0o600)
    for old in list_backups(db_path)[:-keep]:
        old.unlink(missing_ok=True)
    return target


def backup_if_due(db_path: Path, every_seconds: float = DAY_SECONDS) -> Path | None:
    """The daily backup: made when the newest good one is older than `every_seconds`."""
    existing = list_backups(db_path)
    if existing and time.time() - existing[-1].stat().st_mtime < every_seconds:
        return None
    return make_backup(db_path, "daily")
