"""The drawing surface of the network map (pyqtgraph): nodes, edges, highlights.

Everything is batched for speed: all edges of one style are one `PlotCurveItem`
(`connect="pairs"`), all nodes one `ScatterPlotItem`; hover, selection and paths are small
overlay items, so highlighting never restyles 5,000 nodes. Labels (`map_labels`), the hover
card (`hover_card`), the pens (`map_pens`) and what the mouse and keys do (`canvas_input`)
live beside it.

Imports pyqtgraph: load this module only when the map is first shown.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetricsF, QImage, QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget
from shiboken6 import isValid

from desktop_app.services.map.layout import LayoutGuides
from desktop_app.services.map.network_graph import MapNode, NetworkSnapshot, neighbours
from desktop_app.ui.map.canvas_detail import ZOOMED_IN, DetailState, job_line_fade
from desktop_app.ui.map.canvas_faces import PHOTO_PX, PHOTOS_BELOW, FaceLayer
from desktop_app.ui.map.canvas_input import CanvasNavigation, NodesItem, OverlayPoints
from desktop_app.ui.map.hover_card import HoverCard, card_text
from desktop_app.ui.map.map_guides import GuideLayer
from desktop_app.ui.map.map_labels import LABEL_BUDGET, LabelLayer, choose_labels, elide
from desktop_app.ui.map.map_pens import (
    HIGHLIGHT,
    PATH,
    SELECTION,
    brush,
    edge_pen,
    node_pen,
)
from desktop_app.ui.map.map_style import NodeStyle, label_priority

__all__ = ["LABEL_BUDGET", "NetworkCanvas"]

NODE_COVERAGE = 0.12  # crowded views shrink nodes until they cover about this share
SIZE_STEPS = (1.0, 0.7, 0.5, 0.35)


class NetworkCanvas(CanvasNavigation, pg.GraphicsView):
    """Draws a `NetworkSnapshot` at given positions and reports what the user does."""

    node_clicked = Signal(str)
    node_activated = Signal(str)  # double-click
    node_context_requested = Signal(str, object)  # key, global QPoint
    node_moved = Signal(str, float, float, float, float)  # key, from x, y, to x, y (pin it)
    detail_changed = Signal()  # the set of nodes shown changed (zoom, expand)
    view_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background=None)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.grabGesture(Qt.GestureType.PinchGesture)
        self.viewbox = pg.ViewBox(lockAspect=True, enableMenu=False, defaultPadding=0.05)
        self.setCentralItem(self.viewbox)
        self.snapshot = NetworkSnapshot((), ())
        self.keys: list[str] = []
        self.index: dict[str, int] = {}
        self.positions_array = np.zeros((0, 2))
        self._edge_pairs: dict[tuple[str, int], np.ndarray] = {}
        self._edge_items: dict[tuple[str, int], pg.PlotCurveItem] = {}
        self._adjacency: dict[str, set[str]] = {}
        self._style: NodeStyle | None = None
        self._priority = np.zeros(0)
        self._texts: list[str] = []
        self._show_my_ties = True
        self._selected: str | None = None
        self._hovered: int | None = None
        self._path: tuple[str, ...] = ()
        self._pinned: set[str] = set()
        self._move_origin: tuple[float, float] | None = None
        self._goal_titles: Mapping[str, tuple[str, ...]] = {}
        self._detail = DetailState()
        self._linked: dict[int, list[int]] = {}  # adjacency by index
        self._job_fade = 1.0
        self._guides = GuideLayer(self.palette(), self.font())
        self._guides.setZValue(-5)
        self._guides.names.setZValue(19)  # over nodes and lines, under node labels
        self.viewbox.addItem(self._guides)
        self.viewbox.addItem(self._guides.names)

        self._nodes = NodesItem(self)
        self._nodes.setZValue(10)
        self._hover_edges = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen(HIGHLIGHT, width=2))
        self._hover_nodes = OverlayPoints(pxMode=True, brush=None, pen=pg.mkPen(HIGHLIGHT, width=2))
        self._path_edges = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen(PATH, width=3.5))
        self._path_nodes = OverlayPoints(pxMode=True, brush=None, pen=pg.mkPen(PATH, width=3))
        self._selection_ring = OverlayPoints(
            pxMode=True, brush=None, pen=pg.mkPen(SELECTION, width=3)
        )
        self._flash_ring = OverlayPoints(pxMode=True, brush=None, pen=pg.mkPen(HIGHLIGHT, width=4))
        for z, item in enumerate(
            (self._hover_edges, self._path_edges),
            start=5,
        ):
            item.setZValue(z)
        for z, item in enumerate(
            (self._hover_nodes, self._path_nodes, self._selection_ring, self._flash_ring),
            start=11,
        ):
            item.setZValue(z)
        for item in (
            self._nodes,
            self._hover_edges,
            self._hover_nodes,
            self._path_edges,
            self._path_nodes,
            self._selection_ring,
            self._flash_ring,
        ):
            self.viewbox.addItem(item)
        self._faces = FaceLayer(self.viewbox)
        self._scale = 1.0  # node sizes shrink when the view is crowded (see SIZE_STEPS)
        self._label_layer = LabelLayer(self.palette())
        self._label_layer.setZValue(20)
        self.viewbox.addItem(self._label_layer)
        self._labelled: list[int] = []

        self.hover_card = HoverCard(self)
        self.hover_card.hide()
        self._detail_note = QLabel(self)
        self._detail_note.setTextFormat(Qt.TextFormat.PlainText)
        self._detail_note.setAutoFillBackground(True)
        self._detail_note.setBackgroundRole(QPalette.ColorRole.Base)
        self._detail_note.setMargin(4)
        self._detail_note.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self._detail_note.hide()

        self._label_timer = QTimer(self, singleShot=True, interval=40)
        self._label_timer.timeout.connect(self.update_labels)
        self.viewbox.sigRangeChanged.connect(self._on_range_changed)
        self._flash_timer = QTimer(self, interval=160)
        self._flash_timer.timeout.connect(self._on_flash_tick)
        self._flash_ticks = 0

    # -- content -----------------------------------------------------------------------

    def set_network(
        self,
        snapshot: NetworkSnapshot,
        positions: Mapping[str, tuple[float, float]],
        style: NodeStyle,
        *,
        pinned: set[str] | None = None,
        show_my_ties: bool = True,
        levels: Sequence[int] | None = None,
        guides: LayoutGuides | None = None,
    ) -> None:
        """Show `snapshot`; nodes without a position wait at the centre until laid out.

        `levels` (services.map.level_of_detail) make a big map show its closer part first
        and reveal the rest as the user zooms in or expands a node; `guides` are the rings
        or clusters of a computed layout."""
        self.snapshot = snapshot
        self.keys = [node.key for node in snapshot.nodes]
        self.index = {key: i for i, key in enumerate(self.keys)}
        self._adjacency = neighbours(snapshot)
        self._linked = {
            self.index[key]: [self.index[o] for o in others if o in self.index]
            for key, others in self._adjacency.items()
            if key in self.index
        }
        self._guides.set_guides(guides or LayoutGuides())
        self._priority = np.array(label_priority(snapshot), dtype=float)
        # Zooming in reveals people first: an organisation brings lines to all its staff.
        hubs = np.array([node.kind == "organization" for node in snapshot.nodes], dtype=bool)
        self._detail.reset(levels, len(self.keys), self._priority - 100.0 * hubs)
        self._texts = [node.label for node in snapshot.nodes]
        self._show_my_ties = show_my_ties
        self._pinned = set(pinned or ())
        self._faces.forget()  # the view fetches faces again as they come into view
        self._group_edges()
        self.positions_array = np.zeros((len(self.keys), 2))
        self._hovered = None
        self._path = tuple(k for k in self._path if k in self.index)
        if self._selected not in self.index:
            self._selected = None
        self.set_positions(positions, redraw=False)
        self.set_style(style)

    def drawn_style(self) -> NodeStyle | None:
        """The colours, sizes and legend drawn now."""
        return self._style

    def set_style(self, style: NodeStyle) -> None:
        self._style = style
        self._update_detail()
        self._draw_nodes()
        self._draw_edges()
        self.update_labels()

    def guides(self) -> LayoutGuides:
        """The rings or clusters drawn behind the nodes."""
        return self._guides.guides()

    # -- level of detail ---------------------------------------------------------------

    def shown_keys(self) -> list[str]:
        """The nodes drawn now (a big map hides its farther levels until zoomed in)."""
        return [self.keys[i] for i in np.flatnonzero(self._detail.visible).tolist()]

    def is_shown(self, key: str) -> bool:
        i = self.index.get(key)
        return i is not None and bool(self._detail.visible[i])

    def hidden_links(self, key: str) -> int:
        """How many of the node's neighbours are hidden now (what expanding would show)."""
        i = self.index.get(key)
        return 0 if i is None else self._detail.hidden_neighbours(i, self._linked)

    def expand(self, key: str) -> bool:
        """Show the node's hidden neighbours; False when there were none."""
        i = self.index.get(key)
        if i is None or not self.hidden_links(key):
            return False
        self._detail.expanded.add(i)
        self._refresh_detail()
        return True

    def job_line_strength(self) -> float:
        """How strongly job lines are drawn now, 0 (not at all) to 1."""
        return self._job_fade

    def _in_view_mask(self) -> np.ndarray:
        rect = self.viewbox.viewRect()
        p = self.positions_array
        return (
            (p[:, 0] >= rect.left())
            & (p[:, 0] <= rect.right())
            & (p[:, 1] >= rect.top())
            & (p[:, 1] <= rect.bottom())
        )

    def _update_detail(self) -> bool:
        """Recompute what is shown and how strong job lines are; True when either changed."""
        if not self.keys:
            return False
        in_view = self._in_view_mask()
        forced = {self.index[k] for k in self._path if k in self.index}
        if self._selected is not None:
            forced.add(self.index[self._selected])
        changed = self._detail.update(in_view, forced, self._linked, self._zoomed_in())
        fade = job_line_fade(int(np.count_nonzero(in_view & self._detail.visible)))
        if fade != self._job_fade:
            self._job_fade = fade
            self._restyle_job_lines()
        self._show_detail_note()
        return changed

    def fit_shown(self) -> np.ndarray | None:
        self._apply_detail()  # what the whole map in view shows
        if not self._detail.has_hidden:
            return None
        # The levels shown whole: a few nodes of the next one may lie anywhere.
        return self.positions_array[self._detail.levels <= self._detail.level]

    def _zoomed_in(self) -> bool:
        """True when the view shows a good deal less than the whole map."""
        span = float(np.ptp(self.positions_array, axis=0).max()) if len(self.keys) > 1 else 0.0
        rect = self.viewbox.viewRect()
        return span > 0 and max(rect.width(), rect.height()) < ZOOMED_IN * span

    def _apply_detail(self) -> None:
        """Update what is shown for the present view, redrawing what that changed."""
        if self._update_detail():
            self._draw_nodes()
            self._draw_edges()
            self._draw_overlays()
            self.detail_changed.emit()

    def _refresh_detail(self) -> None:
        self.update_labels()  # which redraws what the level of detail changed

    def detail_note(self) -> str:
        """What the corner of a big map says about the nodes it does not show yet."""
        return self._detail_note.text() if self._detail_note.isVisible() else ""

    def _show_detail_note(self) -> None:
        shown, total = int(np.count_nonzero(self._detail.visible)), len(self.keys)
        if shown >= total:
            self._detail_note.hide()
            return
        self._detail_note.setText(
            f"Showing {shown:,} of {total:,}: zoom in, or double-click a node, to see more"
        )
        self._detail_note.adjustSize()
        self._place_detail_note()
        self._detail_note.show()

    def _place_detail_note(self) -> None:
        note = getattr(self, "_detail_note", None)  # pyqtgraph resizes during __init__
        if note is None:
            return
        note.move(6, max(0, self.height() - note.height() - 6))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_detail_note()

    def _restyle_job_lines(self) -> None:
        background = self.palette().color(self.palette().ColorRole.Window)
        for key, item in self._edge_items.items():
            if key[0] in ("current_job", "past_job"):
                item.setPen(edge_pen(key, background, self._job_fade))

    def set_positions(
        self, positions: Mapping[str, tuple[float, float]], redraw: bool = True
    ) -> None:
        """Move nodes (those missing from `positions` stay where they are)."""
        for key, (x, y) in positions.items():
            i = self.index.get(key)
            if i is not None:
                self.positions_array[i] = (x, y)
        if redraw:
            self._draw_nodes()
        self._draw_edges()
        self._draw_overlays()
        self._schedule_labels()

    def positions(self) -> dict[str, tuple[float, float]]:
        return {
            k: (float(x), float(y))
            for k, (x, y) in zip(self.keys, self.positions_array.tolist(), strict=True)
        }

    def set_show_my_ties(self, show: bool) -> None:
        self._show_my_ties = show
        self._draw_edges()

    def set_goal_titles(self, titles: Mapping[str, tuple[str, ...]]) -> None:
        """The goals each node serves, for its hover card."""
        self._goal_titles = titles

    def set_pinned(self, pinned: set[str]) -> None:
        self._pinned = set(pinned)

    def node(self, key: str) -> MapNode | None:
        i = self.index.get(key)
        return self.snapshot.nodes[i] if i is not None else None

    def _group_edges(self) -> None:
        groups: dict[tuple[str, int], list[tuple[int, int]]] = {}
        seen: set[tuple[int, int]] = set()
        for edge in self.snapshot.edges:
            a, b = self.index.get(edge.a), self.index.get(edge.b)
            if a is None or b is None or a == b:
                continue
            pair = (min(a, b), max(a, b))
            if pair in seen:
                continue
            seen.add(pair)
            mine = "me" in (edge.a, edge.b)
            if edge.kind == "relationship":
                key = ("mine" if mine else "tie", edge.strength)
            else:
                key = (edge.kind, 0)
            groups.setdefault(key, []).append((a, b))
        self._edge_pairs = {k: np.array(v, dtype=int).reshape(-1, 2) for k, v in groups.items()}
        for key in list(self._edge_items):
            if key not in self._edge_pairs:
                self.viewbox.removeItem(self._edge_items.pop(key))
        for key in self._edge_pairs:
            if key not in self._edge_items:
                background = self.palette().color(self.palette().ColorRole.Window)
                item = pg.PlotCurveItem(
                    connect="pairs",
                    pen=edge_pen(key, background, self._job_fade),
                    skipFiniteCheck=True,
                    segmentedLineMode="on",
                )
                item.setZValue(1 if key[0] == "mine" else 2)
                self._edge_items[key] = item
                self.viewbox.addItem(item)

    # -- drawing -----------------------------------------------------------------------

    def _draw_nodes(self, dragged: str | None = None) -> None:
        style = self._style
        if style is None or len(style.colours) != len(self.keys):
            self._nodes.setData([])
            return
        # Draw order: people, then organisations, then me on top of everyone.
        rank = {"organization": 1, "group": 1, "event": 1, "me": 2}  # people first, in order
        visible = self._detail.visible
        order = sorted(
            (i for i in range(len(self.keys)) if visible[i]),
            key=lambda i: rank.get(self.snapshot.nodes[i].kind, 0),
        )
        self._nodes.setData(
            pos=self.positions_array[order],
            size=self._drawn_sizes()[order],
            symbol=[style.symbols[i] for i in order],
            brush=[brush(style.colours[i]) for i in order],
            pen=[node_pen(self.keys[i] in self._pinned or self.keys[i] == dragged) for i in order],
        )

    def _draw_edges(self) -> None:
        for key, pairs in self._edge_pairs.items():
            item = self._edge_items[key]
            jobs = key[0] in ("current_job", "past_job")
            visible = (self._show_my_ties or key[0] != "mine") and not (
                jobs and self._job_fade <= 0
            )
            item.setVisible(visible)
            if self._detail.has_hidden and len(pairs):
                pairs = pairs[self._detail.visible[pairs].all(axis=1)]
            if not visible or len(pairs) == 0:
                item.setData([], [])
                continue
            points = self.positions_array[pairs.reshape(-1)]
            item.setData(points[:, 0], points[:, 1])

    def _segments(self, pairs: Sequence[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        if not pairs:
            return np.zeros(0), np.zeros(0)
        points = self.positions_array[np.array(pairs, dtype=int).reshape(-1)]
        return points[:, 0], points[:, 1]

    def _draw_overlays(self) -> None:
        # Hover: the node's neighbourhood.
        if self._hovered is not None and self._hovered < len(self.keys):
            key = self.keys[self._hovered]
            others = [self.index[o] for o in self._adjacency.get(key, ()) if o in self.index]
            self._hover_edges.setData(*self._segments([(self._hovered, o) for o in others]))
            sizes = self._sizes_of(others)
            self._hover_nodes.setData(pos=self.positions_array[others], size=sizes + 6)
        else:
            self._hover_edges.setData([], [])
            self._hover_nodes.setData([])
        # Path.
        steps = [self.index[k] for k in self._path if k in self.index]
        self._path_edges.setData(*self._segments(list(itertools.pairwise(steps))))
        self._path_nodes.setData(pos=self.positions_array[steps], size=self._sizes_of(steps) + 8)
        # Selection.
        if self._selected is not None:
            i = self.index[self._selected]
            self._selection_ring.setData(
                pos=self.positions_array[[i]], size=self._sizes_of([i]) + 12
            )
        else:
            self._selection_ring.setData([])

    def _sizes_of(self, indices: Sequence[int]) -> np.ndarray:
        if self._style is None:
            return np.full(len(indices), 10.0)
        return self._drawn_sizes()[list(indices)]

    def _drawn_sizes(self) -> np.ndarray:
        """Node sizes in pixels at the current crowding (me keeps my size)."""
        if self._style is None:
            return np.full(len(self.keys), 10.0)
        sizes = np.maximum(np.asarray(self._style.sizes, dtype=float) * self._scale, 3.0)
        if "me" in self.index:
            sizes[self.index["me"]] = self._style.sizes[self.index["me"]]
        return sizes

    def _fit_sizes_to_crowding(self) -> None:
        """Shrink nodes in crowded views so the map stays a map, not a blot."""
        if self._style is None or not self.keys:
            return
        in_view = int(np.count_nonzero(self._in_view_mask() & self._detail.visible))
        area = max(1.0, float(self.viewbox.width() * self.viewbox.height()))
        mean = float(np.mean(self._style.sizes)) or 1.0
        wanted = math.sqrt(NODE_COVERAGE * area / max(1, in_view)) / mean
        # A few fixed steps: restyling 5,000 nodes costs ~30 ms, so not at every zoom.
        scale = next((step for step in SIZE_STEPS if step <= wanted), SIZE_STEPS[-1])
        if scale != self._scale:
            self._scale = scale
            self._draw_nodes()
            self._draw_overlays()

    # -- selection, hover, path, flash ---------------------------------------------------

    def select(self, key: str | None) -> None:
        self._selected = key if key in self.index else None
        self._refresh_detail()  # the selection is always shown
        self._draw_overlays()

    @property
    def selected(self) -> str | None:
        return self._selected

    def set_hovered(self, index: int | None, scene_pos: QPointF | None = None) -> None:
        if index == self._hovered:
            if index is not None and scene_pos is not None:
                self._place_tooltip(scene_pos)
            return
        self._hovered = index
        self._draw_overlays()
        if index is None:
            self.hover_card.hide()
        else:
            self.hover_card.setText(self._tooltip_text(self.snapshot.nodes[index]))
            self.hover_card.adjustSize()
            if scene_pos is not None:
                self._place_tooltip(scene_pos)
            self.hover_card.show()
            self.hover_card.raise_()
        self._schedule_labels()

    def _place_tooltip(self, scene_pos: QPointF) -> None:
        point = self.mapFromScene(scene_pos)
        x = min(point.x() + 14, max(0, self.width() - self.hover_card.width() - 4))
        y = min(point.y() + 14, max(0, self.height() - self.hover_card.height() - 4))
        self.hover_card.move(int(x), int(y))

    def _tooltip_text(self, node: MapNode) -> str:
        return card_text(
            node,
            len(self._adjacency.get(node.key, ())),
            self._goal_titles.get(node.key, ()),
            node.key in self._pinned,
        )

    def highlight_path(self, keys: Sequence[str]) -> None:
        self._path = tuple(keys)
        self._refresh_detail()  # a highlighted path is always shown
        self._draw_overlays()

    def flash(self, key: str) -> None:
        """Centre the view on a node and make it blink for a moment."""
        i = self.index.get(key)
        if i is None:
            return
        self.centre_on(key)
        self._flash_ticks = 8
        self._flash_ring.setData(pos=self.positions_array[[i]], size=self._sizes_of([i]) + 22)
        self._flash_timer.start()

    def _on_flash_tick(self) -> None:
        if not isValid(self._flash_ring):  # the scene is being torn down
            self._flash_timer.stop()
            return
        self._flash_ticks -= 1
        self._flash_ring.setVisible(self._flash_ticks % 2 == 0)
        if self._flash_ticks <= 0:
            self._flash_timer.stop()
            self._flash_ring.setData([])
            self._flash_ring.setVisible(True)

    # -- keys ----------------------------------------------------------------------------

    def key_pressed(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._selected:
            self.node_activated.emit(self._selected)
            return True
        if event.key() in (Qt.Key.Key_E, Qt.Key.Key_Asterisk) and self._selected:
            self.expand(self._selected)  # show the selected node's hidden links
            return True
        return False

    def _on_range_changed(self, *_args: object) -> None:
        # The card describes what was under the pointer; after a zoom or pan (keys, wheel,
        # pinch, fit) something else is, so it goes until the mouse moves again.
        self.set_hovered(None)
        self._schedule_labels()
        self.view_changed.emit()

    # -- hit testing and dragging --------------------------------------------------------

    def node_at(self, point: QPointF) -> int | None:
        """The node drawn under `point` (view coordinates), the nearest if several."""
        if len(self.keys) == 0 or self._style is None:
            return None
        px_w, px_h = self.viewbox.viewPixelSize()
        if not px_w or not px_h:
            return None
        delta = self.positions_array - (point.x(), point.y())
        pixels = np.hypot(delta[:, 0] / px_w, delta[:, 1] / px_h)
        radius = self._drawn_sizes() / 2 + 3
        inside = np.flatnonzero((pixels <= radius) & self._detail.visible)
        if len(inside) == 0:
            return None
        return int(inside[np.argmin(pixels[inside])])

    def begin_move(self, index: int) -> None:
        """A drag of node `index` starts: remember where from, for undo."""
        x, y = self.positions_array[index]
        self._move_origin = (float(x), float(y))

    def move_node(self, index: int, x: float, y: float, final: bool) -> None:
        self.positions_array[index] = (x, y)
        self._draw_nodes(dragged=self.keys[index])
        self._draw_edges()
        self._draw_overlays()
        if final:
            key = self.keys[index]
            self._pinned.add(key)
            from_x, from_y = self._move_origin or (float(x), float(y))
            self._move_origin = None
            self.node_moved.emit(key, from_x, from_y, float(x), float(y))
            self.update_labels()

    # -- labels --------------------------------------------------------------------------

    def _schedule_labels(self) -> None:
        if not self._label_timer.isActive():
            self._label_timer.start()

    def labelled_keys(self) -> list[str]:
        return [self.keys[i] for i in self._labelled]

    def photo_keys_wanted(self) -> list[str]:
        """People with a photo, in view, zoomed in enough for faces, whose photo is not here."""
        return self._faces.missing(self.keys, self._faces_in_view())

    def set_photos(self, images: Mapping[str, QImage]) -> None:
        """Faces for nodes (round-cropped here); shown once zoomed in."""
        self._faces.add(images)
        self._place_photos()

    def faces_shown(self) -> list[str]:
        return self._faces.keys_shown()

    def _faces_in_view(self) -> list[int]:
        if not self.keys:
            return []
        inside = np.flatnonzero(self._in_view_mask() & self._detail.visible)
        if len(inside) > PHOTOS_BELOW:
            return []
        return [int(i) for i in inside if self.snapshot.nodes[i].has_photo]

    def _radius(self, index: int, sizes: np.ndarray) -> float:
        """Half the drawn size of a node in pixels (its face, when one is shown)."""
        if index in self._faces.shown:
            return PHOTO_PX / 2
        return float(sizes[index]) / 2

    def _place_photos(self) -> None:
        self._faces.place(self.keys, self.positions_array, self._faces_in_view())

    def update_labels(self) -> None:
        if not isValid(self._label_layer):  # the scene is being torn down
            return
        self._apply_detail()
        self._fit_sizes_to_crowding()
        self._place_photos()
        chosen = self._choose_labels()
        drawn = self._drawn_sizes()
        self._label_layer.set_labels(
            [
                (
                    float(self.positions_array[i, 0]),
                    float(self.positions_array[i, 1]),
                    elide(self.snapshot.nodes[i].label),
                    self._radius(i, drawn),
                )
                for i in chosen
            ]
            if self._style is not None
            else [],
            self.viewbox.viewRect(),
        )
        self._labelled = chosen
        self._show_detail_note()

    def _choose_labels(self) -> list[int]:
        if not self.keys or self._style is None:
            return []
        rect = self.viewbox.viewRect()
        px_w, px_h = self.viewbox.viewPixelSize()
        if rect.width() <= 0 or not px_w or not px_h:
            return []
        priority = self._priority.copy()
        must = set()
        if "me" in self.index:
            must.add(self.index["me"])
        if self._selected is not None:
            must.add(self.index[self._selected])
            for other in self._adjacency.get(self._selected, ()):
                if other in self.index:
                    priority[self.index[other]] += 1e6
        must.update(self.index[k] for k in self._path if k in self.index)
        if self._hovered is not None:
            must.add(self._hovered)
        sizes = self._drawn_sizes()
        return choose_labels(
            self.positions_array,
            priority,
            self._texts,
            must,
            rect,
            (px_w, px_h),
            sizes,
            lambda i: self._radius(i, sizes),
            QFontMetricsF(self.font()),
            self._detail.visible,
            self._guide_name_boxes(rect, (px_w, px_h)),
        )

    def _guide_name_boxes(
        self, rect: QRectF, pixel_size: tuple[float, float]
    ) -> list[tuple[float, float, float, float]]:
        """Where the rings' and clusters' names go, in view pixels (no label covers them)."""
        px_w, px_h = pixel_size

        def to_pixels(point: QPointF) -> QPointF:
            return QPointF((point.x() - rect.left()) / px_w, (rect.bottom() - point.y()) / px_h)

        view = QRectF(0, 0, rect.width() / px_w, rect.height() / px_h)
        return [
            (box.left(), box.top(), box.right(), box.bottom())
            for _text, box in self._guides.name_boxes(to_pixels, view)
        ]
