"""SQL of the pitch & resume checklist: documents, their versions and checklists.

Every function takes an open ORM session (one transaction, owned by the caller) and
returns domain values or ids, never ORM rows. Feedback rounds and mock interviews are in
`feedback_repository`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import case, delete, func, select
from sqlalchemy.orm import Session

from desktop_app.domain.documents import (
    ChecklistEntry,
    DocumentSummary,
    VersionFormat,
    VersionInfo,
)
from desktop_app.domain.enums import Verdict
from desktop_app.domain.errors import MissingError, RuleError
from desktop_app.storage.tables import (
    Base,
    ChecklistItem,
    CriterionFeedback,
    Document,
    DocumentVersion,
    FeedbackRound,
    Setting,
)

TEMPLATE_SETTING_PREFIX = "checklist_template."

# A deleted document, checklist item… as plain rows per table, so undo can put it back
# with the same ids (later commands on the undo stack refer to them).
Snapshot = dict[str, list[dict[str, Any]]]


class NotFoundError(MissingError):
    """The document, version or item is gone (deleted meanwhile)."""


def create_document(session: Session, kind: str, title: str, criteria: Sequence[str]) -> int:
    document = Document(kind=kind, title=title, created_at=datetime.now())
    document.checklist = [
        ChecklistItem(position=i, criterion=c, met=False) for i, c in enumerate(criteria)
    ]
    session.add(document)
    session.flush()
    return document.id


def rename_document(session: Session, document_id: int, title: str) -> str:
    """Set the title; returns the previous one."""
    document = _document(session, document_id)
    previous, document.title = document.title, title
    return previous


def list_documents(session: Session) -> list[DocumentSummary]:
    versions = (
        select(DocumentVersion.document_id, func.count().label("n"))
        .group_by(DocumentVersion.document_id)
        .subquery()
    )
    items = (
        select(
            ChecklistItem.document_id,
            func.count().label("n"),
            func.sum(case((ChecklistItem.met, 1), else_=0)).label("met"),
        )
        .group_by(ChecklistItem.document_id)
        .subquery()
    )
    rounds = (
        select(FeedbackRound.document_id, func.count().label("n"))
        .group_by(FeedbackRound.document_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Document.id,
            Document.kind,
            Document.title,
            func.coalesce(versions.c.n, 0),
            func.coalesce(items.c.n, 0),
            func.coalesce(items.c.met, 0),
            func.coalesce(rounds.c.n, 0),
        )
        .outerjoin(versions, versions.c.document_id == Document.id)
        .outerjoin(items, items.c.document_id == Document.id)
        .outerjoin(rounds, rounds.c.document_id == Document.id)
        .order_by(Document.kind, func.lower(Document.title), Document.id)
    )
    return [DocumentSummary(*row) for row in rows]


def document_header(session: Session, document_id: int) -> tuple[str, str]:
    """(kind, title) of a document."""
    document = _document(session, document_id)
    return document.kind, document.title


def checklist_of(session: Session, document_id: int) -> list[ChecklistEntry]:
    """The criteria in order, without reviewers' comments (see `services.documents`)."""
    items = session.scalars(
        select(ChecklistItem)
        .where(ChecklistItem.document_id == document_id)
        .order_by(ChecklistItem.position, ChecklistItem.id)
    )
    return [ChecklistEntry(i.id, i.position, i.criterion, i.met) for i in items]


def versions_of(session: Session, document_id: int) -> list[VersionInfo]:
    rows = session.execute(
        select(
            DocumentVersion.id,
            DocumentVersion.number,
            DocumentVersion.created_at,
            DocumentVersion.body.is_(None),
            DocumentVersion.note,
            DocumentVersion.file_name,
            DocumentVersion.file_path,
            DocumentVersion.sha256,
            func.coalesce(func.length(DocumentVersion.body), 0),
        )
        .where(DocumentVersion.document_id == document_id)
        .order_by(DocumentVersion.number)
    )
    return [
        VersionInfo(
            id=row[0],
            number=row[1],
            created_at=row[2],
            format=VersionFormat.FILE if row[3] else VersionFormat.TEXT,
            note=row[4] or "",
            file_name=row[5] or "",
            file_path=row[6] or "",
            sha256=row[7] or "",
            size_chars=row[8],
        )
        for row in rows
    ]


def add_version(
    session: Session,
    document_id: int,
    *,
    body: str | None = None,
    file_path: str | None = None,
    file_name: str | None = None,
    sha256: str | None = None,
    note: str = "",
) -> int:
    """A new version numbered after the last one; a text body or an attached file."""
    if (body is None) == (file_path is None):
        raise ValueError("a version has either a body or a file")
    _document(session, document_id)
    last = session.scalar(
        select(func.max(DocumentVersion.number)).where(DocumentVersion.document_id == document_id)
    )
    version = DocumentVersion(
        document_id=document_id,
        number=(last or 0) + 1,
        created_at=datetime.now(),
        body=body,
        file_path=file_path,
        file_name=file_name,
        sha256=sha256,
        note=note,
    )
    session.add(version)
    session.flush()
    return version.id


def version_body(session: Session, version_id: int) -> str:
    """The text of a text version; '' for a file version."""
    version = session.get(DocumentVersion, version_id)
    if version is None:
        raise NotFoundError(f"version {version_id} no longer exists")
    return version.body or ""


