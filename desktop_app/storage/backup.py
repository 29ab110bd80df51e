"""Rotating backups through SQLite's online backup API (safe while the database is open)."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime
from pathlib import Path

KEEP_BACKUPS = 7
DAY_SECONDS = 24 * 3600


def backup_dir_for(db_path: Path) -> Path:
    """Backups live beside the database, in `<name>.backups/`."""
    return db_path.with_name(db_path.stem + ".backups")


def list_backups(db_path: Path) -> list[Path]:
    """Existing backups of `db_path`, oldest first."""
    folder = backup_dir_for(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.db"))


def copy_database(source_uri: str, target: Path) -> None:
    """A consistent copy of the database at `source_uri` (an sqlite3 URI) into `target`,
    through SQLite's online backup API."""
    source = sqlite3.connect(source_uri, uri=True)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()


def make_backup(db_path: Path, reason: str, keep: int = KEEP_BACKUPS) -> Path:
    """Copy `db_path` consistently into its backup folder and drop the oldest beyond `keep`."""
    folder = backup_dir_for(db_path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{stamp}-{reason}.db"
    partial = target.with_suffix(".partial")
    copy_database(f"file:{db_path}?mode=ro", partial)
    partial.replace(target)
    target.chmod(0o600)
    for old in list_backups(db_path)[:-keep]:
        old.unlink(missing_ok=True)
    return target


def backup_if_due(db_path: Path, every_seconds: float = DAY_SECONDS) -> Path | None:
    """The daily backup: made when the newest one is older than `every_seconds`."""
    existing = list_backups(db_path)
    if existing and time.time() - existing[-1].stat().st_mtime < every_seconds:
        return None
    return make_backup(db_path, "daily")
