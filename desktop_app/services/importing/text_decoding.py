"""Byte-level decisions shared by the readers: UTF-16 without a BOM, legacy code pages."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

# Code pages real address books are written in; detection chooses among these only, so a
# handful of accented bytes is not taken for something exotic.
LEGACY_CANDIDATES = (
    "cp1252",
    "cp1250",
    "cp1251",
    "shift_jis",
    "euc_jp",
    "gb18030",
    "big5",
    "euc_kr",
    "cp1253",
    "cp1254",
    "koi8_r",
    "mac_roman",
)
FALLBACK = "cp1252"


def utf16_codec(head: bytes) -> str | None:
    """'utf-16' for a UTF-16 BOM, '-be'/'-le' when NUL bytes give it away, else None."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:400]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    quarter = len(sample) // 4
    if even_nuls > quarter and odd_nuls == 0:
        return "utf-16-be"
    if odd_nuls > quarter and even_nuls == 0:
        return "utf-16-le"
    return None


# Code pages a Windows program writes; Mac Roman and KOI8-R are never one of them.
WINDOWS_CANDIDATES = tuple(c for c in LEGACY_CANDIDATES if c not in ("koi8_r", "mac_roman"))
_NAMES = {
    "cp1252": "Windows-1252 (Western European)",
    "cp1250": "Windows-1250 (Central European)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "cp1253": "Windows-1253 (Greek)",
    "cp1254": "Windows-1254 (Turkish)",
    "shift_jis": "Shift JIS",
    "euc_jp": "EUC-JP",
    "gb18030": "GB18030",
    "big5": "Big5",
    "euc_kr": "EUC-KR",
    "koi8_r": "KOI8-R",
    "mac_roman": "Mac Roman",
}


@dataclass(frozen=True, slots=True)
class EncodingHints:
    """What a file says about its code page besides the bytes of the value at hand."""

    declared: tuple[str, ...] = ()  # CHARSETs named on its other values, most used first
    windows: bool = False  # written by a Windows program (PRODID, X-MS-* properties)
    mac: bool = False  # written by a Mac program: Mac Roman stays a candidate of its own


@dataclass(frozen=True, slots=True)
class LegacyGuess:
    """A code page chosen for text that names none, and what it was chosen from."""

    encoding: str
    basis: str

    @property
    def name(self) -> str:
        """The code page as a person would name it: 'Windows-1252 (Western European)'."""
        return _NAMES.get(self.encoding, self.encoding)


def guess_legacy_encoding(sample: bytes, hints: EncodingHints | None = None) -> str:
    """The code page of bytes that are not UTF-8; cp1252 when nothing is convincing."""
    return detect_legacy_encoding(sample, hints).encoding


def detect_legacy_encoding(sample: bytes, hints: EncodingHints | None = None) -> LegacyGuess:
    """The code page of the lines of `sample` that are not UTF-8, using every hint given.

    A charset the file names elsewhere wins if it decodes the text. Otherwise the text is
    measured; a Windows program's file is only ever read as a Windows code page, and a
    Windows code page is preferred over Mac Roman whenever both decode the text.
    """
    hints = hints or EncodingHints()
    lines = [line for line in sample.splitlines() if not _is_utf8(line)]
    text = b"\n".join(lines) or sample
    for charset in hints.declared:
        codec = _legacy_codec(charset)
        if codec is not None and _decodes(text, codec):
            return LegacyGuess(codec, f"the charset its other values name, {charset}")
    if hints.windows:
        encoding, basis = _measured(text, WINDOWS_CANDIDATES), "written by a Windows program"
    else:
        encoding, basis = _measured(text, LEGACY_CANDIDATES), "from the file's text"
    if encoding == "mac_roman" and not hints.mac and _decodes(text, FALLBACK):
        encoding = FALLBACK  # both read it: a Windows file is by far the likelier
    return LegacyGuess(_first_alike(text, encoding), basis)


def _measured(text: bytes, candidates: tuple[str, ...]) -> str:
    try:
        from charset_normalizer import from_bytes

        matches = list(from_bytes(text, cp_isolation=list(candidates)))
    except (ImportError, LookupError):
        return FALLBACK
    matches = [m for m in matches if m.encoding not in ("utf_8", "ascii")]
    if not matches:
        return FALLBACK
    # A few accented letters fit several code pages equally well (è in cp1252 is č in
    # cp1250); among the equally good, the first of LEGACY_CANDIDATES wins: Western first.
    best = min(matches, key=lambda m: (m.chaos, -m.coherence))
    tied = [m.encoding for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    return min(tied, key=_candidate_rank)


def _first_alike(text: bytes, encoding: str) -> str:
    """The first candidate that reads `text` exactly as `encoding` does: German text that
    measured as cp1250 (ä ö ü ß are the same bytes there) is named cp1252."""
    rank = _candidate_rank(encoding)
    if rank >= len(LEGACY_CANDIDATES):
        return encoding
    wanted = text.decode(encoding, "replace")
    for candidate in LEGACY_CANDIDATES[:rank]:
        try:
            if text.decode(candidate) == wanted:
                return candidate
        except UnicodeDecodeError:
            continue
    return encoding


def _legacy_codec(charset: str) -> str | None:
    """Python's name for a declared 8-bit or CJK charset; None for UTF-*, unknown names."""
    try:
        name = codecs.lookup(charset).name
    except (LookupError, ValueError):
        return None
    return None if name.startswith("utf") or name == "ascii" else name


def _decodes(text: bytes, codec: str) -> bool:
    try:
        text.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _candidate_rank(encoding: str) -> int:
    name = encoding.lower().replace("-", "_")
    return LEGACY_CANDIDATES.index(name) if name in LEGACY_CANDIDATES else len(LEGACY_CANDIDATES)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class LegacyDecoder:
    """Decodes the values of one file that are not UTF-8, guessing its code page once."""

    def __init__(self, sample: bytes, hints: EncodingHints | None = None) -> None:
        self._sample = sample
        self._hints = hints
        self.guess: LegacyGuess | None = None

    @property
    def encoding(self) -> str | None:
        return self.guess.encoding if self.guess is not None else None

    def decode(self, raw: bytes) -> str:
        if self.guess is None:
            self.guess = detect_legacy_encoding(self._sample + b"\n" + raw, self._hints)
        return raw.decode(self.guess.encoding, "replace")


def sniff_text_encoding(head: bytes) -> str:
    """The encoding of a whole text file (CSV) from its first bytes."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    utf16 = utf16_codec(head)
    if utf16:
        return utf16
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)
    except UnicodeDecodeError:
        return guess_legacy_encoding(head)
    return "utf-8"
