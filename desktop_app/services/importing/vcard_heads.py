"""What comes before a vCard property's colon: name, group, parameters and the label
they make, parsed once per distinct spelling, within limits hostile files cannot stretch."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Real cards give a property a handful of parameters; 100,000 TYPE values are an attack.
MAX_PARAMETER_VALUES = 50
MAX_LABEL_CHARS = 100
# Heads are parsed once per distinct spelling; only short ones are kept, and only so many.
CACHED_HEAD_BYTES = 256
CACHED_HEADS = 4096

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
        "X-ADDRESSBOOKSERVER-KIND",  # Apple's vCard 3 KIND (iCloud, macOS Contacts)
        "X-ABLABEL",
        "VERSION",
        "X-TRELLIS-MET-ON",
    }
)
_ENCODING_WORDS = {"QUOTED-PRINTABLE": "quoted-printable", "BASE64": "b", "B": "b"}


@dataclass(frozen=True, slots=True)
class Head:
    """What comes before a property's colon, parsed once per distinct spelling."""

    name: str
    group: str
    params: dict[str, list[str]]
    label: str
    plain: bool  # no ENCODING or CHARSET: the value is UTF-8 text, or legacy bytes
    problems: tuple[str, ...] = ()  # what was cut from it, for the card (with the line)


def parse_head(head: bytes) -> Head:
    """The parsed head; short heads (the few dozen a file repeats) come from a cache.

    A long head is parsed each time and never kept: cards with distinct megabyte heads
    would otherwise fill memory with them.
    """
    if len(head) > CACHED_HEAD_BYTES:
        return _read_head(head)
    return _cached_head(head)


def _read_head(head: bytes) -> Head:
    semi = head.find(b";")
    name_part = head if semi < 0 else head[:semi]
    dot = name_part.rfind(b".")
    name = name_part[dot + 1 :].strip().upper().decode("ascii", "replace")
    group = name_part[:dot].decode("ascii", "replace").lower() if dot >= 0 else ""
    params: dict[str, list[str]] = {}
    problems: list[str] = []
    if semi >= 0 and name in WANTED:
        raw = head[semi + 1 :]
        params, capped = _parse_params(raw) if len(raw) <= CACHED_HEAD_BYTES else _params(raw)
        if capped:
            problems.append(
                f"{name} has more than {MAX_PARAMETER_VALUES} parameters; the rest were left out"
            )
    label = type_label(params.get("TYPE", []))
    if len(label) > MAX_LABEL_CHARS:
        cut = label.rfind(" ", 0, MAX_LABEL_CHARS + 1)
        label = label[: cut if cut > 0 else MAX_LABEL_CHARS]
        problems.append(f"the label of {name} was cut to {MAX_LABEL_CHARS} characters")
    plain = "ENCODING" not in params and "CHARSET" not in params
    return Head(name, group, params, label, plain, tuple(problems))


_cached_head = lru_cache(maxsize=CACHED_HEADS)(_read_head)


# TYPE values that say nothing a person would call a label.
_SILENT_TYPES = frozenset(
    {"internet", "pref", "voice", "x400", "msg", "dom", "intl", "postal", "parcel", "text"}
)
_TYPE_WORDS = {"cell": "mobile", "x-mobile": "mobile"}


def type_label(types: list[str]) -> str:
    """`['work', 'voice', 'pref']` → 'work'; `['cell']` → 'mobile'."""
    words: dict[str, None] = {}  # insertion-ordered set: linear in the number of types
    for type_ in types:
        word = _TYPE_WORDS.get(type_, type_.removeprefix("x-"))
        if word and word not in _SILENT_TYPES:
            words[word] = None
    return " ".join(words)


_UNQUOTED_HEAD = re.compile(rb'(?:"[^"]*"|[^":])*')


def unquoted_colon(line: bytes) -> int:
    """The first colon outside double quotes; the line's length if there is none."""
    end = _UNQUOTED_HEAD.match(line)
    index = end.end() if end is not None else 0
    return index if line[index : index + 1] == b":" else len(line)


_UNQUOTED_PIECE = {
    ";": re.compile(r'(?:"[^"]*"?|[^";])*'),
    ",": re.compile(r'(?:"[^"]*"?|[^",])*'),
}


def _split_unquoted(text: str, separator: str) -> list[str]:
    """Split at separators outside double quotes (quotes kept); linear, as a regex."""
    if '"' not in text:
        return text.split(separator)
    piece = _UNQUOTED_PIECE[separator]
    pieces: list[str] = []
    position = 0
    while True:
        found = piece.match(text, position)
        assert found is not None  # the pattern matches the empty string
        pieces.append(found.group())
        position = found.end() + 1  # past the separator
        if position > len(text):
            return pieces


@lru_cache(maxsize=CACHED_HEADS)
def _parse_params(raw: bytes) -> tuple[dict[str, list[str]], bool]:
    """`_params`, cached for short parameter strings: a file repeats a few dozen of them.

    Callers must not mutate the result.
    """
    return _params(raw)


def _params(raw: bytes) -> tuple[dict[str, list[str]], bool]:
    """`TYPE=a,b;CHARSET=x` and 2.1's bare `WORK;VOICE;QUOTED-PRINTABLE` alike, and whether
    values past MAX_PARAMETER_VALUES were left out."""
    params: dict[str, list[str]] = {}
    text = raw.decode("utf-8", "replace")
    room = MAX_PARAMETER_VALUES
    for item in _split_unquoted(text, ";"):
        item = item.strip()
        if not item:
            continue
        if room <= 0:
            return params, True
        key, eq, value = item.partition("=")
        key = key.strip().upper()
        if not eq:
            room -= 1
            if key in _ENCODING_WORDS:
                params["ENCODING"] = [_ENCODING_WORDS[key]]
            else:
                params.setdefault("TYPE", []).append(key.lower())
            continue
        pieces = _split_unquoted(value, ",")
        values = [_unquote(v) for v in pieces[: room + 1]]
        if key == "TYPE":
            values = [t.strip().lower() for v in values for t in v.split(",") if t.strip()]
        capped = len(values) > room or len(pieces) > room + 1
        values = values[:room]
        room -= max(1, len(values))
        if key == "ENCODING":
            word = values[0].upper() if values else ""
            params["ENCODING"] = [_ENCODING_WORDS.get(word, word.lower())]
        elif key == "TYPE":
            params.setdefault("TYPE", []).extend(values)
        else:
            params.setdefault(key, []).extend(values)
        if capped:
            return params, True
    return params, False


def _unquote(value: str) -> str:
    value = value.strip().strip('"')
    if "^" in value:  # RFC 6868 caret escapes
        value = value.replace("^^", "\0").replace("^n", "\n").replace("^'", '"')
        value = value.replace("\0", "^")
    return value
