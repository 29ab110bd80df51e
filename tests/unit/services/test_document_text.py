"""Text of attached documents: damaged files give one clear message, never a traceback."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from desktop_app.services.document_text import DocumentTextError, extract_text
from tests.document_files import RESUME, write_docx, write_pdf


def damaged_copies(data: bytes, count: int) -> list[bytes]:
    rng = random.Random(20)
    copies = [data[: len(data) // 2], data[:200]]
    for _ in range(count):
        damaged = bytearray(data)
        for _ in range(20):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        copies.append(bytes(damaged))
    return copies


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_damaged_documents_read_or_say_they_cannot(
    tmp_path: Path, qapp: object, suffix: str, capfd: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / f"good{suffix}"
    (write_pdf if suffix == ".pdf" else write_docx)(good, RESUME)
    assert "Quillfeather Analytics" in extract_text(good).text
    for number, data in enumerate(damaged_copies(good.read_bytes(), 60)):
        path = tmp_path / f"damaged{number}{suffix}"
        path.write_bytes(data)
        message = ""
        try:
            extract_text(path)
        except DocumentTextError as error:
            message = str(error)
        assert not message or path.name in message
    assert capfd.readouterr().err == ""  # pypdf's complaints do not reach the terminal
