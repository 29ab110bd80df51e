from datetime import date, timedelta

import pytest

from desktop_app.domain.cadence import CheckInState, DueReason
from desktop_app.domain.dates import ImplausibleDateError, UnconfirmedDateError
from desktop_app.domain.enums import Circle, Direction, InteractionKind
from desktop_app.services import interactions, reminders
from desktop_app.services.interactions import NewInteraction

TODAY = date(2026, 6, 15)


def log(db, people, on, kind=InteractionKind.COFFEE, direction=Direction.MUTUAL, **kw):
    entry = NewInteraction(on, kind, direction, tuple(people), **kw)
    interaction_id, _ = interactions.log_interaction(db, entry, today=TODAY)
    return interaction_id


def test_someone_never_contacted_is_due_one_cadence_after_being_added(db, add_person) -> None:
    ana = add_person("Ana", Circle.INNER, added=TODAY - timedelta(days=20))
    add_person("Bo", Circle.ACQUAINTANCE, added=TODAY - timedelta(days=20))
    add_person("Me", Circle.INNER, added=date(2020, 1, 1), is_me=True)
    (item,) = reminders.due_list(db, TODAY)
    assert (item.person_id, item.reason, item.due) == (ana, DueReason.CADENCE, TODAY - timedelta(6))
    assert item.overdue_days(TODAY) == 6


def test_logging_an_interaction_resets_the_clock_and_deleting_it_restores(db, add_person) -> None:
    ana = add_person("Ana", Circle.INNER, added=date(2026, 1, 1))
    assert [i.person_id for i in reminders.due_list(db, TODAY)] == [ana]
    interaction_id = log(db, [ana], TODAY - timedelta(days=2))
    assert reminders.due_list(db, TODAY) == []
    info = reminders.check_ins(db, [ana], TODAY)[ana]
    assert info.ideal == TODAY + timedelta(days=12)
    assert info.state is CheckInState.ON_TRACK
    change = interactions.delete_interaction(db, interaction_id)
    assert change.people_changed == {ana}
    (item,) = reminders.due_list(db, TODAY)
    assert item.due == date(2026, 1, 15)
    assert item.state is CheckInState.OVERDUE


def test_follow_up_is_due_on_its_date_until_a_later_interaction(db, add_person) -> None:
    bo = add_person("Bo", Circle.ACQUAINTANCE, added=TODAY)
    log(db, [bo], TODAY - timedelta(days=10), follow_up_on=TODAY - timedelta(days=1), note="CV")
    (item,) = reminders.due_list(db, TODAY)
    assert (item.reason, item.due, item.detail) == (DueReason.FOLLOW_UP, TODAY - timedelta(1), "CV")
    log(db, [bo], TODAY)
    assert reminders.due_list(db, TODAY) == []


def test_a_follow_up_can_be_ticked_off_without_logging(db, add_person) -> None:
    bo = add_person("Bo", Circle.ACQUAINTANCE, added=TODAY)
    iid = log(db, [bo], TODAY - timedelta(days=10), follow_up_on=TODAY)
    assert len(reminders.due_list(db, TODAY)) == 1
    interactions.set_follow_up_done(db, iid)
    assert reminders.due_list(db, TODAY) == []


def test_help_i_asked_for_leaves_a_thank_you_due(db, add_person) -> None:
    cy = add_person("Cy", None, added=TODAY)
    log(db, [cy], TODAY - timedelta(days=5), InteractionKind.REFERRAL, Direction.ASKED)
    (item,) = reminders.due_list(db, TODAY)
    assert (item.reason, item.due) == (DueReason.THANK_YOU, TODAY - timedelta(days=3))
    log(db, [cy], TODAY, InteractionKind.MESSAGE, Direction.GAVE, note="Thank you!")
    assert reminders.due_list(db, TODAY) == []


def test_due_people_gives_one_line_each_ordered_by_due(db, add_person) -> None:
    ana = add_person("Ana", Circle.INNER, added=TODAY - timedelta(days=30))
    bo = add_person("Bo", Circle.CLOSE, added=TODAY - timedelta(days=100))
    log(db, [ana], TODAY - timedelta(days=40), follow_up_on=TODAY - timedelta(days=35))
    rows = reminders.due_people(db, TODAY)
    assert [(r.person_id, r.reason) for r in rows] == [
        (bo, DueReason.CADENCE),
        (ana, DueReason.FOLLOW_UP),
    ]
    assert len(reminders.due_list(db, TODAY)) == 3


def test_snooze_hides_a_person_until_the_date(db, add_person) -> None:
    ana = add_person("Ana", Circle.INNER, added=date(2026, 1, 1))
    change = reminders.snooze(db, ana, TODAY + timedelta(days=7), today=TODAY)
    assert change.people_changed == {ana}
    assert reminders.due_list(db, TODAY) == []
    assert len(reminders.due_list(db, TODAY, within_days=7)) == 1
    assert reminders.snoozed_until(db, ana) == TODAY + timedelta(days=7)
    reminders.snooze(db, ana, None)
    assert len(reminders.due_list(db, TODAY)) == 1


def test_snooze_dates_are_checked(db, add_person) -> None:
    ana = add_person("Ana", Circle.INNER)
    with pytest.raises(ImplausibleDateError):
        reminders.snooze(db, ana, TODAY - timedelta(days=1), today=TODAY)
    with pytest.raises(UnconfirmedDateError):
        reminders.snooze(db, ana, TODAY + timedelta(days=800), today=TODAY)
    reminders.snooze(db, ana, TODAY + timedelta(days=800), today=TODAY, confirmed=True)
    with pytest.raises(LookupError):
        reminders.snooze(db, 999, TODAY + timedelta(days=3), today=TODAY)


