"""Undoable edits made from the network map."""

from __future__ import annotations

from desktop_app.domain.enums import RelationshipKind
from desktop_app.domain.values import ChangeSet
from desktop_app.services import relationships
from desktop_app.ui.commands.contact_commands import ServiceCommand
from desktop_app.ui.workspace import Workspace


class AddRelationshipCommand(ServiceCommand):
    """Tie two people; undo removes the tie again."""

    def __init__(
        self,
        workspace: Workspace,
        a_id: int,
        b_id: int,
        kind: RelationshipKind,
        strength: int,
        names: tuple[str, str],
    ) -> None:
        super().__init__(workspace, f"Link {names[0]} and {names[1]}")
        self.a_id, self.b_id, self.kind, self.strength = a_id, b_id, kind, strength
        self.tie_id: int | None = None

    def apply(self) -> ChangeSet:
        self.tie_id, change = relationships.add_relationship(
            self.workspace.db, self.a_id, self.b_id, self.kind, self.strength
        )
        return change

    def revert(self) -> ChangeSet:
        assert self.tie_id is not None
        return relationships.delete_relationship(
            self.workspace.db, self.tie_id, self.a_id, self.b_id
        )
