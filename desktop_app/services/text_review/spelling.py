"""Spelling, offline: Hunspell dictionaries (en-US, en-GB) read by spylls, plus my own words.

spylls is Hunspell in pure Python: one wheel for every platform, the same dictionaries as
LibreOffice and Firefox (docs/spelling.md has the measurements behind the choice). The
dictionaries ship in the top-level `resources/dictionaries/` and are found only through
`dictionary_path` (`desktop_app.resource_paths`).

What is never a misspelling: e-mail addresses, URLs and domain names, anything with a digit,
acronyms (all capitals, "APIs"), words with inner capitals ("GitHub", "iOS"), capitalised
words inside a sentence (proper nouns) or in a run of capitalised words ("Siobhan Ní
Bhriain", a job title line), words of one or two letters, and the personal dictionary: the
names of people and organisations in the network, my job titles, words I added, and a short
list of technology words the general dictionaries lack (`technology.txt`).
"""

from __future__ import annotations

import bisect
import io
import re
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from desktop_app.domain.documents import Finding
from desktop_app.resource_paths import resource_path

LANGUAGES = {"en-US": "en_US", "en-GB": "en_GB"}
DEFAULT_LANGUAGE = "en-US"
MAX_SUGGESTIONS = 5

TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Spans never checked: URLs, e-mail addresses, bare domain names.
NOT_WORDS = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|dev|ai|app|co|uk|de|fr|eu|edu|gov|info|me)\b\S*",
    re.IGNORECASE,
)
# What may stand between a sentence's start and its first word: spaces, bullets (Word's
# Symbol-font bullets arrive from PDFs as private-use characters), quotes.
_BEFORE_SENTENCE = " \t•·▪◦●○■□➢►*-–—>\"“‘'\uf0b7\uf0a7\uf076\uf0d8\uf0fc"
# Not ":": after "Tools:" a capital is a name more often than a sentence.
_SENTENCE_ENDS = ".!?"
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


def dictionary_path(language: str) -> Path:
    """The `.aff` file of `language` ("en-US", "en-GB"), its `.dic` beside it."""
    return resource_path(f"dictionaries/{LANGUAGES[language]}.aff")


