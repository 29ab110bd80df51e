"""Keep-in-touch rules: when each person is due a check-in, and why.

Pure functions over plain values. A person's rhythm is their own `cadence_days` if set,
else their circle's (defaults in `enums.DEFAULT_CADENCE_DAYS`, editable per network).
The clock starts at the last interaction, or at the day they were added when there is
none yet, so a new contact is never due "since forever".

- ideal check-in: anchor + cadence;
- latest check-in: ideal + a grace of half the cadence (at least one day);
- state: on track before the ideal date, due up to the latest, overdue after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desktop_app.domain import durations
from desktop_app.domain.enums import DEFAULT_CADENCE_DAYS, Circle, InteractionKind

THANK_YOU_WITHIN_DAYS = 2
"""Days after someone helped (a referral, an introduction…) by which to thank them."""

ACTION_GRACE_DAYS = 3
"""Days a follow-up or thank-you may slip before it shows as overdue."""

THANKWORTHY_KINDS = frozenset(
    {
        InteractionKind.REFERRAL,
        InteractionKind.INTRODUCTION,
        InteractionKind.FEEDBACK,
        InteractionKind.INFORMATIONAL_INTERVIEW,
        InteractionKind.MOCK_INTERVIEW,
    }
)
"""Kinds that, when I *asked*, mean someone gave me their time or trust."""


class CheckInState(StrEnum):
    NONE = "none"
    ON_TRACK = "on_track"
    DUE = "due"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    CheckInState.NONE: "No rhythm",
    CheckInState.ON_TRACK: "On track",
    CheckInState.DUE: "Due",
    CheckInState.OVERDUE: "Overdue",
}


class DueReason(StrEnum):
    CADENCE = "cadence"
    FOLLOW_UP = "follow_up"
    THANK_YOU = "thank_you"
    INTERVIEW = "interview"  # a step of an informational interview waits on me

    @property
    def label(self) -> str:
        return _REASON_LABELS[self]


_REASON_LABELS = {
    DueReason.CADENCE: "Check in",
    DueReason.FOLLOW_UP: "Follow up",
    DueReason.THANK_YOU: "Thank them",
    DueReason.INTERVIEW: "Informational interview",
}


def cadence_for(
    circle: Circle | None,
    override_days: int | None,
    per_circle: Mapping[Circle, int] | None = None,
) -> int | None:
    """Days between check-ins for one person; None when they have no rhythm at all."""
    if override_days is not None and override_days > 0:
        return override_days
    if circle is None:
        return None
    return (per_circle or DEFAULT_CADENCE_DAYS).get(circle, DEFAULT_CADENCE_DAYS[circle])


def grace_days(cadence_days: int) -> int:
    """How long after the ideal date a check-in is still merely due, not overdue."""
    return max(1, cadence_days // 2)


@dataclass(frozen=True, slots=True)
class CheckIn:
    """A person's check-in window, computed from their anchor date and cadence."""

    anchor: date
    cadence_days: int

    @property
    def ideal(self) -> date:
        return self.anchor + timedelta(days=self.cadence_days)

    @property
    def latest(self) -> date:
        return self.ideal + timedelta(days=grace_days(self.cadence_days))

    def state(self, today: date) -> CheckInState:
        if today < self.ideal:
            return CheckInState.ON_TRACK
        if today <= self.latest:
            return CheckInState.DUE
        return CheckInState.OVERDUE


def check_in(last_contact: date | None, added_on: date, cadence_days: int | None) -> CheckIn | None:
    """The check-in window, anchored on the last contact or, failing that, the day added."""
    if cadence_days is None or cadence_days <= 0:
        return None
    return CheckIn(last_contact if last_contact is not None else added_on, cadence_days)


def next_check_in(
    last_contact: date | None,
    added_on: date,
    cadence_days: int | None,
    follow_up: date | None = None,
    snoozed_until: date | None = None,
) -> date | None:
    """The contact table's "next check-in": the earlier of the ideal cadence date and a
    pending follow-up, pushed past a snooze."""
    window = check_in(last_contact, added_on, cadence_days)
    candidates = [d for d in (None if window is None else window.ideal, follow_up) if d]
    if not candidates:
        return None
    due = min(candidates)
    if snoozed_until is not None and snoozed_until > due:
        return snoozed_until
    return due


def check_in_state(
    last_contact: date | None, added_on: date, cadence_days: int | None, today: date
) -> CheckInState:
    window = check_in(last_contact, added_on, cadence_days)
    return CheckInState.NONE if window is None else window.state(today)


def overall_state(
    last_contact: date | None,
    added_on: date,
    cadence_days: int | None,
    today: date,
    follow_up: date | None = None,
    snoozed_until: date | None = None,
) -> CheckInState:
    """The colour of a person in the table and on the map: the cadence window's state,
    raised by a pending follow-up that has come, and calm while snoozed."""
    if snoozed_until is not None and snoozed_until > today:
        return CheckInState.ON_TRACK
    state = check_in_state(last_contact, added_on, cadence_days, today)
    if follow_up is not None and follow_up <= today:
        late = (today - follow_up).days > ACTION_GRACE_DAYS
        follow_state = CheckInState.OVERDUE if late else CheckInState.DUE
        if _SEVERITY[follow_state] > _SEVERITY[state]:
            state = follow_state
    elif follow_up is not None and state is CheckInState.NONE:
        state = CheckInState.ON_TRACK
    return state


