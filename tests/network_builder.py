"""A network written row by row through the ORM, for the map's tests."""

from __future__ import annotations

from datetime import date

from desktop_app.storage.database import Database
from desktop_app.storage.tables import (
    Employment,
    Goal,
    Interaction,
    Organization,
    Person,
    Photo,
    Relationship,
    Tag,
)


class NetworkBuilder:
    """Writes people, organisations, jobs, ties and interactions, returning their ids."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def person(
        self,
        name: str,
        *,
        circle: str | None = None,
        me: bool = False,
        tags: tuple[str, ...] = (),
        photo: bool = False,
    ) -> int:
        with self.db.transaction() as session:
            person = Person(full_name=name, circle=circle, is_me=me)
            for tag_name in tags:
                tag = session.query(Tag).filter_by(name=tag_name).one_or_none()
                person.tags.append(tag or Tag(name=tag_name))
            if photo:
                person.photo = Photo(data=b"\xff\xd8fake", mime="image/jpeg")
            session.add(person)
            session.flush()
            return person.id

    def organization(self, name: str) -> int:
        with self.db.transaction() as session:
            org = Organization(name=name, normalized_name=name.casefold())
            session.add(org)
            session.flush()
            return org.id

    def job(self, person_id: int, organization_id: int, *, current: bool = True) -> None:
        with self.db.transaction() as session:
            session.add(
                Employment(person_id=person_id, organization_id=organization_id, current=current)
            )

    def tie(self, a: int, b: int, strength: int = 3, kind: str = "friend") -> None:
        with self.db.transaction() as session:
            session.add(Relationship(a_id=a, b_id=b, strength=strength, kind=kind))

    def interaction(self, on: date, *people: int, kind: str = "coffee") -> None:
        with self.db.transaction() as session:
            participants = [session.get(Person, pid) for pid in people]
            session.add(Interaction(occurred_on=on, kind=kind, participants=participants))

    def goal(self, title: str, people: tuple[int, ...] = (), orgs: tuple[int, ...] = ()) -> int:
        with self.db.transaction() as session:
            goal = Goal(title=title, created_on=date(2026, 1, 1))
            goal.people = [session.get(Person, pid) for pid in people]  # type: ignore[misc]
            goal.organizations = [session.get(Organization, oid) for oid in orgs]  # type: ignore[misc]
            session.add(goal)
            session.flush()
            return goal.id

    def raw(self, sql: str, *params: object) -> None:
        """Write around the schema's checks, as an old or damaged file might hold."""
        conn = self.db.fast_connection()
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA ignore_check_constraints = ON")
        try:
            conn.execute(sql, params)
        finally:
            conn.execute("PRAGMA ignore_check_constraints = OFF")
            conn.execute("PRAGMA foreign_keys = ON")
