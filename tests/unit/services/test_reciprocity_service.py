from datetime import date, timedelta

import pytest

from desktop_app.domain.enums import Circle, Direction, InteractionKind
from desktop_app.services import goals, interactions, reciprocity
from desktop_app.services.interactions import NewInteraction, ResourceFields

TODAY = date(2026, 6, 15)


def log(db, people, days_ago, direction, kind=InteractionKind.CALL) -> int:
    entry = NewInteraction(TODAY - timedelta(days=days_ago), kind, direction, tuple(people))
    return interactions.log_interaction(db, entry, today=TODAY)[0]


def test_balance_counts_gives_asks_and_asks_since_the_last_give(db, add_person) -> None:
    ana = add_person("Ana", Circle.CLOSE)
    bo = add_person("Bo", Circle.CLOSE)
    for days_ago, direction in [
        (50, Direction.ASKED),
        (40, Direction.GAVE),
        (30, Direction.ASKED),
        (20, Direction.MUTUAL),
        (10, Direction.ASKED),
        (5, Direction.ASKED),
    ]:
        log(db, [ana], days_ago, direction)
    log(db, [bo], 3, Direction.GAVE)
    result = reciprocity.balances(db)
    assert (result[ana].gave, result[ana].asked, result[ana].mutual) == (1, 4, 1)
    assert result[ana].asks_since_gave == 3
    assert result[ana].last_gave == TODAY - timedelta(days=40)
    assert result[bo].balance == 1
    assert [b.person_id for b in reciprocity.ask_heavy(db)] == [ana]
    assert set(reciprocity.balances(db, [bo])) == {bo}


def test_a_give_later_the_same_day_clears_the_asks(db, add_person) -> None:
    ana = add_person("Ana", Circle.CLOSE)
    for _ in range(3):
        log(db, [ana], 1, Direction.ASKED)
    assert reciprocity.ask_heavy(db)
    log(db, [ana], 1, Direction.GAVE)
    assert reciprocity.ask_heavy(db) == []


def test_shared_resources_are_remembered_with_whom_and_when(db, add_person) -> None:
    ana = add_person("Ana", Circle.CLOSE)
    bo = add_person("Bo", Circle.CLOSE)
    resource = ResourceFields("article", " Hiring in 2026 ", "https://x.test/a", "Hiring, Data")
    iid, change = reciprocity.log_shared_resource(db, resource, [ana, bo], today=TODAY)
    assert change.people_changed == {ana, bo}
    (record,) = reciprocity.shared_resources(db)
    assert record.interaction_id == iid
    assert (record.title, record.tags, record.shared_on) == (
        "Hiring in 2026",
        ("hiring", "data"),
        TODAY,
    )
    assert set(record.recipients) == {"Ana", "Bo"}
    assert reciprocity.balances(db)[ana].gave == 1
    with pytest.raises(ValueError, match="title or a link"):
        reciprocity.log_shared_resource(db, ResourceFields("tip", " "), [ana], today=TODAY)


def test_suggestions_use_tags_and_goals_and_skip_who_already_has_it(db, add_person) -> None:
    ana = add_person("Ana", Circle.CLOSE, tags=("data",))
    bo = add_person("Bo", Circle.CLOSE, tags=("data", "hiring"))
    cy = add_person("Cy", Circle.FAMILIAR)
    add_person("Di", Circle.FAMILIAR, tags=("cooking",))
    goal_id, _ = goals.create_goal(
        db, goals.GoalFields("Move to data", "data engineer"), today=TODAY
    )
    goals.set_links(db, goal_id, [cy], [])
    found = reciprocity.suggestions(db, "hiring, data")
    assert [s.person_id for s in found] == [bo, ana, cy]
    resource = ResourceFields("article", "Guide", "https://x.test/g", "data")
    reciprocity.log_shared_resource(db, resource, [bo], today=TODAY)
    again = reciprocity.suggestions(db, "hiring, data", title="Guide", url="https://x.test/g")
    assert [s.person_id for s in again] == [ana, cy]
    assert reciprocity.suggestions(db, " , ") == []
