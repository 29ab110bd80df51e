"""Use cases of documents under review: create, version (text or attached file), checklist.

Each write is one transaction and returns a `ChangeSet`; the functions that destroy
something also return what undo needs to put it back.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from desktop_app.domain.documents import (
    ChecklistEntry,
    CriterionComment,
    DocumentDetail,
    DocumentSummary,
    VersionInfo,
)
from desktop_app.domain.errors import RuleError
from desktop_app.domain.values import ChangeSet
from desktop_app.paths import DOCUMENT_SUFFIXES, attachment_file, attachments_dir
from desktop_app.services import document_resources
from desktop_app.storage import documents_repository as repo
from desktop_app.storage import feedback_repository
from desktop_app.storage.database import Database
from desktop_app.storage.documents_repository import Snapshot

DOCUMENTS_CHANGED = ChangeSet(documents_changed=True)
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
_CHUNK = 1024 * 1024


class AttachmentError(RuleError):
    """A file could not be attached; `str(error)` is a message for the user."""


def template_override(db: Database, kind: str) -> tuple[str, ...] | None:
    """The user's own template for a kind, None when the shipped one is in use."""
    with db.transaction() as session:
        return repo.template_override(session, kind)


def checklist_template(db: Database, kind: str) -> tuple[str, ...]:
    """The user's template for a kind if they edited it, else the shipped one."""
    with db.transaction() as session:
        override = repo.template_override(session, kind)
    return override if override is not None else document_resources.default_checklist(kind)


def set_checklist_template(db: Database, kind: str, criteria: Sequence[str] | None) -> ChangeSet:
    """Save the user's template for new documents of `kind`; None restores the shipped one."""
    cleaned = None if criteria is None else [c.strip() for c in criteria if c.strip()]
    with db.transaction() as session:
        repo.set_template_override(session, kind, cleaned)
    return DOCUMENTS_CHANGED


def create_document(
    db: Database, kind: str, title: str, criteria: Sequence[str] | None = None
) -> tuple[int, ChangeSet]:
    """A new document of `kind`, its checklist copied from the kind's template."""
    document_resources.kind_spec(kind)
    if criteria is None:
        criteria = checklist_template(db, kind)
    with db.transaction() as session:
        document_id = repo.create_document(session, kind, title.strip() or "Untitled", criteria)
    return document_id, DOCUMENTS_CHANGED


def rename_document(db: Database, document_id: int, title: str) -> tuple[str, ChangeSet]:
    with db.transaction() as session:
        previous = repo.rename_document(session, document_id, title)
    return previous, DOCUMENTS_CHANGED


def delete_document(db: Database, document_id: int) -> tuple[Snapshot, ChangeSet]:
    """Delete a document with its versions, checklist and feedback; the snapshot undoes it.

    Attached files stay in the attachments folder: they are named by content, may be
    shared by versions, and undo needs them.
    """
    with db.transaction() as session:
        snapshot = repo.snapshot_document(session, document_id)
        repo.delete_document(session, document_id)
    return snapshot, DOCUMENTS_CHANGED


def restore(db: Database, snapshot: Snapshot) -> ChangeSet:
    with db.transaction() as session:
        repo.restore(session, snapshot)
    return DOCUMENTS_CHANGED


def list_documents(db: Database) -> list[DocumentSummary]:
    with db.transaction() as session:
        return repo.list_documents(session)


def document_detail(db: Database, document_id: int) -> DocumentDetail:
    """A document with its versions, and per criterion who reviewed it and what they said."""
    with db.transaction() as session:
        kind, title = repo.document_header(session, document_id)
        versions = repo.versions_of(session, document_id)
        items = repo.checklist_of(session, document_id)
        rounds = feedback_repository.rounds_of(session, document_id)
    comments: dict[int, list[CriterionComment]] = {}
    for info in rounds:
        for verdict in info.criteria:
            comments.setdefault(verdict.item_id, []).append(
                CriterionComment(
                    info.id,
                    info.reviewer_name,
                    info.reviewer_removed,
                    verdict.verdict,
                    verdict.comment,
                )
            )
    checklist = tuple(
        ChecklistEntry(i.id, i.position, i.criterion, i.met, tuple(comments.get(i.id, ())))
        for i in items
    )
    return DocumentDetail(document_id, kind, title, tuple(versions), checklist, tuple(rounds))


