"""Database problems, each carrying a message a user can act on."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop_app.domain.errors import MissingError


class StorageError(Exception):
    """A problem with the database file; `str(error)` is meant for the user."""


class NotADatabaseError(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is not a Trellis database (it is not an SQLite file). "
            "It was left untouched; choose another file with --db."
        )


class CorruptDatabaseError(StorageError):
    """The file is damaged (SQLite says so, or `PRAGMA quick_check` found a problem)."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        # quick_check's report runs over lines ("*** in database main ***\nOn tree page…")
        detail = " ".join(
            line.strip() for line in detail.splitlines() if line.strip() and "***" not in line
        )
        super().__init__(
            f"{path} is damaged and cannot be read ({detail}). It was left untouched; "
            "restore it from a backup (File ▸ Restore from backup…, or trellis restore)."
        )


DamagedDatabaseError = CorruptDatabaseError


class EmptyDatabaseError(StorageError):
    """A read-only command was given a file with nothing in it (0 bytes, or no tables)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is an empty file, not a Trellis database (no network yet). "
            "It was left untouched."
        )


class DiskFullError(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The disk is full: {path} could not be written. Nothing was changed; "
            "free some space and try again."
        )


class DatabaseBusyError(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is busy: another program kept it locked for too long. "
            "Nothing was changed; try again in a moment."
        )


class ReadOnlyDatabaseError(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Trellis cannot write to {path}: it is read-only (the file, its folder or "
            "the disk). Nothing was changed."
        )


class UnreachableError(StorageError):
    """The file or a folder on its way may not be opened (permission denied)."""

    def __init__(self, path: Path, detail: str = "permission denied") -> None:
        what = "the folder " if path.is_dir() else ""
        super().__init__(f"Trellis may not open {what}{path} ({detail}).")


class NewerSchemaError(StorageError):
    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"{path} was written by a newer version of Trellis (schema {revision}). "
            "It was left untouched; update Trellis to open it."
        )


class ForeignDatabaseError(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is an SQLite database of another program, not of Trellis. "
            "It was left untouched; choose another file with --db."
        )


class DatabaseLockedError(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is already open in another Trellis window or command. "
            "Close that one first, or open this database read-only."
        )


class UnwritableLocationError(StorageError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"Trellis cannot write to {path} ({detail}).")


class PersonNotFoundError(MissingError):
    def __init__(self, person_id: int) -> None:
        super().__init__(f"There is no contact with id {person_id} (it may have been deleted).")


# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = (
    10,
    11,
    13,
    14,
    26,
)


def storage_error_from(error: BaseException, path: Path) -> StorageError | None:
    """The user-facing error for a known condition behind `error` (an sqlite3 error,
    SQLAlchemy's wrapper of one, or an OSError), or None when it is not one: a bug, to be
    re-raised as it is."""
    if isinstance(error, StorageError):
        return error
    cause = getattr(error, "orig", None)  # sqlalchemy.exc.DBAPIError wraps the sqlite3 error
    if isinstance(cause, BaseException):
        error = cause
    if isinstance(error, sqlite3.Error):
        return _from_sqlite(error, path)
    if isinstance(error, OSError):
        return _from_os(error, path)
    return None


def _from_sqlite(error: sqlite3.Error, path: Path) -> StorageError | None:
    code = getattr(error, "sqlite_errorcode", None)
    message = str(error).lower()
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == _SQLITE_FULL or "disk is full" in message:
        return DiskFullError(path)
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in message:
        return DatabaseBusyError(path)
    if primary == _SQLITE_READONLY or "readonly database" in message:
        return ReadOnlyDatabaseError(path)
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in message:
        return CorruptDatabaseError(path, str(error))
    if primary == _SQLITE_IOERR:
        return StorageError(f"Trellis could not read or write {path} ({error}).")
    if primary in (_SQLITE_CANTOPEN, _SQLITE_PERM):
        return StorageError(f"Trellis cannot open {path} ({error}).")
    return None


def _from_os(error: OSError, path: Path) -> StorageError | None:
    where = Path(error.filename) if error.filename else path
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(where)
    if error.errno in (errno.EACCES, errno.EPERM):
        return UnreachableError(where)
    if error.errno == errno.EROFS:
        return ReadOnlyDatabaseError(where)
    return None


@contextmanager
def translated_errors(path: Path) -> Iterator[None]:
    """The storage door: known conditions inside the block leave as `StorageError`s about
    `path`; anything else (a bug) leaves unchanged."""
    try:
        yield
    except StorageError:
        raise
    except Exception as error:
        translated = storage_error_from(error, path)
        if translated is None:
            raise
        raise translated from error
