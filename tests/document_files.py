"""Real resumes as files for the review tests: a PDF laid out by Qt (as Trellis's own
exports are), a scanned PDF (a picture only) and a DOCX whose bullets are Word list
paragraphs. The PDF writers need a QGuiApplication (pytest-qt's `qapp`)."""

from __future__ import annotations

from pathlib import Path

RESUME = """Amara Okonkwo
amara@quillfeather.io · https://github.com/amarao
Experience
Senior Data Engineer, Quillfeather Analytics (Jan 2020 – Dec 2023)
• Built pipelines that acheived a 30% cut in reporting time.
• Led a team of 4 engineers.
• Mentored two analysts
Data Analyst, Tessaract Software (02/2017 – Dec 2019)
• Wrote the hiring rubric.
"""


def write_pdf(path: Path, text: str) -> None:
    """A PDF with real text, laid out by Qt as Trellis's own exports are."""
    from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(96)
    document = QTextDocument()
    document.setPlainText(text)
    document.print_(writer)


def write_scanned_pdf(path: Path) -> None:
    """A PDF holding only a picture of a page, as a scanner makes."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter, QPdfWriter

    image = QImage(600, 800, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    writer = QPdfWriter(str(path))
    painter = QPainter(writer)
    painter.drawImage(0, 0, image)
    painter.end()


def write_docx(path: Path, text: str) -> None:
    """A DOCX whose bullets are Word list paragraphs (no "•" in their text)."""
    import docx

    document = docx.Document()
    for line in text.splitlines():
        if line.startswith("• "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    document.save(str(path))
