"""SQL for keeping in touch: cadence facts, pending follow-ups and thank-yous, snoozes,
cadence settings, and logging or deleting interactions.

Nothing here is cached: due dates are derived from the interactions each time, so
deleting an interaction recomputes them by construction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Column, Table, bindparam, delete, insert, select, text, update
from sqlalchemy.orm import Session

from desktop_app.domain.cadence import (
    THANK_YOU_WITHIN_DAYS,
    THANKWORTHY_KINDS,
    CadenceFacts,
    DueReason,
    PendingAction,
)
from desktop_app.domain.enums import DEFAULT_CADENCE_DAYS, Circle
from desktop_app.domain.errors import RuleError
from desktop_app.storage.tables import (
    Base,
    Interaction,
    Person,
    Setting,
    SharedResource,
    interaction_participants,
)

CADENCE_KEY_PREFIX = "cadence."


def as_date(value: object) -> date | None:
    """A date from what SQLite hands back through raw SQL ('YYYY-MM-DD[ HH:MM:SS]')."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def as_circle(value: object) -> Circle | None:
    try:
        return Circle(str(value)) if value else None
    except ValueError:
        return None


_LAST_CONTACT = """
    SELECT ip.person_id AS person_id, MAX(i.occurred_on) AS last_on
    FROM interaction_participants ip JOIN interactions i ON i.id = ip.interaction_id
    GROUP BY ip.person_id
"""


def cadence_facts(session: Session, person_ids: Iterable[int] | None = None) -> list[CadenceFacts]:
    """What the cadence rule needs, for everyone but me (or for `person_ids`)."""
    sql = f"""
        SELECT p.id, p.full_name, p.circle, p.cadence_days, p.created_at, p.met_on,
               p.snoozed_until, lc.last_on
        FROM people p LEFT JOIN ({_LAST_CONTACT}) lc ON lc.person_id = p.id
        WHERE p.is_me = 0
    """
    statement = text(sql)
    params: dict[str, object] = {}
    if person_ids is not None:
        statement = text(sql + " AND p.id IN :ids").bindparams(bindparam("ids", expanding=True))
        params["ids"] = list(person_ids)
    facts = []
    for row in session.execute(statement, params):
        added = as_date(row[4]) or date.today()
        facts.append(
            CadenceFacts(
                person_id=row[0],
                name=row[1],
                circle=as_circle(row[2]),
                cadence_override=row[3],
                added_on=added,
                last_contact=as_date(row[7]),
                snoozed_until=as_date(row[6]),
            )
        )
    return facts


def pending_actions(session: Session) -> list[PendingAction]:
    """Follow-ups and thank-yous not yet answered by a later interaction with that person.

    "Later" means a later date, or the same date logged afterwards (a higher id).
    """
    kinds = ", ".join(f"'{k.value}'" for k in sorted(THANKWORTHY_KINDS))
    sql = f"""
        WITH ranked AS (
            SELECT ip.person_id, i.id, i.occurred_on, i.kind, i.direction, i.note,
                   i.follow_up_on, i.follow_up_done,
                   ROW_NUMBER() OVER (
                       PARTITION BY ip.person_id ORDER BY i.occurred_on DESC, i.id DESC
                   ) AS recency
            FROM interaction_participants ip JOIN interactions i ON i.id = ip.interaction_id
        )
        SELECT r.person_id, p.full_name, p.snoozed_until, r.id, r.occurred_on, r.kind,
               r.direction, r.note, r.follow_up_on, r.follow_up_done
        FROM ranked r JOIN people p ON p.id = r.person_id
        WHERE r.recency = 1 AND p.is_me = 0
          AND ((r.follow_up_on IS NOT NULL AND r.follow_up_done = 0)
               OR (r.direction = 'asked' AND r.kind IN ({kinds})))
    """
    actions = []
    for row in session.execute(text(sql)):
        person_id, name, snoozed, interaction_id, occurred = row[0], row[1], row[2], row[3], row[4]
        kind, direction, note, follow_up_on, done = row[5], row[6], row[7], row[8], row[9]
        snoozed_until = as_date(snoozed)
        occurred_on = as_date(occurred)
        assert occurred_on is not None
        if follow_up_on is not None and not done:
            due = as_date(follow_up_on)
            assert due is not None
            actions.append(
                PendingAction(
                    person_id, name, DueReason.FOLLOW_UP, due, interaction_id, note, snoozed_until
                )
            )
        if direction == "asked" and kind in THANKWORTHY_KINDS:
            label = kind.replace("_", " ")
            actions.append(
                PendingAction(
                    person_id,
                    name,
                    DueReason.THANK_YOU,
                    occurred_on + timedelta(days=THANK_YOU_WITHIN_DAYS),
                    interaction_id,
                    f"For the {label} on {occurred_on.isoformat()}",
                    snoozed_until,
                )
            )
    return actions


