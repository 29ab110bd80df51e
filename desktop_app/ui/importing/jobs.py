"""Import and export run on a worker thread; the window stays responsive and can cancel.

Each job reports `progressed(done, total)` and ends with exactly one of `succeeded(result)`
or `failed(message)`, delivered on the GUI thread (queued signals).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThread, Signal

from desktop_app.domain.values import NewPerson
from desktop_app.storage.database import Database

if TYPE_CHECKING:  # the import's report and history modules: not on the start path
    from desktop_app.services.importing.report import CardKey, Decision
    from desktop_app.services.importing.undo import ImportJournal


class ImportJob(QThread):
    """`run_import` off the GUI thread; `cancel()` rolls the whole import back."""

    progressed = Signal(int, int)
    succeeded = Signal(object)  # ImportReport
    failed = Signal(str)

    def __init__(
        self,
        db: Database,
        paths: list[Path],
        *,
        dry_run: bool,
        decisions: Mapping[CardKey, Decision] | None = None,
        backup_first: bool = False,
        keep_subjects: bool = False,
        add_people: Sequence[NewPerson] = (),
    ) -> None:
        super().__init__()
        self.db = db
        self.backup_first = backup_first
        self.backup: Path | None = None
        # A window import keeps what undo needs (not a preview: it writes nothing). Made
        # here, not imported at the top: the journal's storage side pulls in SQLAlchemy.
        self.journal: ImportJournal | None = None
        if not dry_run:
            from desktop_app.services.importing.undo import ImportJournal

            self.journal = ImportJournal()
        self.paths = paths
        self.dry_run = dry_run
        self.keep_subjects = keep_subjects
        self.add_people = add_people
        self.decisions = decisions or {}  # the preview's spooled decisions: not copied
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        from desktop_app.services.importing.pipeline import run_import
        from desktop_app.storage.backup import make_backup

        try:
            if self.backup_first:
                # An import is not on the undo stack: this copy is the way back.
                self.backup = make_backup(self.db.path, "before-import")
            report = run_import(
                self.db,
                self.paths,
                decisions=self.decisions,
                dry_run=self.dry_run,
                progress=self._report_progress,
                is_cancelled=self._cancel.is_set,
                journal=self.journal,
                history=True,  # the preview shows what the history brings
                keep_subjects=self.keep_subjects,
                add_people=self.add_people,
            )
        except Exception as error:  # shown to the user; the transaction was rolled back
            self.failed.emit(f"The import stopped and nothing was written: {error}")
            return
        self.succeeded.emit(report)

    def _report_progress(self, done: int, total: int) -> None:
        # QProgressDialog takes ints; keep within 32 bits for very large files.
        scale = max(1, total // 1_000_000_000 + 1)
        self.progressed.emit(done // scale, total // scale)


class ExportJob(QThread):
    """Export every contact to a vCard or CSV file."""

    progressed = Signal(int, int)
    succeeded = Signal(object)  # the number of contacts written
    failed = Signal(str)

    def __init__(self, db: Database, fmt: str, path: Path, total: int) -> None:
        super().__init__()
        self.db = db
        self.fmt = fmt
        self.path = path
        self.total = total

    def run(self) -> None:
        from desktop_app.services.exporting.contacts_export import export_to_file

        try:
            count = export_to_file(
                self.db, self.fmt, self.path, lambda n: self.progressed.emit(n, self.total)
            )
        except OSError as error:
            self.failed.emit(f"Could not write {self.path}: {error.strerror or error}")
            return
        self.succeeded.emit(count)
