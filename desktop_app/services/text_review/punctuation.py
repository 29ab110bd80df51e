"""Punctuation an editor would mark: bullets that end differently, prose without a final
stop, unbalanced brackets and quotes, dates written two ways, ranges with two dashes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from desktop_app.domain.documents import Finding

# Word's Symbol/Wingdings bullets arrive from PDFs as private-use characters.
BULLET = re.compile(
    r"^[ \t]*(?:[•·▪◦●○■□➢►✓*\-–—\uf0b7\uf0a7\uf076\uf0d8\uf0fc]|\d{1,2}[.)])[ \t]+(?=\S)",
    re.MULTILINE,
)
LINE = re.compile(r"[^\n]+")
FINAL = ".!?…:;"
CLOSERS = "\"'”’)]»"
PROSE_MIN_WORDS = 10
_WORDS = re.compile(r"[^\W_]+")
_PROSE_WORDS = re.compile(r"(?<![@\w.])[^\W\d_]{2,}(?![@\w])")
_LIST_SEPARATORS = re.compile(r"[,;|·•]")

_MONTH_FULL = "January|February|March|April|June|July|August|September|October|November|December"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_YEAR = r"(?:19|20)\d\d"
DATE = re.compile(
    rf"\b(?P<full>(?:{_MONTH_FULL}|May)\s+{_YEAR})\b"
    rf"|\b(?P<abbr>{_MONTH_ABBR}\s+{_YEAR})\b"
    rf"|(?<![\d/.\-])(?P<numeric>(?:0?[1-9]|1[0-2])[/.](?:{_YEAR})|{_YEAR}-(?:0[1-9]|1[0-2]))"
    rf"(?![\d/.\-])"
)
_DATE_STYLE_NAMES = {"full": "“January 2020”", "abbr": "“Jan 2020”", "numeric": "“01/2020”"}
_RANGE_END = (
    rf"(?:{_YEAR}|(?:{_MONTH_FULL}|May|{_MONTH_ABBR})\s+{_YEAR}|\d{{1,2}}/{_YEAR}"
    r"|present|now|today|current)"
)
RANGE_DASH = re.compile(
    rf"(?<=(?:19|20)\d\d)(?P<space1>[ \t]*)(?P<dash>[-–—]|to)(?P<space2>[ \t]*)(?={_RANGE_END}\b)",
    re.IGNORECASE,
)
_DASH_NAMES = {"-": "a hyphen “-”", "–": "an en dash “–”", "—": "an em dash “—”", "to": "“to”"}


def bullet_punctuation(text: str) -> Iterator[Finding]:
    """Bullets ending with a full stop beside bullets without one: the fewer are marked."""
    bullets = [_bullet_item(text, match.end()) for match in BULLET.finditer(text)]
    with_stop = [b for b in bullets if b.ends_with_stop]
    without = [b for b in bullets if not b.ends_with_stop]
    if not with_stop or not without:
        return
    odd, message = (
        (without, "This bullet has no full stop; most bullets here end with one.")
        if len(with_stop) >= len(without)
        else (with_stop, "This bullet ends with a full stop; most bullets here do not.")
    )
    for bullet in odd:
        yield Finding("inconsistent_punctuation", message, bullet.last, bullet.end)


@dataclass(frozen=True, slots=True)
class _Bullet:
    last: int  # where its last character is
    end: int
    ends_with_stop: bool


def _bullet_item(text: str, start: int) -> _Bullet:
    """A bullet runs to its line's end, and on while the next lines continue it (lower case)."""
    end = _line_end(text, start)
    while end + 1 < len(text) and text[end + 1 : end + 2].islower():
        end = _line_end(text, end + 1)
    stripped = len(text[:end].rstrip())
    last = stripped
    while last > start and text[last - 1] in CLOSERS:
        last -= 1
    return _Bullet(max(start, last - 1), stripped, text[last - 1 : last] == ".")


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def prose_punctuation(text: str, *, skip_last: bool) -> Iterator[Finding]:
    """A paragraph of prose (ten words or more, not a bullet or a list) that ends without
    a stop.

    A paragraph runs on over line breaks while the next line starts in lower case, as text
    from a PDF wraps.
    """
    bullet_starts = {text.rfind("\n", 0, m.start()) + 1 for m in BULLET.finditer(text)}
    paragraphs: list[tuple[int, int]] = []
    position = 0
    while position < len(text):
        end = _line_end(text, position)
        start = position
        while end + 1 < len(text) and text[end + 1 : end + 2].islower():
            end = _line_end(text, end + 1)
        if start not in bullet_starts:
            paragraphs.append((start, end))
        position = end + 1
    if skip_last and paragraphs and not text[paragraphs[-1][1] :].strip():
        paragraphs.pop()
    for start, end in paragraphs:
        body = text[start:end].rstrip()
        words = len(_PROSE_WORDS.findall(body))
        if words < PROSE_MIN_WORDS or len(_LIST_SEPARATORS.findall(body)) * 4 >= words:
            continue  # a heading, a contact line or a list ("Python, SQL, Tableau, …")
        last = len(body)
        while last > 0 and body[last - 1] in CLOSERS:
            last -= 1
        if last and body[last - 1] in FINAL:
            continue
        word_start = body.rfind(" ") + 1
        yield Finding(
            "final_punctuation",
            "This sentence has no final punctuation.",
            start + word_start,
            start + len(body),
        )


