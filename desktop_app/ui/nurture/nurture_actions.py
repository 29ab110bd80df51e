"""The nurture features' menu entries and their slots, added to the main window.

`ui/window/actions.py` calls `add_nurture_actions` once; everything here acts through the
workspace, so the main window needs no nurture-specific methods.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow

QUICK_LOG_SHORTCUT = QKeySequence("Ctrl+L")


def _selected_people(window: MainWindow) -> list[int]:
    """Who "Log interaction" starts with: the table's selection, else the current person."""
    ids: list[int] = []
    view = window.views.get("contacts")
    selected = getattr(view, "selected_person_ids", None)
    if callable(selected) and window.tabs.currentWidget() is not None:
        holder = window.tabs.currentWidget()
        if view is not None and view.parent() is holder:
            ids = list(selected())
    if not ids and window.workspace.current_person is not None:
        ids = [window.workspace.current_person]
    me = window.workspace.contacts.me_id()
    return [i for i in ids if i != me]


def quick_log(window: MainWindow) -> None:
    from desktop_app.ui.nurture.quick_log import open_quick_log

    open_quick_log(window.workspace, _selected_people(window), window)


def open_goals(window: QWidget, workspace: object) -> None:
    from desktop_app.ui.nurture.goals_dialog import GoalsDialog

    GoalsDialog(workspace, window).exec()  # type: ignore[arg-type]


def open_share(window: QWidget, workspace: object) -> None:
    from desktop_app.ui.nurture.share_dialog import ShareDialog

    ShareDialog(workspace, window).exec()  # type: ignore[arg-type]


def open_cadences(window: QWidget, workspace: object) -> None:
    from desktop_app.ui.nurture.cadence_dialog import CadenceDialog

    CadenceDialog(workspace, window).exec()  # type: ignore[arg-type]


def export_calendar(window: MainWindow) -> None:
    path, _ = QFileDialog.getSaveFileName(
        window,
        "Export check-ins to a calendar",
        str(Path.home() / "trellis-check-ins.ics"),
        "iCalendar (*.ics)",
    )
    if not path:
        return
    from desktop_app.services.exporting.ics_export import export_ics

    try:
        count = export_ics(window.workspace.db, Path(path))
    except OSError as error:
        window.workspace.error_raised.emit(f"Could not write {path}: {error.strerror or error}")
        return
    window.statusBar().showMessage(
        f"{count} check-ins and follow-ups for the next 90 days written to {path}", 8000
    )


def add_nurture_actions(window: MainWindow, actions: dict[str, QAction], menu: QMenu) -> None:
    """Fill `menu` (the Network menu) and register the actions by name."""
    read_only = window.workspace.read_only
    workspace = window.workspace

    def make(name: str, text: str, slot: object, shortcut: QKeySequence | None = None) -> None:
        action = QAction(text, window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        actions[name] = action
        menu.addAction(action)
        window.addAction(action)  # the shortcut works whichever view has focus

    make("quick_log", "&Log interaction…", lambda: quick_log(window), QUICK_LOG_SHORTCUT)
    make("share", "&Share something useful…", lambda: open_share(window, workspace))
    menu.addSeparator()
    make("goals", "&Goals…", lambda: open_goals(window, workspace))
    make("cadences", "&Keep-in-touch rhythm…", lambda: open_cadences(window, workspace))
    menu.addSeparator()
    make("export_ics", "Export check-ins to &calendar (.ics)…", lambda: export_calendar(window))
    if read_only:
        for name in ("quick_log", "share"):
            actions[name].setEnabled(False)

    window.view_created.connect(lambda key, view: _extend_view(window, key, view))
    for key, view in window.views.items():
        _extend_view(window, key, view)


def _extend_view(window: MainWindow, key: str, view: QWidget) -> None:
    """Offer "Log interaction…" in the context menus of views that keep a list of extra
    actions (the map opens the quick log from its own node menu)."""
    if view.property("nurture_extended"):
        return
    view.setProperty("nurture_extended", True)
    extra = getattr(view, "context_actions", None)
    if isinstance(extra, list):
        # The shortcut lives on the window's action; a second one here would be ambiguous.
        action = QAction("Log interaction…\tCtrl+L", view)
        action.setData("quick_log")
        action.triggered.connect(lambda: quick_log(window))
        action.setEnabled(not window.workspace.read_only)
        extra.append(action)
