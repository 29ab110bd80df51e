"""`trellis review-text` on real PDF and DOCX files, with and without a database."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desktop_app.domain.values import EmploymentRecord, NewPerson, PersonFields
from desktop_app.services.contacts import ContactsService
from desktop_app.storage.database import Database
from tests.conftest import run_cli
from tests.document_files import RESUME, write_docx, write_pdf, write_scanned_pdf


def review(*args: str) -> dict:
    result = run_cli("review-text", *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def spans(data: dict, kind: str) -> list[str]:
    return [data["text"][f["start"] : f["end"]] for f in data["findings"] if f["kind"] == kind]


def test_a_pdf_resume_is_reviewed_on_its_text(tmp_path: Path, qapp: object) -> None:
    source = tmp_path / "resume.pdf"
    write_pdf(source, RESUME)
    data = review(str(source), "--kind", "resume")
    assert "Quillfeather Analytics" in data["text"]
    assert spans(data, "spelling") == ["acheived"]
    [spelling] = [f for f in data["findings"] if f["kind"] == "spelling"]
    assert spelling["suggestions"][0] == "achieved"
    assert spans(data, "inconsistent_punctuation") == ["s"]  # "analysts" has no stop
    assert spans(data, "mixed_dates") == ["02/2017"]


def test_a_docx_resume_is_reviewed_with_its_list_paragraphs_as_bullets(
    tmp_path: Path,
) -> None:
    source = tmp_path / "resume.docx"
    write_docx(source, RESUME)
    data = review(str(source), "--kind", "resume")
    assert "• Mentored two analysts\n" in data["text"]
    assert spans(data, "spelling") == ["acheived"]
    assert spans(data, "inconsistent_punctuation") == ["s"]
    for finding in data["findings"]:
        expected = {"kind", "message", "start", "end", "why", "instead"}
        expected |= {"suggestions"} if finding["kind"] == "spelling" else set()
        assert set(finding) == expected


def test_plain_text_keeps_the_shape_without_text(tmp_path: Path) -> None:
    source = tmp_path / "resume.txt"
    source.write_text(RESUME, encoding="utf-8")
    data = review(str(source), "--kind", "resume")
    assert set(data) == {"words", "spoken_seconds", "findings"}


def test_a_scanned_pdf_says_so(tmp_path: Path, qapp: object) -> None:
    source = tmp_path / "scan.pdf"
    write_scanned_pdf(source)
    result = run_cli("review-text", str(source), "--kind", "resume")
    assert result.returncode == 1
    assert "scanned image" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["broken.pdf", "broken.docx", "old.doc"])
def test_a_file_that_is_not_what_it_says_gets_a_message(tmp_path: Path, name: str) -> None:
    source = tmp_path / name
    source.write_bytes(b"this is not really a document\n" * 10)
    result = run_cli("review-text", str(source), "--kind", "resume")
    assert result.returncode == 1
    assert f"{name} cannot be checked" in result.stderr
    assert "Traceback" not in result.stderr


def test_with_a_database_my_network_is_spelt_right_and_my_forgotten_job_named(
    tmp_path: Path, db: Database, db_path: Path
) -> None:
    contacts = ContactsService(db)
    contacts.create(
        NewPerson(
            PersonFields(full_name="Amara Okonkwo"),
            employment=(
                EmploymentRecord(
                    "Nimbus Logistics", "Data Analyst", date(2014, 1, 1), date(2016, 12, 1), False
                ),
                EmploymentRecord(
                    "Quillfeather Analytics", "Senior Data Engineer", date(2020, 1, 1)
                ),
            ),
            is_me=True,
        )
    )
    contacts.create(NewPerson(PersonFields(full_name="Siobhan Quimbleton")))
    source = tmp_path / "pitch.txt"
    source.write_text("Quimbleton taught me SQL. Quimbletn did not.\n", encoding="utf-8")
    without = review(str(source), "--kind", "pitch")
    assert [f["kind"] for f in without["findings"]].count("spelling") == 2
    data = review(str(source), "--kind", "pitch", "--db", str(db_path))
    [spelling] = [f for f in data["findings"] if f["kind"] == "spelling"]
    assert spelling["suggestions"][0] == "Quimbleton"

    resume = tmp_path / "resume.docx"
    write_docx(resume, RESUME)
    data = review(str(resume), "--kind", "resume", "--db", str(db_path))
    [forgotten] = [f for f in data["findings"] if f["kind"] == "forgotten_job"]
    assert forgotten["organization"] == "Nimbus Logistics"
    assert (
        forgotten["message"] == "Nimbus Logistics (Data Analyst, 2014–2016) is not on this resume."
    )


def test_british_spelling_with_lang(tmp_path: Path) -> None:
    source = tmp_path / "cover.txt"
    source.write_text("I organised the programme and analysed the catalogue.\n", encoding="utf-8")
    us = review(str(source), "--kind", "cover")
    assert len([f for f in us["findings"] if f["kind"] == "spelling"]) >= 3
    gb = review(str(source), "--kind", "cover", "--lang", "en-GB")
    assert [f for f in gb["findings"] if f["kind"] == "spelling"] == []
    plain = run_cli("review-text", str(source), "--kind", "cover")
    assert "spelling: “organised” is not in the dictionary; did you mean “organized”?" in (
        plain.stdout
    )


def test_a_missing_database_is_named(tmp_path: Path) -> None:
    source = tmp_path / "pitch.txt"
    source.write_text("I build tools.\n", encoding="utf-8")
    result = run_cli("review-text", str(source), "--kind", "pitch", "--db", str(tmp_path / "no.db"))
    assert result.returncode == 1
    assert "no.db does not exist" in result.stderr
    assert "Traceback" not in result.stderr
