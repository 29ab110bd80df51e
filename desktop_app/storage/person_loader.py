"""Reading whole people back as `NewPerson` values: for merging during an import and for
the vCard and CSV exports. Plain sqlite3, a batch of ids at a time (bounded memory)."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.domain.enums import Circle
from desktop_app.domain.values import (
    Birthday,
    EmploymentRecord,
    LabeledValue,
    NewPerson,
    PersonFields,
    PostalAddress,
)
from desktop_app.storage.uri import sqlite_uri

BATCH = 500  # ids per `IN (…)`: well below SQLite's variable limit


@dataclass(frozen=True, slots=True)
class StoredPerson:
    """A person as stored: the values plus what `NewPerson` cannot say."""

    person: NewPerson
    has_photo: bool


def read_connection(path: Path) -> sqlite3.Connection:
    """A read-only sqlite3 connection of its own, usable on the thread that calls this."""
    connection = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    connection.execute("PRAGMA busy_timeout = 5000")
    return connection


def load_people(
    raw: sqlite3.Connection, ids: Collection[int], photos: bool = False
) -> dict[int, StoredPerson]:
    """The stored values of `ids`; photo bytes only when `photos`."""
    found: dict[int, dict[str, Any]] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), BATCH):
        _load_chunk(raw, ordered[start : start + BATCH], found, photos)
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
                photo=v.get("photo"),
                photo_mime=v.get("photo_mime", ""),
                source=v["source"],
                vcard_uid=v["uid"],
            ),
            v["has_photo"],
        )
        for pid, v in found.items()
    }


def iter_people(
    raw: sqlite3.Connection, include_me: bool = True
) -> Iterator[tuple[int, NewPerson]]:
    """Everyone, in id order, with photos: a batch in memory at a time."""
    where = "" if include_me else " WHERE is_me = 0"
    ids = [pid for (pid,) in raw.execute(f"SELECT id FROM people{where} ORDER BY id")]
    for start in range(0, len(ids), BATCH):
        batch = load_people(raw, ids[start : start + BATCH], photos=True)
        for pid in ids[start : start + BATCH]:
            if pid in batch:
                yield pid, batch[pid].person


def _load_chunk(
    raw: sqlite3.Connection, ids: list[int], found: dict[int, dict[str, Any]], photos: bool
) -> None:
    # Driver-level reads: Core's row processing doubled the time of a re-import.
    marks = ", ".join("?" for _ in ids)

    def rows(sql: str) -> list[Any]:
        return raw.execute(sql.format(marks=marks), ids).fetchall()

    for pid, given, family, full, note, circle, how, met, cadence, by, bm, bd, src, uid in rows(
        "SELECT id, given_name, family_name, full_name, note, circle, how_we_met, met_on, "
        "cadence_days, birthday_year, birthday_month, birthday_day, source, vcard_uid "
        "FROM people WHERE id IN ({marks})"
    ):
        fields = PersonFields(
            given_name=given,
            family_name=family,
            full_name=full,
            note=note,
            circle=Circle(circle) if circle else None,
            how_we_met=how,
            met_on=_date(met),
            cadence_days=cadence,
            birthday=Birthday(bm, bd, by) if bm and bd else None,
        )
        found[pid] = {
            "fields": fields,
            "source": src,
            "uid": uid or "",
            "has_photo": False,
            **{key: [] for key in ("emails", "phones", "urls", "addresses", "tags", "jobs")},
        }
    for key in ("emails", "phones", "urls"):
        for pid, value, label in rows(
            f"SELECT person_id, value, label FROM {key} "
            "WHERE person_id IN ({marks}) ORDER BY position, id"
        ):
            found[pid][key].append(LabeledValue(value, label))
    for pid, *parts in rows(
        "SELECT person_id, label, street, locality, region, postal_code, country "
        "FROM addresses WHERE person_id IN ({marks}) ORDER BY position, id"
    ):
        found[pid]["addresses"].append(PostalAddress(*parts))
    for pid, tag in rows(
        # In the order of the tags' ids: the primary key's index gives it for free, and a
        # person's tags are compared as a list (sync) and written in this order (exports).
        "SELECT pt.person_id, t.name FROM person_tags pt JOIN tags t ON t.id = pt.tag_id "
        "WHERE pt.person_id IN ({marks}) ORDER BY pt.person_id, pt.tag_id"
    ):
        found[pid]["tags"].append(tag)
    for pid, org, title, start, end, current, org_id, job_id in rows(
        'SELECT e.person_id, o.name, e.title, e.start, e."end", e.current, o.id, e.id '
        "FROM employment e JOIN organizations o ON o.id = e.organization_id "
        "WHERE e.person_id IN ({marks}) ORDER BY e.id"
    ):
        found[pid]["jobs"].append(
            EmploymentRecord(org, title, _date(start), _date(end), bool(current), org_id, job_id)
        )
    if photos:
        for pid, mime, data in rows(
            "SELECT person_id, mime, data FROM photos WHERE person_id IN ({marks})"
        ):
            found[pid].update(has_photo=True, photo=bytes(data), photo_mime=mime)
    else:
        for (pid,) in rows("SELECT person_id FROM photos WHERE person_id IN ({marks})"):
            found[pid]["has_photo"] = True


def _date(value: Any) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def photo_of(raw: sqlite3.Connection, person_id: int) -> tuple[str, bytes] | None:
    """A person's photo as (mime type, bytes), or None."""
    row = raw.execute("SELECT mime, data FROM photos WHERE person_id = ?", (person_id,)).fetchone()
    return (row[0], bytes(row[1])) if row else None
