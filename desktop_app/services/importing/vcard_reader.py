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
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from desktop_app.services.importing.report import ImportCancelledError
from desktop_app.services.importing.text_decoding import (
    EncodingHints,
    LegacyDecoder,
    utf16_codec,
)
from desktop_app.services.importing.vcard_heads import (
    CACHED_HEAD_BYTES,
    CACHED_HEADS,
    WANTED,
    Head,
    parse_head,
    unquoted_colon,
)

CHUNK_SIZE = 1 << 20
# The longest property a card may hold: a 10 MB photo is 13.4 MB of base64. Anything longer
# is damage or an attack; it is left out with a warning and never held whole in memory.
MAX_LINE_BYTES = 16 << 20
_KEPT_OF_OVERSIZED = 512  # enough of an oversized line to name its property
_B64_LINE = re.compile(rb"[A-Za-z0-9+/=]+")
# The heads files repeat (`TEL;TYPE=CELL`), parsed once: a dict is cheaper to ask than
# parse_head's own cache, and holds as little (short heads, so many). Shared by every
# reader: a sync reads each of thousands of cards with a reader of its own.
_HEADS: dict[bytes, Head] = {}
_TEXT_HEADS: dict[str, Head] = {}  # the same for read_plain_card, which reads text


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
    """Iterate over the cards of a binary stream; `bytes_read` tells the progress.

    `is_cancelled` is asked at every chunk read, so that Cancel is honoured inside a card
    too; it raises `ImportCancelledError`.
    """

    def __init__(self, stream: BinaryIO, is_cancelled: Callable[[], bool] | None = None) -> None:
        self._stream = stream
        self._is_cancelled = is_cancelled
        self.bytes_read = 0
        self.last_line = 0
        self._legacy: LegacyDecoder | None = None
        self._guess_told = False
        self._sample = b""
        self._oversized: set[int] = set()  # physical lines cut short at MAX_LINE_BYTES

    def __iter__(self) -> Iterator[RawCard]:
        structure = _Structure()
        line_no = 0
        heads = _HEADS
        for line_no, parts in self._unfolded():
            if parts is None:
                structure.note(
                    f"line {line_no}: a value longer than {MAX_LINE_BYTES >> 20} MB was left out"
                )
                continue
            line = parts[0] if len(parts) == 1 else b"".join(parts)
            colon = line.find(b":")
            if colon < 0:
                if structure.stack and line.strip():
                    structure.note(f"line {line_no}: no ':' in {_preview(line)}")
                continue
            head = line[:colon]
            if b'"' in head:
                colon = unquoted_colon(line)
                head = line[:colon]
            parsed = heads.get(head)
            if parsed is None:
                parsed = parse_head(head)
                if len(head) <= CACHED_HEAD_BYTES and len(heads) < CACHED_HEADS:
                    heads[head] = parsed
            name = parsed.name
            if name == "BEGIN" or name == "END":
                yield from structure.begin_or_end(name, line[colon + 1 :], line, line_no)
                continue
            if structure.skipping or name not in WANTED:
                continue
            if not structure.stack:  # a property outside any card opens one
                held = structure.open_card(line_no)
                if held is not None:
                    yield held
            card = structure.stack[-1]
            for problem in parsed.problems:
                card.problems.append(f"line {line_no}: {problem}")
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
        yield from structure.finish(max(line_no, self.last_line))

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
            pass
        if self._legacy is None:
            self._legacy = LegacyDecoder(_evidence(self._sample), _hints(self._sample))
        text = self._legacy.decode(raw)
        guess = self._legacy.guess
        if guess is not None and not self._guess_told:
            self._guess_told = True  # once a file: every value after it is read the same way
            card.problems.append(
                f"line {line_no}: text that names no charset was read as {guess.name}, "
                f"a guess ({guess.basis}); check its accented letters"
            )
        return text

    def _unfolded(self) -> Iterator[tuple[int, list[bytes] | None]]:
        """Unfold continuation lines, QP soft breaks and 2.1 base64 runs; skip blank lines.

        Yields each logical line's first line number and its pieces. A logical line longer
        than MAX_LINE_BYTES comes out as None: it is dropped as it is read, so memory never
        holds more than the limit.
        """
        parts: list[bytes] = []
        size = 0
        oversized = False
        start = 0
        after_blank = False
        quoted_printable: bool | None = None  # of the logical line in `parts`, once asked
        base64: bool | None = None
        for line_no, line in self.physical_lines():
            if not line:
                # A blank line ends a 2.1 base64 run and a dangling soft break.
                after_blank = True
                continue
            if parts:
                piece: bytes | None = None
                if not after_blank and parts[-1].endswith(b"="):
                    if quoted_printable is None:
                        quoted_printable = _declares(parts[0], b"QUOTED-PRINTABLE")
                    if quoted_printable:
                        # A soft break: the next line is content, leading whitespace too.
                        parts[-1] = parts[-1][:-1]
                        piece = line
                if piece is not None:
                    pass
                elif line[0] == 32 or line[0] == 9:
                    piece = line[1:]
                elif not after_blank and b":" not in line:
                    if base64 is None:
                        base64 = _declares(parts[0], b"BASE64")
                    if base64 and _B64_LINE.fullmatch(line.strip()):
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
            quoted_printable = base64 = None
        if parts:
            yield start, None if oversized else parts

    def physical_lines(self) -> Iterator[tuple[int, bytes]]:
        """Numbered lines as UTF-8-or-legacy bytes (UTF-16 is converted to UTF-8)."""
        read = self._read
        chunk = read()
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
                    chunk = read()
                    continue
                chunk, skipping = chunk[end + 1 :], False
            data = pending + chunk
            chunk = read()
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

    def _read(self) -> bytes:
        """The next chunk; Cancel is honoured here, so within a card as well as between."""
        if self.bytes_read and self._is_cancelled is not None and self._is_cancelled():
            raise ImportCancelledError
        chunk = self._stream.read(CHUNK_SIZE)
        self.bytes_read += len(chunk)
        return chunk


