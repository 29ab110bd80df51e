"""Writing a planned map to PDF, PNG or SVG files, or to a printer.

Files are written next to their destination under a temporary name and moved into place
when complete, so a failure or a cancel never leaves half a map behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QImage, QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPdfWriter

from desktop_app.services.printing.document import MapDocument
from desktop_app.services.printing.options import OutputFormat, PrintError, output_format
from desktop_app.services.printing.painter import PagePainter

Progress = Callable[[int, int], bool]  # (pages done, pages in all) → False to cancel

PDF_RESOLUTION = 1200


class PrintCancelledError(Exception):
    """The user cancelled; nothing was written."""


def check_output_path(path: Path) -> OutputFormat:
    """The format `path` asks for, once we know it can be written; else a `PrintError`."""
    fmt = output_format(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise PrintError(f"cannot write {path}: it is a folder")
    if not folder.is_dir():
        raise PrintError(f"cannot write {path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise PrintError(f"cannot write {path}: permission denied")
    return fmt


def output_files(path: Path, page_count: int) -> list[Path]:
    """The files a PNG or SVG export makes: `path` itself, or one numbered file per page."""
    if page_count == 1 or output_format(path) is OutputFormat.PDF:
        return [path]
    digits = len(str(page_count))
    return [
        path.with_name(f"{path.stem}-{n:0{digits}d}{path.suffix}") for n in range(1, page_count + 1)
    ]


def write_document(
    document: MapDocument, path: Path, progress: Progress | None = None
) -> list[Path]:
    """Write every page of `document` to `path` (format from its extension); the files made."""
    fmt = check_output_path(path)
    pages = _page_count(document)
    targets = output_files(path, pages)
    written: list[Path] = []
    try:
        if fmt is OutputFormat.PDF:
            _atomic(path, written, lambda tmp: _pdf(document, tmp, pages, progress))
        else:
            for number, target in enumerate(targets):
                _atomic(target, written, _page_writer(document, fmt, number))
                if progress is not None and not progress(number + 1, pages):
                    raise PrintCancelledError
    except BaseException:
        for done in written:
            done.unlink(missing_ok=True)
        raise
    return written


def paint_document(
    document: MapDocument, device: QPagedPaintDevice, progress: Progress | None = None
) -> None:
    """Paint all pages on a begun-able paged device (a QPrinter, a QPdfWriter)."""
    painter = QPainter()
    if not painter.begin(device):
        raise PrintError("the printer could not be opened")
    try:
        pages = _page_count(document)
        drawer = PagePainter(painter, document)
        for number in range(pages):
            if number:
                device.newPage()
            drawer.paint(number)
            if progress is not None and not progress(number + 1, pages):
                raise PrintCancelledError
    finally:
        painter.end()


def page_layout(document: MapDocument) -> QPageLayout:
    """The paper and orientation the document was planned for, margins drawn by us."""
    paper = document.options.paper
    size = QPageSize(QSizeF(paper.width_pt, paper.height_pt), QPageSize.Unit.Point, paper.name)
    landscape = document.frame.width > document.frame.height
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))


def _page_count(document: MapDocument) -> int:
    return 1 if document.scene.is_empty else document.page_count


def _atomic(target: Path, written: list[Path], make: Callable[[Path], None]) -> None:
    handle, name = tempfile.mkstemp(
        prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent or Path(".")
    )
    os.close(handle)
    tmp = Path(name)
    try:
        make(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp made it private; a map is a normal file
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    written.append(target)


def _page_writer(document: MapDocument, fmt: OutputFormat, number: int) -> Callable[[Path], None]:
    def write(tmp: Path) -> None:
        if fmt is OutputFormat.PNG:
            _png(document, tmp, number)
        else:
            _svg(document, tmp, number)

    return write


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _pdf(document: MapDocument, tmp: Path, pages: int, progress: Progress | None) -> None:
    writer = QPdfWriter(str(tmp))
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(page_layout(document))
    writer.setTitle(document.title)
    writer.setCreator("Trellis")
    try:
        paint_document(document, writer, progress)
    except PrintError:
        raise PrintError(f"could not write the PDF in {tmp.parent}") from None
    del writer  # flushes and closes the file


def _png(document: MapDocument, tmp: Path, number: int) -> None:
    dpi = document.options.dpi
    frame = document.frame
    size = QSize(round(frame.width * dpi / 72), round(frame.height * dpi / 72))
    image = QImage(size, QImage.Format.Format_RGB32)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(0xFFFFFF)
    _paint_single(document, image, number)
    if not image.save(str(tmp)):
        raise PrintError(f"could not write {tmp.name}")


def _svg(document: MapDocument, tmp: Path, number: int) -> None:
    from PySide6.QtSvg import QSvgGenerator

    frame = document.frame
    generator = QSvgGenerator()
    generator.setFileName(str(tmp))
    generator.setSize(QSize(round(frame.width), round(frame.height)))
    generator.setViewBox(QRectF(0, 0, frame.width, frame.height))
    generator.setResolution(72)
    generator.setTitle(document.title)
    generator.setDescription("Network map printed by Trellis")
    _paint_single(document, generator, number)


def _paint_single(document: MapDocument, device: QImage | object, number: int) -> None:
    painter = QPainter()
    if not painter.begin(device):  # type: ignore[arg-type]
        raise PrintError("could not start drawing the map")
    try:
        PagePainter(painter, document).paint(number)
    finally:
        painter.end()
