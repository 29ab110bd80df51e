"""SQL for groups, events, the informational-interview pipeline and which document
version each interaction heard."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop_app.domain.events import InterviewFacts, InterviewStage
from desktop_app.storage.nurture_queries import as_date

Row = dict[str, Any]

# The tables an undo of an events edit puts back as a whole (they stay small: a person's
# groups, events and interviews), parents first.
EVENT_TABLES = ("groups", "group_members", "events", "event_people", "informational_interviews")

STAGE_COLUMNS = {
    InterviewStage.IDEA: "idea_on",
    InterviewStage.ASKED: "asked_on",
    InterviewStage.SCHEDULED: "scheduled_for",
    InterviewStage.HELD: "held_on",
    InterviewStage.THANKED: "thanked_on",
    InterviewStage.FOLLOWED_UP: "followed_up_on",
}


def as_datetime(value: object) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _insert(session: Session, table: str, values: Row) -> int:
    columns = ", ".join(values)
    marks = ", ".join(f":{c}" for c in values)
    result = session.execute(
        text(f"INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING rowid"), values
    )
    return int(result.scalar_one())


# -- groups ------------------------------------------------------------------------------


def insert_group(session: Session, name: str, kind: str, url: str, note: str, me: bool) -> int:
    values = {"name": name, "kind": kind, "url": url, "note": note, "i_am_member": me}
    return _insert(session, "groups", values)


def group_row(session: Session, group_id: int) -> Row | None:
    row = session.execute(text("SELECT * FROM groups WHERE id = :id"), {"id": group_id}).first()
    return None if row is None else dict(row._mapping)


def group_rows(session: Session) -> list[Row]:
    rows = session.execute(
        text(
            """SELECT g.*, (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id) AS members
               FROM groups g ORDER BY g.name COLLATE NOCASE, g.id"""
        )
    )
    return [dict(r._mapping) for r in rows]


def is_member(session: Session, group_id: int, person_id: int) -> bool:
    row = session.execute(
        text("SELECT 1 FROM group_members WHERE group_id = :g AND person_id = :p"),
        {"g": group_id, "p": person_id},
    ).first()
    return row is not None


def insert_member(
    session: Session, group_id: int, person_id: int, since: date | None, until: date | None
) -> int:
    values = {"group_id": group_id, "person_id": person_id, "since": since, "until": until}
    return _insert(session, "group_members", values)


def update_group(
    session: Session, group_id: int, name: str, kind: str, url: str, note: str, me: bool
) -> None:
    session.execute(
        text(
            "UPDATE groups SET name = :name, kind = :kind, url = :url, note = :note,"
            " i_am_member = :me WHERE id = :id"
        ),
        {"name": name, "kind": kind, "url": url, "note": note, "me": me, "id": group_id},
    )


def delete_group(session: Session, group_id: int) -> None:
    """Delete a group: its memberships go with it, its events stay without a group."""
    session.execute(text("DELETE FROM group_members WHERE group_id = :g"), {"g": group_id})
    session.execute(text("UPDATE events SET group_id = NULL WHERE group_id = :g"), {"g": group_id})
    session.execute(text("DELETE FROM groups WHERE id = :g"), {"g": group_id})


def group_event_count(session: Session, group_id: int) -> int:
    value = session.execute(
        text("SELECT COUNT(*) FROM events WHERE group_id = :g"), {"g": group_id}
    ).scalar()
    return int(value or 0)


def set_member_until(session: Session, group_id: int, person_id: int, until: date | None) -> None:
    session.execute(
        text('UPDATE group_members SET "until" = :u WHERE group_id = :g AND person_id = :p'),
        {"u": until, "g": group_id, "p": person_id},
    )


def member_rows(session: Session, group_id: int | None = None) -> list[Row]:
    """(group_id, person_id, name, since, until) of current and past members."""
    where = "" if group_id is None else "WHERE m.group_id = :g"
    rows = session.execute(
        text(
            f"""SELECT m.group_id, m.person_id, p.full_name AS name, m.since, m."until"
                FROM group_members m JOIN people p ON p.id = m.person_id {where}
                ORDER BY m.group_id, p.full_name COLLATE NOCASE"""
        ),
        {"g": group_id},
    )
    return [dict(r._mapping) for r in rows]


def shared_groups(session: Session) -> list[tuple[int, str]]:
    """(person_id, group name) for current members of groups I belong to."""
    rows = session.execute(
        text(
            """SELECT m.person_id, g.name FROM group_members m JOIN groups g ON g.id = m.group_id
               WHERE g.i_am_member = 1 AND m."until" IS NULL ORDER BY g.name, m.person_id"""
        )
    )
    return [(int(r[0]), str(r[1])) for r in rows]


# -- events ------------------------------------------------------------------------------


def insert_event(
    session: Session,
    title: str,
    starts_at: datetime,
    ends_at: datetime | None,
    place: str,
    group_id: int | None,
    notes: str,
) -> int:
    values = {
        "title": title,
        "starts_at": starts_at.isoformat(sep=" "),
        "ends_at": None if ends_at is None else ends_at.isoformat(sep=" "),
        "place": place,
        "group_id": group_id,
        "notes": notes,
    }
    return _insert(session, "events", values)


def update_event(
    session: Session,
    event_id: int,
    title: str,
    starts_at: datetime,
    ends_at: datetime | None,
    place: str,
    group_id: int | None,
    notes: str,
) -> None:
    values = {
        "id": event_id,
        "title": title,
        "starts_at": starts_at.isoformat(sep=" "),
        "ends_at": None if ends_at is None else ends_at.isoformat(sep=" "),
        "place": place,
        "group_id": group_id,
        "notes": notes,
    }
    session.execute(
        text(
            "UPDATE events SET title = :title, starts_at = :starts_at, ends_at = :ends_at,"
            " place = :place, group_id = :group_id, notes = :notes WHERE id = :id"
        ),
        values,
    )


def delete_event(session: Session, event_id: int) -> None:
    """Delete an event: who was going and whom I met there go with it; its interactions
    stay, belonging to no event."""
    session.execute(text("DELETE FROM event_people WHERE event_id = :e"), {"e": event_id})
    session.execute(
        text("UPDATE interactions SET event_id = NULL WHERE event_id = :e"), {"e": event_id}
    )
    session.execute(text("DELETE FROM events WHERE id = :e"), {"e": event_id})


def event_rows(session: Session, event_id: int | None = None) -> list[Row]:
    """Events with their group's name, by start."""
    where = "" if event_id is None else "WHERE e.id = :id"
    rows = session.execute(
        text(
            f"""SELECT e.id, e.title, e.starts_at, e.ends_at, e.place, e.group_id, e.notes,
                       COALESCE(g.name, '') AS group_name
                FROM events e LEFT JOIN groups g ON g.id = e.group_id {where}
                ORDER BY e.starts_at, e.id"""
        ),
        {"id": event_id},
    )
    result = []
    for r in rows:
        row = dict(r._mapping)
        row["starts_at"] = as_datetime(row["starts_at"])
        row["ends_at"] = as_datetime(row["ends_at"])
        result.append(row)
    return result


