"""`trellis print-map` in a subprocess, on a real demo database; output read with poppler."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.conftest import run_cli
from tests.unit.services.printing.conftest import pdf_info, pdf_text


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("print") / "demo.db"
    made = run_cli("demo", "--db", str(db), "--contacts", "60", "--seed", "5")
    assert made.returncode == 0, made.stderr
    return db


def test_pdf_of_the_demo_network(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.pdf"
    result = run_cli("print-map", "--db", str(demo), "--out", str(out), "--paper", "Letter")
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    text = pdf_text(out)
    assert "'s network" in text
    assert "Inner circle" in text
    assert "Page 1 of" in text
    assert "letter" in pdf_info(out)["Page size"].lower()


@pytest.mark.parametrize("layout", ["radial", "organisations", "organizations"])
def test_every_layout_prints(demo: Path, tmp_path: Path, layout: str) -> None:
    out = tmp_path / "map.pdf"
    result = run_cli("print-map", "--db", str(demo), "--out", str(out), "--layout", layout)
    assert result.returncode == 0, result.stderr
    assert int(pdf_info(out)["Pages"]) >= 1


def test_poster_title_and_black_and_white(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "wall.pdf"
    result = run_cli(
        "print-map",
        "--db",
        str(demo),
        "--out",
        str(out),
        "--pages",
        "2x2",
        "--title",
        "Wall map for Tuesday",
        "--mono",
    )
    assert result.returncode == 0, result.stderr
    assert int(pdf_info(out)["Pages"]) >= 4
    sheet = pdf_text(out, page=4)
    assert "Wall map for Tuesday" in sheet
    assert "row 2, column 2" in sheet


def test_png_and_svg(demo: Path, tmp_path: Path) -> None:
    png, svg = tmp_path / "map.png", tmp_path / "map.svg"
    made = run_cli(
        "print-map", "--db", str(demo), "--out", str(png), "--dpi", "72", "--pages", "auto"
    )
    assert made.returncode == 0, made.stderr
    written = [Path(p) for p in made.stdout.split("wrote ", 1)[1].split(" (")[0].split(", ")]
    assert all(not QImage(str(p)).isNull() for p in written)
    assert QImage(str(written[0])).width() in (595, 842)
    made = run_cli("print-map", "--db", str(demo), "--out", str(svg), "--pages", "1x1")
    assert made.returncode == 0, made.stderr
    assert ET.parse(svg).getroot().tag == "{http://www.w3.org/2000/svg}svg"


def test_bad_input_gets_clear_messages(demo: Path, tmp_path: Path) -> None:
    unknown = run_cli("print-map", "--db", str(demo), "--out", str(tmp_path / "map.docx"))
    assert unknown.returncode == 2
    assert "'.docx' is not a map format (use .pdf, .png, .svg)" in unknown.stderr
    missing = tmp_path / "no" / "such" / "map.pdf"
    unwritable = run_cli("print-map", "--db", str(demo), "--out", str(missing))
    assert unwritable.returncode == 1
    assert "does not exist" in unwritable.stderr
    pages = run_cli(
        "print-map", "--db", str(demo), "--out", str(tmp_path / "m.pdf"), "--pages", "lots"
    )
    assert pages.returncode == 2
    assert "2x3" in pages.stderr
    no_db = run_cli(
        "print-map", "--db", str(tmp_path / "nope.db"), "--out", str(tmp_path / "m.pdf")
    )
    assert no_db.returncode == 1
    assert "no database" in no_db.stderr
    assert not (tmp_path / "nope.db").exists()
    assert not list(tmp_path.glob("*.pdf"))


def test_an_empty_network_prints_a_page_saying_so(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    assert run_cli("demo", "--db", str(db), "--contacts", "0").returncode == 0
    out = tmp_path / "empty.pdf"
    result = run_cli("print-map", "--db", str(db), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "empty" in result.stderr
    assert "This network is empty." in pdf_text(out)


def test_names_with_ligature_letters_come_out_of_the_pdf_as_typed(tmp_path: Path) -> None:
    names = ["Kofi Mensah", "Effie Baffour", "Raffi Flores", "Ffion Clifford", "Fflur Waffle"]
    cards = tmp_path / "people.vcf"
    cards.write_text(
        "".join(f"BEGIN:VCARD\nFN:{name}\nORG:Office Affairs\nEND:VCARD\n" for name in names)
    )
    db = tmp_path / "t.db"
    imported = run_cli("import", str(cards), "--db", str(db))
    assert imported.returncode == 0, imported.stderr
    out = tmp_path / "map.pdf"
    result = run_cli("print-map", "--db", str(db), "--out", str(out), "--pages", "2x1")
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert not {chr(c) for c in range(0xFB00, 0xFB07)} & set(text), "ligature glyphs in the text"
    for name in (*names, "Office Affairs"):
        assert name in text
