"""Editing and deleting groups and events, and ending a membership: each one undoable to
the very rows it changed, with refusals that say what to fix."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.domain.enums import Direction, InteractionKind
from desktop_app.domain.errors import MissingError, RuleError
from desktop_app.services import events
from desktop_app.services.events import EventFields, GroupFields, MetPerson
from desktop_app.services.interactions import NewInteraction, interaction_entry, log_interaction
from desktop_app.storage.database import Database
from tests.unit.services.conftest import AddPerson
from tests.unit.services.test_events import NOW, TODAY, _rows


def test_an_event_is_edited_and_undo_puts_the_old_fields_back(
    db: Database, add_person: AddPerson
) -> None:
    group_id, _u, _ = events.create_group(db, GroupFields("PyData Berlin"))
    event_id, _u, _ = events.create_event(
        db, EventFields("Meetup", datetime(2026, 12, 9, 19), place="Mitte")
    )
    before = _rows(db)
    new = EventFields(
        "December meetup",
        datetime(2026, 12, 10, 18, 30),
        datetime(2026, 12, 10, 21),
        "Kreuzberg",
        group_id,
        "bring cards",
    )
    undo, change = events.update_event(db, event_id, new)
    assert change.events_changed
    edited = events.event(db, event_id)
    assert (edited.title, edited.starts_at, edited.ends_at, edited.place, edited.group) == (
        "December meetup",
        datetime(2026, 12, 10, 18, 30),
        datetime(2026, 12, 10, 21),
        "Kreuzberg",
        "PyData Berlin",
    )
    after = _rows(db)
    redo, _ = events.undo_change(db, undo)
    assert _rows(db) == before
    events.redo_change(db, redo)
    assert _rows(db) == after


def test_an_edit_that_ends_the_event_before_it_starts_is_refused(db: Database) -> None:
    event_id, _u, _ = events.create_event(db, EventFields("Meetup", datetime(2026, 12, 9, 19)))
    before = _rows(db)
    bad = EventFields("Meetup", datetime(2026, 12, 9, 19), datetime(2026, 12, 9, 18))
    with pytest.raises(RuleError, match="before it starts"):
        events.update_event(db, event_id, bad)
    with pytest.raises(RuleError, match="needs a title"):
        events.update_event(db, event_id, EventFields("  ", datetime(2026, 12, 9, 19)))
    assert _rows(db) == before


def test_deleting_an_event_removes_its_links_keeps_its_conversations_and_undo_relinks(
    db: Database, add_person: AddPerson
) -> None:
    ana = add_person("Ana Lima")
    bo = add_person("Bo Chen")
    event_id, _u, _ = events.create_event(db, EventFields("Lunch", datetime(2026, 12, 1, 12)))
    events.capture_met(db, event_id, [MetPerson("Ana Lima")], today=TODAY, now=NOW)
    later, _u, _ = events.create_event(db, EventFields("Talk", datetime(2026, 12, 20, 19)))
    events.mark_going(db, later, bo, now=NOW)
    before = _rows(db)
    conversations = events.event(db, event_id).interaction_ids
    assert conversations
    undo, change = events.delete_event(db, event_id)
    assert ana in change.people_changed
    assert [e.id for e in events.events(db)] == [later]
    assert len(_rows(db)["interactions"]) == len(before["interactions"])  # kept
    assert all(row[-1] is None for row in _rows(db)["interactions"])  # under no event
    redo, _ = events.undo_change(db, undo)
    assert _rows(db) == before
    assert events.event(db, event_id).interaction_ids == conversations
    events.redo_change(db, redo)
    with pytest.raises(MissingError):
        events.event(db, event_id)


def test_a_group_is_renamed_and_deleted_its_events_kept_and_undo_restores_members(
    db: Database, add_person: AddPerson
) -> None:
    ana = add_person("Ana Lima")
    group_id, _u, _ = events.create_group(db, GroupFields("PyData", i_am_member=True))
    events.add_member(db, group_id, ana, since=date(2025, 3, 1))
    event_id, _u, _ = events.create_event(
        db, EventFields("Meetup", datetime(2026, 12, 9, 19), group_id=group_id)
    )
    events.update_group(db, group_id, GroupFields("PyData Berlin", "Meetup group", "", "", True))
    assert events.event(db, event_id).group == "PyData Berlin"
    assert events.group_links(db, group_id) == (1, 1)
    with pytest.raises(RuleError, match="needs a name"):
        events.update_group(db, group_id, GroupFields(" "))
    before = _rows(db)
    undo, change = events.delete_group(db, group_id)
    assert ana in change.people_changed
    assert events.groups(db) == []
    assert events.event(db, event_id).group_id is None
    redo, _ = events.undo_change(db, undo)
    assert _rows(db) == before
    assert events.event(db, event_id).group == "PyData Berlin"
    events.redo_change(db, redo)
    assert events.groups(db) == []


def test_a_membership_gets_an_until_date_that_cannot_precede_its_start(
    db: Database, add_person: AddPerson
) -> None:
    ana = add_person("Ana Lima")
    group_id, _u, _ = events.create_group(db, GroupFields("PyData Berlin"))
    events.add_member(db, group_id, ana, since=date(2025, 3, 1))
    with pytest.raises(RuleError, match=r"joined PyData Berlin on 2025-03-01"):
        events.set_member_until(db, group_id, ana, date(2025, 1, 1))
    before = _rows(db)
    undo, _change = events.set_member_until(db, group_id, ana, date(2026, 6, 30))
    (member,) = events.memberships(db, group_id)
    assert member.until == date(2026, 6, 30)
    events.undo_change(db, undo)
    assert _rows(db) == before
    with pytest.raises(MissingError, match="no longer a member"):
        events.set_member_until(db, group_id, add_person("Bo Chen"), None)


def test_an_interaction_logged_for_an_event_belongs_to_it_and_editing_moves_it(
    db: Database, add_person: AddPerson
) -> None:
    from desktop_app.services import interactions
    from desktop_app.services.prep_sheet import prep_sheet

    ana = add_person("Ana Lima")
    lunch, _u, _ = events.create_event(db, EventFields("Lunch", datetime(2026, 12, 1, 12)))
    talk, _u, _ = events.create_event(db, EventFields("Talk", datetime(2026, 12, 20, 19)))
    entry = NewInteraction(
        date(2026, 12, 1),
        InteractionKind.COFFEE,
        Direction.MUTUAL,
        (ana,),
        "asked about her team",
        event_id=lunch,
    )
    interaction_id, change = log_interaction(db, entry, today=TODAY)
    assert change.events_changed
    assert events.event(db, lunch).interaction_ids == (interaction_id,)
    assert "asked about her team" in prep_sheet(db, lunch).html()
    assert interaction_entry(db, interaction_id).event_id == lunch
    moved = NewInteraction(
        date(2026, 12, 1), InteractionKind.COFFEE, Direction.MUTUAL, (ana,), "x", event_id=talk
    )
    snapshot, _ = interactions.edit_interaction(db, interaction_id, moved, today=TODAY)
    assert events.event(db, lunch).interaction_ids == ()
    assert events.event(db, talk).interaction_ids == (interaction_id,)
    interactions.revert_edit(db, snapshot)
    assert interaction_entry(db, interaction_id).event_id == lunch
    events.delete_event(db, talk)
    with pytest.raises(MissingError, match="deleted meanwhile"):
        log_interaction(db, moved, today=TODAY)


def test_the_events_offered_are_the_near_ones_nearest_first(db: Database) -> None:
    far, _u, _ = events.create_event(db, EventFields("Old", datetime(2026, 6, 1, 19)))
    past, _u, _ = events.create_event(db, EventFields("Lunch", datetime(2026, 12, 1, 12)))
    soon, _u, _ = events.create_event(db, EventFields("Talk", datetime(2026, 12, 9, 19)))
    assert [e.id for e in events.event_choices(db, TODAY)] == [soon, past]
    assert [e.id for e in events.event_choices(db, TODAY, keep=far)] == [soon, past, far]


def test_the_prep_sheet_writes_an_end_on_the_same_day_as_a_time_and_on_another_in_full(
    db: Database,
) -> None:
    from desktop_app.services.prep_sheet import prep_sheet

    evening, _u, _ = events.create_event(
        db, EventFields("Meetup", datetime(2026, 12, 10, 19), datetime(2026, 12, 10, 21, 30))
    )
    retreat, _u, _ = events.create_event(
        db, EventFields("Retreat", datetime(2026, 12, 11, 9), datetime(2026, 12, 12, 17))
    )
    assert prep_sheet(db, evening).when == "Thursday 10 December 2026, 19:00–21:30"
    assert prep_sheet(db, retreat).when == (
        "Friday 11 December 2026, 09:00 – Saturday 12 December 2026, 17:00"
    )
    # The window's own ways of writing a moment and a time (the locale's) are the ones used.
    sheet = prep_sheet(db, evening, str, lambda m: f"<{m:%d %H}>", lambda t: f"[{t:%H%M}]")
    assert sheet.when == "<10 19>–[2130]"
