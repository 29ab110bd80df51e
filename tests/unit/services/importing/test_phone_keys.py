"""Phone numbers as matching keys: only a possible number identifies a person."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.contact_keys import normalize_phone as slow_normalize_phone
from desktop_app.domain.contact_keys import phone_key
from desktop_app.services.importing.duplicates import MatchKeys
from desktop_app.services.importing.normalize import phone_match_key
from desktop_app.services.importing.pipeline import run_import
from desktop_app.storage.database import Database
from tests.unit.services.importing.test_matching_and_merge import indexed, person


def test_a_number_phonenumbers_calls_impossible_is_no_matching_key() -> None:
    assert phone_key("123456").normalized == "+1123456"  # what a plain length test let by
    assert phone_match_key("123456") == ""
    assert phone_match_key("+44 12") == ""
    assert phone_match_key("(212) 555-0142") == "+12125550142"
    assert phone_match_key("+44 20 7946 0958") == "+442079460958"


def test_two_cards_with_the_same_six_digit_number_are_no_sure_match() -> None:
    index = indexed(person("Ada Lovelace", phones=("123456",)))
    assert index.find(MatchKeys.of(person("Alan Turing", phones=("123 456",)))) is None


def test_an_impossible_number_is_still_stored_as_typed(db: Database, tmp_path: Path) -> None:
    cards = tmp_path / "cards.vcf"
    cards.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nTEL:123456\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Alan Turing\nTEL:123-456\nEND:VCARD\n"
    )
    report = run_import(db, [cards])
    assert (report.added, report.merged, len(report.duplicates)) == (2, 0, 0)
    with sqlite3.connect(db.path) as conn:
        rows = sorted(conn.execute("SELECT value, normalized FROM phones"))
    assert rows == [("123-456", "+1123456"), ("123456", "+1123456")]


def slow_key(text: str) -> tuple[str, bool]:
    try:
        possible = phonenumbers.is_possible_number(phonenumbers.parse(text, "US"))
    except phonenumbers.NumberParseException:
        possible = False
    return slow_normalize_phone(text), possible


CALLING_CODES = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)


@settings(max_examples=600, deadline=None)
@given(
    st.sampled_from(CALLING_CODES),
    st.lists(st.sampled_from("0123456789"), min_size=1, max_size=16),
    st.sampled_from([" ", "-", ".", "", ") ", " ("]),
    st.integers(min_value=1, max_value=5),
)
def test_the_international_short_cut_agrees_with_phonenumbers(
    code: int, digits: list[str], separator: str, cut: int
) -> None:
    national = "".join(digits)
    text = f"+{code}{separator}{national[:cut]}{separator}{national[cut:]}".strip()
    phone_key.cache_clear()
    assert tuple(phone_key(text)) == slow_key(text)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="0123456789 ()-.", min_size=1, max_size=20))
def test_the_national_short_cut_agrees_with_phonenumbers(text: str) -> None:
    phone_key.cache_clear()
    assert tuple(phone_key(text)) == slow_key(text)


@settings(max_examples=600, deadline=None)
@given(
    st.text(alphabet="0", min_size=0, max_size=3),
    st.text(alphabet="0123456789 ()-.", min_size=1, max_size=16),
)
def test_leading_zeros_agree_with_phonenumbers(zeros: str, rest: str) -> None:
    phone_key.cache_clear()
    assert tuple(phone_key(zeros + rest)) == slow_key(zeros + rest)
