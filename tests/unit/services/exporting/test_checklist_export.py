"""Exporting a checklist with its feedback: Markdown and a real PDF."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from desktop_app.domain.documents import CriterionVerdict
from desktop_app.domain.enums import Verdict
from desktop_app.services import documents, feedback
from desktop_app.services.exporting import checklist_export
from desktop_app.storage.database import Database
from desktop_app.storage.tables import Person

TRICKY = "<b>Bold</b> *claims* & [links](x)"


@pytest.fixture
def document_id(db: Database) -> int:
    with db.transaction() as session:
        ana, bob = Person(full_name="Ana Ruiz"), Person(full_name="Bob Lee")
        session.add_all([ana, bob])
        session.flush()
        ana_id, bob_id = ana.id, bob.id
    document_id, _ = documents.create_document(db, "pitch", "My pitch", ["Sounds like me", TRICKY])
    first, second = (i.id for i in documents.document_detail(db, document_id).checklist)
    documents.set_criterion_met(db, first, True)
    round_id, _ = feedback.ask_for_feedback(db, document_id, None, ana_id, date(2026, 3, 1))
    feedback.record_feedback(
        db,
        round_id,
        date(2026, 3, 3),
        "partly",
        "Warm.\nCut the middle.",
        [
            CriterionVerdict(first, Verdict.MET, "It is you"),
            CriterionVerdict(second, Verdict.NOT_MET),
        ],
    )
    feedback.ask_for_feedback(db, document_id, None, bob_id, date(2026, 3, 2))
    with db.transaction() as session:
        session.delete(session.get(Person, bob_id))
    return document_id


def test_markdown_lists_criteria_verdicts_and_rounds(db: Database, document_id: int) -> None:
    detail = documents.document_detail(db, document_id)
    text = checklist_export.to_markdown(detail, "Elevator pitch", today=date(2026, 3, 5))
    assert text.startswith("# My pitch\n")
    assert "1 of 2 criteria met" in text
    assert "- [x] Sounds like me" in text
    assert "    - Ana Ruiz — Met: It is you" in text
    assert r"- [ ] \<b\>Bold\</b\> \*claims\* & \[links\](x)" in text
    assert "### Ana Ruiz, asked 2026-03-01, received 2026-03-03" in text
    assert "> Cut the middle." in text
    assert "Bob Lee (removed contact)" in text


def test_html_escapes_user_text(db: Database, document_id: int) -> None:
    detail = documents.document_detail(db, document_id)
    markup = checklist_export.to_html(detail, "Elevator pitch")
    assert "&lt;b&gt;Bold&lt;/b&gt;" in markup
    assert "<b>Bold</b>" not in markup


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_pdf_holds_the_same_words(
    qapp: object, db: Database, document_id: int, tmp_path: Path
) -> None:
    detail = documents.document_detail(db, document_id)
    out = tmp_path / "checklist.pdf"
    checklist_export.write_pdf(detail, "Elevator pitch", out)
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "My pitch" in text
    assert "<b>Bold</b> *claims*" in text
    assert "Ana Ruiz" in text
    assert "It is you" in text
    assert "Bob Lee (removed contact)" in text


def test_pdf_can_be_written_without_poppler(
    qapp: object, db: Database, document_id: int, tmp_path: Path
) -> None:
    out = tmp_path / "checklist.pdf"
    checklist_export.write_pdf(documents.document_detail(db, document_id), "Pitch", out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.rstrip().endswith(b"%%EOF")