def event_people(session: Session) -> dict[int, dict[str, list[tuple[int, str]]]]:
    """event id → role → [(person id, name)] by name."""
    rows = session.execute(
        text(
            """SELECT ep.event_id, ep.role, ep.person_id, p.full_name FROM event_people ep
               JOIN people p ON p.id = ep.person_id
               ORDER BY ep.event_id, p.full_name COLLATE NOCASE, p.id"""
        )
    )
    result: dict[int, dict[str, list[tuple[int, str]]]] = {}
    for event_id, role, person_id, name in rows:
        result.setdefault(event_id, {}).setdefault(role, []).append((person_id, name))
    return result


def has_event_person(session: Session, event_id: int, person_id: int, role: str) -> bool:
    row = session.execute(
        text("SELECT 1 FROM event_people WHERE event_id = :e AND person_id = :p AND role = :r"),
        {"e": event_id, "p": person_id, "r": role},
    ).first()
    return row is not None


def insert_event_person(session: Session, event_id: int, person_id: int, role: str) -> None:
    session.execute(
        text("INSERT INTO event_people (event_id, person_id, role) VALUES (:e, :p, :r)"),
        {"e": event_id, "p": person_id, "r": role},
    )


def set_interaction_event(session: Session, interaction_id: int, event_id: int | None) -> None:
    session.execute(
        text("UPDATE interactions SET event_id = :e WHERE id = :i"),
        {"e": event_id, "i": interaction_id},
    )


