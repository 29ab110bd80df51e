"""The map's labels: which nodes get one (level of detail) and the one item that draws them.

Labels are chosen after every pan or zoom: me, the selection, the path and the strongest
ties always; everyone in view once zoomed in; never two labels on top of each other.

Imports pyqtgraph: load this module only when the map is first shown.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QStaticText

LABEL_BUDGET = 160  # labels drawn at most, whatever the zoom
LABEL_MARGIN_PX = 4  # least gap between two labels
ALL_LABELS_BELOW = 90  # nodes in view under which everyone gets a label
CROWDED_THRESHOLD = 40.0  # label priority needed when crowded: strong ties, organisations

Box = tuple[float, float, float, float]


def choose_labels(
    positions: np.ndarray,
    priority: np.ndarray,
    texts: Sequence[str],
    must: Collection[int],
    rect: QRectF,
    pixel_size: tuple[float, float],
    sizes: np.ndarray,
    radius: Callable[[int], float],
    metrics: QFontMetricsF,
    shown: np.ndarray | None = None,
    reserved: Sequence[Box] = (),
) -> list[int]:
    """Indices of the nodes to label, most important first.

    `must` are always labelled (me, selection, path, hover) and no other label may hide
    them; the others in view (and `shown`, a mask, when given) follow `priority` while there
    is room and budget, off the `reserved` boxes (names of rings and clusters). A label
    that would stick out of the view is kept inside it (`label_box`), so no name is ever
    cut at the edge."""
    px_w, px_h = pixel_size
    p = positions
    mask = (
        (p[:, 0] >= rect.left())
        & (p[:, 0] <= rect.right())
        & (p[:, 1] >= rect.top())
        & (p[:, 1] <= rect.bottom())
    )
    if shown is not None:
        mask &= shown
    in_view = np.flatnonzero(mask)
    view_size = (rect.width() / px_w, rect.height() / px_h)
    priority = priority.copy()
    for i in must:
        priority[i] = 1e12
    order = in_view[np.argsort(-priority[in_view], kind="stable")]
    everyone = len(in_view) <= ALL_LABELS_BELOW
    chosen: list[int] = []
    taken: list[Box] = list(reserved)
    height = metrics.height() + LABEL_MARGIN_PX
    for i in must:  # no label may hide me, the selection or the path
        cx = (p[i, 0] - rect.left()) / px_w
        cy = (rect.bottom() - p[i, 1]) / px_h
        r = sizes[i] / 2 + 2
        taken.append((cx - r, cy - r, cx + r, cy + r))
    for i in order[: LABEL_BUDGET * 8].tolist():
        if len(chosen) >= LABEL_BUDGET:
            break
        if not everyone and priority[i] < CROWDED_THRESHOLD:
            break
        label = elide(texts[i])
        cx = (p[i, 0] - rect.left()) / px_w
        cy = (rect.bottom() - p[i, 1]) / px_h
        width = metrics.horizontalAdvance(label) + 6 + 2 * LABEL_MARGIN_PX
        box = label_box(cx, cy, radius(i), width, height, view_size)
        if i not in must and any(overlap(box, other) for other in taken):
            continue
        taken.append(box)
        chosen.append(i)
    return chosen


class LabelLayer(pg.GraphicsObject):
    """Every label in one item, drawn as cached plain static text on a soft backdrop:
    ~10x cheaper per frame than one QGraphicsTextItem per label."""

    def __init__(self, palette: object) -> None:
        super().__init__()
        self._labels: list[tuple[float, float, QStaticText, float]] = []
        self._cache: dict[str, QStaticText] = {}
        self._bounds = QRectF()
        self.painted: list[QRectF] = []  # where the last paint put each label, in pixels
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
        # The visible part of the map in device pixels: the painter's own viewport may be
        # larger than what the view box shows (a real window's view under a splitter).
        box_of_view = self.getViewBox()
        shown = box_of_view.viewRect() if box_of_view is not None else self._bounds
        view = transform.mapRect(shown).intersected(QRectF(painter.viewport()))
        self.painted = []
        for x, y, static, radius in self._labels:
            point = transform.map(QPointF(x, y))
            size = static.size()
            box = label_box(
                point.x() - view.left(),
                point.y() - view.top(),
                radius + 1,
                size.width() + 6,
                size.height() + 2,
                (view.width(), view.height()),
            )
            left, top = box[0] + view.left() + 3, box[1] + view.top() + 1
            backdrop = QRectF(left - 3, top - 1, size.width() + 6, size.height() + 2)
            painter.fillRect(backdrop, self._backdrop)
            self.painted.append(backdrop)
            painter.drawStaticText(QPointF(left, top), static)
        painter.restore()


def label_box(
    cx: float, cy: float, radius: float, width: float, height: float, view: tuple[float, float]
) -> Box:
    """Where a label goes, in view pixels: under its node, centred, but moved inside the
    view where it would stick out (above the node at the bottom edge)."""
    left = min(max(cx - width / 2, 0.0), max(0.0, view[0] - width))
    top = cy + radius + 1
    if top + height > view[1]:
        top = cy - radius - 1 - height
    return (left, top, left + width, top + height)


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def elide(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
