"""Composition root of the GUI: paths → database → workspace → main window.

Only PySide6 and storage's plain sqlite3 path are imported before the first paint; the ORM
warms up on a
background thread afterwards, and pyqtgraph loads with the view that needs it.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app import APP_NAME, __version__
from desktop_app.storage.database import Database, open_database
from desktop_app.storage.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    StorageError,
    translated_errors,
)

if TYPE_CHECKING:  # imported where first needed: after the database is open
    from desktop_app.ui.window.file_open import FileOpenForwarder
    from desktop_app.ui.window.main_window import MainWindow
    from desktop_app.ui.window.workspace import Workspace


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("trellis")
    icon = _icon_path()
    if icon is not None:
        app.setWindowIcon(QIcon(str(icon)))
    return app


def _icon_path() -> Path | None:
    from desktop_app.resource_paths import resource_path

    candidate = resource_path("icons/trellis.png")
    return candidate if candidate.is_file() else None


def open_for_gui(
    path: Path, read_only: bool, interactive: bool = True, parent: QWidget | None = None
) -> Database | None:
    """Open the database, turning every storage problem into a clear message.

    A database already open elsewhere can be opened read-only instead. Messages also go to
    stderr; without `interactive` (smoke tests, benchmarks) no dialog waits for a click.
    """
    try:
        db = open_database(path, read_only=read_only, backups=False, read_only_if_unwritable=True)
        if db.read_only and not read_only:
            print(
                f"trellis: {db.path} is on a read-only location; opened read-only.", file=sys.stderr
            )
        return db
    except StorageError as error:
        print(f"trellis: {error}", file=sys.stderr)
        if not interactive:
            return None
        return _ask_after_storage_error(error, path, read_only, parent)


def _ask_after_storage_error(
    error: StorageError, path: Path, read_only: bool, parent: QWidget | None
) -> Database | None:
    if isinstance(error, DatabaseLockedError):
        box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, str(error), parent=parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        read_only_button = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is read_only_button:
            return open_for_gui(path, True, True, parent)
        return None
    if isinstance(error, CorruptDatabaseError):
        return _offer_restore(error, path, read_only, parent)
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, str(error), parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
    return None


def _offer_restore(
    error: CorruptDatabaseError, path: Path, read_only: bool, parent: QWidget | None
) -> Database | None:
    """A damaged database: say so, and offer its backups (the newest good one selected);
    after a restore the database opens as usual."""
    from desktop_app.storage.backup import list_backups
    from desktop_app.storage.restore import restore_backup
    from desktop_app.ui.window.restore_dialog import RestoreDialog

    has_backups = bool(list_backups(error.path))
    text = str(error) + (
        "\n\nRestore it from a backup? The damaged file is kept in the backups folder."
        if has_backups
        else "\n\nThere is no backup of it to restore."
    )
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    restore_button = None
    if has_backups and not read_only:
        restore_button = box.addButton("Restore from backup…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if restore_button is None or box.clickedButton() is not restore_button:
        return None
    dialog = RestoreDialog(error.path, parent)
    source = dialog.chosen() if dialog.exec() == RestoreDialog.DialogCode.Accepted else None
    if source is None:
        return None
    try:
        result = restore_backup(error.path, source)
    except (StorageError, OSError) as failure:
        message = str(failure)
        print(f"trellis: {message}", file=sys.stderr)
        failed = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, message, parent=parent)
        failed.setTextFormat(Qt.TextFormat.PlainText)
        failed.exec()
        return None
    print(
        f"trellis: restored {result.people} contacts from {source}; the damaged file is "
        f"kept as {result.saved_as}.",
        file=sys.stderr,
    )
    return open_for_gui(path, read_only, True, parent)


# Start-up makes tens of thousands of objects that live as long as the process (modules,
# classes, Qt wrappers), and the cycle collector would scan them again and again before the
# first paint. Until then it runs rarely; afterwards the start-up's objects are frozen out
# of its scans for good and the usual thresholds come back.
START_UP_GC_THRESHOLD = 100_000


def _quiet_gc_until_first_paint() -> Callable[[], None]:
    """Raise the collector's first threshold; the returned callable restores it (once)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(START_UP_GC_THRESHOLD, *thresholds[1:])

    def restore() -> None:
        if gc.get_threshold()[0] == START_UP_GC_THRESHOLD:
            gc.freeze()
            gc.set_threshold(*thresholds)

    return restore


def run_gui(args: argparse.Namespace) -> int:
    restore_gc = _quiet_gc_until_first_paint()
    try:
        return _run_gui(args, restore_gc)
    finally:
        restore_gc()


