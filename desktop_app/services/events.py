"""Groups and events: planning who is going, capturing whom I met, following them up.

Every write returns an `EventsUndo` with its change set; `undo_change` puts the database
back as it was and returns the token `redo_change` needs (the window's undo commands are
thin wrappers around these two).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desktop_app.domain.cadence import DueReason
from desktop_app.domain.enums import Direction, InteractionKind
from desktop_app.domain.errors import MissingError, RuleError
from desktop_app.domain.events import (
    EventRole,
    check_event_times,
    check_going,
    check_group_name,
    event_is_over,
    follow_up_due,
)
from desktop_app.domain.values import ChangeSet, EmploymentRecord, NewPerson, PersonFields
from desktop_app.storage import events_repository as er
from desktop_app.storage import nurture_queries as q
from desktop_app.storage.database import Database

Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class GroupFields:
    name: str
    kind: str = ""
    url: str = ""
    note: str = ""
    i_am_member: bool = False


@dataclass(frozen=True, slots=True)
class EventFields:
    title: str
    starts_at: datetime
    ends_at: datetime | None = None
    place: str = ""
    group_id: int | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class GroupSummary:
    id: int
    name: str
    kind: str
    url: str
    note: str
    i_am_member: bool
    members: int


@dataclass(frozen=True, slots=True)
class Attendee:
    person_id: int
    name: str


@dataclass(frozen=True, slots=True)
class EventSummary:
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime | None
    place: str
    group_id: int | None
    group: str
    notes: str
    going: tuple[Attendee, ...] = ()
    met: tuple[Attendee, ...] = ()
    interaction_ids: tuple[int, ...] = ()
    open_follow_ups: tuple[Attendee, ...] = ()

    def is_over(self, now: datetime) -> bool:
        return event_is_over(self.starts_at, self.ends_at, now)


@dataclass(frozen=True, slots=True)
class MetPerson:
    """One line of the quick capture after an event."""

    name: str
    organization: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class EventsUndo:
    """What an events edit needs to be undone: the event tables before it, and the people
    and interactions it created (deleted again on undo)."""

    rows: Rows
    people_added: tuple[int, ...] = ()
    interactions_added: tuple[int, ...] = ()
    redo: Any = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class CaptureResult:
    person_ids: tuple[int, ...]
    new_person_ids: tuple[int, ...]
    interaction_ids: tuple[int, ...]
    follow_up_on: date


_CHANGED = ChangeSet(events_changed=True)


# -- reading -----------------------------------------------------------------------------


def groups(db: Database) -> list[GroupSummary]:
    with db.transaction() as session:
        rows = er.group_rows(session)
    return [
        GroupSummary(
            r["id"], r["name"], r["kind"], r["url"], r["note"], bool(r["i_am_member"]), r["members"]
        )
        for r in rows
    ]


def events(db: Database, event_id: int | None = None) -> list[EventSummary]:
    """Every event (or the one with `event_id`), by start, with who is going, whom I met
    and the follow-ups of its interactions still open."""
    with db.transaction() as session:
        rows = er.event_rows(session, event_id)
        people = er.event_people(session)
        linked = er.event_interaction_ids(session)
        pending = [a for a in q.pending_actions(session) if a.reason is DueReason.FOLLOW_UP]
    result = []
    for row in rows:
        ids = tuple(linked.get(row["id"], []))
        open_ups = tuple(
            Attendee(a.person_id, a.name)
            for a in sorted(pending, key=lambda a: a.name.casefold())
            if a.interaction_id in ids
        )
        roles = people.get(row["id"], {})
        result.append(
            EventSummary(
                id=row["id"],
                title=row["title"],
                starts_at=row["starts_at"],
                ends_at=row["ends_at"],
                place=row["place"],
                group_id=row["group_id"],
                group=row["group_name"],
                notes=row["notes"],
                going=tuple(Attendee(*p) for p in roles.get(EventRole.GOING.value, [])),
                met=tuple(Attendee(*p) for p in roles.get(EventRole.MET.value, [])),
                interaction_ids=ids,
                open_follow_ups=open_ups,
            )
        )
    return result


def event(db: Database, event_id: int) -> EventSummary:
    found = events(db, event_id)
    if not found:
        raise MissingError(f"No event with id {event_id}.")
    return found[0]


def agenda(db: Database, now: datetime, within_days: int) -> list[EventSummary]:
    """Upcoming events within `within_days` (soonest first), then past events with
    follow-ups still open (latest first): what `trellis events` prints."""
    everything = events(db)
    horizon = now.toordinal() + within_days
    upcoming = [e for e in everything if not e.is_over(now) and e.starts_at.toordinal() <= horizon]
    past = [e for e in everything if e.is_over(now) and e.open_follow_ups]
    return upcoming + sorted(past, key=lambda e: e.starts_at, reverse=True)


EVENT_CHOICE_DAYS = 60  # how far back and ahead the Log dialog offers events


def event_choices(
    db: Database, today: date | None = None, keep: int | None = None
) -> list[EventSummary]:
    """Events an interaction may belong to: those within `EVENT_CHOICE_DAYS` of today,
    nearest first (the one `keep` names too, however far)."""
    today = today or date.today()
    near = [
        e
        for e in events(db)
        if abs((e.starts_at.date() - today).days) <= EVENT_CHOICE_DAYS or e.id == keep
    ]
    return sorted(near, key=lambda e: (abs((e.starts_at.date() - today).days), e.starts_at))


def group_members(db: Database, group_id: int) -> list[Attendee]:
    with db.transaction() as session:
        return [Attendee(r["person_id"], r["name"]) for r in er.member_rows(session, group_id)]


@dataclass(frozen=True, slots=True)
class Membership:
    person_id: int
    name: str
    since: date | None
    until: date | None


def memberships(db: Database, group_id: int) -> list[Membership]:
    """The group's members, current and past, with since/until."""
    with db.transaction() as session:
        rows = er.member_rows(session, group_id)
    return [
        Membership(r["person_id"], r["name"], q.as_date(r["since"]), q.as_date(r["until"]))
        for r in rows
    ]


