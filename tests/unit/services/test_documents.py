"""Documents, versions, attachments and checklists against a real migrated database."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop_app.domain.documents import VersionFormat
from desktop_app.paths import attachments_dir
from desktop_app.services import documents
from desktop_app.services.attachments import prune_attachments
from desktop_app.services.documents import AttachmentError
from desktop_app.storage.database import Database


def test_new_document_gets_the_kinds_template(db: Database) -> None:
    document_id, change = documents.create_document(db, "pitch", "  My pitch ")
    assert change.documents_changed
    detail = documents.document_detail(db, document_id)
    assert detail.title == "My pitch"
    assert [i.criterion for i in detail.checklist][:2] == [
        "Sounds like me",
        "Says what I want next",
    ]
    assert [i.position for i in detail.checklist] == list(range(len(detail.checklist)))
    [summary] = documents.list_documents(db)
    assert (summary.id, summary.criteria, summary.criteria_met) == (
        document_id,
        len(detail.checklist),
        0,
    )


def test_unknown_kind_is_refused(db: Database) -> None:
    with pytest.raises(KeyError):
        documents.create_document(db, "poem", "Ode")


def test_edited_template_is_used_for_new_documents_and_can_be_reset(db: Database) -> None:
    documents.set_checklist_template(db, "brand", ["Short", "  ", "Mine"])
    assert documents.checklist_template(db, "brand") == ("Short", "Mine")
    assert documents.template_override(db, "brand") == ("Short", "Mine")
    assert documents.template_override(db, "pitch") is None
    document_id, _ = documents.create_document(db, "brand", "Brand")
    assert [i.criterion for i in documents.document_detail(db, document_id).checklist] == [
        "Short",
        "Mine",
    ]
    documents.set_checklist_template(db, "brand", None)
    assert documents.checklist_template(db, "brand")[0] == "Sounds like me"


def test_text_versions_are_numbered_and_kept(db: Database) -> None:
    document_id, _ = documents.create_document(db, "pitch", "Pitch", [])
    first, _ = documents.add_text_version(db, document_id, "Hello.")
    second, _ = documents.add_text_version(db, document_id, "Hello there.", note="warmer")
    versions = documents.document_detail(db, document_id).versions
    assert [(v.number, v.format, v.size_chars) for v in versions] == [
        (1, VersionFormat.TEXT, 6),
        (2, VersionFormat.TEXT, 12),
    ]
    assert versions[1].note == "warmer"
    assert documents.version_text(db, first) == "Hello."
    snapshot, _ = documents.delete_version(db, second)
    assert len(documents.document_detail(db, document_id).versions) == 1
    documents.restore(db, snapshot)
    assert documents.document_detail(db, document_id).versions[1].id == second
    assert documents.version_text(db, second) == "Hello there."


def test_checklist_add_remove_reorder_rename_and_tick(db: Database) -> None:
    document_id, _ = documents.create_document(db, "pitch", "Pitch", ["A", "B", "C"])
    ids = [i.id for i in documents.document_detail(db, document_id).checklist]
    new_id, _ = documents.add_criterion(db, document_id, " D first ", position=0)
    documents.rename_criterion(db, ids[1], "B!")
    previous, _ = documents.set_criterion_met(db, ids[2], True)
    assert previous is False
    snapshot, _ = documents.remove_criterion(db, ids[0])
    order = lambda: [  # noqa: E731
        (i.criterion, i.position, i.met)
        for i in documents.document_detail(db, document_id).checklist
    ]
    assert order() == [("D first", 0, False), ("B!", 1, False), ("C", 2, True)]
    documents.restore(db, snapshot)
    assert [c for c, _, _ in order()] == ["D first", "A", "B!", "C"]
    previous_order, _ = documents.reorder_criteria(
        db, document_id, [ids[2], ids[1], ids[0], new_id]
    )
    assert previous_order == [new_id, ids[0], ids[1], ids[2]]
    assert [c for c, _, _ in order()] == ["C", "B!", "A", "D first"]
    assert [p for _, p, _ in order()] == [0, 1, 2, 3]
    [summary] = documents.list_documents(db)
    assert summary.criteria_met == 1
    assert summary.progress == 0.25


def test_delete_document_and_undo_restores_everything_with_ids(db: Database) -> None:
    document_id, _ = documents.create_document(db, "pitch", "Pitch", ["A", "B"])
    documents.add_text_version(db, document_id, "Body.")
    before = documents.document_detail(db, document_id)
    snapshot, _ = documents.delete_document(db, document_id)
    assert documents.list_documents(db) == []
    documents.restore(db, snapshot)
    assert documents.document_detail(db, document_id) == before


def test_attach_file_copies_it_by_content_and_versions_it(db: Database, tmp_path: Path) -> None:
    document_id, _ = documents.create_document(db, "resume", "Resume", [])
    source = tmp_path / "My Resume.PDF"
    source.write_bytes(b"%PDF-1.4 first")
    version_id, _ = documents.attach_file(db, document_id, source)
    source.write_bytes(b"%PDF-1.4 second")
    documents.attach_file(db, document_id, source, note="tailored")
    source.unlink()  # the copies do not depend on the original
    first, second = documents.document_detail(db, document_id).versions
    assert (first.format, first.file_name, first.number) == (VersionFormat.FILE, "My Resume.PDF", 1)
    assert first.file_path.endswith(".pdf")
    assert first.sha256 in first.file_path
    assert first.sha256 != second.sha256
    assert documents.attachment_path(db, first).read_bytes() == b"%PDF-1.4 first"
    assert documents.attachment_path(db, second).read_bytes() == b"%PDF-1.4 second"
    folder = attachments_dir(db.path)
    assert sorted(p.name for p in folder.iterdir()) == sorted([first.file_path, second.file_path])
    assert version_id == first.id


def test_attach_missing_file_says_so(db: Database, tmp_path: Path) -> None:
    document_id, _ = documents.create_document(db, "resume", "Resume", [])
    with pytest.raises(AttachmentError, match="does not exist"):
        documents.attach_file(db, document_id, tmp_path / "gone.pdf")
    with pytest.raises(AttachmentError, match="folder"):
        documents.attach_file(db, document_id, tmp_path)
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    with pytest.raises(AttachmentError, match="not a regular file"):
        documents.attach_file(db, document_id, fifo)
    assert documents.document_detail(db, document_id).versions == ()


def test_attach_huge_file_is_refused_before_copying(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document_id, _ = documents.create_document(db, "resume", "Resume", [])
    big = tmp_path / "big.pdf"
    with big.open("wb") as handle:
        handle.truncate(documents.MAX_ATTACHMENT_BYTES + 1)  # sparse: no disk used
    with pytest.raises(AttachmentError, match="limited to 50 MB"):
        documents.attach_file(db, document_id, big)
    assert not attachments_dir(db.path).exists()


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else False, reason="root reads all")
def test_attach_unreadable_file_says_it_may_be_locked(db: Database, tmp_path: Path) -> None:
    document_id, _ = documents.create_document(db, "resume", "Resume", [])
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(b"data")
    locked.chmod(0)
    with pytest.raises(AttachmentError, match="locked"):
        documents.attach_file(db, document_id, locked)
    assert [p.name for p in attachments_dir(db.path).iterdir()] == []


def test_attached_copy_gone_missing_is_reported(db: Database, tmp_path: Path) -> None:
    document_id, _ = documents.create_document(db, "resume", "Resume", [])
    source = tmp_path / "cv.docx"
    source.write_bytes(b"PK docx")
    documents.attach_file(db, document_id, source)
    [version] = documents.document_detail(db, document_id).versions
    documents.attachment_path(db, version).unlink()
    with pytest.raises(AttachmentError, match="missing"):
        documents.attachment_path(db, version)


def test_check_reports_attached_copies_gone_missing(db: Database, tmp_path: Path) -> None:
    from desktop_app.services.integrity import check_database

    document_id, _ = documents.create_document(db, "resume", "Resume", [])
    source = tmp_path / "cv.pdf"
    source.write_bytes(b"%PDF cv")
    documents.attach_file(db, document_id, source)
    assert check_database(db).sound
    [version] = documents.document_detail(db, document_id).versions
    documents.attachment_path(db, version).unlink()
    [problem] = check_database(db).problems
    assert "cv.pdf" in problem
    assert "missing" in problem


def test_check_reports_a_version_without_text_or_file(db: Database) -> None:
    from desktop_app.services.integrity import check_database

    document_id, _ = documents.create_document(db, "pitch", "Pitch", [])
    documents.add_text_version(db, document_id, "Hi.")
    db.fast_connection().execute("UPDATE document_versions SET body = NULL")
    assert check_database(db).problems == [
        "1 document versions with neither text nor a file (or both)"
    ]


def test_copies_of_a_deleted_document_go_once_no_backup_refers_to_them(
    db: Database, tmp_path: Path
) -> None:
    from desktop_app.storage import backup

    kept_id, _ = documents.create_document(db, "resume", "Kept", [])
    gone_id, _ = documents.create_document(db, "resume", "Gone", [])
    for document_id, content in ((kept_id, b"%PDF kept"), (gone_id, b"%PDF gone")):
        source = tmp_path / f"{document_id}.pdf"
        source.write_bytes(content)
        documents.attach_file(db, document_id, source)
    kept = documents.document_detail(db, kept_id).versions[0].file_path
    gone = documents.document_detail(db, gone_id).versions[0].file_path
    folder = attachments_dir(db.path)
    (folder / ".incoming-half").write_bytes(b"a copy being made")
    assert prune_attachments(db) == []  # everything is referred to

    documents.delete_document(db, gone_id)
    taken = backup.make_backup(db.path, "daily")  # a backup from after the delete…
    older = backup.make_backup(db.path, "daily")
    assert prune_attachments(db) == [gone]  # …and none before it: the copy goes
    assert sorted(p.name for p in folder.iterdir()) == sorted([kept, ".incoming-half"])
    assert taken.exists() and older.exists()


def test_a_backup_that_still_refers_to_a_copy_keeps_it(db: Database, tmp_path: Path) -> None:
    from desktop_app.storage import backup

    document_id, _ = documents.create_document(db, "resume", "Resume", [])
    source = tmp_path / "r.pdf"
    source.write_bytes(b"%PDF")
    documents.attach_file(db, document_id, source)
    stored = documents.document_detail(db, document_id).versions[0].file_path
    backup.make_backup(db.path, "daily")  # from before the delete: it names the copy
    documents.delete_document(db, document_id)
    assert prune_attachments(db) == []
    assert (attachments_dir(db.path) / stored).is_file()
