"""Groups, events and quick capture: planning, refusals, follow-ups on the Due list, undo."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest

from desktop_app.domain.cadence import DueReason
from desktop_app.domain.errors import RuleError
from desktop_app.services import events, reminders
from desktop_app.services.events import EventFields, GroupFields, MetPerson
from desktop_app.storage.database import Database
from tests.unit.services.conftest import AddPerson

NOW = datetime(2026, 12, 7, 12, 0)
TODAY = NOW.date()


def _rows(db: Database) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db.path)
    try:
        # created_at aside: row_snapshots puts a person's server-default timestamp back
        # with microseconds (same instant, other text), as any person undo does.
        people = conn.execute("SELECT id, full_name, how_we_met, met_on, source FROM people")
        return {"people": sorted(people.fetchall())} | {
            table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in (
                "interactions",
                "interaction_participants",
                "groups",
                "group_members",
                "events",
                "event_people",
                "employment",
            )
        }
    finally:
        conn.close()


def test_an_event_that_ends_before_it_starts_is_refused(db: Database) -> None:
    fields = EventFields("PyData Berlin meetup", NOW, ends_at=datetime(2026, 12, 7, 11, 0))
    with pytest.raises(RuleError, match=r"ends .* before it starts"):
        events.create_event(db, fields)
    assert events.events(db) == []


def test_going_to_a_past_event_is_refused_with_what_to_do_instead(
    db: Database, add_person: AddPerson
) -> None:
    ana = add_person("Ana Lima")
    event_id, _undo, _ = events.create_event(
        db, EventFields("Talk night", datetime(2026, 12, 1, 19))
    )
    with pytest.raises(RuleError, match=r"already over.*Ana Lima.*met there"):
        events.mark_going(db, event_id, ana, now=NOW)
    assert events.event(db, event_id).going == ()


def test_a_member_added_twice_is_refused(db: Database, add_person: AddPerson) -> None:
    ana = add_person("Ana Lima")
    group_id, _undo, _ = events.create_group(db, GroupFields("PyData Berlin", i_am_member=True))
    events.add_member(db, group_id, ana, since=date(2025, 3, 1))
    with pytest.raises(RuleError, match="Ana Lima is already a member of PyData Berlin"):
        events.add_member(db, group_id, ana)
    assert [m.name for m in events.group_members(db, group_id)] == ["Ana Lima"]


def test_going_is_listed_and_undo_takes_it_back(db: Database, add_person: AddPerson) -> None:
    ana = add_person("Ana Lima")
    event_id, _u, _ = events.create_event(db, EventFields("Meetup", datetime(2026, 12, 9, 19)))
    before = _rows(db)
    undo, change = events.mark_going(db, event_id, ana, now=NOW)
    assert change.events_changed
    assert [a.name for a in events.event(db, event_id).going] == ["Ana Lima"]
    redo, _ = events.undo_change(db, undo)
    assert _rows(db) == before
    events.redo_change(db, redo)
    assert [a.name for a in events.event(db, event_id).going] == ["Ana Lima"]


def test_quick_capture_matches_contacts_creates_the_rest_and_sets_48h_follow_ups(
    db: Database, add_person: AddPerson
) -> None:
    ana = add_person("Ana Lima")
    event_id, _u, _ = events.create_event(
        db, EventFields("PyData Berlin", datetime(2026, 12, 6, 19), place="Kreuzberg")
    )
    result, _undo, change = events.capture_met(
        db,
        event_id,
        [
            MetPerson("ana lima", "", "talked about MLOps"),
            MetPerson("Ben Okafor", "Zalando", "hiring data engineers"),
            MetPerson("", "", ""),
        ],
        today=TODAY,
        now=NOW,
    )
    assert result.person_ids[0] == ana  # matched, not duplicated
    assert len(result.new_person_ids) == 1 and change.people_added == set(result.new_person_ids)
    assert result.follow_up_on == date(2026, 12, 9)
    event = events.event(db, event_id)
    assert [a.name for a in event.met] == ["Ana Lima", "Ben Okafor"]
    assert [a.name for a in event.open_follow_ups] == ["Ana Lima", "Ben Okafor"]
    due = reminders.due_list(db, TODAY, within_days=2)
    follow_ups = {(i.name, i.due) for i in due if i.reason is DueReason.FOLLOW_UP}
    assert follow_ups == {("Ana Lima", date(2026, 12, 9)), ("Ben Okafor", date(2026, 12, 9))}
    assert events.agenda(db, NOW, 30)[0].id == event_id  # past, with follow-ups open


def test_quick_capture_undo_removes_new_people_and_redo_brings_the_same_rows_back(
    db: Database, add_person: AddPerson
) -> None:
    add_person("Ana Lima")
    event_id, _u, _ = events.create_event(db, EventFields("Lunch", datetime(2026, 12, 6, 12)))
    before = _rows(db)
    _result, undo, _ = events.capture_met(
        db,
        event_id,
        [MetPerson("Ana Lima"), MetPerson("Chen Wei", "Siemens")],
        today=TODAY,
        now=NOW,
    )
    after = _rows(db)
    redo, _ = events.undo_change(db, undo)
    assert _rows(db) == before
    events.redo_change(db, redo)
    assert _rows(db) == after


def test_capture_before_the_event_and_a_nameless_line_are_refused(db: Database) -> None:
    event_id, _u, _ = events.create_event(db, EventFields("Conf", datetime(2026, 12, 20, 9)))
    with pytest.raises(RuleError, match="has not started yet"):
        events.capture_met(db, event_id, [MetPerson("Ana")], today=TODAY, now=NOW)
    past_id, _u, _ = events.create_event(db, EventFields("Past", datetime(2026, 12, 1, 9)))
    with pytest.raises(RuleError, match="needs a name"):
        events.capture_met(db, past_id, [MetPerson("", "Zalando")], today=TODAY, now=NOW)
