"""Choosing who is me, as one undo step."""

from __future__ import annotations

from desktop_app.domain.values import ChangeSet
from desktop_app.services import who_is_me
from desktop_app.ui.common.service_command import ServiceCommand
from desktop_app.ui.window.workspace import Workspace


class BecomeMeCommand(ServiceCommand):
    """`person_id` becomes me; a former me is folded into them. Undo puts both back."""

    def __init__(self, workspace: Workspace, person_id: int, name: str) -> None:
        super().__init__(workspace, f"{name} is me")
        self.person_id = person_id
        self._snapshots: list[object] = []

    def apply(self) -> ChangeSet:
        self._snapshots, change = who_is_me.become_me(self.workspace.db, self.person_id)
        return change

    def revert(self) -> ChangeSet:
        return who_is_me.undo_become_me(self.workspace.db, self.person_id, self._snapshots)
