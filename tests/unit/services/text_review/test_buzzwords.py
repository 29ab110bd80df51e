"""Empty buzzwords are found in every written and spoken kind; spoken fillers only when said."""

from __future__ import annotations

import pytest

from desktop_app.services.document_resources import kind_spec
from desktop_app.services.text_review import review_text
from desktop_app.services.text_review.buzzwords import buzzwords

BUZZ_KINDS = ("pitch", "brand", "resume", "cover", "linkedin_headline", "linkedin_about")
SPOKEN_KINDS = ("pitch", "brand")
WRITTEN_KINDS = ("resume", "cover", "linkedin_headline", "linkedin_about")


def _spans(text: str, kind: str, finding_kind: str) -> list[str]:
    review = review_text(text, kind_spec(kind))
    return [text[f.start : f.end] for f in review.findings if f.kind == finding_kind]


def test_the_shipped_list_holds_the_classic_buzzwords() -> None:
    words = {word.casefold() for word in buzzwords()}
    for word in ("passionate", "leverage", "synergy", "results-driven", "go-getter"):
        assert word in words
    assert {"think outside the box", "team player", "detail-oriented"} <= words
    assert all(not word.startswith("#") and word == word.strip() for word in buzzwords())


@pytest.mark.parametrize("kind", BUZZ_KINDS)
def test_buzzwords_are_found_in_any_case_and_across_a_line_break(kind: str) -> None:
    text = (
        "A Passionate, RESULTS-DRIVEN team player who can think outside\n"
        "the box and leverage synergy."
    )
    assert _spans(text, kind, "buzzword") == [
        "Passionate",
        "RESULTS-DRIVEN",
        "team player",
        "think outside\nthe box",
        "leverage",
        "synergy",
    ]


def test_only_whole_words_are_buzzwords() -> None:
    text = "I spoke passionately about leverages, compassionate care and a go-getters club."
    assert _spans(text, "resume", "buzzword") == []


def test_a_buzzword_is_not_also_a_filler() -> None:
    text = "A results-driven go-getter and team player."
    review = review_text(text, kind_spec("pitch"))
    assert [f.kind for f in review.findings] == ["buzzword", "buzzword", "buzzword"]
    assert review.findings[0].message == "Buzzword: “results-driven”"


@pytest.mark.parametrize("kind", SPOKEN_KINDS)
def test_spoken_fillers_are_flagged_in_spoken_kinds(kind: str) -> None:
    text = "Um, I build, like, tools that, uh, you know, nurses like to use."
    assert _spans(text, kind, "filler_word") == ["Um", "like", "uh", "you know"]


@pytest.mark.parametrize("kind", WRITTEN_KINDS)
def test_spoken_fillers_are_not_flagged_in_written_kinds(kind: str) -> None:
    text = "Um, I build, like, tools that, uh, you know, nurses like to use."
    assert _spans(text, kind, "filler_word") == []
