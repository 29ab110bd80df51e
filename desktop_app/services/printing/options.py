"""What the user chose for a printed map: paper, orientation, pages, style, title.

Plain values (no Qt), shared by the print dialog, the export dialog and `trellis print-map`,
so that all three render exactly the same document from the same choices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

MM = 72.0 / 25.4  # points per millimetre


class PrintError(Exception):
    """A problem the user can fix; the message says what and how."""


class OutputFormat(StrEnum):
    PDF = "pdf"
    PNG = "png"
    SVG = "svg"


class Orientation(StrEnum):
    AUTO = "auto"  # landscape when the map is wider than tall
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


@dataclass(frozen=True, slots=True)
class Paper:
    """A paper size in points (1/72 inch), portrait way up."""

    name: str
    width_pt: float
    height_pt: float


PAPERS: dict[str, Paper] = {
    "A4": Paper("A4", 210 * MM, 297 * MM),
    "Letter": Paper("Letter", 612.0, 792.0),
    "A3": Paper("A3", 297 * MM, 420 * MM),
    "Legal": Paper("Legal", 612.0, 1008.0),
}

MAX_PAGES_PER_SIDE = 10


@dataclass(frozen=True, slots=True)
class PageGrid:
    """How many sheets across (columns) and down (rows); `auto` picks a size."""

    columns: int = 1
    rows: int = 1
    auto: bool = False

    @property
    def count(self) -> int:
        return self.columns * self.rows

    def __str__(self) -> str:
        return "auto" if self.auto else f"{self.columns}x{self.rows}"


ONE_PAGE = PageGrid()


def parse_page_grid(text: str) -> PageGrid:
    """`2x3` → 2 columns by 3 rows; `auto` → as many as legible names need."""
    cleaned = text.strip().lower()
    if cleaned == "auto":
        return PageGrid(auto=True)
    match = re.fullmatch(r"(\d+)\s*[x×*]\s*(\d+)", cleaned)
    if match is None:
        raise PrintError(f"pages must look like 2x3 (columns x rows) or 'auto', not {text!r}")
    columns, rows = int(match.group(1)), int(match.group(2))
    if not (1 <= columns <= MAX_PAGES_PER_SIDE and 1 <= rows <= MAX_PAGES_PER_SIDE):
        raise PrintError(f"pages must be between 1x1 and {MAX_PAGES_PER_SIDE}x{MAX_PAGES_PER_SIDE}")
    return PageGrid(columns, rows)


def parse_paper(name: str) -> Paper:
    for key, paper in PAPERS.items():
        if key.lower() == name.strip().lower():
            return paper
    raise PrintError(f"unknown paper {name!r}; choose one of {', '.join(PAPERS)}")


@dataclass(frozen=True, slots=True)
class PrintOptions:
    """Everything that shapes the printed document."""

    title: str = ""  # empty: "<my name>'s network"
    printed_on: date | None = None  # None: today
    paper: Paper = PAPERS["A4"]
    orientation: Orientation = Orientation.AUTO
    pages: PageGrid = ONE_PAGE
    overlap_mm: float = 10.0
    cut_marks: bool = True
    monochrome: bool = False
    dpi: int = 150  # PNG only
    label_pt: float = 7.0

    def __post_init__(self) -> None:
        if self.label_pt < 6.0:
            raise PrintError("names must be at least 6 pt to stay legible")
        if not 36 <= self.dpi <= 1200:
            raise PrintError("the resolution must be between 36 and 1200 dpi")
        if not 0 <= self.overlap_mm <= 50:
            raise PrintError("the overlap must be between 0 and 50 mm")


def output_format(path: Path) -> OutputFormat:
    """The format named by `path`'s extension, or a `PrintError` naming the ones we know."""
    suffix = path.suffix.lower().lstrip(".")
    try:
        return OutputFormat(suffix)
    except ValueError:
        known = ", ".join(f".{f.value}" for f in OutputFormat)
        shown = f"'.{suffix}'" if suffix else "no extension"
        raise PrintError(
            f"cannot print to {path.name}: {shown} is not a map format (use {known})"
        ) from None
