"""Database problems, each carrying a message a user can act on."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """A problem with the database file; `str(error)` is meant for the user."""


class NotADatabaseError(StorageError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is not a Trellis database (it is not an SQLite file). "
            "It was left untouched; choose another file with --db."
        )


class CorruptDatabaseError(StorageError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"{path} is damaged and cannot be read ({detail}). It was left untouched; "
            "restore it from a backup in the backups folder next to it."
        )


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


class PersonNotFoundError(LookupError):
    def __init__(self, person_id: int) -> None:
        super().__init__(f"There is no contact with id {person_id} (it may have been deleted).")
