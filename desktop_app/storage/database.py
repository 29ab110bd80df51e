"""Opening a Trellis database: checks, the one-writer lock, backups, migrations, pragmas.

Two doors into the same file:
- `Database.fast_connection()`: plain sqlite3 for the reads of the first paint, so start-up
  does not pay for importing SQLAlchemy (≈ 0.2 s, more than the whole window);
- `Database.transaction()`: a SQLAlchemy ORM session, one transaction per user action.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.storage import backup
from desktop_app.storage.errors import (
    CorruptDatabaseError,
    EmptyDatabaseError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    StorageError,
    UnreachableError,
    UnwritableLocationError,
    storage_error_from,
    translated_errors,
)
from desktop_app.storage.instance_lock import InstanceLock
from desktop_app.storage.schema_version import HEAD_REVISION, KNOWN_REVISIONS
from desktop_app.storage.uri import sqlite_uri

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
# Opening runs `PRAGMA quick_check` on files up to this size (≈ 10 ms at 4 MB, some 3,000
# contacts, against ≈ 190 ms for the window to be ready); larger ones are checked before
# each backup and migration instead.
QUICK_CHECK_MAX_BYTES = 4 * 1024 * 1024


def apply_pragmas(
    connection: sqlite3.Connection, read_only: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> None:
    """Foreign keys on, WAL, and a patient busy timeout; on every new connection."""
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    if not read_only:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")


def quick_check(path: Path) -> str | None:
    """None when SQLite's `quick_check` finds `path` sound, else the first problem.

    Only reads; a file SQLite cannot even read counts as damaged.
    """
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            rows = [str(row[0]) for row in conn.execute("PRAGMA quick_check(1)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        translated = storage_error_from(error, path)
        if isinstance(translated, CorruptDatabaseError):
            return str(error)
        if translated is not None:
            raise translated from error
        raise
    return None if rows == ["ok"] else (rows[0] if rows else "no answer")


def read_only_uri(path: Path) -> str:
    """An sqlite3 URI that reads `path` without writing anything anywhere.

    A WAL database needs its `-shm` file even to be read; on read-only media (a folder
    nobody may write to) SQLite cannot create it and fails with "unable to open database
    file". There the file cannot change under us, so `immutable=1` reads it without one —
    unless a write-ahead log was left beside it, whose commits must be read through it.
    """
    wal = path.with_name(path.name + "-wal")
    immutable = not os.access(path.parent, os.W_OK) and not (wal.exists() and wal.stat().st_size)
    return sqlite_uri(path, mode="ro", immutable=immutable)


def location_is_writable(path: Path) -> bool:
    """Whether Trellis may write the database at `path` (and its journal beside it)."""
    folder_ok = os.access(path.parent, os.W_OK)
    return folder_ok and (not path.exists() or os.access(path, os.W_OK))


def read_revision(path: Path) -> str | None:
    """The schema revision stored in `path`: None for a new, empty database, "" for one
    at Alembic's base (versioned, but before the first revision).

    Raises `NotADatabaseError`, `ForeignDatabaseError` or `CorruptDatabaseError`; never
    writes to the file.
    """
    size = file_size(path)
    if size is None or size == 0:
        return None
    if not os.access(path, os.R_OK):
        raise StorageError(f"Trellis may not read {path} (permission denied).")
    try:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise NotADatabaseError(path)
    except OSError as error:
        raise storage_error_from(error, path) or error from error
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if not names:
                return None
            if "alembic_version" not in names:
                raise ForeignDatabaseError(path)
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise CorruptDatabaseError(path, str(error)) from error
    return row[0] if row else ""


def file_size(path: Path) -> int | None:
    """The size of the database file, None when there is none yet.

    Raises `UnreachableError` when a folder on the way may not be searched (a `stat` that
    `Path.exists` would let escape as a PermissionError) and `StorageError` for a folder.
    """
    import stat

    try:
        status = path.stat()
    except (FileNotFoundError, NotADirectoryError):  # creating it will say why it cannot
        return None
    except PermissionError:
        raise UnreachableError(_first_unsearchable(path)) from None
    if stat.S_ISDIR(status.st_mode):
        raise StorageError(f"{path} is a folder, not a database file; give a file name with --db.")
    return status.st_size


def _first_unsearchable(path: Path) -> Path:
    """The folder on the way to `path` that may not be entered (for the message)."""
    for folder in reversed(path.parents):
        if folder.exists() and not os.access(folder, os.X_OK):
            return folder
    return path


class Database:
    """An open Trellis database; create with `open_database`.

    `path` is the user's database (its name, attachments and backups go by it); `file` is
    the file actually read, which differs only for an older database opened read-only:
    then it is an upgraded copy in a private temporary folder, deleted on `close`.
    """

    def __init__(
        self,
        path: Path,
        read_only: bool,
        lock: InstanceLock | None,
        *,
        upgraded_copy: Path | None = None,
    ) -> None:
        self.path = path
        self.file = upgraded_copy or path
        self.upgraded_copy = upgraded_copy is not None
        self.read_only = read_only
        self._lock = lock
        self._fast: sqlite3.Connection | None = None
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        # How long a write waits for another program's lock before DatabaseBusyError; set
        # it before the first read or write (each connection takes it when it is made).
        self.busy_timeout_ms = BUSY_TIMEOUT_MS
        # Trouble that did not stop the opening (a daily backup that failed), for the user.
        self.warnings: list[str] = []

    def fast_connection(self) -> sqlite3.Connection:
        """A plain sqlite3 connection for quick reads on the thread that opened it."""
        if self._fast is None:
            uri = read_only_uri(self.file) if self.read_only else sqlite_uri(self.file)
            self._fast = sqlite3.connect(uri, uri=True, isolation_level=None)
            apply_pragmas(self._fast, self.read_only, self.busy_timeout_ms)
        return self._fast

    def new_reader(self) -> sqlite3.Connection:
        """A fresh read-only sqlite3 connection, for a worker thread to own and close."""
        conn = sqlite3.connect(read_only_uri(self.file), uri=True, check_same_thread=False)
        apply_pragmas(conn, read_only=True, busy_timeout_ms=self.busy_timeout_ms)
        return conn

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = create_engine(self.file, self.read_only, self.busy_timeout_ms)
        return self._engine

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        from sqlalchemy.exc import DBAPIError

        try:
            with self._sessions.begin() as session:
                yield session
        except (sqlite3.Error, DBAPIError) as error:
            translated = storage_error_from(error, self.path)
            if translated is None:
                raise
            raise translated from error

    @contextmanager
    def raw_transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction on a plain sqlite3 connection of its own, for bulk work that
        needs no ORM (`trellis import`): SQLAlchemy is never imported (≈ 0.3 s of CPU, a
        tenth of importing 20,000 cards). The same door as `transaction`: the same
        pragmas, committed when the block ends, rolled back if it raises, and sqlite3's
        known conditions leave as `StorageError`s."""
        uri = read_only_uri(self.file) if self.read_only else sqlite_uri(self.file)
        with translated_errors(self.path):
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        try:
            with translated_errors(self.path):
                apply_pragmas(conn, self.read_only, self.busy_timeout_ms)
                conn.execute("BEGIN")
                try:
                    yield conn
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
        finally:
            conn.close()

    def close(self) -> None:
        if self._fast is not None:
            self._fast.close()
            self._fast = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self.upgraded_copy:
            import shutil

            shutil.rmtree(self.file.parent, ignore_errors=True)

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def warm_up_orm() -> None:
    """Import SQLAlchemy's ORM now (on a background thread after the first paint), so the
    first edit does not pay for it."""
    import sqlalchemy.orm  # noqa: F401 - imported for its side effect of caching


