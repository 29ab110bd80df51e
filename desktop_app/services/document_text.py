"""The text of a document the user attaches: PDF (pypdf), DOCX (its XML) or plain text.

Every check of the automatic review runs on this text, and its offsets index it, so the
window shows it beside the file. A PDF without text (a scan) says so instead of reviewing
nothing. DOCX list paragraphs get a "• " in front, as they look on the page, so the bullet
checks see them.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.domain.errors import RuleError

BULLET_PREFIX = "• "
_SPACES = re.compile(r"[ \t\u00a0]+")
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ""})


class DocumentTextError(RuleError):
    """The document's text cannot be read; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class ExtractedText:
    text: str
    source: str  # "pdf", "docx" or "text"


def extract_text(path: Path, data: bytes | None = None) -> ExtractedText:
    """The text of `path` (its bytes as `data` when already read), chosen by its suffix."""
    suffix = path.suffix.casefold()
    if suffix == ".pdf":
        return ExtractedText(pdf_text(path), "pdf")
    if suffix == ".docx":
        return ExtractedText(docx_text(path), "docx")
    if suffix in (".doc", ".odt", ".rtf", ".pages"):
        raise DocumentTextError(
            f"{path.name}: Trellis reads PDF, DOCX and plain text; save it as DOCX or PDF."
        )
    raw = path.read_bytes() if data is None else data
    return ExtractedText(decode_text(raw), "text")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else the detected encoding."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise DocumentTextError("it is not text in any encoding Trellis recognises") from None
        return str(best)


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    try:
        with _quiet_pypdf():
            reader = PdfReader(path)
            if reader.is_encrypted and not reader.decrypt(""):
                raise DocumentTextError(
                    f"{path.name} is protected by a password; save a copy without one."
                )
            pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentTextError:
        raise
    except OSError:
        raise  # the caller says the file cannot be read
    except Exception as error:
        # A damaged or hostile PDF breaks pypdf in many ways (its own errors, zlib's,
        # NotImplementedError for a garbled filter, a reference loop); none is Trellis's bug,
        # and each means the same to the user.
        raise DocumentTextError(
            f"{path.name} is not a PDF Trellis can read (damaged or not a PDF)."
        ) from error
    # A PDF places words; the gaps between them (tabs, runs of spaces) are layout, not typing.
    lines = (_SPACES.sub(" ", line).strip() for page in pages for line in page.splitlines())
    text = "\n".join(lines).strip("\n") + "\n"
    if not text.strip():
        raise DocumentTextError(
            f"{path.name} has no text to check: it looks like a scanned image. "
            "Save it from your word processor as a PDF with text, or as DOCX."
        )
    return text


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_DOCX_XML_BYTES = 50_000_000


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf reports every oddity of a file on stderr (warnings and log records); the user
    hears only our one message."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def docx_text(path: Path) -> str:
    """The body's paragraphs, tables' cells in reading order; read from the document XML
    with the standard library (python-docx would bring lxml, 9 MB, into the bundle)."""
    import zipfile
    import zlib
    from xml.etree import ElementTree

    unreadable = f"{path.name} is not a Word document Trellis can read (damaged or not DOCX)."
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_DOCX_XML_BYTES:
                raise DocumentTextError(f"{path.name} is too large to check.")
            root = ElementTree.fromstring(archive.read(info))
    except (
        zipfile.BadZipFile,  # not a zip, or a checksum that does not match
        zlib.error,  # damaged compressed data
        NotImplementedError,  # a compression method zipfile does not know
        KeyError,  # no word/document.xml
        ElementTree.ParseError,
        EOFError,
        ValueError,
    ) as error:
        raise DocumentTextError(unreadable) from error
    body = root.find(f"{_W}body")
    if body is None:
        raise DocumentTextError(unreadable)
    lines = [_paragraph_line(p) for p in body.iter(f"{_W}p")]
    return "\n".join(lines).strip("\n") + "\n"


def _paragraph_line(paragraph: Any) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        if node.tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    text = "".join(parts)
    properties = paragraph.find(f"{_W}pPr")
    is_list = False
    if properties is not None:
        style = properties.find(f"{_W}pStyle")
        style_name = style.get(f"{_W}val", "") if style is not None else ""
        is_list = properties.find(f"{_W}numPr") is not None or style_name.startswith("List")
    return BULLET_PREFIX + text if is_list and text.strip() else text