_SEVERITY = {
    CheckInState.NONE: 0,
    CheckInState.ON_TRACK: 1,
    CheckInState.DUE: 2,
    CheckInState.OVERDUE: 3,
}


@dataclass(frozen=True, slots=True)
class CadenceFacts:
    """What the cadence rule needs to know about one person."""

    person_id: int
    name: str
    circle: Circle | None
    cadence_override: int | None
    added_on: date
    last_contact: date | None
    snoozed_until: date | None = None


@dataclass(frozen=True, slots=True)
class PendingAction:
    """A follow-up date, or a thank-you owed, that no later interaction has answered."""

    person_id: int
    name: str
    reason: DueReason
    due: date
    interaction_id: int
    note: str = ""
    snoozed_until: date | None = None


@dataclass(frozen=True, slots=True)
class DueItem:
    """One line of the Due list."""

    person_id: int
    name: str
    due: date
    reason: DueReason
    detail: str = ""
    interaction_id: int | None = None
    state: CheckInState = CheckInState.DUE
    snoozed_until: date | None = None

    def overdue_days(self, today: date) -> int:
        """Days past the due date; 0 while it is not yet due."""
        return max(0, (today - self.due).days)

    def act_on(self, today: date) -> date:
        """The day to do it: the due date, but never before today or a snooze's end."""
        return max(self.due, today, self.snoozed_until or today)


def _visible(due: date, snoozed_until: date | None, horizon: date) -> bool:
    if due > horizon:
        return False
    return snoozed_until is None or snoozed_until <= horizon


def due_items(
    people: Iterable[CadenceFacts],
    pending: Iterable[PendingAction],
    today: date,
    *,
    within_days: int = 0,
    per_circle: Mapping[Circle, int] = DEFAULT_CADENCE_DAYS,
) -> list[DueItem]:
    """Everything due by `today + within_days`, earliest (most overdue) first.

    A snoozed person's items stay hidden until the snooze ends, then come back with
    their real due date, so snoozing never hides how late a check-in is.
    """
    horizon = today + timedelta(days=max(0, within_days))
    items: list[DueItem] = []
    for facts in people:
        cadence = cadence_for(facts.circle, facts.cadence_override, per_circle)
        if cadence is None or cadence <= 0:
            continue
        # Cheap test first: most people of a large network are not due.
        ideal = (facts.last_contact or facts.added_on) + timedelta(days=cadence)
        if not _visible(ideal, facts.snoozed_until, horizon):
            continue
        if today < ideal:
            state = CheckInState.ON_TRACK
        elif (today - ideal).days <= grace_days(cadence):
            state = CheckInState.DUE
        else:
            state = CheckInState.OVERDUE
        if facts.last_contact is None:
            added = durations.ago((today - facts.added_on).days)
            detail = f"Added {added}, no contact since"
        else:
            last = durations.ago((today - facts.last_contact).days)
            detail = f"Last contact {last}, {durations.every(cadence)}"
        items.append(
            DueItem(
                facts.person_id,
                facts.name,
                ideal,
                DueReason.CADENCE,
                detail,
                None,
                state,
                facts.snoozed_until,
            )
        )
    for action in pending:
        if not _visible(action.due, action.snoozed_until, horizon):
            continue
        state = CheckInState.ON_TRACK if action.due > today else CheckInState.DUE
        if (today - action.due).days > ACTION_GRACE_DAYS:
            state = CheckInState.OVERDUE
        items.append(
            DueItem(
                action.person_id,
                action.name,
                action.due,
                action.reason,
                action.note,
                action.interaction_id,
                state,
                action.snoozed_until,
            )
        )
    return sort_due(items)


_REASON_ORDER = {
    DueReason.FOLLOW_UP: 0,
    DueReason.THANK_YOU: 1,
    DueReason.INTERVIEW: 2,
    DueReason.CADENCE: 3,
}


def sort_due(items: list[DueItem]) -> list[DueItem]:
    """Earliest first; one person's items of a day by reason (follow-ups first)."""
    items.sort(key=lambda i: (i.due, i.name.casefold(), i.person_id, _REASON_ORDER[i.reason]))
    return items


def catch_up_first(items: Iterable[DueItem], count: int) -> list[DueItem]:
    """Where to start on a long Due list: promises first (follow-ups, thank-yous), then
    the longest waiting; one line per person, `count` people."""
    people = first_per_person(items)
    people.sort(key=lambda i: i.reason is DueReason.CADENCE)  # stable: earliest stays first
    return people[:count]


def first_per_person(items: Iterable[DueItem]) -> list[DueItem]:
    """The earliest item of each person, keeping the order of `items`."""
    seen: set[int] = set()
    result: list[DueItem] = []
    for item in items:
        if item.person_id not in seen:
            seen.add(item.person_id)
            result.append(item)
    return result
