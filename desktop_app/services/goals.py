"""Career goals: create, edit, link, and keep track of who has been told."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from desktop_app.domain.dates import UnconfirmedDateError, question_told_on
from desktop_app.domain.errors import MissingError, RuleError
from desktop_app.domain.goals import GoalDetail, GoalFields, GoalSummary, LinkedName
from desktop_app.domain.values import ChangeSet
from desktop_app.storage import goal_queries as gq
from desktop_app.storage.database import Database

GOALS_CHANGED = ChangeSet(goals_changed=True)


def _check_fields(fields: GoalFields) -> None:
    if not fields.title.strip():
        raise RuleError("A goal needs a title.")


def create_goal(
    db: Database, fields: GoalFields, *, today: date | None = None
) -> tuple[int, ChangeSet]:
    _check_fields(fields)
    with db.transaction() as session:
        goal_id = gq.insert_goal(session, fields, today or date.today())
    return goal_id, GOALS_CHANGED


def update_goal(db: Database, goal_id: int, fields: GoalFields) -> ChangeSet:
    _check_fields(fields)
    with db.transaction() as session:
        if gq.goal_fields(session, goal_id) is None:
            raise MissingError(f"No goal with id {goal_id}.")
        gq.update_goal(session, goal_id, fields)
    return GOALS_CHANGED


def delete_goal(db: Database, goal_id: int) -> ChangeSet:
    with db.transaction() as session:
        gq.delete_goal(session, goal_id)
    return GOALS_CHANGED


def goal(db: Database, goal_id: int) -> GoalDetail | None:
    with db.transaction() as session:
        return gq.goal_detail(session, goal_id)


def goals(db: Database) -> list[GoalSummary]:
    with db.transaction() as session:
        return gq.goal_summaries(session)


def set_links(
    db: Database, goal_id: int, person_ids: Iterable[int], organization_ids: Iterable[int]
) -> ChangeSet:
    """Replace the contacts and organisations that serve a goal."""
    people = frozenset(person_ids)
    with db.transaction() as session:
        before = gq.goal_detail(session, goal_id)
        if before is None:
            raise MissingError(f"No goal with id {goal_id}.")
        gq.set_links(session, goal_id, people, organization_ids)
    touched = people ^ {p.id for p in before.people}
    return ChangeSet(people_changed=touched, organizations_changed=True, goals_changed=True)


def record_disclosure(
    db: Database,
    goal_id: int,
    person_id: int,
    told_on: date | None,
    *,
    today: date | None = None,
    confirmed: bool = False,
) -> ChangeSet:
    """Record when `person_id` was told about the goal (None forgets it)."""
    if told_on is not None:
        questions = question_told_on(told_on, today or date.today())
        if questions and not confirmed:
            raise UnconfirmedDateError(questions)
    with db.transaction() as session:
        gq.set_disclosure(session, goal_id, person_id, told_on)
    return ChangeSet(people_changed=frozenset({person_id}), goals_changed=True)


def disclosure_date(db: Database, goal_id: int, person_id: int) -> date | None:
    with db.transaction() as session:
        return gq.disclosure_date(session, goal_id, person_id)


def goals_serving_person(db: Database, person_id: int) -> tuple[LinkedName, ...]:
    with db.transaction() as session:
        return gq.goals_serving_person(session, person_id)


def organizations(db: Database) -> tuple[LinkedName, ...]:
    with db.transaction() as session:
        return gq.organizations(session)


def serving(db: Database, goal_id: int) -> tuple[set[int], set[int]]:
    """What serves a goal, for the map's highlight: (person ids, organisation ids)."""
    with db.transaction() as session:
        return gq.serving(session, goal_id)
