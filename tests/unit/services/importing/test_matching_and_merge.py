"""Duplicate matching (sure and possible) and merging that keeps every distinct value."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.contact_keys import normalize_phone as slow_normalize_phone
from desktop_app.domain.contact_keys import quick_normalize_phone as normalize_phone
from desktop_app.domain.values import EmploymentRecord, LabeledValue, NewPerson, PersonFields
from desktop_app.services.importing.duplicates import DuplicateIndex, MatchKeys, MatchReason
from desktop_app.services.importing.merge import merge_people
from desktop_app.storage.import_keys import ImportKeyTables


def person(
    name: str,
    *,
    emails: tuple[str, ...] = (),
    phones: tuple[str, ...] = (),
    org: str = "",
    title: str = "",
    uid: str = "",
    urls: tuple[str, ...] = (),
    note: str = "",
) -> NewPerson:
    return NewPerson(
        fields=PersonFields(full_name=name, note=note),
        emails=tuple(LabeledValue(e) for e in emails),
        phones=tuple(LabeledValue(p) for p in phones),
        urls=tuple(LabeledValue(u) for u in urls),
        employment=(EmploymentRecord(org, title),) if org else (),
        vcard_uid=uid,
    )


FLUSH_EVERY = {"people": 1000}


@pytest.fixture(params=[1, 1000], ids=["keys-in-tables", "keys-in-memory"])
def where_keys_wait(request: pytest.FixtureRequest) -> None:
    """Matching reads the TEMP tables and the people not yet flushed to them alike."""
    FLUSH_EVERY["people"] = request.param


def indexed(*people: NewPerson) -> DuplicateIndex:
    tables = ImportKeyTables(sqlite3.connect(":memory:"))
    index = DuplicateIndex(tables, memory_people=FLUSH_EVERY["people"])
    for number, someone in enumerate(people, 1):
        index.add(number, someone.fields.full_name, MatchKeys.of(someone))
    return index


@pytest.mark.usefixtures("where_keys_wait")
def test_sure_matches_by_uid_email_phone_and_linkedin_profile() -> None:
    index = indexed(
        person("Ada Lovelace", uid="u-1"),
        person("Alan Turing", emails=("Alan@Example.com",)),
        person("Grace Hopper", phones=("(212) 555-0100",)),
        person("Linus Torvalds", urls=("https://www.linkedin.com/in/linus/",)),
    )
    cases = [
        (person("A. Lovelace", uid="u-1"), 1, MatchReason.UID),
        (person("Turing", emails=(" alan@example.COM",)), 2, MatchReason.EMAIL),
        (person("G. Hopper", phones=("+1 212-555-0100",)), 3, MatchReason.PHONE),
        (person("L", urls=("http://linkedin.com/in/linus?trk=x",)), 4, MatchReason.PROFILE),
    ]
    for incoming, expected_id, reason in cases:
        match = index.find(MatchKeys.of(incoming))
        assert match is not None
        assert (match.person_id, match.reason, match.is_sure) == (expected_id, reason, True)


@pytest.mark.usefixtures("where_keys_wait")
def test_similar_names_at_the_same_organisation_are_only_possible_duplicates() -> None:
    index = indexed(person("Jonathan Smith", org="Acme"), person("Maria Garcia"))
    match = index.find(MatchKeys.of(person("Jonathon Smith", org="ACME ")))
    assert match is not None
    assert match.reason is MatchReason.NAME
    assert not match.is_sure
    assert index.find(MatchKeys.of(person("Jonathon Smith", org="Globex"))) is None
    assert index.find(MatchKeys.of(person("Mario Garcia"))) is None
    exact = index.find(MatchKeys.of(person("maria garcía")))
    assert exact is not None
    assert exact.person_id == 2


@pytest.mark.usefixtures("where_keys_wait")
def test_middle_names_and_reversed_names_are_still_candidates() -> None:
    index = indexed(person("Alan Turing", org="Bletchley"))
    for variant in ("Alan M. Turing", "Turing, Alan", "Alan Turring"):
        match = index.find(MatchKeys.of(person(variant, org="Bletchley")))
        assert match is not None, variant
        assert match.reason is MatchReason.NAME


@pytest.mark.usefixtures("where_keys_wait")
def test_short_numbers_identify_nobody() -> None:
    index = indexed(person("A", phones=("123",)))
    assert index.find(MatchKeys.of(person("B", phones=("123",)))) is None


def test_merge_keeps_every_distinct_value_and_adds_nothing_twice() -> None:
    stored = person("Ada Lovelace", emails=("ada@a.org",), phones=("+1 212 555 0100",))
    incoming = person(
        "Augusta Ada King",
        emails=("ADA@a.org", "ada@b.org"),
        phones=("(212) 555-0100", "+44 20 7946 0958"),
        note="Met at the Analytical Society",
    )
    merged = merge_people(stored, incoming)
    assert merged.fields.full_name == "Ada Lovelace"
    assert [e.value for e in merged.emails] == ["ada@a.org", "ada@b.org"]
    assert [p.value for p in merged.phones] == ["+1 212 555 0100", "+44 20 7946 0958"]
    assert merged.fields.note == "Met at the Analytical Society"
    assert merge_people(merged, incoming) == merged


def test_a_new_job_makes_the_old_one_past_and_a_new_title_updates_the_job() -> None:
    stored = person("Ada", org="Engines Ltd", title="Analyst")
    moved = merge_people(stored, person("Ada", org="Babbage & Co", title="Lead"))
    assert [(j.organization, j.title, j.current) for j in moved.employment] == [
        ("Engines Ltd", "Analyst", False),
        ("Babbage & Co", "Lead", True),
    ]
    promoted = merge_people(stored, person("Ada", org="engines ltd", title="Senior Analyst"))
    assert [(j.organization, j.title, j.current) for j in promoted.employment] == [
        ("Engines Ltd", "Senior Analyst", True)
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from("0123456789"), min_size=10, max_size=11),
    st.sampled_from(["", "+", "(", " ", "1 "]),
    st.sampled_from([" ", "-", ".", "", ") "]),
)
def test_the_fast_phone_path_agrees_with_phonenumbers(
    digits: list[str], prefix: str, separator: str
) -> None:
    text = prefix + separator.join(["".join(digits[:3]), "".join(digits[3:6]), "".join(digits[6:])])
    assert normalize_phone(text) == slow_normalize_phone(text)
