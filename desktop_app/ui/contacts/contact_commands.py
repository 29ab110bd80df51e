"""Undoable edits of contacts: each wraps a service call and announces its ChangeSet."""

from __future__ import annotations

from desktop_app.domain.values import (
    ChangeSet,
    ContactPoints,
    EmploymentRecord,
    NewPerson,
    PersonFields,
)
from desktop_app.ui.common.service_command import ServiceCommand
from desktop_app.ui.window.workspace import Workspace


class CreatePersonCommand(ServiceCommand):
    def __init__(self, workspace: Workspace, new: NewPerson) -> None:
        name = new.fields.full_name or f"{new.fields.given_name} {new.fields.family_name}"
        super().__init__(workspace, f"Add {name.strip()}")
        self.new = new
        self.person_id: int | None = None
        self._snapshots: list[object] = []

    def apply(self) -> ChangeSet:
        contacts = self.workspace.contacts
        if self._snapshots:  # redo after undo: bring back the very same row and id
            return contacts.restore(self._snapshots)
        self.person_id, change = contacts.create(self.new)
        return change

    def revert(self) -> ChangeSet:
        assert self.person_id is not None
        self._snapshots, change = self.workspace.contacts.delete([self.person_id])
        return change


class EditPersonCommand(ServiceCommand):
    """Change a person's fields, tags, current job and contact points together, as one
    undo step (and one transaction); what is None is left as it is."""

    def __init__(
        self,
        workspace: Workspace,
        person_id: int,
        fields: PersonFields,
        tags: tuple[str, ...] | None = None,
        job: tuple[str, str] | None = None,
        text: str = "",
        points: ContactPoints | None = None,
        past_jobs: tuple[EmploymentRecord, ...] | None = None,
    ) -> None:
        super().__init__(workspace, text or "Edit contact")
        self.person_id = person_id
        self.new_fields, self.new_tags, self.new_job = fields, tags, job
        self.new_points, self.new_past_jobs = points, past_jobs
        detail = workspace.contacts.detail(person_id)
        self.old_fields = detail.fields
        self.old_tags = detail.tags
        current = next((j for j in detail.employment if j.current), None)
        self.old_job = (current.organization, current.title) if current else ("", "")
        self.old_points = detail.contact_points
        self.old_past_jobs = tuple(j for j in detail.employment if not j.current)
        if not text:
            self.setText(f"Edit {detail.fields.full_name}")

    def apply(self) -> ChangeSet:
        return self.workspace.contacts.edit(
            self.person_id,
            self.new_fields,
            self.new_tags,
            self.new_job,
            self.new_points,
            self.new_past_jobs,
        )

    def revert(self) -> ChangeSet:
        return self.workspace.contacts.edit(
            self.person_id,
            self.old_fields,
            self.old_tags if self.new_tags is not None else None,
            self.old_job if self.new_job is not None else None,
            self.old_points if self.new_points is not None else None,
            self.old_past_jobs if self.new_past_jobs is not None else None,
        )


class DeletePeopleCommand(ServiceCommand):
    """Delete people with all their links; undo restores them exactly, ids included."""

    def __init__(self, workspace: Workspace, person_ids: list[int], names: list[str]) -> None:
        text = f"Delete {names[0]}" if len(names) == 1 else f"Delete {len(names)} contacts"
        super().__init__(workspace, text)
        self.person_ids = person_ids
        self._snapshots: list[object] = []

    def apply(self) -> ChangeSet:
        self._snapshots, change = self.workspace.contacts.delete(self.person_ids)
        return change

    def revert(self) -> ChangeSet:
        return self.workspace.contacts.restore(self._snapshots)