def event_interaction_ids(session: Session) -> dict[int, list[int]]:
    rows = session.execute(
        text("SELECT event_id, id FROM interactions WHERE event_id IS NOT NULL ORDER BY id")
    )
    result: dict[int, list[int]] = {}
    for event_id, interaction_id in rows:
        result.setdefault(int(event_id), []).append(int(interaction_id))
    return result


def people_named(session: Session, name: str) -> list[tuple[int, str]]:
    """(id, current organisation) of everyone but me called `name` (case aside)."""
    rows = session.execute(
        text(
            """SELECT p.id, COALESCE((
                   SELECT o.name FROM employment e JOIN organizations o ON o.id = e.organization_id
                   WHERE e.person_id = p.id AND e."current" = 1 ORDER BY e.id DESC LIMIT 1), '')
               FROM people p WHERE p.is_me = 0 AND p.full_name = :name COLLATE NOCASE
               ORDER BY p.id"""
        ),
        {"name": name.strip()},
    )
    return [(int(r[0]), str(r[1])) for r in rows]


# -- informational interviews -----------------------------------------------------------


def insert_interview(session: Session, person_id: int, learn: str, note: str, on: date) -> int:
    values = {
        "person_id": person_id,
        "stage": InterviewStage.IDEA.value,
        "learn": learn,
        "note": note,
        "idea_on": on,
        "outcome": "",
    }
    return _insert(session, "informational_interviews", values)


def set_stage(
    session: Session, interview_id: int, stage: InterviewStage, on: date, outcome: str = ""
) -> None:
    column = STAGE_COLUMNS[stage]
    session.execute(
        text(
            f"UPDATE informational_interviews SET stage = :stage, {column} = :on,"
            " outcome = CASE WHEN :outcome = '' THEN outcome ELSE :outcome END WHERE id = :id"
        ),
        {"stage": stage.value, "on": on, "outcome": outcome, "id": interview_id},
    )


def interview_facts(session: Session, interview_id: int | None = None) -> list[InterviewFacts]:
    where = "" if interview_id is None else "WHERE i.id = :id"
    rows = session.execute(
        text(
            f"""SELECT i.*, p.full_name AS name, COALESCE((
                    SELECT o.name FROM employment e JOIN organizations o ON o.id = e.organization_id
                    WHERE e.person_id = p.id AND e."current" = 1 ORDER BY e.id DESC LIMIT 1), '')
                    AS organization
                FROM informational_interviews i JOIN people p ON p.id = i.person_id {where}
                ORDER BY i.idea_on, i.id"""
        ),
        {"id": interview_id},
    )
    result = []
    for r in rows:
        row = r._mapping
        result.append(
            InterviewFacts(
                id=row["id"],
                person_id=row["person_id"],
                name=row["name"],
                stage=InterviewStage(row["stage"]),
                dates={stage: as_date(row[col]) for stage, col in STAGE_COLUMNS.items()},
                organization=row["organization"],
                learn=row["learn"],
                outcome=row["outcome"],
            )
        )
    return result


