"""The keys of everyone already stored, read once per import for duplicate matching."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, select

from desktop_app.storage import tables as t


@dataclass(frozen=True, slots=True)
class KnownPerson:
    """What duplicate matching needs of a stored person: normalised keys, no ORM."""

    id: int
    full_name: str
    vcard_uid: str
    organizations: tuple[str, ...]
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    profile_urls: tuple[str, ...] = ()


def known_people(connection: Connection) -> Iterator[KnownPerson]:
    """Every stored person (but me) with their matching keys (LinkedIn profile URLs raw)."""
    emails: defaultdict[int, list[str]] = defaultdict(list)
    for pid, key in connection.execute(select(t.Email.person_id, t.Email.normalized)):
        emails[pid].append(key)
    phones: defaultdict[int, list[str]] = defaultdict(list)
    for pid, key in connection.execute(select(t.Phone.person_id, t.Phone.normalized)):
        if key:
            phones[pid].append(key)
    profiles: defaultdict[int, list[str]] = defaultdict(list)
    query = select(t.Url.person_id, t.Url.value).where(t.Url.value.contains("linkedin.com/in/"))
    for pid, url in connection.execute(query):
        profiles[pid].append(url)
    orgs: defaultdict[int, list[str]] = defaultdict(list)
    query = (
        select(t.Employment.person_id, t.Organization.normalized_name)
        .join(t.Organization, t.Organization.id == t.Employment.organization_id)
        .where(t.Employment.current.is_(True))
    )
    for pid, key in connection.execute(query):
        orgs[pid].append(key)
    query = select(t.Person.id, t.Person.full_name, t.Person.vcard_uid).where(
        t.Person.is_me.is_(False)
    )
    for pid, name, uid in connection.execute(query):
        yield KnownPerson(
            pid,
            name,
            uid or "",
            tuple(orgs.get(pid, ())),
            tuple(emails.get(pid, ())),
            tuple(phones.get(pid, ())),
            tuple(profiles.get(pid, ())),
        )
