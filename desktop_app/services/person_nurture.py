"""Everything nurture-related about one person, for the detail panel (one call, one read)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from desktop_app.domain import durations
from desktop_app.domain.cadence import CheckInState, DueItem, cadence_for, check_in, due_items
from desktop_app.domain.errors import MissingError
from desktop_app.domain.goals import LinkedName
from desktop_app.domain.reciprocity import Balance
from desktop_app.storage import goal_queries as gq
from desktop_app.storage import nurture_queries as q
from desktop_app.storage import reciprocity_queries as rq
from desktop_app.storage.database import Database


@dataclass(frozen=True, slots=True)
class PersonNurture:
    person_id: int
    cadence_days: int | None
    from_circle: bool
    last_contact: date | None
    ideal: date | None
    latest: date | None
    state: CheckInState
    snoozed_until: date | None
    balance: Balance | None
    pending: tuple[DueItem, ...]
    goals_served: tuple[LinkedName, ...]
    goals_told: tuple[tuple[str, date], ...]

    def check_in_text(
        self, today: date, format_date: Callable[[date], str] = date.isoformat
    ) -> str:
        """The rhythm in words; dates by `format_date` (the window passes the locale's)."""
        if self.cadence_days is None or self.ideal is None:
            return "No keep-in-touch rhythm (no circle)"
        rhythm = durations.every(self.cadence_days) + (" (circle)" if self.from_circle else "")
        line = f"{self.state.label}: next check-in {format_date(self.ideal)}, {rhythm}"
        if self.snoozed_until is not None and self.snoozed_until > today:
            line += f"; snoozed until {format_date(self.snoozed_until)}"
        return line

    def balance_text(self) -> str:
        b = self.balance
        if b is None:
            return "No exchanges logged yet"
        text = f"Gave {b.gave}, asked {b.asked}, mutual {b.mutual} (balance {b.balance:+d})"
        warning = b.warning()
        return f"{text}. {warning}" if warning else text


def person_nurture(db: Database, person_id: int, today: date | None = None) -> PersonNurture:
    """Raises LookupError for an unknown person (or for me, who has no check-ins)."""
    today = today or date.today()
    with db.transaction() as session:
        facts = q.cadence_facts(session, [person_id])
        if not facts:
            raise MissingError(f"No contact with id {person_id}.")
        per_circle = q.cadence_per_circle(session)
        pending = [a for a in q.pending_actions(session) if a.person_id == person_id]
        balance = rq.balances(session, [person_id]).get(person_id)
        served = gq.goals_serving_person(session, person_id)
        told = gq.disclosures_to_person(session, person_id)
    f = facts[0]
    cadence = cadence_for(f.circle, f.cadence_override, per_circle)
    window = check_in(f.last_contact, f.added_on, cadence)
    actions = due_items([], pending, today, within_days=3650)
    return PersonNurture(
        person_id=person_id,
        cadence_days=cadence,
        from_circle=f.cadence_override is None,
        last_contact=f.last_contact,
        ideal=None if window is None else window.ideal,
        latest=None if window is None else window.latest,
        state=CheckInState.NONE if window is None else window.state(today),
        snoozed_until=f.snoozed_until,
        balance=balance,
        pending=tuple(actions),
        goals_served=served,
        goals_told=tuple(told),
    )