def offer_dates(session: Session) -> list[date]:
    rows = session.execute(text("SELECT occurred_on FROM interactions WHERE kind = 'offer'"))
    return [d for d in (as_date(r[0]) for r in rows) if d is not None]


def set_interview_interaction(session: Session, interview_id: int, interaction_id: int) -> None:
    session.execute(
        text("UPDATE informational_interviews SET interaction_id = :i WHERE id = :id"),
        {"i": interaction_id, "id": interview_id},
    )


def my_name(session: Session) -> str:
    value = session.execute(text("SELECT full_name FROM people WHERE is_me = 1")).scalar()
    return "" if value is None else str(value)


def latest_pitch(session: Session) -> tuple[str, int, str] | None:
    """(title, version number, text) of the newest version of my latest pitch."""
    row = session.execute(
        text(
            """SELECT d.title, v.number, COALESCE(v.body, '') FROM documents d
               JOIN document_versions v ON v.document_id = d.id
               WHERE d.kind = 'pitch' AND v.body IS NOT NULL
               ORDER BY v.created_at DESC, v.id DESC LIMIT 1"""
        )
    ).first()
    return None if row is None else (str(row[0]), int(row[1]), str(row[2]))


# -- who heard which version -------------------------------------------------------------


def record_current_versions(session: Session, interaction_id: int) -> None:
    """Remember the latest version of every document as the one current at this interaction."""
    session.execute(
        text(
            """INSERT OR IGNORE INTO interaction_document_versions (interaction_id, version_id)
               SELECT :i, v.id FROM document_versions v
               WHERE v.number = (SELECT MAX(number) FROM document_versions w
                                 WHERE w.document_id = v.document_id)"""
        ),
        {"i": interaction_id},
    )


def forget_versions(session: Session, interaction_id: int) -> None:
    session.execute(
        text("DELETE FROM interaction_document_versions WHERE interaction_id = :i"),
        {"i": interaction_id},
    )


def heard_versions(session: Session, document_id: int) -> list[tuple[int, str, int, date]]:
    """(person id, name, newest version number heard, last date heard) for everyone who was
    in an interaction that recorded a version of `document_id`."""
    rows = session.execute(
        text(
            """SELECT ip.person_id, p.full_name, MAX(v.number), MAX(i.occurred_on)
               FROM interaction_document_versions idv
               JOIN document_versions v ON v.id = idv.version_id
               JOIN interactions i ON i.id = idv.interaction_id
               JOIN interaction_participants ip ON ip.interaction_id = i.id
               JOIN people p ON p.id = ip.person_id
               WHERE v.document_id = :d AND p.is_me = 0
               GROUP BY ip.person_id ORDER BY p.full_name COLLATE NOCASE"""
        ),
        {"d": document_id},
    )
    result = []
    for person_id, name, number, day in rows:
        heard_on = as_date(day)
        assert heard_on is not None
        result.append((int(person_id), str(name), int(number), heard_on))
    return result


def latest_version_number(session: Session, document_id: int) -> int | None:
    value = session.execute(
        text("SELECT MAX(number) FROM document_versions WHERE document_id = :d"),
        {"d": document_id},
    ).scalar()
    return None if value is None else int(value)


def people_reaching_goal_organizations(session: Session, person_ids: Iterable[int]) -> set[int]:
    """Who of `person_ids` works at a goal organisation or knows someone who does."""
    ids = list(person_ids)
    if not ids:
        return set()
    marks = ", ".join(str(int(i)) for i in ids)
    rows = session.execute(
        text(
            f"""WITH inside AS (
                    SELECT e.person_id FROM employment e
                    JOIN goal_organizations g ON g.organization_id = e.organization_id
                    JOIN goals ON goals.id = g.goal_id
                    WHERE e."current" = 1 AND goals.achieved_on IS NULL)
                SELECT person_id FROM inside WHERE person_id IN ({marks})
                UNION
                SELECT r.a_id FROM relationships r JOIN inside ON inside.person_id = r.b_id
                WHERE r.a_id IN ({marks})
                UNION
                SELECT r.b_id FROM relationships r JOIN inside ON inside.person_id = r.a_id
                WHERE r.b_id IN ({marks})"""
        )
    )
    return {int(r[0]) for r in rows}


