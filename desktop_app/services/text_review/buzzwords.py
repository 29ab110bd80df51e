"""Empty buzzwords ("passionate", "leverage", "team player"): claims with nothing behind them.

The list is shipped data (`resources/documents/buzzwords.txt`, one word or phrase a line);
a match is whole words in any case, and a phrase matches across any run of spaces or a line
break, as the fillers do.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from desktop_app.domain.documents import Finding
from desktop_app.resource_paths import resource_path
from desktop_app.services.text_review.basic import filler_pattern

RESOURCE = "documents/buzzwords.txt"


@cache
def buzzwords() -> tuple[str, ...]:
    """The shipped list, without comments and blank lines."""
    lines = resource_path(RESOURCE).read_text(encoding="utf-8").splitlines()
    words = (line.split("#", 1)[0].strip() for line in lines)
    return tuple(word for word in words if word)


def buzzword_findings(text: str, words: tuple[str, ...] | None = None) -> Iterator[Finding]:
    """One finding per buzzword or buzz phrase in `text`."""
    words = buzzwords() if words is None else words
    if not words:
        return
    for match in filler_pattern(words).finditer(text):
        yield Finding("buzzword", f"Buzzword: “{match.group()}”", match.start(), match.end())
