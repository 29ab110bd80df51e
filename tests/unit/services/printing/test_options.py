from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.services.printing.options import (
    PAPERS,
    OutputFormat,
    PageGrid,
    PrintError,
    PrintOptions,
    output_format,
    parse_page_grid,
    parse_paper,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1x1", PageGrid(1, 1)),
        ("3x2", PageGrid(3, 2)),
        (" 2 X 4 ", PageGrid(2, 4)),
        ("2×3", PageGrid(2, 3)),
        ("auto", PageGrid(auto=True)),
    ],
)
def test_page_grids_are_columns_by_rows(text: str, expected: PageGrid) -> None:
    assert parse_page_grid(text) == expected


@pytest.mark.parametrize("text", ["", "3", "0x2", "2x11", "axb", "2x2x2"])
def test_bad_page_grids_say_what_is_expected(text: str) -> None:
    with pytest.raises(PrintError, match=r"2x3|between"):
        parse_page_grid(text)


def test_paper_names_are_case_insensitive() -> None:
    assert parse_paper("letter") is PAPERS["Letter"]
    assert parse_paper("a4").width_pt == pytest.approx(595.28, abs=0.01)
    with pytest.raises(PrintError, match="A4, Letter"):
        parse_paper("B5")


def test_the_extension_names_the_format() -> None:
    assert output_format(Path("map.PDF")) is OutputFormat.PDF
    assert output_format(Path("a/b.svg")) is OutputFormat.SVG
    with pytest.raises(
        PrintError, match=r"'\.docx' is not a map format \(use \.pdf, \.png, \.svg\)"
    ):
        output_format(Path("map.docx"))
    with pytest.raises(PrintError, match="no extension"):
        output_format(Path("map"))


def test_names_smaller_than_six_points_are_refused() -> None:
    with pytest.raises(PrintError, match="6 pt"):
        PrintOptions(label_pt=5.5)
    with pytest.raises(PrintError, match="dpi"):
        PrintOptions(dpi=5000)
