"""The automatic review of a pitch, brand statement, resume or letter: what a machine can judge.

Pure functions over a string. Every finding carries `start`/`end` offsets into the text
(Python string indices, i.e. code points) so an editor can highlight it. Each check is one
linear regular-expression pass, so a megabyte of pasted text reviews in well under a second.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from functools import cache
from typing import Any

from desktop_app.domain.documents import DocumentKindSpec, Finding, TextReview
from desktop_app.domain.review_advice import advice_for
from desktop_app.services import document_resources

WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
REPEATED_WORD = re.compile(r"\b([^\W\d_]+)\b(?:\s+\1\b)+", re.IGNORECASE)
DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<=\w)[ \t]+([,.;:!?])(?=\s|$)")
SENTENCE = re.compile(r"[^.!?…\n]+")
FINAL_PUNCTUATION = ".!?…"
CLOSERS = "\"'”’)]»"


def review_text(
    text: str,
    spec: DocumentKindSpec,
    *,
    wpm: int | None = None,
    fillers: Iterable[str] | None = None,
) -> TextReview:
    """Count, time and check `text` against the rules of its kind."""
    wpm = wpm or document_resources.words_per_minute()
    fillers = tuple(fillers) if fillers is not None else document_resources.filler_words()
    words = count_words(text)
    spoken = round(words * 60 / wpm, 1)
    findings: list[Finding] = []
    checks = spec.checks
    if "spoken_length" in checks and spec.target_seconds is not None:
        findings.extend(_spoken_length(text, spoken, spec.target_seconds, wpm))
    if "word_count" in checks and spec.max_words is not None and words > spec.max_words:
        findings.append(_over_words(text, words, spec.max_words))
    if "char_count" in checks and spec.max_chars is not None:
        findings.extend(_over_chars(text, spec.max_chars))
    if "repeated_word" in checks:
        findings.extend(_repeated_words(text))
    if "double_space" in checks:
        findings.extend(
            Finding("double_space", "Double space", m.start(), m.end())
            for m in DOUBLE_SPACE.finditer(text)
        )
    if "space_before_punctuation" in checks:
        findings.extend(
            Finding("space_before_punctuation", f"Space before “{m.group(1)}”", m.start(), m.end())
            for m in SPACE_BEFORE_PUNCTUATION.finditer(text)
        )
    if "final_punctuation" in checks:
        findings.extend(_final_punctuation(text))
    if "long_sentence" in checks:
        findings.extend(_long_sentences(text, spec.long_sentence_words))
    if "filler_word" in checks and fillers:
        findings.extend(_fillers(text, fillers))
    findings.sort(key=lambda f: (f.start, f.end, f.kind))
    return TextReview(words, spoken, tuple(findings), spec.target_seconds)


def review_as_json(review: TextReview) -> dict[str, Any]:
    """The shape `trellis review-text --json` prints; each finding with its advice
    (`why`, `instead`: domain/review_advice.py)."""
    return {
        "words": review.words,
        "spoken_seconds": review.spoken_seconds,
        "findings": [asdict(f) | asdict(advice_for(f.kind)) for f in review.findings],
    }


def count_words(text: str) -> int:
    return len(WORD.findall(text))


def _nth_word_start(text: str, n: int) -> int | None:
    """Where the n-th word (0-based) starts, or None if the text has fewer."""
    for index, match in enumerate(WORD.finditer(text)):
        if index == n:
            return match.start()
    return None


def _end_of_text(text: str) -> int:
    return len(text.rstrip())


def _spoken_length(text: str, spoken: float, target: int, wpm: int) -> Iterator[Finding]:
    if spoken <= target:
        return
    start = _nth_word_start(text, target * wpm // 60)
    if start is None:
        return
    yield Finding(
        "spoken_length",
        f"About {spoken:.0f} s spoken; the target is {target} s. From here on it runs over.",
        start,
        _end_of_text(text),
    )


def _over_words(text: str, words: int, limit: int) -> Finding:
    start = _nth_word_start(text, limit) or 0
    return Finding(
        "word_count", f"{words} words; keep it under {limit}.", start, _end_of_text(text)
    )


def _over_chars(text: str, limit: int) -> Iterator[Finding]:
    offset = len(text) - len(text.lstrip())
    end = _end_of_text(text)
    if end - offset > limit:
        yield Finding(
            "char_count",
            f"{end - offset} characters; the limit is {limit}.",
            offset + limit,
            end,
        )


def _repeated_words(text: str) -> Iterator[Finding]:
    for match in REPEATED_WORD.finditer(text):
        word = match.group(1)
        yield Finding("repeated_word", f"“{word}” repeated", match.start(), match.end())


def _final_punctuation(text: str) -> Iterator[Finding]:
    end = _end_of_text(text)
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


def _long_sentences(text: str, limit: int) -> Iterator[Finding]:
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
def _filler_pattern(fillers: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first so "kind of" wins over a shorter filler inside it.
    parts = sorted(fillers, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, f.split())) for f in parts)
    return re.compile(rf"(?<![\w\-])(?:{alternatives})(?![\w\-])", re.IGNORECASE)


def _fillers(text: str, fillers: tuple[str, ...]) -> Iterator[Finding]:
    for match in _filler_pattern(fillers).finditer(text):
        yield Finding("filler_word", f"Filler: “{match.group()}”", match.start(), match.end())
