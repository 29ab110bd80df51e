"""The automatic review of a pitch, brand statement, resume or letter: what a machine can judge.

Pure functions over a string. Every finding carries `start`/`end` offsets into the text
(Python string indices, i.e. code points) so an editor can highlight it. One module per kind
of check: `basic` (length, repeats, spacing, sentences, fillers), `buzzwords`, `spelling`,
`punctuation`, `forgotten` (my jobs and goals the text leaves out). What they need beyond
the text (the speller, my jobs, my goals) comes in a `ReviewContext`; `context.load_context`
reads it from a database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.documents import DocumentKindSpec, Finding, TextReview
from desktop_app.domain.review import GoalTargets, MyJob
from desktop_app.domain.review_advice import advice_for
from desktop_app.services import document_resources
from desktop_app.services.text_review import basic, forgotten, punctuation
from desktop_app.services.text_review.basic import count_words
from desktop_app.services.text_review.buzzwords import buzzword_findings
from desktop_app.services.text_review.spelling import Speller, misspellings

__all__ = ["ReviewContext", "count_words", "review_as_json", "review_text"]


@dataclass(frozen=True)
class ReviewContext:
    """What the checks know beyond the text. Without a speller, spelling is not checked.

    `suggestions=False` leaves spelling findings without corrections (each costs ~0.3 s);
    the editor asks for them when the user right-clicks.
    """

    speller: Speller | None = None
    jobs: tuple[MyJob, ...] = ()
    goals: tuple[GoalTargets, ...] = ()
    suggestions: bool = True


def review_text(
    text: str,
    spec: DocumentKindSpec,
    *,
    wpm: int | None = None,
    fillers: Iterable[str] | None = None,
    context: ReviewContext | None = None,
) -> TextReview:
    """Count, time and check `text` against the rules of its kind."""
    wpm = wpm or document_resources.words_per_minute()
    fillers = tuple(fillers) if fillers is not None else document_resources.filler_words()
    context = context or ReviewContext()
    words = count_words(text)
    spoken = round(words * 60 / wpm, 1)
    findings: list[Finding] = []
    checks = spec.checks
    if "spoken_length" in checks and spec.target_seconds is not None:
        findings.extend(basic.spoken_length(text, spoken, spec.target_seconds, wpm))
    if "word_count" in checks and spec.max_words is not None and words > spec.max_words:
        findings.append(basic.over_words(text, words, spec.max_words))
    if "char_count" in checks and spec.max_chars is not None:
        findings.extend(basic.over_chars(text, spec.max_chars))
    if "repeated_word" in checks:
        findings.extend(basic.repeated_words(text))
    if "double_space" in checks:
        findings.extend(
            Finding("double_space", "Double space", m.start(), m.end())
            for m in basic.DOUBLE_SPACE.finditer(text)
        )
    if "space_before_punctuation" in checks:
        findings.extend(
            Finding("space_before_punctuation", f"Space before “{m.group(1)}”", m.start(), m.end())
            for m in basic.SPACE_BEFORE_PUNCTUATION.finditer(text)
        )
    if "final_punctuation" in checks:
        findings.extend(basic.final_punctuation(text))
    if "prose_punctuation" in checks:
        skip_last = "final_punctuation" in checks
        findings.extend(punctuation.prose_punctuation(text, skip_last=skip_last))
    if "long_sentence" in checks:
        findings.extend(basic.long_sentences(text, spec.long_sentence_words))
    if "filler_word" in checks and fillers:
        findings.extend(basic.filler_findings(text, fillers))
    if "spoken_filler" in checks:
        spoken_fillers = document_resources.spoken_filler_words()
        findings.extend(basic.spoken_filler_findings(text, spoken_fillers))
    if "buzzword" in checks:
        findings.extend(buzzword_findings(text))
    findings.extend(_context_checks(text, checks, context))
    findings.sort(key=lambda f: (f.start, f.end, f.kind))
    return TextReview(words, spoken, tuple(findings), spec.target_seconds)


def _context_checks(text: str, checks: frozenset[str], context: ReviewContext) -> list[Finding]:
    findings: list[Finding] = []
    if "bullet_punctuation" in checks:
        findings.extend(punctuation.bullet_punctuation(text))
    if "unbalanced" in checks:
        findings.extend(punctuation.unbalanced(text))
    if "mixed_dates" in checks:
        findings.extend(punctuation.mixed_dates(text))
    if "range_dashes" in checks:
        findings.extend(punctuation.range_dashes(text))
    if "forgotten_job" in checks and context.jobs:
        findings.extend(forgotten.forgotten_jobs(text, context.jobs))
    if "unserved_goal" in checks and context.goals:
        findings.extend(forgotten.unserved_goals(text, context.goals))
    if "spelling" in checks and context.speller is not None:
        findings.extend(misspellings(text, context.speller, suggestions=context.suggestions))
    return findings


def review_as_json(review: TextReview) -> dict[str, Any]:
    """The shape `trellis review-text --json` prints: `why` and `instead` on every finding,
    `suggestions` on spelling findings, `organization` on forgotten jobs."""
    return {
        "words": review.words,
        "spoken_seconds": review.spoken_seconds,
        "findings": [_finding_json(f) for f in review.findings],
    }


def _finding_json(finding: Finding) -> dict[str, Any]:
    shape: dict[str, Any] = {
        "kind": finding.kind,
        "message": finding.message,
        "start": finding.start,
        "end": finding.end,
    }
    if finding.kind == "spelling":
        shape["suggestions"] = list(finding.suggestions)
    if finding.organization is not None:
        shape["organization"] = finding.organization
    advice = advice_for(finding.kind)  # why it matters, what to try (domain/review_advice)
    shape["why"], shape["instead"] = advice.why, advice.instead
    return shape
