"""The event prep sheet as a PDF with real (searchable) text, written atomically."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.services.prep_sheet import PrepSheet
from desktop_app.services.printing.job import ensure_gui_application
from desktop_app.services.printing.options import OutputFormat, PrintError
from desktop_app.services.printing.output import _atomic, check_output_path

if TYPE_CHECKING:
    from PySide6.QtGui import QPagedPaintDevice, QTextDocument


def write_prep_pdf(sheet: PrepSheet, path: Path) -> Path:
    """Write `sheet` to `path` (a .pdf); `PrintError` for a path that cannot be written."""
    if check_output_path(path) is not OutputFormat.PDF:
        raise PrintError(f"cannot write {path}: the prep sheet is printed as a .pdf file")
    ensure_gui_application()
    written: list[Path] = []
    _atomic(path, written, lambda tmp: _pdf(sheet, tmp))
    return path


def print_prep_sheet(sheet: PrepSheet, device: QPagedPaintDevice) -> None:
    """Print on a printer the window chose (the same layout as the PDF)."""
    _document(sheet).print_(device)


def _document(sheet: PrepSheet) -> QTextDocument:
    from PySide6.QtGui import QTextDocument

    from desktop_app.services.printing.painter import base_font

    document = QTextDocument()
    document.setDefaultFont(base_font(10.5))  # no ligatures: names stay searchable
    document.setHtml(sheet.html())
    return document


def _pdf(sheet: PrepSheet, tmp: Path) -> None:
    from PySide6.QtGui import QPageSize, QPdfWriter

    writer = QPdfWriter(str(tmp))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setTitle(f"Prep sheet: {sheet.event.title}")
    writer.setCreator("Trellis")
    _document(sheet).print_(writer)
    del writer  # flushes and closes the file
