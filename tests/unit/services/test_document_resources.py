"""The shipped kinds, checklist templates and question bank are complete and consistent."""

from __future__ import annotations

import pytest

from desktop_app.domain.enums import DocumentKind
from desktop_app.services import document_resources
from desktop_app.services.text_review import review_text


def test_every_document_kind_of_the_domain_is_described() -> None:
    keys = [spec.key for spec in document_resources.document_kinds()]
    assert sorted(keys) == sorted(kind.value for kind in DocumentKind)
    assert len(keys) == len(set(keys))


def test_every_kind_has_a_template_and_a_label() -> None:
    for spec in document_resources.document_kinds():
        assert spec.label
        assert spec.formats
        assert document_resources.default_checklist(spec.key), spec.key


def test_resume_is_attached_and_pitch_is_typed() -> None:
    resume = document_resources.kind_spec("resume")
    pitch = document_resources.kind_spec("pitch")
    assert resume.accepts_files
    assert pitch.accepts_text
    assert not pitch.accepts_files
    assert pitch.target_seconds == 60


def test_checks_named_in_the_data_are_checks_the_reviewer_knows() -> None:
    known = {
        "spoken_length",
        "word_count",
        "char_count",
        "repeated_word",
        "double_space",
        "space_before_punctuation",
        "final_punctuation",
        "long_sentence",
        "filler_word",
        "buzzword",
        "spoken_filler",
        "spelling",
        "bullet_punctuation",
        "prose_punctuation",
        "unbalanced",
        "mixed_dates",
        "range_dashes",
        "forgotten_job",
        "unserved_goal",
    }
    for spec in document_resources.document_kinds():
        assert spec.checks <= known, spec.key


def test_unknown_kind_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="pitch"):
        document_resources.kind_spec("poem")


def test_question_bank_has_categories_of_questions() -> None:
    bank = document_resources.question_bank()
    assert len(bank) >= 4
    questions = [q for category in bank for q in category.questions]
    assert "Tell me about yourself." in questions
    assert len(questions) == len(set(questions))


def test_template_criteria_are_reviewable_with_the_default_filler_list() -> None:
    fillers = document_resources.filler_words()
    assert "very" in fillers
    spec = document_resources.kind_spec("pitch")
    review = review_text("It was very good.", spec)
    assert [f.kind for f in review.findings] == ["filler_word"]
