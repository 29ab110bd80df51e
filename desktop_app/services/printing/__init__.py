"""The printable network map: plan pages from the map's snapshot, then paint them.

`scene` (what to draw) → `document` (where it goes on paper, which names fit) →
`painter` (QPainter on any device) → `output` (PDF, PNG, SVG files or a printer).
"""

from desktop_app.services.printing.document import MapDocument, plan_document
from desktop_app.services.printing.options import (
    PAPERS,
    Orientation,
    OutputFormat,
    PageGrid,
    Paper,
    PrintError,
    PrintOptions,
    parse_page_grid,
    parse_paper,
)
from desktop_app.services.printing.scene import MapScene, Rect, build_scene

__all__ = [
    "PAPERS",
    "MapDocument",
    "MapScene",
    "Orientation",
    "OutputFormat",
    "PageGrid",
    "Paper",
    "PrintError",
    "PrintOptions",
    "Rect",
    "build_scene",
    "parse_page_grid",
    "parse_paper",
    "plan_document",
]
