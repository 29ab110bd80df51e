"""Bulk writes of one import with SQLAlchemy Core, inside the import's one transaction.

The ORM's `add_all` is ~30x slower for thousands of people (TECH-NOTES), so people get ids
allocated up front and every table is filled with one `executemany` per batch. Merges read
the stored values of a whole batch at once and write only what is new.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, update

from desktop_app.domain.values import (
    Birthday,
    EmploymentRecord,
    LabeledValue,
    NewPerson,
    PersonFields,
    PostalAddress,
)
from desktop_app.storage import tables as t
from desktop_app.storage.match_keys import normalize_email, normalize_org_name, normalize_phone

_PEOPLE = t.Person.__table__
_EMAILS = t.Email.__table__
_PHONES = t.Phone.__table__
_URLS = t.Url.__table__
_ADDRESSES = t.Address.__table__
_PHOTOS = t.Photo.__table__
_TAGS = t.Tag.__table__
_ORGS = t.Organization.__table__
_JOBS = t.Employment.__table__
_PERSON_TAGS = t.person_tags
_IN_CHUNK = 500  # ids per `IN (…)`: well below SQLite's variable limit


@dataclass(frozen=True, slots=True)
class StoredPerson:
    """A person as stored, for merging: the values plus what `NewPerson` cannot say."""

    person: NewPerson
    has_photo: bool


class ImportWriter:
    """Allocates ids and writes people, organisations and tags on one connection."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection
        self._next_id = (connection.scalar(select(func.max(_PEOPLE.c.id))) or 0) + 1
        self._orgs: dict[str, int] = {
            key: id_ for id_, key in connection.execute(select(_ORGS.c.id, _ORGS.c.normalized_name))
        }
        self._tags: dict[str, int] = {
            name: id_ for id_, name in connection.execute(select(_TAGS.c.id, _TAGS.c.name))
        }
        self.organizations_changed = False

    def allocate_id(self) -> int:
        person_id = self._next_id
        self._next_id += 1
        return person_id

    def insert_people(self, people: Sequence[tuple[int, NewPerson]]) -> None:
        """Insert new people (ids from `allocate_id`) with all their lists."""
        if not people:
            return
        now = datetime.now()
        rows = [_person_row(pid, p.fields) | _identity(p, now) for pid, p in people]
        self._conn.execute(insert(_PEOPLE), rows)
        self._insert_children([(pid, NewPerson(PersonFields()), p) for pid, p in people])

    def load_people(self, ids: Collection[int]) -> dict[int, StoredPerson]:
        """The stored values of `ids`, for merging."""
        found: dict[int, dict[str, Any]] = {}
        for chunk in _chunks(sorted(ids)):
            self._load_chunk(chunk, found)
        return {
            pid: StoredPerson(
                NewPerson(
                    fields=v["fields"],
                    emails=tuple(v["emails"]),
                    phones=tuple(v["phones"]),
                    urls=tuple(v["urls"]),
                    addresses=tuple(v["addresses"]),
                    tags=tuple(v["tags"]),
                    employment=tuple(v["jobs"]),
                    source=v["source"],
                    vcard_uid=v["uid"],
                ),
                v["has_photo"],
            )
            for pid, v in found.items()
        }

    def write_merges(self, merges: Sequence[tuple[int, StoredPerson, NewPerson]]) -> set[int]:
        """Write what `after` adds to `before` for each person; returns the ids that changed."""
        changed: set[int] = set()
        updates: list[dict[str, Any]] = []
        children: list[tuple[int, NewPerson, NewPerson]] = []
        job_updates: list[dict[str, Any]] = []
        now = datetime.now()
        for pid, stored, after in merges:
            before = stored.person
            differs = False
            if after.fields != before.fields or after.vcard_uid != before.vcard_uid:
                row = _person_row(pid, after.fields) | {"vcard_uid": after.vcard_uid or None}
                del row["id"]
                updates.append({**row, "b_id": pid, "updated_at": now})
                differs = True
            old_jobs = {job.id: job for job in before.employment}
            for job in after.employment:
                old = old_jobs.get(job.id) if job.id is not None else None
                if old is not None and (old.title, old.current) != (job.title, job.current):
                    job_updates.append({"b_id": job.id, "title": job.title, "current": job.current})
                    differs = True
            photo = after.photo if not stored.has_photo else None
            trimmed = NewPerson(
                after.fields,
                after.emails,
                after.phones,
                after.urls,
                after.addresses,
                after.tags,
                tuple(job for job in after.employment if job.id is None),
                photo,
                after.photo_mime,
            )
            if self._insert_children([(pid, before, trimmed)], dry=True):
                children.append((pid, before, trimmed))
                differs = True
            if differs:
                changed.add(pid)
        if updates:
            self._conn.execute(update(_PEOPLE).where(_PEOPLE.c.id == _bind("b_id")), updates)
        if job_updates:
            self._conn.execute(
                update(_JOBS)
                .where(_JOBS.c.id == _bind("b_id"))
                .values(title=_bind("title"), current=_bind("current")),
                job_updates,
            )
            self.organizations_changed = True
        self._insert_children(children)
        return changed

    def _insert_children(
        self, people: Iterable[tuple[int, NewPerson, NewPerson]], dry: bool = False
    ) -> bool:
        """Insert the list values `after` has and `before` has not; `dry` only tells if any."""
        emails: list[dict[str, Any]] = []
        phones: list[dict[str, Any]] = []
        urls: list[dict[str, Any]] = []
        addresses: list[dict[str, Any]] = []
        photos: list[dict[str, Any]] = []
        tag_links: list[dict[str, Any]] = []
        jobs: list[tuple[int, EmploymentRecord]] = []
        for pid, before, after in people:
            known = {normalize_email(e.value) for e in before.emails}
            for e in _new_values(after.emails, known, normalize_email):
                emails.append(_labeled(pid, e, len(before.emails) + len(emails)))
                emails[-1]["normalized"] = normalize_email(e.value)
            known = {normalize_phone(p.value) or p.value for p in before.phones}
            for p in _new_values(after.phones, known, lambda v: normalize_phone(v) or v):
                phones.append(_labeled(pid, p, len(before.phones) + len(phones)))
                phones[-1]["normalized"] = normalize_phone(p.value)
            for u in _new_values(after.urls, {u.value for u in before.urls}, str):
                urls.append(_labeled(pid, u, len(before.urls) + len(urls)))
            for a in after.addresses:
                if a not in before.addresses:
                    addresses.append(_address_row(pid, a, len(before.addresses) + len(addresses)))
            for name in after.tags:
                if name not in before.tags:
                    tag_links.append({"person_id": pid, "tag_id": name})
            jobs.extend((pid, job) for job in after.employment if job.id is None)
            if after.photo:
                photos.append({"person_id": pid, "mime": after.photo_mime, "data": after.photo})
        if dry:
            return any((emails, phones, urls, addresses, tag_links, jobs, photos))
        for table, rows in ((_EMAILS, emails), (_PHONES, phones), (_URLS, urls)):
            if rows:
                self._conn.execute(insert(table), rows)
        if addresses:
            self._conn.execute(insert(_ADDRESSES), addresses)
        if photos:
            self._conn.execute(insert(_PHOTOS), photos)
        if tag_links:
            for link in tag_links:
                link["tag_id"] = self._tag_id(link["tag_id"])
            self._conn.execute(insert(_PERSON_TAGS), tag_links)
        if jobs:
            rows = [
                {
                    "person_id": pid,
                    "organization_id": self._organization_id(job.organization),
                    "title": job.title,
                    "start": job.start,
                    "end": job.end,
                    "current": job.current,
                }
                for pid, job in jobs
            ]
            self._conn.execute(insert(_JOBS), rows)
            self.organizations_changed = True
        return True

    def _organization_id(self, name: str) -> int:
        key = normalize_org_name(name)
        if key not in self._orgs:
            result = self._conn.execute(
                insert(_ORGS).values(name=" ".join(name.split()), normalized_name=key)
            )
            self._orgs[key] = int(result.inserted_primary_key[0])  # type: ignore[index]
        return self._orgs[key]

    def _tag_id(self, name: str) -> int:
        if name not in self._tags:
            result = self._conn.execute(insert(_TAGS).values(name=name))
            self._tags[name] = int(result.inserted_primary_key[0])  # type: ignore[index]
        return self._tags[name]

    def _load_chunk(self, ids: list[int], found: dict[int, dict[str, Any]]) -> None:
        conn = self._conn
        for row in conn.execute(select(_PEOPLE).where(_PEOPLE.c.id.in_(ids))):
            found[row.id] = {
                "fields": _fields_of(row),
                "source": row.source,
                "uid": row.vcard_uid or "",
                "has_photo": False,
                **{key: [] for key in ("emails", "phones", "urls", "addresses", "tags", "jobs")},
            }
        for key, table in (("emails", _EMAILS), ("phones", _PHONES), ("urls", _URLS)):
            query = select(table.c.person_id, table.c.value, table.c.label)
            for pid, value, label in conn.execute(
                query.where(table.c.person_id.in_(ids)).order_by(table.c.position, table.c.id)
            ):
                found[pid][key].append(LabeledValue(value, label))
        query = select(_ADDRESSES).where(_ADDRESSES.c.person_id.in_(ids))
        for row in conn.execute(query.order_by(_ADDRESSES.c.position, _ADDRESSES.c.id)):
            found[row.person_id]["addresses"].append(
                PostalAddress(
                    row.label, row.street, row.locality, row.region, row.postal_code, row.country
                )
            )
        query = select(_PERSON_TAGS.c.person_id, _TAGS.c.name).join(_TAGS)
        for pid, name in conn.execute(query.where(_PERSON_TAGS.c.person_id.in_(ids))):
            found[pid]["tags"].append(name)
        query = select(_JOBS, _ORGS.c.name.label("org_name")).join(_ORGS)
        for row in conn.execute(query.where(_JOBS.c.person_id.in_(ids)).order_by(_JOBS.c.id)):
            found[row.person_id]["jobs"].append(
                EmploymentRecord(
                    row.org_name,
                    row.title,
                    row.start,
                    row.end,
                    row.current,
                    row.organization_id,
                    row.id,
                )
            )
        for (pid,) in conn.execute(select(_PHOTOS.c.person_id).where(_PHOTOS.c.person_id.in_(ids))):
            found[pid]["has_photo"] = True


