"""Quick ways to fill the migrated test database (`db`, from tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from desktop_app.domain.enums import Circle
from desktop_app.storage import tables as t
from desktop_app.storage.database import Database
from tests.network_builder import NetworkBuilder

AddPerson = Callable[..., int]


@pytest.fixture
def add_person(db: Database) -> AddPerson:
    """Insert a person added on a known day; returns their id."""

    def add(
        name: str,
        circle: Circle | None = None,
        *,
        added: date = date(2026, 1, 1),
        cadence: int | None = None,
        tags: tuple[str, ...] = (),
        is_me: bool = False,
    ) -> int:
        with db.transaction() as session:
            person = t.Person(
                full_name=name,
                circle=circle.value if circle else None,
                cadence_days=cadence,
                is_me=is_me,
                created_at=datetime.combine(added, datetime.min.time()),
            )
            for tag in tags:
                existing = session.query(t.Tag).filter_by(name=tag).one_or_none()
                person.tags.append(existing or t.Tag(name=tag))
            session.add(person)
            session.flush()
            return person.id

    return add


@pytest.fixture
def network(db: Database) -> NetworkBuilder:
    """Writes people, organisations, jobs and ties for the map's services."""
    return NetworkBuilder(db)