def read_plain_card(text: str) -> RawCard | None:
    """The card of a text that holds exactly one card with nothing unusual in it: what
    VCardReader would read from its UTF-8 bytes, at about half the cost (a sync reads
    thousands of cards one by one, each already text). None when the text needs the
    streaming reader: an encoding or charset, a quoted-printable soft break, a line with no
    colon, a component inside, anything before BEGIN or after END, a bare CR, a quoted or
    non-ASCII head. Tests compare both readers on every card they have."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    if "=\n" in text or len(text) > MAX_LINE_BYTES:
        return None
    logical: list[list[Any]] = []  # [first line number, text] of each unfolded line
    line_no = 0
    for line in text.split("\n"):
        line_no += 1
        if not line:
            continue
        if line[0] == " " or line[0] == "\t":
            if not logical:
                return None
            logical[-1][1] += line[1:]
        else:
            logical.append([line_no, line])
    if len(logical) < 2 or logical[0][1] != "BEGIN:VCARD" or logical[-1][1] != "END:VCARD":
        return None
    card = RawCard(logical[0][0], end_line=logical[-1][0])
    heads = _TEXT_HEADS
    properties = card.properties
    for number, line in logical[1:-1]:
        colon = line.find(":")
        if colon < 0:
            return None
        head = line[:colon]
        parsed = heads.get(head)
        if parsed is None:
            if '"' in head or not head.isascii():
                return None
            parsed = parse_head(head.encode("ascii"))
            if len(head) <= CACHED_HEAD_BYTES and len(heads) < CACHED_HEADS:
                heads[head] = parsed
        name = parsed.name
        if name not in WANTED:
            if name == "BEGIN" or name == "END":
                return None
            continue
        if not parsed.plain:
            return None
        for problem in parsed.problems:
            card.problems.append(f"line {number}: {problem}")
        value = line[colon + 1 :]
        if name == "VERSION":
            card.version = value.strip()
        else:
            properties.append(
                VProperty(name, value, parsed.params, parsed.group, number, parsed.label)
            )
    return card


class _Structure:
    """BEGIN and END lines: the cards open, unknown components skipped, and what was wrong.

    A card that ends is held until the next begins (or the file ends), so that a stray
    END:VCARD after it is still reported, on the card before.
    """

    def __init__(self) -> None:
        self.stack: list[RawCard] = []
        self.skipping: list[tuple[str, int]] = []  # unknown components open: (name, line)
        self._held: RawCard | None = None
        self._loose: list[str] = []  # problems before any card, for the first one

    def note(self, problem: str) -> None:
        if self.stack:
            self.stack[-1].problems.append(problem)
        elif self._held is not None:
            self._held.problems.append(problem)
        else:
            self._loose.append(problem)

    def begin_or_end(self, name: str, value: bytes, line: bytes, line_no: int) -> Iterator[RawCard]:
        kind = value.strip().upper()
        if kind != b"VCARD":
            if not _near_vcard(kind):
                self._component(name, kind.decode("utf-8", "replace")[:40], line_no)
                return
            self.note(f"line {line_no}: {_preview(line)} was read as {name}:VCARD")
        for component, begun in self.skipping:
            self.note(
                f"line {begun}: BEGIN:{component} has no END:{component} before line {line_no}"
            )
        self.skipping.clear()
        if name == "BEGIN":
            if self._held is not None:
                yield self._held
                self._held = None
            card = RawCard(line_no)
            if self.stack:
                card.problems.append(
                    f"line {line_no}: a card begins inside the card begun at line "
                    f"{self.stack[-1].line}; it is read as a card of its own"
                )
            self._take_loose(card)
            self.stack.append(card)
        elif self.stack:
            card = self.stack.pop()
            card.end_line = line_no
            if self._held is not None:
                yield self._held
            self._held = card
        else:
            self.note(f"line {line_no}: END:VCARD with no BEGIN:VCARD before it")

    def _component(self, name: str, kind: str, line_no: int) -> None:
        """BEGIN/END of something that is not a card (a calendar, X-FOO): skipped whole."""
        if name == "BEGIN":
            self.skipping.append((kind, line_no))
            return
        names = [component for component, _line in self.skipping]
        if kind not in names:
            self.note(f"line {line_no}: END:{kind} with no BEGIN:{kind} before it")
            return
        while self.skipping:
            component, begun = self.skipping.pop()
            if component == kind:
                break
            self.note(f"line {begun}: BEGIN:{component} has no END:{component}")

    def open_card(self, line_no: int) -> RawCard | None:
        """Make sure a card is open for a property; returns a held card to yield first."""
        if self.stack:
            return None
        held, self._held = self._held, None
        card = RawCard(line_no, problems=[f"line {line_no}: no BEGIN:VCARD"])
        self._take_loose(card)
        self.stack.append(card)
        return held

    def finish(self, last_line: int) -> Iterator[RawCard]:
        for component, begun in self.skipping:
            self.note(f"line {begun}: BEGIN:{component} has no END:{component}")
        if self._held is not None:
            yield self._held
        while self.stack:
            card = self.stack.pop()
            card.problems.append(f"line {card.line}: card has no END:VCARD")
            card.end_line = last_line
            yield card

    def _take_loose(self, card: RawCard) -> None:
        card.problems.extend(self._loose)
        self._loose.clear()


def _near_vcard(kind: bytes) -> bool:
    """`VCARDinvalid`, `VCARD x`, `VCAR`: a damaged VCARD, not another component."""
    return kind.startswith(b"VCARD") or (len(kind) >= 3 and b"VCARD".startswith(kind))


_CHARSET_PARAM = re.compile(rb";\s*CHARSET\s*=\s*\"?([\w.-]+)", re.IGNORECASE)
_WINDOWS_PRODID = re.compile(
    rb"^PRODID[^:\r\n]*:[^\r\n]*(?:microsoft|outlook|windows)", re.I | re.M
)
_MAC_PRODID = re.compile(rb"^PRODID[^:\r\n]*:[^\r\n]*(?:apple|mac ?os|macintosh)", re.I | re.M)
_MS_PROPERTY = re.compile(rb"^(?:[\w-]+\.)?X-MS-", re.I | re.M)
_QP_VALUE = re.compile(rb"^[^:\r\n]*QUOTED-PRINTABLE[^:\r\n]*:([^\r\n]*)", re.I | re.M)


def _hints(sample: bytes) -> EncodingHints:
    """What the start of a file says of its code page: charsets, the exporter."""
    declared = Counter(m.decode("ascii", "replace") for m in _CHARSET_PARAM.findall(sample))
    return EncodingHints(
        declared=tuple(name for name, _count in declared.most_common()),
        windows=bool(_WINDOWS_PRODID.search(sample) or _MS_PROPERTY.search(sample)),
        mac=bool(_MAC_PRODID.search(sample)),
    )


def _evidence(sample: bytes) -> bytes:
    """The start of a file with its quoted-printable values decoded: their 8-bit bytes are
    what tells the code page apart, and in the raw file they are hidden as `=F1`."""
    decoded = [binascii.a2b_qp(value) for value in _QP_VALUE.findall(sample)]
    return b"\n".join([sample, *decoded])


def _declares(line: bytes, word: bytes) -> bool:
    """Whether the parameters of a property line (before its colon) name `word`."""
    colon = line.find(b":")
    return colon > 0 and word in line[:colon].upper()


def _preview(line: bytes) -> str:
    text = line.decode("utf-8", "replace")
    return repr(text[:40] + ("…" if len(text) > 40 else ""))
