"""The network map view: the canvas, its toolbar, filters, legend and path finder.

Reads run on a worker thread, layouts in a child process (`services.layout_job`), so the
window stays responsive at any size. The map shares one selection with the table through
the Workspace, and reloads only when a change set touches what it draws.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.map import map_positions
from desktop_app.services.map.communities import Communities
from desktop_app.services.map.layout import compute_layout, layout_guides, starting_positions
from desktop_app.services.map.level_of_detail import detail_levels
from desktop_app.services.map.map_search import map_targets, match_targets
from desktop_app.services.map.network_graph import (
    MapFilters,
    NameCounts,
    NetworkSnapshot,
    parse_key,
    person_key,
    photos,
)
from desktop_app.ui.common.background import run_in_background
from desktop_app.ui.map.community_panel import CommunityPanel
from desktop_app.ui.map.layout_runner import LayoutRunner
from desktop_app.ui.map.map_colouring import MapColouring
from desktop_app.ui.map.map_filters import MapFilterPanel, MapLegend
from desktop_app.ui.map.map_loading import LoadedMap, load_map
from desktop_app.ui.map.map_style import NodeStyle, node_style
from desktop_app.ui.map.map_toolbar import MapToolbar
from desktop_app.ui.map.network_canvas import NetworkCanvas
from desktop_app.ui.map.path_panel import PathFinderPanel
from desktop_app.ui.map.path_wiring import MapPathFinder

if TYPE_CHECKING:
    from desktop_app.domain.values import ChangeSet
    from desktop_app.services.printing.job import MapPrintSource
    from desktop_app.ui.window.workspace import Workspace

MY_TIES_UP_TO = 150  # draw every line to me only in small networks (else a starburst)


class NetworkMapView(QWidget):
    """People, organisations and their links; see the module docstring."""

    open_person_requested = Signal(int)
    log_interaction_requested = Signal(int)
    add_relationship_requested = Signal(int)
    loaded = Signal()  # after each (re)load has been drawn
    layout_finished = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.filters = MapFilters()
        self.layout_kind = "force"
        self.snapshot = NetworkSnapshot((), ())
        self.hidden: set[str] = set()
        self.force_positions: dict[str, tuple[float, float]] = {}
        self.pinned: set[str] = set()
        # Saved positions are written in the order they were made: one writer thread.
        self._position_writes = QThreadPool(self)
        self._position_writes.setMaxThreadCount(1)
        self._seed = 0
        self._loading = False
        self._reload_pending = False
        self.colouring = MapColouring(self._show_banner, self)
        self.colouring.ready.connect(self._on_colouring_ready)
        self._name_counts = NameCounts()
        self._fit_after_layout = False
        self._me_id: int | None = None
        self._goal_named: frozenset[str] = frozenset()
        self._build()
        self._change_timer = QTimer(self, singleShot=True, interval=300)
        self._change_timer.timeout.connect(self.reload)
        self.log_interaction_requested.connect(self._on_log_interaction_requested)
        self.add_relationship_requested.connect(self._on_add_relationship_requested)
        workspace.changed.connect(self._on_workspace_changed)
        workspace.current_person_changed.connect(self._on_workspace_person_changed)
        self.reload()

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.toolbar = MapToolbar()
        bar = self.toolbar
        self.search, self.layout_combo = bar.search, bar.layout_combo
        self.relayout_button, self.colour_combo = bar.relayout_button, bar.colour_combo
        self.size_combo, self.my_ties = bar.size_combo, bar.my_ties
        self.fit_button, self.show_hidden_button = bar.fit_button, bar.show_hidden_button
        self.search.returnPressed.connect(self._on_search)
        self.layout_combo.currentIndexChanged.connect(self._on_layout_kind_changed)
        self.relayout_button.clicked.connect(self.relayout)
        self.colour_combo.currentIndexChanged.connect(self._on_colour_changed)
        self.size_combo.currentIndexChanged.connect(self._restyle)
        self.my_ties.toggled.connect(self._on_my_ties_toggled)
        self.show_hidden_button.clicked.connect(self.show_hidden)
        bar.panel_button.toggled.connect(self._on_panel_toggled)

        self.banner = QLabel("")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.layout_runner = LayoutRunner()
        self.layout_runner.partial.connect(self._on_layout_partial)
        self.layout_runner.done.connect(self._on_layout_done)
        self.layout_runner.failed.connect(self._show_banner)

        self.canvas = NetworkCanvas()
        self.canvas.setAccessibleName("Network map")
        self.fit_button.clicked.connect(self.canvas.fit)
        self.canvas.node_clicked.connect(self._on_canvas_node_clicked)
        self.canvas.node_activated.connect(self._on_canvas_node_activated)
        self.canvas.node_context_requested.connect(self._on_canvas_context)
        self.canvas.node_moved.connect(self._on_canvas_node_moved)
        self._faces_timer = QTimer(self, singleShot=True, interval=150)
        self._faces_timer.timeout.connect(self._load_faces)
        self.canvas.view_changed.connect(self._faces_timer.start)
        self._faces_requested: set[str] = set()
        self.empty = QLabel(
            "Nobody on your map yet.\n\nAdd people in Contacts, or import a vCard or LinkedIn "
            "file: they appear here with the organisations they work or worked at, and you "
            "in the middle."
        )
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(40)
        self.loading = QLabel("Loading the map…")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        for page in (self.loading, self.empty, self.canvas):
            self.stack.addWidget(page)

        self.filter_panel = MapFilterPanel()
        self.filter_panel.filters_changed.connect(self._on_filters_changed)
        self.legend = MapLegend()
        self.path_panel = PathFinderPanel()
        self.path_finder = MapPathFinder(
            self.workspace,
            self.path_panel,
            self.canvas,
            lambda key: self.canvas.node(key) or self.snapshot.node(key),
            self._show_banner,
            self,
        )
        self.community_panel = CommunityPanel()
        self.community_panel.hide()
        self.community_panel.bridge_chosen.connect(self._on_bridge_chosen)
        self.colouring.communities_found.connect(self.community_panel.set_communities)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        for panel in (self.path_panel, self.community_panel, self.filter_panel, self.legend):
            side_layout.addWidget(panel)
        side_layout.addStretch(1)
        self.side_panel = QScrollArea()
        self.side_panel.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what it holds
        self.side_panel.setWidgetResizable(True)
        self.side_panel.setWidget(side)
        self.side_panel.setMinimumWidth(280)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.side_panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([900, 320])
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.banner)
        layout.addWidget(self.layout_runner)
        layout.addWidget(self.splitter, 1)

    # -- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the network again (off the UI thread) and redraw it, keeping positions."""
        if self._loading:
            self._reload_pending = True
            return
        self._loading = True
        db, filters = self.workspace.db, self.filters
        run_in_background(
            lambda: load_map(db, filters), self._on_loaded, self._on_load_failed, context=self
        )

    def _on_load_failed(self, message: str) -> None:
        self._loading = False
        self._show_banner(f"The map could not be read: {message}")
        self.stack.setCurrentWidget(self.empty)

    def _on_loaded(self, result: LoadedMap) -> None:
        self._loading = False
        if self._reload_pending:
            self._reload_pending = False
            self.reload()
            return
        if result.filters != self.filters:  # narrowed because the network is huge
            self.filters = result.filters
            self.filter_panel.blockSignals(True)
            self.filter_panel.set_filters(result.filters)
            self.filter_panel.blockSignals(False)
        self.filter_panel.set_choices(result.tags, result.goals, result.organizations)
        self.path_panel.set_goals(result.goals)
        self.toolbar.refill_colour_modes(result.goals)
        self._show_banner(result.message)
        self.force_positions.update(result.positions)
        self.pinned = set(result.pinned)
        self.snapshot = result.snapshot
        self._goal_named = result.goal_named
        self.colouring.forget_communities()
        self._name_counts = result.counts
        self.canvas.set_goal_titles(result.serves)
        self._faces_requested.clear()  # a photo may have changed: fetch again when shown
        self._me_id = self.workspace.contacts.me_id()
        targets = map_targets(result.snapshot.nodes)
        labels = sorted((t.label for t in targets), key=str.casefold)
        self.toolbar.set_search_names(labels)
        self.path_panel.set_targets(targets)
        if result.snapshot.is_empty:
            self.stack.setCurrentWidget(self.empty)
            self.loaded.emit()
            return
        first_time = self.stack.currentWidget() is not self.canvas
        self.stack.setCurrentWidget(self.canvas)
        self.my_ties.blockSignals(True)
        if first_time:
            people = sum(1 for n in self.snapshot.nodes if n.kind == "person")
            self.my_ties.setChecked(people <= MY_TIES_UP_TO)
        self.my_ties.blockSignals(False)
        self._draw(fit=first_time)
        colour_by, _goal = self.colour_combo.currentData() or ("circle", None)
        if self.colouring.needs_refresh(colour_by):
            self._on_colour_changed()
        self.loaded.emit()

    def displayed(self) -> NetworkSnapshot:
        """The snapshot minus the nodes the user hid."""
        if not self.hidden:
            return self.snapshot
        nodes = tuple(n for n in self.snapshot.nodes if n.key not in self.hidden)
        keys = {n.key for n in nodes}
        edges = tuple(e for e in self.snapshot.edges if e.a in keys and e.b in keys)
        return NetworkSnapshot(nodes, edges)

    def print_source(self) -> MapPrintSource | None:
        """What File ▸ Print map… prints: this map as shown (ui/printing/map_printing.py)."""
        from desktop_app.ui.printing.map_printing import source_from_canvas

        colour_by, _goal = self.colour_combo.currentData() or ("circle", None)
        style = self._style(self.canvas.snapshot) if self.canvas.snapshot.nodes else None
        return source_from_canvas(self.canvas, style, colour_by == "circle")

    def _draw(self, fit: bool = False) -> None:
        shown = self.displayed()
        if self.layout_kind == "force":
            positions = dict(self.force_positions)
            missing = [n.key for n in shown.nodes if n.key not in positions]
            if missing:  # show where the layout starts from while it runs
                positions = starting_positions(shown, positions, self._seed)
        else:
            positions = compute_layout(shown, self.layout_kind)
            missing = []
        style = self._style(shown)
        self.legend.set_entries(style.legend)
        self.canvas.set_network(
            shown,
            positions,
            style,
            pinned=self.pinned if self.layout_kind == "force" else set(),
            show_my_ties=self.my_ties.isChecked(),
            levels=detail_levels(shown, self._goal_named),
            guides=layout_guides(shown, self.layout_kind),
        )
        self.toolbar.set_hidden_count(len(self.hidden))
        if self.workspace.current_person is not None:
            self.canvas.select(self._key_of_person(self.workspace.current_person))
        if missing:
            self._start_layout(fresh=len(missing) == len(shown.nodes))
        elif fit:
            self.canvas.fit()

    def _style(self, shown: NetworkSnapshot) -> NodeStyle:
        colour_by, _goal = self.colour_combo.currentData() or ("circle", None)
        return node_style(
            shown,
            colour_by,
            self.size_combo.currentData() or "strength",
            self.colouring.goal_keys,
            self.colouring.goal_title,
            self.colouring.check_in,
            self._name_counts,
            self.colouring.communities,
        )

    def _restyle(self) -> None:
        shown = self.canvas.snapshot
        style = self._style(shown)
        self.canvas.set_style(style)
        self.legend.set_entries(style.legend)

    # -- layouts -------------------------------------------------------------------------

    def _start_layout(self, fresh: bool) -> None:
        """Force layout in a child process; `fresh` ignores unpinned saved positions."""
        self.cancel_layout()
        shown = self.canvas.snapshot
        known = {k: p for k, p in self.force_positions.items() if not fresh or k in self.pinned}
        self._fit_after_layout = fresh or len(known) < len(shown.nodes) / 2
        self.layout_runner.start(shown, known, self._seed, self.pinned)

    def relayout(self) -> None:
        if self.layout_kind != "force":
            self._draw(fit=True)
            return
        self._seed += 1
        self._start_layout(fresh=True)

    def cancel_layout(self) -> None:
        self.layout_runner.cancel()

    @property
    def layout_running(self) -> bool:
        return self.layout_runner.running

    def _on_layout_partial(self, positions: dict[str, tuple[float, float]]) -> None:
        self.canvas.set_positions(positions)

    def _on_layout_done(self, positions: dict[str, tuple[float, float]]) -> None:
        self.force_positions.update(positions)
        if self.layout_kind == "force":
            self.canvas.set_positions(positions)
            if self._fit_after_layout:
                self.canvas.fit()
        db, pinned = self.workspace.db, set(self.pinned)
        run_in_background(
            lambda: map_positions.save_positions(db, positions, pinned),
            lambda _result: self.layout_finished.emit(),
            self._show_banner,
            context=self,
            pool=self._position_writes,
        )

    def _on_layout_kind_changed(self) -> None:
        self.cancel_layout()
        self.layout_kind = self.layout_combo.currentData()
        self.relayout_button.setEnabled(True)
        self._draw(fit=True)

    # -- workspace -----------------------------------------------------------------------

    def _on_workspace_changed(self, change: ChangeSet) -> None:
        self.path_finder.forget()  # recency and ties may have changed
        if (
            change.people_added
            or change.people_changed
            or change.people_removed
            or change.organizations_changed
            or change.relationships_changed
            or change.goals_changed
        ):
            self._change_timer.start()  # many edits in a row: one reload

    def _on_workspace_person_changed(self, person_id: int | None) -> None:
        key = self._key_of_person(person_id) if person_id is not None else None
        self.canvas.select(key)
        if key is not None:
            self.canvas.ensure_visible(key)

    def _key_of_person(self, person_id: int) -> str | None:
        key = person_key(person_id)
        if key in self.canvas.index:
            return key
        # Me is drawn as "me"; the workspace knows me by my person id.
        if "me" in self.canvas.index and self._me_id == person_id:
            return "me"
        return None

    def _person_id(self, key: str) -> int | None:
        kind, number = parse_key(key)
        if kind == "person":
            return number
        if kind == "me":
            return self._me_id
        return None

    # -- canvas events -------------------------------------------------------------------

    def _on_canvas_node_clicked(self, key: str) -> None:
        person = self._person_id(key)
        if person is not None:
            self.workspace.select_person(person)
        self.canvas.select(key)

    def _on_canvas_node_activated(self, key: str) -> None:
        person = self._person_id(key)
        if person is not None:
            self.open_person_requested.emit(person)
        else:
            node = self.canvas.node(key)
            if node is not None:
                self.path_panel.ask(node.label, key)

    def _on_canvas_node_moved(
        self, key: str, from_x: float, from_y: float, x: float, y: float
    ) -> None:
        if self.layout_kind != "force":
            # Only the force layout keeps hand-placed nodes; others are computed.
            return
        if self.workspace.read_only:  # moved for this session; nothing can be saved
            self.pinned.add(key)
            self.force_positions[key] = (x, y)
            return
        from desktop_app.ui.map.map_commands import MoveNodeCommand

        node = self.canvas.node(key)
        before = ((from_x, from_y), key in self.pinned)
        label = node.label if node is not None else key
        self.workspace.execute(MoveNodeCommand(self.workspace, self, key, label, before, (x, y)))

    def place_node(self, key: str, position: tuple[float, float], pinned: bool) -> None:
        """Put a node of the force layout at `position` and save it (a drag, its undo)."""
        self.force_positions[key] = position
        if pinned:
            self.pinned.add(key)
        else:
            self.pinned.discard(key)
        if self.layout_kind == "force" and self.canvas.node(key) is not None:
            self.canvas.set_pinned(self.pinned)
            self.canvas.set_positions({key: position})  # redraws, pins included
        db, (x, y) = self.workspace.db, position
        run_in_background(
            lambda: map_positions.place(db, key, x, y, pinned=pinned),
            lambda _r: None,
            self._show_banner,
            self,
            pool=self._position_writes,
        )

    def _on_canvas_context(self, key: str, global_pos: QPoint) -> None:
        menu = self.context_menu(key)
        menu.exec(global_pos)

    def context_menu(self, key: str) -> QMenu:
        """The menu of a node (built apart from showing it, for tests)."""
        node = self.canvas.node(key)
        menu = QMenu(self)
        if node is None:
            return menu
        person = self._person_id(key)
        if person is not None and node.kind == "person":
            menu.addAction("Open", lambda: self.open_person_requested.emit(person))
            menu.addAction("Log interaction…", lambda: self.log_interaction_requested.emit(person))
            menu.addAction(
                "Add relationship…", lambda: self.add_relationship_requested.emit(person)
            )
            menu.addAction("Find path to here", lambda: self.path_panel.ask(node.label, key))
        elif node.kind == "organization":
            menu.addAction(
                "Find path to someone here", lambda: self.path_panel.ask(node.label, key)
            )
            _, org_id = parse_key(key)
            assert org_id is not None
            menu.addAction(
                "Show only this organisation",
                lambda: self.filter_panel.set_filters(
                    replace(self.filters, organization_ids=frozenset({org_id}))
                ),
            )
        if hidden := self.canvas.hidden_links(key):
            menu.addAction(f"Show its links ({hidden} hidden)", lambda: self.canvas.expand(key))
        if key in self.pinned and self.layout_kind == "force":
            menu.addAction("Unpin", lambda: self.unpin(key))
        if node.kind != "me":
            menu.addSeparator()
            menu.addAction("Hide", lambda: self.hide_node(key))
        return menu

    def _load_faces(self) -> None:
        """Photos of the people in view, once zoomed in enough to show faces."""
        wanted = [k for k in self.canvas.photo_keys_wanted() if k not in self._faces_requested]
        if not wanted:
            return
        self._faces_requested.update(wanted)
        db = self.workspace.db

        def work() -> dict[str, QImage]:
            return {key: QImage.fromData(data) for key, data in photos(db, wanted).items()}

        run_in_background(work, self.canvas.set_photos, self._show_banner, self)

    def _on_log_interaction_requested(self, person_id: int) -> None:
        from desktop_app.ui.nurture.quick_log import open_quick_log

        open_quick_log(self.workspace, [person_id], self)

    def _on_add_relationship_requested(self, person_id: int) -> None:
        from desktop_app.ui.map.relationship_dialog import RelationshipDialog

        RelationshipDialog(self.workspace, person_id, self).exec()

    def hide_node(self, key: str) -> None:
        self.hidden.add(key)
        self._draw()

    def show_hidden(self) -> None:
        self.hidden.clear()
        self._draw()

    def unpin(self, key: str) -> None:
        self.pinned.discard(key)
        self.canvas.set_pinned(self.pinned)
        self._restyle()
        db = self.workspace.db
        run_in_background(
            lambda: map_positions.unpin(db, [key]),
            lambda _r: None,
            self._show_banner,
            self,
            pool=self._position_writes,
        )

    # -- toolbar -------------------------------------------------------------------------

    def _on_search(self) -> None:
        text = self.search.text().strip()
        if not text:
            return
        targets = map_targets(self.canvas.snapshot.nodes, include_me=True)
        match = next(iter(match_targets(targets, text)), None)
        if match is None:
            self._show_banner(f"Nobody called “{self.search.text().strip()}” on the map.")
            return
        self._show_banner("")
        self._on_canvas_node_clicked(match.key)
        self.canvas.flash(match.key)

    def _on_filters_changed(self, filters: MapFilters) -> None:
        self.filters = filters
        self.reload()

    def _on_my_ties_toggled(self, checked: bool) -> None:
        self.canvas.set_show_my_ties(checked)

    def _on_colour_changed(self) -> None:
        colour_by, goal_id = self.colour_combo.currentData() or ("circle", None)
        self.community_panel.setVisible(colour_by == "community")
        if colour_by == "community":
            self.community_panel.show_busy()
        title = self.colour_combo.currentText().removeprefix("Colour: goal ").strip("“”")
        self.colouring.choose(colour_by, goal_id, title, self.canvas.snapshot, self.workspace.db)

    def _on_colouring_ready(self) -> None:
        found = self.colouring.communities
        if found is not None and self.canvas.snapshot is not self.colouring.searched():
            return  # redrawn meanwhile: the reload asks again
        self._restyle()

    @property
    def communities(self) -> Communities | None:
        """The communities coloured now (None until found, or when not coloured by them)."""
        return self.colouring.communities

    def _on_bridge_chosen(self, key: str) -> None:
        self._on_canvas_node_clicked(key)
        self.canvas.flash(key)

    def _on_panel_toggled(self, shown: bool) -> None:
        self.side_panel.setVisible(shown)

    # -- path finder ---------------------------------------------------------------------

    def find_paths(self, key: str) -> None:
        self.path_finder.find_paths(key)

    # -- misc ----------------------------------------------------------------------------

    def focus_filter(self) -> None:
        """Edit ▸ Find (Ctrl+F) on the map: type a name to find on it."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def closeEvent(self, event: object) -> None:
        self.cancel_layout()
        self.colouring.cancel()
        super().closeEvent(event)  # type: ignore[arg-type]
