"""Issue 18's vCard cases, from other address books' test suites, on synthetic files:
quoted-printable soft breaks before whitespace, legacy text with no charset, birthdays
that are not dates, broken BEGIN/END lines. Every problem is reported with its line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from desktop_app.domain.values import Birthday, NewPerson
from desktop_app.services.importing.pipeline import run_import
from desktop_app.services.importing.text_decoding import EncodingHints, guess_legacy_encoding
from desktop_app.services.importing.vcard_mapping import card_to_person
from desktop_app.services.importing.vcard_reader import VCardReader
from desktop_app.storage.database import Database
from tests.conftest import CORPUS


def read(data: bytes) -> list[tuple[NewPerson | str, list[str], int]]:
    return [(*card_to_person(card), card.line) for card in VCardReader(io.BytesIO(data))]


def crlf(*lines: str | bytes) -> bytes:
    return b"".join((line.encode() if isinstance(line, str) else line) + b"\r\n" for line in lines)


def person(found: tuple[NewPerson | str, list[str], int]) -> NewPerson:
    assert isinstance(found[0], NewPerson), found
    return found[0]


# -- 18.6: a soft break followed by whitespace ----------------------------------------------


def test_a_qp_soft_break_before_a_space_or_tab_continues_the_value_with_it() -> None:
    data = crlf(
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N;ENCODING=QUOTED-PRINTABLE:Van=",
        " der Berg;Anna;;;",
        "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Now is the time for all good men to come=",
        " to the aid=",
        "\tof their party",
        "ADR;HOME;ENCODING=QUOTED-PRINTABLE:;;12 Long=",
        " Street;Springfield;;4711;=",
        " Utopia",
        "END:VCARD",
    )
    found = read(data)
    anna = person(found[0])
    assert anna.fields.family_name == "Van der Berg"
    assert anna.fields.note == "Now is the time for all good men to come to the aid\tof their party"
    address = anna.addresses[0]
    assert (address.street, address.locality, address.postal_code, address.country) == (
        "12 Long Street",
        "Springfield",
        "4711",
        " Utopia".strip(),
    )
    assert found[0][1] == []


def test_folding_of_a_value_that_is_not_quoted_printable_is_unchanged() -> None:
    data = crlf("BEGIN:VCARD", "VERSION:3.0", "FN:Ann", "NOTE:ends with =", " folded", "END:VCARD")
    assert person(read(data)[0]).fields.note == "ends with =folded"


# -- 18.7: legacy text with no charset ------------------------------------------------------

STREET = "Lämmerweg 12, 80331 München"


def card_with_street(*extra: str | bytes, street: bytes = STREET.encode("cp1252")) -> bytes:
    return crlf(
        "BEGIN:VCARD",
        "VERSION:2.1",
        *extra,
        "FN:Anna Schmidt",
        b"ADR;HOME:;;" + street + b";Berlin;;10115;Germany",
        "END:VCARD",
    )


def street_and_warnings(data: bytes) -> tuple[str, list[str]]:
    found = read(data)
    return person(found[0]).addresses[0].street, found[0][1]


def test_windows_1252_without_a_charset_is_not_read_as_mac_roman_and_the_guess_is_told() -> None:
    street, warnings = street_and_warnings(card_with_street())
    assert street == STREET  # was 'L‰mmerweg 12, 80331 M¸nchen' (Mac Roman)
    assert [w for w in warnings if "line 4:" in w and "Windows-1252" in w and "guess" in w]


def test_a_windows_exporter_is_read_as_windows(tmp_path: Path) -> None:
    for extra in (
        "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
        "X-MS-OL-DEFAULT-POSTAL-ADDRESS:2",
    ):
        street, warnings = street_and_warnings(card_with_street(extra))
        assert street == STREET
        assert any("Windows-1252" in w and "Windows program" in w for w in warnings), warnings


def test_the_windows_hint_rules_out_code_pages_windows_does_not_write() -> None:
    sample = "ADR;HOME:;;Lämmerweg 12, 80331 München;Berlin;;10115;Germany".encode("cp1252")
    assert guess_legacy_encoding(sample, EncodingHints(windows=True)).startswith("cp125")
    assert guess_legacy_encoding(sample, EncodingHints(mac=True)) == "mac_roman"


def test_a_charset_named_on_another_property_is_used_for_the_values_without_one() -> None:
    # Measured alone, these Latin-2 bytes read best as cp1252: '£ód¼, ul. ¬ródlana'.
    data = crlf(
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N;CHARSET=ISO-8859-2:Wałęsa;Lech;;;".encode("iso8859_2"),
        "FN:Lech Wałęsa".encode("iso8859_2"),
        "NOTE:Łódź, ul. Źródlana".encode("iso8859_2"),
        "END:VCARD",
    )
    found = read(data)
    lech = person(found[0])
    assert lech.fields.full_name == "Lech Wałęsa"
    assert lech.fields.note == "Łódź, ul. Źródlana"
    told = [w for w in found[0][1] if w.startswith("line 4:") and "ISO-8859-2" in w]
    assert told, found[0][1]
    assert "other values" in told[0]


def test_quoted_printable_values_without_a_charset_count_as_evidence() -> None:
    # The Bat! writes Polish names as QP with no CHARSET: the whole file says cp1250.
    data = crlf(
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N;ENCODING=QUOTED-PRINTABLE:Iksi=F1ski;Piotr",
        "FN;ENCODING=QUOTED-PRINTABLE:Piotr Iksi=F1ski",
        "NOTE;ENCODING=QUOTED-PRINTABLE:Za=BF=F3=B3=E6 g=EA=9Cl=B9 ja=9F=F1",
        "END:VCARD",
    )
    found = read(data)
    assert person(found[0]).fields.full_name == "Piotr Iksiński"
    assert any("line 3" in w and "guess" in w for w in found[0][1])


def test_the_guess_is_told_once_per_file() -> None:
    data = card_with_street() * 3
    warnings = [w for _p, found, _l in read(data) for w in found if "guess" in w]
    assert len(warnings) == 1


def test_the_guess_reaches_the_import_report(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "legacy.vcf"
    path.write_bytes(card_with_street())
    report = run_import(db, [path])
    assert any(w.startswith("legacy.vcf: line 4:") and "Windows-1252" in w for w in report.warnings)


# -- 18.9: birthdays that are not dates -----------------------------------------------------


@pytest.mark.parametrize(
    ("bday", "why"),
    [
        ("BDAY:1990-02-30", "no such date"),
        ("BDAY:--0231", "no such date"),
        ("BDAY:next spring", "not a date"),
        ("BDAY;VALUE=text:circa 1800", "not a date"),
    ],
)
def test_a_birthday_that_cannot_be_read_is_reported_with_its_line(bday: str, why: str) -> None:
    data = crlf("BEGIN:VCARD", "VERSION:4.0", "FN:Ann", bday, "END:VCARD")
    found = read(data)
    assert person(found[0]).fields.birthday is None
    assert [w for w in found[0][1] if w.startswith("line 4:") and why in w and "birthday" in w]


def test_a_text_birthday_that_is_a_date_is_kept() -> None:
    data = crlf("BEGIN:VCARD", "VERSION:4.0", "FN:Ann", "BDAY;VALUE=text:1990-05-04", "END:VCARD")
    found = read(data)
    assert person(found[0]).fields.birthday == Birthday(5, 4, 1990)
    assert found[0][1] == []


def test_a_second_readable_birthday_is_taken_after_a_broken_one() -> None:
    data = crlf("BEGIN:VCARD", "FN:Ann", "BDAY:1990-02-30", "BDAY:1990-02-28", "END:VCARD")
    assert person(read(data)[0]).fields.birthday == Birthday(2, 28, 1990)


# -- 18.10: broken BEGIN/END lines --------------------------------------------------------


def names_and_warnings(data: bytes) -> tuple[list[str], list[str]]:
    found = read(data)
    names = [
        p.fields.full_name if isinstance(p, NewPerson) else f"rejected: {p}" for p, *_ in found
    ]
    return names, [w for _p, warnings, _l in found for w in warnings]


@pytest.mark.parametrize("begin", ["BEGIN:VCARDinvalid", "BEGIN:VCAR", "begin:vcard x"])
def test_a_misspelt_begin_still_opens_the_card_and_is_reported(begin: str) -> None:
    data = crlf(begin, "VERSION:3.0", "FN:Ann", "END:VCARD", "BEGIN:VCARD", "FN:Bob", "END:VCARD")
    names, warnings = names_and_warnings(data)
    assert names == ["Ann", "Bob"]  # both were lost: Ann skipped, Bob read without his FN
    assert [w for w in warnings if w.startswith("line 1:") and "BEGIN:VCARD" in w], warnings


def test_a_misspelt_end_still_closes_the_card_and_is_reported() -> None:
    data = crlf("BEGIN:VCARD", "FN:Ann", "END:VCARDx", "BEGIN:VCARD", "FN:Bob", "END:VCARD")
    names, warnings = names_and_warnings(data)
    assert names == ["Ann", "Bob"]
    assert [w for w in warnings if w.startswith("line 3:") and "END:VCARD" in w], warnings
    assert not [w for w in warnings if "no END:VCARD" in w]


def test_a_card_begun_inside_a_card_is_read_and_reported() -> None:
    data = crlf(
        "BEGIN:VCARD", "FN:Ann", "BEGIN:VCARD", "FN:Bob", "END:VCARD", "NOTE:x", "END:VCARD"
    )
    names, warnings = names_and_warnings(data)
    assert sorted(names) == ["Ann", "Bob"]
    assert [w for w in warnings if w.startswith("line 3:") and "line 1" in w], warnings


def test_an_end_with_no_card_open_is_reported_even_at_the_end_of_the_file() -> None:
    data = crlf("BEGIN:VCARD", "FN:Ann", "END:VCARD", "END:VCARD")
    names, warnings = names_and_warnings(data)
    assert names == ["Ann"]
    assert [w for w in warnings if w.startswith("line 4:") and "END:VCARD" in w], warnings


def test_an_unknown_component_left_open_does_not_swallow_the_next_cards() -> None:
    data = crlf(
        "BEGIN:VCARD",
        "FN:Ann",
        "BEGIN:X-FOO",
        "NOTE:x",
        "END:VCARD",
        "BEGIN:VCARD",
        "FN:Bob",
        "END:VCARD",
    )
    names, warnings = names_and_warnings(data)
    assert names == ["Ann", "Bob"]
    assert [w for w in warnings if w.startswith("line 3:") and "X-FOO" in w], warnings


def test_the_problems_of_a_rejected_card_reach_the_report(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "broken.vcf"
    path.write_bytes(
        crlf("BEGIN:VCARDx", "NOTE:only a note", "END:VCARD", "BEGIN:VCARD", "FN:Bob", "END:VCARD")
    )
    report = run_import(db, [path])
    assert report.added == 1
    assert [r.line for r in report.rejected] == [1]
    assert [w for w in report.warnings if w.startswith("broken.vcf: line 1:")], list(
        report.warnings
    )


def test_a_closed_unknown_component_is_skipped_quietly() -> None:
    data = crlf("BEGIN:VCARD", "FN:Ann", "BEGIN:X-FOO", "FN:no", "END:X-FOO", "END:VCARD")
    names, warnings = names_and_warnings(data)
    assert names == ["Ann"]
    assert warnings == []


# -- the same cases in real exporters' files (../shared/corpus; skipped where absent) ------


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/contacts is absent")
@pytest.mark.parametrize(
    ("name", "full_name", "guessed"),
    [
        ("v21-outlook2007-qp-softbreak.vcf", "Mr. Michael Angstadt Jr.", False),
        ("v21-charset-windows-1252-8bit.vcf", "John Doë", False),
        ("v21-thebat-qp-8bit-no-charset.vcf", "Piotr Iksi", True),
    ],
)
def test_real_exporters_files(name: str, full_name: str, guessed: bool) -> None:
    found = read((CORPUS / name).read_bytes())
    first = person(found[0])
    assert first.fields.full_name.startswith(full_name)
    assert "=" not in first.fields.note
    told = [w for w in found[0][1] if "names no charset" in w]
    assert bool(told) == guessed, found[0][1]
