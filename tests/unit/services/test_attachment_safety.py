"""Attachments cannot reach outside their folder: links are refused, stored names that
lead out are refused and reported, and only documents are opened."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop_app.paths import attachments_dir
from desktop_app.services import documents
from desktop_app.services.documents import AttachmentError
from desktop_app.services.integrity import check_database
from desktop_app.storage.database import Database

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")


def _resume(db: Database) -> int:
    document_id, _ = documents.create_document(db, "resume", "Resume", [])
    return document_id


def test_a_link_is_refused_not_followed(db: Database, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0", encoding="utf-8")
    link = tmp_path / "resume.pdf"
    link.symlink_to(secret)
    document_id = _resume(db)
    with pytest.raises(AttachmentError, match="is a link to another file"):
        documents.attach_file(db, document_id, link)
    assert documents.document_detail(db, document_id).versions == ()
    folder = attachments_dir(db.path)
    assert not folder.exists() or list(folder.iterdir()) == []


def test_a_program_is_stored_without_its_suffix_and_not_opened(
    db: Database, tmp_path: Path
) -> None:
    document_id = _resume(db)
    for name in ("resume.desktop", "resume.exe", "cv.PDF"):
        source = tmp_path / name
        source.write_bytes(f"[Desktop Entry] {name}".encode())
        documents.attach_file(db, document_id, source)
    launcher, program, pdf = documents.document_detail(db, document_id).versions
    assert launcher.file_path == launcher.sha256
    assert program.file_path == program.sha256
    assert pdf.file_path == pdf.sha256 + ".pdf"
    assert documents.path_to_open(db, pdf).read_bytes() == b"[Desktop Entry] cv.PDF"
    for version in (launcher, program):
        assert documents.attachment_path(db, version).is_file()  # kept…
        with pytest.raises(AttachmentError, match="opens only documents"):
            documents.path_to_open(db, version)  # …never run


def test_a_stored_suffix_from_an_older_trellis_is_not_opened(db: Database, tmp_path: Path) -> None:
    document_id = _resume(db)
    source = tmp_path / "cv.pdf"
    source.write_bytes(b"%PDF")
    documents.attach_file(db, document_id, source)
    [version] = documents.document_detail(db, document_id).versions
    old = documents.attachment_path(db, version)
    old.rename(old.with_suffix(".desktop"))
    db.fast_connection().execute(
        "UPDATE document_versions SET file_path = ?", (old.with_suffix(".desktop").name,)
    )
    [version] = documents.document_detail(db, document_id).versions
    with pytest.raises(AttachmentError, match="opens only documents"):
        documents.path_to_open(db, version)


@pytest.mark.parametrize(
    "stored", ["../../../../etc/passwd", "/etc/passwd", "..", "sub/../../x.pdf", "link.pdf"]
)
def test_a_stored_name_leading_outside_is_refused_and_checked(
    db: Database, tmp_path: Path, stored: str
) -> None:
    document_id = _resume(db)
    source = tmp_path / "cv.pdf"
    source.write_bytes(b"%PDF")
    documents.attach_file(db, document_id, source)
    folder = attachments_dir(db.path)
    (folder / "link.pdf").symlink_to(Path("/etc/passwd"))
    assert check_database(db).sound
    db.fast_connection().execute("UPDATE document_versions SET file_path = ?", (stored,))
    [version] = documents.document_detail(db, document_id).versions
    with pytest.raises(AttachmentError, match="leads outside"):
        documents.attachment_path(db, version)
    with pytest.raises(AttachmentError, match="leads outside"):
        documents.path_to_open(db, version)
    [problem] = check_database(db).problems
    assert f"the stored name of “cv.pdf”, “{stored}”, leads outside {folder}" in problem