def test_cadence_per_circle_is_editable_and_stored(db, add_person) -> None:
    ana = add_person("Ana", Circle.FAMILIAR, added=TODAY - timedelta(days=40))
    add_person("Own rhythm", Circle.FAMILIAR, added=TODAY - timedelta(days=40), cadence=100)
    assert reminders.due_list(db, TODAY) == []
    change = reminders.set_cadence_per_circle(db, {Circle.FAMILIAR: 30})
    assert change.people_changed == {ana}
    assert reminders.cadence_per_circle(db)[Circle.FAMILIAR] == 30
    assert [i.person_id for i in reminders.due_list(db, TODAY)] == [ana]
    with pytest.raises(ValueError, match="at least one day"):
        reminders.set_cadence_per_circle(db, {Circle.FAMILIAR: 0})


def test_logging_questions_odd_dates_and_refuses_strangers(db, add_person) -> None:
    ana = add_person("Ana", Circle.INNER)
    future = NewInteraction(
        TODAY + timedelta(days=400), InteractionKind.CALL, Direction.GAVE, (ana,)
    )
    with pytest.raises(UnconfirmedDateError) as raised:
        interactions.log_interaction(db, future, today=TODAY)
    assert "future" in raised.value.questions[0]
    interactions.log_interaction(db, future, today=TODAY, confirmed=True)
    with pytest.raises(LookupError):
        log(db, [ana, 12345], TODAY)
    with pytest.raises(ValueError, match="at least one person"):
        log(db, [], TODAY)


def test_person_choices_name_the_current_organisation(db, add_person) -> None:
    from desktop_app.storage import tables as t

    ana = add_person("Ana", Circle.INNER)
    add_person("bo", None)
    add_person("Me", None, is_me=True)
    with db.transaction() as session:
        org = t.Organization(name="Acme", normalized_name="acme")
        session.add(org)
        session.flush()
        session.add(t.Employment(person_id=ana, organization_id=org.id, current=True))
    choices = interactions.person_choices(db)
    assert [c.label for c in choices] == ["Ana (Acme)", "bo"]


def test_due_summary_is_one_short_sentence() -> None:
    from desktop_app.domain.cadence import DueItem

    def item(pid: int, name: str) -> DueItem:
        return DueItem(pid, name, TODAY, DueReason.CADENCE)

    assert reminders.due_summary([]) == ""
    assert reminders.due_summary([item(1, "Ana")]) == "Time to get in touch with Ana."
    two = [item(1, "Ana"), item(1, "Ana"), item(2, "Bo")]
    assert reminders.due_summary(two) == "Time to get in touch with Ana and Bo."
    many = [item(i, f"P{i}") for i in range(5)]
    assert reminders.due_summary(many) == "Time to get in touch with P0, P1, P2 and 2 more."


def test_a_removed_interaction_comes_back_whole(db, add_person) -> None:
    from desktop_app.services import reciprocity
    from desktop_app.services.interactions import ResourceFields

    ana = add_person("Ana", Circle.INNER, added=date(2026, 1, 1))
    resource = ResourceFields("article", "Guide", "https://x.test", "data")
    iid, _ = reciprocity.log_shared_resource(db, resource, [ana], today=TODAY)
    assert reminders.due_list(db, TODAY) == []
    snapshot, change = interactions.remove_interaction(db, iid)
    assert change.people_changed == {ana}
    assert len(reminders.due_list(db, TODAY)) == 1
    assert reciprocity.shared_resources(db) == []
    interactions.restore_interaction(db, snapshot)
    assert reminders.due_list(db, TODAY) == []
    (record,) = reciprocity.shared_resources(db)
    assert (record.interaction_id, record.title, record.recipient_ids) == (iid, "Guide", (ana,))
    with pytest.raises(LookupError):
        interactions.remove_interaction(db, 4242)


def test_the_contact_table_agrees_with_the_due_list(db, add_person) -> None:
    from desktop_app.services.contacts import ContactsService

    bo = add_person("Bo", Circle.CLOSE, added=date.today())
    today = date.today()

    def log_now(on: date, **kw) -> None:
        entry = NewInteraction(on, InteractionKind.CALL, Direction.MUTUAL, (bo,), **kw)
        interactions.log_interaction(db, entry, today=today)

    log_now(today - timedelta(days=10), follow_up_on=today - timedelta(days=5))
    (row,) = ContactsService(db).summaries([bo])
    assert row.next_check_in == today - timedelta(days=5)
    assert row.check_in_state is CheckInState.OVERDUE
    log_now(today)  # answers the follow-up
    (row,) = ContactsService(db).summaries([bo])
    assert row.next_check_in == today + timedelta(days=30)
    assert row.check_in_state is CheckInState.ON_TRACK


def test_check_in_states_match_the_contact_table(db, add_person) -> None:
    from desktop_app.services.contacts import ContactsService

    today = date.today()
    ana = add_person("Ana", Circle.INNER, added=today - timedelta(days=40))
    bo = add_person("Bo", Circle.CLOSE, added=today)
    cy = add_person("Cy", None, added=today)
    entry = NewInteraction(
        today - timedelta(days=2),
        InteractionKind.CALL,
        Direction.GAVE,
        (bo,),
        follow_up_on=today - timedelta(days=1),
    )
    interactions.log_interaction(db, entry, today=today)
    states = reminders.check_in_states(db, today)
    assert states == {
        ana: CheckInState.OVERDUE,
        bo: CheckInState.DUE,
        cy: CheckInState.NONE,
    }
    table = {s.id: s.check_in_state for s in ContactsService(db).summaries()}
    assert table == states
