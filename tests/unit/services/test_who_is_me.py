"""Choosing who is me: the chosen person becomes me, a former me is folded in, undo exact."""

from __future__ import annotations

from dataclasses import replace

from desktop_app.domain.values import LabeledValue, NewPerson, PersonFields
from desktop_app.services import relationships, who_is_me
from desktop_app.services.contacts import ContactsService
from desktop_app.services.map.path_finder import PathFinder
from desktop_app.storage.database import Database


def _person(contacts: ContactsService, given: str, family: str, email: str = "") -> int:
    fields = PersonFields(given_name=given, family_name=family, full_name=f"{given} {family}")
    emails = (LabeledValue(email, "work"),) if email else ()
    person_id, _ = contacts.create(NewPerson(fields=fields, emails=emails, source="import"))
    return person_id


def test_my_imported_card_becomes_me_and_the_bare_me_is_folded_in(db: Database) -> None:
    contacts = ContactsService(db)
    bare, _ = contacts.make_me(PersonFields(given_name="Ana", family_name="Lima"))
    contacts.edit(bare, replace(contacts.fields(bare), note="written on the welcome"))
    card = _person(contacts, "Ana", "Lima", "ana@example.com")
    bo = _person(contacts, "Bo", "Chen")
    relationships.add_relationship(db, bare, bo, "friend", 4)
    relationships.add_relationship(db, card, bo, "friend", 2)  # the same tie twice
    relationships.add_relationship(db, bare, card, "colleague", 3)  # would tie me to me
    relationships.add_relationship(db, bare, bo, "mentor", 5)

    assert who_is_me.same_name(contacts.summaries(), " ana  LIMA") == contacts.summaries([card])
    snapshots, change = who_is_me.become_me(db, card)

    assert contacts.me_id() == card
    assert change.people_removed == {bare}
    assert contacts.count() == 2
    detail = contacts.detail(card)
    assert detail.fields.note == "written on the welcome"  # what only the bare me had is kept
    assert [e.value for e in detail.contact_points.emails] == ["ana@example.com"]
    assert contacts.relationship_count(card) == 2  # friend (once) and mentor, no tie to self
    assert PathFinder.from_database(db).paths_to(f"p:{bo}")  # the paths start at me again

    who_is_me.undo_become_me(db, card, snapshots)
    assert contacts.me_id() == bare
    assert contacts.count() == 3
    assert contacts.relationship_count(bare) == 3
    assert contacts.relationship_count(card) == 2
    assert contacts.detail(card).fields.note == ""


def test_without_a_me_the_chosen_person_is_simply_marked(db: Database) -> None:
    contacts = ContactsService(db)
    bo = _person(contacts, "Bo", "Chen")
    snapshots, change = who_is_me.become_me(db, bo)
    assert contacts.me_id() == bo
    assert change.people_removed == frozenset()
    who_is_me.undo_become_me(db, bo, snapshots)
    assert contacts.me_id() is None
    assert contacts.count() == 1


def test_not_now_is_remembered_for_the_database(db: Database) -> None:
    assert not who_is_me.declined(db)
    who_is_me.decline(db)
    assert who_is_me.declined(db)
