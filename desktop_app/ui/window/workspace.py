"""The open network as the UI sees it: services, the undo stack, one shared selection."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop_app.domain.errors import MissingError, RuleError
from desktop_app.domain.values import ChangeSet
from desktop_app.services.contacts import ContactsService
from desktop_app.storage.database import Database
from desktop_app.storage.errors import StorageError, translated_errors

# What an edit may fail for and the user is told about; anything else is a bug and raised.
REFUSALS = (StorageError, RuleError, MissingError)


class Workspace(QObject):
    """Every view talks to the network through this object.

    `changed` carries the ChangeSet of each edit (done, undone or redone) so views refresh
    only what changed; `current_person_changed` keeps table, map and detail panel on the
    same person.
    """

    changed = Signal(object)  # ChangeSet
    current_person_changed = Signal(object)  # int | None
    error_raised = Signal(str)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.contacts = ContactsService(db)
        self.undo_stack = QUndoStack(self)
        self._current_person: int | None = None
        self._closed = False

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    @property
    def current_person(self) -> int | None:
        return self._current_person

    def select_person(self, person_id: int | None) -> None:
        if person_id != self._current_person:
            self._current_person = person_id
            self.current_person_changed.emit(person_id)

    def announce(self, change: ChangeSet) -> None:
        if self._current_person in change.people_removed:
            self.select_person(None)
        if not change.is_empty:
            self.changed.emit(change)

    def execute(self, command: QUndoCommand) -> bool:
        """Run `command` once; only if it succeeds is it pushed for undo.

        Refusals (a rule broken, the disk full, the file busy, read-only or damaged) reach
        the user through `error_raised` and leave the database as it was: each service call
        is one transaction. Any other exception is a bug and is raised, not shown.
        """
        if self.read_only:
            self.error_raised.emit("This database is open read-only; changes are not saved.")
            return False
        try:
            with translated_errors(self.db.path):
                command.redo()
        except REFUSALS as error:
            self.error_raised.emit(str(error) or type(error).__name__)
            return False
        setattr(command, "_executed", True)  # noqa: B010 - see ServiceCommand.redo
        self.undo_stack.push(command)
        return True

    def push_done(self, command: QUndoCommand) -> None:
        """Put on the undo stack a command whose work is already done (an import that ran
        on a worker thread): its first redo does nothing."""
        setattr(command, "_executed", True)  # noqa: B010 - see ServiceCommand.redo
        self.undo_stack.push(command)

    def close(self) -> None:
        """The end of this network's undo history: attachment copies only it (or nothing)
        still referred to can go now, then the database closes."""
        if self._closed:
            return
        self._closed = True
        from desktop_app.services.attachments import prune_attachments

        try:
            with translated_errors(self.db.path):
                prune_attachments(self.db)
        except (OSError, StorageError) as error:  # tidying up must never block closing
            print(f"trellis: attachments were not tidied: {error}", file=sys.stderr)
        self.db.close()