# -- undo --------------------------------------------------------------------------------


def snapshot_rows(session: Session) -> dict[str, list[Row]]:
    """Every row of the event tables, and which event each interaction belongs to."""
    result = {
        table: [dict(r._mapping) for r in session.execute(text(f"SELECT * FROM {table}"))]
        for table in EVENT_TABLES
    }
    result["interaction_events"] = [
        {"id": r[0], "event_id": r[1]}
        for r in session.execute(
            text("SELECT id, event_id FROM interactions WHERE event_id IS NOT NULL")
        )
    ]
    return result


def restore_rows(session: Session, rows: dict[str, list[Row]]) -> None:
    """Make the event tables hold exactly `rows` again (see `snapshot_rows`)."""
    for table in reversed(EVENT_TABLES):
        session.execute(text(f"DELETE FROM {table}"))
    for table in EVENT_TABLES:
        for row in rows.get(table, []):
            columns = ", ".join(f'"{c}"' for c in row)
            marks = ", ".join(f":{c}" for c in row)
            session.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({marks})"), row)
    relink_interactions(session, rows)


def relink_interactions(session: Session, rows: dict[str, list[Row]]) -> None:
    """Make each interaction belong to the event `rows` says (to none if not listed)."""
    session.execute(text("UPDATE interactions SET event_id = NULL WHERE event_id IS NOT NULL"))
    for link in rows.get("interaction_events", []):
        session.execute(text("UPDATE interactions SET event_id = :event_id WHERE id = :id"), link)


def defer_foreign_keys(session: Session) -> None:
    """Check references at commit, not per row: a redo puts back people and the event rows
    that refer to each other."""
    session.execute(text("PRAGMA defer_foreign_keys = ON"))


# -- the prep sheet ----------------------------------------------------------------------

_CURRENT_ORG = """COALESCE((
    SELECT o.name FROM employment e JOIN organizations o ON o.id = e.organization_id
    WHERE e.person_id = {p} AND e."current" = 1 ORDER BY e.id DESC LIMIT 1), '')"""


def going_people(session: Session, event_id: int) -> list[tuple[int, str, str]]:
    """(id, name, current organisation) of the people I know are going."""
    rows = session.execute(
        text(
            f"""SELECT p.id, p.full_name, {_CURRENT_ORG.format(p="p.id")}
                FROM event_people ep JOIN people p ON p.id = ep.person_id
                WHERE ep.event_id = :e AND ep.role = 'going'
                ORDER BY p.full_name COLLATE NOCASE, p.id"""
        ),
        {"e": event_id},
    )
    return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]


def one_hop_from(session: Session, person_ids: list[int]) -> list[tuple[str, str, str]]:
    """(name, organisation, via whom) of people tied to `person_ids` whom I know weakly or
    not at all (my tie below medium): the introductions those going could make."""
    if not person_ids:
        return []
    marks = ", ".join(str(int(i)) for i in person_ids)
    rows = session.execute(
        text(
            f"""WITH ties AS (
                    SELECT a_id AS via, b_id AS other, strength FROM relationships
                    UNION ALL SELECT b_id, a_id, strength FROM relationships),
                 mine AS (
                    SELECT t.other FROM ties t JOIN people m ON m.id = t.via AND m.is_me = 1
                    WHERE t.strength >= 3)
                SELECT o.full_name, {_CURRENT_ORG.format(p="o.id")}, v.full_name
                FROM ties t JOIN people o ON o.id = t.other JOIN people v ON v.id = t.via
                WHERE t.via IN ({marks}) AND t.other NOT IN ({marks}) AND o.is_me = 0
                  AND t.other NOT IN (SELECT other FROM mine)
                ORDER BY t.strength DESC, o.full_name COLLATE NOCASE LIMIT 12"""
        )
    )
    return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]