_PAIRS = {")": "(", "]": "[", "}": "{", "”": "“"}
_LIST_MARKER = re.compile(r"^[ \t]*(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})\)", re.MULTILINE)
_OPENERS = set(_PAIRS.values())


def unbalanced(text: str) -> Iterator[Finding]:
    """Brackets and curly double quotes without their partner; an odd straight quote."""
    stack: list[tuple[str, int]] = []
    found: list[Finding] = []
    markers = {m.end() - 1 for m in _LIST_MARKER.finditer(text)}  # "1)", "a)" open a line
    for index, char in enumerate(text):
        if index in markers:
            continue
        if char in _OPENERS:
            stack.append((char, index))
        elif char in _PAIRS:
            if stack and stack[-1][0] == _PAIRS[char]:
                stack.pop()
            elif any(opener == _PAIRS[char] for opener, _ in stack):
                while stack[-1][0] != _PAIRS[char]:
                    opener, at = stack.pop()
                    found.append(_unclosed(opener, at))
                stack.pop()
            else:
                found.append(
                    Finding(
                        "unbalanced", f"“{char}” closes nothing opened before it.", index, index + 1
                    )
                )
    found.extend(_unclosed(opener, at) for opener, at in stack)
    for line in LINE.finditer(text):
        quotes = [m.start() for m in re.finditer('"', line.group())]
        if len(quotes) % 2:
            at = line.start() + quotes[-1]
            found.append(Finding("unbalanced", "A quotation mark without its partner.", at, at + 1))
    yield from sorted(found, key=lambda f: f.start)


def _unclosed(opener: str, at: int) -> Finding:
    closer = next(c for c, o in _PAIRS.items() if o == opener)
    return Finding("unbalanced", f"“{opener}” is never closed with “{closer}”.", at, at + 1)


def mixed_dates(text: str) -> Iterator[Finding]:
    """Dates written in another style than most ("02/2021" among "Jan 2020")."""
    dates: list[tuple[str, re.Match[str]]] = []
    for match in DATE.finditer(text):
        style = match.lastgroup or ""
        if style == "full" and match.group().startswith("May"):
            style = "may"  # "May 2020" is both full and short
        dates.append((style, match))
    counts = Counter(style for style, _ in dates if style != "may")
    if len(counts) < 2:
        return
    usual = max(counts, key=lambda s: (counts[s], s == "abbr"))
    for style, match in dates:
        if style in (usual, "may"):
            continue
        yield Finding(
            "mixed_dates",
            f"“{match.group()}” is written differently from most dates here "
            f"({_DATE_STYLE_NAMES[usual]}).",
            *match.span(),
        )


def range_dashes(text: str) -> Iterator[Finding]:
    """Date ranges joined by different dashes ("2014–2017" beside "2018 - 2020")."""
    ranges = [(match.group("dash").casefold(), match) for match in RANGE_DASH.finditer(text)]
    counts = Counter(dash for dash, _ in ranges)
    if len(counts) < 2:
        return
    usual = max(counts, key=lambda d: (counts[d], d == "–"))
    for dash, match in ranges:
        if dash == usual:
            continue
        start, end = match.span("dash")
        yield Finding(
            "inconsistent_punctuation",
            f"This date range uses {_DASH_NAMES[dash]}; most here use {_DASH_NAMES[usual]}.",
            start,
            end,
        )
