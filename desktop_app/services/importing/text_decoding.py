"""Byte-level decisions shared by the readers: UTF-16 without a BOM, legacy code pages."""

from __future__ import annotations

import codecs

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


def guess_legacy_encoding(sample: bytes) -> str:
    """The code page of bytes that are not UTF-8; cp1252 when nothing is convincing."""
    lines = [line for line in sample.splitlines() if not _is_utf8(line)]
    text = b"\n".join(lines) or sample
    try:
        from charset_normalizer import from_bytes

        matches = list(from_bytes(text, cp_isolation=list(LEGACY_CANDIDATES)))
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

    def __init__(self, sample: bytes) -> None:
        self._sample = sample
        self._encoding: str | None = None

    @property
    def encoding(self) -> str | None:
        return self._encoding

    def decode(self, raw: bytes) -> str:
        if self._encoding is None:
            self._encoding = guess_legacy_encoding(self._sample + b"\n" + raw)
        return raw.decode(self._encoding, "replace")


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
