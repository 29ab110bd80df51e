"""ContactsService.edit: one edit of a person is one transaction, lists replaced whole."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop_app.domain.values import (
    Birthday,
    ContactPoints,
    EmploymentRecord,
    LabeledValue,
    NewPerson,
    PersonFields,
    PostalAddress,
)
from desktop_app.services.contacts import ContactsService
from desktop_app.storage.database import Database


def make_person(contacts: ContactsService) -> int:
    person_id, _ = contacts.create(
        NewPerson(
            fields=PersonFields(given_name="Ada", family_name="Byron", full_name="Ada Byron"),
            emails=(LabeledValue("ada@old.example", "work"),),
            phones=(LabeledValue("+44 20 7946 0000", "home"),),
            tags=("mentor",),
            employment=(EmploymentRecord("Analytical Engines", "Programmer"),),
        )
    )
    return person_id


def test_edit_replaces_contact_points_and_keeps_their_order(db: Database) -> None:
    contacts = ContactsService(db)
    person_id = make_person(contacts)
    fields = contacts.detail(person_id).fields
    points = ContactPoints(
        emails=(LabeledValue("ada@new.example", "work"), LabeledValue("ada@home.example")),
        phones=(),
        urls=(LabeledValue("https://example.org/ada", "site"),),
        addresses=(PostalAddress("home", "12 St James's Sq", "London", "", "SW1Y", "UK"),),
    )
    birthday = Birthday(12, 10)
    change = contacts.edit(person_id, replace(fields, birthday=birthday), points=points)
    detail = contacts.detail(person_id)
    assert change.people_changed == {person_id}
    assert detail.contact_points == points
    assert detail.fields.birthday == birthday
    assert detail.tags == ("mentor",)  # not given: left as it was
    assert [j.organization for j in detail.employment] == ["Analytical Engines"]


def test_a_failing_edit_changes_nothing(db: Database) -> None:
    contacts = ContactsService(db)
    person_id = make_person(contacts)
    before = contacts.detail(person_id)
    nameless = PersonFields()
    with pytest.raises(ValueError, match="needs a name"):
        contacts.edit(
            person_id,
            nameless,
            tags=("recruiter",),
            job=("Elsewhere", "Boss"),
            points=ContactPoints(),
        )
    assert contacts.detail(person_id) == before


def test_edit_replaces_earlier_jobs_and_an_ended_current_job_joins_them(db: Database) -> None:
    from datetime import date

    contacts = ContactsService(db)
    person_id = make_person(contacts)
    fields = contacts.detail(person_id).fields
    earlier = (EmploymentRecord("Royal Society", "Correspondent", date(1840, 1, 1), None, False),)
    contacts.edit(person_id, fields, past_jobs=earlier)
    jobs = contacts.detail(person_id).employment
    assert {(j.organization, j.current) for j in jobs} == {
        ("Analytical Engines", True),
        ("Royal Society", False),
    }
    contacts.edit(person_id, fields, job=("", ""), past_jobs=earlier)  # no current job now
    jobs = contacts.detail(person_id).employment
    assert sorted((j.organization, j.current) for j in jobs) == [
        ("Analytical Engines", False),
        ("Royal Society", False),
    ]


def test_undoing_the_delete_of_people_tied_to_each_other_brings_back_the_tie(
    db: Database,
) -> None:
    from desktop_app.services import relationships

    contacts = ContactsService(db)
    a, _ = contacts.create(NewPerson(PersonFields(full_name="Ann")))
    b, _ = contacts.create(NewPerson(PersonFields(full_name="Bob")))
    c, _ = contacts.create(NewPerson(PersonFields(full_name="Cy")))
    relationships.add_relationship(db, a, b, "mentor", 4)
    relationships.add_relationship(db, b, c, "friend", 2)
    for order in ([a, b], [b, a], [c, b, a]):
        snapshots, _ = contacts.delete(order)
        contacts.restore(snapshots)
        assert contacts.relationship_count(a) == 1, order
        assert contacts.relationship_count(b) == 2, order
        assert contacts.relationship_count(c) == 1, order
