"""SQL for goals: the goals themselves, their links, and who has been told."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import bindparam, delete, insert, select, text, update
from sqlalchemy.orm import Session

from desktop_app.domain.goals import (
    CIRCLES_TO_TELL,
    Disclosure,
    GoalDetail,
    GoalFields,
    GoalSummary,
    LinkedName,
)
from desktop_app.storage.nurture_queries import as_date
from desktop_app.storage.tables import Goal, GoalDisclosure, goal_organizations, goal_people

_CIRCLES = tuple(c.value for c in CIRCLES_TO_TELL)


def _values(fields: GoalFields) -> dict[str, object]:
    return {
        "title": fields.title.strip(),
        "target_roles": fields.target_roles.strip(),
        "target_industries": fields.target_industries.strip(),
        "note": fields.note,
        "achieved_on": fields.achieved_on,
    }


def insert_goal(session: Session, fields: GoalFields, created_on: date) -> int:
    values = _values(fields) | {"created_on": fields.created_on or created_on}
    return session.execute(insert(Goal).values(**values).returning(Goal.id)).scalar_one()


def update_goal(session: Session, goal_id: int, fields: GoalFields) -> None:
    values = _values(fields)
    if fields.created_on is not None:
        values["created_on"] = fields.created_on
    session.execute(update(Goal).where(Goal.id == goal_id).values(**values))


def delete_goal(session: Session, goal_id: int) -> None:
    session.execute(delete(Goal).where(Goal.id == goal_id))


def goal_fields(session: Session, goal_id: int) -> GoalFields | None:
    goal = session.get(Goal, goal_id)
    if goal is None:
        return None
    return GoalFields(
        goal.title,
        goal.target_roles,
        goal.target_industries,
        goal.note,
        goal.created_on,
        goal.achieved_on,
    )


def set_links(
    session: Session, goal_id: int, person_ids: Iterable[int], organization_ids: Iterable[int]
) -> None:
    """Replace the people and organisations a goal is linked to."""
    session.execute(delete(goal_people).where(goal_people.c.goal_id == goal_id))
    session.execute(delete(goal_organizations).where(goal_organizations.c.goal_id == goal_id))
    people = [{"goal_id": goal_id, "person_id": p} for p in dict.fromkeys(person_ids)]
    orgs = [{"goal_id": goal_id, "organization_id": o} for o in dict.fromkeys(organization_ids)]
    if people:
        session.execute(insert(goal_people), people)
    if orgs:
        session.execute(insert(goal_organizations), orgs)


def disclosure_date(session: Session, goal_id: int, person_id: int) -> date | None:
    value = session.execute(
        select(GoalDisclosure.told_on).where(
            GoalDisclosure.goal_id == goal_id, GoalDisclosure.person_id == person_id
        )
    ).scalar()
    return as_date(value)


def set_disclosure(session: Session, goal_id: int, person_id: int, told_on: date | None) -> None:
    """Record (or with None, forget) when `person_id` was told about the goal."""
    session.execute(
        delete(GoalDisclosure).where(
            GoalDisclosure.goal_id == goal_id, GoalDisclosure.person_id == person_id
        )
    )
    if told_on is not None:
        session.execute(
            insert(GoalDisclosure).values(goal_id=goal_id, person_id=person_id, told_on=told_on)
        )


def _names(session: Session, sql: str, **params: object) -> tuple[LinkedName, ...]:
    return tuple(LinkedName(r[0], r[1]) for r in session.execute(text(sql), params))


def goal_detail(session: Session, goal_id: int) -> GoalDetail | None:
    fields = goal_fields(session, goal_id)
    if fields is None:
        return None
    people = _names(
        session,
        """SELECT p.id, p.full_name FROM goal_people g JOIN people p ON p.id = g.person_id
           WHERE g.goal_id = :goal ORDER BY p.full_name""",
        goal=goal_id,
    )
    orgs = _names(
        session,
        """SELECT o.id, o.name FROM goal_organizations g
           JOIN organizations o ON o.id = g.organization_id
           WHERE g.goal_id = :goal ORDER BY o.name""",
        goal=goal_id,
    )
    rows = session.execute(
        text(
            """SELECT p.id, p.full_name, d.told_on, p.circle FROM goal_disclosures d
               JOIN people p ON p.id = d.person_id
               WHERE d.goal_id = :goal ORDER BY d.told_on DESC, p.full_name"""
        ),
        {"goal": goal_id},
    ).all()
    disclosures = []
    for r in rows:
        told_on = as_date(r[2])
        assert told_on is not None
        disclosures.append(Disclosure(r[0], r[1], told_on))
    told_in_circles = sum(1 for r in rows if r[3] in _CIRCLES)
    return GoalDetail(
        goal_id,
        fields,
        people,
        orgs,
        tuple(disclosures),
        untold(session, goal_id),
        told_in_circles,
    )


def untold(session: Session, goal_id: int) -> tuple[LinkedName, ...]:
    """People of the inner circles who have not been told about the goal yet."""
    statement = text(
        """SELECT p.id, p.full_name FROM people p
           WHERE p.is_me = 0 AND p.circle IN :circles
             AND NOT EXISTS (SELECT 1 FROM goal_disclosures d
                             WHERE d.goal_id = :goal AND d.person_id = p.id)
           ORDER BY CASE p.circle WHEN 'inner' THEN 0 ELSE 1 END, p.full_name"""
    ).bindparams(bindparam("circles", expanding=True))
    rows = session.execute(statement, {"goal": goal_id, "circles": list(_CIRCLES)})
    return tuple(LinkedName(r[0], r[1]) for r in rows)


def goal_summaries(session: Session) -> list[GoalSummary]:
    """Every goal with its counts, open goals first, newest first."""
    statement = text(
        """SELECT g.id, g.title, g.achieved_on IS NOT NULL,
               (SELECT COUNT(*) FROM goal_people x WHERE x.goal_id = g.id),
               (SELECT COUNT(*) FROM goal_organizations x WHERE x.goal_id = g.id),
               (SELECT COUNT(*) FROM goal_disclosures x WHERE x.goal_id = g.id),
               (SELECT COUNT(*) FROM goal_disclosures x JOIN people p ON p.id = x.person_id
                 WHERE x.goal_id = g.id AND p.circle IN :circles AND p.is_me = 0),
               (SELECT COUNT(*) FROM people p WHERE p.is_me = 0 AND p.circle IN :circles)
           FROM goals g ORDER BY g.achieved_on IS NOT NULL, g.created_on DESC, g.id DESC"""
    ).bindparams(bindparam("circles", expanding=True))
    result = []
    for r in session.execute(statement, {"circles": list(_CIRCLES)}):
        told_in_circles, in_circles = int(r[6]), int(r[7])
        result.append(
            GoalSummary(
                id=r[0],
                title=r[1],
                achieved=bool(r[2]),
                people=int(r[3]),
                organizations=int(r[4]),
                told=int(r[5]),
                told_in_circles=told_in_circles,
                untold=in_circles - told_in_circles,
            )
        )
    return result


def goals_serving_person(session: Session, person_id: int) -> tuple[LinkedName, ...]:
    """Goals a person serves: linked directly, or through where they work now."""
    return _names(
        session,
        """SELECT g.id, g.title FROM goals g WHERE
               EXISTS (SELECT 1 FROM goal_people x WHERE x.goal_id = g.id
                       AND x.person_id = :person)
            OR EXISTS (SELECT 1 FROM goal_organizations x JOIN employment e
                       ON e.organization_id = x.organization_id
                       WHERE x.goal_id = g.id AND e.person_id = :person AND e."current" = 1)
           ORDER BY g.title""",
        person=person_id,
    )


def organizations(session: Session) -> tuple[LinkedName, ...]:
    rows = session.execute(text("SELECT id, name FROM organizations ORDER BY name"))
    return tuple(LinkedName(r[0], r[1]) for r in rows)


def disclosures_to_person(session: Session, person_id: int) -> list[tuple[str, date]]:
    """(goal title, told on) for every goal this person has been told about."""
    rows = session.execute(
        text(
            """SELECT g.title, d.told_on FROM goal_disclosures d JOIN goals g ON g.id = d.goal_id
               WHERE d.person_id = :person ORDER BY d.told_on DESC"""
        ),
        {"person": person_id},
    )
    result = []
    for title, told in rows:
        told_on = as_date(told)
        assert told_on is not None
        result.append((title, told_on))
    return result


def serving(session: Session, goal_id: int) -> tuple[set[int], set[int]]:
    """(person ids, organisation ids) that serve a goal: linked people, linked organisations
    and the people working there now."""
    orgs = {
        r[0]
        for r in session.execute(
            text("SELECT organization_id FROM goal_organizations WHERE goal_id = :goal"),
            {"goal": goal_id},
        )
    }
    people = {
        r[0]
        for r in session.execute(
            text(
                """SELECT person_id FROM goal_people WHERE goal_id = :goal
                   UNION
                   SELECT e.person_id FROM employment e JOIN goal_organizations x
                     ON x.organization_id = e.organization_id
                   WHERE x.goal_id = :goal AND e."current" = 1"""
            ),
            {"goal": goal_id},
        )
    }
    return people, orgs