def cadence_per_circle(session: Session) -> dict[Circle, int]:
    """The network's cadence per circle: stored choices over the defaults."""
    result = dict(DEFAULT_CADENCE_DAYS)
    rows = session.execute(
        select(Setting.key, Setting.value).where(Setting.key.startswith(CADENCE_KEY_PREFIX))
    )
    for key, value in rows:
        circle = as_circle(key.removeprefix(CADENCE_KEY_PREFIX))
        if circle is not None and value.isdigit() and int(value) > 0:
            result[circle] = int(value)
    return result


def set_cadence_per_circle(session: Session, days: Mapping[Circle, int]) -> None:
    for circle, value in days.items():
        if value <= 0:
            raise RuleError(f"A cadence must be at least one day, not {value}.")
        key = CADENCE_KEY_PREFIX + circle.value
        setting = session.get(Setting, key)
        if setting is None:
            session.add(Setting(key=key, value=str(value)))
        else:
            setting.value = str(value)
    session.flush()


def snoozed_until(session: Session, person_id: int) -> date | None:
    value = session.execute(select(Person.snoozed_until).where(Person.id == person_id)).scalar()
    return as_date(value)


def set_snoozed_until(session: Session, person_id: int, until: date | None) -> None:
    session.execute(update(Person).where(Person.id == person_id).values(snoozed_until=until))


def existing_person_ids(session: Session, person_ids: Iterable[int]) -> set[int]:
    ids = list(person_ids)
    return set(session.execute(select(Person.id).where(Person.id.in_(ids))).scalars())


def insert_interaction(
    session: Session,
    *,
    occurred_on: date,
    kind: str,
    direction: str,
    note: str,
    follow_up_on: date | None,
    participant_ids: Iterable[int],
) -> int:
    """Insert one interaction with its participants; returns its id."""
    interaction_id = session.execute(
        insert(Interaction)
        .values(
            occurred_on=occurred_on,
            kind=kind,
            direction=direction,
            note=note,
            follow_up_on=follow_up_on,
            follow_up_done=False,
        )
        .returning(Interaction.id)
    ).scalar_one()
    rows = [{"interaction_id": interaction_id, "person_id": pid} for pid in participant_ids]
    if rows:
        session.execute(insert(interaction_participants), rows)
    from desktop_app.storage.events_repository import record_current_versions

    record_current_versions(session, interaction_id)  # who heard which pitch version
    return interaction_id


# An interaction's own rows, parent first; what an undo of its delete puts back.
_INTERACTION_TABLES = (
    "interactions",
    "interaction_participants",
    "shared_resources",
    "interaction_document_versions",
)


def interaction_rows(session: Session, interaction_id: int) -> dict[str, list[dict[str, object]]]:
    """The rows of one interaction (with participants and shared resource), for undo; under
    "links", the rows whose reference to it (`ON DELETE SET NULL`: the feedback round or mock
    interview that logged it) a delete will blank."""
    result: dict[str, list[dict[str, object]]] = {}
    for table in _INTERACTION_TABLES:
        key = "id" if table == "interactions" else "interaction_id"
        rows = session.execute(
            text(f"SELECT * FROM {table} WHERE {key} = :id"), {"id": interaction_id}
        )
        result[table] = [dict(row._mapping) for row in rows]
    result["links"] = [
        {"table": table.name, "column": column.name, "id": row_id}
        for table, column in _links_to_interactions()
        for row_id in session.scalars(select(table.c.id).where(column == interaction_id))
    ]
    return result


