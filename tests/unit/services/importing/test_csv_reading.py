"""CSV address books: LinkedIn, Google and Outlook layouts recognised by their headers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop_app.domain.values import Birthday, NewPerson
from desktop_app.services.importing.csv_reader import CsvReader

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "contacts"


def rows(name: str) -> tuple[CsvReader, list[tuple[int, NewPerson | str]]]:
    with (FIXTURES / name).open("rb") as stream:
        reader = CsvReader(stream)
        return reader, list(reader)


def test_linkedin_connections_with_the_notes_preamble() -> None:
    reader, found = rows("linkedin-connections.csv")
    assert reader.plan is not None
    assert reader.plan.source == "linkedin"
    assert [line for line, _ in found] == [5, 6]
    ada = found[0][1]
    assert isinstance(ada, NewPerson)
    assert ada.fields.full_name == "Ada Lovelace"
    assert ada.fields.met_on == date(2023, 3, 14)
    assert ada.employment[0].organization == "Engines, Ltd."
    assert ada.employment[0].title == "Analyst, Senior"
    assert [(u.value, u.label) for u in ada.urls] == [
        ("https://www.linkedin.com/in/ada-lovelace", "LinkedIn")
    ]
    assert ada.source == "linkedin"
    alan = found[1][1]
    assert isinstance(alan, NewPerson)
    assert alan.emails == ()


def test_google_csv_multi_values_labels_and_groups() -> None:
    reader, found = rows("google-contacts.csv")
    assert reader.plan is not None
    assert reader.plan.source == "google"
    linus = found[0][1]
    assert isinstance(linus, NewPerson)
    assert [(e.value, e.label) for e in linus.emails] == [
        ("linus@example.com", "work"),
        ("torvalds@example.org", "work"),
    ]
    assert [p.value for p in linus.phones] == ["+1 503 555 0110", "+1 503 555 0111"]
    assert linus.tags == ("Friends",)
    assert linus.fields.note == "Kernel\nmaintainer"
    assert linus.fields.birthday == Birthday(12, 28, 1969)
    assert (linus.employment[0].organization, linus.employment[0].title) == (
        "Linux Foundation",
        "Fellow",
    )


def test_outlook_csv_with_semicolons() -> None:
    reader, found = rows("outlook-semicolon.csv")
    assert reader.plan is not None
    assert reader.plan.source == "outlook"
    frances = found[0][1]
    assert isinstance(frances, NewPerson)
    assert frances.fields.full_name == "Frances Allen"
    assert frances.employment[0].title == "Fellow"
    assert [(p.value, p.label) for p in frances.phones] == [("(914) 555-0123", "work")]
    assert frances.addresses[0].locality == "Armonk"
    assert frances.tags == ("Research", "Mentors")


def test_a_csv_without_contact_columns_yields_nothing() -> None:
    reader, found = rows("not-contacts.csv")
    assert reader.plan is None
    assert found == []


def test_google_csv_current_layout() -> None:
    reader, found = rows("google-contacts-2024.csv")
    assert reader.plan is not None
    assert reader.plan.source == "google"
    radia = found[0][1]
    assert isinstance(radia, NewPerson)
    assert (radia.employment[0].organization, radia.employment[0].title) == ("Dell EMC", "Fellow")
    assert [(e.value, e.label) for e in radia.emails] == [
        ("radia@example.com", "work"),
        ("radia.p@example.org", "home"),
    ]
    assert radia.tags == ("Mentors",)
    assert radia.fields.birthday == Birthday(1, 18, None)
    assert radia.addresses[0].locality == "Seattle"
    assert radia.addresses[0].label == "work"
    assert [u.label for u in radia.urls] == ["profile"]


def test_a_quote_that_never_closes_rejects_the_rest_not_the_file() -> None:
    import io

    data = b'First Name,Last Name,E-mail Address\r\nAda,Lovelace,ada@a.org\r\n"Bro' + (
        b"ken " * 40000
    )
    found = list(CsvReader(io.BytesIO(data)))
    assert isinstance(found[0][1], NewPerson)
    assert isinstance(found[-1][1], str)
    assert "cannot be read as CSV" in found[-1][1]