def group_links(db: Database, group_id: int) -> tuple[int, int]:
    """(members, events) a delete of the group would touch."""
    with db.transaction() as session:
        if er.group_row(session, group_id) is None:
            raise MissingError(f"No group with id {group_id}.")
        return len(er.member_rows(session, group_id)), er.group_event_count(session, group_id)


# -- writing -----------------------------------------------------------------------------


def create_group(db: Database, fields: GroupFields) -> tuple[int, EventsUndo, ChangeSet]:
    check_group_name(fields.name)
    with db.transaction() as session:
        before = er.snapshot_rows(session)
        group_id = er.insert_group(
            session,
            fields.name.strip(),
            fields.kind.strip(),
            fields.url.strip(),
            fields.note,
            fields.i_am_member,
        )
    return group_id, EventsUndo(before), _CHANGED


def add_member(
    db: Database,
    group_id: int,
    person_id: int,
    since: date | None = None,
    until: date | None = None,
) -> tuple[EventsUndo, ChangeSet]:
    """Add a contact to a group; a second membership of the same group is refused."""
    if since is not None and until is not None and until < since:
        raise RuleError(f"A membership cannot end ({until}) before it began ({since}).")
    with db.transaction() as session:
        group = er.group_row(session, group_id)
        if group is None:
            raise MissingError(f"No group with id {group_id}.")
        _check_person(session, person_id)
        if er.is_member(session, group_id, person_id):
            name = _name(session, person_id)
            raise RuleError(f"{name} is already a member of {group['name']}.")
        before = er.snapshot_rows(session)
        er.insert_member(session, group_id, person_id, since, until)
    return EventsUndo(before), ChangeSet(people_changed=frozenset({person_id}), events_changed=True)


def update_group(db: Database, group_id: int, fields: GroupFields) -> tuple[EventsUndo, ChangeSet]:
    """Rename or re-describe a group (the same checks as creating one)."""
    check_group_name(fields.name)
    with db.transaction() as session:
        if er.group_row(session, group_id) is None:
            raise MissingError(f"No group with id {group_id}: it was deleted meanwhile.")
        before = er.snapshot_rows(session)
        er.update_group(
            session,
            group_id,
            fields.name.strip(),
            fields.kind.strip(),
            fields.url.strip(),
            fields.note,
            fields.i_am_member,
        )
    return EventsUndo(before), _CHANGED


def delete_group(db: Database, group_id: int) -> tuple[EventsUndo, ChangeSet]:
    """Delete a group and its memberships; its events stay, without a group."""
    with db.transaction() as session:
        if er.group_row(session, group_id) is None:
            raise MissingError(f"No group with id {group_id}: it was deleted meanwhile.")
        members = frozenset(r["person_id"] for r in er.member_rows(session, group_id))
        before = er.snapshot_rows(session)
        er.delete_group(session, group_id)
    return EventsUndo(before), ChangeSet(people_changed=members, events_changed=True)


