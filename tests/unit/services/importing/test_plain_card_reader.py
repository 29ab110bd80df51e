"""`read_plain_card`, the short way a sync reads one card, reads exactly what VCardReader
reads, or declines (None) and leaves the card to it.

Compared on generated cards (folds anywhere, CR LF or LF, groups, parameters, any text),
on the project's own vCard fixtures and, when present, on every card of the real
exporters' files in ../shared/corpus/contacts.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.services.importing.vcard_reader import RawCard, VCardReader, read_plain_card
from tests.conftest import CORPUS

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
_ONE_CARD = re.compile(r"^BEGIN:VCARD\r?\n.*?^END:VCARD\r?\n?", re.M | re.S | re.I)


def streamed(text: str) -> RawCard:
    cards = list(VCardReader(io.BytesIO(text.encode("utf-8"))))
    assert cards, "VCardReader found no card"
    return cards[0]


def assert_same_or_declined(text: str) -> bool:
    """True when the short way read the card (and read it as VCardReader does)."""
    card = read_plain_card(text)
    if card is None:
        return False
    assert card == streamed(text)
    return True


HEADS = st.sampled_from(
    [
        "FN",
        "N",
        "EMAIL;TYPE=work",
        "EMAIL;TYPE=INTERNET,HOME",
        "TEL;TYPE=cell",
        "TEL;type=WORK;type=VOICE",
        "item1.EMAIL",
        "item1.X-ABLabel",
        "ORG",
        "TITLE",
        "NOTE",
        "URL",
        "ADR;TYPE=home",
        "CATEGORIES",
        "BDAY",
        "UID",
        "X-SOCIALPROFILE;type=twitter",
        "X-EVOLUTION-FILE-AS",
        "PRODID",
        "REV",
        "KIND",
        "fn",
        "Email;Pref=1",
        "PHOTO;VALUE=uri",
        'TEL;TYPE="voice,cell"',
        "NOTE;LANGUAGE=fr",
    ]
)
VALUES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
    max_size=60,
)


@st.composite
def cards(draw: st.DrawFn) -> str:
    end = draw(st.sampled_from(["\r\n", "\n"]))
    lines = ["BEGIN:VCARD", f"VERSION:{draw(st.sampled_from(['3.0', '4.0', ' 3.0 ']))}"]
    for _ in range(draw(st.integers(0, 12))):
        lines.append(f"{draw(HEADS)}:{draw(VALUES)}")
    lines.append("END:VCARD")
    physical: list[str] = []
    for line in lines:
        # Fold at any character (also inside a multi-byte one's text), with space or tab.
        while len(line) > 1 and draw(st.integers(0, 4)) == 4:
            cut = draw(st.integers(1, len(line) - 1))
            physical.append(line[:cut])
            line = draw(st.sampled_from([" ", "\t"])) + line[cut:]
        physical.append(line)
        if draw(st.integers(0, 9)) == 9:
            physical.append("")  # a blank line: skipped
    return end.join(physical) + (end if draw(st.booleans()) else "")


@settings(max_examples=300, derandomize=True)
@given(text=cards())
def test_generated_cards_read_the_same(text: str) -> None:
    assert_same_or_declined(text)


def test_the_short_way_is_taken_for_plain_cards() -> None:
    """Cards as servers send them are read the short way (else it would save nothing)."""
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:a-1\r\nFN:Ana Lima\r\nN:Lima;Ana;;;\r\n"
        "item1.EMAIL;TYPE=INTERNET:ana@example.org\r\nitem1.X-ABLabel:_$!<Other>!$_\r\n"
        "TEL;TYPE=cell:+44 20 7946 0001\r\nORG:Acme\\, Ltd;Sales\r\nNOTE:one\\ntwo\r\n"
        "PHOTO;VALUE=uri:https://example.org/a.jpg\r\nX-SOCIAL:kept\r\n"
        " folded on\r\nEND:VCARD\r\n"
    )
    assert assert_same_or_declined(text)
    assert assert_same_or_declined(text.replace("\r\n", "\n"))  # as XML hands it over


@pytest.mark.parametrize(
    "text",
    [
        # a charset, an encoding, a quoted-printable soft break
        "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=UTF-8:Zoë\nEND:VCARD\n",
        "BEGIN:VCARD\nVERSION:3.0\nFN:A\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ\nEND:VCARD\n",
        "BEGIN:VCARD\nVERSION:2.1\nX-A;ENCODING=QUOTED-PRINTABLE:a=\nNOTE:b\nFN:A\nEND:VCARD\n",
        # damaged structure: no END, no BEGIN, a nested card, something after END
        "BEGIN:VCARD\nVERSION:3.0\nFN:A\n",
        "VERSION:3.0\nFN:A\nEND:VCARD\n",
        "BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\nEND:VCARD\n",
        "BEGIN:VCARD\nFN:A\nEND:VCARD\nFN:B\n",
        "\ufeffBEGIN:VCARD\nFN:A\nEND:VCARD\n",
        # a line with no colon, a bare CR, a quoted head
        "BEGIN:VCARD\nFN:A\nnonsense\nEND:VCARD\n",
        "BEGIN:VCARD\rFN:A\rEND:VCARD\r",
        'BEGIN:VCARD\nFN:A\nTEL;X-NOTE="a:b":1\nEND:VCARD\n',
    ],
)
def test_anything_unusual_is_left_to_the_streaming_reader(text: str) -> None:
    assert read_plain_card(text) is None
    streamed(text)  # …which reads it


def single_cards(data: bytes) -> list[str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return []  # the short way reads text; legacy bytes reach the sync decoded
    return [m.group(0) for m in _ONE_CARD.finditer(text)]


def test_the_project_fixtures_read_the_same() -> None:
    taken = 0
    files = sorted(FIXTURES.rglob("*.vcf"))
    assert files
    for path in files:
        for text in single_cards(path.read_bytes()):
            taken += assert_same_or_declined(text)
    assert taken > 0


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/contacts is absent")
def test_the_real_exporters_cards_read_the_same() -> None:
    taken = 0
    for path in sorted(CORPUS.glob("*.vcf")):
        for text in single_cards(path.read_bytes()):
            taken += assert_same_or_declined(text)
    assert taken > 0
