"""Integrity and consistency checks, each a query that finds what is wrong."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop_app.storage.uri import sqlite_uri

# (name, SQL counting offending rows, message)
CONSISTENCY_CHECKS: tuple[tuple[str, str, str], ...] = (
    (
        "owner",
        "SELECT MAX(COUNT(*) - 1, 0) FROM people WHERE is_me = 1",
        "more than one person is marked as me",
    ),
    ("names", "SELECT COUNT(*) FROM people WHERE TRIM(full_name) = ''", "people without a name"),
    (
        "self-ties",
        "SELECT COUNT(*) FROM relationships WHERE a_id = b_id",
        "relationships of a person with themselves",
    ),
    (
        "strength",
        "SELECT COUNT(*) FROM relationships WHERE strength NOT BETWEEN 1 AND 5",
        "relationship strengths outside 1-5",
    ),
    (
        "circles",
        "SELECT COUNT(*) FROM people WHERE circle IS NOT NULL AND circle NOT IN"
        " ('inner', 'close', 'familiar', 'acquaintance')",
        "people in an unknown circle",
    ),
    (
        "directions",
        "SELECT COUNT(*) FROM interactions WHERE direction NOT IN ('gave', 'asked', 'mutual')",
        "interactions with an unknown direction",
    ),
    (
        "jobs",
        'SELECT COUNT(*) FROM employment WHERE "end" IS NOT NULL AND start IS NOT NULL'
        ' AND "end" < start',
        "jobs that end before they start",
    ),
    (
        "versions",
        "SELECT COUNT(*) FROM document_versions WHERE (body IS NULL) = (file_path IS NULL)",
        "document versions with neither text nor a file (or both)",
    ),
    (
        "verdicts",
        "SELECT COUNT(*) FROM criterion_feedback"
        " WHERE verdict NOT IN ('met', 'partly', 'not_met', 'not_reviewed')",
        "feedback verdicts of an unknown kind",
    ),
)


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """SQLite's own structural check; an empty list means the file is sound."""
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else rows


def foreign_key_problems(conn: sqlite3.Connection) -> list[str]:
    return [
        f"{table} row {rowid} points at a missing {parent}"
        for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check")
    ]


def attached_files(conn: sqlite3.Connection) -> list[tuple[int, int, str, str]]:
    """(document id, version number, stored path, original name) of every attached file."""
    return list(
        conn.execute(
            "SELECT document_id, number, file_path, COALESCE(file_name, '')"
            " FROM document_versions WHERE file_path IS NOT NULL ORDER BY document_id, number"
        )
    )


def consistency_problems(conn: sqlite3.Connection) -> list[str]:
    problems = []
    for _name, sql, message in CONSISTENCY_CHECKS:
        count = conn.execute(sql).fetchone()[0] or 0
        if count:
            problems.append(f"{count} {message}")
    return problems


def schema_revision(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def attachment_names_in(path: Path) -> set[str]:
    """The attachment files another database file refers to (a backup): read-only, and an
    empty set when it has no documents table."""
    conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "document_versions" not in tables:
            return set()
        return {stored for _doc, _number, stored, _name in attached_files(conn)}
    finally:
        conn.close()


def attachment_names_in_backups(path: Path) -> set[str] | None:
    """The attachment files any backup of the database at `path` refers to, or None when
    a backup cannot be read (then nothing may be taken for unused)."""
    from desktop_app.storage.backup import list_backups

    names: set[str] = set()
    try:
        for copy in list_backups(path):
            names |= attachment_names_in(copy)
    except sqlite3.Error:
        return None
    return names


def tables_missing(path: Path) -> list[str]:
    """The tables of the ORM schema that the database at `path` lacks, in name order."""
    from desktop_app.storage.tables import Base

    conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    return sorted(set(Base.metadata.tables) - tables)
