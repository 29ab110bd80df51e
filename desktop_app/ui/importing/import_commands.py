"""An import made from the window, as one undo step (see services/importing/undo.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.domain.values import ChangeSet
from desktop_app.services.importing.undo import (
    ImportJournal,
    ImportRedo,
    redo_import,
    undo_import,
)
from desktop_app.ui.common.service_command import ServiceCommand
from desktop_app.ui.window.workspace import Workspace


class ImportCommand(ServiceCommand):
    """Pushed once the import has run (on a worker): undo takes it back, redo puts it
    back exactly."""

    def __init__(self, workspace: Workspace, journal: ImportJournal) -> None:
        added, merged = len(journal.added), len(journal.before)
        talks = len(journal.interactions)
        parts = [
            f"{added:,} new" if added else "",
            f"{merged:,} merged" if merged else "",
            f"{talks:,} interactions" if talks else "",
        ]
        super().__init__(workspace, f"Import ({', '.join(p for p in parts if p)})")
        self.journal = journal
        self._redo: ImportRedo | None = None

    def apply(self) -> ChangeSet:
        assert self._redo is not None  # the first time, the import itself did the work
        with _busy():
            return redo_import(self.workspace.db, self.journal, self._redo)

    def revert(self) -> ChangeSet:
        with _busy():
            self._redo, change = undo_import(self.workspace.db, self.journal)
        return change


@contextmanager
def _busy() -> Iterator[None]:
    """A wait cursor: taking back thousands of people takes a moment."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
