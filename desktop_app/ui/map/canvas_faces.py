"""Faces on the map: zoomed in to a few dozen nodes, people with a photo show it as a
round face instead of a dot. The view fetches the photos; this keeps and places them.

Imports pyqtgraph: load this module only when the map is first shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPixmapItem

from desktop_app.ui.map.map_pens import round_face

PHOTOS_BELOW = 60  # nodes in view under which people with a photo show their face
PHOTO_PX = 36


class FaceLayer:
    """The round faces and the pixmap items that show them, on one view box."""

    def __init__(self, viewbox: pg.ViewBox) -> None:
        self._viewbox = viewbox
        self._photos: dict[str, QPixmap] = {}
        self._items: list[QGraphicsPixmapItem] = []
        self.shown: set[int] = set()  # node indices drawn as a face now

    def forget(self) -> None:
        """A new network: fetch faces again as they come into view."""
        self._photos.clear()

    def add(self, images: Mapping[str, QImage]) -> None:
        for key, image in images.items():
            if not image.isNull():
                self._photos[key] = round_face(image, PHOTO_PX)

    def missing(self, keys: Sequence[str], candidates: Sequence[int]) -> list[str]:
        return [keys[i] for i in candidates if keys[i] not in self._photos]

    def keys_shown(self) -> list[str]:
        return [item.data(0) for item in self._items if item.isVisible()]

    def place(self, keys: Sequence[str], positions: np.ndarray, candidates: Sequence[int]) -> None:
        """Show the faces of `candidates` (node indices) whose photo is here."""
        faces = [i for i in candidates if keys[i] in self._photos]
        self.shown = set(faces)
        while len(self._items) < len(faces):
            item = QGraphicsPixmapItem()
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
            item.setOffset(-PHOTO_PX / 2, -PHOTO_PX / 2)
            item.setZValue(15)
            self._viewbox.addItem(item)
            self._items.append(item)
        for item, i in zip(self._items, faces, strict=False):
            item.setPixmap(self._photos[keys[i]])
            item.setPos(float(positions[i, 0]), float(positions[i, 1]))
            item.setData(0, keys[i])
            item.setVisible(True)
        for item in self._items[len(faces) :]:
            item.setVisible(False)