def set_member_until(
    db: Database, group_id: int, person_id: int, until: date | None
) -> tuple[EventsUndo, ChangeSet]:
    """Say when a member left the group (None: still a member)."""
    with db.transaction() as session:
        group = er.group_row(session, group_id)
        if group is None:
            raise MissingError(f"No group with id {group_id}: it was deleted meanwhile.")
        row = next(
            (r for r in er.member_rows(session, group_id) if r["person_id"] == person_id), None
        )
        if row is None:
            raise MissingError(f"That person is no longer a member of {group['name']}.")
        since = q.as_date(row["since"])
        if until is not None and since is not None and until < since:
            raise RuleError(
                f"{row['name']} joined {group['name']} on {since}; "
                f"the membership cannot end before that ({until})."
            )
        before = er.snapshot_rows(session)
        er.set_member_until(session, group_id, person_id, until)
    return EventsUndo(before), ChangeSet(people_changed=frozenset({person_id}), events_changed=True)


def create_event(db: Database, fields: EventFields) -> tuple[int, EventsUndo, ChangeSet]:
    """Plan an event; one that ends before it starts, or has no title, is refused."""
    check_event_times(fields.title, fields.starts_at, fields.ends_at)
    with db.transaction() as session:
        if fields.group_id is not None and er.group_row(session, fields.group_id) is None:
            raise MissingError(f"No group with id {fields.group_id}.")
        before = er.snapshot_rows(session)
        event_id = er.insert_event(
            session,
            fields.title.strip(),
            fields.starts_at,
            fields.ends_at,
            fields.place.strip(),
            fields.group_id,
            fields.notes,
        )
    return event_id, EventsUndo(before), _CHANGED


def update_event(db: Database, event_id: int, fields: EventFields) -> tuple[EventsUndo, ChangeSet]:
    """Change an event's title, times, place, group or notes (the same checks as planning)."""
    check_event_times(fields.title, fields.starts_at, fields.ends_at)
    with db.transaction() as session:
        _event_row(session, event_id)
        if fields.group_id is not None and er.group_row(session, fields.group_id) is None:
            raise MissingError(f"No group with id {fields.group_id}.")
        before = er.snapshot_rows(session)
        er.update_event(
            session,
            event_id,
            fields.title.strip(),
            fields.starts_at,
            fields.ends_at,
            fields.place.strip(),
            fields.group_id,
            fields.notes,
        )
    return EventsUndo(before), _CHANGED


def delete_event(db: Database, event_id: int) -> tuple[EventsUndo, ChangeSet]:
    """Delete an event with its going/met links; its interactions stay, under no event."""
    with db.transaction() as session:
        _event_row(session, event_id)
        people = frozenset(
            pid for role in er.event_people(session).get(event_id, {}).values() for pid, _ in role
        )
        before = er.snapshot_rows(session)
        er.delete_event(session, event_id)
    return EventsUndo(before), ChangeSet(
        people_changed=people, interactions_changed=True, events_changed=True
    )


def mark_going(
    db: Database, event_id: int, person_id: int, *, now: datetime | None = None
) -> tuple[EventsUndo, ChangeSet]:
    """Note that someone I know is going; refused once the event is over."""
    now = now or datetime.now()
    with db.transaction() as session:
        row = _event_row(session, event_id)
        name = _name(session, person_id)
        check_going(row["title"], row["starts_at"], row["ends_at"], name, now)
        if er.has_event_person(session, event_id, person_id, EventRole.GOING.value):
            raise RuleError(f"{name} is already on the list of people going.")
        before = er.snapshot_rows(session)
        er.insert_event_person(session, event_id, person_id, EventRole.GOING.value)
    return EventsUndo(before), ChangeSet(people_changed=frozenset({person_id}), events_changed=True)


