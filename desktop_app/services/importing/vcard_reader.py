"""A streaming vCard 2.1 / 3.0 / 4.0 reader that takes real exporters' files as they are.

Why not vobject: it truncates values at unescaped commas, cuts `data:` URIs and raises on
quoted-printable soft breaks, a missing END, a BOM or a legacy charset (docs/import-formats.md).

The reader works on bytes: lines are unfolded before anything is decoded, so a fold that
splits a UTF-8 sequence (ownCloud) or a quoted-printable soft break inside a multi-byte
character (Evolution) joins up again; each value is then decoded with its own CHARSET, as
UTF-8, or with the file's legacy code page. Memory is bounded by the chunk size and one card.
"""

from __future__ import annotations

import binascii
import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import BinaryIO

from desktop_app.services.importing.text_decoding import LegacyDecoder, utf16_codec

CHUNK_SIZE = 1 << 20
# The longest property a card may hold: a 10 MB photo is 13.4 MB of base64. Anything longer
# is damage or an attack; it is left out with a warning and never held whole in memory.
MAX_LINE_BYTES = 16 << 20
_KEPT_OF_OVERSIZED = 512  # enough of an oversized line to name its property

# Properties the mapping uses; everything else is skipped before it is decoded.
WANTED = frozenset(
    {
        "N",
        "FN",
        "NICKNAME",
        "EMAIL",
        "TEL",
        "URL",
        "ORG",
        "TITLE",
        "NOTE",
        "PHOTO",
        "BDAY",
        "ADR",
        "CATEGORIES",
        "UID",
        "KIND",
        "X-ABLABEL",
        "VERSION",
        "X-TRELLIS-MET-ON",
    }
)
_ENCODING_WORDS = {"QUOTED-PRINTABLE": "quoted-printable", "BASE64": "b", "B": "b"}
_B64_LINE = re.compile(rb"[A-Za-z0-9+/=]+")


@dataclass(slots=True)
class VProperty:
    """One property of a card: value decoded to text, escapes still in place."""

    name: str
    value: str
    params: dict[str, list[str]]
    group: str = ""
    line: int = 0
    label: str = ""  # from TYPE: "work", "home fax", "mobile"…

    def types(self) -> list[str]:
        return self.params.get("TYPE", [])


@dataclass(slots=True)
class RawCard:
    """The properties of one card, in file order, and what was wrong with it."""

    line: int
    version: str = ""
    end_line: int = 0
    properties: list[VProperty] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def all(self, name: str) -> list[VProperty]:
        return [p for p in self.properties if p.name == name]

    def first(self, name: str) -> VProperty | None:
        for prop in self.properties:
            if prop.name == name:
                return prop
        return None

    def group_label(self, group: str) -> str:
        """The `X-ABLabel` of an Apple-style `itemN.` group, without `_$!<…>!$_`."""
        if not group:
            return ""
        for prop in self.properties:
            if prop.name == "X-ABLABEL" and prop.group == group:
                return prop.value.strip().removeprefix("_$!<").removesuffix(">!$_").strip("$!<>")
        return ""


