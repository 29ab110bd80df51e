"""`trellis check`: is this database sound?"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from desktop_app.paths import attachment_file, attachments_dir
from desktop_app.storage import integrity_queries
from desktop_app.storage.contact_summaries import count_people
from desktop_app.storage.database import Database
from desktop_app.storage.schema_version import HEAD_REVISION


@dataclass(frozen=True)
class CheckReport:
    problems: list[str] = field(default_factory=list)
    people: int = 0

    @property
    def sound(self) -> bool:
        return not self.problems


def check_database(db: Database) -> CheckReport:
    conn = db.fast_connection()
    try:
        problems = integrity_queries.integrity_problems(conn)
        if not problems:
            problems += integrity_queries.foreign_key_problems(conn)
            problems += integrity_queries.consistency_problems(conn)
            problems += _missing_attachments(db, conn)
        revision = integrity_queries.schema_revision(conn)
        if revision != HEAD_REVISION:
            problems.append(f"schema revision {revision or 'none'} is not {HEAD_REVISION}")
        people = count_people(conn)
    except sqlite3.DatabaseError as error:
        return CheckReport([f"the database cannot be read: {error}"])
    return CheckReport(problems, people)


def _missing_attachments(db: Database, conn: sqlite3.Connection) -> list[str]:
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
