"""Real files: PDFs read back with poppler, PNGs and SVGs opened again."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from desktop_app.services.printing.document import plan_document
from desktop_app.services.printing.options import PAPERS, PageGrid, PrintError, PrintOptions
from desktop_app.services.printing.output import check_output_path, write_document

from .conftest import make_scene, measure, pdf_info, pdf_page_png, pdf_text

DAY = date(2026, 5, 4)


def test_pdf_has_selectable_title_date_names_legend_and_page_numbers(tmp_path: Path) -> None:
    scene = make_scene(20, 2)
    document = plan_document(scene, PrintOptions(printed_on=DAY), measure)
    [written] = write_document(document, tmp_path / "map.pdf")
    text = pdf_text(written)
    for expected in (
        "Alex Morgan's network",
        "4 May 2026",
        "Page 1 of 1",
        "Inner circle",
        "Organisation",
        "Works at",
        "Org 1 Ltd",
    ):
        assert expected in text
    for node in scene.nodes:
        assert node.label in text
    info = pdf_info(written)
    assert info["Pages"] == "1"
    assert info["Title"] == "Alex Morgan's network"
    assert "A4" in info["Page size"]


def test_pdf_pages_render_with_ink_where_the_map_is(tmp_path: Path) -> None:
    document = plan_document(make_scene(30, 3), PrintOptions(), measure)
    [written] = write_document(document, tmp_path / "map.pdf")
    image = QImage(str(pdf_page_png(written, 1, tmp_path / "page")))
    assert not image.isNull()
    width, height = image.width(), image.height()
    centre = image.pixelColor(width // 2, height // 2)
    dark = sum(
        1
        for x in range(0, width, 3)
        for y in range(height // 4, height * 3 // 4, 3)
        if image.pixelColor(x, y).lightness() < 200
    )
    assert dark > 50, "the middle of the page should hold the map's dots and lines"
    assert centre.isValid()


def test_a_poster_has_one_page_per_sheet_then_the_index(tmp_path: Path) -> None:
    options = PrintOptions(paper=PAPERS["Letter"], pages=PageGrid(2, 2), printed_on=DAY)
    document = plan_document(make_scene(900, 10), options, measure)
    [written] = write_document(document, tmp_path / "poster.pdf")
    info = pdf_info(written)
    assert int(info["Pages"]) == document.page_count == 4 + document.index_page_count
    assert "letter" in info["Page size"].lower()
    sheet = pdf_text(written, page=2)
    assert "row 1, column 2" in sheet
    assert f"Page 2 of {document.page_count}" in sheet
    assert "cut marks" in sheet
    index = pdf_text(written, page=5)
    assert "Index of names" in index
    assert document.index[0].name in index


def test_png_has_the_chosen_resolution(tmp_path: Path) -> None:
    document = plan_document(make_scene(10, 1), PrintOptions(dpi=100), measure)
    [written] = write_document(document, tmp_path / "map.png")
    image = QImage(str(written))
    frame = document.frame
    assert (image.width(), image.height()) == (
        round(frame.width * 100 / 72),
        round(frame.height * 100 / 72),
    )
    assert round(image.dotsPerMeterX() * 0.0254) == 100


def test_black_and_white_style_has_no_colour(tmp_path: Path) -> None:
    document = plan_document(make_scene(40, 4), PrintOptions(monochrome=True, dpi=60), measure)
    [written] = write_document(document, tmp_path / "map.png")
    image = QImage(str(written))
    for x in range(0, image.width(), 2):
        for y in range(0, image.height(), 2):
            colour = image.pixelColor(x, y)
            assert (
                max(colour.red(), colour.green(), colour.blue())
                - min(colour.red(), colour.green(), colour.blue())
                <= 8
            )


def test_svg_is_vector_with_names_as_text(tmp_path: Path) -> None:
    scene = make_scene(12, 2)
    document = plan_document(scene, PrintOptions(), measure)
    [written] = write_document(document, tmp_path / "map.svg")
    root = ET.parse(written).getroot()
    texts = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "Alex Morgan's network" in texts
    assert all(node.label in texts for node in scene.nodes)


def test_multi_page_png_writes_one_numbered_file_per_page(tmp_path: Path) -> None:
    document = plan_document(make_scene(50, 2), PrintOptions(pages=PageGrid(2, 1), dpi=40), measure)
    written = write_document(document, tmp_path / "wall.png")
    assert [p.name for p in written] == [f"wall-{n}.png" for n in range(1, len(written) + 1)]
    assert len(written) == document.page_count
    assert all(not QImage(str(p)).isNull() for p in written)


def test_an_empty_network_prints_a_page_saying_so(tmp_path: Path) -> None:
    document = plan_document(make_scene(0), PrintOptions(), measure)
    [written] = write_document(document, tmp_path / "empty.pdf")
    text = pdf_text(written)
    assert "This network is empty." in text
    assert "Page 1 of 1" in text
    assert pdf_info(written)["Pages"] == "1"


def test_bad_destinations_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    document = plan_document(make_scene(3), PrintOptions(), measure)
    with pytest.raises(PrintError, match="not a map format"):
        write_document(document, tmp_path / "map.txt")
    with pytest.raises(PrintError, match="does not exist"):
        check_output_path(tmp_path / "missing" / "map.pdf")
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    with pytest.raises(PrintError, match="is a folder"):
        check_output_path(folder)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        with pytest.raises(PrintError, match="permission denied"):
            write_document(document, locked / "map.pdf")
    finally:
        locked.chmod(0o700)
    assert sorted(tmp_path.iterdir()) == [folder, locked]


def test_files_are_written_whole_and_readable_by_others(tmp_path: Path) -> None:
    document = plan_document(make_scene(3), PrintOptions(), measure)
    [written] = write_document(document, tmp_path / "map.pdf")
    assert [p.name for p in tmp_path.iterdir()] == ["map.pdf"]
    mask = os.umask(0)
    os.umask(mask)
    assert written.stat().st_mode & 0o777 == 0o666 & ~mask


def test_names_in_the_pdf_are_at_least_six_points_tall(tmp_path: Path) -> None:
    import re
    import subprocess

    from .conftest import _poppler

    scene = make_scene(40, 3)
    document = plan_document(scene, PrintOptions(pages=PageGrid(2, 1)), measure)
    [written] = write_document(document, tmp_path / "map.pdf")
    html = subprocess.run(
        [_poppler("pdftotext"), "-bbox", "-f", "1", "-l", "1", str(written), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = re.findall(
        r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)', html
    )
    surnames = {node.label.split()[1] for node in scene.nodes if node.kind == "person"}
    heights = [float(y1) - float(y0) for y0, y1, word in words if word in surnames]
    assert len(heights) > 10
    # pdftotext's word box is the font's ascent + descent, ≥ 1.14 em for common sans fonts.
    assert min(heights) / 1.14 >= 6.0


def test_the_maps_own_colouring_and_legend_are_printed(tmp_path: Path) -> None:
    from dataclasses import replace

    base = make_scene(12, 2)
    nodes = tuple(replace(n, colour="#00c000") if n.kind == "person" else n for n in base.nodes)
    scene = replace(base, nodes=nodes, legend=(("#00c000", "Green Org"), ("#c000c0", "Purple")))
    document = plan_document(scene, PrintOptions(dpi=144), measure)
    [pdf] = write_document(document, tmp_path / "map.pdf")
    assert "Green Org" in pdf_text(pdf)
    assert "Inner circle" not in pdf_text(pdf)
    [png] = write_document(document, tmp_path / "map.png")
    image = QImage(str(png))
    area = document.frame.map_area
    person = next(i for i, n in enumerate(scene.nodes) if n.kind == "person")
    mark = document.marks[person]
    pixel = image.pixelColor(round((area.x + mark.x) * 2), round((area.y + mark.y) * 2))
    assert (pixel.red(), pixel.green(), pixel.blue()) == (0, 0xC0, 0)
    mono = plan_document(scene, PrintOptions(monochrome=True), measure)
    [mono_pdf] = write_document(mono, tmp_path / "mono.pdf")
    assert "Inner circle" in pdf_text(mono_pdf)


LIGATURE_NAMES = (
    "Kofi Mensah",
    "Effie Baffour",
    "Raffi Flores",
    "Ffion Clifford",
    "Affleck Official",
    "Fflur Waffle",
)


@pytest.mark.parametrize(
    "style", [PrintOptions(), PrintOptions(monochrome=True, pages=PageGrid(2, 1))]
)
def test_names_in_the_pdf_come_out_as_typed_without_ligatures(
    tmp_path: Path, style: PrintOptions
) -> None:
    scene = make_scene(len(LIGATURE_NAMES), 1, me="Griffin Afflerbach")
    nodes = [
        replace(node, label=LIGATURE_NAMES[i - 2]) if node.kind == "person" else node
        for i, node in enumerate(scene.nodes)
    ]
    scene = replace(scene, nodes=tuple(nodes))
    options = replace(style, title="Office fliers, affluent flows", printed_on=DAY)
    document = plan_document(scene, options, measure)
    [written] = write_document(document, tmp_path / "map.pdf")
    text = pdf_text(written)
    assert not {chr(c) for c in range(0xFB00, 0xFB07)} & set(text), "ligature glyphs in the text"
    for name in (*LIGATURE_NAMES, "Griffin Afflerbach", "Office fliers, affluent flows"):
        assert name in text
