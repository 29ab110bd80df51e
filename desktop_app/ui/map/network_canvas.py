"""The drawing surface of the network map (pyqtgraph): nodes, edges, labels, highlights.

Everything is batched for speed: all edges of one style are one `PlotCurveItem`
(`connect="pairs"`), all nodes one `ScatterPlotItem`; hover, selection and paths are small
overlay items, so highlighting never restyles 5,000 nodes. Labels are chosen after every
pan or zoom (level of detail): me, the selection, the path and the strongest ties always;
everyone in view once zoomed in; never two labels on top of each other.

Imports pyqtgraph: load this module only when the map is first shown.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QNativeGestureEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QStaticText,
)
from PySide6.QtWidgets import (
    QGestureEvent,
    QGraphicsItem,
    QGraphicsPixmapItem,
    QLabel,
    QPinchGesture,
    QWidget,
)
from shiboken6 import isValid

from desktop_app.services.map.network_graph import MapNode, NetworkSnapshot, neighbours
from desktop_app.ui.map.map_style import NodeStyle, edge_widths, label_priority

LABEL_BUDGET = 160  # labels drawn at most, whatever the zoom
LABEL_MARGIN_PX = 4  # least gap between two labels
PHOTOS_BELOW = 60  # nodes in view under which people with a photo show their face
PHOTO_PX = 36
NODE_COVERAGE = 0.12  # crowded views shrink nodes until they cover about this share
SIZE_STEPS = (1.0, 0.7, 0.5, 0.35)
ALL_LABELS_BELOW = 90  # nodes in view under which everyone gets a label
HIGHLIGHT = "#F28E2B"
PATH = "#D62728"
SELECTION = "#1F77B4"


class _NodesItem(pg.ScatterPlotItem):
    """The nodes: a scatter plot that also lets a node be dragged (then pinned)."""

    def __init__(self, canvas: NetworkCanvas) -> None:
        super().__init__(pxMode=True, antialias=True)
        self._canvas = canvas
        self._dragged: int | None = None
        self._drag_offset = QPointF()
        self.setAcceptHoverEvents(True)

    def mouseDragEvent(self, ev: object) -> None:
        canvas = self._canvas
        if ev.button() != Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            ev.ignore()  # type: ignore[attr-defined]
            return
        if ev.isStart():  # type: ignore[attr-defined]
            index = canvas.node_at(ev.buttonDownPos())  # type: ignore[attr-defined]
            if index is None:
                ev.ignore()  # type: ignore[attr-defined]
                return
            self._dragged = index
            canvas.begin_move(index)
            x, y = canvas.positions_array[index]
            self._drag_offset = QPointF(x, y) - ev.buttonDownPos()  # type: ignore[attr-defined]
        elif self._dragged is None:
            ev.ignore()  # type: ignore[attr-defined]
            return
        ev.accept()  # type: ignore[attr-defined]
        point = ev.pos() + self._drag_offset  # type: ignore[attr-defined]
        canvas.move_node(self._dragged, point.x(), point.y(), final=ev.isFinish())  # type: ignore[attr-defined]
        if ev.isFinish():  # type: ignore[attr-defined]
            self._dragged = None

    def mouseClickEvent(self, ev: object) -> None:
        index = self._canvas.node_at(ev.pos())  # type: ignore[attr-defined]
        if index is None:
            ev.ignore()  # type: ignore[attr-defined]
            return
        ev.accept()  # type: ignore[attr-defined]
        key = self._canvas.keys[index]
        if ev.button() == Qt.MouseButton.RightButton:  # type: ignore[attr-defined]
            # Select first, as a left click does: the menu acts on the node the user sees
            # selected on the map and in the table.
            self._canvas.node_clicked.emit(key)
            self._canvas.node_context_requested.emit(key, ev.screenPos().toPoint())  # type: ignore[attr-defined]
        elif ev.button() == Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            if ev.double():  # type: ignore[attr-defined]
                self._canvas.node_activated.emit(key)
            else:
                self._canvas.node_clicked.emit(key)

    def hoverEvent(self, ev: object) -> None:
        if ev.isExit():  # type: ignore[attr-defined]
            self._canvas.set_hovered(None)
            return
        self._canvas.set_hovered(self._canvas.node_at(ev.pos()), ev.scenePos())  # type: ignore[attr-defined]


class NetworkCanvas(pg.GraphicsView):
    """Draws a `NetworkSnapshot` at given positions and reports what the user does."""

    node_clicked = Signal(str)
    node_activated = Signal(str)  # double-click
    node_context_requested = Signal(str, object)  # key, global QPoint
    node_moved = Signal(str, float, float, float, float)  # key, from x, y, to x, y (pin it)
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
        self._show_my_ties = True
        self._selected: str | None = None
        self._hovered: int | None = None
        self._path: tuple[str, ...] = ()
        self._pinned: set[str] = set()
        self._move_origin: tuple[float, float] | None = None
        self._goal_titles: Mapping[str, tuple[str, ...]] = {}

        self._nodes = _NodesItem(self)
        self._nodes.setZValue(10)
        self._hover_edges = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen(HIGHLIGHT, width=2))
        self._hover_nodes = pg.ScatterPlotItem(
            pxMode=True, brush=None, pen=pg.mkPen(HIGHLIGHT, width=2)
        )
        self._path_edges = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen(PATH, width=3.5))
        self._path_nodes = pg.ScatterPlotItem(pxMode=True, brush=None, pen=pg.mkPen(PATH, width=3))
        self._selection_ring = pg.ScatterPlotItem(
            pxMode=True, brush=None, pen=pg.mkPen(SELECTION, width=3)
        )
        self._flash_ring = pg.ScatterPlotItem(
            pxMode=True, brush=None, pen=pg.mkPen(HIGHLIGHT, width=4)
        )
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
        self._photos: dict[str, QPixmap] = {}
        self._faces: set[int] = set()
        self._scale = 1.0  # node sizes shrink when the view is crowded (see SIZE_STEPS)
        self._photo_items: list[QGraphicsPixmapItem] = []
        self._label_layer = _LabelLayer(self.palette())
        self._label_layer.setZValue(20)
        self.viewbox.addItem(self._label_layer)
        self._labelled: list[int] = []

        self.hover_card = _HoverCard(self)
        self.hover_card.hide()

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
    ) -> None:
        """Show `snapshot`; nodes without a position wait at the centre until laid out."""
        self.snapshot = snapshot
        self.keys = [node.key for node in snapshot.nodes]
        self.index = {key: i for i, key in enumerate(self.keys)}
        self._adjacency = neighbours(snapshot)
        self._priority = np.array(label_priority(snapshot), dtype=float)
        self._show_my_ties = show_my_ties
        self._pinned = set(pinned or ())
        self._photos.clear()  # the view fetches faces again as they come into view
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
        self._draw_nodes()
        self.update_labels()

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
                    pen=_edge_pen(key, background),
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
        rank = {"person": 0, "organization": 1, "group": 1, "event": 1, "me": 2}
        order = sorted(range(len(self.keys)), key=lambda i: rank[self.snapshot.nodes[i].kind])
        self._nodes.setData(
            pos=self.positions_array[order],
            size=self._drawn_sizes()[order],
            symbol=[style.symbols[i] for i in order],
            brush=[_brush(style.colours[i]) for i in order],
            pen=[_node_pen(self.keys[i] in self._pinned or self.keys[i] == dragged) for i in order],
        )

    def _draw_edges(self) -> None:
        for key, pairs in self._edge_pairs.items():
            item = self._edge_items[key]
            visible = self._show_my_ties or key[0] != "mine"
            item.setVisible(visible)
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
        rect = self.viewbox.viewRect()
        p = self.positions_array
        in_view = int(
            np.count_nonzero(
                (p[:, 0] >= rect.left())
                & (p[:, 0] <= rect.right())
                & (p[:, 1] >= rect.top())
                & (p[:, 1] <= rect.bottom())
            )
        )
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
        self._draw_overlays()
        self.update_labels()

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
        lines = [node.label]
        links = len(self._adjacency.get(node.key, ()))
        if node.kind == "organization":
            lines.append(f"Organisation · {links} people linked")
        elif node.kind in ("group", "event"):
            lines.append(f"{node.kind.capitalize()} · {links} people you know")
        elif node.kind == "me":
            lines.append(f"You · {links} links")
        else:
            if node.organization:
                lines.append(node.organization)
            details = []
            if node.circle is not None:
                details.append(node.circle.label)
            if node.strength:
                details.append(f"tie strength {node.strength}/5")
            details.append(f"{links} links")
            lines.append(" · ".join(details))
            if node.tags:
                lines.append("Tags: " + ", ".join(node.tags))
        if goals := self._goal_titles.get(node.key):
            lines.append("Serves: " + "; ".join(goals))
        if node.key in self._pinned:
            lines.append("Pinned")
        return "\n".join(lines)

    def highlight_path(self, keys: Sequence[str]) -> None:
        self._path = tuple(keys)
        self._draw_overlays()
        self.update_labels()

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

    # -- view ----------------------------------------------------------------------------

    def fit(self) -> None:
        if len(self.keys) == 0:
            return
        lo = self.positions_array.min(axis=0)
        hi = self.positions_array.max(axis=0)
        span = np.maximum(hi - lo, 1.0)
        self.viewbox.setRange(
            QRectF(lo[0], lo[1], span[0], span[1]), padding=0.06, disableAutoRange=True
        )

    def centre_on(self, key: str, zoom_to: float | None = None) -> None:
        i = self.index.get(key)
        if i is None:
            return
        x, y = self.positions_array[i]
        rect = self.viewbox.viewRect()
        width = zoom_to if zoom_to is not None else min(rect.width(), self._comfortable_width())
        height = width * (rect.height() / rect.width() if rect.width() else 1.0)
        self.viewbox.setRange(
            QRectF(x - width / 2, y - height / 2, width, height), padding=0, disableAutoRange=True
        )

    def ensure_visible(self, key: str) -> None:
        i = self.index.get(key)
        if i is None:
            return
        x, y = self.positions_array[i]
        if not self.viewbox.viewRect().contains(QPointF(x, y)):
            self.centre_on(key)

    def _comfortable_width(self) -> float:
        """A zoom where a node's neighbourhood fills the view, about 40 nodes wide."""
        if len(self.keys) < 2:
            return 10.0
        span = np.ptp(self.positions_array, axis=0).max()
        return float(max(span / max(1.0, math.sqrt(len(self.keys)) / 6), 1e-3))

    def zoom(self, factor: float, centre: QPointF | None = None) -> None:
        self.viewbox.scaleBy((1 / factor, 1 / factor), center=centre)

    def pan(self, dx_fraction: float, dy_fraction: float) -> None:
        rect = self.viewbox.viewRect()
        self.viewbox.translateBy(x=rect.width() * dx_fraction, y=rect.height() * dy_fraction)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
        elif key == Qt.Key.Key_Minus:
            self.zoom(0.8)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Home):
            self.fit()
        elif key == Qt.Key.Key_Left:
            self.pan(-0.1, 0)
        elif key == Qt.Key.Key_Right:
            self.pan(0.1, 0)
        elif key == Qt.Key.Key_Up:
            self.pan(0, 0.1)
        elif key == Qt.Key.Key_Down:
            self.pan(0, -0.1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._selected:
            self.node_activated.emit(self._selected)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        # Touchpad pinch (macOS, Wayland) arrives as a native zoom gesture.
        if isinstance(event, QNativeGestureEvent) and (
            event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture
        ):
            self.zoom(1.0 + event.value())
            return True
        return super().viewportEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Gesture and isinstance(event, QGestureEvent):
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                factor = pinch.scaleFactor()
                if factor > 0:
                    self.zoom(factor)
                event.accept()
                return True
        return super().event(event)

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
        inside = np.flatnonzero(pixels <= radius)
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
        shown = self._faces_in_view()
        return [self.keys[i] for i in shown if self.keys[i] not in self._photos]

    def set_photos(self, images: Mapping[str, QImage]) -> None:
        """Faces for nodes (round-cropped here); shown once zoomed in."""
        for key, image in images.items():
            if not image.isNull():
                self._photos[key] = _round_face(image, PHOTO_PX)
        self._place_photos()

    def faces_shown(self) -> list[str]:
        return [item.data(0) for item in self._photo_items if item.isVisible()]

    def _faces_in_view(self) -> list[int]:
        if not self.keys:
            return []
        rect = self.viewbox.viewRect()
        p = self.positions_array
        inside = np.flatnonzero(
            (p[:, 0] >= rect.left())
            & (p[:, 0] <= rect.right())
            & (p[:, 1] >= rect.top())
            & (p[:, 1] <= rect.bottom())
        )
        if len(inside) > PHOTOS_BELOW:
            return []
        return [int(i) for i in inside if self.snapshot.nodes[i].has_photo]

    def _radius(self, index: int, sizes: np.ndarray) -> float:
        """Half the drawn size of a node in pixels (its face, when one is shown)."""
        if index in self._faces:
            return PHOTO_PX / 2
        return float(sizes[index]) / 2

    def _place_photos(self) -> None:
        faces = [i for i in self._faces_in_view() if self.keys[i] in self._photos]
        self._faces = set(faces)
        while len(self._photo_items) < len(faces):
            item = QGraphicsPixmapItem()
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
            item.setOffset(-PHOTO_PX / 2, -PHOTO_PX / 2)
            item.setZValue(15)
            self.viewbox.addItem(item)
            self._photo_items.append(item)
        for item, i in zip(self._photo_items, faces, strict=False):
            item.setPixmap(self._photos[self.keys[i]])
            item.setPos(float(self.positions_array[i, 0]), float(self.positions_array[i, 1]))
            item.setData(0, self.keys[i])
            item.setVisible(True)
        for item in self._photo_items[len(faces) :]:
            item.setVisible(False)

    def update_labels(self) -> None:
        if not isValid(self._label_layer):  # the scene is being torn down
            return
        self._fit_sizes_to_crowding()
        self._place_photos()
        chosen = self._choose_labels()
        drawn = self._drawn_sizes()
        self._label_layer.set_labels(
            [
                (
                    float(self.positions_array[i, 0]),
                    float(self.positions_array[i, 1]),
                    _elide(self.snapshot.nodes[i].label),
                    self._radius(i, drawn),
                )
                for i in chosen
            ]
            if self._style is not None
            else [],
            self.viewbox.viewRect(),
        )
        self._labelled = chosen

    def _choose_labels(self) -> list[int]:
        count = len(self.keys)
        if count == 0 or self._style is None:
            return []
        rect = self.viewbox.viewRect()
        px_w, px_h = self.viewbox.viewPixelSize()
        if rect.width() <= 0 or not px_w or not px_h:
            return []
        p = self.positions_array
        in_view = np.flatnonzero(
            (p[:, 0] >= rect.left())
            & (p[:, 0] <= rect.right())
            & (p[:, 1] >= rect.top())
            & (p[:, 1] <= rect.bottom())
        )
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
        for i in must:
            priority[i] = 1e12
        order = in_view[np.argsort(-priority[in_view], kind="stable")]
        everyone = len(in_view) <= ALL_LABELS_BELOW
        threshold = 40.0  # strong ties (strength 4+) and organisations, when crowded
        chosen: list[int] = []
        taken: list[tuple[float, float, float, float]] = []
        metrics = QFontMetricsF(self.font())
        height = metrics.height() + LABEL_MARGIN_PX
        sizes = self._drawn_sizes()
        for i in must:  # no label may hide me, the selection or the path
            cx = (p[i, 0] - rect.left()) / px_w
            cy = (rect.bottom() - p[i, 1]) / px_h
            r = sizes[i] / 2 + 2
            taken.append((cx - r, cy - r, cx + r, cy + r))
        for i in order[: LABEL_BUDGET * 8].tolist():
            if len(chosen) >= LABEL_BUDGET:
                break
            if not everyone and priority[i] < threshold:
                break
            label = _elide(self.snapshot.nodes[i].label)
            cx = (p[i, 0] - rect.left()) / px_w
            cy = (rect.bottom() - p[i, 1]) / px_h
            half = metrics.horizontalAdvance(label) / 2 + 3 + LABEL_MARGIN_PX
            top = cy + self._radius(i, sizes) + 1
            box = (cx - half, top, cx + half, top + height)
            if i not in must and any(_overlap(box, other) for other in taken):
                continue
            taken.append(box)
            chosen.append(i)
        return chosen


class _HoverCard(QLabel):
    """The card beside the pointer: tool-tip colours of the current palette (light or
    dark), filled, with a thin border in the text colour, so it reads over any node."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.setMargin(5)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        border = QColor(self.palette().color(QPalette.ColorRole.ToolTipText))
        border.setAlpha(140)
        painter = QPainter(self)
        painter.setPen(QPen(border, 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()


class _LabelLayer(pg.GraphicsObject):
    """Every label in one item, drawn as cached plain static text on a soft backdrop:
    ~10x cheaper per frame than one QGraphicsTextItem per label."""

    def __init__(self, palette: object) -> None:
        super().__init__()
        self._labels: list[tuple[float, float, QStaticText, float]] = []
        self._cache: dict[str, QStaticText] = {}
        self._bounds = QRectF()
        self._text = palette.color(palette.ColorRole.Text)  # type: ignore[attr-defined]
        backdrop = QColor(palette.color(palette.ColorRole.Base))  # type: ignore[attr-defined]
        backdrop.setAlpha(200)
        self._backdrop = backdrop

    def set_labels(self, labels: list[tuple[float, float, str, float]], view: QRectF) -> None:
        """(x, y, text, node radius in pixels) for each label; `view` the visible rect."""
        self.prepareGeometryChange()
        self._labels = [(x, y, self._static(text), r) for x, y, text, r in labels]
        # Labels stick out of their nodes by some pixels: cover twice the view.
        self._bounds = view.adjusted(
            -view.width() / 2, -view.height() / 2, view.width() / 2, view.height() / 2
        )
        self.update()

    def texts(self) -> list[str]:
        return [static.text() for _x, _y, static, _r in self._labels]

    def _static(self, text: str) -> QStaticText:
        static = self._cache.get(text)
        if static is None:
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            if len(self._cache) > 20_000:
                self._cache.clear()
            self._cache[text] = static
        return static

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, *_args: object) -> None:
        if not self._labels:
            return
        transform = painter.transform()
        painter.save()
        painter.resetTransform()
        painter.setPen(self._text)
        for x, y, static, radius in self._labels:
            point = transform.map(QPointF(x, y))
            size = static.size()
            left = point.x() - size.width() / 2
            top = point.y() + radius + 2
            painter.fillRect(
                QRectF(left - 3, top - 1, size.width() + 6, size.height() + 2), self._backdrop
            )
            painter.drawStaticText(QPointF(left, top), static)
        painter.restore()


def _round_face(image: QImage, size: int) -> QPixmap:
    """`image` cropped to its centre square, scaled, in a circle with a thin ring."""
    side = min(image.width(), image.height())
    square = image.copy(
        (image.width() - side) // 2, (image.height() - side) // 2, side, side
    ).scaled(
        size, size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    face = QPixmap(size, size)
    face.fill(Qt.GlobalColor.transparent)
    painter = QPainter(face)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.addEllipse(1, 1, size - 2, size - 2)
    painter.setClipPath(path)
    painter.drawImage(0, 0, square)
    painter.setClipping(False)
    painter.setPen(QPen(QColor("#FFFFFF"), 2))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return face


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _elide(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _edge_pen(key: tuple[str, int], background: QColor) -> QPen:
    """Opaque pens: Qt strokes wide translucent lines ~10x slower (a 5k map: 280 vs 35 ms)."""
    kind, strength = key
    if kind == "mine":
        return pg.mkPen(_blend(QColor(120, 130, 150), background, 0.25), width=1)
    if kind == "tie":
        colour = _blend(QColor(95, 105, 125), background, 0.35 + 0.12 * strength)
        return pg.mkPen(colour, width=edge_widths(strength))
    if kind in ("member", "attended"):  # groups and events: a light dotted line
        pen = pg.mkPen(_blend(QColor(176, 122, 161), background, 0.6), width=1)
        pen.setStyle(Qt.PenStyle.DotLine)
        return pen
    pen = pg.mkPen(_blend(QColor(89, 161, 79), background, 0.7), width=1)
    if kind == "past_job":
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def _blend(colour: QColor, background: QColor, opacity: float) -> QColor:
    """`colour` at `opacity` over `background`, as one opaque colour."""
    mix = max(0.0, min(1.0, opacity))
    return QColor(
        round(colour.red() * mix + background.red() * (1 - mix)),
        round(colour.green() * mix + background.green() * (1 - mix)),
        round(colour.blue() * mix + background.blue() * (1 - mix)),
    )


_PENS: dict[bool, QPen] = {}
_BRUSHES: dict[str, QBrush] = {}


def _brush(colour: str) -> QBrush:
    brush = _BRUSHES.get(colour)
    if brush is None:
        brush = _BRUSHES[colour] = pg.mkBrush(colour)
    return brush


def _node_pen(pinned: bool) -> QPen:
    if pinned not in _PENS:
        _PENS[pinned] = (
            pg.mkPen("#222222", width=2.0)
            if pinned
            else pg.mkPen(QColor(255, 255, 255, 200), width=0.8)
        )
    return _PENS[pinned]
