"""What the user does to the map canvas: click, drag and hover a node; zoom and pan with
the wheel, a pinch, the keys.

Imports pyqtgraph: load this module only when the map is first shown.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QKeyEvent, QNativeGestureEvent
from PySide6.QtWidgets import QGestureEvent, QPinchGesture

if TYPE_CHECKING:
    from desktop_app.ui.map.network_canvas import NetworkCanvas


class NodesItem(pg.ScatterPlotItem):
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
                # A big map first shows what hangs off the node; then it opens.
                if not self._canvas.expand(key):
                    self._canvas.node_activated.emit(key)
            else:
                self._canvas.node_clicked.emit(key)

    def hoverEvent(self, ev: object) -> None:
        if ev.isExit():  # type: ignore[attr-defined]
            self._canvas.set_hovered(None)
            return
        self._canvas.set_hovered(self._canvas.node_at(ev.pos()), ev.scenePos())  # type: ignore[attr-defined]


class OverlayPoints(pg.ScatterPlotItem):
    """Rings drawn over nodes (hover, path, selection, flash) that let clicks through:
    a plain scatter item takes the click on its points, so the second click of a double
    click on the selected node would never reach the node."""

    def mouseClickEvent(self, ev: object) -> None:
        ev.ignore()  # type: ignore[attr-defined]

    def mouseDragEvent(self, ev: object) -> None:
        ev.ignore()  # type: ignore[attr-defined]


class CanvasNavigation:
    """Zoom, pan, fit and the keys of the canvas (mixed into `NetworkCanvas`)."""

    viewbox: pg.ViewBox
    keys: list[str]
    index: dict[str, int]
    positions_array: np.ndarray

    def fit(self) -> None:
        """Everything in view."""
        if len(self.keys) == 0:
            return
        self._fit_points(self.positions_array)
        shown = self.fit_shown()
        if shown is not None and len(shown):
            self._fit_points(shown)  # a big map: what it shows, not what it hides

    def fit_shown(self) -> np.ndarray | None:
        """The positions a fit should frame once everything was framed (None: all)."""
        return None

    def _fit_points(self, points: np.ndarray) -> None:
        lo = points.min(axis=0)
        hi = points.max(axis=0)
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
        elif not self.key_pressed(event):
            super().keyPressEvent(event)  # type: ignore[misc]
            return
        event.accept()

    def key_pressed(self, event: QKeyEvent) -> bool:
        """The canvas's own keys (Enter…); True when handled."""
        return False

    def viewportEvent(self, event: QEvent) -> bool:
        # Touchpad pinch (macOS, Wayland) arrives as a native zoom gesture.
        if isinstance(event, QNativeGestureEvent) and (
            event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture
        ):
            self.zoom(1.0 + event.value())
            return True
        return bool(super().viewportEvent(event))  # type: ignore[misc]

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Gesture and isinstance(event, QGestureEvent):
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                factor = pinch.scaleFactor()
                if factor > 0:
                    self.zoom(factor)
                event.accept()
                return True
        return bool(super().event(event))  # type: ignore[misc]
