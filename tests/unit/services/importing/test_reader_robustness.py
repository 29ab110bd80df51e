"""Whatever the bytes, reading never raises: a broken card never takes the file down."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.services.importing.csv_reader import CsvReader
from desktop_app.services.importing.vcard_mapping import card_to_person
from desktop_app.services.importing.vcard_reader import VCardReader

LINES = st.sampled_from(
    [
        b"BEGIN:VCARD",
        b"END:VCARD",
        b"VERSION:2.1",
        b"FN:Ada",
        b"N:;;;;",
        b'EMAIL;TYPE="a,b:c":x@y',
        b"TEL;VALUE=uri:tel:+1;ext=",
        b"PHOTO;ENCODING=BASE64:////",
        b"PHOTO:data:image/png;base64\\,AAA=",
        b"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=nope:=C3=",
        b" folded",
        b"\tfolded",
        b"=",
        b"",
        b"BDAY:--1399",
        b"ADR:;;;;;;;;;;",
        b"ORG:;",
        b"item1.X-ABLabel:_$!<>!$_",
        b"KIND:group",
        b"BEGIN:FOO",
        b"CATEGORIES:\\,\\",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(LINES, st.binary(max_size=40)), max_size=40),
    st.sampled_from([b"\r\n", b"\n", b"\r"]),
)
def test_vcard_reader_and_mapping_never_raise(lines: list[bytes], newline: bytes) -> None:
    for card in VCardReader(io.BytesIO(newline.join(lines))):
        person, warnings = card_to_person(card)
        assert isinstance(person, str) or person.fields.full_name.strip()
        assert all(isinstance(w, str) for w in warnings)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_csv_reader_never_raises(data: bytes) -> None:
    stream = io.BytesIO(b"First Name,Last Name,E-mail Address\r\n" + data)
    for _line, row in CsvReader(stream):
        assert isinstance(row, str) or row.fields.full_name.strip()
