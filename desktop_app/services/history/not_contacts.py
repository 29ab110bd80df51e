"""People I talked to who are not contacts, after the import: what history imports kept of
them (storage/not_contacts.py), less whoever has become a contact since, ranked by how often
and how recently; and adding some of them, in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from desktop_app.domain.values import ChangeSet
from desktop_app.services.history.report import UnmatchedPerson
from desktop_app.services.importing.normalize import profile_key
from desktop_app.storage import not_contacts
from desktop_app.storage.database import Database


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _name_key(name: str) -> str:
    return " ".join(name.lower().split())


def people_not_in_contacts(db: Database) -> list[UnmatchedPerson]:
    """Most talked to first; someone who is a contact now (by the e-mail, else the LinkedIn
    profile, else the name they were known by) is left out: added or imported meanwhile."""
    with db.transaction() as session:
        entries = not_contacts.remembered(session)
        people = [
            UnmatchedPerson(
                str(e.get("name") or ""),
                str(e.get("email") or ""),
                str(e.get("profile_url") or ""),
                int(e.get("count") or 0),
                _day(e.get("first")),
                _day(e.get("last")),
            )
            for e in entries
        ]
        emails = [p.email.casefold() for p in people if p.email]
        names = [_name_key(p.name) for p in people if p.name and not (p.email or p.profile_url)]
        known_emails, known_names, urls = not_contacts.contact_keys_among(session, emails, names)
    known_profiles = {profile_key(url) for url in urls} - {""}

    def is_contact(p: UnmatchedPerson) -> bool:  # by what the import knew them by
        if p.email:
            return p.email.casefold() in known_emails
        if p.profile_url:
            return profile_key(p.profile_url) in known_profiles
        return _name_key(p.name) in known_names

    return [p for p in people if not is_contact(p)]


def add_people(db: Database, people: Sequence[UnmatchedPerson]) -> tuple[list[int], ChangeSet]:
    """Add them as contacts (name, address, profile), one transaction; the undo deletes
    them (`ContactsService.delete`)."""
    from desktop_app.storage import people_repository

    with db.transaction() as session:
        ids = [people_repository.create_person(session, p.as_new_person()) for p in people]
    return ids, ChangeSet(people_added=frozenset(ids))
