"""Sync in the window: Sync now (Ctrl+Shift+S) on a worker thread behind a progress
dialog that can cancel, optionally every N minutes while the window is open, the
status-bar line (when it last synced, what changed, conflicts waiting) and the dialogs.

Nothing here touches the network or SQLAlchemy before the user syncs: the status line is
read on the fast sqlite3 connection after the first paint."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QProgressDialog

from desktop_app import APP_NAME
from desktop_app.domain.values import ChangeSet
from desktop_app.ui.window.workspace import Workspace

if TYPE_CHECKING:
    from desktop_app.services.sync.engine import SyncReport
    from desktop_app.storage.sync_state import AccountRecord
    from desktop_app.ui.sync.sync_job import SyncJob

CONFLICTS_LINK = "conflicts"
PROGRESS_DELAY_MS = 300


class SyncController(QObject):
    """Owns the sync job, its timer and the status line of one main window."""

    synced = Signal(object)  # list[tuple[AccountRecord, SyncReport]] of a finished sync
    sync_ended = Signal(str)  # the status line after any sync (done, failed, cancelled)
    settings_shown = Signal(object)  # the SyncSettingsDialog, once open
    conflicts_shown = Signal(object)  # the ConflictDialog, once open
    conflicts_changed = Signal(int)  # how many conflicts wait now

    def __init__(self, workspace: Workspace, window: QMainWindow) -> None:
        super().__init__(window)
        self.workspace = workspace
        self.window = window
        self.job: SyncJob | None = None
        self.progress: QProgressDialog | None = None
        self.automatic = False
        self.conflicts = 0
        # Passwords typed this session (no keychain): in memory only, for automatic syncs.
        self._typed: dict[tuple[str, str], str] = {}
        self.label = QLabel()
        self.label.setObjectName("syncStatus")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.linkActivated.connect(self._on_label_link_activated)
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_automatically)

    @property
    def busy(self) -> bool:
        return self.job is not None

    # -- the status line -------------------------------------------------------------------

    def start(self) -> None:
        """After the first paint: the status line and the automatic syncs."""
        from desktop_app.ui.sync.settings_dialog import saved_interval

        self.refresh_status()
        self.set_interval(saved_interval())

    def refresh_status(self, what_changed: str = "") -> None:
        from desktop_app.services.sync.status import status

        state = status(self.workspace.db)
        self._set_conflicts(state.conflicts)
        if not state.accounts:
            self.label.hide()
            return
        if state.last_synced_at is None:
            text = "Not synced yet"
            if not self.workspace.read_only:
                text += " (Ctrl+Shift+S)"
        else:
            summary = what_changed or state.last_summary
            text = f"Last synced {state.last_synced_at:%H:%M}"
            if state.last_synced_at.date() != state.last_synced_at.today().date():
                text = f"Last synced {state.last_synced_at:%Y-%m-%d %H:%M}"
            if summary:
                text += f": {summary}"
        rich = html.escape(text)
        if state.conflicts:
            rich += f' · <a href="{CONFLICTS_LINK}">{state.conflicts} conflict(s) wait for you</a>'
        self.label.setText(rich)
        self.label.setToolTip("Sync ▸ Resolve conflicts… decides them" if state.conflicts else "")
        self.label.show()

    def _set_conflicts(self, count: int) -> None:
        if count != self.conflicts:
            self.conflicts = count
        self.conflicts_changed.emit(count)

    def _on_label_link_activated(self, link: str) -> None:
        if link == CONFLICTS_LINK:
            self.show_conflicts()

    # -- syncing ---------------------------------------------------------------------------

    def set_interval(self, minutes: int) -> None:
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def sync_now(self) -> None:
        """Sync ▸ Sync now: every account; a password the keychain lacks is asked for."""
        if not self._may_sync():
            return
        from desktop_app.services.sync import run as sync

        accounts = sync.accounts(self.workspace.db)
        if not accounts:
            self.window.statusBar().showMessage(
                "No sync account yet: add your address book or a vdir folder.", 8000
            )
            self.show_settings()
            return
        chosen: list[tuple[AccountRecord, str | None]] = []
        for account in accounts:
            password = self._password(account, ask=True)
            if account.kind != "vdir" and password is None:
                self.window.statusBar().showMessage("Sync cancelled: no password given.", 6000)
                return
            chosen.append((account, password))
        self._start(chosen, automatic=False)

    def sync_automatically(self) -> None:
        """Every N minutes: quietly, never asking (a dialog open, a password unknown or
        many deletions wait for Sync now)."""
        if self.busy or self.workspace.read_only or QApplication.activeModalWidget():
            return
        from desktop_app.services.sync import run as sync

        chosen = []
        for account in sync.accounts(self.workspace.db):
            password = self._password(account, ask=False)
            if account.kind == "vdir" or password is not None:
                chosen.append((account, password))
        if chosen:
            self._start(chosen, automatic=True)

    def _may_sync(self) -> bool:
        if self.workspace.read_only:
            self.workspace.error_raised.emit(
                "This database is open read-only: it cannot be synced."
            )
            return False
        return not self.busy

    def _password(self, account: AccountRecord, ask: bool) -> str | None:
        if account.kind == "vdir":
            return None
        from desktop_app.services.sync import passwords

        found = passwords.password_for(account.url, account.username)
        if found:
            return found
        key = (account.url, account.username)
        if not ask:
            return self._typed.get(key)
        from desktop_app.ui.sync.account_dialog import PasswordDialog

        dialog = PasswordDialog(account.name, account.username, account.url, self.window)
        dialog.setObjectName("syncPasswordDialog")
        if dialog.exec() != PasswordDialog.DialogCode.Accepted or not dialog.password():
            return None
        self._typed[key] = dialog.password()
        return dialog.password()

    def _start(
        self,
        accounts: list[tuple[AccountRecord, str | None]],
        *,
        automatic: bool,
        confirm_deletions: bool = False,
    ) -> None:
        from desktop_app.ui.sync.sync_job import SyncJob

        job = SyncJob(self.workspace.db, accounts, confirm_deletions=confirm_deletions)
        self.job, self.automatic = job, automatic
        self._accounts = accounts
        if automatic:
            self.label.setText("Syncing…")
            self.label.show()
        else:
            progress = QProgressDialog("Syncing…", "Cancel", 0, 0, self.window)
            progress.setWindowTitle(APP_NAME)
            progress.setObjectName("syncProgress")
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setAutoReset(False)
            progress.setAutoClose(False)
            progress.canceled.connect(self.cancel)
            self.progress = progress
            # A busy indicator never reaches a value that would show it: show it once the
            # sync has taken a moment (a quick one does not flash a dialog).
            QTimer.singleShot(PROGRESS_DELAY_MS, self._show_progress)
        # Methods of this GUI-thread object: Qt queues the worker's signals to it.
        job.progressed.connect(self._on_job_progressed)
        job.succeeded.connect(self._on_job_succeeded)
        job.deletions_waiting.connect(self._on_job_deletions_waiting)
        job.cancelled.connect(self._on_job_cancelled)
        job.failed.connect(self._on_job_failed)
        job.finished.connect(self._on_job_finished)
        job.start()

    def _show_progress(self) -> None:
        if self.progress is not None and self.job is not None:
            self.progress.show()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            if self.progress is not None:
                self.progress.setLabelText("Cancelling…")

    def _on_job_progressed(self, text: str) -> None:
        if self.progress is not None:
            self.progress.setLabelText(text)

    def _on_job_succeeded(self, done: list[tuple[AccountRecord, SyncReport]]) -> None:
        self._announce(done)
        summary = _summary(done)
        self.refresh_status(summary)
        notes = [note for _account, report in done for note in report.notes]
        if notes:  # cards changed on the server while we wrote: the next sync merges them
            self.label.setToolTip("\n".join(notes))
        self.sync_ended.emit(self.label.text())
        self.synced.emit(done)

    def _on_job_deletions_waiting(self, here: int, there: int) -> None:
        accounts = self._accounts
        if self.automatic:
            self.label.setText(
                html.escape(
                    f"Sync waits: it would delete {here} contact(s) here and {there} there "
                    "(Sync now asks you)"
                )
            )
            self.sync_ended.emit(self.label.text())
            return
        self._close_progress()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            APP_NAME,
            f"This sync would delete {here} contact(s) in Trellis and {there} on the other "
            "side.\n\nNothing has been changed yet. Go ahead with the deletions?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window,
        )
        box.setObjectName("syncDeletionsBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText("&Delete and sync")
        box.button(QMessageBox.StandardButton.No).setText("&Not now")
        if box.exec() == QMessageBox.StandardButton.Yes:
            self.job = None  # the finished signal of the old job may follow: see below
            self._start(accounts, automatic=False, confirm_deletions=True)
        else:
            self.sync_ended.emit("Sync not done: nothing was deleted.")
            self.window.statusBar().showMessage("Sync not done: nothing was deleted.", 8000)

    def _on_job_cancelled(self, message: str) -> None:
        self._announce(self.job.done if self.job is not None else [])
        self.window.statusBar().showMessage(message, 8000)
        self.refresh_status()
        self.sync_ended.emit(message)

    def _on_job_failed(self, message: str) -> None:
        self._announce(self.job.done if self.job is not None else [])
        self.refresh_status()
        if self.automatic:
            self.label.setText(html.escape(f"Automatic sync failed: {message}"))
            self.label.show()
        else:
            self._close_progress()
            self.workspace.error_raised.emit(message)
        self.sync_ended.emit(message)

    def _on_job_finished(self) -> None:
        job = self.sender()
        if job is not None and job is not self.job:
            job.deleteLater()  # a job replaced by the confirmed one
            return
        self._close_progress()
        if self.job is not None:
            self.job.deleteLater()
        self.job = None

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _announce(self, done: list[tuple[AccountRecord, SyncReport]]) -> None:
        change = ChangeSet()
        for _account, report in done:
            change = change | report.changes
        self.workspace.announce(change)

    # -- dialogs ---------------------------------------------------------------------------

    def show_settings(self) -> None:
        """Settings ▸ Sync…"""
        from desktop_app.ui.sync.settings_dialog import SyncSettingsDialog

        dialog = SyncSettingsDialog(self.workspace.db, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.interval_changed.connect(self.set_interval)
        dialog.accounts_changed.connect(self.refresh_status)
        dialog.open()
        self.settings_shown.emit(dialog)

    def show_conflicts(self) -> None:
        """Sync ▸ Resolve conflicts…, or the link in the status line."""
        from desktop_app.services.sync.conflicts import describe
        from desktop_app.ui.sync.conflict_dialog import ConflictDialog

        waiting = describe(self.workspace.db)
        if not waiting:
            self.window.statusBar().showMessage("No sync conflicts wait.", 6000)
            self.refresh_status()
            return
        dialog = ConflictDialog(self.workspace, waiting, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resolved.connect(self._on_conflicts_resolved)
        dialog.open()
        self.conflicts_shown.emit(dialog)

    def _on_conflicts_resolved(self, _change: object) -> None:
        self.window.statusBar().showMessage(
            "Conflicts decided; the next sync sends your choices to the server.", 8000
        )
        self.refresh_status()


def _summary(done: list[tuple[AccountRecord, SyncReport]]) -> str:
    from desktop_app.services.sync.engine import SyncReport

    total = SyncReport()
    for _account, report in done:
        total.pulled += report.pulled
        total.pushed += report.pushed
        total.deleted_local += report.deleted_local
        total.deleted_remote += report.deleted_remote
    return total.changes_summary()
