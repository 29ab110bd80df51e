"""Undoable edits of the network: ties (from the map and the detail panel), node moves."""

from __future__ import annotations

from typing import Protocol

from desktop_app.domain.enums import RelationshipKind
from desktop_app.domain.values import ChangeSet
from desktop_app.services import relationships
from desktop_app.services.relationships import Tie
from desktop_app.ui.common.service_command import ServiceCommand
from desktop_app.ui.window.workspace import Workspace


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


class SetTieStrengthCommand(ServiceCommand):
    """Make a tie stronger or weaker; undo puts the old strength back."""

    def __init__(self, workspace: Workspace, tie: Tie, strength: int, text: str) -> None:
        super().__init__(workspace, text)
        self.tie, self.strength = tie, strength

    def apply(self) -> ChangeSet:
        return self._set(self.strength)

    def revert(self) -> ChangeSet:
        return self._set(self.tie.strength)

    def _set(self, strength: int) -> ChangeSet:
        tie = self.tie
        return relationships.set_strength(self.workspace.db, tie.id, *tie.people, strength)[1]


class RemoveRelationshipCommand(ServiceCommand):
    """Take a tie back; undo ties the two again, the same way round and as strongly."""

    def __init__(self, workspace: Workspace, tie: Tie, text: str) -> None:
        super().__init__(workspace, text)
        self.tie = tie

    def apply(self) -> ChangeSet:
        return relationships.delete_relationship(self.workspace.db, self.tie.id, *self.tie.people)

    def revert(self) -> ChangeSet:
        tie = self.tie
        new_id, change = relationships.add_relationship(
            self.workspace.db, *tie.people, tie.kind, tie.strength
        )
        self.tie = Tie(new_id, tie.a_id, tie.b_id, tie.kind, tie.strength)
        return change


Point = tuple[float, float]


class NodePlacer(Protocol):
    def place_node(self, key: str, position: Point, pinned: bool) -> None: ...


class MoveNodeCommand(ServiceCommand):
    """A node dragged on the map (which pins it); undo puts it back as it was."""

    def __init__(
        self,
        workspace: Workspace,
        placer: NodePlacer,
        key: str,
        label: str,
        before: tuple[Point, bool],
        after: Point,
    ) -> None:
        super().__init__(workspace, f"Move {label}")
        self.placer, self.key = placer, key
        self.before, self.after = before, after

    def apply(self) -> ChangeSet:
        self.placer.place_node(self.key, self.after, True)
        return ChangeSet()  # positions are the map's own: no view needs telling

    def revert(self) -> ChangeSet:
        position, pinned = self.before
        self.placer.place_node(self.key, position, pinned)
        return ChangeSet()
