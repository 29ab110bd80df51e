"""The one main window: views in tabs, the detail panel docked beside them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent, QPaintEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_NAME
from desktop_app.domain.values import NewPerson
from desktop_app.ui.common.accessibility import leave_tables_with_tab
from desktop_app.ui.contacts.contacts_view import ContactsView
from desktop_app.ui.importing.controller import ImportController, dropped_paths
from desktop_app.ui.sync.sync_controller import SyncController
from desktop_app.ui.window import actions as menu_actions
from desktop_app.ui.window import window_state
from desktop_app.ui.window.views import VIEWS, ViewSpec
from desktop_app.ui.window.workspace import Workspace

if TYPE_CHECKING:
    from desktop_app.ui.contacts.detail_panel import DetailPanel


class MainWindow(QMainWindow):
    """Views are built the first time their tab is shown (see `ui/window/views.py`)."""

    contacts_ready = Signal()  # the contact table has painted its first rows
    first_painted = Signal()  # the window has painted once, whichever view it opened on
    view_created = Signal(str, QWidget)
    replaced = Signal(QMainWindow)  # a restore opened this window in our place, not shown yet
    who_is_me_asked = Signal(object)  # the "which of these is you?" dialog, once open
    shortcuts_shown = Signal(object)  # Help ▸ Keyboard shortcuts, once open

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.view_specs: tuple[ViewSpec, ...] = VIEWS
        self.views: dict[str, QWidget] = {}
        self.last_error = ""
        self._painted_once = False
        self._guide: QWidget | None = None
        self.setWindowTitle(f"{workspace.db.path.name} — {APP_NAME}")
        self.resize(1280, 800)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        for spec in self.view_specs:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, spec.title)
        self.tabs.currentChanged.connect(self._ensure_view)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        if workspace.read_only:
            banner = QLabel(
                "This database is open read-only: you can look around, but changes cannot be saved."
            )
            banner.setTextFormat(Qt.TextFormat.PlainText)
            banner.setObjectName("readOnlyBanner")
            banner.setStyleSheet(
                "#readOnlyBanner { background: #fff4ce; color: #5c4400; padding: 6px 10px; }"
            )
            layout.addWidget(banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        # The dock is here at once (its place is remembered); its panel is built right after
        # the first paint, or when first asked for, so it does not delay the table.
        self._detail_panel: DetailPanel | None = None
        self.detail_dock = QDockWidget("Details", self)
        self.detail_dock.setObjectName("detailDock")
        self.detail_dock.setMinimumWidth(300)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.detail_dock)

        self.statusBar()
        workspace.error_raised.connect(self._show_error)
        # File ▸ Import…/Export contacts…, and files or folders dropped on the window.
        self.importer = ImportController(workspace, self)
        self.importer.imported.connect(self._on_importer_imported)
        # Sync ▸ Sync now, Settings ▸ Sync…, the status line (ui/sync/).
        self.syncer = SyncController(workspace, self)
        self.first_painted.connect(self.syncer.start)
        self.setAcceptDrops(True)  # the drag handlers below; no filter on the whole window
        self.recent_menu: QMenu  # File ▸ Open Recent, made with the menus
        self.actions_by_name = menu_actions.build_menus(self)
        if not workspace.read_only:
            from desktop_app.ui.window.network_files import remember_network

            remember_network(workspace.db.path)

        remembered = window_state.restore_window(self)
        self._ensure_view(0)
        header = remembered.get("contacts_header")
        if isinstance(header, QByteArray):
            self.contacts_view.restore_header_state(bytes(header.data()))
        last = remembered.get("current_view")
        keys = [s.key for s in self.view_specs]
        if isinstance(last, str) and last in keys:
            self.tabs.setCurrentIndex(keys.index(last))
        # Showing me in the detail panel is not needed for the first paint: it follows it.
        self.first_painted.connect(self._select_me_if_nobody_is_selected)

    @property
    def detail_panel(self) -> DetailPanel:
        if self._detail_panel is None:
            from desktop_app.ui.contacts.detail_panel import DetailPanel

            panel = DetailPanel(self.workspace)
            leave_tables_with_tab(panel)
            panel.edit_requested.connect(self.edit_person)
            panel.delete_requested.connect(self.delete_people)
            self.detail_dock.setWidget(panel)
            self._detail_panel = panel
            if self.workspace.current_person is not None:
                panel.show_person(self.workspace.current_person)
        return self._detail_panel

    def _select_me_if_nobody_is_selected(self) -> None:
        self.detail_panel  # noqa: B018 - build it now that the table has painted
        me = self.workspace.contacts.me_id()
        if me is not None and self.workspace.current_person is None:
            self.workspace.select_person(me)

    # -- views ---------------------------------------------------------------------------

    @property
    def contacts_view(self) -> ContactsView:
        view = self.views["contacts"]
        assert isinstance(view, ContactsView)
        return view

    def _ensure_view(self, index: int) -> None:
        spec = self.view_specs[index]
        if spec.key in self.views:
            return
        holder = self.tabs.widget(index)
        assert holder is not None
        view = spec.create(self.workspace, holder)
        layout = holder.layout()
        assert layout is not None
        layout.addWidget(view)
        self.views[spec.key] = view
        leave_tables_with_tab(view)
        if hasattr(view, "open_person_requested"):
            view.open_person_requested.connect(self.edit_person)
        if isinstance(view, ContactsView):
            view.first_rows_painted.connect(self.contacts_ready)
            view.delete_requested.connect(self.delete_people)
            view.new_person_requested.connect(self.new_person)
            view.import_requested.connect(self.importer.choose_files)
        self.view_created.emit(spec.key, view)

    def show_view(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    def focus_filter(self) -> None:
        """Edit ▸ Find (Ctrl+F): the open view's filter or search box; views without one
        hand over to the contacts filter. The one binding of the key, so it stays unambiguous."""
        view = self.views.get(self.view_specs[self.tabs.currentIndex()].key)
        focus = getattr(view, "focus_filter", None)
        if not callable(focus):
            self.show_view(0)
            focus = self.contacts_view.focus_filter
        focus()

    # -- contact actions -----------------------------------------------------------------

    def new_person(self) -> None:
        from desktop_app.ui.contacts.contact_commands import CreatePersonCommand
        from desktop_app.ui.contacts.person_dialog import PersonDialog

        dialog = PersonDialog(self)
        if dialog.exec() != PersonDialog.DialogCode.Accepted:
            return
        form = dialog.result_form()
        from desktop_app.domain.values import EmploymentRecord

        current = (EmploymentRecord(form.organization, form.title),) if form.organization else ()
        jobs = current + form.past_jobs
        points = form.points
        new = NewPerson(
            fields=form.fields,
            emails=points.emails,
            phones=points.phones,
            urls=points.urls,
            addresses=points.addresses,
            tags=form.tags,
            employment=jobs,
            source="manual",
        )
        command = CreatePersonCommand(self.workspace, new)
        if self.workspace.execute(command):
            self.workspace.select_person(command.person_id)

    def edit_current_person(self) -> None:
        if self.workspace.current_person is not None:
            self.edit_person(self.workspace.current_person)

    def edit_person(self, person_id: int) -> None:
        if self.workspace.read_only:
            return
        from desktop_app.ui.contacts.contact_commands import EditPersonCommand
        from desktop_app.ui.contacts.person_dialog import PersonDialog, PersonForm

        detail = self.workspace.contacts.detail(person_id)
        current = next((j for j in detail.employment if j.current), None)
        initial = PersonForm(
            detail.fields,
            current.organization if current else "",
            current.title if current else "",
            detail.tags,
            detail.contact_points,
            tuple(j for j in detail.employment if not j.current),
        )
        dialog = PersonDialog(self, initial, f"Edit {detail.fields.full_name}")
        if dialog.exec() != PersonDialog.DialogCode.Accepted:
            return
        form = dialog.result_form()
        self.workspace.execute(
            EditPersonCommand(
                self.workspace,
                person_id,
                form.fields,
                form.tags,
                (form.organization, form.title),
                points=form.points,
                past_jobs=form.past_jobs,
            )
        )

    def delete_selected_people(self) -> None:
        ids = self.contacts_view.selected_person_ids() if self.tabs.currentIndex() == 0 else []
        if not ids and self.workspace.current_person is not None:
            ids = [self.workspace.current_person]
        if ids:
            self.delete_people(ids)

    def delete_people(self, person_ids: list[int]) -> None:
        me = self.workspace.contacts.me_id()
        ids = [i for i in person_ids if i != me]
        if not ids:
            self._show_error("You are the centre of your network and cannot be deleted.")
            return
        names = [s.full_name for s in self.workspace.contacts.summaries(ids)]
        from desktop_app.ui.contacts.contact_commands import DeletePeopleCommand

        if not self.workspace.execute(DeletePeopleCommand(self.workspace, ids, names)):
            return
        from desktop_app.ui.common.undo_notice import say_with_undo

        what = names[0] if len(names) == 1 else f"{len(ids)} people"
        say_with_undo(self, self.workspace.undo_stack, f"Deleted {what}")

    def choose_me(self) -> None:
        """Edit ▸ Which one is me…"""
        from desktop_app.ui.window import who_is_me

        who_is_me.choose(self)

    def ask_who_is_me_on_open(self) -> None:
        """A network with people but nobody marked as me asks once (app.open_window)."""
        from desktop_app.ui.window import who_is_me

        who_is_me.ask_on_open(self)

    def _on_importer_imported(self, report: object) -> None:
        from desktop_app.services.importing.report import ImportReport
        from desktop_app.ui.window import who_is_me

        if isinstance(report, ImportReport):
            who_is_me.ask_after_import(self, report.change_set)

    # -- file actions --------------------------------------------------------------------

    def new_network(self) -> None:
        """File ▸ New network…: the new network opens in a new MainWindow."""
        from desktop_app.ui.window.network_files import new_network

        new_network(self, MainWindow)

    def open_network(self) -> None:
        """File ▸ Open network…"""
        from desktop_app.ui.window.network_files import open_network

        open_network(self, MainWindow)

    def fill_recent_menu(self) -> None:
        """File ▸ Open Recent, filled each time it opens."""
        from desktop_app.ui.window.network_files import fill_recent_menu

        fill_recent_menu(self.recent_menu, self, MainWindow)

    def restore_from_backup(self) -> None:
        """File ▸ Restore from backup…; the restored network opens in a new MainWindow."""
        from desktop_app.ui.window.restore_flow import restore_from_backup

        restore_from_backup(self, MainWindow)

    def export_json(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export as JSON", str(Path.home() / "trellis-network.json"), "JSON (*.json)"
        )
        if not path:
            return
        from desktop_app.services.exporting.json_export import write_export

        try:
            write_export(self.workspace.db, Path(path), stream=None)  # type: ignore[arg-type]
        except OSError as error:
            self._show_error(f"Could not write {path}: {error.strerror or error}")
            return
        self.statusBar().showMessage(f"Exported the network to {path}", 6000)

    def show_about(self) -> None:
        from desktop_app.ui.window.help import AboutDialog

        path = self.workspace.db.path
        AboutDialog(str(path), str(path.parent), self).exec()

    def show_user_guide(self) -> None:
        """Help ▸ User guide: one window, raised again when asked again."""
        from desktop_app.ui.window.help import GuideWindow

        if self._guide is None:
            self._guide = GuideWindow(self)
        self._guide.show()
        self._guide.raise_()
        self._guide.activateWindow()

    def show_shortcuts(self) -> None:
        from desktop_app.ui.window.help import ShortcutsWindow

        dialog = ShortcutsWindow(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.shortcuts_shown.emit(dialog)

    # -- dropped files -------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._accept_contact_files(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._accept_contact_files(event)

    def dropEvent(self, event: QDropEvent) -> None:
        """Contact files and folders dropped anywhere on the window are imported."""
        paths = dropped_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.importer.start(paths)

    def _accept_contact_files(self, event: QDragMoveEvent) -> None:
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    # -- plumbing ------------------------------------------------------------------------

    def _show_error(self, message: str) -> None:
        """Window-modal and non-blocking: the event loop (and any running work) goes on."""
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_error = message

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted_once:
            self._painted_once = True
            # Children paint in the same pass, after their parent: queue behind it.
            QTimer.singleShot(0, self.first_painted.emit)

    def closeEvent(self, event: QCloseEvent) -> None:
        extra: dict[str, object] = {"current_view": self.view_specs[self.tabs.currentIndex()].key}
        if "contacts" in self.views:
            extra["contacts_header"] = QByteArray(self.contacts_view.header_state())
        window_state.save_window(self, extra)
        super().closeEvent(event)
