"""The main window's menus and shortcuts, kept apart from the window itself.

Features add their entries here (File ▸ Import…, File ▸ Print map…, Ctrl+L …) by
extending `build_menus`, each connecting to a method of the main window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

if TYPE_CHECKING:
    from desktop_app.ui.window.main_window import MainWindow


Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


def _action(
    window: MainWindow,
    text: str,
    slot: Callable[..., object],
    shortcut: Shortcut = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(shortcut)
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    return action


def _add_theme_menu(window: MainWindow, actions: dict[str, QAction], view_menu: QMenu) -> None:
    """View ▸ Theme: System, Light, Dark; one checked, remembered (ui/window/theme.py)."""
    from desktop_app.ui.window.theme import Theme, choose_theme, saved_theme

    menu = view_menu.addMenu("&Theme")
    group = QActionGroup(window)
    current = saved_theme()
    for theme in Theme:
        action = QAction(theme.label, window)
        action.setCheckable(True)
        action.setChecked(theme is current)
        action.triggered.connect(lambda _checked=False, t=theme: choose_theme(t))
        group.addAction(action)
        menu.addAction(action)
        actions[f"theme_{theme.value}"] = action


def _add_network_files(window: MainWindow, actions: dict[str, QAction], file_menu: QMenu) -> None:
    """File ▸ New network…, Open network…, Open Recent (ui/window/network_files.py)."""
    actions["new_network"] = _action(
        window,
        "New net&work…",
        window.new_network,
        tip="Start a separate network in a new file, with its own backups",
    )
    actions["open_network"] = _action(
        window,
        "&Open network…",
        window.open_network,
        QKeySequence.StandardKey.Open,
        "Open another network's file in place of this one",
    )
    file_menu.addAction(actions["new_network"])
    file_menu.addAction(actions["open_network"])
    window.recent_menu = file_menu.addMenu("Open Re&cent")
    window.recent_menu.aboutToShow.connect(window.fill_recent_menu)
    window.fill_recent_menu()


def build_menus(window: MainWindow) -> dict[str, QAction]:
    """Create every menu and return the actions by name (tests and features use them)."""
    actions: dict[str, QAction] = {}
    bar = window.menuBar()
    read_only = window.workspace.read_only

    file_menu = bar.addMenu("&File")
    actions["new_contact"] = _action(
        window,
        "&New contact…",
        window.new_person,
        QKeySequence.StandardKey.New,
        "Add someone to your network",
    )
    actions["export_json"] = _action(
        window, "Export as &JSON…", window.export_json, tip="Save the whole network as a JSON file"
    )
    actions["import_contacts"] = _action(
        window,
        "&Import contacts…",
        window.importer.choose_files,
        QKeySequence("Ctrl+I"),
        "Read vCard (.vcf) or CSV files: LinkedIn, Google, Outlook, phones",
    )
    actions["export_contacts"] = _action(
        window,
        "E&xport contacts…",
        window.importer.choose_export,
        tip="Save every contact as vCard 4.0 or 3.0, or CSV",
    )
    actions["restore_backup"] = _action(
        window,
        "&Restore from backup…",
        window.restore_from_backup,
        tip="Put one of the automatic backups back in place (the present is backed up first)",
    )
    # Windows has no standard Quit key (Alt+F4 closes the window): Ctrl+Q as elsewhere.
    quit_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
    actions["quit"] = _action(window, "&Quit", window.close, None)
    actions["quit"].setShortcuts(quit_keys or [QKeySequence("Ctrl+Q")])
    file_menu.addAction(actions["new_contact"])
    file_menu.addAction(actions["import_contacts"])
    file_menu.addSeparator()
    _add_network_files(window, actions, file_menu)
    file_menu.addSeparator()
    file_menu.addAction(actions["export_contacts"])
    file_menu.addAction(actions["export_json"])
    file_menu.addSeparator()

    from desktop_app.ui.printing.map_print_actions import add_map_print_actions

    add_map_print_actions(window, actions, file_menu)
    file_menu.addSeparator()
    file_menu.addAction(actions["restore_backup"])
    file_menu.addSeparator()
    file_menu.addAction(actions["quit"])

    edit_menu = bar.addMenu("&Edit")
    undo = window.workspace.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = window.workspace.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Shift+Z")])
    actions["undo"], actions["redo"] = undo, redo
    actions["edit_contact"] = _action(
        window, "&Edit contact…", window.edit_current_person, QKeySequence("Ctrl+E")
    )
    actions["delete_contact"] = _action(
        window, "&Delete contact", window.delete_selected_people, QKeySequence.StandardKey.Delete
    )
    actions["find"] = _action(window, "&Find…", window.focus_filter, QKeySequence.StandardKey.Find)
    actions["choose_me"] = _action(
        window,
        "Which one is &me…",
        window.choose_me,
        tip="Choose the person who is you: the centre of the map, where every path starts",
    )
    for name in ("undo", "redo"):
        edit_menu.addAction(actions[name])
    edit_menu.addSeparator()
    for name in ("edit_contact", "delete_contact", "find"):
        edit_menu.addAction(actions[name])
    edit_menu.addSeparator()
    edit_menu.addAction(actions["choose_me"])

    view_menu = bar.addMenu("&View")
    for index, spec in enumerate(window.view_specs):
        action = _action(
            window,
            spec.title,
            lambda _c=False, i=index: window.show_view(i),
            QKeySequence(spec.shortcut),
        )
        actions[f"view_{spec.key}"] = action
        view_menu.addAction(action)
    view_menu.addSeparator()
    view_menu.addAction(window.detail_dock.toggleViewAction())
    _add_theme_menu(window, actions, view_menu)

    from desktop_app.ui.nurture.nurture_actions import add_nurture_actions

    network_menu = bar.addMenu("&Network")
    add_nurture_actions(window, actions, network_menu)
    network_menu.addSeparator()
    actions["sort_circles"] = _action(
        window,
        "S&ort people into circles…",
        window.importer.open_sorting,
        tip="Go through suggested circles and ties and the people without a circle, by keyboard",
    )
    actions["sort_circles"].setEnabled(not read_only)
    network_menu.addAction(actions["sort_circles"])
    actions["not_contacts"] = _action(
        window,
        "People I talked to who are &not contacts…",
        lambda _checked=False: _open_not_contacts(window),
        tip="Add people from your imported mail, LinkedIn messages and calendar as contacts",
    )
    network_menu.addAction(actions["not_contacts"])

    from desktop_app.ui.sync.sync_actions import add_sync_actions

    add_sync_actions(window, actions, bar)

    help_menu = bar.addMenu("&Help")
    actions["user_guide"] = _action(
        window,
        "&User guide",
        window.show_user_guide,
        QKeySequence.StandardKey.HelpContents,
        "How Trellis works, in a window of its own (offline)",
    )
    actions["shortcuts"] = _action(
        window, "&Keyboard shortcuts", window.show_shortcuts, QKeySequence("Ctrl+/")
    )
    actions["about"] = _action(window, "&About Trellis", window.show_about)
    help_menu.addAction(actions["user_guide"])
    help_menu.addAction(actions["shortcuts"])
    help_menu.addSeparator()
    help_menu.addAction(actions["about"])

    if read_only:
        for name in (
            "new_contact",
            "import_contacts",
            "edit_contact",
            "delete_contact",
            "restore_backup",
            "choose_me",
        ):
            actions[name].setEnabled(False)
    for action in actions.values():
        window.addAction(action)  # shortcuts work whichever view has focus
    _delete_only_where_people_are(window, actions["delete_contact"])
    build_toolbar(window, actions)
    return actions


def _delete_only_where_people_are(window: MainWindow, action: QAction) -> None:
    """The Delete key deletes people only from the contact table and the map; elsewhere
    it is the focused widget's (a character in a text field, nothing in other lists).
    The menu entry still works from anywhere."""
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    window.removeAction(action)

    def attach(key: str, view: QWidget) -> None:
        target = {"contacts": "table", "map": "canvas"}.get(key)
        widget = getattr(view, target, None) if target else None
        if isinstance(widget, QWidget):
            widget.addAction(action)

    window.view_created.connect(attach)


# (action name, short text under the icon, the platform theme's icon name, our own drawing)
TOOLBAR: tuple[tuple[str, str, str, str], ...] = (
    ("new_contact", "New contact", "contact-new", "new-contact"),
    ("import_contacts", "Import", "document-import", "import"),
    ("quick_log", "Log interaction", "mail-message-new", "log-interaction"),
    ("find", "Find", "edit-find", "find"),
    ("sync_now", "Sync", "view-refresh", "sync"),
    ("print_map", "Print map", "document-print", "print-map"),
    ("user_guide", "Guide", "help-contents", "user-guide"),
)


def build_toolbar(window: MainWindow, actions: dict[str, QAction]) -> QToolBar:
    """The main actions with icons (the platform's where it has them, else ours); the
    menus show the same icons."""
    from desktop_app.ui.window.icons import action_icon

    bar = QToolBar("Main toolbar", window)
    bar.setObjectName("mainToolBar")  # its place is remembered with the window
    bar.setAccessibleName("Main toolbar")
    bar.setIconSize(QSize(22, 22))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for name, short, theme_name, bundled in TOOLBAR:
        action = actions.get(name)
        if action is None:
            continue
        action.setIcon(action_icon(theme_name, bundled))
        action.setIconText(short)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{short} ({keys})" if keys else short)
        bar.addAction(action)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar


def _open_not_contacts(window: MainWindow) -> None:
    from desktop_app.ui.importing.not_contacts_dialog import open_not_contacts

    open_not_contacts(window.workspace, window)
