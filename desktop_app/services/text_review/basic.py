"""The checks that need nothing but the text: length, repeats, spacing, sentences, fillers.

Each check is one linear regular-expression pass, so a megabyte of pasted text reviews in
well under a second.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from desktop_app.domain.documents import Finding

WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
REPEATED_WORD = re.compile(r"\b([^\W\d_]+)\b(?:\s+\1\b)+", re.IGNORECASE)
DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<=\w)[ \t]+([,.;:!?])(?=\s|$)")
SENTENCE = re.compile(r"[^.!?…\n]+")
FINAL_PUNCTUATION = ".!?…"
CLOSERS = "\"'”’)]»"


def count_words(text: str) -> int:
    return len(WORD.findall(text))


def nth_word_start(text: str, n: int) -> int | None:
    """Where the n-th word (0-based) starts, or None if the text has fewer."""
    for index, match in enumerate(WORD.finditer(text)):
        if index == n:
            return match.start()
    return None


def end_of_text(text: str) -> int:
    return len(text.rstrip())


def spoken_length(text: str, spoken: float, target: int, wpm: int) -> Iterator[Finding]:
    if spoken <= target:
        return
    start = nth_word_start(text, target * wpm // 60)
    if start is None:
        return
    yield Finding(
        "spoken_length",
        f"About {spoken:.0f} s spoken; the target is {target} s. From here on it runs over.",
        start,
        end_of_text(text),
    )


def over_words(text: str, words: int, limit: int) -> Finding:
    start = nth_word_start(text, limit) or 0
    return Finding("word_count", f"{words} words; keep it under {limit}.", start, end_of_text(text))


def over_chars(text: str, limit: int) -> Iterator[Finding]:
    offset = len(text) - len(text.lstrip())
    end = end_of_text(text)
    if end - offset > limit:
        yield Finding(
            "char_count",
            f"{end - offset} characters; the limit is {limit}.",
            offset + limit,
            end,
        )


def repeated_words(text: str) -> Iterator[Finding]:
    for match in REPEATED_WORD.finditer(text):
        word = match.group(1)
        yield Finding("repeated_word", f"“{word}” repeated", match.start(), match.end())


def final_punctuation(text: str) -> Iterator[Finding]:
    end = end_of_text(text)
    if end == 0:
        return
    last = end
    while last > 0 and text[last - 1] in CLOSERS:
        last -= 1
    if last > 0 and text[last - 1] in FINAL_PUNCTUATION:
        return
    start = end - 1
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    yield Finding(
        "final_punctuation", "The text does not end with a full stop or a question.", start, end
    )


def long_sentences(text: str, limit: int) -> Iterator[Finding]:
    for match in SENTENCE.finditer(text):
        words = count_words(match.group())
        if words > limit:
            segment = match.group()
            start = match.start() + len(segment) - len(segment.lstrip())
            end = match.start() + len(segment.rstrip())
            yield Finding(
                "long_sentence", f"Long sentence: {words} words (over {limit})", start, end
            )


@cache
def filler_pattern(fillers: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first so "kind of" wins over a shorter filler inside it.
    parts = sorted(fillers, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, f.split())) for f in parts)
    return re.compile(rf"(?<![\w\-])(?:{alternatives})(?![\w\-])", re.IGNORECASE)


def filler_findings(text: str, words: tuple[str, ...]) -> Iterator[Finding]:
    for match in filler_pattern(words).finditer(text):
        yield Finding("filler_word", f"Filler: “{match.group()}”", match.start(), match.end())


# "like" is a filler only where a speaker pauses on it ("it was, like, huge"); "I like data"
# and "roles like this" are not.
SPOKEN_LIKE = re.compile(r"(?:(?<=,)\s*|(?<=\s))like(?=,)|(?<=,\s)like(?![\w\-])", re.IGNORECASE)


def spoken_filler_findings(text: str, words: tuple[str, ...]) -> Iterator[Finding]:
    """Sounds and phrases of speech ("um", "uh", "you know", "like" as a pause)."""
    plain = tuple(w for w in words if w.casefold() != "like")
    if plain:
        for match in filler_pattern(plain).finditer(text):
            yield Finding("filler_word", f"Spoken filler: “{match.group()}”", *match.span())
    if len(plain) < len(words):
        for match in SPOKEN_LIKE.finditer(text):
            start = match.end() - 4
            yield Finding("filler_word", "Spoken filler: “like”", start, match.end())
