"""Undoable edits of the pitch & resume checklist.

Each command wraps service calls (one transaction each) and announces their ChangeSet.
Redo after undo restores the very rows that undo removed, ids included, so later commands
on the stack that refer to them (a version asked about, a criterion reviewed) still work.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from desktop_app.domain.documents import (
    CriterionVerdict,
    FeedbackRoundInfo,
    MockInterviewInfo,
    ThankYouDue,
)
from desktop_app.domain.values import ChangeSet
from desktop_app.services import documents, feedback
from desktop_app.storage.documents_repository import Snapshot
from desktop_app.ui.common.service_command import ServiceCommand
from desktop_app.ui.window.workspace import Workspace


class _RestorableCommand(ServiceCommand):
    """Creates something the first time; undo snapshots and removes it; redo restores it."""

    def __init__(self, workspace: Workspace, text: str) -> None:
        super().__init__(workspace, text)
        self.snapshot: Snapshot | None = None

    def apply(self) -> ChangeSet:
        if self.snapshot is not None:
            return documents.restore(self.workspace.db, self.snapshot)
        return self.create()

    # Each subclass makes the thing the first time; later redos restore the snapshot.
    create: Callable[[], ChangeSet]


class CreateDocumentCommand(_RestorableCommand):
    def __init__(self, workspace: Workspace, kind: str, title: str) -> None:
        super().__init__(workspace, f"New document “{title}”")
        self.kind, self.title = kind, title
        self.document_id: int | None = None

    def create(self) -> ChangeSet:
        self.document_id, change = documents.create_document(
            self.workspace.db, self.kind, self.title
        )
        return change

    def revert(self) -> ChangeSet:
        assert self.document_id is not None
        self.snapshot, change = documents.delete_document(self.workspace.db, self.document_id)
        return change


class DeleteDocumentCommand(ServiceCommand):
    def __init__(self, workspace: Workspace, document_id: int, title: str) -> None:
        super().__init__(workspace, f"Delete “{title}”")
        self.document_id = document_id
        self.snapshot: Snapshot | None = None

    def apply(self) -> ChangeSet:
        self.snapshot, change = documents.delete_document(self.workspace.db, self.document_id)
        return change

    def revert(self) -> ChangeSet:
        assert self.snapshot is not None
        return documents.restore(self.workspace.db, self.snapshot)


class RenameDocumentCommand(ServiceCommand):
    def __init__(self, workspace: Workspace, document_id: int, title: str) -> None:
        super().__init__(workspace, f"Rename to “{title}”")
        self.document_id, self.title = document_id, title
        self.previous = ""

    def apply(self) -> ChangeSet:
        self.previous, change = documents.rename_document(
            self.workspace.db, self.document_id, self.title
        )
        return change

    def revert(self) -> ChangeSet:
        return documents.rename_document(self.workspace.db, self.document_id, self.previous)[1]


class AddTextVersionCommand(_RestorableCommand):
    def __init__(self, workspace: Workspace, document_id: int, body: str, note: str = "") -> None:
        super().__init__(workspace, "Save new version")
        self.document_id, self.body, self.note = document_id, body, note
        self.version_id: int | None = None

    def create(self) -> ChangeSet:
        self.version_id, change = documents.add_text_version(
            self.workspace.db, self.document_id, self.body, self.note
        )
        return change

    def revert(self) -> ChangeSet:
        assert self.version_id is not None
        self.snapshot, change = documents.delete_version(self.workspace.db, self.version_id)
        return change


class AttachFileCommand(AddTextVersionCommand):
    """Copy a file in as the next version; `AttachmentError` reaches the user on failure."""

    def __init__(self, workspace: Workspace, document_id: int, path: Path, note: str = "") -> None:
        super().__init__(workspace, document_id, "", note)
        self.setText(f"Attach “{path.name}”")
        self.path = path

    def create(self) -> ChangeSet:
        self.version_id, change = documents.attach_file(
            self.workspace.db, self.document_id, self.path, self.note
        )
        return change


class AddCriterionCommand(_RestorableCommand):
    def __init__(
        self, workspace: Workspace, document_id: int, criterion: str, position: int | None = None
    ) -> None:
        super().__init__(workspace, f"Add criterion “{criterion}”")
        self.document_id, self.criterion, self.position = document_id, criterion, position
        self.item_id: int | None = None

    def create(self) -> ChangeSet:
        self.item_id, change = documents.add_criterion(
            self.workspace.db, self.document_id, self.criterion, self.position
        )
        return change

    def revert(self) -> ChangeSet:
        assert self.item_id is not None
        self.snapshot, change = documents.remove_criterion(self.workspace.db, self.item_id)
        return change


class RemoveCriterionCommand(ServiceCommand):
    def __init__(self, workspace: Workspace, item_id: int, criterion: str) -> None:
        super().__init__(workspace, f"Remove criterion “{criterion}”")
        self.item_id = item_id
        self.snapshot: Snapshot | None = None

    def apply(self) -> ChangeSet:
        self.snapshot, change = documents.remove_criterion(self.workspace.db, self.item_id)
        return change

    def revert(self) -> ChangeSet:
        assert self.snapshot is not None
        return documents.restore(self.workspace.db, self.snapshot)


class RenameCriterionCommand(ServiceCommand):
    def __init__(self, workspace: Workspace, item_id: int, criterion: str) -> None:
        super().__init__(workspace, f"Reword criterion to “{criterion}”")
        self.item_id, self.criterion = item_id, criterion
        self.previous = ""

    def apply(self) -> ChangeSet:
        self.previous, change = documents.rename_criterion(
            self.workspace.db, self.item_id, self.criterion
        )
        return change

    def revert(self) -> ChangeSet:
        return documents.rename_criterion(self.workspace.db, self.item_id, self.previous)[1]


class SetCriterionMetCommand(ServiceCommand):
    def __init__(self, workspace: Workspace, item_id: int, met: bool) -> None:
        super().__init__(workspace, "Tick criterion" if met else "Untick criterion")
        self.item_id, self.met = item_id, met
        self.previous = not met

    def apply(self) -> ChangeSet:
        self.previous, change = documents.set_criterion_met(
            self.workspace.db, self.item_id, self.met
        )
        return change

    def revert(self) -> ChangeSet:
        return documents.set_criterion_met(self.workspace.db, self.item_id, self.previous)[1]


class ReorderCriteriaCommand(ServiceCommand):
    def __init__(self, workspace: Workspace, document_id: int, item_ids: Sequence[int]) -> None:
        super().__init__(workspace, "Reorder criteria")
        self.document_id, self.item_ids = document_id, list(item_ids)
        self.previous: list[int] = []

    def apply(self) -> ChangeSet:
        self.previous, change = documents.reorder_criteria(
            self.workspace.db, self.document_id, self.item_ids
        )
        return change

    def revert(self) -> ChangeSet:
        return documents.reorder_criteria(self.workspace.db, self.document_id, self.previous)[1]


class SetTemplateCommand(ServiceCommand):
    """Edit the checklist template of a kind (None: back to the shipped template)."""

    def __init__(self, workspace: Workspace, kind: str, criteria: Sequence[str] | None) -> None:
        super().__init__(workspace, "Edit checklist template")
        self.kind, self.criteria = kind, None if criteria is None else list(criteria)
        self.previous = documents.template_override(workspace.db, kind)

    def apply(self) -> ChangeSet:
        return documents.set_checklist_template(self.workspace.db, self.kind, self.criteria)

    def revert(self) -> ChangeSet:
        return documents.set_checklist_template(self.workspace.db, self.kind, self.previous)


class AskFeedbackCommand(ServiceCommand):
    def __init__(
        self,
        workspace: Workspace,
        document_id: int,
        version_id: int | None,
        reviewer_id: int,
        reviewer_name: str,
        asked_on: date,
    ) -> None:
        super().__init__(workspace, f"Ask {reviewer_name} for feedback")
        self.args = (document_id, version_id, reviewer_id, asked_on)
        self.round_id: int | None = None
        self.withdrawn: FeedbackRoundInfo | None = None

    def apply(self) -> ChangeSet:
        self.round_id, change = feedback.ask_for_feedback(
            self.workspace.db, *self.args, same_as=self.withdrawn
        )
        return change

    def revert(self) -> ChangeSet:
        assert self.round_id is not None
        self.withdrawn, change = feedback.withdraw_request(self.workspace.db, self.round_id)
        return change


class RecordFeedbackCommand(ServiceCommand):
    def __init__(
        self,
        workspace: Workspace,
        round_id: int,
        received_on: date | None,
        verdict: str,
        comment: str,
        criteria: Sequence[CriterionVerdict],
    ) -> None:
        super().__init__(workspace, "Record feedback")
        self.round_id = round_id
        self.values = (received_on, verdict, comment, list(criteria))
        self.previous: FeedbackRoundInfo | None = None

    def apply(self) -> ChangeSet:
        self.previous, change = feedback.record_feedback(
            self.workspace.db, self.round_id, *self.values
        )
        return change

    def revert(self) -> ChangeSet:
        assert self.previous is not None
        return feedback.restore_feedback(self.workspace.db, self.previous)


class LogThanksCommand(ServiceCommand):
    def __init__(self, workspace: Workspace, due: ThankYouDue, on: date) -> None:
        super().__init__(workspace, f"Thank {due.reviewer_name}")
        self.due, self.on = due, on
        self.interaction_id: int | None = None

    def apply(self) -> ChangeSet:
        self.interaction_id, change = feedback.log_thanks(self.workspace.db, self.due, self.on)
        return change

    def revert(self) -> ChangeSet:
        assert self.interaction_id is not None
        return feedback.remove_interaction(self.workspace.db, self.interaction_id)


class AddMockInterviewCommand(ServiceCommand):
    """Add a mock interview (and the interaction it logs with a contact interviewer)."""

    def __init__(self, workspace: Workspace, interview: MockInterviewInfo) -> None:
        super().__init__(workspace, "Add mock interview")
        self.interview = interview
        self.interview_id: int | None = None
        self.removed: feedback.MockInterviewState | None = None

    def apply(self) -> ChangeSet:
        if self.removed is not None:
            return feedback.restore_mock_interview(self.workspace.db, self.removed)
        i = self.interview
        self.interview_id, change = feedback.add_mock_interview(
            self.workspace.db, i.interviewer_id, i.held_on, i.note, i.answers, i.interviewer_name
        )
        return change

    def revert(self) -> ChangeSet:
        assert self.interview_id is not None
        self.removed, change = feedback.delete_mock_interview(self.workspace.db, self.interview_id)
        return change


class EditMockInterviewCommand(ServiceCommand):
    """Edit a mock interview; undo and redo swap in the exact rows of the other state."""

    def __init__(self, workspace: Workspace, edited: MockInterviewInfo) -> None:
        super().__init__(workspace, "Edit mock interview")
        self.edited = edited
        self.other: feedback.MockInterviewState | None = None

    def apply(self) -> ChangeSet:
        if self.other is not None:  # redo: the edited rows undo took away
            self.other, change = feedback.swap_mock_interview(self.workspace.db, self.other)
            return change
        self.other, change = feedback.replace_mock_interview(self.workspace.db, self.edited)
        return change

    def revert(self) -> ChangeSet:
        assert self.other is not None
        self.other, change = feedback.swap_mock_interview(self.workspace.db, self.other)
        return change


class DeleteMockInterviewCommand(ServiceCommand):
    """Delete a mock interview and its interaction; undo brings both back, ids included."""

    def __init__(self, workspace: Workspace, interview_id: int) -> None:
        super().__init__(workspace, "Delete mock interview")
        self.interview_id = interview_id
        self.removed: feedback.MockInterviewState | None = None

    def apply(self) -> ChangeSet:
        self.removed, change = feedback.delete_mock_interview(self.workspace.db, self.interview_id)
        return change

    def revert(self) -> ChangeSet:
        assert self.removed is not None
        return feedback.restore_mock_interview(self.workspace.db, self.removed)
