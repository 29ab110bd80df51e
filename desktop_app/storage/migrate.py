"""Bring a database to the current schema with Alembic (imported only when needed)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from sqlalchemy import Engine


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


def upgrade_to_head(engine: Engine) -> None:
    """Run every pending migration in one transaction."""
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def database_path(engine: Engine) -> Path:
    assert engine.url.database is not None
    return Path(engine.url.database)
