"""Reading and writing people through the ORM; everything returned is a domain value."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.contact_keys import normalize_email, normalize_org_name, normalize_phone
from desktop_app.domain.enums import Circle
from desktop_app.domain.errors import MissingError, RuleError
from desktop_app.domain.values import (
    Birthday,
    ContactPoints,
    EmploymentRecord,
    NewPerson,
    PersonFields,
)
from desktop_app.storage import tables as t
from desktop_app.storage.errors import PersonNotFoundError


def get_or_create_organization(session: Session, name: str) -> t.Organization:
    key = normalize_org_name(name)
    org = session.scalar(select(t.Organization).where(t.Organization.normalized_name == key))
    if org is None:
        org = t.Organization(name=" ".join(name.split()), normalized_name=key)
        session.add(org)
        session.flush()
    return org


def get_or_create_tags(session: Session, names: tuple[str, ...]) -> list[t.Tag]:
    wanted = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    if not wanted:
        return []
    existing = {
        tag.name: tag for tag in session.scalars(select(t.Tag).where(t.Tag.name.in_(wanted)))
    }
    for name in wanted:
        if name not in existing:
            existing[name] = t.Tag(name=name)
            session.add(existing[name])
    return [existing[name] for name in wanted]


def _apply_fields(person: t.Person, fields: PersonFields) -> None:
    person.given_name = fields.given_name
    person.family_name = fields.family_name
    person.full_name = fields.full_name or display_name(fields)
    person.note = fields.note
    person.circle = fields.circle.value if fields.circle else None
    person.how_we_met = fields.how_we_met
    person.met_on = fields.met_on
    person.cadence_days = fields.cadence_days
    birthday = fields.birthday
    person.birthday_year = birthday.year if birthday else None
    person.birthday_month = birthday.month if birthday else None
    person.birthday_day = birthday.day if birthday else None
    person.updated_at = datetime.now()


def display_name(fields: PersonFields) -> str:
    name = " ".join(p for p in (fields.given_name, fields.family_name) if p).strip()
    return fields.full_name.strip() or name


def _fields_of(person: t.Person) -> PersonFields:
    birthday = None
    if person.birthday_month and person.birthday_day:
        birthday = Birthday(person.birthday_month, person.birthday_day, person.birthday_year)
    return PersonFields(
        given_name=person.given_name,
        family_name=person.family_name,
        full_name=person.full_name,
        note=person.note,
        circle=Circle(person.circle) if person.circle else None,
        how_we_met=person.how_we_met,
        met_on=person.met_on,
        cadence_days=person.cadence_days,
        birthday=birthday,
    )


def create_person(session: Session, new: NewPerson) -> int:
    """Insert one person with their lists; returns the new id."""
    if not display_name(new.fields):
        raise RuleError("A contact needs a name.")
    person = t.Person(is_me=new.is_me, source=new.source, vcard_uid=new.vcard_uid or None)
    _apply_fields(person, new.fields)
    _apply_contact_points(person, ContactPoints(new.emails, new.phones, new.urls, new.addresses))
    person.tags = get_or_create_tags(session, new.tags)
    if new.photo:
        person.photo = t.Photo(mime=new.photo_mime or "image/jpeg", data=new.photo)
    session.add(person)
    session.flush()
    for job in new.employment:
        add_employment(session, person.id, job)
    return person.id


def _apply_contact_points(person: t.Person, points: ContactPoints) -> None:
    person.emails = [
        t.Email(value=e.value, normalized=normalize_email(e.value), label=e.label, position=i)
        for i, e in enumerate(points.emails)
    ]
    person.phones = [
        t.Phone(value=p.value, normalized=normalize_phone(p.value), label=p.label, position=i)
        for i, p in enumerate(points.phones)
    ]
    person.urls = [
        t.Url(value=u.value, label=u.label, position=i) for i, u in enumerate(points.urls)
    ]
    person.addresses = [
        t.Address(
            label=a.label,
            street=a.street,
            locality=a.locality,
            region=a.region,
            postal_code=a.postal_code,
            country=a.country,
            position=i,
        )
        for i, a in enumerate(points.addresses)
    ]


def set_past_jobs(session: Session, person_id: int, jobs: Sequence[EmploymentRecord]) -> None:
    """Replace a person's earlier (not current) jobs with `jobs`."""
    person = _load(session, person_id)
    for row in [j for j in person.employment if not j.current]:
        person.employment.remove(row)
        session.delete(row)
    session.flush()
    for job in jobs:
        add_employment(session, person_id, replace(job, current=False))
    session.expire(person, ["employment"])


