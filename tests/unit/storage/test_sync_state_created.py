"""A first sync stores thousands of people and remembers each one's synced state; that
state comes from what the writer wrote (`create_people`), not from reading them all back.
These tests prove it is what the read-back (`stored_people`) says, for any cards: repeated
emails and phones spelled differently, several organisations, one stored under another
spelling already, tags in any order, photos, addresses, empty fields.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.values import (
    Birthday,
    EmploymentRecord,
    LabeledValue,
    NewPerson,
    PersonFields,
)
from desktop_app.services.sync import cards
from desktop_app.storage import sync_state
from desktop_app.storage.database import Database
from desktop_app.storage.import_writer import ImportWriter
from tests.fuzz_harness import _words, stored_people

CREATED = settings(
    max_examples=60,
    deadline=timedelta(seconds=20),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
# The same values spelled otherwise: one key each to the writer (emails by case, phones by
# their E.164 form), so it keeps the first.
REPEATS = (
    (LabeledValue("Ann@Example.org", "work"), LabeledValue("ann@example.ORG", "home")),
    (LabeledValue("+1 212 555 0101", "cell"), LabeledValue("(212) 555-0101", "work")),
    (LabeledValue("https://ann.example", ""), LabeledValue("https://ann.example", "blog")),
)


class _RolledBackError(Exception):
    """Leaves each example's transaction undone: the next one starts from the same state."""


def _without_job_ids(person: NewPerson) -> NewPerson:
    """Without the ids of employment rows and their organisations (`create_people` gives
    neither), and with the truth of `current` as the bool it is read back as."""
    jobs = tuple(
        replace(j, id=None, organization_id=None, current=bool(j.current))
        for j in person.employment
    )
    return replace(person, employment=jobs)


def _with_repeats(person: NewPerson, which: int) -> NewPerson:
    """`person` with a pair of equal values appended to one of its lists (emails, phones,
    urls), as a card from another program may hold them."""
    name = ("emails", "phones", "urls")[which]
    value: tuple[LabeledValue, ...] = getattr(person, name)
    return replace(person, **{name: (*value, *REPEATS[which])})


def _compare_created(
    db: Database, seed_orgs: list[str], seed_tags: list[str], new: list[Any]
) -> None:
    try:
        with db.transaction() as session:
            # Organisations and tags stored already, some under other spellings.
            writer = ImportWriter(session.connection())
            seed = NewPerson(
                PersonFields(full_name="Seed"),
                tags=tuple(dict.fromkeys(seed_tags)),
                employment=tuple(EmploymentRecord(org, current=False) for org in seed_orgs),
            )
            writer.insert_people([(writer.allocate_id(), seed)])
            created = sync_state.create_people(session, new)
            read = sync_state.stored_people(session, [pid for pid, _ in created])
            assert [pid for pid, _ in created] == sorted(read)
            for pid, stored in created:
                assert cards.state(stored) == cards.state(read[pid])
                assert _without_job_ids(stored) == _without_job_ids(read[pid])
            raise _RolledBackError
    except _RolledBackError:
        pass


@CREATED
@given(
    people=stored_people(max_people=4),
    seed_orgs=st.lists(_words(12).filter(bool), max_size=3),
    seed_tags=st.lists(_words(12).filter(bool), max_size=3),
    repeats=st.lists(st.one_of(st.none(), st.integers(0, 2)), min_size=4, max_size=4),
    through_cards=st.booleans(),
)
def test_the_state_of_people_created_is_what_reading_them_back_says(
    db: Database,
    people: list[NewPerson],
    seed_orgs: list[str],
    seed_tags: list[str],
    repeats: list[int | None],
    through_cards: bool,
) -> None:
    # Organisations spelled as the people's own in another case, and as drawn.
    orgs = seed_orgs + [j.organization.upper() for p in people for j in p.employment]
    tags = (
        seed_tags
        + [t.upper() for p in people for t in p.tags]
        + [t for p in people for t in p.tags[1:]]
    )
    new = [
        person if which is None else _with_repeats(person, which)
        for person, which in zip(people, repeats, strict=False)
    ]
    if through_cards:  # as a sync creates them: the server's card, parsed
        new = [
            cards.parse(cards.card_text(replace(p, vcard_uid=f"u{i}"))) for i, p in enumerate(new)
        ]
    _compare_created(db, orgs, tags, new)


def test_the_cases_where_the_given_person_is_not_what_is_stored(db: Database) -> None:
    """Repeated values dropped, an organisation under its earlier spelling, tags in the
    order of their ids: each differs from the person given, and each is as read back."""
    ann = NewPerson(
        PersonFields(full_name="Ann", birthday=Birthday(2, 29)),
        emails=REPEATS[0],
        phones=REPEATS[1],
        tags=("zeta", "alpha", "Friends"),
        employment=(
            EmploymentRecord("ACME   Corp", "CTO"),
            EmploymentRecord("Other", current=False),
        ),
        photo=b"\x89PNG\r\n\x1a\nfake",
        photo_mime="image/png",
        source="carddav",
    )
    bob = NewPerson(PersonFields(full_name="Bob"), tags=("zeta", "alpha"), source="carddav")
    with db.transaction() as session:
        writer = ImportWriter(session.connection())
        seed = NewPerson(
            PersonFields(full_name="Seed"),
            tags=("Friends",),
            employment=(EmploymentRecord("Acme corp"),),
        )
        writer.insert_people([(writer.allocate_id(), seed)])
        created = dict(sync_state.create_people(session, [ann, bob]))
        read = sync_state.stored_people(session, created)
    stored_ann, stored_bob = (created[pid] for pid in sorted(created))
    assert stored_ann.emails == REPEATS[0][:1] and stored_ann.phones == REPEATS[1][:1]
    assert [j.organization for j in stored_ann.employment] == ["Acme corp", "Other"]
    assert stored_ann.tags == ("Friends", "alpha", "zeta")
    assert stored_bob.tags == ("alpha", "zeta")
    assert stored_bob.employment == ()
    for pid, stored in created.items():
        assert _without_job_ids(stored) == _without_job_ids(read[pid])
        assert cards.state(stored) == cards.state(read[pid])
