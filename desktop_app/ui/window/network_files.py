"""File ▸ New network…, Open network…, Open Recent: one network, one database file.

Each network is its own SQLite file with its own lock, backups (`<name>.backups/`) and
attachments (`<name>.attachments/`). Switching opens the other file first (so a refusal
leaves the window as it was), then closes this network and shows a fresh window on the
other one, as a restore does (`restore_flow`). The recent files are remembered in
QSettings (`files/recent`, newest first); one that has gone is shown greyed, and asking
for it says so and takes it off the list.

The window hands in how to make the new window (`new_window`): this module never imports
`main_window` at run time, which imports it (tests/unit/test_layers.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QWidget

from desktop_app import APP_NAME
from desktop_app.paths import data_dir
from desktop_app.storage.errors import DatabaseLockedError, StorageError

if TYPE_CHECKING:  # types only: main_window imports this module
    from collections.abc import Callable

    from desktop_app.ui.window.main_window import MainWindow
    from desktop_app.ui.window.workspace import Workspace

    NewWindow = Callable[[Workspace], MainWindow]

RECENT_KEY = "files/recent"
MAX_RECENT = 8
FILE_FILTER = "Trellis networks (*.db);;All files (*)"


# -- the remembered list ---------------------------------------------------------------


def recent_networks() -> list[Path]:
    """The networks opened last, newest first (present or not)."""
    value = QSettings().value(RECENT_KEY, [])
    if isinstance(value, str):  # QSettings gives a one-item list back as a string
        value = [value]
    if not isinstance(value, list):
        return []
    return [Path(v) for v in value if isinstance(v, str) and v]


def _store(paths: list[Path]) -> None:
    QSettings().setValue(RECENT_KEY, [str(p) for p in paths[:MAX_RECENT]])


def remember_network(path: Path) -> None:
    """Put `path` first in the recent list."""
    path = path.absolute()
    _store([path, *(p for p in recent_networks() if p != path)])


def forget_network(path: Path) -> None:
    _store([p for p in recent_networks() if p != path])


def last_network() -> Path | None:
    """The network opened last, if its file is still there (the window opens on it)."""
    return next((p for p in recent_networks() if p.is_file()), None)


# -- the menu --------------------------------------------------------------------------


def fill_recent_menu(menu: QMenu, window: MainWindow, new_window: NewWindow) -> None:
    """File ▸ Open Recent: the remembered networks; the open one checked, gone ones greyed."""
    menu.clear()
    current = window.workspace.db.path.absolute()
    paths = recent_networks()
    for number, path in enumerate(paths, start=1):
        present = path.is_file()
        name = path.name.replace("&", "&&")  # an & in a file name is shown, not a key
        label = f"&{number} {name}" if number < 10 else name
        if not present:
            label += " (not found)"
        action = menu.addAction(label)
        action.setToolTip(str(path) if present else f"{path} is no longer there")
        action.setStatusTip(action.toolTip())
        action.setCheckable(path == current)
        action.setChecked(path == current)
        action.setEnabled(present)
        action.triggered.connect(lambda _c=False, p=path: open_recent(window, p, new_window))
    if not paths:
        empty = menu.addAction("No networks opened yet")
        empty.setEnabled(False)
        return
    menu.addSeparator()
    clear = menu.addAction("&Clear list")
    clear.triggered.connect(lambda: _store([]))


# -- the actions -----------------------------------------------------------------------


def _folder(window: MainWindow) -> str:
    return str(window.workspace.db.path.parent if window.workspace.db.path else data_dir())


def new_network(window: MainWindow, new_window: NewWindow) -> MainWindow | None:
    """File ▸ New network…: a new, empty database file, opened in place of this one."""
    chosen, _ = QFileDialog.getSaveFileName(
        window, "New network", str(Path(_folder(window)) / "network.db"), FILE_FILTER
    )
    if not chosen:
        return None
    path = Path(chosen)
    if not path.suffix:
        path = path.with_suffix(".db")
    if path.exists():
        _tell(
            window,
            f"{path} already exists. A new network needs a new file name; "
            "to work in that network, use File ▸ Open network….",
        )
        return None
    return switch_to(window, path, new_window, creating=True)


def open_network(window: MainWindow, new_window: NewWindow) -> MainWindow | None:
    """File ▸ Open network…: another network's database, opened in place of this one."""
    chosen, _ = QFileDialog.getOpenFileName(window, "Open network", _folder(window), FILE_FILTER)
    if not chosen:
        return None
    return switch_to(window, Path(chosen), new_window)


def open_recent(window: MainWindow, path: Path, new_window: NewWindow) -> MainWindow | None:
    """File ▸ Open Recent ▸ a network; one that has gone is taken off the list."""
    if not path.is_file():
        forget_network(path)
        _tell(
            window,
            f"{path} is no longer there (moved, renamed or deleted), so it was "
            "taken off the list of recent networks.",
        )
        return None
    return switch_to(window, path, new_window)


def switch_to(
    window: MainWindow, path: Path, new_window: NewWindow, *, creating: bool = False
) -> MainWindow | None:
    """Open `path` and show it in a new window in place of `window`; None, with the
    reason told, when it cannot be opened (the window then stays as it was)."""
    from desktop_app.storage.database import open_database
    from desktop_app.ui.window.workspace import Workspace

    if path.absolute() == window.workspace.db.path.absolute():
        window.statusBar().showMessage(f"{path.name} is the network already open.", 6000)
        return None
    if not creating and not path.is_file():
        _tell(window, f"{path} is not a file.")
        return None
    try:
        db = open_database(path, backups=False, read_only_if_unwritable=True)
    except DatabaseLockedError as error:  # open in another window: read-only, if wanted
        if not _ask_read_only(window, str(error)):
            window.last_error = str(error)
            return None
        try:
            db = open_database(path, read_only=True, backups=False)
        except StorageError as again:
            _tell(window, f"Could not open {path.name}.\n\n{again}")
            return None
    except StorageError as error:
        _tell(window, f"Could not open {path.name}.\n\n{error}")
        return None
    except OSError as error:  # the folder cannot be written, the name is too long …
        _tell(window, f"Could not create {path}: {error.strerror or error}")
        return None
    remember_network(path)
    window.workspace.close()
    workspace = Workspace(db)
    import_next = _welcome_if_empty(workspace)
    replacement = new_window(workspace)
    if import_next:  # "Import my contacts": the file chooser, over the new window
        replacement.first_painted.connect(replacement.importer.choose_files)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(workspace.close)
    window.replaced.emit(replacement)  # its owner hooks up what follows the first paint
    replacement.show()
    window.close()
    window.deleteLater()
    what = "Created" if creating else "Opened"
    read_only = " (read-only)" if db.read_only else ""
    replacement.statusBar().showMessage(f"{what} {path}{read_only}", 10000)
    return replacement


def _welcome_if_empty(workspace: Workspace) -> bool:
    """An empty network starts as on the first run: who you are, or the sample. Closing
    the welcome keeps the network empty (its window says how to start). True when the
    user chose to import next."""
    if workspace.read_only or workspace.contacts.count() > 0:
        return False
    from desktop_app.ui.window.first_run import run_first_run
    from desktop_app.ui.window.welcome_dialog import FirstRunChoice

    return run_first_run(workspace) is FirstRunChoice.IMPORT


def _ask_read_only(parent: QWidget, message: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, message, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is read_only


def _tell(parent: QWidget, message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    if hasattr(parent, "last_error"):
        parent.last_error = message
