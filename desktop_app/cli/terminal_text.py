"""User data made safe to print on a terminal: control characters shown, never obeyed.

A name holding `ESC ] 0 ; … BEL` would retitle the terminal, `ESC [ 2 J` clear it, a
right-to-left override reverse the rest of the line, a newline forge a line of output.
Every CLI line that shows user data passes it through `printable`, which writes each such
character as a visible escape (`\\x1b`, `\\u202e`). Data formats written to stdout
(`export`, `ics`, `--json`) are escaped by their own format's rules instead.
"""

from __future__ import annotations

import re

# C0 controls, DEL and C1 controls; the bidirectional marks, embeddings, overrides and
# isolates; the Unicode line and paragraph separators; lone surrogates (a file name that
# is not UTF-8 comes back from the OS as U+DC80-U+DCFF).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_UNSAFE_BUT_NEWLINE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8, as it was
        code -= 0xDC00
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: object, *, keep_newlines: bool = False) -> str:
    """`str(text)` with every control character written as a visible escape."""
    value = str(text)
    pattern = _UNSAFE_BUT_NEWLINE if keep_newlines else _UNSAFE
    if pattern.search(value) is None:
        return value
    return pattern.sub(_visible, value)
