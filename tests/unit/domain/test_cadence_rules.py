from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.cadence import (
    CadenceFacts,
    CheckIn,
    CheckInState,
    DueReason,
    PendingAction,
    cadence_for,
    check_in,
    check_in_state,
    due_items,
    first_per_person,
    grace_days,
    next_check_in,
    overall_state,
)
from desktop_app.domain.enums import DEFAULT_CADENCE_DAYS, Circle

TODAY = date(2026, 6, 15)


def test_override_beats_the_circle_and_no_circle_means_no_rhythm() -> None:
    assert cadence_for(Circle.INNER, None) == DEFAULT_CADENCE_DAYS[Circle.INNER]
    assert cadence_for(Circle.INNER, 5) == 5
    assert cadence_for(Circle.CLOSE, None, {Circle.CLOSE: 40}) == 40
    assert cadence_for(None, None) is None
    assert cadence_for(None, 10) == 10


def test_window_states_move_from_on_track_to_due_to_overdue() -> None:
    window = CheckIn(anchor=date(2026, 6, 1), cadence_days=14)
    assert window.ideal == date(2026, 6, 15)
    assert window.latest == date(2026, 6, 22)
    assert window.state(date(2026, 6, 14)) is CheckInState.ON_TRACK
    assert window.state(date(2026, 6, 15)) is CheckInState.DUE
    assert window.state(date(2026, 6, 22)) is CheckInState.DUE
    assert window.state(date(2026, 6, 23)) is CheckInState.OVERDUE


def test_grace_is_half_the_cadence_and_at_least_a_day() -> None:
    assert grace_days(1) == 1
    assert grace_days(30) == 15


def test_no_interaction_yet_counts_from_the_day_added() -> None:
    added = date(2026, 5, 1)
    assert next_check_in(None, added, 30) == date(2026, 5, 31)
    assert next_check_in(date(2026, 6, 1), added, 30) == date(2026, 7, 1)
    assert check_in(None, added, None) is None
    assert check_in_state(None, added, None, TODAY) is CheckInState.NONE


def test_next_check_in_takes_an_earlier_follow_up_and_respects_a_snooze() -> None:
    added = date(2026, 1, 1)
    last = date(2026, 6, 1)
    assert next_check_in(last, added, 30, follow_up=date(2026, 6, 10)) == date(2026, 6, 10)
    assert next_check_in(last, added, None, follow_up=date(2026, 6, 10)) == date(2026, 6, 10)
    assert next_check_in(last, added, 30, snoozed_until=date(2026, 8, 1)) == date(2026, 8, 1)


def _facts(pid: int, name: str, last: date | None, **kw: object) -> CadenceFacts:
    values: dict[str, object] = {
        "circle": Circle.INNER,
        "cadence_override": None,
        "added_on": date(2026, 1, 1),
        "snoozed_until": None,
    }
    values.update(kw)
    return CadenceFacts(pid, name, last_contact=last, **values)  # type: ignore[arg-type]


def test_due_items_are_ordered_most_overdue_first_with_their_state() -> None:
    people = [
        _facts(1, "Ana", TODAY - timedelta(days=20)),  # ideal 6 days ago: due
        _facts(2, "Bo", TODAY - timedelta(days=40)),  # ideal 26 days ago: overdue
        _facts(3, "Cy", TODAY - timedelta(days=3)),  # on track
        _facts(4, "Di", None, circle=None),  # no rhythm
    ]
    items = due_items(people, [], TODAY)
    assert [i.name for i in items] == ["Bo", "Ana"]
    assert [i.state for i in items] == [CheckInState.OVERDUE, CheckInState.DUE]
    assert items[0].overdue_days(TODAY) == 26
    assert all(i.reason is DueReason.CADENCE for i in items)


def test_within_days_looks_ahead_and_upcoming_items_are_not_overdue() -> None:
    people = [_facts(3, "Cy", TODAY - timedelta(days=10))]  # ideal in 4 days
    assert due_items(people, [], TODAY, within_days=3) == []
    (item,) = due_items(people, [], TODAY, within_days=4)
    assert item.due == TODAY + timedelta(days=4)
    assert item.overdue_days(TODAY) == 0
    assert item.state is CheckInState.ON_TRACK


def test_snooze_hides_until_it_ends_then_shows_the_real_due_date() -> None:
    facts = _facts(1, "Ana", TODAY - timedelta(days=30), snoozed_until=TODAY + timedelta(days=5))
    assert due_items([facts], [], TODAY) == []
    (item,) = due_items([facts], [], TODAY + timedelta(days=5))
    assert item.due == TODAY - timedelta(days=16)


def test_pending_actions_mix_with_cadence_and_one_line_per_person_keeps_the_earliest() -> None:
    follow_up = PendingAction(1, "Ana", DueReason.FOLLOW_UP, TODAY - timedelta(days=1), 7, "cv")
    thanks = PendingAction(2, "Bo", DueReason.THANK_YOU, TODAY + timedelta(days=9), 8)
    people = [_facts(1, "Ana", TODAY - timedelta(days=16))]  # cadence due 2 days ago
    items = due_items(people, [follow_up, thanks], TODAY)
    assert [(i.name, i.reason) for i in items] == [
        ("Ana", DueReason.CADENCE),
        ("Ana", DueReason.FOLLOW_UP),
    ]
    assert [i.reason for i in first_per_person(items)] == [DueReason.CADENCE]
    assert items[1].interaction_id == 7


@pytest.mark.parametrize("days", [1, 14, 365])
def test_ideal_is_always_within_one_cadence_of_the_anchor(days: int) -> None:
    window = CheckIn(TODAY, days)
    assert (window.ideal - TODAY).days == days
    assert window.latest > window.ideal


def test_overall_state_combines_cadence_follow_up_and_snooze() -> None:
    added = date(2026, 1, 1)
    recent = TODAY - timedelta(days=3)
    assert overall_state(recent, added, 14, TODAY) is CheckInState.ON_TRACK
    assert overall_state(recent, added, 14, TODAY, follow_up=TODAY) is CheckInState.DUE
    late_follow_up = TODAY - timedelta(days=10)
    assert overall_state(recent, added, 14, TODAY, follow_up=late_follow_up) is (
        CheckInState.OVERDUE
    )
    long_ago = TODAY - timedelta(days=100)
    assert overall_state(long_ago, added, 14, TODAY) is CheckInState.OVERDUE
    snoozed = TODAY + timedelta(days=1)
    assert overall_state(long_ago, added, 14, TODAY, snoozed_until=snoozed) is (
        CheckInState.ON_TRACK
    )
    assert overall_state(None, added, None, TODAY) is CheckInState.NONE
    assert overall_state(None, added, None, TODAY, follow_up=TODAY + timedelta(1)) is (
        CheckInState.ON_TRACK
    )


@given(
    last_offset=st.one_of(st.none(), st.integers(-1000, 30)),
    cadence=st.integers(1, 400),
    within=st.integers(0, 60),
)
def test_due_items_agree_with_the_check_in_window(
    last_offset: int | None, cadence: int, within: int
) -> None:
    added = TODAY - timedelta(days=500)
    last = None if last_offset is None else TODAY + timedelta(days=last_offset)
    facts = _facts(1, "Ana", last, cadence_override=cadence, added_on=added)
    window = check_in(last, added, cadence)
    assert window is not None
    items = due_items([facts], [], TODAY, within_days=within)
    assert bool(items) == (window.ideal <= TODAY + timedelta(days=within))
    if items:
        assert items[0].due == window.ideal
        assert items[0].state is window.state(TODAY)
