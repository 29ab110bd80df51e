"""Planning a printed map: sheets, scale, node sizes, which names fit, and the index.

`plan_document` decides everything; `painter.py` only draws what it decided. Text widths
come from a `Measure` callable so the planning itself needs no Qt.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from desktop_app.services.printing.labels import LabelRequest, place_labels
from desktop_app.services.printing.options import ONE_PAGE, PageGrid, PrintOptions
from desktop_app.services.printing.pages import (
    IndexGrid,
    PageFrame,
    Poster,
    WorldToPoster,
    fit_world,
    index_grid,
    page_frame,
    page_size,
    plan_poster,
    suggest_grid,
)
from desktop_app.services.printing.scene import MapScene
from desktop_app.services.printing.style import MapStyle, style_for

Measure = Callable[[str, float, bool], float]  # text, size in points, bold → width in points

LINE_FACTOR = 1.25  # a name's box height, as a multiple of its size
LABEL_PADDING = 1.5
INDEX_PT = 7.5
INDEX_LEADING = 10.0


@dataclass(frozen=True, slots=True)
class NodeMark:
    """One node as drawn on the poster."""

    x: float
    y: float
    radius: float
    label_size: float
    label_bold: bool
    label_at: tuple[float, float] | None  # top-left of the name's box; None: not drawn
    label_width: float


@dataclass(frozen=True, slots=True)
class IndexEntry:
    name: str
    detail: str  # a person's organisation
    kind: str
    square: str
    page: int  # 1-based sheet number the node is on


@dataclass(frozen=True, slots=True)
class MapDocument:
    scene: MapScene
    options: PrintOptions
    title: str
    printed_on: date
    style: MapStyle
    poster: Poster
    transform: WorldToPoster
    marks: tuple[NodeMark, ...]
    index: tuple[IndexEntry, ...]
    grid: IndexGrid | None  # drawn only when there is an index
    index_columns: int
    index_rows_per_column: int
    unlabeled: int
    suggestion: PageGrid | None  # a poster size that would label everyone, when too dense

    @property
    def frame(self) -> PageFrame:
        return self.poster.frame

    @property
    def map_page_count(self) -> int:
        return len(self.poster.tiles)

    @property
    def index_page_count(self) -> int:
        per_page = self.index_columns * self.index_rows_per_column
        return math.ceil(len(self.index) / per_page) if self.index else 0

    @property
    def page_count(self) -> int:
        return self.map_page_count + self.index_page_count

    def index_page(self, number: int) -> tuple[IndexEntry, ...]:
        """Entries on the `number`-th index page (0-based)."""
        per_page = self.index_columns * self.index_rows_per_column
        return self.index[number * per_page : (number + 1) * per_page]

    def note(self) -> str:
        """A line for the legend and the command line when some names are in the index."""
        if not self.unlabeled:
            return ""
        names = "name" if self.unlabeled == 1 else "names"
        text = f"{self.unlabeled:,} {names} did not fit: find them in the index by grid square."
        if self.suggestion is not None:
            grid = self.suggestion
            text += f" A poster of {grid.columns}×{grid.rows} sheets gives names more room."
        return text


def plan_document(
    scene: MapScene, options: PrintOptions, measure: Measure, today: date | None = None
) -> MapDocument:
    """Lay `scene` out on paper as `options` ask, falling back to an index when dense."""
    aspect = scene.bounds.width / max(scene.bounds.height, 1e-9)
    grid = options.pages
    if grid.auto:
        frame = page_frame(*page_size(_with_grid(options, ONE_PAGE), aspect))
        grid = suggest_grid(_label_area(scene, options, measure), frame, aspect)
    frame = page_frame(*page_size(_with_grid(options, grid), aspect))
    poster = plan_poster(frame, grid, options.overlap_mm)
    transform = fit_world(scene.bounds, poster.size)
    marks = _place(scene, options, measure, poster, transform)
    unlabeled = sum(
        1
        for node, mark in zip(scene.nodes, marks, strict=True)
        if mark.label_at is None and node.label
    )
    index: tuple[IndexEntry, ...] = ()
    grid_squares: IndexGrid | None = None
    suggestion: PageGrid | None = None
    if unlabeled:
        grid_squares = index_grid(poster.size)
        index = _index(scene, marks, poster, grid_squares)
        wanted = suggest_grid(_label_area(scene, options, measure), frame, aspect)
        if wanted.count > grid.count:
            suggestion = wanted
    columns = 4 if frame.width > frame.height else 3
    content_height = frame.footer.y - frame.header.bottom - 2 * 6.0
    rows_per_column = max(1, int(content_height // INDEX_LEADING))
    title = options.title.strip() or scene.default_title()
    return MapDocument(
        scene=scene,
        options=options,
        title=title,
        printed_on=options.printed_on or today or date.today(),
        style=style_for(options.monochrome),
        poster=poster,
        transform=transform,
        marks=marks,
        index=index,
        grid=grid_squares,
        index_columns=columns,
        index_rows_per_column=rows_per_column,
        unlabeled=unlabeled,
        suggestion=suggestion,
    )


def _with_grid(options: PrintOptions, grid: PageGrid) -> PrintOptions:
    return replace(options, pages=grid)


def _label_font(kind: str, base: float) -> tuple[float, bool]:
    if kind == "me":
        return base + 2.0, True
    if kind == "organization":
        return base + 0.5, True
    return base, False


def _label_area(scene: MapScene, options: PrintOptions, measure: Measure) -> float:
    total = 0.0
    for node in scene.nodes:
        size, bold = _label_font(node.kind, options.label_pt)
        width = measure(node.label, size, bold) + 2 * LABEL_PADDING
        total += width * size * LINE_FACTOR
    return total


def _radii(scene: MapScene, poster: Poster) -> tuple[float, float, float]:
    """Person, organisation and me radii: smaller when the map is crowded."""
    area = poster.size[0] * poster.size[1]
    spacing = math.sqrt(area / max(len(scene.nodes), 1))
    person = min(max(spacing * 0.12, 1.2), 3.2)
    return person, person * 1.3, max(4.5, person * 1.8)


def _place(
    scene: MapScene,
    options: PrintOptions,
    measure: Measure,
    poster: Poster,
    transform: WorldToPoster,
) -> tuple[NodeMark, ...]:
    person_r, org_r, me_r = _radii(scene, poster)
    order = sorted(range(len(scene.nodes)), key=lambda i: scene.nodes[i].priority)
    requests: list[LabelRequest] = []
    fonts: dict[int, tuple[float, bool, float]] = {}
    for i in order:
        node = scene.nodes[i]
        x, y = transform.map(*node.position)
        radius = {"me": me_r, "organization": org_r}.get(node.kind, person_r)
        size, bold = _label_font(node.kind, options.label_pt)
        width = measure(node.label, size, bold) + 2 * LABEL_PADDING if node.label else 0.0
        fonts[i] = (size, bold, width)
        must = node.kind == "me"
        requests.append(LabelRequest(x, y, radius, width, size * LINE_FACTOR, must))
    spots = place_labels(requests, poster.size)
    marks: dict[int, NodeMark] = {}
    for i, request, spot in zip(order, requests, spots, strict=True):
        size, bold, width = fonts[i]
        at = spot if scene.nodes[i].label else None
        marks[i] = NodeMark(request.x, request.y, request.radius, size, bold, at, width)
    return tuple(marks[i] for i in range(len(scene.nodes)))


def _index(
    scene: MapScene, marks: tuple[NodeMark, ...], poster: Poster, grid: IndexGrid
) -> tuple[IndexEntry, ...]:
    entries = []
    for node, mark in zip(scene.nodes, marks, strict=True):
        if not node.label:
            continue
        page = _sheet_of(poster, mark.x, mark.y)
        detail = node.organization if node.kind == "person" else ""
        square = grid.square(mark.x, mark.y)
        entries.append(IndexEntry(node.label, detail, node.kind, square, page))
    entries.sort(key=lambda e: (e.name.casefold(), e.detail.casefold(), e.square))
    return tuple(entries)


def _sheet_of(poster: Poster, x: float, y: float) -> int:
    """The first sheet (1-based) whose window holds the point, overlap going to the earlier."""
    for number, tile in enumerate(poster.tiles, start=1):
        if tile.window.contains((x, y)):
            return number
    return 1
