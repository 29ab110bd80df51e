"""Punctuation an editor would mark."""

from __future__ import annotations

from desktop_app.services.text_review import punctuation


def spans(findings: object, text: str) -> list[str]:
    return [text[f.start : f.end] for f in findings]  # type: ignore[attr-defined]


def test_the_bullet_that_ends_differently_from_the_others_is_marked() -> None:
    text = "• Led the team.\n• Built the tool.\n- Cut costs by 10%\n• Wrote the plan.\n"
    [finding] = punctuation.bullet_punctuation(text)
    assert finding.kind == "inconsistent_punctuation"
    assert text[finding.start : finding.end] == "%"
    assert "most bullets here end with one" in finding.message


def test_bullets_that_agree_are_fine_and_a_wrapped_bullet_is_one() -> None:
    text = "• Led the team\n• Built the tool that\n  nurses use\n• Wrote the plan\n"
    assert list(punctuation.bullet_punctuation(text)) == []


def test_prose_without_a_final_stop_is_marked_but_not_headings() -> None:
    text = (
        "Experience\n"
        "I have spent ten years turning messy data into decisions people can act on\n"
        "Data Analyst, Nimbus Logistics\n"
        "I enjoy explaining results plainly to the people who use them every single day.\n"
    )
    [finding] = punctuation.prose_punctuation(text, skip_last=False)
    assert finding.kind == "final_punctuation"
    assert text[finding.start : finding.end] == "on"


def test_unbalanced_brackets_and_quotes() -> None:
    text = 'Led (and grew the team.\nSaid “yes to all.\nA "quoted word.\nFine (this) one.]\n'
    found = list(punctuation.unbalanced(text))
    assert [f.kind for f in found] == ["unbalanced"] * 4
    assert spans(found, text) == ["(", "“", '"', "]"]


def test_mixed_date_styles_mark_the_odd_ones() -> None:
    text = "Analyst, Jan 2020 – Mar 2021\nEngineer, 02/2021 – Dec 2022\nLead, May 2023 – Sept 2024"
    found = list(punctuation.mixed_dates(text))
    assert spans(found, text) == ["02/2021"]
    assert "Jan 2020" in found[0].message


def test_mixed_dashes_in_date_ranges() -> None:
    text = "Analyst (2014–2017)\nEngineer (2017 - 2019)\nLead (2019–present)\n"
    [finding] = punctuation.range_dashes(text)
    assert text[finding.start : finding.end] == "-"
    assert "en dash" in finding.message


def test_contact_and_skills_lines_are_not_prose() -> None:
    text = (
        "ana@example.org · +44 20 7946 0682 · London\n"
        "Python, SQL, Tableau, Power BI, Jira, Confluence, Docker, AWS, Spark, Kafka, dbt\n"
    )
    assert list(punctuation.prose_punctuation(text, skip_last=False)) == []


def test_list_markers_with_a_bracket_are_not_unbalanced() -> None:
    text = "1) Led the team.\n2) Built the tool (in Python).\na) Wrote it.\n"
    assert list(punctuation.unbalanced(text)) == []


def test_word_processor_bullets_from_a_pdf_are_bullets() -> None:
    text = "\uf0b7 Led the team.\n\uf0b7 Built the tool.\n\uf0b7 Cut costs\n"
    [finding] = punctuation.bullet_punctuation(text)
    assert text[finding.start : finding.end] == "s"
