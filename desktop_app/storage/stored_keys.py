"""A light summary of stored people, to tell cheaply whether a card adds anything.

Re-importing a file means thousands of sure duplicates that bring nothing new; building
full `NewPerson` values for all of them cost more than the rest of the import. These
summaries are plain sets and tuples read with plain SQL, a batch of ids at a time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from dataclasses import dataclass, field

from desktop_app.domain.contact_keys import normalize_email, normalize_org_name

BATCH = 500


@dataclass(slots=True)
class StoredSummary:
    """What merging compares: filled fields, value keys and jobs by organisation."""

    given_name: str = ""
    family_name: str = ""
    note: str = ""
    has_met_on: bool = False
    has_birthday: bool = False
    vcard_uid: str = ""
    has_photo: bool = False
    emails: set[str] = field(default_factory=set)  # normalised
    phones: set[str] = field(default_factory=set)  # normalised, else as written
    urls: set[str] = field(default_factory=set)
    addresses: set[tuple[str, ...]] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)
    jobs: dict[str, tuple[str, bool]] = field(default_factory=dict)  # org key → last job


def load_summaries(raw: sqlite3.Connection, ids: Collection[int]) -> dict[int, StoredSummary]:
    found: dict[int, StoredSummary] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), BATCH):
        _load(raw, ordered[start : start + BATCH], found)
    return found


def _load(raw: sqlite3.Connection, ids: list[int], found: dict[int, StoredSummary]) -> None:
    marks = ", ".join("?" for _ in ids)

    def rows(sql: str) -> list[tuple[object, ...]]:
        return raw.execute(sql.format(marks=marks), ids).fetchall()

    for pid, given, family, note, met, month, uid in rows(
        "SELECT id, given_name, family_name, note, met_on, birthday_month, vcard_uid "
        "FROM people WHERE id IN ({marks})"
    ):
        assert isinstance(pid, int)
        found[pid] = StoredSummary(
            str(given),
            str(family),
            str(note),
            met is not None,
            month is not None,
            str(uid or ""),
        )
    for pid, value in rows("SELECT person_id, value FROM emails WHERE person_id IN ({marks})"):
        found[pid].emails.add(normalize_email(str(value)))  # type: ignore[index]
    for pid, value, key in rows(
        "SELECT person_id, value, normalized FROM phones WHERE person_id IN ({marks})"
    ):
        found[pid].phones.add(str(key or value))  # type: ignore[index]
    for pid, value in rows("SELECT person_id, value FROM urls WHERE person_id IN ({marks})"):
        found[pid].urls.add(str(value))  # type: ignore[index]
    for pid, *parts in rows(
        "SELECT person_id, label, street, locality, region, postal_code, country "
        "FROM addresses WHERE person_id IN ({marks})"
    ):
        found[pid].addresses.add(tuple(str(p) for p in parts))  # type: ignore[index]
    for pid, tag in rows(
        "SELECT pt.person_id, t.name FROM person_tags pt JOIN tags t ON t.id = pt.tag_id "
        "WHERE pt.person_id IN ({marks})"
    ):
        found[pid].tags.add(str(tag))  # type: ignore[index]
    for pid, org, title, current in rows(
        "SELECT e.person_id, o.name, e.title, e.current FROM employment e "
        "JOIN organizations o ON o.id = e.organization_id "
        "WHERE e.person_id IN ({marks}) ORDER BY e.id"
    ):
        found[pid].jobs[normalize_org_name(str(org))] = (str(title), bool(current))  # type: ignore[index]
    for (pid,) in rows("SELECT person_id FROM photos WHERE person_id IN ({marks})"):
        found[pid].has_photo = True  # type: ignore[index]