def restore_interaction_rows(session: Session, rows: dict[str, list[dict[str, object]]]) -> None:
    """Put back what `interaction_rows` read, ids and links included."""
    for table in _INTERACTION_TABLES:
        for row in rows.get(table, []):
            columns = ", ".join(row)
            marks = ", ".join(f":{c}" for c in row)
            session.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({marks})"), row)
    if not rows["interactions"]:
        return
    [interaction] = rows["interactions"]
    links = {(t.name, c.name): (t, c) for t, c in _links_to_interactions()}
    for link in rows.get("links", []):
        referrer, column = links[(str(link["table"]), str(link["column"]))]
        session.execute(
            update(referrer)
            .where(referrer.c.id == link["id"], column.is_(None))
            .values({column.name: interaction["id"]})
        )


def _links_to_interactions() -> list[tuple[Table, Column[Any]]]:
    """(table, column) of every `ON DELETE SET NULL` reference to an interaction, from the
    schema itself, so a table added later is covered."""
    return [
        (table, fk.parent)
        for table in Base.metadata.sorted_tables
        for fk in table.foreign_keys
        if fk.column.table.name == "interactions" and fk.ondelete == "SET NULL"
    ]


def interaction_participant_ids(session: Session, interaction_id: int) -> tuple[int, ...]:
    column = interaction_participants.c
    rows = session.execute(
        select(column.person_id).where(column.interaction_id == interaction_id)
    ).scalars()
    return tuple(sorted(rows))


def delete_interaction(session: Session, interaction_id: int) -> None:
    """Delete an interaction; its participants and shared resource go with it (cascade)."""
    session.execute(delete(Interaction).where(Interaction.id == interaction_id))


def set_follow_up_done(session: Session, interaction_id: int, done: bool) -> None:
    session.execute(
        update(Interaction).where(Interaction.id == interaction_id).values(follow_up_done=done)
    )


def follow_up_done(session: Session, interaction_id: int) -> bool:
    value = session.execute(
        select(Interaction.follow_up_done).where(Interaction.id == interaction_id)
    ).scalar()
    return bool(value)


def person_choices(session: Session) -> list[tuple[int, str, str]]:
    """(id, name, current organisation) of everyone but me, by name: for type-ahead."""
    rows = session.execute(
        text(
            """SELECT p.id, p.full_name, COALESCE((
                   SELECT o.name FROM employment e JOIN organizations o ON o.id = e.organization_id
                   WHERE e.person_id = p.id AND e."current" = 1 ORDER BY e.id DESC LIMIT 1), '')
               FROM people p WHERE p.is_me = 0 ORDER BY p.full_name COLLATE NOCASE, p.id"""
        )
    )
    return [(r[0], r[1], r[2]) for r in rows]


def update_interaction(
    session: Session,
    interaction_id: int,
    *,
    occurred_on: date,
    kind: str,
    direction: str,
    note: str,
    follow_up_on: date | None,
    participant_ids: Iterable[int],
    follow_up_done: bool | None = None,
) -> None:
    """Rewrite one interaction in place, its participants included; its shared resource,
    if any, is removed (the caller adds the new one). Without `follow_up_done`, a
    follow-up stays done only if its date did not change."""
    before = session.execute(
        select(Interaction.follow_up_on, Interaction.follow_up_done).where(
            Interaction.id == interaction_id
        )
    ).one()
    if follow_up_done is None:
        follow_up_done = before.follow_up_done and before.follow_up_on == follow_up_on
    session.execute(
        update(Interaction)
        .where(Interaction.id == interaction_id)
        .values(
            occurred_on=occurred_on,
            kind=kind,
            direction=direction,
            note=note,
            follow_up_on=follow_up_on,
            follow_up_done=follow_up_done,
        )
    )
    column = interaction_participants.c
    session.execute(delete(interaction_participants).where(column.interaction_id == interaction_id))
    rows = [{"interaction_id": interaction_id, "person_id": pid} for pid in participant_ids]
    if rows:
        session.execute(insert(interaction_participants), rows)
    session.execute(delete(SharedResource).where(SharedResource.interaction_id == interaction_id))
