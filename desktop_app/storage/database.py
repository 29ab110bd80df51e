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
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    StorageError,
    UnwritableLocationError,
)
from desktop_app.storage.instance_lock import InstanceLock
from desktop_app.storage.schema_version import HEAD_REVISION, KNOWN_REVISIONS

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def apply_pragmas(connection: sqlite3.Connection, read_only: bool = False) -> None:
    """Foreign keys on, WAL, and a patient busy timeout; on every new connection."""
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not read_only:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")


def read_only_uri(path: Path) -> str:
    """An sqlite3 URI that reads `path` without writing anything anywhere.

    A WAL database needs its `-shm` file even to be read; on read-only media (a folder
    nobody may write to) SQLite cannot create it and fails with "unable to open database
    file". There the file cannot change under us, so `immutable=1` reads it without one —
    unless a write-ahead log was left beside it, whose commits must be read through it.
    """
    uri = f"file:{path}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    if not os.access(path.parent, os.W_OK) and not (wal.exists() and wal.stat().st_size):
        uri += "&immutable=1"
    return uri


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
    if path.is_dir():
        raise StorageError(f"{path} is a folder, not a database file; give a file name with --db.")
    if not path.exists() or path.stat().st_size == 0:
        return None
    if not os.access(path, os.R_OK):
        raise StorageError(f"Trellis may not read {path} (permission denied).")
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise NotADatabaseError(path)
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

    def fast_connection(self) -> sqlite3.Connection:
        """A plain sqlite3 connection for quick reads on the thread that opened it."""
        if self._fast is None:
            uri = read_only_uri(self.file) if self.read_only else f"file:{self.file}"
            self._fast = sqlite3.connect(uri, uri=True, isolation_level=None)
            apply_pragmas(self._fast, self.read_only)
        return self._fast

    def new_reader(self) -> sqlite3.Connection:
        """A fresh read-only sqlite3 connection, for a worker thread to own and close."""
        conn = sqlite3.connect(read_only_uri(self.file), uri=True, check_same_thread=False)
        apply_pragmas(conn, read_only=True)
        return conn

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = create_engine(self.file, self.read_only)
        return self._engine

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        with self._sessions.begin() as session:
            yield session

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


def create_engine(path: Path, read_only: bool = False) -> Engine:
    """A SQLAlchemy engine with real transactions (BEGIN emitted by us, not pysqlite)."""
    from sqlalchemy import create_engine as sa_create_engine
    from sqlalchemy import event

    url = f"sqlite:///{read_only_uri(path)}&uri=true" if read_only else f"sqlite:///{path}"
    engine = sa_create_engine(url)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        apply_pragmas(dbapi_connection, read_only)

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
    allows the daily backup. A migration is always preceded by a backup. With
    `read_only_if_unwritable`, an existing database on a read-only location (a CD, a
    write-protected share or folder) is opened read-only instead of refused.
    """
    path = path.expanduser().resolve()
    if read_only_if_unwritable and path.exists() and not location_is_writable(path):
        read_only = True
    if not read_only:
        _ensure_writable_folder(path.parent)
    revision = read_revision(path)
    if revision and revision not in KNOWN_REVISIONS:
        raise NewerSchemaError(path, revision)
    if read_only:
        if revision is not None and revision != HEAD_REVISION:
            return Database(path, True, None, upgraded_copy=_upgraded_copy(path))
        return Database(path, True, None)
    lock = InstanceLock(path) if exclusive else None
    if lock is not None:
        lock.acquire()
    try:
        if revision != HEAD_REVISION:
            if revision is not None:
                backup.make_backup(path, "before-upgrade")
            _migrate(path)
        elif backups:
            backup.backup_if_due(path)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return Database(path, False, lock)


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
