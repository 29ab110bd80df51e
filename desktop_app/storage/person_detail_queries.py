"""One person's full detail, read with plain sqlite3: the detail panel follows every
selection, so it must not wait for the ORM (whose import alone costs ~0.3 s)."""

from __future__ import annotations

import sqlite3
from datetime import date

from desktop_app.domain.enums import Circle
from desktop_app.domain.values import (
    Birthday,
    EmploymentRecord,
    InteractionRecord,
    LabeledValue,
    PersonDetail,
    PersonFields,
    PostalAddress,
    RelationshipRecord,
)
from desktop_app.storage.errors import PersonNotFoundError

CIRCLES = frozenset(c.value for c in Circle)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def read_person_detail(
    conn: sqlite3.Connection, person_id: int, ties_limit: int = 300, events_limit: int = 200
) -> PersonDetail:
    row = conn.execute(
        "SELECT given_name, family_name, full_name, note, circle, how_we_met, met_on,"
        " cadence_days, birthday_year, birthday_month, birthday_day, is_me, source, vcard_uid,"
        " EXISTS (SELECT 1 FROM photos WHERE person_id = people.id)"
        " FROM people WHERE id = ?",
        (person_id,),
    ).fetchone()
    if row is None:
        raise PersonNotFoundError(person_id)
    birthday = Birthday(row[9], row[10], row[8]) if row[9] and row[10] else None
    fields = PersonFields(
        given_name=row[0],
        family_name=row[1],
        full_name=row[2],
        note=row[3],
        circle=Circle(row[4]) if row[4] in CIRCLES else None,
        how_we_met=row[5],
        met_on=_date(row[6]),
        cadence_days=row[7],
        birthday=birthday,
    )

    def labeled(table: str) -> tuple[LabeledValue, ...]:
        sql = f"SELECT value, label FROM {table} WHERE person_id = ? ORDER BY position, id"
        return tuple(LabeledValue(v, lbl) for v, lbl in conn.execute(sql, (person_id,)))

    addresses = tuple(
        PostalAddress(*r)
        for r in conn.execute(
            "SELECT label, street, locality, region, postal_code, country FROM addresses"
            " WHERE person_id = ? ORDER BY position, id",
            (person_id,),
        )
    )
    tags = tuple(
        r[0]
        for r in conn.execute(
            "SELECT t.name FROM person_tags pt JOIN tags t ON t.id = pt.tag_id"
            " WHERE pt.person_id = ? ORDER BY t.name",
            (person_id,),
        )
    )
    jobs = tuple(
        EmploymentRecord(org, title, _date(start), _date(end), bool(current), org_id, job_id)
        for job_id, org_id, org, title, start, end, current in conn.execute(
            'SELECT e.id, e.organization_id, o.name, e.title, e.start, e."end", e.current'
            " FROM employment e JOIN organizations o ON o.id = e.organization_id"
            " WHERE e.person_id = ? ORDER BY e.current DESC, e.start DESC, e.id DESC",
            (person_id,),
        )
    )
    ties = tuple(
        RelationshipRecord(other, name, kind, strength, rel_id)
        for rel_id, other, name, kind, strength in conn.execute(
            "SELECT r.id, p.id, p.full_name, r.kind, r.strength FROM ("
            "  SELECT id, b_id AS other, kind, strength FROM relationships WHERE a_id = ?"
            "  UNION ALL"
            "  SELECT id, a_id AS other, kind, strength FROM relationships WHERE b_id = ?"
            ") r JOIN people p ON p.id = r.other"
            " ORDER BY r.strength DESC, p.full_name COLLATE NOCASE LIMIT ?",
            (person_id, person_id, ties_limit),
        )
    )
    events = conn.execute(
        "SELECT i.id, i.occurred_on, i.kind, i.direction, i.note, i.follow_up_on,"
        " (SELECT GROUP_CONCAT(p.full_name, '\x1f') FROM interaction_participants ip2"
        "  JOIN people p ON p.id = ip2.person_id WHERE ip2.interaction_id = i.id)"
        " FROM interaction_participants ip JOIN interactions i ON i.id = ip.interaction_id"
        " WHERE ip.person_id = ? ORDER BY i.occurred_on DESC, i.id DESC LIMIT ?",
        (person_id, events_limit),
    ).fetchall()
    interactions = tuple(
        InteractionRecord(
            _date(on) or date.min,
            kind,
            direction,
            note,
            tuple((names or "").split("\x1f")),
            _date(follow_up),
            event_id,
        )
        for event_id, on, kind, direction, note, follow_up, names in events
    )
    return PersonDetail(
        id=person_id,
        fields=fields,
        is_me=bool(row[11]),
        emails=labeled("emails"),
        phones=labeled("phones"),
        urls=labeled("urls"),
        addresses=addresses,
        tags=tags,
        employment=jobs,
        relationships=ties,
        interactions=interactions,
        has_photo=bool(row[14]),
        source=row[12],
        vcard_uid=row[13] or "",
    )


def count_relationships(conn: sqlite3.Connection, person_id: int) -> int:
    sql = "SELECT COUNT(*) FROM relationships WHERE a_id = ? OR b_id = ?"
    return int(conn.execute(sql, (person_id, person_id)).fetchone()[0])
