"""Side-by-side comparison of two versions of a text, line by line (difflib)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from itertools import zip_longest
from typing import Literal

Tag = Literal["equal", "replace", "delete", "insert"]


@dataclass(frozen=True, slots=True)
class DiffRow:
    """One row of the side-by-side view; a side is None where the other has extra lines."""

    tag: Tag
    left_number: int | None
    left: str | None
    right_number: int | None
    right: str | None


def side_by_side(old: str, new: str) -> list[DiffRow]:
    """Rows pairing the lines of `old` (left) with those of `new` (right)."""
    left, right = old.splitlines(), new.splitlines()
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = zip_longest(range(i1, i2), range(j1, j2))
        for i, j in pairs:
            rows.append(
                DiffRow(
                    tag,
                    None if i is None else i + 1,
                    None if i is None else left[i],
                    None if j is None else j + 1,
                    None if j is None else right[j],
                )
            )
    return rows


def changed_words(
    old_line: str, new_line: str
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of the words that differ between two paired lines (left, right)."""
    old_words, new_words = _words(old_line), _words(new_line)
    matcher = difflib.SequenceMatcher(
        None, [w for w, _, _ in old_words], [w for w, _, _ in new_words], autojunk=False
    )
    left: list[tuple[int, int]] = []
    right: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            left.append((old_words[i1][1], old_words[i2 - 1][2]))
        if j2 > j1:
            right.append((new_words[j1][1], new_words[j2 - 1][2]))
    return left, right


def _words(line: str) -> list[tuple[str, int, int]]:
    words: list[tuple[str, int, int]] = []
    start = None
    for index, char in enumerate(line + " "):
        if char.isspace():
            if start is not None:
                words.append((line[start:index], start, index))
                start = None
        elif start is None:
            start = index
    return words
