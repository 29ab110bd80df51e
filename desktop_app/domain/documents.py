"""Values of the pitch & resume checklist: documents, versions, criteria, feedback, mocks.

Plain frozen dataclasses; the UI and the CLI see these, never ORM rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from desktop_app.domain.enums import Verdict


class VersionFormat(StrEnum):
    """How a document's versions are kept: typed in the app, or an attached file."""

    TEXT = "text"
    FILE = "file"


@dataclass(frozen=True, slots=True)
class DocumentKindSpec:
    """One kind of document as described in the shipped resources (kinds.json)."""

    key: str
    label: str
    formats: tuple[VersionFormat, ...]
    description: str = ""
    target_seconds: int | None = None
    max_words: int | None = None
    max_chars: int | None = None
    long_sentence_words: int = 30
    checks: frozenset[str] = frozenset()

    @property
    def accepts_text(self) -> bool:
        return VersionFormat.TEXT in self.formats

    @property
    def accepts_files(self) -> bool:
        return VersionFormat.FILE in self.formats


@dataclass(frozen=True, slots=True)
class Finding:
    """Something the automatic review noticed, at `text[start:end]` (code points).

    `suggestions` are corrections for a `spelling` finding; `organization` names the
    employer of a `forgotten_job`.
    """

    kind: str
    message: str
    start: int
    end: int
    suggestions: tuple[str, ...] = ()
    organization: str | None = None


@dataclass(frozen=True, slots=True)
class TextReview:
    words: int
    spoken_seconds: float
    findings: tuple[Finding, ...]
    target_seconds: int | None = None


@dataclass(frozen=True, slots=True)
class QuestionCategory:
    name: str
    questions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One version of a document; text versions carry no body here (it can be large)."""

    id: int
    number: int
    created_at: datetime
    format: VersionFormat
    note: str = ""
    file_name: str = ""
    file_path: str = ""
    sha256: str = ""
    size_chars: int = 0


@dataclass(frozen=True, slots=True)
class CriterionComment:
    """What one reviewer said about one criterion."""

    round_id: int
    reviewer_name: str
    reviewer_removed: bool
    verdict: Verdict
    comment: str


@dataclass(frozen=True, slots=True)
class ChecklistEntry:
    id: int
    position: int
    criterion: str
    met: bool
    comments: tuple[CriterionComment, ...] = ()

    @property
    def reviewed(self) -> bool:
        return any(c.verdict is not Verdict.NOT_REVIEWED for c in self.comments)


@dataclass(frozen=True, slots=True)
class CriterionVerdict:
    """A verdict and comment on one checklist item, as entered in a feedback round."""

    item_id: int
    verdict: Verdict
    comment: str = ""


@dataclass(frozen=True, slots=True)
class FeedbackRoundInfo:
    id: int
    document_id: int
    version_number: int | None
    reviewer_id: int | None
    reviewer_name: str
    asked_on: date
    received_on: date | None
    verdict: str
    comment: str
    criteria: tuple[CriterionVerdict, ...] = ()
    interaction_id: int | None = None

    @property
    def reviewer_removed(self) -> bool:
        """The reviewer's contact was deleted; their name and feedback stay."""
        return self.reviewer_id is None

    @property
    def received(self) -> bool:
        return self.received_on is not None


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    id: int
    kind: str
    title: str
    versions: int
    criteria: int
    criteria_met: int
    rounds: int

    @property
    def progress(self) -> float:
        """Share of criteria ticked as met, 0–1 (0 for an empty checklist)."""
        return self.criteria_met / self.criteria if self.criteria else 0.0


@dataclass(frozen=True, slots=True)
class DocumentDetail:
    id: int
    kind: str
    title: str
    versions: tuple[VersionInfo, ...]
    checklist: tuple[ChecklistEntry, ...]
    rounds: tuple[FeedbackRoundInfo, ...]

    @property
    def latest_version(self) -> VersionInfo | None:
        return self.versions[-1] if self.versions else None

    @property
    def progress(self) -> float:
        if not self.checklist:
            return 0.0
        return sum(1 for item in self.checklist if item.met) / len(self.checklist)


@dataclass(frozen=True, slots=True)
class ThankYouDue:
    """Feedback received and not yet answered by a 'gave' interaction (reciprocity)."""

    round_id: int
    document_id: int
    document_title: str
    reviewer_id: int
    reviewer_name: str
    received_on: date


@dataclass(frozen=True, slots=True)
class MockAnswerInfo:
    question: str
    notes: str = ""
    rating: int | None = None


@dataclass(frozen=True, slots=True)
class MockInterviewInfo:
    """A mock interview. `interaction_id` is the 'asked' interaction it logged with the
    interviewer when they are a contact (None otherwise, or once that interaction is gone)."""

    id: int
    interviewer_id: int | None
    interviewer_name: str
    held_on: date
    note: str
    answers: tuple[MockAnswerInfo, ...] = ()
    interaction_id: int | None = None

    @property
    def mean_rating(self) -> float | None:
        ratings = [a.rating for a in self.answers if a.rating is not None]
        return sum(ratings) / len(ratings) if ratings else None


SHORT_NOTE_CHARS = 80


def mock_interaction_note(interview_note: str) -> str:
    """The note of the interaction a mock interview logs: the interview's own note on one
    line, cut at `SHORT_NOTE_CHARS` (its kind already says it was a mock interview)."""
    note = " ".join(interview_note.split())
    if len(note) <= SHORT_NOTE_CHARS:
        return note
    return note[: SHORT_NOTE_CHARS - 1].rstrip() + "…"