def add_text_version(
    db: Database, document_id: int, body: str, note: str = ""
) -> tuple[int, ChangeSet]:
    with db.transaction() as session:
        version_id = repo.add_version(session, document_id, body=body, note=note)
    return version_id, DOCUMENTS_CHANGED


def delete_version(db: Database, version_id: int) -> tuple[Snapshot, ChangeSet]:
    """Undo of adding a version (its attached file, if any, stays on disk for redo)."""
    with db.transaction() as session:
        snapshot = repo.snapshot_version(session, version_id)
        repo.delete_version(session, version_id)
    return snapshot, DOCUMENTS_CHANGED


def version_text(db: Database, version_id: int) -> str:
    with db.transaction() as session:
        return repo.version_body(session, version_id)


def attach_file(
    db: Database, document_id: int, source: Path, note: str = ""
) -> tuple[int, ChangeSet]:
    """Copy `source` into the attachments folder and record it as the next version.

    Raises `AttachmentError` with a user message for a missing, unreadable (locked) or
    too large file.
    """
    folder = attachments_dir(db.path)
    relative, digest = copy_into_attachments(source, folder)
    try:
        with db.transaction() as session:
            version_id = repo.add_version(
                session,
                document_id,
                file_path=relative,
                file_name=source.name,
                sha256=digest,
                note=note,
            )
    except BaseException:
        _remove_if_unreferenced(db, folder / relative, digest)
        raise
    return version_id, DOCUMENTS_CHANGED


def attachment_path(db: Database, version: VersionInfo) -> Path:
    """Where an attached version's file is; `AttachmentError` if it has gone missing or
    its stored name leads outside the attachments folder."""
    if not version.file_path:
        raise AttachmentError(f"Version {version.number} is text, not an attached file.")
    folder = attachments_dir(db.path)
    path = attachment_file(folder, version.file_path)
    if path is None:
        raise AttachmentError(
            f"The stored location of “{version.file_name}” (version {version.number}) leads "
            f"outside {folder}, so Trellis will not use it: the database was damaged or "
            "edited by hand. Attach the file again."
        )
    if not path.is_file():
        raise AttachmentError(
            f"The copy of “{version.file_name}” (version {version.number}) is missing from "
            f"{path.parent}. Attach the file again to restore it."
        )
    return path


def path_to_open(db: Database, version: VersionInfo) -> Path:
    """`attachment_path`, for handing to the system's "open": only documents (PDF, Word,
    OpenDocument, RTF, text, Markdown, Pages), never a program or launcher."""
    path = attachment_path(db, version)
    if path.suffix.lower() not in DOCUMENT_SUFFIXES:
        raise AttachmentError(
            f"Trellis opens only documents (PDF, Word, OpenDocument, RTF, text, Markdown, "
            f"Pages); “{version.file_name}” is kept but not opened from here. "
            f"The copy is at {path}."
        )
    return path


def stored_name(digest: str, source: Path) -> str:
    """The copy's name: its SHA-256, with the source's suffix only when it is a document's."""
    suffix = source.suffix.lower()
    return digest + (suffix if suffix in DOCUMENT_SUFFIXES else "")