class VCardReader:
    """Iterate over the cards of a binary stream; `bytes_read` tells the progress."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.bytes_read = 0
        self.last_line = 0
        self._legacy: LegacyDecoder | None = None
        self._sample = b""
        self._oversized: set[int] = set()  # physical lines cut short at MAX_LINE_BYTES

    def __iter__(self) -> Iterator[RawCard]:
        stack: list[RawCard] = []
        skip_depth = 0
        line_no = 0
        for line_no, line in self._logical_lines():
            if line is None:
                if stack:
                    stack[-1].problems.append(
                        f"line {line_no}: a value longer than {MAX_LINE_BYTES >> 20} MB "
                        "was left out"
                    )
                continue
            colon = line.find(b":")
            if colon < 0:
                if stack and line.strip():
                    stack[-1].problems.append(f"line {line_no}: no ':' in {_preview(line)}")
                continue
            head = line[:colon]
            if b'"' in head:
                colon = _unquoted_colon(line)
                head = line[:colon]
            parsed = _parse_head(head)
            name = parsed.name
            if name == "BEGIN" or name == "END":
                kind = line[colon + 1 :].strip().upper()
                if kind != b"VCARD":
                    skip_depth += 1 if name == "BEGIN" else -1 if skip_depth else 0
                elif name == "BEGIN":
                    stack.append(RawCard(line_no))
                elif stack:
                    card = stack.pop()
                    card.end_line = line_no
                    yield card
                continue
            if skip_depth or name not in WANTED:
                continue
            if not stack:
                stack.append(RawCard(line_no, problems=[f"line {line_no}: no BEGIN:VCARD"]))
            card = stack[-1]
            raw = line[colon + 1 :]
            if parsed.plain:
                try:
                    value = raw.decode("utf-8")
                except UnicodeDecodeError:
                    value = self._decode_value(raw, parsed.params, card, line_no)
            else:
                value = self._decode_value(raw, parsed.params, card, line_no)
            if name == "VERSION":
                card.version = value.strip()
            else:
                card.properties.append(
                    VProperty(name, value, parsed.params, parsed.group, line_no, parsed.label)
                )
        while stack:
            card = stack.pop()
            card.problems.append(f"line {card.line}: card has no END:VCARD")
            card.end_line = max(line_no, self.last_line)
            yield card

    def _decode_value(
        self, raw: bytes, params: dict[str, list[str]], card: RawCard, line_no: int
    ) -> str:
        encoding = params.get("ENCODING", [""])[0]
        if encoding == "quoted-printable":
            raw = binascii.a2b_qp(raw)
        elif encoding == "b":
            return raw.decode("ascii", "replace").replace(" ", "").replace("\t", "")
        charset = params.get("CHARSET", [""])[0]
        if charset:
            try:
                return raw.decode(charset)
            except (LookupError, ValueError):  # unknown, not text, or a NUL in its name
                card.problems.append(f"line {line_no}: value is not in charset {charset!r}")
                if charset.lower().replace("-", "").replace("_", "") == "utf8":
                    return raw.decode("utf-8", "replace")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            if self._legacy is None:
                self._legacy = LegacyDecoder(self._sample)
            return self._legacy.decode(raw)

    def _logical_lines(self) -> Iterator[tuple[int, bytes | None]]:
        """Unfold continuation lines, QP soft breaks and 2.1 base64 runs; skip blank lines.

        A logical line longer than MAX_LINE_BYTES comes out as None: it is dropped as it
        is read, so memory never holds more than the limit.
        """
        for start, parts in self._unfolded():
            if parts is None:
                yield start, None
            else:
                yield start, b"".join(parts) if len(parts) > 1 else parts[0]

    def _unfolded(self) -> Iterator[tuple[int, list[bytes] | None]]:
        parts: list[bytes] = []
        size = 0
        oversized = False
        start = 0
        after_blank = False
        for line_no, line in self.physical_lines():
            if not line:
                # A blank line ends a 2.1 base64 run and a dangling soft break.
                after_blank = True
                continue
            if parts:
                first = line[0]
                piece: bytes | None = None
                if first == 32 or first == 9:
                    piece = line[1:]
                elif not after_blank:
                    if parts[-1].endswith(b"=") and _declares(parts[0], b"QUOTED-PRINTABLE"):
                        parts[-1] = parts[-1][:-1]
                        piece = line
                    elif (
                        b":" not in line
                        and _declares(parts[0], b"BASE64")
                        and _B64_LINE.fullmatch(line.strip())
                    ):
                        piece = line.strip()
                if piece is not None:
                    size += len(piece)
                    if size > MAX_LINE_BYTES or oversized:
                        oversized = True
                        parts = parts[:1]  # keep the head (for folding rules), drop the rest
                    else:
                        parts.append(piece)
                    continue
                yield start, None if oversized else parts
            oversized = line_no in self._oversized or len(line) > MAX_LINE_BYTES
            parts = [line]
            size = len(line)
            start = line_no
            after_blank = False
        if parts:
            yield start, None if oversized else parts

    def physical_lines(self) -> Iterator[tuple[int, bytes]]:
        """Numbered lines as UTF-8-or-legacy bytes (UTF-16 is converted to UTF-8)."""
        read = self._stream.read
        chunk = read(CHUNK_SIZE)
        self.bytes_read += len(chunk)
        codec = utf16_codec(chunk)
        decoder = codecs.getincrementaldecoder(codec)("replace") if codec else None
        if chunk.startswith(codecs.BOM_UTF8):
            chunk = chunk[len(codecs.BOM_UTF8) :]
        self._sample = chunk[:65536] if decoder is None else b""
        line_no = 0
        pending = b""
        skipping = False  # inside a line already cut short at MAX_LINE_BYTES
        while chunk:
            if decoder is not None:
                chunk = decoder.decode(chunk).lstrip("\ufeff").encode("utf-8")
            if skipping:
                end = chunk.find(b"\n")
                if end < 0:
                    chunk = read(CHUNK_SIZE)
                    self.bytes_read += len(chunk)
                    continue
                chunk, skipping = chunk[end + 1 :], False
            data = pending + chunk
            chunk = read(CHUNK_SIZE)
            self.bytes_read += len(chunk)
            if chunk:
                cut = data.rfind(b"\n")
                if cut < 0:
                    cut = data.rfind(b"\r", 0, len(data) - 1)
                pending, data = data[cut + 1 :], data[: cut + 1]
                if len(pending) > MAX_LINE_BYTES:  # one line with no end in sight
                    for line in data.replace(b"\r\r\n", b"\r\n").splitlines():
                        line_no += 1
                        yield line_no, line
                    line_no += 1
                    self._oversized.add(line_no)
                    yield line_no, pending[:_KEPT_OF_OVERSIZED]
                    pending, data, skipping = b"", b"", True
            else:
                pending = b""
            # iOS writes CR CR LF: one line end, not two.
            for line in data.replace(b"\r\r\n", b"\r\n").splitlines():
                line_no += 1
                yield line_no, line
            self.last_line = line_no


@dataclass(frozen=True, slots=True)
class _Head:
    """What comes before a property's colon, parsed once per distinct spelling."""

    name: str
    group: str
    params: dict[str, list[str]]
    label: str
    plain: bool  # no ENCODING or CHARSET: the value is UTF-8 text, or legacy bytes


