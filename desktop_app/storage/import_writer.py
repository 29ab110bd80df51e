"""Bulk writes of one import, in plain sqlite3 inside the import's one transaction.

The ORM's `add_all` is ~30x slower for thousands of people (docs/platform-notes.md), so
people get ids allocated up front and every table is filled with one `executemany` per
batch. Merges read the stored values of a whole batch at once and write only what is new.
No SQLAlchemy: `trellis import` runs on `Database.raw_transaction` and never imports it
(the table and column names here are those of `tables.py`; the import tests compare rows).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from desktop_app.domain.contact_keys import normalize_email, normalize_org_name
from desktop_app.domain.contact_keys import quick_normalize_phone as normalize_phone
from desktop_app.domain.values import (
    EmploymentRecord,
    NewPerson,
    PersonFields,
    PostalAddress,
)
from desktop_app.storage.history_writer import raw_connection
from desktop_app.storage.person_loader import StoredPerson, load_people
from desktop_app.storage.stored_keys import StoredSummary, load_summaries

if TYPE_CHECKING:
    from sqlalchemy import Connection

_PEOPLE = "people"
_EMAILS = "emails"
_PHONES = "phones"
_URLS = "urls"
_ADDRESSES = "addresses"
_PHOTOS = "photos"
_TAGS = "tags"
_ORGS = "organizations"
_JOBS = "employment"
_PERSON_TAGS = "person_tags"


_LABELED_COLUMNS = ("person_id", "value", "label", "position")
_JOB_COLUMNS = ("person_id", "organization_id", "title", "start", "end", "current")
_IN_CHUNK = 500  # ids per `IN (…)`: well below SQLite's variable limit
_T = TypeVar("_T")
_NOBODY = NewPerson(PersonFields())  # what a new person is merged into: nothing


class ImportWriter:
    """Allocates ids and writes people, organisations and tags on one connection."""

    def __init__(self, connection: sqlite3.Connection | Connection) -> None:
        # The import hands its plain sqlite3 connection; an ORM session's work (a sync's
        # bulk insert) may hand the SQLAlchemy connection under its transaction.
        raw = (
            connection if isinstance(connection, sqlite3.Connection) else raw_connection(connection)
        )
        self._conn = raw
        self._next_id = int(
            raw.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM people").fetchone()[0]
        )
        self._orgs: dict[str, int] = {}
        self._org_names: dict[str, str] = {}  # key → the spelling stored
        for id_, key, name in raw.execute("SELECT id, normalized_name, name FROM organizations"):
            self._orgs[key] = id_
            self._org_names[key] = name
        self._tags: dict[str, int] = {
            name: id_ for id_, name in raw.execute("SELECT id, name FROM tags")
        }
        self.organizations_changed = False
        # People `insert_people` stored otherwise than given: a list value dropped as a
        # duplicate of another (emails and phones by their matching keys, web addresses
        # exactly), or a birthday the people table cannot hold. `as_stored` is wrong for them.
        self.reshaped: set[int] = set()

    @property
    def next_id(self) -> int:
        """The id `allocate_id` gives next; ids are handed out in increasing order."""
        return self._next_id

    def allocate_id(self) -> int:
        person_id = self._next_id
        self._next_id += 1
        return person_id

    def insert_people(self, people: Sequence[tuple[int, NewPerson]]) -> None:
        """Insert new people (ids from `allocate_id`) with all their lists."""
        if not people:
            return
        now = _sql_value(datetime.now())  # one text for the batch, not a strftime a row
        columns = [*_person_row(0, PersonFields()), *_identity(NewPerson(PersonFields()), now)]
        values = [_new_person_values(pid, p, now) for pid, p in people]
        self._insert_tuples(_PEOPLE, columns, values)
        self._insert_children([(pid, _NOBODY, p) for pid, p in people], dropped=self.reshaped)
        self.reshaped.update(
            pid
            for pid, p in people
            if p.fields.birthday is not None
            and not (p.fields.birthday.month and p.fields.birthday.day)
        )

    def as_stored(self, person: NewPerson) -> NewPerson:
        """`person` as `load_people(..., photos=True)` reads it back once `insert_people`
        wrote it (unless its id is in `reshaped`), but for the ids of its employment rows
        and their organisations: tags in the order of their ids, organisations under their
        stored spelling. Saves reading thousands of people back (a first sync); `person`
        itself when that is how it reads back (most cards)."""
        tags = person.tags
        if len(tags) > 1:
            tags = tuple(sorted(tags, key=self._tags.__getitem__))
        jobs = person.employment
        stored_names = [self._org_names[normalize_org_name(job.organization)] for job in jobs]
        if (
            tags == person.tags
            and all(n == j.organization for n, j in zip(stored_names, jobs, strict=True))
            and (person.photo is not None or not person.photo_mime)
            and person.photo != b""
        ):
            return person
        if jobs:
            jobs = tuple(
                EmploymentRecord(name, job.title, job.start, job.end, bool(job.current))
                for job, name in zip(jobs, stored_names, strict=True)
            )
        return NewPerson(
            fields=person.fields,  # every column read back as written (a birthday: see reshaped)
            emails=person.emails,
            phones=person.phones,
            urls=person.urls,
            addresses=person.addresses,
            tags=tags,
            employment=jobs,
            photo=person.photo or None,
            photo_mime=person.photo_mime if person.photo else "",
            source=person.source,
            vcard_uid=person.vcard_uid,
        )

    def load_people(self, ids: Collection[int]) -> dict[int, StoredPerson]:
        """The stored values of `ids`, for merging (photos only as `has_photo`)."""
        return load_people(self._raw(), ids)

    def load_summaries(self, ids: Collection[int]) -> dict[int, StoredSummary]:
        """Cheap summaries of `ids`: enough to see that a card adds nothing."""
        return load_summaries(self._raw(), ids)

    def write_merges(self, merges: Sequence[tuple[int, StoredPerson, NewPerson]]) -> set[int]:
        """Write what `after` adds to `before` for each person; returns the ids that changed."""
        changed: set[int] = set()
        updates: list[tuple[Any, ...]] = []
        children: list[tuple[int, NewPerson, NewPerson]] = []
        job_updates: list[tuple[Any, ...]] = []
        now = _sql_value(datetime.now())
        for pid, stored, after in merges:
            before = stored.person
            differs = False
            if after.fields != before.fields or after.vcard_uid != before.vcard_uid:
                row = _person_row(pid, after.fields) | {"vcard_uid": after.vcard_uid or None}
                del row["id"]
                updates.append((*map(_sql_value, row.values()), now, pid))
                differs = True
            old_jobs = {job.id: job for job in before.employment}
            for job in after.employment:
                old = old_jobs.get(job.id) if job.id is not None else None
                if old is not None and (old.title, old.current) != (job.title, job.current):
                    job_updates.append((job.title, job.current, job.id))
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
            columns = [*_person_row(0, PersonFields()), "vcard_uid", "updated_at"][1:]
            assignments = ", ".join(f"{column} = ?" for column in columns)
            self._conn.executemany(f"UPDATE people SET {assignments} WHERE id = ?", updates)
        if job_updates:
            self._conn.executemany(
                "UPDATE employment SET title = ?, current = ? WHERE id = ?", job_updates
            )
            self.organizations_changed = True
        self._insert_children(children)
        return changed

    def _insert_children(
        self,
        people: Iterable[tuple[int, NewPerson, NewPerson]],
        dry: bool = False,
        dropped: set[int] | None = None,
    ) -> bool:
        """Insert the list values `after` has and `before` has not; `dry` only tells if any.
        `dropped` gets the ids whose `after` repeats a value (left out)."""
        # Rows as tuples in the order of `_LABELED_COLUMNS`: built directly, each key
        # normalised once (20,000 cards make 40,000 phones).
        emails: list[tuple[Any, ...]] = []
        phones: list[tuple[Any, ...]] = []
        urls: list[tuple[Any, ...]] = []
        addresses: list[dict[str, Any]] = []
        photos: list[dict[str, Any]] = []
        tag_links: list[dict[str, Any]] = []
        jobs: list[tuple[int, EmploymentRecord]] = []
        people = list(people)
        # Each person's new values go after those stored, in order (a list is read back
        # ORDER BY position): positions count from the stored ones, person by person.
        after_stored = {} if dry else self._positions_after_stored(people)
        for pid, before, after in people:
            at = after_stored.get((_EMAILS, pid), 0)
            known = {normalize_email(e.value) for e in before.emails}
            for e in after.emails:
                key = normalize_email(e.value)
                if key not in known:
                    known.add(key)
                    emails.append((pid, e.value, e.label, at, key))
                    at += 1
                elif dropped is not None:
                    dropped.add(pid)
            at = after_stored.get((_PHONES, pid), 0)
            known = {normalize_phone(p.value) or p.value for p in before.phones}
            for p in after.phones:
                normalized = normalize_phone(p.value)
                key = normalized or p.value
                if key not in known:
                    known.add(key)
                    phones.append((pid, p.value, p.label, at, normalized))
                    at += 1
                elif dropped is not None:
                    dropped.add(pid)
            at = after_stored.get((_URLS, pid), 0)
            known = {u.value for u in before.urls}
            for u in after.urls:
                if u.value not in known:
                    known.add(u.value)
                    urls.append((pid, u.value, u.label, at))
                    at += 1
                elif dropped is not None:
                    dropped.add(pid)
            at = after_stored.get((_ADDRESSES, pid), 0)
            for a in after.addresses:
                if a not in before.addresses:
                    addresses.append(_address_row(pid, a, at))
                    at += 1
            for name in after.tags:
                if name not in before.tags:
                    tag_links.append({"person_id": pid, "tag_id": name})
            jobs.extend((pid, job) for job in after.employment if job.id is None)
            if after.photo:
                photos.append({"person_id": pid, "mime": after.photo_mime, "data": after.photo})
        if dry:
            return any((emails, phones, urls, addresses, tag_links, jobs, photos))
        if emails:
            self._insert_tuples(_EMAILS, [*_LABELED_COLUMNS, "normalized"], emails)
        if phones:
            self._insert_tuples(_PHONES, [*_LABELED_COLUMNS, "normalized"], phones)
        if urls:
            self._insert_tuples(_URLS, list(_LABELED_COLUMNS), urls)
        if addresses:
            self._insert_many(_ADDRESSES, addresses)
        if photos:
            self._insert_many(_PHOTOS, photos)
        self._create_missing(
            (link["tag_id"] for link in tag_links), (job.organization for _, job in jobs)
        )
        if tag_links:
            for link in tag_links:
                link["tag_id"] = self._tags[link["tag_id"]]
            self._insert_many(_PERSON_TAGS, tag_links)
        if jobs:
            org_ids = self._orgs
            rows = [
                (
                    pid,
                    org_ids[normalize_org_name(job.organization)],
                    job.title,
                    job.start.isoformat() if job.start is not None else None,
                    job.end.isoformat() if job.end is not None else None,
                    job.current,
                )
                for pid, job in jobs
            ]  # tuples built directly, as for emails: 20,000 cards make 20,000 jobs
            self._insert_tuples(_JOBS, list(_JOB_COLUMNS), rows)
            self.organizations_changed = True
        return True

    def _raw(self) -> sqlite3.Connection:
        return self._conn

    def _positions_after_stored(
        self, people: Sequence[tuple[int, NewPerson, NewPerson]]
    ) -> dict[tuple[str, int], int]:
        """(table, person id) → the position after the last one stored, for the people
        with values stored in that table already (people merged into); others start at 0.
        Read, not counted: earlier versions numbered positions across a whole import."""
        found: dict[tuple[str, int], int] = {}
        merged = [(pid, before) for pid, before, _after in people if before is not _NOBODY]
        if not merged:
            return found  # people new to the database (an import's most, a first sync's all)
        for table, values_of in (
            (_EMAILS, lambda p: p.emails),
            (_PHONES, lambda p: p.phones),
            (_URLS, lambda p: p.urls),
            (_ADDRESSES, lambda p: p.addresses),
        ):
            pids = sorted({pid for pid, before in merged if values_of(before)})
            for chunk in _chunks(pids):
                marks = ", ".join("?" for _ in chunk)
                query = (
                    f"SELECT person_id, MAX(position) + 1 FROM {table}"
                    f" WHERE person_id IN ({marks}) GROUP BY person_id"
                )
                found.update(((table, pid), at) for pid, at in self._conn.execute(query, chunk))
        return found

    def _insert_many(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        """One executemany at the driver: SQLAlchemy's per-row parameter processing costs
        more than SQLite's insert itself (~0.5 s for the 200,000 rows of 20,000 cards).

        Column defaults of the ORM do not apply here: rows name every NOT NULL column.
        """
        if not rows:
            return
        values = [tuple(r.values()) for r in rows]
        self._insert_tuples(table, list(rows[0]), values)

    def _insert_tuples(self, table: str, columns: list[str], values: list[tuple[Any, ...]]) -> None:
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
        )
        self._raw().executemany(sql, values)

    def _create_missing(self, tags: Iterable[str], organizations: Iterable[str]) -> None:
        """Insert the tags and organisations not stored yet, in one statement each."""
        new_tags = {name for name in tags if name not in self._tags}
        if new_tags:
            self._insert_many(_TAGS, [{"name": name} for name in sorted(new_tags)])
            for chunk in _chunks(sorted(new_tags)):
                marks = ", ".join("?" for _ in chunk)
                query = f"SELECT name, id FROM tags WHERE name IN ({marks})"
                self._tags.update(self._conn.execute(query, chunk))
        new_orgs: dict[str, str] = {}
        for name in organizations:
            key = normalize_org_name(name)
            if key not in self._orgs:
                new_orgs.setdefault(key, " ".join(name.split()))
        self._org_names.update(new_orgs)
        if new_orgs:
            rows = [
                {"name": name, "normalized_name": key, "industry": "", "url": "", "note": ""}
                for key, name in new_orgs.items()
            ]
            self._insert_many(_ORGS, rows)
            for chunk in _chunks(sorted(new_orgs)):
                marks = ", ".join("?" for _ in chunk)
                query = (
                    "SELECT normalized_name, id FROM organizations"
                    f" WHERE normalized_name IN ({marks})"
                )
                self._orgs.update(self._conn.execute(query, chunk))
            self.organizations_changed = True


def _sql_value(value: Any) -> Any:
    """What SQLAlchemy would store for dates and datetimes on SQLite (ISO text)."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _chunks(ids: list[_T]) -> Iterable[list[_T]]:
    for start in range(0, len(ids), _IN_CHUNK):
        yield ids[start : start + _IN_CHUNK]


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


def _new_person_values(pid: int, person: NewPerson, now: str) -> tuple[Any, ...]:
    """`_person_row | _identity` as the values of one INSERT, in that order, built directly:
    20,000 cards make 340,000 values, and a dict and a conversion each cost more than the
    insert."""
    fields, birthday = person.fields, person.fields.birthday
    return (
        pid,
        fields.given_name,
        fields.family_name,
        fields.full_name,
        fields.note,
        fields.met_on.isoformat() if fields.met_on is not None else None,
        birthday.year if birthday else None,
        birthday.month if birthday else None,
        birthday.day if birthday else None,
        person.source,
        person.vcard_uid or None,
        person.is_me,
        fields.circle.value if fields.circle else None,
        fields.how_we_met,
        fields.cadence_days,
        now,
        now,
    )


def _identity(person: NewPerson, now: datetime | str) -> dict[str, Any]:
    return {
        "source": person.source,
        "vcard_uid": person.vcard_uid or None,
        "is_me": person.is_me,
        "circle": person.fields.circle.value if person.fields.circle else None,
        "how_we_met": person.fields.how_we_met,
        "cadence_days": person.fields.cadence_days,
        "created_at": now,
        "updated_at": now,
    }
