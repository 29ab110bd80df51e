"""File ▸ Print map… and File ▸ Export map…: the printed map from the GUI.

Both draw what the map view shows (its filters and positions) when it offers a
`MapPrintSource`, otherwise the whole network where the map last left it. Printing goes
through Qt's print preview; exporting runs in a worker thread with progress and cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QObject, QThread, Signal, Slot
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QToolBar,
    QWidget,
)

from desktop_app.services.printing.document import MapDocument
from desktop_app.services.printing.job import MapPrintSource, document_for_source, positions_for
from desktop_app.services.printing.options import (
    Orientation,
    Paper,
    PrintError,
    PrintOptions,
    output_format,
)
from desktop_app.services.printing.output import (
    PrintCancelledError,
    check_output_path,
    paint_document,
    write_document,
)
from desktop_app.services.printing.scene import Rect, build_scene
from desktop_app.storage.database import Database
from desktop_app.ui.printing.map_print_dialog import MapPrintDialog

if TYPE_CHECKING:
    from desktop_app.ui.map.map_style import NodeStyle as MapNodeStyle
    from desktop_app.ui.map.network_canvas import NetworkCanvas

FILTERS = "PDF document (*.pdf);;PNG image (*.png);;SVG drawing (*.svg)"
SourceProvider = Callable[[], MapPrintSource | None]


class ExportWorker(QThread):
    """Plans and writes one export off the UI thread; `cancel()` stops between pages."""

    progressed = Signal(int, int)
    succeeded = Signal(object)  # list[Path]
    failed = Signal(str)

    def __init__(
        self, source: MapPrintSource, options: PrintOptions, path: Path, visible: bool
    ) -> None:
        super().__init__()
        self._source, self._options, self._path = source, options, path
        self._visible = visible
        self._cancelled = False
        self.document: MapDocument | None = None

    def cancel(self) -> None:
        self._cancelled = True

    def run(self) -> None:
        try:
            self.document = document_for_source(self._source, self._options, self._visible)
            files = write_document(self.document, self._path, self._on_progress)
        except PrintCancelledError:
            self.failed.emit("")
        except (PrintError, OSError) as error:
            self.failed.emit(str(error))
        else:
            self.succeeded.emit(files)

    def _on_progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._cancelled


class MapPrinting(QObject):
    """The print and export actions of one window; remembers the last choices."""

    exported = Signal(object)  # list[Path], once files are written
    export_failed = Signal(str)  # the message; empty when cancelled

    def __init__(self, window: QWidget, db: Database, source: SourceProvider | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._db = db
        self._source = source
        self.options = PrintOptions()
        self.print_current_view = False
        self.worker: ExportWorker | None = None
        self._progress: QProgressDialog | None = None
        self._printer: QPrinter | None = None
        self.last_document: MapDocument | None = None

    # What to print ------------------------------------------------------------------

    @Slot(str, QWidget)
    def on_view_created(self, key: str, view: QWidget) -> None:
        """The map view, once opened, says what it shows (its `print_source`)."""
        provider = getattr(view, "print_source", None)
        if key == "map" and callable(provider):
            self.set_source(provider)

    def set_source(self, source: SourceProvider | None) -> None:
        """Let the map view say what it shows (its filters, positions, colouring, area)."""
        self._source = source

    def source(self) -> MapPrintSource:
        """The map view's state if it offers one, else the whole network as last laid out."""
        offered = self._source() if self._source is not None else None
        if offered is not None:
            return offered
        from desktop_app.services.map.network_graph import load_network

        snapshot = load_network(self._db)
        return MapPrintSource(snapshot, positions_for(self._db, snapshot, "force"))

    def plan(self, source: MapPrintSource, options: PrintOptions) -> MapDocument:
        self.last_document = document_for_source(source, options, self.print_current_view)
        return self.last_document

    def _dialog(self, source: MapPrintSource, *, for_export: bool, png: bool) -> bool:
        default_title = build_scene(source.snapshot, {}).default_title()
        dialog = MapPrintDialog(
            self.options,
            default_title,
            for_export=for_export,
            png=png,
            can_print_view=source.visible is not None,
            current_view=self.print_current_view,
            parent=self._window,
        )
        if dialog.exec() != MapPrintDialog.DialogCode.Accepted:
            return False
        self.options = dialog.options()
        self.print_current_view = dialog.prints_current_view()
        return True

    # Printing -----------------------------------------------------------------------

    def print_map(self) -> None:
        """File ▸ Print map…: Qt's print preview, with a button for the map's options."""
        self.make_preview().exec()

    def make_preview(self) -> QPrintPreviewDialog:
        source = self.source()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)
        first = self.plan(source, self.options)
        printer.setPageLayout(
            _layout_for(self.options.paper, first.frame.width, first.frame.height)
        )
        preview = QPrintPreviewDialog(printer, self._window)
        self._printer = printer  # the dialog does not own it: keep it alive as long
        preview.setWindowTitle("Print map")
        screen = self._window.screen().availableGeometry()
        preview.resize(min(1100, screen.width() * 9 // 10), min(900, screen.height() * 9 // 10))
        preview.paintRequested.connect(lambda device: self._paint(source, device))
        toolbar = preview.findChild(QToolBar)
        if toolbar is not None:
            action = toolbar.addAction("Map options…")
            action.setObjectName("map_options")
            action.triggered.connect(lambda: self._on_preview_options(source, preview))
        return preview

    def _on_preview_options(self, source: MapPrintSource, preview: QPrintPreviewDialog) -> None:
        if self._dialog(source, for_export=False, png=False):
            widget = preview.findChild(QPrintPreviewWidget)
            if widget is not None:
                widget.updatePreview()

    def _paint(self, source: MapPrintSource, printer: QPrinter) -> None:
        """Plan for the paper and orientation chosen in the print dialogs, then paint."""
        layout = printer.pageLayout()
        size = layout.pageSize().size(QPageSize.Unit.Point)
        width, height = sorted((size.width(), size.height()))
        landscape = layout.orientation() == QPageLayout.Orientation.Landscape
        options = replace(
            self.options,
            paper=Paper(layout.pageSize().name(), width, height),
            orientation=Orientation.LANDSCAPE if landscape else Orientation.PORTRAIT,
        )
        printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
        try:
            paint_document(self.plan(source, options), printer)
        except PrintError as error:
            QMessageBox.warning(self._window, "Print map", str(error))

    # Exporting ----------------------------------------------------------------------

    def export_map(self) -> None:
        """File ▸ Export map…: where to, then the options, then the file in the background."""
        path = self._ask_path()
        if path is None:
            return
        try:
            check_output_path(path)
        except PrintError as error:
            QMessageBox.warning(self._window, "Export map", str(error))
            return
        source = self.source()
        if not self._dialog(source, for_export=True, png=path.suffix.lower() == ".png"):
            return
        self.export_to(path, source, show_progress=True)

    def _ask_path(self) -> Path | None:
        suggested = str(Path.home() / "network-map.pdf")
        name, chosen = QFileDialog.getSaveFileName(self._window, "Export map", suggested, FILTERS)
        if not name:
            return None
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix("." + chosen.split("*.")[1].rstrip(")"))
        return path

    def export_to(
        self, path: Path, source: MapPrintSource | None = None, *, show_progress: bool = False
    ) -> ExportWorker:
        """Write the map to `path` in a worker thread; `exported` or a message follows.

        The worker's signals go to slots of this object, so they run on the UI thread.
        """
        output_format(path)
        worker = ExportWorker(source or self.source(), self.options, path, self.print_current_view)
        self.worker = worker
        self._progress = None
        if show_progress:
            self._progress = QProgressDialog("Drawing the map…", "Cancel", 0, 0, self._window)
            self._progress.setWindowTitle("Export map")
            self._progress.setMinimumDuration(300)
            self._progress.canceled.connect(worker.cancel)
        worker.progressed.connect(self._on_worker_progressed)
        worker.succeeded.connect(self._on_worker_succeeded)
        worker.failed.connect(self._on_worker_failed)
        worker.start()
        return worker

    @Slot(int, int)
    def _on_worker_progressed(self, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress.setMaximum(total)
            self._progress.setValue(done)

    @Slot(object)
    def _on_worker_succeeded(self, files: list[Path]) -> None:
        worker = self.worker
        self.last_document = worker.document if worker is not None else None
        self.exported.emit(files)
        if self._progress is not None:
            self._progress.reset()
            self._progress = None
            note = self.last_document.note() if self.last_document is not None else ""
            shown = "\n".join(str(f) for f in files)
            QMessageBox.information(
                self._window, "Export map", f"Saved:\n{shown}" + (f"\n\n{note}" if note else "")
            )

    @Slot(str)
    def _on_worker_failed(self, message: str) -> None:
        self.export_failed.emit(message)
        if self._progress is not None:
            self._progress.reset()
            self._progress = None
            if message:
                QMessageBox.warning(self._window, "Export map", message)


def _layout_for(paper: Paper, width: float, height: float) -> QPageLayout:
    size = QPageSize(QPageSize.PageSizeId.A4)
    for candidate in (
        QPageSize.PageSizeId.A4,
        QPageSize.PageSizeId.Letter,
        QPageSize.PageSizeId.A3,
        QPageSize.PageSizeId.Legal,
    ):
        if QPageSize(candidate).name() == paper.name:
            size = QPageSize(candidate)
    orientation = (
        QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))


def source_from_canvas(
    canvas: NetworkCanvas, style: MapNodeStyle | None, coloured_by_circle: bool
) -> MapPrintSource | None:
    """What a map canvas shows, for `MapPrinting.set_source` (None while it is empty).

    Colouring by circle prints the paper's own circle style (shapes and greys that survive
    a black-and-white printer); any other colouring prints the canvas's colours and legend.
    """
    snapshot = canvas.snapshot
    if not snapshot.nodes:
        return None
    area = canvas.viewbox.viewRect()
    visible = Rect(area.x(), area.y(), area.width(), area.height())
    colours: dict[str, str] | None = None
    legend: tuple[tuple[str, str], ...] = ()
    if style is not None and not coloured_by_circle:
        colours = dict(zip(canvas.keys, style.colours, strict=False))
        legend = tuple((entry.colour, entry.label) for entry in style.legend)
    return MapPrintSource(snapshot, canvas.positions(), visible, colours, legend)


def map_printing_for(window: QMainWindow) -> MapPrinting:
    """The window's print and export controller, created on first use.

    It learns of the map view whether that was opened before (looked up now) or is
    opened later (through `view_created`)."""
    found = window.findChild(MapPrinting)
    if found is not None:
        return found
    printing = MapPrinting(window, window.workspace.db)  # type: ignore[attr-defined]
    views = getattr(window, "views", {})
    if "map" in views:
        printing.on_view_created("map", views["map"])
    view_created = getattr(window, "view_created", None)
    if view_created is not None:
        view_created.connect(printing.on_view_created)
    return printing
