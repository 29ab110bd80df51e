"""vCard 4.0 (RFC 6350) and 3.0 (RFC 2426) export that our own reader takes back whole.

Every value the writer emits goes through one of three doors: text is escaped (`\\,` `\\;`
`\\n` `\\\\`) and loses the control characters the RFCs forbid (NUL, VT, FF, ESC, DEL…;
tabs stay); a web address gets the same escapes with its control characters
percent-encoded (`%0A`), so no value can end its line and start a forged card; a photo's
media type is written only when it is one (`image/png`), else `image/jpeg`. Lines are
folded at 75 octets without splitting a UTF-8 character, labels that are not vCard types
travel as Apple `itemN.X-ABLabel`.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Iterator
from typing import TextIO

from desktop_app.domain.values import LabeledValue, NewPerson

VERSIONS = ("4.0", "3.0")
FOLD_AT = 75
# Labels written as TYPE parameters; anything else goes into an X-ABLabel group.
_TYPE_OF_LABEL = {
    "work": "work",
    "home": "home",
    "mobile": "cell",
    "cell": "cell",
    "fax": "fax",
    "pager": "pager",
    "other": "other",
    "main": "main",
}
_SIMPLE = re.compile(r"^[a-z]+( [a-z]+)*$")
# RFC 6350 TEXT-CHAR / RFC 2426 SAFE-CHAR: no control character but HTAB (CR and LF are
# escaped as `\\n`, so they survive).
_TEXT_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A URI holds no control character at all (RFC 3986): these are percent-encoded.
_URI_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
_MIME = re.compile(r"^image/[a-z0-9][a-z0-9.+-]{0,40}$")


def escape(text: str) -> str:
    """A TEXT value: `\\` `,` `;` and line ends escaped, forbidden controls dropped."""
    return (
        _TEXT_CONTROLS.sub("", text)
        .replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\r", "\n")  # a lone CR would end the line for every reader
        .replace("\n", "\\n")
    )


def escape_uri(text: str) -> str:
    """A URI value: control characters percent-encoded, then escaped like text (a comma
    must be escaped in any value, RFC 6350 3.4), which our reader and others undo."""
    encoded = _URI_CONTROLS.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), text)
    return escape(encoded)


def photo_mime(mime: str) -> str:
    """The photo's media type when it is one; a stored oddity never reaches the file."""
    mime = mime.strip().lower()
    return mime if _MIME.match(mime) else "image/jpeg"


def fold(line: str) -> str:
    """`line` folded at 75 octets (CRLF + space), never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= FOLD_AT:
        return line + "\r\n"
    pieces: list[str] = []
    start, limit = 0, FOLD_AT
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1  # back off to the start of a character
        pieces.append(data[start:end].decode("utf-8"))
        start, limit = end, FOLD_AT - 1
    return "\r\n ".join(pieces) + "\r\n"


def card_lines(person: NewPerson, version: str = "4.0") -> Iterator[str]:
    """The unfolded lines of one card."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version {version} cannot be written (4.0 or 3.0)")
    fields = person.fields
    group = _Groups()
    yield "BEGIN:VCARD"
    yield f"VERSION:{version}"
    if person.vcard_uid:
        yield f"UID:{escape(person.vcard_uid)}"
    yield f"FN:{escape(fields.full_name)}"
    yield f"N:{escape(fields.family_name)};{escape(fields.given_name)};;;"
    for email in person.emails:
        yield from group.labeled("EMAIL", email, escape(email.value))
    for phone in person.phones:
        yield from group.labeled("TEL", phone, escape(phone.value))
    for url in person.urls:
        yield from group.labeled("URL", url, escape_uri(url.value))
    jobs = sorted(person.employment, key=lambda job: not job.current)
    for job in jobs:
        yield f"ORG:{escape(job.organization)}"
    for job in jobs:
        yield f"TITLE:{escape(job.title)}"
    for address in person.addresses:
        parts = (address.street, address.locality, address.region)
        value = ";".join(
            ("", "", *map(escape, parts), escape(address.postal_code), escape(address.country))
        )
        yield from group.labeled("ADR", LabeledValue(value, address.label), value)
    if fields.note:
        yield f"NOTE:{escape(fields.note)}"
    if person.tags:
        yield "CATEGORIES:" + ",".join(escape(tag) for tag in person.tags)
    if fields.birthday is not None:
        b = fields.birthday
        day = f"{b.month:02d}{b.day:02d}"
        yield f"BDAY:{b.year:04d}{day}" if b.year else f"BDAY:--{day}"
    if fields.met_on is not None:
        yield f"X-TRELLIS-MET-ON:{fields.met_on.isoformat()}"
    if person.photo:
        encoded = base64.b64encode(person.photo).decode("ascii")
        mime = photo_mime(person.photo_mime)
        if version == "4.0":
            yield f"PHOTO:data:{mime};base64,{encoded}"
        else:
            yield f"PHOTO;ENCODING=b;TYPE={mime.rpartition('/')[2].upper()}:{encoded}"
    yield "END:VCARD"


class _Groups:
    """Numbers the `itemN.` groups of one card."""

    def __init__(self) -> None:
        self.count = 0

    def labeled(self, name: str, value: LabeledValue, text: str) -> Iterator[str]:
        label = value.label.strip()
        words = label.casefold().split()
        if not label:
            yield f"{name}:{text}"
        elif _SIMPLE.match(label) and all(w in _TYPE_OF_LABEL for w in words):
            types = ",".join(_TYPE_OF_LABEL[w] for w in words)
            yield f"{name};TYPE={types}:{text}"
        else:
            self.count += 1
            yield f"item{self.count}.{name}:{text}"
            yield f"item{self.count}.X-ABLabel:{escape(label)}"


def write_vcards(people: Iterable[NewPerson], out: TextIO, version: str = "4.0") -> int:
    """Write every person as one card to `out` (open with newline=""); returns the count."""
    count = 0
    for person in people:
        out.write("".join(fold(line) for line in card_lines(person, version)))
        count += 1
    return count
