"""The automatic review finds what it should, where it should, and nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.documents import DocumentKindSpec, VersionFormat
from desktop_app.services import document_resources
from desktop_app.services.text_review import count_words, review_as_json, review_text

ALL_CHECKS = frozenset(
    {
        "repeated_word",
        "double_space",
        "space_before_punctuation",
        "final_punctuation",
        "long_sentence",
        "filler_word",
        "spoken_length",
    }
)


def spec(**overrides: object) -> DocumentKindSpec:
    values: dict[str, object] = {
        "key": "pitch",
        "label": "Pitch",
        "formats": (VersionFormat.TEXT,),
        "target_seconds": 60,
        "long_sentence_words": 25,
        "checks": ALL_CHECKS,
    }
    values.update(overrides)
    return DocumentKindSpec(**values)  # type: ignore[arg-type]


def kinds(text: str, **overrides: object) -> list[str]:
    return [f.kind for f in review_text(text, spec(**overrides), fillers=("very",)).findings]


def test_clean_pitch_has_no_findings() -> None:
    text = "I help small charities raise money online. What does your team need next?"
    review = review_text(text, spec(), fillers=("very",))
    assert review.findings == ()
    assert review.words == 13
    assert review.spoken_seconds == 6.0


def test_repeated_word_is_found_across_case_and_lines_with_its_span() -> None:
    text = "I led the The\nthe team."
    [finding] = review_text(text, spec(), fillers=()).findings
    assert finding.kind == "repeated_word"
    assert text[finding.start : finding.end] == "the The\nthe"


def test_words_that_only_share_a_prefix_are_not_repeats() -> None:
    assert kinds("I ran the theme park.") == []


def test_double_space_span_covers_the_spaces() -> None:
    text = "I build  tools."
    [finding] = review_text(text, spec(), fillers=()).findings
    assert (finding.kind, text[finding.start : finding.end]) == ("double_space", "  ")


def test_indentation_is_not_a_double_space() -> None:
    assert kinds("  Indented line.\n    Another one.") == []


def test_space_before_punctuation() -> None:
    text = "I build tools , fast."
    [finding] = review_text(text, spec(), fillers=()).findings
    assert finding.kind == "space_before_punctuation"
    assert text[finding.start : finding.end] == " ,"


def test_missing_final_punctuation_points_at_the_last_word() -> None:
    text = "I build tools for nurses  \n"
    [finding] = list(review_text(text, spec(), fillers=()).findings)
    assert finding.kind == "final_punctuation"
    assert text[finding.start : finding.end] == "nurses"


def test_final_punctuation_inside_quotes_counts() -> None:
    assert kinds('She said "ship it."') == []
    assert kinds("Shall we talk?)") == []


def test_long_sentence_is_found_and_short_ones_are_not() -> None:
    long = " ".join(f"w{i}" for i in range(30)) + "."
    text = "Short one. " + long + " Short again."
    found = review_text(text, spec(), fillers=()).findings
    assert [f.kind for f in found] == ["long_sentence"]
    assert text[found[0].start : found[0].end] == long[:-1]


def test_filler_words_are_whole_words_and_multiword() -> None:
    text = "I just, kind of, really like everything."
    found = review_text(text, spec(), fillers=("just", "kind of", "really")).findings
    assert [text[f.start : f.end] for f in found] == ["just", "kind of", "really"]
    assert kinds("Justice is a very-good word.") == []


def test_spoken_length_over_target_starts_at_the_first_word_past_it() -> None:
    words = [f"w{i}" for i in range(200)]
    text = ". ".join(words) + "."
    [finding] = review_text(text, spec(target_seconds=30), fillers=()).findings
    assert finding.kind == "spoken_length"
    assert text[finding.start :].startswith("w65. ")  # 30 s at 130 wpm = 65 words
    assert finding.end == len(text)
    assert "92 s" in finding.message


def test_word_and_char_limits() -> None:
    text = "one two three four five."
    [words] = review_text(
        text, spec(checks=frozenset({"word_count"}), max_words=3), fillers=()
    ).findings
    assert text[words.start : words.end] == "four five."
    [chars] = review_text(
        "  abcdefgh", spec(checks=frozenset({"char_count"}), max_chars=5), fillers=()
    ).findings
    assert (chars.start, chars.end) == (7, 10)


def test_only_the_kinds_checks_run() -> None:
    resume = document_resources.kind_spec("resume")
    text = "Led a team of 8\nShipped the product"
    assert review_text(text, resume).findings == ()


def test_counts_contractions_and_hyphenated_words_once() -> None:
    assert count_words("I don't over-promise — ever.") == 4


def test_json_shape() -> None:
    data = review_as_json(review_text("the the end", spec(), fillers=()))
    assert set(data) == {"words", "spoken_seconds", "findings"}
    assert data["findings"][0] == {
        "kind": "repeated_word",
        "message": "“the” repeated",
        "start": 0,
        "end": 7,
        "why": "A word typed twice in a row is almost always a slip, and readers notice it.",
        "instead": "delete one of the two.",
    }


def test_a_megabyte_of_text_is_reviewed() -> None:
    paragraph = "We really built the the tools  people use , every day\n"
    text = paragraph * (1_000_000 // len(paragraph))
    review = review_text(text, document_resources.kind_spec("pitch"))
    assert review.words == count_words(paragraph) * (1_000_000 // len(paragraph))
    assert sum(f.kind == "repeated_word" for f in review.findings) == 1_000_000 // len(paragraph)


@given(st.text(max_size=300))
def test_findings_always_lie_inside_the_text(text: str) -> None:
    review = review_text(text, spec(target_seconds=1, max_words=2), fillers=("very", "kind of"))
    for finding in review.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
    assert [f.start for f in review.findings] == sorted(f.start for f in review.findings)