def set_contact_points(session: Session, person_id: int, points: ContactPoints) -> None:
    """Replace a person's emails, phones, web addresses and postal addresses."""
    _apply_contact_points(_load(session, person_id), points)


def add_employment(session: Session, person_id: int, job: EmploymentRecord) -> int:
    org = get_or_create_organization(session, job.organization)
    row = t.Employment(
        person_id=person_id,
        organization_id=org.id,
        title=job.title,
        start=job.start,
        end=job.end,
        current=job.current,
    )
    session.add(row)
    session.flush()
    return row.id


def _load(session: Session, person_id: int) -> t.Person:
    person = session.get(
        t.Person,
        person_id,
        options=[
            selectinload(t.Person.emails),
            selectinload(t.Person.phones),
            selectinload(t.Person.urls),
            selectinload(t.Person.addresses),
            selectinload(t.Person.tags),
            selectinload(t.Person.employment).selectinload(t.Employment.organization),
        ],
    )
    if person is None:
        raise PersonNotFoundError(person_id)
    return person


def person_fields(session: Session, person_id: int) -> PersonFields:
    person = session.get(t.Person, person_id)
    if person is None:
        raise PersonNotFoundError(person_id)
    return _fields_of(person)


def update_fields(session: Session, person_id: int, fields: PersonFields) -> None:
    person = session.get(t.Person, person_id)
    if person is None:
        raise PersonNotFoundError(person_id)
    if not display_name(fields):
        raise RuleError("A contact needs a name.")
    _apply_fields(person, fields)


def set_tags(session: Session, person_id: int, tags: tuple[str, ...]) -> None:
    person = _load(session, person_id)
    person.tags = get_or_create_tags(session, tags)


def set_current_job(session: Session, person_id: int, organization: str, title: str) -> None:
    """Edit the newest current job in place, creating or ending it as needed."""
    person = _load(session, person_id)
    current = [j for j in person.employment if j.current]
    job = max(current, key=lambda j: j.id) if current else None
    if not organization.strip():
        if job is not None:
            job.current = False
            job.end = job.end or date.today()
        return
    org = get_or_create_organization(session, organization)
    if job is None:
        session.add(
            t.Employment(person_id=person_id, organization_id=org.id, title=title, current=True)
        )
    else:
        job.organization_id = org.id
        job.title = title


def me_id(session: Session) -> int | None:
    return session.scalar(select(t.Person.id).where(t.Person.is_me.is_(True)))


def count_people(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(t.Person)) or 0


def add_relationship(session: Session, a_id: int, b_id: int, kind: str, strength: int) -> int:
    if a_id == b_id:
        raise RuleError("A person cannot have a relationship with themselves.")
    if not 1 <= strength <= 5:
        raise RuleError("Strength goes from 1 (weak) to 5 (strong).")
    row = t.Relationship(a_id=a_id, b_id=b_id, kind=kind, strength=strength)
    session.add(row)
    session.flush()
    return row.id


def relationship(session: Session, relationship_id: int) -> tuple[int, int, str, int]:
    """(a_id, b_id, kind, strength) of one tie, as stored (a mentor's tie has a way round)."""
    row = session.get(t.Relationship, relationship_id)
    if row is None:
        raise MissingError(f"relationship {relationship_id} no longer exists")
    return row.a_id, row.b_id, row.kind, row.strength


def set_relationship_strength(session: Session, relationship_id: int, strength: int) -> int:
    """Change a tie's strength; returns the strength it had."""
    if not 1 <= strength <= 5:
        raise RuleError("Strength goes from 1 (weak) to 5 (strong).")
    row = session.get(t.Relationship, relationship_id)
    if row is None:
        raise MissingError(f"relationship {relationship_id} no longer exists")
    before, row.strength = row.strength, strength
    return before


def delete_relationship(session: Session, relationship_id: int) -> None:
    session.execute(delete(t.Relationship).where(t.Relationship.id == relationship_id))