def _run_gui(args: argparse.Namespace, restore_gc: Callable[[], None]) -> int:
    from desktop_app.paths import db_path

    app = create_application([sys.argv[0], *getattr(args, "qt_options", [])])
    from desktop_app.ui.window.file_open import FileOpenForwarder

    opened_files = FileOpenForwarder(app)  # macOS "Open With"; kept until there is a window
    if sys.platform == "darwin":
        # Only macOS sends QFileOpenEvent. Elsewhere an application-wide Python filter
        # would only slow every event down (each one wrapped for Python) for nothing.
        app.installEventFilter(opened_files)
    from desktop_app.ui.window.theme import apply_saved_theme

    apply_saved_theme()  # the chosen theme from the first message on (open_window again)
    path = db_path(args)
    interactive = not args.exit_when_ready
    db = open_for_gui(path, args.read_only, interactive=interactive)
    files = [Path(f) for f in getattr(args, "files", None) or []]
    while True:
        if db is None:
            return 1
        try:
            with translated_errors(db.path):
                window = _first_window(db, files, interactive)
            break
        except StorageError as known:
            # Damage the opening check could not afford to look for (a large file) is met
            # by the first reads instead: the same message, the same offer of a backup.
            db.close()
            print(f"trellis: {known}", file=sys.stderr)
            db = (
                _ask_after_storage_error(known, path, args.read_only, None) if interactive else None
            )
    if window is None:
        return 0  # the first-run questions were closed
    window.first_painted.connect(restore_gc)
    workspace = window.workspace
    if args.exit_when_ready:
        # Connected before the event loop paints, so before work queued after the paint.
        # A storage condition met while painting (damage a large file hid from the check
        # on opening) is the same one line and exit 1 as one met before the window.
        failures: list[str] = []

        def fail(message: str) -> None:
            if not failures:
                failures.append(message)
                print(f"trellis: {message}", file=sys.stderr)
                app.exit(1)

        window.workspace.error_raised.connect(fail)
        window.contacts_ready.connect(lambda: None if failures else app.exit(0))
    else:
        _hook_up(window, opened_files)
    opened_files.set_target(window.importer.start)
    code = app.exec()
    workspace.close()
    return int(code)


def _first_window(db: Database, files: list[Path], interactive: bool) -> MainWindow | None:
    """The main window on `db`, shown; None when the user closed the first-run questions."""
    from desktop_app.ui.window.workspace import Workspace

    workspace = Workspace(db)
    window = open_window(workspace, files, interactive=interactive)
    if window is None:
        workspace.close()
    return window


def open_window(
    workspace: Workspace, files: list[Path], interactive: bool = True
) -> MainWindow | None:
    """Show the window over `workspace` and start importing `files`; None if the user
    cancels the welcome.

    An empty network first asks who you are (or opens the sample), before any import, so
    the map has its centre; an import that brings you in then offers "which of these is
    you?" (MainWindow). A network with people but no me asks once after the first paint.
    Without `interactive` (--exit-when-ready) nothing asks and the contact table opens.
    """
    from desktop_app.ui.window.icons import ensure_app_icon
    from desktop_app.ui.window.main_window import MainWindow
    from desktop_app.ui.window.theme import apply_saved_theme

    ensure_app_icon()
    apply_saved_theme()  # before the welcome or the window shows
    import_next = False
    if interactive and not workspace.read_only and workspace.contacts.count() == 0:
        from desktop_app.ui.window.first_run import run_first_run
        from desktop_app.ui.window.welcome_dialog import FirstRunChoice

        choice = run_first_run(workspace)
        if choice is None:
            return None
        import_next = choice is FirstRunChoice.IMPORT and not files
    window = MainWindow(workspace)
    if not interactive:
        window.show_view(0)  # the contact table is what "ready" means, whatever was last open
    elif not files:  # an import asks after it instead
        window.first_painted.connect(window.ask_who_is_me_on_open)
    window.show()
    if files:
        QTimer.singleShot(0, lambda: window.importer.start(files))
    elif import_next:  # "Import my contacts" on the welcome: the file chooser, over the window
        window.first_painted.connect(window.importer.choose_files)
    return window


def _hook_up(window: MainWindow, opened_files: FileOpenForwarder) -> None:
    """What a window the user works in needs besides itself, again for the window a
    restore opens in its place."""
    from desktop_app.ui.today.due_notice import schedule_due_notice

    workspace = window.workspace
    window.first_painted.connect(lambda: after_first_paint(window))
    window.first_painted.connect(lambda: schedule_due_notice(window, workspace))
    opened_files.set_target(window.importer.start)
    window.replaced.connect(lambda replacement: _hook_up(replacement, opened_files))


class _BackupNews(QObject):
    """Carries a failed daily backup from the worker thread to the window's thread."""

    failed = Signal(str)


def after_first_paint(window: MainWindow) -> threading.Thread:
    """Work that must not delay the window: the daily backup and warming up the ORM.

    A daily backup that fails (a full disk, a damaged database) does not stop the user
    working, but the window says so.
    """
    db = window.workspace.db
    news = _BackupNews(window)
    news.failed.connect(lambda message: _tell_backup_failed(window, message))

    def work() -> None:
        from desktop_app.storage.database import warm_up_orm

        warm_up_orm()
        if db.read_only:
            return
        from desktop_app.storage.backup import backup_if_due
        from desktop_app.storage.errors import translated_errors

        try:
            with translated_errors(db.path):
                backup_if_due(db.path)
        except (StorageError, OSError) as error:
            message = f"The daily backup failed: {error}"
            print(f"trellis: {message}", file=sys.stderr)
            with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
                news.failed.emit(message)

    thread = threading.Thread(target=work, name="trellis-warm-up", daemon=True)
    thread.start()
    return thread


def _tell_backup_failed(window: MainWindow, message: str) -> None:
    window.statusBar().showMessage(message, 15000)
    window.last_error = message
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, parent=window)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