def _bind(name: str) -> Any:
    return bindparam(name)


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _IN_CHUNK):
        yield ids[start : start + _IN_CHUNK]


def _new_values(values: Iterable[LabeledValue], known: set[str], key: Any) -> list[LabeledValue]:
    fresh: list[LabeledValue] = []
    for value in values:
        k = key(value.value)
        if k not in known:
            known.add(k)
            fresh.append(value)
    return fresh


def _labeled(pid: int, value: LabeledValue, position: int) -> dict[str, Any]:
    return {"person_id": pid, "value": value.value, "label": value.label, "position": position}


def _address_row(pid: int, a: PostalAddress, position: int) -> dict[str, Any]:
    return {
        "person_id": pid,
        "label": a.label,
        "street": a.street,
        "locality": a.locality,
        "region": a.region,
        "postal_code": a.postal_code,
        "country": a.country,
        "position": position,
    }


def _person_row(pid: int, fields: PersonFields) -> dict[str, Any]:
    birthday = fields.birthday
    return {
        "id": pid,
        "given_name": fields.given_name,
        "family_name": fields.family_name,
        "full_name": fields.full_name,
        "note": fields.note,
        "met_on": fields.met_on,
        "birthday_year": birthday.year if birthday else None,
        "birthday_month": birthday.month if birthday else None,
        "birthday_day": birthday.day if birthday else None,
    }


def _identity(person: NewPerson, now: datetime) -> dict[str, Any]:
    return {
        "source": person.source,
        "vcard_uid": person.vcard_uid or None,
        "is_me": False,
        "circle": person.fields.circle.value if person.fields.circle else None,
        "how_we_met": person.fields.how_we_met,
        "cadence_days": person.fields.cadence_days,
        "created_at": now,
        "updated_at": now,
    }


def _fields_of(row: Any) -> PersonFields:
    from desktop_app.domain.enums import Circle

    birthday = None
    if row.birthday_month and row.birthday_day:
        birthday = Birthday(row.birthday_month, row.birthday_day, row.birthday_year)
    return PersonFields(
        given_name=row.given_name,
        family_name=row.family_name,
        full_name=row.full_name,
        note=row.note,
        circle=Circle(row.circle) if row.circle else None,
        how_we_met=row.how_we_met,
        met_on=row.met_on,
        cadence_days=row.cadence_days,
        birthday=birthday,
    )
