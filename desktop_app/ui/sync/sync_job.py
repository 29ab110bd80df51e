"""A sync runs on a worker thread; the window stays responsive and can cancel.

The job syncs its accounts one after another and ends with exactly one of `succeeded`
(the reports), `deletions_waiting` (more than a few deletions: nothing was written, the
window asks), `cancelled` or `failed` (a message for the user), delivered on the GUI
thread (queued signals)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QThread, Signal

from desktop_app.storage.database import Database

if TYPE_CHECKING:
    from desktop_app.services.sync.engine import SyncReport
    from desktop_app.storage.sync_state import AccountRecord


class SyncJob(QThread):
    progressed = Signal(str)  # what it is doing now, for the progress dialog
    succeeded = Signal(object)  # list[tuple[AccountRecord, SyncReport]]
    deletions_waiting = Signal(int, int)  # deleted here, deleted there
    cancelled = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        db: Database,
        accounts: Sequence[tuple[AccountRecord, str | None]],
        *,
        confirm_deletions: bool = False,
    ) -> None:
        super().__init__()
        self.db = db
        self.accounts = list(accounts)
        self.confirm_deletions = confirm_deletions
        self._cancel = threading.Event()
        # The accounts synced before a failure or a cancel: written, to be announced.
        self.done: list[tuple[AccountRecord, SyncReport]] = []

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        from desktop_app.domain.errors import MissingError, RuleError
        from desktop_app.services.sync import run as sync
        from desktop_app.services.sync.engine import SyncCancelledError, TooManyDeletionsError
        from desktop_app.storage.errors import StorageError

        done = self.done
        try:
            for account, password in self.accounts:
                self.progressed.emit(f"Syncing {account.name}…")
                report = sync.sync_any(
                    self.db,
                    account,
                    password,
                    confirm_deletions=self.confirm_deletions,
                    is_cancelled=self._cancel.is_set,
                )
                done.append((account, report))
        except TooManyDeletionsError as error:
            self.deletions_waiting.emit(error.deleted_local, error.deleted_remote)
            return
        except SyncCancelledError as error:
            self.cancelled.emit(str(error))
            return
        except (sync.SyncError, RuleError, MissingError, StorageError) as error:
            where = f"{account.name}: " if len(self.accounts) > 1 else ""
            self.failed.emit(f"The sync stopped. {where}{error}")
            return
        self.succeeded.emit(done)