def copy_into_attachments(source: Path, folder: Path) -> tuple[str, str]:
    """Copy a file into `folder` under a name made of its SHA-256; (relative name, digest).

    A link (symbolic link, shortcut) is refused, not followed: a "resume" that points at a
    system file must not copy that file in.
    """
    try:
        info = source.lstat()
    except FileNotFoundError:
        raise AttachmentError(f"“{source}” does not exist (moved or deleted?).") from None
    except OSError as error:
        raise AttachmentError(f"“{source}” cannot be read: {error.strerror or error}.") from None
    if stat.S_ISLNK(info.st_mode):
        raise AttachmentError(_LINK_REFUSED.format(source=source))
    size = info.st_size
    if source.is_dir():
        raise AttachmentError(f"“{source}” is a folder, not a file.")
    if not source.is_file():  # a pipe or device would block or never end
        raise AttachmentError(f"“{source}” is not a regular file (a pipe, socket or device).")
    if size == 0:
        raise AttachmentError(f"“{source.name}” is empty.")
    if size > MAX_ATTACHMENT_BYTES:
        raise AttachmentError(
            f"“{source.name}” is {size / 1024 / 1024:.0f} MB; attachments are limited to "
            f"{MAX_ATTACHMENT_BYTES // 1024 // 1024} MB. Export a smaller PDF and attach that."
        )
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # private, like the database
    except OSError as error:
        raise AttachmentError(
            f"The attachments folder {folder} cannot be created: {error.strerror or error}."
        ) from None
    digest = hashlib.sha256()
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".incoming-")
    try:
        with os.fdopen(handle, "wb") as out, _open_no_follow(source) as data:
            copied = 0
            while chunk := data.read(_CHUNK):
                copied += len(chunk)
                if copied > MAX_ATTACHMENT_BYTES:
                    raise AttachmentError(
                        f"“{source.name}” grew past the size limit while copying."
                    )
                digest.update(chunk)
                out.write(chunk)
        relative = stored_name(digest.hexdigest(), source)
        os.replace(temporary, folder / relative)
    except _LinkError:
        raise AttachmentError(_LINK_REFUSED.format(source=source)) from None
    except PermissionError:
        raise AttachmentError(
            f"“{source.name}” cannot be read: permission denied, or another program has it "
            "locked. Close it there and try again."
        ) from None
    except OSError as error:
        raise AttachmentError(
            f"“{source.name}” could not be copied: {error.strerror or error}."
        ) from None
    finally:
        Path(temporary).unlink(missing_ok=True)
    return relative, digest.hexdigest()


_LINK_REFUSED = (
    "“{source}” is a link to another file; Trellis attaches only the file itself. "
    "Attach the file the link points to."
)


class _LinkError(OSError):
    """The source turned into a link between the check and the open."""


def _open_no_follow(source: Path) -> BinaryIO:
    """Open `source` for reading without following a link in its last step."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(source, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _LinkError(error.errno, error.strerror) from None
        raise
    return os.fdopen(fd, "rb")


def _remove_if_unreferenced(db: Database, path: Path, digest: str) -> None:
    with db.transaction() as session:
        if not repo.sha256_in_use(session, digest):
            path.unlink(missing_ok=True)


def add_criterion(
    db: Database, document_id: int, criterion: str, position: int | None = None
) -> tuple[int, ChangeSet]:
    with db.transaction() as session:
        item_id = repo.add_item(session, document_id, criterion.strip(), position)
    return item_id, DOCUMENTS_CHANGED


def remove_criterion(db: Database, item_id: int) -> tuple[Snapshot, ChangeSet]:
    """Remove a criterion with reviewers' verdicts on it; the snapshot undoes it."""
    with db.transaction() as session:
        snapshot = repo.snapshot_item(session, item_id)
        repo.remove_item(session, item_id)
    return snapshot, DOCUMENTS_CHANGED


def rename_criterion(db: Database, item_id: int, criterion: str) -> tuple[str, ChangeSet]:
    with db.transaction() as session:
        previous = repo.rename_item(session, item_id, criterion.strip())
    return previous, DOCUMENTS_CHANGED


def set_criterion_met(db: Database, item_id: int, met: bool) -> tuple[bool, ChangeSet]:
    with db.transaction() as session:
        previous = repo.set_item_met(session, item_id, met)
    return previous, DOCUMENTS_CHANGED


def reorder_criteria(
    db: Database, document_id: int, item_ids: Sequence[int]
) -> tuple[list[int], ChangeSet]:
    with db.transaction() as session:
        previous = repo.reorder_items(session, document_id, item_ids)
    return previous, DOCUMENTS_CHANGED