def goal_organizations_of(session: Session, person_ids: list[int]) -> list[tuple[str, str]]:
    """(organisation, goal) for the open goals' organisations where `person_ids` work."""
    if not person_ids:
        return []
    marks = ", ".join(str(int(i)) for i in person_ids)
    rows = session.execute(
        text(
            f"""SELECT DISTINCT o.name, g.title FROM employment e
                JOIN organizations o ON o.id = e.organization_id
                JOIN goal_organizations go ON go.organization_id = o.id
                JOIN goals g ON g.id = go.goal_id
                WHERE e."current" = 1 AND g.achieved_on IS NULL AND e.person_id IN ({marks})
                ORDER BY o.name COLLATE NOCASE, g.title"""
        )
    )
    return [(str(r[0]), str(r[1])) for r in rows]


# -- the map ------------------------------------------------------------------------------


def map_groups(session: Session) -> list[tuple[int, str, bool, tuple[int, ...]]]:
    """(id, name, I am a member, current member ids) of every group."""
    members: dict[int, list[int]] = {}
    for group_id, person_id in session.execute(
        text('SELECT group_id, person_id FROM group_members WHERE "until" IS NULL ORDER BY 1, 2')
    ):
        members.setdefault(int(group_id), []).append(int(person_id))
    rows = session.execute(text("SELECT id, name, i_am_member FROM groups ORDER BY id"))
    return [(int(r[0]), str(r[1]), bool(r[2]), tuple(members.get(int(r[0]), ()))) for r in rows]


def map_events(session: Session) -> list[tuple[int, str, tuple[int, ...]]]:
    """(id, title, ids of people going or met) of every event."""
    people: dict[int, list[int]] = {}
    for event_id, person_id in session.execute(
        text("SELECT DISTINCT event_id, person_id FROM event_people ORDER BY 1, 2")
    ):
        people.setdefault(int(event_id), []).append(int(person_id))
    rows = session.execute(text("SELECT id, title FROM events ORDER BY starts_at, id"))
    return [(int(r[0]), str(r[1]), tuple(people.get(int(r[0]), ()))) for r in rows]


def event_interactions(session: Session, event_id: int) -> list[tuple[date, str, str, str]]:
    """(date, kind, participant names, note) of the interactions belonging to an event."""
    rows = session.execute(
        text(
            """SELECT i.occurred_on, i.kind, (
                   SELECT GROUP_CONCAT(full_name, ', ') FROM (
                       SELECT p.full_name FROM interaction_participants ip
                       JOIN people p ON p.id = ip.person_id
                       WHERE ip.interaction_id = i.id ORDER BY p.full_name)), i.note
               FROM interactions i WHERE i.event_id = :e ORDER BY i.occurred_on, i.id"""
        ),
        {"e": event_id},
    )
    result = []
    for day, kind, names, note in rows:
        occurred = as_date(day)
        assert occurred is not None
        result.append((occurred, str(kind), str(names or ""), str(note or "")))
    return result


# -- the user's own interview request and question bank ----------------------------------


def setting_value(session: Session, key: str) -> str | None:
    value = session.execute(text("SELECT value FROM settings WHERE key = :k"), {"k": key}).scalar()
    return None if value is None else str(value)


def set_setting_value(session: Session, key: str, value: str | None) -> None:
    """Store `value` under `key` (None deletes the setting)."""
    session.execute(text("DELETE FROM settings WHERE key = :k"), {"k": key})
    if value is not None:
        session.execute(
            text("INSERT INTO settings (key, value) VALUES (:k, :v)"), {"k": key, "v": value}
        )
