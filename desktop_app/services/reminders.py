"""The Due list, check-in windows, snoozes and the network's cadence per circle."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.domain.cadence import (
    CheckIn,
    CheckInState,
    DueItem,
    DueReason,
    cadence_for,
    check_in,
    due_items,
    first_per_person,
    overall_state,
    sort_due,
)
from desktop_app.domain.dates import UnconfirmedDateError, question_snooze
from desktop_app.domain.enums import Circle
from desktop_app.domain.errors import MissingError
from desktop_app.domain.values import ChangeSet
from desktop_app.storage import nurture_queries as q
from desktop_app.storage.database import Database


def due_list(db: Database, today: date | None = None, *, within_days: int = 0) -> list[DueItem]:
    """Every due item (cadence, follow-up, thank-you) by `today + within_days`, earliest
    first; a person may appear once per reason."""
    today = today or date.today()
    with db.transaction() as session:
        per_circle = q.cadence_per_circle(session)
        people = q.cadence_facts(session)
        pending = q.pending_actions(session)
    items = due_items(people, pending, today, within_days=within_days, per_circle=per_circle)
    return sort_due(items + interview_steps_due(db, today, within_days))


def interview_steps_due(db: Database, today: date, within_days: int) -> list[DueItem]:
    """Steps of informational interviews that wait on me, due by `today + within_days`."""
    from desktop_app.services.interviews import waiting

    horizon = today + timedelta(days=max(0, within_days))
    return [
        DueItem(
            step.person_id,
            step.name,
            step.due,
            DueReason.INTERVIEW,
            step.action,
            None,
            CheckInState.ON_TRACK if step.due > today else CheckInState.DUE,
        )
        for step in waiting(db)
        if step.due <= horizon
    ]


def due_people(db: Database, today: date | None = None, *, within_days: int = 0) -> list[DueItem]:
    """One line per person: their earliest due item (what `trellis due` prints)."""
    return first_per_person(due_list(db, today, within_days=within_days))


@dataclass(frozen=True, slots=True)
class CheckInInfo:
    """A person's check-in window for the table, detail panel and map."""

    person_id: int
    cadence_days: int | None
    last_contact: date | None
    window: CheckIn | None
    state: CheckInState
    snoozed_until: date | None

    @property
    def ideal(self) -> date | None:
        return None if self.window is None else self.window.ideal

    @property
    def latest(self) -> date | None:
        return None if self.window is None else self.window.latest


def check_ins(
    db: Database, person_ids: Iterable[int] | None = None, today: date | None = None
) -> dict[int, CheckInInfo]:
    """Check-in windows by person id (everyone but me when `person_ids` is None)."""
    today = today or date.today()
    with db.transaction() as session:
        per_circle = q.cadence_per_circle(session)
        facts = q.cadence_facts(session, person_ids)
    result = {}
    for f in facts:
        cadence = cadence_for(f.circle, f.cadence_override, per_circle)
        window = check_in(f.last_contact, f.added_on, cadence)
        state = CheckInState.NONE if window is None else window.state(today)
        result[f.person_id] = CheckInInfo(
            f.person_id, cadence, f.last_contact, window, state, f.snoozed_until
        )
    return result


def snooze(
    db: Database,
    person_id: int,
    until: date | None,
    *,
    today: date | None = None,
    confirmed: bool = False,
) -> ChangeSet:
    """Hide a person's due items until `until` (None wakes them up now).

    Raises `ImplausibleDateError` for a date already past and `UnconfirmedDateError`
    for one more than a year away unless `confirmed`.
    """
    today = today or date.today()
    if until is not None:
        questions = question_snooze(until, today)
        if questions and not confirmed:
            raise UnconfirmedDateError(questions)
    with db.transaction() as session:
        if not q.existing_person_ids(session, [person_id]):
            raise MissingError(f"No person with id {person_id}.")
        q.set_snoozed_until(session, person_id, until)
    return ChangeSet(people_changed=frozenset({person_id}))


def snoozed_until(db: Database, person_id: int) -> date | None:
    with db.transaction() as session:
        return q.snoozed_until(session, person_id)


def cadence_per_circle(db: Database) -> dict[Circle, int]:
    with db.transaction() as session:
        return q.cadence_per_circle(session)


def set_cadence_per_circle(db: Database, days: Mapping[Circle, int]) -> ChangeSet:
    """Store the network's cadences; the change set names everyone whose rhythm moved."""
    with db.transaction() as session:
        before = q.cadence_per_circle(session)
        q.set_cadence_per_circle(session, days)
        moved = {c for c, d in days.items() if before.get(c) != d}
        affected = {
            f.person_id
            for f in q.cadence_facts(session)
            if f.circle in moved and f.cadence_override is None
        }
    return ChangeSet(people_changed=frozenset(affected))


def due_summary(items: list[DueItem], *, names_shown: int = 3) -> str:
    """One quiet sentence about who is due, for the start-up notification."""
    people = first_per_person(items)
    if not people:
        return ""
    names = [i.name for i in people[:names_shown]]
    rest = len(people) - len(names)
    if rest:
        listed = f"{', '.join(names)} and {rest} more"
    elif len(names) > 1:
        listed = f"{', '.join(names[:-1])} and {names[-1]}"
    else:
        listed = names[0]
    return f"Time to get in touch with {listed}."


def check_in_states(db: Database, today: date | None = None) -> dict[int, CheckInState]:
    """Everyone's colour state (as in the contact table): for the map and other overviews."""
    today = today or date.today()
    with db.transaction() as session:
        per_circle = q.cadence_per_circle(session)
        facts = q.cadence_facts(session)
        follow_ups = {
            a.person_id: a.due
            for a in q.pending_actions(session)
            if a.reason is DueReason.FOLLOW_UP
        }
    return {
        f.person_id: overall_state(
            f.last_contact,
            f.added_on,
            cadence_for(f.circle, f.cadence_override, per_circle),
            today,
            follow_ups.get(f.person_id),
            f.snoozed_until,
        )
        for f in facts
    }
