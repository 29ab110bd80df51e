"""Placing names next to their nodes without covering other names or nodes.

Greedy, in priority order (me, organisations, the closest circles first): each name tries
the spots around its node and takes the first free one. A name that finds none is not
drawn at all, because an overlapped name is an illegible one; the document then lists it
in the index instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # left, top, right, bottom

CELL = 24.0
GAP = 1.0


@dataclass(frozen=True, slots=True)
class LabelRequest:
    x: float  # node centre, poster points
    y: float
    radius: float
    width: float  # the name's box, points
    height: float
    must: bool = False  # always named (me), covering dots if it has to


class _SpatialHash:
    def __init__(self) -> None:
        self._cells: defaultdict[tuple[int, int], list[Box]] = defaultdict(list)

    @staticmethod
    def _keys(box: Box) -> list[tuple[int, int]]:
        x0, y0 = int(box[0] // CELL), int(box[1] // CELL)
        x1, y1 = int(box[2] // CELL), int(box[3] // CELL)
        return [(cx, cy) for cx in range(x0, x1 + 1) for cy in range(y0, y1 + 1)]

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self._cells[key].append(box)

    def hits(self, box: Box, ignore: Box | None = None) -> bool:
        left, top, right, bottom = box
        for key in self._keys(box):
            for other in self._cells.get(key, ()):
                if other is ignore:
                    continue
                if left < other[2] and other[0] < right and top < other[3] and other[1] < bottom:
                    return True
        return False


def _candidates(request: LabelRequest) -> list[Box]:
    x, y, r, w, h = request.x, request.y, request.radius + GAP, request.width, request.height
    spots = [
        (x + r, y - h / 2),  # right
        (x - r - w, y - h / 2),  # left
        (x - w / 2, y - r - h),  # above
        (x - w / 2, y + r),  # below
        (x + r * 0.7, y - r * 0.7 - h),  # above right
        (x + r * 0.7, y + r * 0.7),  # below right
        (x - r * 0.7 - w, y - r * 0.7 - h),  # above left
        (x - r * 0.7 - w, y + r * 0.7),  # below left
    ]
    # A second ring a little further out, still close enough to read as the dot's name.
    far = r + 4.0
    spots += [
        (x + far, y - h / 2),
        (x - far - w, y - h / 2),
        (x - w / 2, y - far - h),
        (x - w / 2, y + far),
    ]
    return [(sx, sy, sx + w, sy + h) for sx, sy in spots]


def place_labels(
    requests: Sequence[LabelRequest], area: tuple[float, float]
) -> list[tuple[float, float] | None]:
    """Top-left corner of each name, or None where no free spot was found.

    `requests` must already be in priority order; `area` is the poster's size, which no
    name may leave.
    """
    nodes, names = _SpatialHash(), _SpatialHash()
    node_boxes: list[Box] = []
    for request in requests:
        r = request.radius
        box = (request.x - r, request.y - r, request.x + r, request.y + r)
        node_boxes.append(box)
        nodes.add(box)
    width, height = area
    placed: list[tuple[float, float] | None] = []
    for request, own in zip(requests, node_boxes, strict=True):
        inside = [
            box
            for box in _candidates(request)
            if box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
        ]
        free = [box for box in inside if not names.hits(box)]
        spot = next((box for box in free if not nodes.hits(box, ignore=own)), None)
        if spot is None and request.must and free:
            spot = free[0]
        if spot is not None:
            names.add(spot)
        placed.append(None if spot is None else (spot[0], spot[1]))
    return placed
