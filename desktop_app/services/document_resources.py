"""The shipped data of the pitch & resume checklist: kinds, checklist templates, questions.

The JSON files live in `resources/documents/` and are found through
`desktop_app.resource_paths`, the same way from a source checkout, an installed wheel and a
PyInstaller bundle.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from desktop_app.domain.documents import DocumentKindSpec, QuestionCategory, VersionFormat
from desktop_app.resource_paths import resource_path

RESOURCE_FOLDER = "documents"
DEFAULT_WORDS_PER_MINUTE = 130


def _load(name: str, folder: str = RESOURCE_FOLDER) -> Any:
    path = resource_path(f"{folder}/{name}")
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _kinds_file() -> dict[str, Any]:
    data = _load("kinds.json")
    if not isinstance(data, dict) or not isinstance(data.get("kinds"), list):
        raise ValueError("kinds.json must be an object with a 'kinds' list")
    return data


@cache
def document_kinds() -> tuple[DocumentKindSpec, ...]:
    """Every kind of document, in the order the shipped data lists them."""
    return tuple(_kind_from_json(entry) for entry in _kinds_file()["kinds"])


def kind_spec(key: str) -> DocumentKindSpec:
    """The kind called `key`; `KeyError` naming the known kinds otherwise."""
    for spec in document_kinds():
        if spec.key == key:
            return spec
    known = ", ".join(spec.key for spec in document_kinds())
    raise KeyError(f"unknown document kind {key!r} (known: {known})")


def words_per_minute() -> int:
    return int(_kinds_file().get("words_per_minute", DEFAULT_WORDS_PER_MINUTE))


@cache
def filler_words() -> tuple[str, ...]:
    return tuple(str(word) for word in _kinds_file().get("filler_words", ()))


@cache
def spoken_filler_words() -> tuple[str, ...]:
    """Fillers of speech ("um", "you know"), checked only in documents said aloud."""
    return tuple(str(word) for word in _kinds_file().get("spoken_filler_words", ()))


@cache
def _templates() -> dict[str, tuple[str, ...]]:
    data = _load("checklists.json")
    return {str(kind): tuple(str(c) for c in criteria) for kind, criteria in data.items()}


def default_checklist(kind: str) -> tuple[str, ...]:
    """The shipped criteria for a kind (users may override them per database)."""
    return _templates().get(kind, ())


@cache
def question_bank() -> tuple[QuestionCategory, ...]:
    """Mock-interview questions, grouped by category."""
    data = _load("questions.json")
    return tuple(
        QuestionCategory(str(c["name"]), tuple(str(q) for q in c["questions"]))
        for c in data["categories"]
    )


def _kind_from_json(entry: dict[str, Any]) -> DocumentKindSpec:
    def optional_int(name: str) -> int | None:
        value = entry.get(name)
        return None if value is None else int(value)

    return DocumentKindSpec(
        key=str(entry["key"]),
        label=str(entry["label"]),
        formats=tuple(VersionFormat(f) for f in entry["formats"]),
        description=str(entry.get("description", "")),
        target_seconds=optional_int("target_seconds"),
        max_words=optional_int("max_words"),
        max_chars=optional_int("max_chars"),
        long_sentence_words=int(entry.get("long_sentence_words", 30)),
        checks=frozenset(str(c) for c in entry.get("checks", ())),
    )


# The informational-interview request and question bank sit beside the documents' data.
INTERVIEW_FOLDER = "interviews"


@cache
def interview_request_template() -> tuple[str, str]:
    """(subject, body) of the informational-interview request, with `{first_name}`,
    `{organization}`, `{learn}` and `{my_name}` to fill in."""
    data = _load("request.json", INTERVIEW_FOLDER)
    return str(data["subject"]), "\n".join(str(line) for line in data["body"])


@cache
def interview_questions() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(questions to ask at an event, questions for an informational interview)."""
    data = _load("questions.json", INTERVIEW_FOLDER)
    return (
        tuple(str(q) for q in data["event_questions"]),
        tuple(str(q) for q in data["interview_questions"]),
    )