@lru_cache(maxsize=8192)
def _parse_head(head: bytes) -> _Head:
    semi = head.find(b";")
    name_part = head if semi < 0 else head[:semi]
    dot = name_part.rfind(b".")
    name = name_part[dot + 1 :].strip().upper().decode("ascii", "replace")
    group = name_part[:dot].decode("ascii", "replace").lower() if dot >= 0 else ""
    params = _parse_params(head[semi + 1 :]) if semi >= 0 and name in WANTED else {}
    plain = "ENCODING" not in params and "CHARSET" not in params
    return _Head(name, group, params, type_label(params.get("TYPE", [])), plain)


# TYPE values that say nothing a person would call a label.
_SILENT_TYPES = frozenset(
    {"internet", "pref", "voice", "x400", "msg", "dom", "intl", "postal", "parcel", "text"}
)
_TYPE_WORDS = {"cell": "mobile", "x-mobile": "mobile"}


def type_label(types: list[str]) -> str:
    """`['work', 'voice', 'pref']` → 'work'; `['cell']` → 'mobile'."""
    words: list[str] = []
    for type_ in types:
        word = _TYPE_WORDS.get(type_, type_.removeprefix("x-"))
        if word and word not in _SILENT_TYPES and word not in words:
            words.append(word)
    return " ".join(words)


def _declares(line: bytes, word: bytes) -> bool:
    """Whether the parameters of a property line (before its colon) name `word`."""
    colon = line.find(b":")
    return colon > 0 and word in line[:colon].upper()


def _unquoted_colon(line: bytes) -> int:
    quoted = False
    for index, byte in enumerate(line):
        if byte == 34:
            quoted = not quoted
        elif byte == 58 and not quoted:
            return index
    return len(line)


def _split_unquoted(text: str, separator: str) -> list[str]:
    if '"' not in text:
        return text.split(separator)
    pieces: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            pieces.append("".join(current))
            current = []
            continue
        current.append(char)
    pieces.append("".join(current))
    return pieces


@lru_cache(maxsize=4096)
def _parse_params(raw: bytes) -> dict[str, list[str]]:
    """`TYPE=a,b;CHARSET=x` and 2.1's bare `WORK;VOICE;QUOTED-PRINTABLE` alike.

    Cached: a file repeats a few dozen parameter strings; callers must not mutate the result.
    """
    params: dict[str, list[str]] = {}
    text = raw.decode("utf-8", "replace")
    for item in _split_unquoted(text, ";"):
        item = item.strip()
        if not item:
            continue
        key, eq, value = item.partition("=")
        key = key.strip().upper()
        if not eq:
            if key in _ENCODING_WORDS:
                params["ENCODING"] = [_ENCODING_WORDS[key]]
            else:
                params.setdefault("TYPE", []).append(key.lower())
            continue
        values = [_unquote(v) for v in _split_unquoted(value, ",")]
        if key == "ENCODING":
            word = values[0].upper() if values else ""
            params["ENCODING"] = [_ENCODING_WORDS.get(word, word.lower())]
        elif key == "TYPE":
            found = params.setdefault("TYPE", [])
            found.extend(t.strip().lower() for v in values for t in v.split(",") if t.strip())
        else:
            params.setdefault(key, []).extend(values)
    return params


def _unquote(value: str) -> str:
    value = value.strip().strip('"')
    if "^" in value:  # RFC 6868 caret escapes
        value = value.replace("^^", "\0").replace("^n", "\n").replace("^'", '"')
        value = value.replace("\0", "^")
    return value


def _preview(line: bytes) -> str:
    text = line.decode("utf-8", "replace")
    return repr(text[:40] + ("…" if len(text) > 40 else ""))