def technology_words() -> tuple[str, ...]:
    text = dictionary_path(DEFAULT_LANGUAGE).parent.joinpath("technology.txt").read_text("utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and line[0] != "#")


@cache
def hunspell_dictionary(language: str) -> Any:
    """The parsed Hunspell dictionary (en-US ~0.4 s, en-GB ~3 s to read; kept once read).

    Read from bytes (spylls' own file reader leaves its files open), so any
    file the resources loader names works.
    """
    from spylls.hunspell import Dictionary, readers

    if language not in LANGUAGES:
        known = ", ".join(LANGUAGES)
        raise ValueError(f"no dictionary for {language!r} (known: {known})")
    aff_file = dictionary_path(language)
    dic_file = aff_file.parent.joinpath(f"{LANGUAGES[language]}.dic")
    aff, context = readers.read_aff(_bytes_reader(aff_file.read_bytes()))
    dic = readers.read_dic(
        _bytes_reader(dic_file.read_bytes(), context.encoding), aff=aff, context=context
    )
    return Dictionary(aff, dic)


@cache
def _bytes_reader_class() -> Any:
    from spylls.hunspell.readers.file_reader import BaseReader

    class BytesReader(BaseReader):
        """spylls' line reader over bytes in memory; the .aff's SET may change the encoding."""

        def __init__(self, data: bytes, encoding: str = "Windows-1252") -> None:
            self._data = data
            super().__init__(self._open(encoding))

        def reset_encoding(self, encoding: str) -> None:
            self.reset_io(self._open(encoding))

        def _open(self, encoding: str) -> io.StringIO:
            return io.StringIO(self._data.decode(encoding, errors="surrogateescape"))

    return BytesReader


def _bytes_reader(data: bytes, encoding: str = "Windows-1252") -> Any:
    return _bytes_reader_class()(data, encoding)


def words_of(names: Iterable[str]) -> set[str]:
    """The single words of names and titles, case-folded ("Nimbus Logistics" → two)."""
    return {m.group().casefold() for name in names for m in TOKEN.finditer(name)}


class Speller:
    """Checks words against one language's dictionary and a personal word list.

    Safe to share between the UI thread and review workers: spylls' lookups and
    suggestions only read the dictionary; the caches are dicts whose single operations are
    atomic; `add`/`remove` replace the word set and the cache rather than change them under
    a reader.
    """

    def __init__(
        self,
        language: str = DEFAULT_LANGUAGE,
        personal: Iterable[str] = (),
        *,
        technology: bool = True,
    ) -> None:
        self.language = language
        self._hunspell = hunspell_dictionary(language)
        self._network = words_of(personal)
        if technology:
            self._network |= words_of(technology_words())
        self._added: frozenset[str] = frozenset()
        self._personal = frozenset(self._network)
        self._known: dict[str, bool] = {}
        self._suggestions: dict[str, tuple[str, ...]] = {}

    def add(self, word: str) -> None:
        """Know `word` from now on (Add to dictionary, or a name new in the network)."""
        self._added = self._added | words_of([word])
        self._personal = frozenset(self._network | self._added)
        self._known = {}
        self._suggestions = {}

    def remove(self, word: str) -> None:
        """Forget a word added with `add` (undo of Add to dictionary); a name of the
        network stays known."""
        self._added = self._added - words_of([word])
        self._personal = frozenset(self._network | self._added)
        self._known = {}
        self._suggestions = {}

    def knows(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            known = self._lookup(word)
            self._known[word] = known
        return known

    def _lookup(self, word: str) -> bool:
        plain = word.replace("’", "'")
        folded = _POSSESSIVE.sub("", plain).casefold()
        if folded in self._personal or plain.casefold() in self._personal:
            return True
        return bool(self._hunspell.lookup(plain))

    def suggest(self, word: str) -> tuple[str, ...]:
        """Up to five corrections, the personal dictionary's close words first."""
        found = self._suggestions.get(word)
        if found is not None:
            return found
        from rapidfuzz import fuzz, process

        mine = [
            match
            for match, _score, _index in process.extract(
                word.casefold(), self._personal, scorer=fuzz.ratio, score_cutoff=80, limit=2
            )
        ]
        if word[:1].isupper():
            mine = [m[:1].upper() + m[1:] for m in mine]
        general = list(islice(self._hunspell.suggest(word.replace("’", "'")), MAX_SUGGESTIONS))
        found = tuple(dict.fromkeys([*mine, *general]))[:MAX_SUGGESTIONS]
        self._suggestions[word] = found
        return found


def misspellings(text: str, speller: Speller, *, suggestions: bool = True) -> Iterator[Finding]:
    """One `spelling` finding per misspelt word, with corrections when `suggestions`.

    Known words (most of them, answered from the speller's cache) cost one dict lookup; the
    rules of what is never a misspelling run only on the rest.
    """
    skipped = [m.span() for m in NOT_WORDS.finditer(text)]
    skipped_starts = [start for start, _end in skipped]
    known = speller.knows
    for match in TOKEN.finditer(text):
        word = match.group()
        if known(word):
            continue
        start, end = match.span()
        inside = bisect.bisect_right(skipped_starts, start) - 1
        if inside >= 0 and skipped[inside][1] > start:
            continue  # part of an e-mail address or a URL
        if not _checked(word, text, start, end):
            continue
        fixes = speller.suggest(word) if suggestions else ()
        message = f"“{word}” is not in the dictionary" + (
            f"; did you mean “{fixes[0]}”?" if fixes else "."
        )
        yield Finding("spelling", message, start, end, suggestions=fixes)


def _checked(word: str, text: str, start: int, end: int) -> bool:
    """False for words that are never misspellings (see the module's docstring)."""
    if len(word) <= 2 or any(c.isdigit() for c in word):
        return False
    bare = _POSSESSIVE.sub("", word)
    if bare.isupper() or (bare[:-1].isupper() and bare.endswith("s")):
        return False  # an acronym: "KPI", "APIs"
    if any(c.isupper() for c in bare[1:]):
        return False  # inner capitals: "GitHub", "McKinsey", "iOS"
    if not bare[0].isupper():
        return True
    if not _starts_sentence(text, start):
        return False  # a proper noun
    return not _next_is_capitalised(text, end)


def _starts_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _BEFORE_SENTENCE:
        i -= 1
    return i < 0 or text[i] == "\n" or text[i] in _SENTENCE_ENDS


def _next_is_capitalised(text: str, end: int) -> bool:
    following = TOKEN.search(text, end)
    if following is None:
        return False
    return "\n" not in text[end : following.start()] and following.group()[:1].isupper()