def create_engine(
    path: Path, read_only: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> Engine:
    """A SQLAlchemy engine with real transactions (BEGIN emitted by us, not pysqlite)."""
    from sqlalchemy import create_engine as sa_create_engine
    from sqlalchemy import event
    from sqlalchemy.pool import QueuePool

    uri = read_only_uri(path) if read_only else sqlite_uri(path)

    def connect_uri() -> sqlite3.Connection:
        # Connecting ourselves: a URL would be parsed again, and a `?` or `#` in a
        # folder's name would cut the path short.
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    engine = sa_create_engine("sqlite://", creator=connect_uri, poolclass=QueuePool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        apply_pragmas(dbapi_connection, read_only, busy_timeout_ms)

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN")

    return engine


def open_database(
    path: Path,
    *,
    read_only: bool = False,
    exclusive: bool = True,
    backups: bool = True,
    read_only_if_unwritable: bool = False,
) -> Database:
    """Check, lock, back up and migrate `path`, creating it if missing.

    `exclusive` takes the one-writer lock (the GUI and writing commands do); `backups`
    allows the daily backup (one that fails is a warning in `Database.warnings`, not a
    refusal). A migration is always preceded by a verified backup. With
    `read_only_if_unwritable`, an existing database on a read-only location (a CD, a
    write-protected share or folder) is opened read-only instead of refused.

    Opened read-only, nothing is ever written: a missing or empty file is an error
    (`EmptyDatabaseError`). A file up to `QUICK_CHECK_MAX_BYTES` is checked with
    `PRAGMA quick_check` first (`CorruptDatabaseError`); known conditions of SQLite and
    the system (disk full, permission denied…) arrive as `StorageError` subclasses.
    """
    path = path.expanduser().resolve()
    size = file_size(path)
    if read_only_if_unwritable and size is not None and not location_is_writable(path):
        read_only = True
    if read_only:
        return _open_read_only(path, size)
    _ensure_writable_folder(path.parent)
    revision = read_revision(path)
    if revision and revision not in KNOWN_REVISIONS:
        raise NewerSchemaError(path, revision)
    lock = InstanceLock(path) if exclusive else None
    if lock is not None:
        lock.acquire()
    created = False
    warnings: list[str] = []
    try:
        with translated_errors(path):
            if revision is not None:
                _check_if_cheap(path, size or 0)
            if revision != HEAD_REVISION:
                if revision is not None:
                    backup.make_backup(path, "before-upgrade")
                created = _create_private(path)
                _migrate(path)
            elif backups:
                warnings += _daily_backup(path)
    except BaseException:
        if created:
            _remove_database_files(path)
        if lock is not None:
            lock.release()
        raise
    db = Database(path, False, lock)
    db.warnings += warnings
    return db


def _open_read_only(path: Path, size: int | None) -> Database:
    if size is None:
        raise StorageError(f"{path} does not exist.")
    revision = read_revision(path)
    if revision is None:
        raise EmptyDatabaseError(path)
    if revision and revision not in KNOWN_REVISIONS:
        raise NewerSchemaError(path, revision)
    with translated_errors(path):
        _check_if_cheap(path, size)
    if revision != HEAD_REVISION:
        return Database(path, True, None, upgraded_copy=_upgraded_copy(path))
    return Database(path, True, None)


def check_whole(path: Path) -> None:
    """`PRAGMA quick_check` whatever the file's size, for readers that promise all of it
    (the exports): rows on a damaged page must never be left out in silence."""
    with translated_errors(path):
        problem = quick_check(path)
    if problem is not None:
        raise CorruptDatabaseError(path, problem)


def _check_if_cheap(path: Path, size: int) -> None:
    """`PRAGMA quick_check` when the file is small enough for it to pass unnoticed."""
    if size <= QUICK_CHECK_MAX_BYTES:
        problem = quick_check(path)
        if problem is not None:
            raise CorruptDatabaseError(path, problem)


def _daily_backup(path: Path) -> list[str]:
    """The daily backup; a failure is a warning (the work goes on), except damage."""
    try:
        backup.backup_if_due(path)
    except CorruptDatabaseError:
        raise
    except (StorageError, OSError, sqlite3.Error) as error:
        translated = storage_error_from(error, backup.backup_dir_for(path))
        if translated is None:
            raise
        return [f"the daily backup failed: {translated}"]
    return []


def _create_private(path: Path) -> bool:
    """Create a missing database file readable by its owner only; True when created."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return False
    return True


def _remove_database_files(path: Path) -> None:
    """Remove a database this opening created and could not finish (a full disk)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _upgraded_copy(path: Path) -> Path:
    """An older database that must not be written, upgraded in a private copy: it reads
    like a current one, and the file itself upgrades the next time it is opened to write."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="trellis-upgraded-"))  # 0700
    copy = folder / path.name
    try:
        backup.copy_database(read_only_uri(path), copy)
        _migrate(copy)
    except (sqlite3.Error, OSError) as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise StorageError(
            f"{path} is from an older Trellis and could not be upgraded for reading: {error}"
        ) from error
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return copy


def _migrate(path: Path) -> None:
    from desktop_app.storage.migrate import upgrade_to_head

    engine = create_engine(path)
    try:
        upgrade_to_head(engine)
    finally:
        engine.dispose()
    os.chmod(path, 0o600)


def _ensure_writable_folder(folder: Path) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise UnwritableLocationError(folder, error.strerror or str(error)) from error
    if not os.access(folder, os.W_OK):
        raise UnwritableLocationError(folder, "permission denied")
