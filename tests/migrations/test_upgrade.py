"""Frozen databases of every released schema revision upgrade to head with every row kept.

Each revision leaves a frozen file behind (`python -m tests.migrations.make_fixture`, run
before the next revision is added); this test picks up every file in `fixtures/`.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from desktop_app.storage import backup
from desktop_app.storage.database import open_database, read_revision
from desktop_app.storage.errors import NewerSchemaError
from desktop_app.storage.schema_version import HEAD_REVISION, KNOWN_REVISIONS
from desktop_app.storage.uri import sqlite_uri

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FROZEN = sorted(FIXTURES.glob("*.db"))


def snapshot(path: Path) -> dict[str, tuple[list[str], Counter[tuple[object, ...]]]]:
    """Every table's columns and rows (as a multiset), alembic's bookkeeping aside."""
    conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'"
            )
        ]
        result = {}
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            rows = Counter(conn.execute(f'SELECT * FROM "{table}"').fetchall())
            result[table] = (columns, rows)
        return result
    finally:
        conn.close()


def test_every_known_revision_has_a_frozen_database() -> None:
    assert {p.stem for p in FROZEN} == set(KNOWN_REVISIONS), (
        "run `PYTHONPATH=. python -m tests.migrations.make_fixture` before adding a revision"
    )


@pytest.mark.parametrize("frozen", FROZEN, ids=[p.stem for p in FROZEN])
def test_frozen_database_upgrades_to_head_keeping_every_row(frozen: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "old.db"
    shutil.copyfile(frozen, db_path)
    before = snapshot(db_path)
    assert all(rows for _columns, rows in before.values()), "every table holds rows"

    with open_database(db_path) as db:
        conn = db.fast_connection()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        for table, (columns, rows) in before.items():
            quoted = ", ".join(f'"{c}"' for c in columns)
            after = Counter(conn.execute(f'SELECT {quoted} FROM "{table}"').fetchall())
            assert after == rows, f"rows of {table} changed in the upgrade from {frozen.stem}"
    assert read_revision(db_path) == HEAD_REVISION
    if frozen.stem != HEAD_REVISION:  # an upgrade is always preceded by a backup
        assert any(p.name.endswith("before-upgrade.db") for p in backup.list_backups(db_path))


def test_a_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    db_path = tmp_path / "future.db"
    shutil.copyfile(FROZEN[-1], db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    digest = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with pytest.raises(NewerSchemaError, match="newer version of Trellis"):
        open_database(db_path)
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == digest
    assert not backup.list_backups(db_path)


def test_mock_interviews_of_0001_keep_no_interaction_and_gain_the_link(tmp_path: Path) -> None:
    """0002 adds `mock_interviews.interaction_id`: old interviews stay unlinked (no past
    interaction is invented), the link is a real foreign key, and the upgraded schema is
    the one a new database gets."""
    from desktop_app.storage.migrate import schema_differences

    db_path = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / "0001_initial.db", db_path)
    columns, interactions_before = snapshot(db_path)["interactions"]

    with open_database(db_path) as db:
        conn = db.fast_connection()
        counts = conn.execute("SELECT COUNT(*), COUNT(interaction_id) FROM mock_interviews")
        assert counts.fetchone() == (5, 0)
        links = [
            (row[2], row[3], row[4], row[6])
            for row in conn.execute("PRAGMA foreign_key_list(mock_interviews)")
        ]
        assert ("interactions", "interaction_id", "id", "SET NULL") in links
        assert ("people", "interviewer_id", "id", "SET NULL") in links
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with db.engine.connect() as connection:
            assert schema_differences(connection) == []
        quoted = ", ".join(f'"{c}"' for c in columns)  # later revisions add columns (0004)
        after = Counter(conn.execute(f"SELECT {quoted} FROM interactions").fetchall())
    assert after == interactions_before


@pytest.mark.parametrize(
    "frozen",
    [p for p in FROZEN if p.stem != HEAD_REVISION],
    ids=[p.stem for p in FROZEN if p.stem != HEAD_REVISION],
)
def test_an_older_database_opened_read_only_is_read_through_an_upgraded_copy(
    frozen: Path, tmp_path: Path
) -> None:
    db_path = tmp_path / "old.db"
    shutil.copyfile(frozen, db_path)
    digest = hashlib.sha256(db_path.read_bytes()).hexdigest()
    people = snapshot(db_path)["people"][1].total()
    db = open_database(db_path, read_only=True)
    try:
        assert db.read_only and db.path == db_path.resolve() and db.file != db.path
        conn = db.fast_connection()
        assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == people
        assert read_revision(db.file) == HEAD_REVISION
        copy_folder = db.file.parent
    finally:
        db.close()
    assert not copy_folder.exists()  # the copy goes with the database
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == digest  # never written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.db"]  # nothing beside it


def test_0003_interactions_belong_to_no_event_and_heard_no_version(tmp_path: Path) -> None:
    """0004 adds groups, events, the interview pipeline and heard versions: nothing past is
    invented, `interactions.event_id` is a real foreign key, and the schema is a new one's."""
    from desktop_app.storage.migrate import schema_differences

    db_path = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / "0003_interaction_sources.db", db_path)
    with open_database(db_path) as db:
        conn = db.fast_connection()
        assert conn.execute("SELECT COUNT(event_id) FROM interactions").fetchone()[0] == 0
        for table in ("groups", "events", "informational_interviews"):
            assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM interaction_document_versions").fetchone() == (0,)
        links = [
            (row[2], row[3], row[4], row[6])
            for row in conn.execute("PRAGMA foreign_key_list(interactions)")
        ]
        assert ("events", "event_id", "id", "SET NULL") in links
        with db.engine.connect() as connection:
            assert schema_differences(connection) == []
