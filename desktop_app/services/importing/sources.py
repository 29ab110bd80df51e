"""Contact files as a stream of cards, whatever their format; folders expanded to files."""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO, cast

from desktop_app.domain.values import NewPerson
from desktop_app.services.importing.csv_reader import CsvReader
from desktop_app.services.importing.text_decoding import utf16_codec
from desktop_app.services.importing.vcard_mapping import card_to_person
from desktop_app.services.importing.vcard_reader import VCardReader

VCARD_SUFFIXES = (".vcf", ".vcard")
CSV_SUFFIXES = (".csv",)
CONTACT_SUFFIXES = VCARD_SUFFIXES + CSV_SUFFIXES


class UnreadableFileError(Exception):
    """A file that holds no contacts Trellis can read; `str()` is for the user."""


@dataclass(frozen=True, slots=True)
class SourceCard:
    """One card or row: the person it describes, or why it was rejected."""

    ordinal: int
    line: int
    end_line: int
    person: NewPerson | None
    reason: str = ""
    warnings: tuple[str, ...] = ()


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders replaced by the contact and history files inside them,
    sorted. An unpacked LinkedIn export stays one folder (services/history/detect.py)."""
    from desktop_app.services.history.detect import folder_files

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(folder_files(path, CONTACT_SUFFIXES))
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def detect_format(path: Path, head: bytes) -> str:
    """'vcard' or 'csv', from the content first and the file name second."""
    codec = utf16_codec(head)
    text = head.decode(codec, "replace") if codec else head.decode("latin-1")
    upper = text.upper()
    first = next((line.strip() for line in upper.splitlines() if line.strip()), "")
    if first.lstrip("\ufeff").startswith("BEGIN:VCARD") or path.suffix.lower() in VCARD_SUFFIXES:
        return "vcard"
    # A CSV whose notes mention BEGIN:VCARD is still a CSV (found by fuzzing).
    if path.suffix.lower() in CSV_SUFFIXES or _looks_like_csv(text):
        return "csv"
    if "BEGIN:VCARD" in upper:
        return "vcard"
    raise UnreadableFileError(f"{path.name} is neither a vCard nor a CSV address book.")


def _looks_like_csv(text: str) -> bool:
    lines = [line for line in text.splitlines()[:5] if line.strip()]
    return bool(lines) and all(line.count(",") >= 2 for line in lines[:2]) and "\x00" not in text


class ContactSource:
    """An open contact file; iterate for its cards, `progress()` for the bytes read."""

    def __init__(
        self,
        path: Path,
        is_cancelled: Callable[[], bool] | None = None,
        stream: IO[bytes] | None = None,
        size: int = 0,
    ) -> None:
        """Open `path`; or read `stream` (a file inside a zip) named `path`."""
        self.path = path
        self._is_cancelled = is_cancelled  # asked inside a card too (vCard)
        try:
            self._stream: BinaryIO = (
                cast(BinaryIO, stream) if stream is not None else path.open("rb")
            )
            self.size = size if stream is not None else path.stat().st_size
        except FileNotFoundError as error:
            raise UnreadableFileError(f"{path} does not exist.") from error
        except IsADirectoryError as error:
            raise UnreadableFileError(f"{path} is a folder with no contact files.") from error
        except OSError as error:
            raise UnreadableFileError(f"{path} cannot be read: {error.strerror}.") from error
        head = self._stream.read(8192)
        self._stream.seek(0)
        if not head.strip(b"\x00\r\n\t " + codecs.BOM_UTF8):
            self.close()
            raise UnreadableFileError(f"{path.name} is empty.")
        try:
            self.kind = detect_format(path, head)
        except UnreadableFileError:
            self.close()
            raise
        self._reader: VCardReader | CsvReader | None = None

    def progress(self) -> int:
        return self._reader.bytes_read if self._reader is not None else 0

    def __iter__(self) -> Iterator[SourceCard]:
        found = False
        if self.kind == "vcard":
            reader = VCardReader(self._stream, self._is_cancelled)
            self._reader = reader
            for ordinal, card in enumerate(reader):
                found = True
                person, warnings = card_to_person(card)
                if isinstance(person, str):
                    yield SourceCard(
                        ordinal, card.line, card.end_line, None, person, tuple(warnings)
                    )
                else:
                    yield SourceCard(ordinal, card.line, card.end_line, person, "", tuple(warnings))
        else:
            csv_reader = CsvReader(self._stream)
            self._reader = csv_reader
            for ordinal, (line, row) in enumerate(csv_reader):
                found = True
                if isinstance(row, str):
                    yield SourceCard(ordinal, line, line, None, row)
                else:
                    yield SourceCard(ordinal, line, line, row, "", csv_reader.warnings)
            if csv_reader.plan is None:
                raise UnreadableFileError(
                    f"{self.path.name} has no contact columns "
                    "(a header such as First Name, Last Name, E-mail Address)."
                )
        if not found:
            raise UnreadableFileError(f"{self.path.name} holds no contact cards.")

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> ContactSource:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def source_lines(path: Path, first: int, last: int) -> list[str]:
    """Lines `first`..`last` (1-based, as the readers number them) of a file, as text."""
    lines: list[str] = []
    with path.open("rb") as stream:
        for number, line in VCardReader(stream).physical_lines():
            if number > last:
                break
            if number >= first:
                lines.append(line.decode("utf-8", "replace"))
    return lines