def sha256_in_use(session: Session, digest: str) -> bool:
    """Whether any version still refers to the attached file with this digest."""
    found = session.scalar(select(DocumentVersion.id).where(DocumentVersion.sha256 == digest))
    return found is not None


def snapshot_version(session: Session, version_id: int) -> Snapshot:
    version = session.get(DocumentVersion, version_id)
    if version is None:
        raise NotFoundError(f"version {version_id} no longer exists")
    return {"document_versions": [_row(version)]}


def delete_version(session: Session, version_id: int) -> None:
    session.execute(delete(DocumentVersion).where(DocumentVersion.id == version_id))


def add_item(
    session: Session, document_id: int, criterion: str, position: int | None = None
) -> int:
    """A criterion at `position` (default: last); later items move down by one."""
    document = _document(session, document_id)
    items = list(document.checklist)
    position = len(items) if position is None else max(0, min(position, len(items)))
    item = ChecklistItem(document_id=document_id, criterion=criterion, met=False)
    items.insert(position, item)
    session.add(item)
    _renumber(items)
    session.flush()
    return item.id


def remove_item(session: Session, item_id: int) -> None:
    item = _item(session, item_id)
    document = _document(session, item.document_id)
    items = [i for i in document.checklist if i.id != item_id]
    session.delete(item)
    session.flush()
    _renumber(items)


def rename_item(session: Session, item_id: int, criterion: str) -> str:
    item = _item(session, item_id)
    previous, item.criterion = item.criterion, criterion
    return previous


def set_item_met(session: Session, item_id: int, met: bool) -> bool:
    item = _item(session, item_id)
    previous, item.met = item.met, met
    return previous


def reorder_items(session: Session, document_id: int, item_ids: Sequence[int]) -> list[int]:
    """Put the checklist in the order of `item_ids`; returns the previous order."""
    document = _document(session, document_id)
    by_id = {item.id: item for item in document.checklist}
    if sorted(by_id) != sorted(item_ids):
        raise RuleError("reorder needs exactly the document's items")
    previous = [item.id for item in document.checklist]
    # Two steps keep positions unique at every flush, should a unique index ever appear.
    for offset, item_id in enumerate(item_ids):
        by_id[item_id].position = len(item_ids) + offset
    session.flush()
    _renumber([by_id[i] for i in item_ids])
    session.flush()
    session.expire(document, ["checklist"])
    return previous


def template_override(session: Session, kind: str) -> tuple[str, ...] | None:
    """The user's own checklist template for a kind, or None to use the shipped one."""
    setting = session.get(Setting, TEMPLATE_SETTING_PREFIX + kind)
    if setting is None:
        return None
    return tuple(str(c) for c in json.loads(setting.value))


def set_template_override(session: Session, kind: str, criteria: Sequence[str] | None) -> None:
    key = TEMPLATE_SETTING_PREFIX + kind
    setting = session.get(Setting, key)
    if criteria is None:
        if setting is not None:
            session.delete(setting)
        return
    value = json.dumps(list(criteria), ensure_ascii=False)
    if setting is None:
        session.add(Setting(key=key, value=value))
    else:
        setting.value = value


def snapshot_document(session: Session, document_id: int) -> Snapshot:
    document = _document(session, document_id)
    rounds = list(document.rounds)
    return {
        "documents": [_row(document)],
        "document_versions": [_row(v) for v in document.versions],
        "checklist_items": [_row(i) for i in document.checklist],
        "feedback_rounds": [_row(r) for r in rounds],
        "criterion_feedback": [_row(c) for r in rounds for c in r.criteria],
    }


def delete_document(session: Session, document_id: int) -> None:
    session.delete(_document(session, document_id))


def snapshot_item(session: Session, item_id: int) -> Snapshot:
    item = _item(session, item_id)
    feedback = session.scalars(
        select(CriterionFeedback).where(CriterionFeedback.item_id == item_id)
    )
    return {"checklist_items": [_row(item)], "criterion_feedback": [_row(c) for c in feedback]}


def restore(session: Session, snapshot: Snapshot) -> None:
    """Insert the rows of a snapshot back, parents first, with their original ids."""
    tables = {mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers}
    for name in (
        "documents",
        "document_versions",
        "checklist_items",
        "feedback_rounds",
        "criterion_feedback",
    ):
        for row in snapshot.get(name, ()):
            session.add(tables[name](**row))
        session.flush()
    for row in snapshot.get("checklist_items", ()):
        document = session.get(Document, row["document_id"])
        if document is not None:
            session.refresh(document, ["checklist"])
            items = sorted(document.checklist, key=lambda i: (i.position, i.id != row["id"]))
            _renumber(items)


def _row(obj: Any) -> dict[str, Any]:
    return {attr.key: getattr(obj, attr.key) for attr in obj.__mapper__.column_attrs}


def _renumber(items: Sequence[ChecklistItem]) -> None:
    for position, item in enumerate(items):
        item.position = position


def _document(session: Session, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise NotFoundError(f"document {document_id} no longer exists")
    return document


def _item(session: Session, item_id: int) -> ChecklistItem:
    item = session.get(ChecklistItem, item_id)
    if item is None:
        raise NotFoundError(f"checklist item {item_id} no longer exists")
    return item


def verdict_of(value: str) -> Verdict:
    try:
        return Verdict(value)
    except ValueError:
        return Verdict.NOT_REVIEWED
