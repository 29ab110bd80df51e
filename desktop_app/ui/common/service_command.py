"""The base of every undoable edit: a service call and its inverse, each announcing its ChangeSet.

`Workspace.execute` runs `apply()` once and pushes the command; undo runs `revert()`, redo
runs `apply()` again. Every feature's commands (contacts, map, nurture, pitch, importing)
derive from it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from desktop_app.domain.values import ChangeSet
from desktop_app.ui.window.workspace import Workspace


class ServiceCommand(QUndoCommand):
    """Base: `Workspace.execute` runs `apply()` once, then the stack's first redo is a no-op."""

    def __init__(self, workspace: Workspace, text: str) -> None:
        super().__init__(text)
        self.workspace = workspace
        self._executed = False

    def redo(self) -> None:
        if self._executed:  # already applied by Workspace.execute before the push
            self._executed = False
            return
        self.workspace.announce(self.apply())

    def undo(self) -> None:
        self.workspace.announce(self.revert())

    # Each subclass defines the change and its inverse; both return what they changed.
    apply: Callable[[], ChangeSet]
    revert: Callable[[], ChangeSet]
