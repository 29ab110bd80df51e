"""Spelling: the bundled Hunspell dictionaries, what is never a misspelling, suggestions."""

from __future__ import annotations

import pytest

from desktop_app.services.text_review.spelling import Speller, misspellings


@pytest.fixture(scope="module")
def us() -> Speller:
    return Speller("en-US")


def flagged(text: str, speller: Speller) -> list[str]:
    return [text[f.start : f.end] for f in misspellings(text, speller, suggestions=False)]


def test_misspellings_are_found_with_corrections(us: Speller) -> None:
    text = "I acheived a 20% improvment in recieving goods."
    findings = list(misspellings(text, us))
    assert [text[f.start : f.end] for f in findings] == ["acheived", "improvment", "recieving"]
    assert findings[0].kind == "spelling"
    assert findings[0].suggestions[0] == "achieved"
    assert "improvement" in findings[1].suggestions


def test_a_misspelt_word_starting_a_sentence_or_bullet_is_found(us: Speller) -> None:
    text = "Summary\n• Managment of teams.\nWe grew. Acheived more."
    assert flagged(text, us) == ["Managment", "Acheived"]


def test_proper_nouns_acronyms_emails_urls_and_numbers_are_never_misspellings(
    us: Speller,
) -> None:
    text = (
        "I worked at Quillfeather with Okonkwo on KPIs, the SQLZ API and GitHub.\n"
        "Write to amara.okonkwo@quillfeathr.io or see https://qfx.example.org/abcxyz "
        "and quillfeathr.com; we shipped v2.3.1, 3x faster, in Q3 with 12k users.\n"
        "Siobhan Bhriain\n"
    )
    assert flagged(text, us) == []


def test_the_personal_dictionary_knows_my_network_and_added_words() -> None:
    speller = Speller("en-US", ["Zephyrine Labs", "Tessaract"])
    text = "Zephyrine is where I worked. Tessaract too. Flumboozle."
    assert flagged(text, speller) == ["Flumboozle"]
    speller.add("Flumboozle")
    assert flagged(text, speller) == []
    speller.remove("Flumboozle")
    assert flagged(text, speller) == ["Flumboozle"]


def test_personal_words_come_first_in_suggestions() -> None:
    speller = Speller("en-US", ["Quillfeather"])
    assert speller.suggest("Quillfeathr")[0] == "Quillfeather"


def test_british_and_american_dictionaries_differ() -> None:
    text = "We organised the colour scheme and analysed the catalogue."
    assert flagged(text, Speller("en-GB")) == []
    assert set(flagged(text, Speller("en-US"))) >= {"organised", "colour", "analysed"}


def test_technology_words_are_known(us: Speller) -> None:
    assert flagged("we moved onboarding runbooks to kubernetes and terraform.", us) == []


def test_a_tool_named_after_a_colon_is_a_proper_noun(us: Speller) -> None:
    assert flagged("Tools: Figmatic and acheived.", us) == ["acheived"]


def test_word_processor_bullets_from_a_pdf_start_a_sentence(us: Speller) -> None:
    # Word's Symbol-font bullet arrives from PDFs as a private-use character.
    assert flagged("\uf0b7 Managment of teams.\n\uf0a7 Acheived more.", us) == [
        "Managment",
        "Acheived",
    ]


def test_undoing_an_added_name_keeps_the_network_s_name() -> None:
    speller = Speller("en-US", ["Quimbleton"])
    speller.add("quimbleton")
    speller.remove("quimbleton")
    assert flagged("quimbleton is known.", speller) == []
