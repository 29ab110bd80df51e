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
from collections.abc import Iterator
from datetime import date
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
_ID = re.compile(r"<([^<>\s]+)>")

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
        self.warnings: list[str] = []
        self.bytes_read = 0
        self.messages = 0
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
        while start < size:
            line_end = data.find(b"\n", start)
            if line_end < 0:
                self._cut_off(data, start, "the file ends on its separator line")
                return
            end_match = _HEADER_END.search(data, line_end)
            if end_match is None:
                self._cut_off(data, start, "the file ends inside its headers")
                self.bytes_read = size
                return
            block = data[line_end + 1 : end_match.start() + 1]
            headers: dict[bytes, bytes] = {}
            for match in _HEADERS.finditer(block):
                name = match.group(1).lower()
                if name not in headers:
                    headers[name] = match.group(2)
            if not headers:
                headers[b""] = data[start:line_end]  # the separator, for the date
            else:
                headers[b""] = data[start:line_end]
            self.messages += 1
            yield headers
            start = _next_message(data, end_match.end())
            self.bytes_read = start

    def _cut_off(self, data: mmap.mmap, start: int, why: str) -> None:
        line = data[:start].count(b"\n") + 1
        self.warnings.append(
            f"{self.path.name}: the message at line {line} is cut off ({why}: "
            f"a truncated file?); the {self.messages} messages before it were read."
        )

    def _find_owner(self, sample: list[dict[bytes, bytes]]) -> None:
        """The mailbox's owner is on most of its messages (From in Sent, To elsewhere)."""
        if not sample:
            return
        seen: Counter[str] = Counter()
        for headers in sample:
            addresses: set[str] = set()
            for name in (b"from", b"to", b"cc"):
                value = headers.get(name)
                if value:
                    addresses.update(p.email for p in parse_addresses(_text(value)) if p.email)
            seen.update(addresses)
        address, count = seen.most_common(1)[0] if seen else ("", 0)
        if address and count >= OWNER_SHARE * len(sample):
            self.me.emails.add(address)

    def _item(self, headers: dict[bytes, bytes]) -> HistoryItem:
        get = headers.get
        sender = parse_addresses(_text(get(b"from", b"")))
        to = parse_addresses(_text(get(b"to", b"")))
        cc = parse_addresses(_text(get(b"cc", b"")))
        day = parse_day(_text(get(b"date", b""))) or _from_line_day(headers[b""])
        thread = _thread_of(headers)
        people = tuple(dict.fromkeys([*sender, *to, *cc]))
        subject = _text(get(b"subject", b"")).strip()
        item = HistoryItem(Channel.EMAIL, thread, day, InteractionKind.EMAIL, people, subject)
        item.where = f"message {self.messages}"
        if b"list-id" in headers:
            item.left_out = LeftOut.MAILING_LIST
        elif get(b"precedence", b"").strip().lower() in (b"bulk", b"list", b"junk"):
            item.left_out = LeftOut.BULK
        elif get(b"auto-submitted", b"no").strip().lower() not in (b"no", b""):
            item.left_out = LeftOut.AUTOMATIC
        elif sender and _NO_REPLY.match(sender[0].email) and not self.me.is_me(sender[0]):
            item.left_out = LeftOut.NO_REPLY
        elif len(to) + len(cc) > MAX_PEOPLE:
            item.left_out = LeftOut.TOO_MANY_RECIPIENTS
        elif day is None:
            item.left_out = LeftOut.NO_DATE
        return item


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


def parse_addresses(text: str) -> list[Correspondent]:
    """`Name <addr>, addr (Name), "Last, First" <addr>` as correspondents (names raw)."""
    if not text:
        return []
    found: list[Correspondent] = []
    for match in _ADDRESS.finditer(text):
        quoted, plain, angle, bare, comment = match.groups()
        address = angle or bare
        if not address or "@" not in address:
            continue
        name = quoted if quoted is not None else (plain or comment or "")
        found.append(Correspondent(name.strip(), address.strip().casefold()))
    return found


def parse_day(text: str) -> date | None:
    """The calendar day of an RFC 5322 date as the sender wrote it."""
    match = _DATE.search(text)
    if match is None:
        return None
    day, month, year = match.groups()
    number = int(year)
    if number < 100:
        number += 2000 if number < 50 else 1900
    try:
        return date(number, _MONTHS[month[:3].lower()], int(day))
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
            ids = _ID.findall(_text(value))
            if ids:
                return ids[0]
    digest = blake2b(
        b"|".join(headers.get(n, b"") for n in (b"from", b"date", b"subject")), digest_size=12
    )
    return "no-id:" + digest.hexdigest()
