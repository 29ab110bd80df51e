"""Editing a logged interaction: in place, checked like logging, undone exactly."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop_app.domain.dates import UnconfirmedDateError
from desktop_app.domain.enums import Circle, Direction, InteractionKind
from desktop_app.services import interactions
from desktop_app.services.interactions import NewInteraction, ResourceFields

TODAY = date(2026, 6, 15)


def test_an_edit_rewrites_in_place_and_reverting_puts_everything_back(db, add_person) -> None:
    ana, bo, cy = (add_person(n, Circle.CLOSE) for n in ("Ana", "Bo", "Cy"))
    logged = NewInteraction(
        date(2026, 6, 1),
        InteractionKind.SHARED_RESOURCE,
        Direction.GAVE,
        (ana, bo),
        "sent the salary survey",
        date(2026, 6, 20),
        ResourceFields("article", "Salary survey", "https://example.org/s", "pay, data"),
    )
    interaction_id, _ = interactions.log_interaction(db, logged, today=TODAY)
    interactions.set_follow_up_done(db, interaction_id)
    before = interactions.interaction_entry(db, interaction_id)
    assert before == replace(logged, resource=replace(logged.resource, tags="pay, data"))

    edited = NewInteraction(
        date(2026, 6, 2), InteractionKind.COFFEE, Direction.MUTUAL, (cy,), "coffee instead"
    )
    snapshot, change = interactions.edit_interaction(db, interaction_id, edited, today=TODAY)
    assert change.people_changed == {ana, bo, cy}  # who was in it and who is now
    assert interactions.interaction_entry(db, interaction_id) == edited

    change = interactions.revert_edit(db, snapshot)
    assert change.people_changed == {ana, bo, cy}
    assert interactions.interaction_entry(db, interaction_id) == before
    with db.transaction() as session:
        from desktop_app.storage import nurture_queries

        assert nurture_queries.follow_up_done(session, interaction_id)  # as it was


def test_an_edit_is_checked_like_logging_and_changes_nothing_when_refused(db, add_person) -> None:
    ana = add_person("Ana", Circle.CLOSE)
    entry = NewInteraction(date(2026, 6, 1), InteractionKind.CALL, Direction.ASKED, (ana,))
    interaction_id, _ = interactions.log_interaction(db, entry, today=TODAY)
    with pytest.raises(ValueError, match="at least one person"):
        interactions.edit_interaction(db, interaction_id, replace(entry, participant_ids=()))
    with pytest.raises(LookupError):
        interactions.edit_interaction(db, interaction_id, replace(entry, participant_ids=(999,)))
    with pytest.raises(UnconfirmedDateError):
        interactions.edit_interaction(
            db, interaction_id, replace(entry, occurred_on=date(2027, 6, 1)), today=TODAY
        )
    with pytest.raises(LookupError):
        interactions.edit_interaction(db, 12345, entry, today=TODAY)
    assert interactions.interaction_entry(db, interaction_id) == entry


def test_changing_a_done_follow_up_date_opens_it_again(db, add_person) -> None:
    ana = add_person("Ana", Circle.CLOSE)
    entry = NewInteraction(
        date(2026, 6, 1), InteractionKind.CALL, Direction.ASKED, (ana,), "", date(2026, 6, 10)
    )
    interaction_id, _ = interactions.log_interaction(db, entry, today=TODAY)
    interactions.set_follow_up_done(db, interaction_id)
    from desktop_app.storage import nurture_queries

    interactions.edit_interaction(db, interaction_id, replace(entry, note="same date"))
    with db.transaction() as session:
        assert nurture_queries.follow_up_done(session, interaction_id)
    interactions.edit_interaction(
        db, interaction_id, replace(entry, follow_up_on=date(2026, 6, 30)), today=TODAY
    )
    with db.transaction() as session:
        assert not nurture_queries.follow_up_done(session, interaction_id)
