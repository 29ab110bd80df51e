from datetime import date

import pytest

from desktop_app.domain.dates import UnconfirmedDateError
from desktop_app.domain.enums import Circle
from desktop_app.domain.goals import GoalFields
from desktop_app.services import goals
from desktop_app.storage import tables as t

TODAY = date(2026, 6, 15)


def _org(db, name: str) -> int:
    with db.transaction() as session:
        org = t.Organization(name=name, normalized_name=name.casefold())
        session.add(org)
        session.flush()
        return org.id


def test_create_edit_and_delete_a_goal(db) -> None:
    goal_id, change = goals.create_goal(db, GoalFields("Data role", "data engineer"), today=TODAY)
    assert change.goals_changed
    detail = goals.goal(db, goal_id)
    assert detail is not None
    assert (detail.fields.title, detail.fields.created_on) == ("Data role", TODAY)
    goals.update_goal(db, goal_id, GoalFields("Data lead", "lead", "energy", achieved_on=TODAY))
    edited = goals.goal(db, goal_id)
    assert edited is not None
    assert (edited.fields.title, edited.fields.target_industries) == ("Data lead", "energy")
    assert edited.fields.created_on == TODAY
    assert goals.goals(db)[0].achieved
    with pytest.raises(ValueError, match="title"):
        goals.update_goal(db, goal_id, GoalFields("  "))
    goals.delete_goal(db, goal_id)
    assert goals.goal(db, goal_id) is None
    with pytest.raises(LookupError):
        goals.update_goal(db, goal_id, GoalFields("x"))


def test_links_serve_people_directly_or_through_their_organisation(db, add_person) -> None:
    ana = add_person("Ana", Circle.CLOSE)
    bo = add_person("Bo", Circle.FAMILIAR)
    acme = _org(db, "Acme")
    with db.transaction() as session:
        session.add(t.Employment(person_id=bo, organization_id=acme, current=True))
    goal_id, _ = goals.create_goal(db, GoalFields("Join Acme"), today=TODAY)
    change = goals.set_links(db, goal_id, [ana], [acme])
    assert change.people_changed == {ana}
    detail = goals.goal(db, goal_id)
    assert detail is not None
    assert [p.name for p in detail.people] == ["Ana"]
    assert [o.name for o in detail.organizations] == ["Acme"]
    assert [g.id for g in goals.goals_serving_person(db, bo)] == [goal_id]
    assert [g.id for g in goals.goals_serving_person(db, ana)] == [goal_id]
    assert [o.name for o in goals.organizations(db)] == ["Acme"]
    assert goals.serving(db, goal_id) == ({ana, bo}, {acme})


def test_who_has_been_told_and_who_in_the_inner_circles_has_not(db, add_person) -> None:
    ana = add_person("Ana", Circle.INNER)
    bo = add_person("Bo", Circle.CLOSE)
    cy = add_person("Cy", Circle.CLOSE)
    di = add_person("Di", Circle.ACQUAINTANCE)
    add_person("Me", Circle.INNER, is_me=True)
    goal_id, _ = goals.create_goal(db, GoalFields("Data role"), today=TODAY)
    detail = goals.goal(db, goal_id)
    assert detail is not None
    assert [p.id for p in detail.untold] == [ana, bo, cy]
    goals.record_disclosure(db, goal_id, bo, date(2026, 6, 1), today=TODAY)
    goals.record_disclosure(db, goal_id, di, date(2026, 6, 2), today=TODAY)
    detail = goals.goal(db, goal_id)
    assert detail is not None
    assert [p.id for p in detail.untold] == [ana, cy]
    assert [(d.name, d.told_on) for d in detail.disclosures] == [
        ("Di", date(2026, 6, 2)),
        ("Bo", date(2026, 6, 1)),
    ]
    assert detail.progress == pytest.approx(1 / 3)
    (summary,) = goals.goals(db)
    assert (summary.told, summary.told_in_circles, summary.untold) == (2, 1, 2)
    assert goals.disclosure_date(db, goal_id, bo) == date(2026, 6, 1)
    goals.record_disclosure(db, goal_id, bo, None)
    assert goals.disclosure_date(db, goal_id, bo) is None


def test_telling_someone_in_the_future_is_questioned(db, add_person) -> None:
    ana = add_person("Ana", Circle.INNER)
    goal_id, _ = goals.create_goal(db, GoalFields("Data role"), today=TODAY)
    with pytest.raises(UnconfirmedDateError):
        goals.record_disclosure(db, goal_id, ana, date(2026, 9, 1), today=TODAY)
