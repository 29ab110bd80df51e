"""The reads and writes behind the network map: raw rows, positions, last contacts.

Rows come back as plain tuples; `services.network_graph` turns them into the map's values
and is the one place that decides what a dangling or odd row means.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from desktop_app.storage.tables import (
    Employment,
    Interaction,
    MapPosition,
    Organization,
    Person,
    Photo,
    Relationship,
    Tag,
    goal_organizations,
    goal_people,
    interaction_participants,
    person_tags,
)


@dataclass(frozen=True, slots=True)
class PersonRow:
    id: int
    name: str
    circle: str | None
    is_me: bool
    has_photo: bool


@dataclass(frozen=True, slots=True)
class EmploymentRow:
    person_id: int
    organization_id: int
    current: bool
    start: date | None


@dataclass(frozen=True, slots=True)
class RelationshipRow:
    a_id: int
    b_id: int
    kind: str
    strength: int | None


@dataclass(frozen=True, slots=True)
class NetworkRows:
    """Everything the map is drawn from, read in one transaction."""

    people: tuple[PersonRow, ...]
    organizations: dict[int, str]
    tags: dict[int, tuple[str, ...]]
    employment: tuple[EmploymentRow, ...]
    relationships: tuple[RelationshipRow, ...]


def read_network_rows(session: Session) -> NetworkRows:
    """All people, organisations, tags, jobs and ties, unfiltered and unchecked."""
    name = func.coalesce(
        func.nullif(func.trim(Person.full_name), ""),
        func.trim(
            func.coalesce(Person.given_name, "") + " " + func.coalesce(Person.family_name, "")
        ),
    )
    people = tuple(
        PersonRow(pid, label or "", circle, bool(is_me), photo is not None)
        for pid, label, circle, is_me, photo in session.execute(
            select(Person.id, name, Person.circle, Person.is_me, Photo.person_id)
            .outerjoin(Photo, Photo.person_id == Person.id)
            .order_by(Person.id)
        )
    )
    organizations = {
        oid: oname or ""
        for oid, oname in session.execute(
            select(Organization.id, Organization.name).order_by(Organization.id)
        )
    }
    tag_lists: dict[int, list[str]] = {}
    for pid, tag in session.execute(
        select(person_tags.c.person_id, Tag.name)
        .join(Tag, Tag.id == person_tags.c.tag_id)
        .order_by(person_tags.c.person_id, Tag.name)
    ):
        tag_lists.setdefault(pid, []).append(tag)
    employment = tuple(
        EmploymentRow(pid, oid, bool(current), start)
        for pid, oid, current, start in session.execute(
            select(
                Employment.person_id,
                Employment.organization_id,
                Employment.current,
                Employment.start,
            ).order_by(Employment.id)
        )
    )
    relationships = tuple(
        RelationshipRow(a, b, kind or "", strength)
        for a, b, kind, strength in session.execute(
            select(
                Relationship.a_id, Relationship.b_id, Relationship.kind, Relationship.strength
            ).order_by(Relationship.id)
        )
    )
    return NetworkRows(
        people,
        organizations,
        {pid: tuple(tags) for pid, tags in tag_lists.items()},
        employment,
        relationships,
    )


def read_goal_members(session: Session, goal_id: int) -> tuple[set[int], set[int]]:
    """(people ids, organisation ids) attached to a goal; both empty for an unknown goal."""
    people = set(
        session.scalars(select(goal_people.c.person_id).where(goal_people.c.goal_id == goal_id))
    )
    organizations = set(
        session.scalars(
            select(goal_organizations.c.organization_id).where(
                goal_organizations.c.goal_id == goal_id
            )
        )
    )
    return people, organizations


def read_last_contacts(session: Session) -> dict[int, date]:
    """The date of the latest interaction with each person who had one."""
    rows = session.execute(
        select(interaction_participants.c.person_id, func.max(Interaction.occurred_on))
        .join(Interaction, Interaction.id == interaction_participants.c.interaction_id)
        .group_by(interaction_participants.c.person_id)
    )
    return {pid: last for pid, last in rows if last is not None}


@dataclass(frozen=True, slots=True)
class StoredPosition:
    x: float
    y: float
    pinned: bool


def read_positions(session: Session, layout: str) -> dict[str, StoredPosition]:
    """Saved node positions of one layout, by node key."""
    rows = session.execute(
        select(MapPosition.node, MapPosition.x, MapPosition.y, MapPosition.pinned).where(
            MapPosition.layout == layout
        )
    )
    return {node: StoredPosition(float(x), float(y), bool(pinned)) for node, x, y, pinned in rows}


def write_positions(
    session: Session,
    layout: str,
    positions: Mapping[str, tuple[float, float]],
    pinned: Iterable[str] = (),
    *,
    replace: bool = True,
) -> None:
    """Save positions of one layout; `replace` forgets nodes not in `positions`."""
    pinned_set = set(pinned)
    if replace:
        session.execute(delete(MapPosition).where(MapPosition.layout == layout))
    else:
        session.execute(
            delete(MapPosition).where(
                MapPosition.layout == layout, MapPosition.node.in_(list(positions))
            )
        )
    if positions:
        session.execute(
            insert(MapPosition),
            [
                {"node": node, "layout": layout, "x": x, "y": y, "pinned": node in pinned_set}
                for node, (x, y) in positions.items()
            ],
        )


def read_filter_choices(session: Session) -> tuple[list[str], list[tuple[int, str]]]:
    """(tag names, (organisation id, name)) in name order, for the map's filters."""
    tags = list(session.scalars(select(Tag.name).order_by(func.lower(Tag.name))))
    organizations = [
        (oid, name or "")
        for oid, name in session.execute(
            select(Organization.id, Organization.name).order_by(func.lower(Organization.name))
        )
    ]
    return tags, organizations


def tie_exists(session: Session, a_id: int, b_id: int, kind: str) -> bool:
    """Whether the two people are already tied with `kind`, in either direction."""
    pair = ((Relationship.a_id == a_id) & (Relationship.b_id == b_id)) | (
        (Relationship.a_id == b_id) & (Relationship.b_id == a_id)
    )
    found = session.scalar(select(Relationship.id).where(pair, Relationship.kind == kind).limit(1))
    return found is not None


def read_photos(session: Session, person_ids: Iterable[int]) -> dict[int, bytes]:
    """Photo bytes of the given people who have one."""
    ids = list(person_ids)
    result: dict[int, bytes] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.execute(
            select(Photo.person_id, Photo.data).where(Photo.person_id.in_(chunk))
        )
        result.update({pid: bytes(data) for pid, data in rows if data})
    return result


def read_name_counts(session: Session) -> tuple[dict[str, int], dict[str, int]]:
    """(people per tag name, people currently working per organisation name), over the
    whole network: the map ranks colours by these, so a filter never repaints a name."""
    tags = {
        name: count
        for name, count in session.execute(
            select(Tag.name, func.count(func.distinct(person_tags.c.person_id)))
            .join(person_tags, person_tags.c.tag_id == Tag.id)
            .group_by(Tag.name)
        )
        if name
    }
    organizations = {
        name: count
        for name, count in session.execute(
            select(Organization.name, func.count(func.distinct(Employment.person_id)))
            .join(Employment, Employment.organization_id == Organization.id)
            .where(Employment.current.is_(True))
            .group_by(Organization.name)
        )
        if name
    }
    return tags, organizations
