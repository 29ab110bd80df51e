"""Print preview, export in the background, and the options dialog, on a real demo network."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QToolBar, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.services.map.network_graph import load_network
from desktop_app.services.printing.job import MapPrintSource
from desktop_app.services.printing.options import PAPERS, Orientation, PageGrid, PrintOptions
from desktop_app.services.printing.scene import Rect
from desktop_app.storage.database import Database
from desktop_app.ui.printing.map_print_dialog import MapPrintDialog
from desktop_app.ui.printing.map_printing import ExportWorker, MapPrinting, map_printing_for
from desktop_app.ui.window.main_window import MainWindow
from tests.unit.services.printing.conftest import pdf_text


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_print_preview_shows_every_page_of_the_map(
    qtbot: QtBot, parent: QWidget, demo_db: Database
) -> None:
    printing = MapPrinting(parent, demo_db)
    printing.options = PrintOptions(pages=PageGrid(2, 1))
    preview = printing.make_preview()
    qtbot.addWidget(preview)
    preview.show()
    widget = preview.findChild(QPrintPreviewWidget)
    assert widget is not None
    qtbot.waitUntil(lambda: widget.pageCount() > 0)
    assert printing.last_document is not None
    assert widget.pageCount() == printing.last_document.page_count >= 2


def test_map_options_in_the_preview_redraw_it(
    qtbot: QtBot, parent: QWidget, demo_db: Database
) -> None:
    printing = MapPrinting(parent, demo_db)
    preview = printing.make_preview()
    qtbot.addWidget(preview)
    preview.show()
    widget = preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() > 0)
    assert printing.last_document.map_page_count == 1
    [action] = [a for a in preview.findChild(QToolBar).actions() if a.objectName() == "map_options"]

    def choose_a_poster() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MapPrintDialog)
        assert dialog.paper_box.isHidden()
        dialog.poster.setChecked(True)
        dialog.columns.setValue(3)
        dialog.rows.setValue(1)
        dialog.accept()

    QTimer.singleShot(0, choose_a_poster)
    action.trigger()
    assert printing.options.pages == PageGrid(3, 1)

    def redrawn() -> bool:
        document = printing.last_document
        return document.map_page_count == 3 and widget.pageCount() == document.page_count

    qtbot.waitUntil(redrawn)


def test_export_writes_a_pdf_in_the_background(
    qtbot: QtBot, parent: QWidget, demo_db: Database, tmp_path: Path
) -> None:
    printing = MapPrinting(parent, demo_db)
    printing.options = PrintOptions(title="Coach session")
    out = tmp_path / "map.pdf"
    with qtbot.waitSignal(printing.exported, timeout=30000) as done:
        worker = printing.export_to(out)
    worker.wait()
    assert done.args == [[out]]
    text = pdf_text(out)
    assert "Coach session" in text
    assert "Inner circle" in text


def test_export_reports_a_bad_destination(
    qtbot: QtBot, parent: QWidget, demo_db: Database, tmp_path: Path
) -> None:
    printing = MapPrinting(parent, demo_db)
    with qtbot.waitSignal(printing.export_failed, timeout=30000) as failed:
        worker = printing.export_to(tmp_path / "missing" / "map.pdf")
    worker.wait()
    assert "does not exist" in failed.args[0]


def test_a_cancelled_export_leaves_no_file(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    snapshot = load_network(demo_db)
    source = MapPrintSource(snapshot, {n.key: (i, i % 5) for i, n in enumerate(snapshot.nodes)})
    options = PrintOptions(pages=PageGrid(3, 3), dpi=40)
    folder = tmp_path / "out"
    folder.mkdir()
    worker = ExportWorker(source, options, folder / "wall.png", visible=False)
    worker.cancel()
    with qtbot.waitSignal(worker.failed, timeout=30000) as failed:
        worker.start()
    worker.wait()
    assert failed.args == [""]
    assert list(folder.iterdir()) == []


def test_the_current_view_prints_only_what_the_map_shows(
    parent: QWidget, demo_db: Database
) -> None:
    snapshot = load_network(demo_db)
    positions = {n.key: (float(i), 0.0) for i, n in enumerate(snapshot.nodes)}
    visible = Rect(-0.5, -1.0, 10.0, 2.0)
    printing = MapPrinting(parent, demo_db, lambda: MapPrintSource(snapshot, positions, visible))
    printing.print_current_view = True
    document = printing.plan(printing.source(), PrintOptions())
    assert len(document.scene.nodes) == 10
    printing.print_current_view = False
    assert len(printing.plan(printing.source(), PrintOptions()).scene.nodes) == len(positions)


def test_the_dialog_edits_every_choice(qtbot: QtBot) -> None:
    dialog = MapPrintDialog(PrintOptions(), "Robin's network", for_export=True, png=True)
    qtbot.addWidget(dialog)
    assert dialog.title_edit.placeholderText() == "Robin's network"
    assert not dialog.current_view.isEnabled()
    assert not dialog.columns.isEnabled()
    dialog.title_edit.setText("  Wall map ")
    dialog.paper_box.setCurrentIndex(dialog.paper_box.findData("Letter"))
    dialog.orientation_box.setCurrentIndex(dialog.orientation_box.findData("landscape"))
    dialog.poster.setChecked(True)
    assert dialog.columns.isEnabled()
    dialog.columns.setValue(3)
    dialog.rows.setValue(2)
    dialog.overlap.setValue(15)
    dialog.cut_marks.setChecked(False)
    dialog.monochrome.setChecked(True)
    dialog.dpi.setValue(300)
    assert dialog.options() == PrintOptions(
        title="Wall map",
        paper=PAPERS["Letter"],
        orientation=Orientation.LANDSCAPE,
        pages=PageGrid(3, 2),
        overlap_mm=15,
        cut_marks=False,
        monochrome=True,
        dpi=300,
    )
    dialog.auto_pages.setChecked(True)
    assert dialog.options().pages == PageGrid(auto=True)
    printing_dialog = MapPrintDialog(PrintOptions(), "x", for_export=False, can_print_view=True)
    qtbot.addWidget(printing_dialog)
    assert printing_dialog.paper_box.isHidden()
    assert printing_dialog.current_view.isEnabled()


def test_the_file_menu_prints_and_exports_the_map(window: MainWindow) -> None:
    actions = window.actions_by_name
    assert actions["print_map"].shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert "&Print map…" in texts
    assert "Export &map…" in texts
    printing = map_printing_for(window)
    assert printing is map_printing_for(window)
    snapshot = load_network(window.workspace.db)
    only_me = MapPrintSource(snapshot, {"me": (0.0, 0.0)})
    printing.set_source(lambda: only_me)
    assert printing.source() is only_me


def test_a_map_canvas_hands_over_what_it_shows(qtbot: QtBot, demo_db: Database) -> None:
    from desktop_app.services.printing.job import document_for_source
    from desktop_app.ui.map.map_style import node_style
    from desktop_app.ui.map.network_canvas import NetworkCanvas
    from desktop_app.ui.printing.map_printing import source_from_canvas

    empty = NetworkCanvas()
    qtbot.addWidget(empty)
    assert source_from_canvas(empty, None, coloured_by_circle=True) is None

    snapshot = load_network(demo_db)
    positions = {n.key: (float(i), float(i % 3)) for i, n in enumerate(snapshot.nodes)}
    canvas = NetworkCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(600, 300)
    canvas.show()
    style = node_style(snapshot, "organization")
    canvas.set_network(snapshot, positions, style)
    canvas.viewbox.setRange(xRange=(0, 10), yRange=(-1, 3), padding=0)
    source = source_from_canvas(canvas, style, coloured_by_circle=False)
    assert source is not None
    assert source.positions == positions
    assert source.visible is not None
    assert source.visible.x <= 0.01
    assert source.visible.right >= 9.99
    assert source.colours is not None
    assert source.colours[snapshot.nodes[1].key] == style.colours[1]
    assert source.legend[0] == (style.legend[0].colour, style.legend[0].label)
    assert source_from_canvas(canvas, style, coloured_by_circle=True).colours is None
    shown = [k for k, p in positions.items() if source.visible.contains(p)]
    document = document_for_source(source, PrintOptions(), current_view=True)
    assert 10 <= len(document.scene.nodes) == len(shown) < len(positions)
    assert document.scene.legend == source.legend


def test_the_map_view_prints_its_filters_and_colouring(qtbot: QtBot, window: MainWindow) -> None:
    from desktop_app.domain.enums import Circle
    from desktop_app.services.map.network_graph import MapFilters

    window.resize(1200, 800)
    window.show_view(1)
    view = window.views["map"]
    qtbot.waitUntil(lambda: bool(view.canvas.snapshot.nodes), timeout=60_000)
    qtbot.waitUntil(lambda: not view.layout_running, timeout=60_000)
    with qtbot.waitSignal(view.loaded, timeout=60_000):
        view.filter_panel.set_filters(MapFilters(circles=frozenset({Circle.INNER})))
    view.colour_combo.setCurrentIndex(view.colour_combo.findText("Colour: organisation"))
    assert view.colour_combo.currentData()[0] == "organization"
    printing = map_printing_for(window)
    source = printing.source()
    assert source.snapshot is view.canvas.snapshot
    document = printing.plan(source, PrintOptions())
    people = [n for n in document.scene.nodes if n.kind == "person"]
    assert people
    assert all(n.circle == Circle.INNER for n in people)
    assert document.scene.legend
    assert all(n.colour for n in people)
    window.show_view(0)  # the last view is remembered in QSettings, shared by every test