def capture_met(
    db: Database,
    event_id: int,
    people: Sequence[MetPerson],
    *,
    today: date | None = None,
    now: datetime | None = None,
) -> tuple[CaptureResult, EventsUndo, ChangeSet]:
    """After an event: link everyone I met to it (matching contacts I already have by
    name, creating the others), log a conversation with each and set a follow-up due
    within 48 hours, which stays on the Due list until done."""
    today = today or date.today()
    now = now or datetime.now()
    lines = [p for p in people if p.name.strip() or p.organization.strip() or p.note.strip()]
    if not lines:
        raise RuleError("Type the name of at least one person you met.")
    for line in lines:
        if not line.name.strip():
            raise RuleError("Every person you met needs a name (one line has none).")
    due = follow_up_due(today)
    from desktop_app.storage import people_repository as pr

    with db.transaction() as session:
        row = _event_row(session, event_id)
        if row["starts_at"] > now:
            raise RuleError(
                f"“{row['title']}” has not started yet ({row['starts_at']:%Y-%m-%d %H:%M}): "
                "capture the people you met after it."
            )
        before = er.snapshot_rows(session)
        person_ids: list[int] = []
        created: list[int] = []
        interactions: list[int] = []
        for line in lines:
            person_id = _match(session, line)
            if person_id is None:
                fields = PersonFields(
                    full_name=line.name.strip(),
                    how_we_met=f"Met at {row['title']}",
                    met_on=row["starts_at"].date(),
                )
                jobs = (
                    (EmploymentRecord(line.organization.strip()),)
                    if line.organization.strip()
                    else ()
                )
                person_id = pr.create_person(
                    session, NewPerson(fields, employment=jobs, source="event")
                )
                created.append(person_id)
            if person_id in person_ids:
                continue
            person_ids.append(person_id)
            if not er.has_event_person(session, event_id, person_id, EventRole.MET.value):
                er.insert_event_person(session, event_id, person_id, EventRole.MET.value)
            interaction_id = q.insert_interaction(
                session,
                occurred_on=row["starts_at"].date(),
                kind=InteractionKind.MEETUP.value,
                direction=Direction.MUTUAL.value,
                note=line.note.strip() or f"Met at {row['title']}",
                follow_up_on=due,
                participant_ids=[person_id],
            )
            er.set_interaction_event(session, interaction_id, event_id)
            interactions.append(interaction_id)
    result = CaptureResult(tuple(person_ids), tuple(created), tuple(interactions), due)
    undo = EventsUndo(before, tuple(created), tuple(interactions))
    change = ChangeSet(
        people_added=frozenset(created),
        people_changed=frozenset(person_ids) - frozenset(created),
        interactions_changed=True,
        events_changed=True,
    )
    return result, undo, change


# -- undo --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Redo:
    rows: Rows
    people: list[Any]
    interactions: list[Rows]


def undo_change(db: Database, token: EventsUndo) -> tuple[EventsUndo, ChangeSet]:
    """Put the database back as it was before the edit `token` came from; the returned
    token redoes it (same ids)."""
    from desktop_app.storage import row_snapshots

    with db.transaction() as session:
        after = er.snapshot_rows(session)
        removed = []
        for interaction_id in token.interactions_added:
            snapshot = q.interaction_rows(session, interaction_id)
            if snapshot["interactions"]:
                removed.append(snapshot)
                q.delete_interaction(session, interaction_id)
        people = row_snapshots.delete_people(session, list(token.people_added))
        er.restore_rows(session, token.rows)
    redo = EventsUndo(
        token.rows,
        token.people_added,
        token.interactions_added,
        redo=_Redo(after, people, removed),
    )
    return redo, _change_of(token)


def redo_change(db: Database, token: EventsUndo) -> ChangeSet:
    """Do again what `undo_change` took back (`token` is what it returned)."""
    from desktop_app.storage import row_snapshots

    redo = token.redo
    assert isinstance(redo, _Redo)
    with db.transaction() as session:
        er.defer_foreign_keys(session)
        row_snapshots.restore_people(session, redo.people)
        er.restore_rows(session, redo.rows)
        for snapshot in redo.interactions:
            q.restore_interaction_rows(session, snapshot)
        er.relink_interactions(session, redo.rows)
    return _change_of(token)


def _change_of(token: EventsUndo) -> ChangeSet:
    return ChangeSet(
        people_added=frozenset(token.people_added),
        interactions_changed=bool(token.interactions_added),
        events_changed=True,
    )


# -- helpers -----------------------------------------------------------------------------


def _event_row(session: Any, event_id: int) -> dict[str, Any]:
    rows = er.event_rows(session, event_id)
    if not rows:
        raise MissingError(f"No event with id {event_id}.")
    return rows[0]


def _check_person(session: Any, person_id: int) -> None:
    if not q.existing_person_ids(session, [person_id]):
        raise MissingError(f"No person with id {person_id}.")


def _name(session: Any, person_id: int) -> str:
    from desktop_app.storage import people_repository as pr

    _check_person(session, person_id)
    return pr.display_name(pr.person_fields(session, person_id))


def _match(session: Any, line: MetPerson) -> int | None:
    """The contact this line names: the only one with that name, or the one of several
    who works where the line says; None for someone new."""
    found = er.people_named(session, line.name)
    if not found:
        return None
    if len(found) == 1:
        return found[0][0]
    organization = line.organization.strip().casefold()
    same = [pid for pid, org in found if organization and org.casefold() == organization]
    if same:
        return same[0]
    if not organization:
        return found[0][0]
    return None
