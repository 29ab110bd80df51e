"""Bring a database to the current schema with Alembic (imported only when needed)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from sqlalchemy import Connection, Engine

from desktop_app.storage.errors import StorageError


def alembic_config():  # type: ignore[no-untyped-def]
    """An Alembic `Config` pointing at the migrations shipped inside the package."""
    from alembic.config import Config

    config = Config()
    location = resources.files("desktop_app.storage") / "migrations"
    config.set_main_option("script_location", str(location))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


class MigrationError(StorageError):
    """The upgrade left rows pointing at rows that do not exist; nothing was committed."""


def upgrade_to_head(engine: Engine) -> None:
    """Run every pending migration in one transaction, with foreign keys off.

    Batch mode rebuilds a table by copying it and dropping the original; with foreign keys
    on, that DROP would cascade into the child tables (dropping `mock_interviews` empties
    `mock_answers`). So, as SQLite's ALTER TABLE procedure says, foreign keys are turned
    off outside the transaction (the pragma is a no-op inside one) and checked before commit.
    """
    from alembic import command

    config = alembic_config()
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                before = _broken_references(connection)
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = _broken_references(connection) - before
                if broken:  # rolls back: the file stays as it was (and was backed up)
                    raise MigrationError(
                        f"Upgrading the database would break {broken} links between its "
                        "rows, so it was left as it was. Please report this."
                    )
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def _broken_references(connection: Connection) -> int:
    """How many rows point at a missing row (ones broken before the upgrade are not ours)."""
    return len(connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall())


def database_path(engine: Engine) -> Path:
    assert engine.url.database is not None
    return Path(engine.url.database)


def schema_differences(connection: Connection) -> list[object]:
    """What Alembic's autogenerate finds between the database and the ORM's tables: empty
    when the migrations build the schema the code declares. The name-order index is left
    out, since Alembic cannot see its collation (its test reads `PRAGMA index_xinfo`)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from desktop_app.storage.tables import NAME_ORDER_INDEX, Base

    def compared(_item: object, name: str | None, kind: str, *_rest: object) -> bool:
        return not (kind == "index" and name == NAME_ORDER_INDEX)

    context = MigrationContext.configure(connection, opts={"include_object": compared})
    return list(compare_metadata(context, Base.metadata))
