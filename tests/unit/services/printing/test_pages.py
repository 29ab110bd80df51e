from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.services.printing.options import (
    MM,
    PAPERS,
    Orientation,
    PageGrid,
    PrintOptions,
)
from desktop_app.services.printing.pages import (
    column_letters,
    fit_world,
    index_grid,
    page_frame,
    page_size,
    plan_poster,
    suggest_grid,
)
from desktop_app.services.printing.scene import Rect


def test_auto_orientation_follows_the_map() -> None:
    a4 = PrintOptions()
    assert page_size(a4, world_aspect=2.0) == (PAPERS["A4"].height_pt, PAPERS["A4"].width_pt)
    assert page_size(a4, world_aspect=0.5) == (PAPERS["A4"].width_pt, PAPERS["A4"].height_pt)
    fixed = PrintOptions(orientation=Orientation.PORTRAIT)
    assert page_size(fixed, world_aspect=3.0) == (PAPERS["A4"].width_pt, PAPERS["A4"].height_pt)


def test_the_frame_keeps_header_map_legend_and_footer_apart() -> None:
    frame = page_frame(612, 792)
    assert frame.header.bottom < frame.map_area.y
    assert frame.map_area.bottom < frame.legend.y
    assert frame.legend.bottom < frame.footer.y
    assert frame.footer.bottom <= 792 - 12 * MM + 0.01


@given(st.integers(1, 5), st.integers(1, 5), st.floats(0, 30))
def test_poster_sheets_overlap_by_exactly_the_overlap_and_cover_it(
    columns: int, rows: int, overlap_mm: float
) -> None:
    frame = page_frame(595, 842)
    poster = plan_poster(frame, PageGrid(columns, rows), overlap_mm)
    assert len(poster.tiles) == columns * rows
    overlap = poster.overlap if columns * rows > 1 else 0.0
    for tile in poster.tiles:
        if tile.column + 1 < columns:
            right = poster.tiles[tile.row * columns + tile.column + 1]
            assert tile.window.right - right.window.x == pytest.approx(overlap)
    last = poster.tiles[-1].window
    assert (last.right, last.bottom) == pytest.approx(poster.size)


def test_the_world_is_fitted_centred_with_its_shape_kept() -> None:
    fit = fit_world(Rect(-10, -5, 20, 10), (400, 400))
    left, top = fit.map(-10, -5)
    right, bottom = fit.map(10, 5)
    assert right - left == pytest.approx(2 * (bottom - top))
    assert (left + right) / 2 == pytest.approx(200)
    assert (top + bottom) / 2 == pytest.approx(200)


def test_more_names_ask_for_more_sheets() -> None:
    frame = page_frame(595, 842)
    one_page = frame.map_area.width * frame.map_area.height
    assert suggest_grid(one_page * 0.01, frame, 1.0) == PageGrid(1, 1)
    big = suggest_grid(one_page * 2, frame, 1.0)
    assert big.count * one_page * 0.12 >= one_page * 2
    wide = suggest_grid(one_page * 1, frame, 4.0)
    assert wide.columns > wide.rows


def test_grid_squares_are_lettered_like_a_spreadsheet() -> None:
    assert [column_letters(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]
    grid = index_grid((720.0, 360.0))
    assert (grid.columns, grid.rows) == (10, 5)
    assert grid.square(0, 0) == "A1"
    assert grid.square(719, 359) == "J5"
    assert grid.square(75, 80) == "B2"
