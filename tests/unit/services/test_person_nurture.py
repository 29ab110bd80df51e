from datetime import date, timedelta

import pytest

from desktop_app.domain.cadence import CheckInState, DueReason
from desktop_app.domain.enums import Circle, Direction, InteractionKind
from desktop_app.domain.goals import GoalFields
from desktop_app.services import goals, interactions
from desktop_app.services.interactions import NewInteraction
from desktop_app.services.person_nurture import person_nurture

TODAY = date(2026, 6, 15)


def test_one_call_tells_the_detail_panel_everything(db, add_person) -> None:
    ana = add_person("Ana", Circle.CLOSE, added=date(2026, 1, 1))
    for days_ago, direction in (
        (40, Direction.ASKED),
        (35, Direction.ASKED),
        (31, Direction.ASKED),
    ):
        entry = NewInteraction(
            TODAY - timedelta(days=days_ago),
            InteractionKind.REFERRAL,
            direction,
            (ana,),
            follow_up_on=TODAY + timedelta(days=2),
        )
        interactions.log_interaction(db, entry, today=TODAY)
    goal_id, _ = goals.create_goal(db, GoalFields("Data role"), today=TODAY)
    goals.set_links(db, goal_id, [ana], [])
    goals.record_disclosure(db, goal_id, ana, TODAY, today=TODAY)

    info = person_nurture(db, ana, TODAY)
    assert info.cadence_days == 30
    assert info.ideal == TODAY - timedelta(days=1)
    assert info.state is CheckInState.DUE
    assert info.check_in_text(TODAY).startswith("Due: next check-in 2026-06-14, every month")
    assert info.balance is not None
    assert info.balance_text().endswith("You've asked Ana 3 times and not given yet.")
    assert {i.reason for i in info.pending} == {DueReason.FOLLOW_UP, DueReason.THANK_YOU}
    assert [g.name for g in info.goals_served] == ["Data role"]
    assert info.goals_told == (("Data role", TODAY),)


def test_without_a_circle_there_is_no_rhythm(db, add_person) -> None:
    cy = add_person("Cy", None)
    info = person_nurture(db, cy, TODAY)
    assert info.state is CheckInState.NONE
    assert info.check_in_text(TODAY) == "No keep-in-touch rhythm (no circle)"
    assert info.balance_text() == "No exchanges logged yet"
    with pytest.raises(LookupError):
        person_nurture(db, 999, TODAY)
