"""Page geometry in points: the frame of every sheet, the poster the map is laid on, the tiles.

A poster of C×R sheets is one continuous drawing ("poster space", in points). Each sheet
shows a window of it the size of its map area; neighbouring windows share `overlap` points
so the sheets can be trimmed along the cut marks and glued edge over edge.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from desktop_app.services.printing.options import (
    MAX_PAGES_PER_SIDE,
    MM,
    Orientation,
    PageGrid,
    PrintOptions,
)
from desktop_app.services.printing.scene import Rect

MARGIN = 12 * MM
HEADER_HEIGHT = 30.0
FOOTER_HEIGHT = 16.0
LEGEND_HEIGHT = 40.0
GAP = 10.0  # leaves room for the index grid's column letters above the map
POSTER_PADDING = 10.0  # room around the outermost nodes for their names
GRID_SQUARE = 72.0  # index squares of about an inch


@dataclass(frozen=True, slots=True)
class PageFrame:
    """Where things go on one sheet (all sheets share it)."""

    width: float
    height: float
    header: Rect
    map_area: Rect
    legend: Rect
    footer: Rect


@dataclass(frozen=True, slots=True)
class Tile:
    column: int
    row: int
    window: Rect  # the part of the poster this sheet shows

    def name(self) -> str:
        return f"row {self.row + 1}, column {self.column + 1}"


@dataclass(frozen=True, slots=True)
class Poster:
    frame: PageFrame
    grid: PageGrid
    overlap: float
    size: tuple[float, float]  # the whole drawing, in points
    tiles: tuple[Tile, ...]

    @property
    def is_poster(self) -> bool:
        return self.grid.count > 1


def page_size(options: PrintOptions, world_aspect: float) -> tuple[float, float]:
    """The sheet in points, turned as chosen or, for `auto`, the way that fits the map best."""
    width, height = options.paper.width_pt, options.paper.height_pt
    if options.orientation is Orientation.LANDSCAPE:
        return height, width
    if options.orientation is Orientation.AUTO:
        grid = options.pages
        portrait = _mismatch(grid.columns * width, grid.rows * height, world_aspect)
        landscape = _mismatch(grid.columns * height, grid.rows * width, world_aspect)
        if landscape < portrait:
            return height, width
    return width, height


def _mismatch(poster_w: float, poster_h: float, world_aspect: float) -> float:
    """How badly a poster's shape suits the map's (0: exactly)."""
    return abs(math.log((poster_w / poster_h) / max(world_aspect, 1e-9)))


def page_frame(width: float, height: float) -> PageFrame:
    inner_w = width - 2 * MARGIN
    header = Rect(MARGIN, MARGIN, inner_w, HEADER_HEIGHT)
    footer = Rect(MARGIN, height - MARGIN - FOOTER_HEIGHT, inner_w, FOOTER_HEIGHT)
    legend = Rect(MARGIN, footer.y - GAP - LEGEND_HEIGHT, inner_w, LEGEND_HEIGHT)
    top = header.bottom + GAP
    map_area = Rect(MARGIN, top, inner_w, legend.y - GAP - top)
    return PageFrame(width, height, header, map_area, legend, footer)


def plan_poster(frame: PageFrame, grid: PageGrid, overlap_mm: float) -> Poster:
    """Tiles of the poster, row by row, each a window of the frame's map area size."""
    area = frame.map_area
    overlap = 0.0 if grid.count == 1 else min(overlap_mm * MM, area.width / 3, area.height / 3)
    step_x, step_y = area.width - overlap, area.height - overlap
    size = (step_x * grid.columns + overlap, step_y * grid.rows + overlap)
    tiles = tuple(
        Tile(column, row, Rect(column * step_x, row * step_y, area.width, area.height))
        for row in range(grid.rows)
        for column in range(grid.columns)
    )
    return Poster(frame, grid, overlap, size, tiles)


@dataclass(frozen=True, slots=True)
class WorldToPoster:
    """Uniform scale and offset that fit the world bounds into the poster, centred."""

    scale: float
    dx: float
    dy: float

    def map(self, x: float, y: float) -> tuple[float, float]:
        return x * self.scale + self.dx, y * self.scale + self.dy


def fit_world(bounds: Rect, poster_size: tuple[float, float]) -> WorldToPoster:
    usable_w = max(poster_size[0] - 2 * POSTER_PADDING, 1.0)
    usable_h = max(poster_size[1] - 2 * POSTER_PADDING, 1.0)
    scale = min(usable_w / max(bounds.width, 1e-9), usable_h / max(bounds.height, 1e-9))
    dx = (poster_size[0] - bounds.width * scale) / 2 - bounds.x * scale
    dy = (poster_size[1] - bounds.height * scale) / 2 - bounds.y * scale
    return WorldToPoster(scale, dx, dy)


def suggest_grid(
    label_area: float, frame: PageFrame, world_aspect: float, fill: float = 0.12
) -> PageGrid:
    """Enough sheets for names covering `label_area` square points to fill at most `fill`.

    Force layouts are uneven, so names only fit comfortably when they cover a small part
    of the paper. Among the grids with enough sheets, the one whose poster is shaped most
    like the map (either way up) and wastes fewest sheets wins.
    """
    per_page = frame.map_area.width * frame.map_area.height * fill
    needed = max(1, math.ceil(label_area / per_page))
    short, long = sorted((frame.width, frame.height))
    best: tuple[float, PageGrid] | None = None
    for columns in range(1, MAX_PAGES_PER_SIDE + 1):
        rows = min(max(1, math.ceil(needed / columns)), MAX_PAGES_PER_SIDE)
        shape = min(
            _mismatch(columns * short, rows * long, world_aspect),
            _mismatch(columns * long, rows * short, world_aspect),
        )
        score = shape + 0.5 * (columns * rows - needed) / needed
        if best is None or score < best[0]:
            best = (score, PageGrid(columns, rows))
    assert best is not None
    return best[1]


@dataclass(frozen=True, slots=True)
class IndexGrid:
    """Lettered columns and numbered rows over the poster, for the name index."""

    columns: int
    rows: int
    cell_w: float
    cell_h: float

    def square(self, x: float, y: float) -> str:
        column = min(max(int(x // self.cell_w), 0), self.columns - 1)
        row = min(max(int(y // self.cell_h), 0), self.rows - 1)
        return f"{column_letters(column)}{row + 1}"


def index_grid(poster_size: tuple[float, float]) -> IndexGrid:
    columns = max(1, round(poster_size[0] / GRID_SQUARE))
    rows = max(1, round(poster_size[1] / GRID_SQUARE))
    return IndexGrid(columns, rows, poster_size[0] / columns, poster_size[1] / rows)


def column_letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA, as spreadsheets do."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
