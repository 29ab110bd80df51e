"""Undoable nurture edits: logging, snoozing, cadences, follow-ups, goals, disclosures."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from desktop_app.domain.enums import Circle
from desktop_app.domain.goals import GoalDetail, GoalFields
from desktop_app.domain.values import ChangeSet
from desktop_app.services import goals, interactions, reminders
from desktop_app.services.interactions import NewInteraction
from desktop_app.ui.common.service_command import ServiceCommand
from desktop_app.ui.window.workspace import Workspace


class LogInteractionCommand(ServiceCommand):
    """Log an interaction; undo deletes it, so due dates fall back to what they were."""

    def __init__(
        self, workspace: Workspace, entry: NewInteraction, names: list[str], confirmed: bool
    ) -> None:
        who = names[0] if len(names) == 1 else f"{len(names)} people"
        super().__init__(workspace, f"Log {entry.kind.label.lower()} with {who}")
        self.entry = entry
        self.confirmed = confirmed
        self.interaction_id: int | None = None
        self._snapshot: interactions.Snapshot | None = None

    def apply(self) -> ChangeSet:
        if self._snapshot is not None:  # redo: the very same row and id
            return interactions.restore_interaction(self.workspace.db, self._snapshot)
        self.interaction_id, change = interactions.log_interaction(
            self.workspace.db, self.entry, confirmed=self.confirmed
        )
        return change

    def revert(self) -> ChangeSet:
        assert self.interaction_id is not None
        self._snapshot, change = interactions.remove_interaction(
            self.workspace.db, self.interaction_id
        )
        return change


class EditInteractionCommand(ServiceCommand):
    """Rewrite a logged interaction in place; undo puts back what it said."""

    def __init__(
        self, workspace: Workspace, interaction_id: int, entry: NewInteraction, confirmed: bool
    ) -> None:
        super().__init__(workspace, f"Edit {entry.kind.label.lower()}")
        self.interaction_id, self.entry, self.confirmed = interaction_id, entry, confirmed
        self._snapshot: interactions.Snapshot | None = None

    def apply(self) -> ChangeSet:
        self._snapshot, change = interactions.edit_interaction(
            self.workspace.db, self.interaction_id, self.entry, confirmed=self.confirmed
        )
        return change

    def revert(self) -> ChangeSet:
        assert self._snapshot is not None
        return interactions.revert_edit(self.workspace.db, self._snapshot)


class DeleteInteractionCommand(ServiceCommand):
    """Delete an interaction; due dates fall back; undo restores it exactly."""

    def __init__(self, workspace: Workspace, interaction_id: int, text: str) -> None:
        super().__init__(workspace, text)
        self.interaction_id = interaction_id
        self._snapshot: interactions.Snapshot | None = None

    def apply(self) -> ChangeSet:
        self._snapshot, change = interactions.remove_interaction(
            self.workspace.db, self.interaction_id
        )
        return change

    def revert(self) -> ChangeSet:
        assert self._snapshot is not None
        return interactions.restore_interaction(self.workspace.db, self._snapshot)


class SnoozeCommand(ServiceCommand):
    def __init__(self, workspace: Workspace, person_id: int, until: date | None, name: str) -> None:
        text = f"Snooze {name}" if until else f"Wake {name} up"
        super().__init__(workspace, text)
        self.person_id, self.until = person_id, until
        self.before = reminders.snoozed_until(workspace.db, person_id)

    def apply(self) -> ChangeSet:
        return reminders.snooze(self.workspace.db, self.person_id, self.until, confirmed=True)

    def revert(self) -> ChangeSet:
        before = self.before if self.before and self.before > date.today() else None
        return reminders.snooze(self.workspace.db, self.person_id, before, confirmed=True)


class FollowUpDoneCommand(ServiceCommand):
    def __init__(self, workspace: Workspace, interaction_id: int, name: str) -> None:
        super().__init__(workspace, f"Follow-up with {name} done")
        self.interaction_id = interaction_id

    def apply(self) -> ChangeSet:
        return interactions.set_follow_up_done(self.workspace.db, self.interaction_id, True)

    def revert(self) -> ChangeSet:
        return interactions.set_follow_up_done(self.workspace.db, self.interaction_id, False)


class SetCadencesCommand(ServiceCommand):
    def __init__(self, workspace: Workspace, days: Mapping[Circle, int]) -> None:
        super().__init__(workspace, "Change keep-in-touch rhythm")
        self.days = dict(days)
        self.before = reminders.cadence_per_circle(workspace.db)

    def apply(self) -> ChangeSet:
        return reminders.set_cadence_per_circle(self.workspace.db, self.days)

    def revert(self) -> ChangeSet:
        return reminders.set_cadence_per_circle(self.workspace.db, self.before)


class SaveGoalCommand(ServiceCommand):
    """Create a goal (goal_id None) or edit one, with its linked people and organisations."""

    def __init__(
        self,
        workspace: Workspace,
        goal_id: int | None,
        fields: GoalFields,
        person_ids: list[int],
        organization_ids: list[int],
    ) -> None:
        super().__init__(workspace, f"{'Edit' if goal_id else 'Add'} goal {fields.title.strip()}")
        self.goal_id = goal_id
        self.fields, self.person_ids, self.organization_ids = fields, person_ids, organization_ids
        self.before: GoalDetail | None = goals.goal(workspace.db, goal_id) if goal_id else None
        self.created = goal_id is None

    def apply(self) -> ChangeSet:
        db = self.workspace.db
        if self.goal_id is None:
            self.goal_id, change = goals.create_goal(db, self.fields)
        else:
            change = goals.update_goal(db, self.goal_id, self.fields)
        return change | goals.set_links(db, self.goal_id, self.person_ids, self.organization_ids)

    def revert(self) -> ChangeSet:
        assert self.goal_id is not None
        db = self.workspace.db
        if self.created:
            change = goals.delete_goal(db, self.goal_id)
            self.goal_id = None
            return change
        assert self.before is not None
        change = goals.update_goal(db, self.goal_id, self.before.fields)
        return change | goals.set_links(
            db,
            self.goal_id,
            [p.id for p in self.before.people],
            [o.id for o in self.before.organizations],
        )


class DeleteGoalCommand(ServiceCommand):
    """Delete a goal; undo brings it back with its links and disclosures (under a new id)."""

    def __init__(self, workspace: Workspace, goal_id: int) -> None:
        detail = goals.goal(workspace.db, goal_id)
        if detail is None:
            raise LookupError(f"No goal with id {goal_id}.")
        super().__init__(workspace, f"Delete goal {detail.fields.title}")
        self.goal_id: int = goal_id
        self.detail = detail

    def apply(self) -> ChangeSet:
        return goals.delete_goal(self.workspace.db, self.goal_id)

    def revert(self) -> ChangeSet:
        db, detail = self.workspace.db, self.detail
        self.goal_id, change = goals.create_goal(db, detail.fields)
        change |= goals.set_links(
            db, self.goal_id, [p.id for p in detail.people], [o.id for o in detail.organizations]
        )
        for told in detail.disclosures:
            change |= goals.record_disclosure(
                db, self.goal_id, told.person_id, told.told_on, confirmed=True
            )
        return change


class RecordDisclosureCommand(ServiceCommand):
    """Record when someone was told about a goal (None forgets it)."""

    def __init__(
        self, workspace: Workspace, goal_id: int, person_id: int, told_on: date | None, name: str
    ) -> None:
        super().__init__(workspace, f"Told {name}" if told_on else f"Forget telling {name}")
        self.goal_id, self.person_id, self.told_on = goal_id, person_id, told_on
        self.before = goals.disclosure_date(workspace.db, goal_id, person_id)

    def apply(self) -> ChangeSet:
        return goals.record_disclosure(
            self.workspace.db, self.goal_id, self.person_id, self.told_on, confirmed=True
        )

    def revert(self) -> ChangeSet:
        return goals.record_disclosure(
            self.workspace.db, self.goal_id, self.person_id, self.before, confirmed=True
        )
