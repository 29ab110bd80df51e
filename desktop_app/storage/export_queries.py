"""Whole-network reads for the JSON export, with plain SQL grouped per table."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

Row = dict[str, Any]


def _dicts(conn: sqlite3.Connection, sql: str) -> Iterator[Row]:
    cursor = conn.execute(sql)
    names = [d[0] for d in cursor.description]
    for values in cursor:
        yield dict(zip(names, values, strict=True))


def _grouped(conn: sqlite3.Connection, sql: str, key: str) -> dict[int, list[Row]]:
    groups: dict[int, list[Row]] = defaultdict(list)
    for row in _dicts(conn, sql):
        groups[row.pop(key)].append(row)
    return groups


def people(conn: sqlite3.Connection) -> Iterator[Row]:
    return _dicts(
        conn,
        "SELECT p.id, p.full_name, p.given_name, p.family_name, p.note, p.circle, p.is_me,"
        " p.how_we_met, p.met_on, p.cadence_days, p.birthday_year, p.birthday_month,"
        " p.birthday_day, p.source, p.vcard_uid,"
        " EXISTS (SELECT 1 FROM photos ph WHERE ph.person_id = p.id) AS has_photo"
        " FROM people p ORDER BY p.id",
    )


def emails(conn: sqlite3.Connection) -> dict[int, list[Row]]:
    return _grouped(
        conn, "SELECT person_id, value FROM emails ORDER BY person_id, position", "person_id"
    )


def phones(conn: sqlite3.Connection) -> dict[int, list[Row]]:
    return _grouped(
        conn, "SELECT person_id, value FROM phones ORDER BY person_id, position", "person_id"
    )


def urls(conn: sqlite3.Connection) -> dict[int, list[Row]]:
    return _grouped(
        conn, "SELECT person_id, value FROM urls ORDER BY person_id, position", "person_id"
    )


def tags(conn: sqlite3.Connection) -> dict[int, list[Row]]:
    return _grouped(
        conn,
        "SELECT pt.person_id, t.name FROM person_tags pt JOIN tags t ON t.id = pt.tag_id"
        " ORDER BY pt.person_id, t.name",
        "person_id",
    )


def employment(conn: sqlite3.Connection) -> dict[int, list[Row]]:
    return _grouped(
        conn,
        'SELECT e.person_id, o.name AS organization, e.title, e.start, e."end", e.current'
        " FROM employment e JOIN organizations o ON o.id = e.organization_id"
        " ORDER BY e.person_id, e.current DESC, e.start DESC, e.id DESC",
        "person_id",
    )


def organizations(conn: sqlite3.Connection) -> Iterator[Row]:
    return _dicts(conn, "SELECT id, name, industry, url FROM organizations ORDER BY id")


def relationships(conn: sqlite3.Connection) -> Iterator[Row]:
    return _dicts(
        conn,
        "SELECT id, a_id AS a, b_id AS b, kind, strength, introduced_by_id AS introduced_by"
        " FROM relationships ORDER BY id",
    )


def interactions(conn: sqlite3.Connection) -> Iterator[Row]:
    return _dicts(
        conn,
        "SELECT id, occurred_on AS date, kind, direction, note, follow_up_on"
        " FROM interactions ORDER BY occurred_on, id",
    )


def participants(conn: sqlite3.Connection) -> dict[int, list[Row]]:
    return _grouped(
        conn,
        "SELECT interaction_id, person_id FROM interaction_participants"
        " ORDER BY interaction_id, person_id",
        "interaction_id",
    )


def interaction_sources(conn: sqlite3.Connection) -> dict[int, list[Row]]:
    """Where imported interactions came from (channel and key); hand-logged ones have none."""
    return _grouped(
        conn,
        "SELECT interaction_id, channel, key FROM interaction_sources ORDER BY interaction_id, id",
        "interaction_id",
    )


def goals(conn: sqlite3.Connection) -> Iterator[Row]:
    return _dicts(
        conn,
        "SELECT id, title, target_roles, target_industries, note, created_on, achieved_on"
        " FROM goals ORDER BY id",
    )


def goal_organizations(conn: sqlite3.Connection) -> dict[int, list[Row]]:
    return _grouped(
        conn,
        "SELECT goal_id, organization_id FROM goal_organizations ORDER BY goal_id",
        "goal_id",
    )


def goal_disclosures(conn: sqlite3.Connection) -> dict[int, list[Row]]:
    return _grouped(
        conn,
        "SELECT goal_id, person_id, told_on FROM goal_disclosures ORDER BY goal_id, told_on",
        "goal_id",
    )


def documents(conn: sqlite3.Connection) -> Iterator[Row]:
    return _dicts(conn, "SELECT id, kind, title FROM documents ORDER BY id")


def checklist_items(conn: sqlite3.Connection) -> dict[int, list[Row]]:
    return _grouped(
        conn,
        "SELECT document_id, id, criterion, met FROM checklist_items"
        " ORDER BY document_id, position",
        "document_id",
    )


def document_versions(conn: sqlite3.Connection) -> dict[int, list[Row]]:
    """Every version: its text, or the name and SHA-256 of its attached file."""
    return _grouped(
        conn,
        "SELECT document_id, number, created_at, note, body AS text, file_name, sha256"
        " FROM document_versions ORDER BY document_id, number",
        "document_id",
    )


def feedback_rounds(conn: sqlite3.Connection) -> dict[int, list[Row]]:
    return _grouped(
        conn,
        "SELECT r.document_id, COALESCE(p.full_name, NULLIF(r.reviewer_name, ''),"
        " 'Removed contact') AS reviewer, v.number AS version, r.asked_on, r.received_on,"
        " r.verdict, r.comment FROM feedback_rounds r"
        " LEFT JOIN people p ON p.id = r.reviewer_id"
        " LEFT JOIN document_versions v ON v.id = r.version_id"
        " ORDER BY r.document_id, r.asked_on, r.id",
        "document_id",
    )


def mock_interviews(conn: sqlite3.Connection) -> Iterator[Row]:
    return _dicts(
        conn,
        "SELECT m.id, m.held_on, COALESCE(p.full_name, m.interviewer_name) AS interviewer,"
        " m.interviewer_id, m.note, m.interaction_id FROM mock_interviews m"
        " LEFT JOIN people p ON p.id = m.interviewer_id ORDER BY m.held_on, m.id",
    )


def mock_answers(conn: sqlite3.Connection) -> dict[int, list[Row]]:
    return _grouped(
        conn,
        "SELECT interview_id, question, notes, rating FROM mock_answers"
        " ORDER BY interview_id, position",
        "interview_id",
    )


def criterion_feedback(conn: sqlite3.Connection) -> dict[int, list[Row]]:
    return _grouped(
        conn,
        "SELECT cf.item_id, COALESCE(p.full_name, NULLIF(r.reviewer_name, ''),"
        " 'Removed contact') AS reviewer, cf.verdict, cf.comment,"
        " COALESCE(r.received_on, r.asked_on) AS date"
        " FROM criterion_feedback cf JOIN feedback_rounds r ON r.id = cf.round_id"
        " LEFT JOIN people p ON p.id = r.reviewer_id ORDER BY cf.item_id, date",
        "item_id",
    )


# -- groups, events and informational interviews (schema 0004) --------------------------


def groups(conn: sqlite3.Connection) -> Iterator[Row]:
    return _dicts(conn, "SELECT id, name, kind, url, note, i_am_member FROM groups ORDER BY id")


def group_members(conn: sqlite3.Connection) -> dict[int, list[Row]]:
    return _grouped(
        conn,
        'SELECT group_id, person_id, since, "until" FROM group_members'
        " ORDER BY group_id, person_id",
        "group_id",
    )


def events(conn: sqlite3.Connection) -> Iterator[Row]:
    return _dicts(
        conn,
        "SELECT id, title, starts_at, ends_at, place, group_id, notes FROM events"
        " ORDER BY starts_at, id",
    )


def event_people(conn: sqlite3.Connection) -> dict[int, list[Row]]:
    return _grouped(
        conn,
        "SELECT event_id, person_id, role FROM event_people ORDER BY event_id, person_id",
        "event_id",
    )


def interaction_events(conn: sqlite3.Connection) -> dict[int, int]:
    rows = conn.execute("SELECT id, event_id FROM interactions WHERE event_id IS NOT NULL")
    return {int(i): int(e) for i, e in rows}


def heard_versions(conn: sqlite3.Connection) -> dict[int, list[Row]]:
    """interaction id → [{document_id, number}] of the versions current when it happened."""
    return _grouped(
        conn,
        "SELECT idv.interaction_id, v.document_id, v.number"
        " FROM interaction_document_versions idv"
        " JOIN document_versions v ON v.id = idv.version_id"
        " ORDER BY idv.interaction_id, v.document_id",
        "interaction_id",
    )


def informational_interviews(conn: sqlite3.Connection) -> Iterator[Row]:
    return _dicts(
        conn,
        "SELECT id, person_id, stage, learn, note, idea_on, asked_on, scheduled_for, held_on,"
        " thanked_on, followed_up_on, outcome, interaction_id"
        " FROM informational_interviews ORDER BY idea_on, id",
    )
