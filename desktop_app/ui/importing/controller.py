"""Ways in and out: File ▸ Import…, files and folders dropped on the main window (its drag
handlers call `dropped_paths`), `trellis FILE.vcf`, File ▸ Export contacts…. Reading and
writing run on worker threads behind a progress dialog that can cancel; the preview dialog
decides what is written, in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMainWindow,
    QProgressDialog,
)

from desktop_app.domain.values import NewPerson
from desktop_app.services.importing.report import CardKey, Decision, ImportReport
from desktop_app.ui.importing.jobs import ExportJob, ImportJob
from desktop_app.ui.window.workspace import Workspace

if TYPE_CHECKING:  # the readers pull in phonenumbers and the ORM: not on the start path
    from desktop_app.services.history.report import HistoryReport
    from desktop_app.ui.importing.preview_dialog import ImportPreviewDialog

OPEN_FILTER = (
    "Contacts and history (*.vcf *.vcard *.csv *.zip *.mbox *.mbx *.ics *.ical);;"
    "vCard (*.vcf *.vcard);;CSV (*.csv);;LinkedIn export (*.zip *.csv);;"
    "Mail, mbox (*.mbox *.mbx);;Calendar (*.ics *.ical);;All files (*)"
)
EXPORT_FILTERS = {
    "vCard 4.0 (*.vcf)": "vcf",
    "vCard 3.0 (*.vcf)": "vcf3",
    "CSV, Google Contacts layout (*.csv)": "csv",
}


class ImportController(QObject):
    """Owns the import and export jobs of one main window."""

    preview_shown = Signal(object)  # the ImportPreviewDialog, once it is open
    imported = Signal(object)  # the ImportReport of an import that was written
    exported = Signal(int)  # how many contacts were exported
    sorting_shown = Signal(object)  # the SortingDialog, once it is open

    def __init__(self, workspace: Workspace, window: QMainWindow) -> None:
        super().__init__(window)
        self.workspace = workspace
        self.window = window
        self.job: QThread | None = None
        self.last_job: QThread | None = None
        self.progress: QProgressDialog | None = None
        self.preview: ImportPreviewDialog | None = None
        self._on_success: Callable[..., None] = lambda _result: None
        self.last_history: HistoryReport | None = None  # its suggestions, for the sorting

    @property
    def busy(self) -> bool:
        return self.job is not None

    # -- ways in ---------------------------------------------------------------------------

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self.window, "Import contacts and history", str(Path.home()), OPEN_FILTER
        )
        if names:
            self.start([Path(name) for name in names])

    def start(self, paths: list[Path]) -> None:
        """Read `paths` (files or folders) and show the preview; nothing is written yet."""
        if self.workspace.read_only:
            self.workspace.error_raised.emit(
                "This database is open read-only: contacts cannot be imported."
            )
            return
        if self.busy:
            self.workspace.error_raised.emit("An import or export is already running.")
            return
        job = ImportJob(self.workspace.db, paths, dry_run=True)
        self._run(job, "Reading contacts and history…", self._on_preview_ready)

    def _on_preview_ready(self, report: ImportReport) -> None:
        if report.cancelled:
            self.window.statusBar().showMessage("Import cancelled: nothing was written.", 6000)
            return
        if not report.anything_read:
            reasons = "\n".join(reason for _, reason in report.unreadable)
            self.workspace.error_raised.emit(f"Nothing could be read.\n{reasons}".strip())
            return
        from desktop_app.ui.importing.preview_dialog import ImportPreviewDialog

        dialog = ImportPreviewDialog(report, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self._commit(
                [Path(f) for f in report.files],
                dialog.decisions(),
                dialog.keep_subjects(),
                dialog.people_to_add(),
            )
        )
        dialog.finished.connect(self._forget_preview)
        self.preview = dialog
        dialog.open()
        self.preview_shown.emit(dialog)

    def _forget_preview(self) -> None:
        self.preview = None

    def _commit(
        self,
        paths: list[Path],
        decisions: Mapping[CardKey, Decision],
        keep_subjects: bool = False,
        add_people: Sequence[NewPerson] = (),
    ) -> None:
        job = ImportJob(
            self.workspace.db,
            paths,
            dry_run=False,
            decisions=decisions,
            backup_first=True,
            keep_subjects=keep_subjects,
            add_people=add_people,
        )
        self._run(job, "Importing contacts…", self._on_imported)

    def _on_imported(self, report: ImportReport) -> None:
        status = self.window.statusBar()
        if report.cancelled:
            status.showMessage("Import cancelled: nothing was written.", 6000)
            return
        change = report.change_set
        job = self.last_job if isinstance(self.last_job, ImportJob) else None
        journal = job.journal if job is not None else None
        undoable = journal is not None and journal.undoable
        if not change.is_empty:
            if journal is not None and undoable:
                from desktop_app.ui.importing.import_commands import ImportCommand

                self.workspace.push_done(ImportCommand(self.workspace, journal))
            else:
                # Too big to undo (a backup was made before it); merges changed people that
                # earlier undo steps would put back to older values, so those go too.
                self.workspace.undo_stack.clear()
            self.workspace.announce(change)
            if change.people_added:
                self.workspace.select_person(min(change.people_added))
        backup = job.backup if job is not None else None
        where = f" The database as it was is saved in {backup.parent}." if backup else ""
        if undoable:
            where = " Edit ▸ Undo takes it back." + where
        history = f" {report.history.summary()}" if report.history.files else ""
        status.showMessage(f"Import finished: {report.summary()}.{history}{where}", 15000)
        self.imported.emit(report)
        if report.history.circles or report.history.ties:
            self.last_history = report.history
            asking = QApplication.activeModalWidget()  # "which of these is you?"
            if isinstance(asking, QDialog) and asking.isVisible():
                asking.finished.connect(self._sort_after_asking)
            else:
                self.open_sorting(from_import=True)

    def _sort_after_asking(self) -> None:
        self.open_sorting(from_import=True)

    def open_sorting(self, from_import: bool = False) -> None:
        """The sorting view: the last history import's suggestions, then (from the Network
        menu) the people still without a circle. After an import, only its suggestions."""
        from desktop_app.ui.importing.sorting_dialog import (
            SortingDialog,
            items_from_history,
            sorting_items,
        )

        if self.workspace.read_only:
            return
        if from_import:
            assert self.last_history is not None
            items = items_from_history(self.last_history)
            if not items:
                return
        else:
            items = sorting_items(self.workspace, self.last_history)
        dialog = SortingDialog(self.workspace, items, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.sorting_shown.emit(dialog)

    # -- way out ---------------------------------------------------------------------------

    def choose_export(self) -> None:
        if self.busy:
            self.workspace.error_raised.emit("An import or export is already running.")
            return
        name, chosen = QFileDialog.getSaveFileName(
            self.window,
            "Export contacts",
            str(Path.home() / "trellis-contacts.vcf"),
            ";;".join(EXPORT_FILTERS),
        )
        if name:
            self.export(Path(name), EXPORT_FILTERS.get(chosen, "vcf"))

    def export(self, path: Path, fmt: str) -> None:
        job = ExportJob(self.workspace.db, fmt, path, max(1, self.workspace.contacts.count()))
        self._run(job, "Exporting contacts…", self._on_exported, cancellable=False)

    def _on_exported(self, count: int) -> None:
        self.window.statusBar().showMessage(f"Exported {count} contact(s).", 8000)
        self.exported.emit(count)

    # -- plumbing --------------------------------------------------------------------------

    def _run(
        self,
        job: ImportJob | ExportJob,
        label: str,
        on_success: Callable[..., None],
        cancellable: bool = True,
    ) -> None:
        # Every connection goes to a method of this GUI-thread object, so Qt queues the
        # worker's signals to the GUI thread (a lambda would run on the worker thread).
        progress = QProgressDialog(label, "Cancel" if cancellable else "", 0, 0, self.window)
        progress.setWindowTitle("Trellis")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoReset(False)
        progress.setAutoClose(False)
        if not cancellable:
            progress.setCancelButton(None)
        else:
            progress.canceled.connect(self.cancel)
        job.progressed.connect(self._on_progress)
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        job.finished.connect(self._on_job_finished)
        self.job, self.progress, self._on_success = job, progress, on_success
        job.start()

    def cancel(self) -> None:
        """Stop the running import; its transaction is rolled back."""
        if isinstance(self.job, ImportJob):
            self.job.cancel()
            if self.progress is not None:
                self.progress.setLabelText("Cancelling…")

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            if self.progress.maximum() != total:
                self.progress.setMaximum(total)
            self.progress.setValue(min(done, total))

    def _on_succeeded(self, result: object) -> None:
        self._release()
        self._on_success(result)

    def _on_failed(self, message: str) -> None:
        self._release()
        self.workspace.error_raised.emit(message)

    def _release(self) -> None:
        """The job has delivered: a new one may start (its thread ends on its own)."""
        self._close_progress()
        if isinstance(self.job, ImportJob):
            # The decisions are read from the preview's spool: let it go (a big preview's
            # temporary database is deleted when its report is collected).
            self.job.decisions = {}
        self.last_job, self.job = self.job, None

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _on_job_finished(self) -> None:
        job = self.sender()
        if isinstance(job, QThread):
            job.wait()
            job.deleteLater()
        if self.job is job:  # ended without delivering (should not happen)
            self._release()


def dropped_paths(mime: QMimeData) -> list[Path]:
    """The contact files (.vcf, .vcard, .csv), history files (.zip, .mbox, .ics…) and
    folders among dragged URLs; the rest (web addresses, other kinds of file, text) is
    left out."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    from desktop_app.services.history.detect import HISTORY_SUFFIXES
    from desktop_app.services.importing.sources import CONTACT_SUFFIXES

    wanted = CONTACT_SUFFIXES + HISTORY_SUFFIXES
    return [p for p in paths if p.is_dir() or p.suffix.lower() in wanted]
