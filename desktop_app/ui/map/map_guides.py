"""What a computed layout draws behind its nodes: the named rings of the radial layout and
the named clusters of the layout by organisation (`services.map.layout.LayoutGuides`).

Imports pyqtgraph: load this module only when the map is first shown.
"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen

from desktop_app.services.map.layout import LayoutGuides

CLUSTER_LABEL_MIN_PX = 14  # a cluster this small on screen is not named (its dot is)
RING_LABEL_GAP_PX = 3


class GuideLayer(pg.GraphicsObject):
    """Rings and clusters in one item: drawn in layout units, named in pixels."""

    def __init__(self, palette: QPalette, font: QFont) -> None:
        super().__init__()
        self._guides = LayoutGuides()
        self._bounds = QRectF()
        # The names go in an item of their own, above nodes and lines (add it to the view).
        self.names = GuideNames(self)
        self._font = QFont(font)
        self._font.setBold(True)
        self.set_palette(palette)

    def set_palette(self, palette: QPalette) -> None:
        text = QColor(palette.color(QPalette.ColorRole.Text))
        window = QColor(palette.color(QPalette.ColorRole.Window))
        self._text = text
        ring = QColor(text)
        ring.setAlpha(70)
        self._ring_pen = QPen(ring, 1.2, Qt.PenStyle.DashLine)
        self._ring_pen.setCosmetic(True)
        fill = QColor(text)
        fill.setAlpha(16 if window.lightness() > 128 else 28)
        self._cluster_fill = fill
        edge = QColor(text)
        edge.setAlpha(60)
        self._cluster_pen = QPen(edge, 1.0)
        self._cluster_pen.setCosmetic(True)
        backdrop = QColor(palette.color(QPalette.ColorRole.Base))
        backdrop.setAlpha(210)
        self._backdrop = backdrop
        self.update()

    def set_guides(self, guides: LayoutGuides) -> None:
        self.prepareGeometryChange()
        self._guides = guides
        rect = QRectF()
        for ring in guides.rings:
            rect = rect.united(QRectF(-ring.radius, -ring.radius, 2 * ring.radius, 2 * ring.radius))
        for c in guides.clusters:
            rect = rect.united(QRectF(c.x - c.radius, c.y - c.radius, 2 * c.radius, 2 * c.radius))
        # Names stick out of their rings and clusters by some pixels.
        margin = max(rect.width(), rect.height()) * 0.1 + 1
        self._bounds = rect.adjusted(-margin, -margin, margin, margin)
        self.update()
        self.names.refresh()

    def guides(self) -> LayoutGuides:
        return self._guides

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, *_args: object) -> None:
        guides = self._guides
        if not guides.rings and not guides.clusters:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self._ring_pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for ring in guides.rings:
            painter.drawEllipse(QPointF(0, 0), ring.radius, ring.radius)
        painter.setPen(self._cluster_pen)
        painter.setBrush(self._cluster_fill)
        for c in guides.clusters:
            painter.drawEllipse(QPointF(c.x, c.y), c.radius, c.radius)

    @property
    def painted_names(self) -> list[tuple[str, QRectF]]:
        """Each name the last paint drew and where, in pixels."""
        return self.names.painted

    def paint_names(self, painter: QPainter) -> list[tuple[str, QRectF]]:
        transform = painter.transform()
        painter.save()
        painter.resetTransform()
        painter.setFont(self._font)
        box_of_view = self.getViewBox()  # what the view box shows, in device pixels
        shown = box_of_view.viewRect() if box_of_view is not None else self._bounds
        viewport = transform.mapRect(shown).intersected(QRectF(painter.viewport()))
        placed = self.name_boxes(transform.map, viewport)
        for text, box in placed:
            painter.fillRect(box, self._backdrop)
            painter.setPen(self._text)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
        return placed

    def name_boxes(
        self, to_pixels: Callable[[QPointF], QPointF], viewport: QRectF
    ) -> list[tuple[str, QRectF]]:
        """Each name drawn and where, in pixels: biggest first, none over another, none
        outside `viewport`. The canvas keeps node labels off these boxes."""
        metrics = QFontMetricsF(self._font)
        names: list[tuple[float, QPointF, str]] = []
        for ring in self._guides.rings:
            # The name sits on the ring's top, where the layout starts each ring.
            top = to_pixels(QPointF(0, ring.radius))
            centre = to_pixels(QPointF(0, 0))
            if abs(top.y() - centre.y()) < metrics.height():
                continue
            names.append((1e9, top, f"{ring.label} ({ring.count})"))
        for c in self._guides.clusters:
            centre = to_pixels(QPointF(c.x, c.y))
            rim = to_pixels(QPointF(c.x, c.y + c.radius))
            if abs(centre.y() - rim.y()) < CLUSTER_LABEL_MIN_PX:
                continue
            names.append((c.people, QPointF(centre.x(), rim.y()), f"{c.label} · {c.people}"))
        names.sort(key=lambda item: -item[0])
        placed: list[tuple[str, QRectF]] = []
        for _rank, point, text in names:
            width = metrics.horizontalAdvance(text)
            box = QRectF(
                point.x() - width / 2 - 3,
                point.y() - metrics.height() - RING_LABEL_GAP_PX,
                width + 6,
                metrics.height() + 2,
            )
            # Keep names inside the view rather than cut at its edge.
            box.moveLeft(max(viewport.left(), min(box.left(), viewport.right() - box.width())))
            box.moveTop(max(viewport.top(), min(box.top(), viewport.bottom() - box.height())))
            if any(box.intersects(other) for _text, other in placed):
                continue
            placed.append((text, box))
        return placed


class GuideNames(pg.GraphicsObject):
    """The names of a `GuideLayer`'s rings and clusters, drawn over nodes and lines."""

    def __init__(self, layer: GuideLayer) -> None:
        super().__init__()
        self._layer = layer
        self.painted: list[tuple[str, QRectF]] = []

    def refresh(self) -> None:
        self.prepareGeometryChange()
        self.update()

    def boundingRect(self) -> QRectF:
        return self._layer.boundingRect()

    def paint(self, painter: QPainter, *_args: object) -> None:
        guides = self._layer.guides()
        self.painted = self._layer.paint_names(painter) if guides.rings or guides.clusters else []
