"""`trellis check`: is this database sound?"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.paths import attachment_file, attachments_dir
from desktop_app.storage import integrity_queries
from desktop_app.storage.contact_summaries import count_people
from desktop_app.storage.database import Database
from desktop_app.storage.errors import StorageError, translated_errors
from desktop_app.storage.handles import Connection
from desktop_app.storage.schema_version import HEAD_REVISION


@dataclass(frozen=True)
class CheckReport:
    problems: list[str] = field(default_factory=list)
    people: int = 0

    @property
    def sound(self) -> bool:
        return not self.problems


def check_database(db: Database) -> CheckReport:
    try:
        with translated_errors(db.path):
            return _check(db, db.fast_connection())
    except StorageError as error:  # damaged, unreadable: the check's own finding
        return CheckReport([f"the database cannot be read: {error}"])


def _check(db: Database, conn: Connection) -> CheckReport:
    problems = integrity_queries.integrity_problems(conn)
    if not problems:
        problems += integrity_queries.foreign_key_problems(conn)
        problems += integrity_queries.consistency_problems(conn)
        problems += _missing_attachments(db, conn)
    revision = integrity_queries.schema_revision(conn)
    if revision != HEAD_REVISION:
        problems.append(f"schema revision {revision or 'none'} is not {HEAD_REVISION}")
    return CheckReport(problems, count_people(conn))


def _missing_attachments(db: Database, conn: Connection) -> list[str]:
    """Attached document versions whose copy is gone from the attachments folder, or whose
    stored name leads outside it (`../../etc/passwd`, an absolute path, a link out)."""
    folder = attachments_dir(db.path)
    problems = []
    for document_id, number, stored, name in integrity_queries.attached_files(conn):
        where = f"document {document_id} version {number}"
        copy = attachment_file(folder, stored)
        if copy is None:
            problems.append(
                f"{where}: the stored name of “{name}”, “{stored}”, leads outside {folder}"
            )
        elif not copy.is_file():
            problems.append(f"{where}: the copy of “{name}” is missing from {folder}")
    return problems
