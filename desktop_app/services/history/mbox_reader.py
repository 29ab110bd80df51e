"""An mbox mailbox (Google Takeout Mail, Thunderbird folders, Apple Mail exports), headers
only, at any size.

The file is memory-mapped and scanned: the end of a message's headers is the first blank
line, the next message starts at "From " after a blank line (an escaped ">From " in a
body is not one), and one compiled regex picks the dozen headers needed, folded lines
included. Bodies are never read into Python. Memory holds one header block at a time
(TECH-NOTES: ~0.1x the time of `mailbox.mbox` reading the same headers).
"""

from __future__ import annotations

import mmap
import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from functools import lru_cache
from hashlib import blake2b
from pathlib import Path

from desktop_app.domain.enums import InteractionKind
from desktop_app.services.history.model import (
    MAX_PEOPLE,
    Channel,
    Correspondent,
    HistoryFileError,
    HistoryItem,
    LeftOut,
    MeHints,
    Warnings,
    decode_text,
    folded_name,
)

_HEADERS = re.compile(
    rb"^(from|to|cc|date|message-id|in-reply-to|references|list-id|precedence"
    rb"|auto-submitted|subject)[ \t]*:[ \t]*(.*(?:\r?\n[ \t].*)*)",
    re.IGNORECASE | re.MULTILINE,
)
_FOLD = re.compile(rb"\r?\n[ \t]+")
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_ADDRESS = re.compile(
    r'\s*(?:"((?:[^"\\]|\\.)*)"|([^,<"]*?))\s*<([^<>\s]+)>\s*(?:,|$)'  # Name <addr>
    r"|\s*([^\s,<>\"]+@[^\s,<>\"]+)(?:\s*\(([^)]*)\))?\s*(?:,|$)"  # addr (Name)
)
_DATE = re.compile(
    r"(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{2,4})",
    re.IGNORECASE,
)
_FROM_LINE_DATE = re.compile(
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\s+(\d{1,2})\s+[\d:]+\s+(\d{4})",
    re.IGNORECASE,
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_NO_REPLY = re.compile(
    r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|noreply|mailer-daemon|postmaster|bounces?"
    r"|notifications?|newsletter|news|info|marketing)([-+_.@]|$)"
)
_ID = re.compile(rb"<([^<>\s]+)>")

RELEASE_EVERY = 32 * 1024 * 1024
MAX_HEADERS = 1024 * 1024  # a header block longer than this is a damaged message
SAMPLE = 2000  # messages looked at to find the mailbox's owner before any is judged
OWNER_SHARE = 0.5  # the owner is on at least half of them


def is_mbox(head: bytes) -> bool:
    """True for the start of an mbox file: a "From " line, then a mail header."""
    if not head.startswith(b"From "):
        return False
    first_end = head.find(b"\n")
    block = head[first_end + 1 : first_end + 4096] if first_end > 0 else b""
    return bool(re.match(rb"[!-9;-~]+:", block)) and bool(
        re.search(rb"^(from|date|to|subject|message-id|received|return-path):", block, re.I | re.M)
    )


class MboxReader:
    """Iterate for one `HistoryItem` per message; `warnings` names what was cut off."""

    def __init__(self, path: Path, me: MeHints) -> None:
        self.path = path
        self.me = me
        self.warnings = Warnings()
        self.bytes_read = 0
        self.messages = 0
        self.subjects = False  # decode subjects only when they are kept
        self.is_contact: Callable[[str], bool] = lambda _address: False
        try:
            self.size = path.stat().st_size
        except OSError as error:
            raise HistoryFileError(f"{path.name} cannot be read: {error.strerror}.") from error

    def __iter__(self) -> Iterator[HistoryItem]:
        if self.size == 0:
            raise HistoryFileError(f"{self.path.name} is empty.")
        with (
            self.path.open("rb") as stream,
            mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as data,
        ):
            if not is_mbox(data[:8192]):
                raise HistoryFileError(f"{self.path.name} is not an mbox mailbox.")
            sample: list[dict[bytes, bytes]] = []
            blocks = self._header_blocks(data)
            for headers in blocks:
                sample.append(headers)
                if len(sample) >= SAMPLE:
                    break
            self._find_owner(sample)
            for headers in sample:
                yield self._item(headers)
            sample.clear()
            for headers in blocks:
                yield self._item(headers)

    def _header_blocks(self, data: mmap.mmap) -> Iterator[dict[bytes, bytes]]:
        size = len(data)
        start = 0
        # Headers end at the first blank line: "\n\n", or "\n\r\n" where lines end in
        # CRLF (Takeout writes its "From " lines with LF and the messages with CRLF).
        blank, other = b"\n\n", b"\n\r\n"
        findall = _HEADERS.findall
        released = 0
        while start < size:
            line_end = data.find(b"\n", start)
            if line_end < 0:
                self._cut_off(data, start, "the file ends on its separator line")
                return
            limit = min(size, line_end + MAX_HEADERS)  # never search a whole body for it
            end = data.find(blank, line_end, limit)
            if end < 0 and (end := data.find(other, line_end, limit)) >= 0:
                blank, other = other, blank  # this file's line ends: try them first
            if end < 0:
                if limit == size:
                    self._cut_off(data, start, "the file ends inside its headers")
                    self.bytes_read = size
                    return
                self._cut_off(data, start, "its headers never end", cut=False)
                start = _next_message(data, limit)
                continue
            after = end + len(blank)
            # The first of each header wins: reversed, so it is written last.
            headers = {
                name.lower(): value for name, value in reversed(findall(data, line_end, end + 1))
            }
            headers[b""] = data[start:line_end]  # the separator line, for its date
            self.messages += 1
            yield headers
            start = _next_message(data, after)
            self.bytes_read = start
            if start - released > RELEASE_EVERY:
                # The pages read stay mapped; tell the kernel they are done with, so the
                # resident size stays flat however large the mailbox.
                released = start - start % mmap.PAGESIZE
                if hasattr(mmap, "MADV_DONTNEED"):
                    data.madvise(mmap.MADV_DONTNEED, 0, released)

    def _cut_off(self, data: mmap.mmap, start: int, why: str, cut: bool = True) -> None:
        line = _line_of(data, start)
        if cut:
            self.warnings.append(
                f"{self.path.name}: the message at line {line} is cut off ({why}: "
                f"a truncated file?); the {self.messages} messages before it were read."
            )
        else:
            self.warnings.append(
                f"{self.path.name}: the message at line {line} was left out ({why})."
            )

    def _find_owner(self, sample: list[dict[bytes, bytes]]) -> None:
        """The mailbox's owner is on most of its messages (From in Sent, To elsewhere);
        between two people on every message, the one written to more often."""
        if not sample:
            return
        seen: Counter[str] = Counter()
        written_to: Counter[str] = Counter()
        for headers in sample:
            for sender in parse_addresses(headers.get(b"from", b"")):
                if self.me.names and folded_name(sender.name) in self.me.names:
                    self.me.emails.add(sender.email)  # I write from it, under my name
            senders = {p.email for p in parse_addresses(headers.get(b"from", b""))}
            receivers = {
                p.email for name in (b"to", b"cc") for p in parse_addresses(headers.get(name, b""))
            }
            seen.update(senders | receivers)
            written_to.update(receivers)
        if not seen or any(seen[a] >= OWNER_SHARE * len(sample) for a in self.me.emails):
            return  # no one, or an address already known to be mine
        # My contacts are not me; then the one on most messages, then written to most.
        address = max(seen, key=lambda a: (not self.is_contact(a), seen[a], written_to[a]))
        if seen[address] >= OWNER_SHARE * len(sample):
            self.me.emails.add(address)

    def _item(self, headers: dict[bytes, bytes]) -> HistoryItem:
        get = headers.get
        sender = parse_addresses(get(b"from", b""))
        to = parse_addresses(get(b"to", b""))
        cc = parse_addresses(get(b"cc", b""))
        stamp = get(b"date", b"")
        colon = stamp.find(b":")  # the day is before the time: cache on what precedes it
        day = parse_day(stamp[: colon - 2] if colon > 2 else stamp) or _from_line_day(headers[b""])
        people = tuple(dict.fromkeys(sender + to + cc)) if to or cc else sender
        if (
            sender
            and self.me.names
            and sender[0].email not in self.me.emails
            and folded_name(sender[0].name) in self.me.names
        ):
            self.me.emails.add(sender[0].email)  # an address I write from, under my name
        item = HistoryItem(
            Channel.EMAIL,
            _thread_of(headers),
            day,
            InteractionKind.EMAIL,
            people,
            decode_text(_text(get(b"subject", b""))) if self.subjects else "",
        )
        if b"list-id" in headers:
            item.left_out = LeftOut.MAILING_LIST
        elif b"precedence" in headers and headers[b"precedence"].strip().lower() in (
            b"bulk",
            b"list",
            b"junk",
        ):
            item.left_out = LeftOut.BULK
        elif b"auto-submitted" in headers and headers[b"auto-submitted"].strip().lower() not in (
            b"no",
            b"",
        ):
            item.left_out = LeftOut.AUTOMATIC
        elif sender and _NO_REPLY.match(sender[0].email) and not self.me.is_me(sender[0]):
            item.left_out = LeftOut.NO_REPLY
        elif len(to) + len(cc) > MAX_PEOPLE:
            item.left_out = LeftOut.TOO_MANY_RECIPIENTS
        elif day is None:
            item.left_out = LeftOut.NO_DATE
        return item


def _line_of(data: mmap.mmap, position: int) -> int:
    """The line number at `position`, counted in slices so memory stays bounded."""
    lines, chunk = 1, 16 * 1024 * 1024
    for offset in range(0, position, chunk):
        lines += data[offset : min(position, offset + chunk)].count(b"\n")
    return lines


def _next_message(data: mmap.mmap, position: int) -> int:
    """The start of the next message: "From " at the start of a line after a blank one."""
    if data[position : position + 5] == b"From ":
        return position
    while True:
        found = data.find(b"\nFrom ", position)
        if found < 0:
            return len(data)
        if data[found - 1 : found] == b"\n" or data[found - 2 : found] == b"\n\r":
            return found + 1
        position = found + 1


def _text(value: bytes) -> str:
    if b"\n" in value:
        value = _FOLD.sub(b" ", value)
    return value.decode("utf-8", "replace").strip()


@lru_cache(maxsize=65536)
def parse_addresses(value: bytes) -> tuple[Correspondent, ...]:
    """`Name <addr>, addr (Name), "Last, First" <addr>` as correspondents (names raw).

    Cached: the same From and To lines come back on message after message."""
    if not value:
        return ()
    text = _text(value)
    found: list[Correspondent] = []
    for match in _ADDRESS.finditer(text):
        quoted, plain, angle, bare, comment = match.groups()
        address = angle or bare
        if not address or "@" not in address:
            continue
        name = quoted if quoted is not None else (plain or comment or "")
        found.append(Correspondent(name.strip(), address.strip().casefold()))
    return tuple(found)


@lru_cache(maxsize=8192)
def parse_day(value: bytes) -> date | None:
    """The calendar day of an RFC 5322 date as the sender wrote it."""
    if not value:
        return None
    words = value.split(None, 4)
    if words and words[0].endswith(b","):
        del words[0]
    if len(words) >= 3 and words[0].isdigit() and words[2].isdigit():
        month = _MONTHS.get(words[1][:3].decode("latin-1").lower())
        year = int(words[2])
        if month is not None and year >= 1000:
            try:
                return date(year, month, int(words[0]))
            except ValueError:
                return None
    match = _DATE.search(_text(value))
    if match is None:
        return None
    day, month_name, year_text = match.groups()
    number = int(year_text)
    if number < 100:
        number += 2000 if number < 50 else 1900
    try:
        return date(number, _MONTHS[month_name[:3].lower()], int(day))
    except ValueError:
        return None


def _from_line_day(separator: bytes) -> date | None:
    match = _FROM_LINE_DATE.search(separator.decode("latin-1"))
    if match is None:
        return None
    month, day, year = match.groups()
    try:
        return date(int(year), _MONTHS[month.lower()], int(day))
    except ValueError:
        return None


def _thread_of(headers: dict[bytes, bytes]) -> str:
    """The thread's first message id: the root of References, else In-Reply-To, else the
    message's own id (else a digest of who and when)."""
    for name in (b"references", b"in-reply-to", b"message-id"):
        value = headers.get(name)
        if value:
            found = _ID.search(value)
            if found is not None:
                return found.group(1).decode("utf-8", "replace")
    digest = blake2b(
        b"|".join(headers.get(n, b"") for n in (b"from", b"date", b"subject")), digest_size=12
    )
    return "no-id:" + digest.hexdigest()
