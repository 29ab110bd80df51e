"""The vCard reader and mapping on our own fixtures: each vCard version's habits."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from desktop_app.domain.values import Birthday, NewPerson
from desktop_app.services.importing.vcard_mapping import card_to_person
from desktop_app.services.importing.vcard_reader import VCardReader

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "contacts"


def read(data: bytes) -> list[tuple[NewPerson | str, list[str], int]]:
    return [(*card_to_person(card), card.line) for card in VCardReader(io.BytesIO(data))]


def people(path: str) -> list[NewPerson]:
    found = [p for p, _, _ in read((FIXTURES / path).read_bytes())]
    assert all(isinstance(p, NewPerson) for p in found), found
    return [p for p in found if isinstance(p, NewPerson)]


def test_commas_semicolons_and_folds_are_kept_where_vobject_truncates() -> None:
    john = people("v30-escapes-groups.vcf")[0]
    assert john.fields.full_name == "Doe, John"
    assert john.employment[0].organization == "Example, Inc."
    assert john.employment[0].title == "VP, Sales"
    assert john.fields.note == (
        "Hello, world\nSecond line; with a semicolon and a very long text that is folded "
        "onto the next line"
    )


def test_apple_item_groups_keep_every_url_with_its_label() -> None:
    john = people("v30-escapes-groups.vcf")[0]
    assert [(u.value, u.label) for u in john.urls] == [
        ("https://example.com/a", "HomePage"),
        ("https://www.linkedin.com/in/johndoe", "LinkedIn"),
    ]
    assert [(e.value, e.label) for e in john.emails] == [("john.doe@example.com", "work")]
    assert [(p.value, p.label) for p in john.phones] == [("+1 415 555 0100", "mobile")]
    assert john.tags == ("Alumni", "Conference 2024")
    assert john.fields.birthday == Birthday(2, 29, None)
    assert john.vcard_uid == "fixture-ada-1"


def test_markup_is_stored_as_literal_text() -> None:
    marked = people("v30-escapes-groups.vcf")[1]
    assert marked.fields.full_name == "<b>Bold</b> <script>alert(1)</script>"
    assert marked.fields.note == "<img src=x onerror=alert(1)>"


def test_quoted_printable_soft_breaks_and_a_base64_photo_ending_with_a_blank_line() -> None:
    cards = read((FIXTURES / "v21-qp-photo.vcf").read_bytes())
    jurgen = cards[0][0]
    assert isinstance(jurgen, NewPerson)
    assert jurgen.fields.full_name == "Jürgen Müller"
    assert (jurgen.fields.given_name, jurgen.fields.family_name) == ("Jürgen", "Müller")
    assert [(p.value, p.label) for p in jurgen.phones] == [("(212) 555-0199", "work")]
    assert jurgen.photo is not None
    assert jurgen.photo.startswith(b"GIF89a")
    assert jurgen.photo_mime == "image/gif"


def test_a_broken_card_never_takes_its_neighbours_down() -> None:
    cards = read((FIXTURES / "v21-qp-photo.vcf").read_bytes())
    assert len(cards) == 4
    broken, warnings, _ = cards[1]
    assert isinstance(broken, NewPerson)
    assert broken.fields.full_name == "Broken"
    assert any("line 14" in w and "no ':'" in w for w in warnings)
    rejected, _, line = cards[2]
    assert rejected == "the card has no name, email, phone or organisation"
    assert line == 17
    after = cards[3][0]
    assert isinstance(after, NewPerson)
    assert after.fields.full_name == "After The Broken One"


def test_vcard_4_uri_phone_data_uri_photo_and_group_cards() -> None:
    cards = read((FIXTURES / "v40-data-uri-kind.vcf").read_bytes())
    grace = cards[0][0]
    assert isinstance(grace, NewPerson)
    assert [(p.value, p.label) for p in grace.phones] == [("+1-202-555-0173 ext. 42", "work")]
    assert grace.photo is not None
    assert grace.photo.startswith(b"GIF89a")
    assert grace.vcard_uid == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    assert cards[1][0] == "the card is a contact group, not a person"


def test_apple_group_cards_of_vcard_3_are_groups_not_people() -> None:
    """iCloud and macOS Contacts write groups as vCard 3 cards with their own KIND property
    (X-ADDRESSBOOKSERVER-KIND), members as X-ADDRESSBOOKSERVER-MEMBER: not a person."""
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iOS 17.0//EN\r\n"
        b"N:Book club\r\nFN:Book club\r\nX-ADDRESSBOOKSERVER-KIND:group\r\n"
        b"X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:5B7A1C0E-0000-4000-8000-000000000001\r\n"
        b"UID:0B1E2C3D-0000-4000-8000-000000000002\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Okafor;Ada;;;\r\nFN:Ada Okafor\r\n"
        b"UID:5B7A1C0E-0000-4000-8000-000000000001\r\nEND:VCARD\r\n"
    )
    cards = read(data)
    assert cards[0][0] == "the card is a contact group, not a person"
    ada = cards[1][0]
    assert isinstance(ada, NewPerson) and ada.fields.full_name == "Ada Okafor"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("legacy-cp1252.vcf", "Zoë Doë"),
        ("utf16le-bom.vcf", "Ünal Öztürk"),
        ("utf8-bom-lf.vcf", "Ñandú Pérez"),
    ],
)
def test_encodings_are_detected(name: str, expected: str) -> None:
    assert people(name)[0].fields.full_name == expected


def test_utf16_big_endian_without_bom() -> None:
    data = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Åsa Ødegård\r\nEND:VCARD\r\n".encode("utf-16-be")
    person = read(data)[0][0]
    assert isinstance(person, NewPerson)
    assert person.fields.full_name == "Åsa Ødegård"


def test_legacy_organisation_is_decoded_like_the_name() -> None:
    assert people("legacy-cp1252.vcf")[0].employment[0].organization == "Café Crème"


@pytest.mark.parametrize("newline", [b"\r\n", b"\n", b"\r", b"\r\r\n"])
def test_line_endings(newline: bytes) -> None:
    data = newline.join([b"BEGIN:VCARD", b"VERSION:3.0", b"FN:Line Ending", b"END:VCARD", b""])
    cards = read(data)
    assert [c[0].fields.full_name for c in cards if isinstance(c[0], NewPerson)] == ["Line Ending"]


def test_missing_begin_and_end_are_repaired_with_a_warning() -> None:
    cards = read(b"VERSION:3.0\nFN:No Begin\nEND:VCARD\nBEGIN:VCARD\nFN:No End\n")
    names = [c[0].fields.full_name for c in cards if isinstance(c[0], NewPerson)]
    assert names == ["No Begin", "No End"]
    assert any("no BEGIN" in w for w in cards[0][1])
    assert any("no END" in w for w in cards[1][1])


def test_nameless_cards_get_a_name_from_the_organisation_or_the_email() -> None:
    cards = read(
        b"BEGIN:VCARD\nEMAIL:jane.q.public@example.com\nEND:VCARD\n"
        b"BEGIN:VCARD\nORG:Acme Corp\nEMAIL:info@acme.test\nEND:VCARD\n"
    )
    names = [c[0].fields.full_name for c in cards if isinstance(c[0], NewPerson)]
    assert names == ["Jane Q Public", "Acme Corp"]


def test_many_cards_stream_in_order() -> None:
    data = b"".join(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %d\r\nEND:VCARD\r\n" % i for i in range(5000)
    )
    reader = VCardReader(io.BytesIO(data))
    names = [card.properties[0].value for card in reader]
    assert names == [f"Person {i}" for i in range(5000)]
    assert reader.bytes_read == len(data)
