"""A LinkedIn data export, as the zip LinkedIn sends or its unpacked folder.

Read by file name inside the export (case-insensitive, any sub-folder):
`Connections.csv` (contacts, through the ordinary CSV reader), `messages.csv` and
`Invitations.csv` (history), `Profile.csv` and `Email Addresses.csv` (who I am) and
`Positions.csv` (my own employment history). Columns are found by name, never by
position. Other files are listed and left alone.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO

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
)
from desktop_app.services.importing.normalize import profile_key

KNOWN_FILES = (
    "connections.csv",
    "messages.csv",
    "invitations.csv",
    "profile.csv",
    "email addresses.csv",
    "positions.csv",
)
# The names LinkedIn itself sends messages under (InMail ads, notices, sponsored
# conversations): not people.
_SYSTEM_SENDERS = {"linkedin", "linkedin member", "linkedin premium", "linkedin team"}
_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S %Z",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d",
    "%m/%d/%y, %I:%M %p",
    "%m/%d/%Y, %I:%M %p",
    "%d %b %Y",
    "%b %Y",
    "%Y",
)
csv.field_size_limit(16 * 1024 * 1024)


def is_history_csv(head: bytes) -> bool:
    """True for the start of a LinkedIn messages.csv or Invitations.csv on its own."""
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].upper()
    return (b"CONVERSATION ID" in first and b"SENDER PROFILE URL" in first) or (
        b"INVITERPROFILEURL" in first and b"SENT AT" in first
    )


def looks_like_export(names: list[str]) -> bool:
    """True when the file names of a zip or folder are those of a LinkedIn export."""
    base = {n.replace("\\", "/").rsplit("/", 1)[-1].casefold() for n in names}
    return (
        "connections.csv" in base
        or ("messages.csv" in base and "profile.csv" in base)
        or ("invitations.csv" in base and "messages.csv" in base)
    )


def parse_date(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            pass
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


@dataclass(frozen=True, slots=True)
class Position:
    organization: str
    title: str
    start: date | None
    end: date | None


@dataclass
class LinkedInExport:
    """An open export: `members` by lower-case base name; `unknown` lists the rest."""

    path: Path
    members: dict[str, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    warnings: Warnings = field(default_factory=Warnings)
    bytes_read: int = 0
    _zip: zipfile.ZipFile | None = None

    @classmethod
    def open(cls, path: Path) -> LinkedInExport:
        """Open a zip, a folder, or one file of an export (messages.csv on its own)."""
        if path.is_file() and path.suffix.lower() == ".csv":
            export = cls(path.parent)
            export.members[path.name.casefold()] = path.name
            return export
        export = cls(path)
        if path.is_dir():
            names = [str(p.relative_to(path)) for p in sorted(path.rglob("*")) if p.is_file()]
        else:
            try:
                export._zip = zipfile.ZipFile(path)
                names = [i.filename for i in export._zip.infolist() if not i.is_dir()]
            except (zipfile.BadZipFile, OSError, EOFError) as error:
                raise HistoryFileError(
                    f"{path.name} is a damaged zip file and cannot be opened ({error})."
                ) from error
        for name in names:
            base = name.replace("\\", "/").rsplit("/", 1)[-1].casefold()
            if base in KNOWN_FILES and base not in export.members:
                export.members[base] = name
            else:
                export.unknown.append(name)
        if not export.members:
            export.close()
            raise HistoryFileError(
                f"{path.name} is not a LinkedIn data export (no Connections.csv, "
                "messages.csv, Invitations.csv or Profile.csv inside)."
            )
        return export

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def label(self, base: str) -> str:
        return f"{self.path.name}/{self.members[base]}"

    def open_binary(self, base: str) -> IO[bytes]:
        name = self.members[base]
        if self._zip is not None:
            return self._zip.open(name)
        return (self.path / name).open("rb")

    def size(self, base: str) -> int:
        name = self.members[base]
        if self._zip is not None:
            return self._zip.getinfo(name).file_size
        return (self.path / name).stat().st_size

    def history_size(self) -> int:
        """The bytes `messages()` and `invitations()` read, for the progress."""
        return sum(self.size(b) for b in ("messages.csv", "invitations.csv") if b in self.members)

    def rows(
        self, base: str, needed: tuple[str, ...], counted: bool = False
    ) -> Iterator[tuple[int, dict[str, str]]]:
        """(line, row by upper-case column name) for each data row of one member.

        Raises HistoryFileError when a needed column is missing; a damaged member (a bad
        CRC, a cut-off zip) ends its rows with a warning: what came before is kept."""
        if base not in self.members:
            return
        label = self.label(base)
        before = self.bytes_read
        try:
            with self.open_binary(base) as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
                reader = csv.reader(text)
                header: list[str] | None = None
                for row in reader:
                    if header is None:
                        upper = [c.strip().upper() for c in row]
                        if set(needed) <= set(upper):
                            header = upper
                            continue
                        if reader.line_num > 5:  # Connections.csv has 3 lines of notes first
                            break
                        continue
                    if not any(c.strip() for c in row):
                        continue
                    if counted and reader.line_num % 256 == 0:
                        self.bytes_read = before + raw.tell()
                    yield reader.line_num, dict(zip(header, row, strict=False))
                if header is None:
                    missing = ", ".join(needed)
                    raise HistoryFileError(
                        f"{label}: no header line with the columns {missing} in its first "
                        "lines; the file was left out."
                    )
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, csv.Error) as error:
            self.warnings.append(f"{label}: damaged, read up to where it breaks ({error}).")
        if counted:
            self.bytes_read = before + self.size(base)

    def find_me(self, me: MeHints) -> None:
        """My name (Profile.csv) and my addresses (Email Addresses.csv)."""
        for _line, row in self._optional("profile.csv", ("FIRST NAME", "LAST NAME")):
            name = f"{row.get('FIRST NAME', '').strip()} {row.get('LAST NAME', '').strip()}"
            if name.strip():
                me.names.add(" ".join(name.casefold().split()))
        for _line, row in self._optional("email addresses.csv", ("EMAIL ADDRESS",)):
            address = row.get("EMAIL ADDRESS", "").strip().casefold()
            if address:
                me.emails.add(address)

    def my_name(self) -> tuple[str, str] | None:
        """My first and last name as Profile.csv gives them; None without one."""
        for _line, row in self._optional("profile.csv", ("FIRST NAME", "LAST NAME")):
            first = " ".join(row.get("FIRST NAME", "").split())
            last = " ".join(row.get("LAST NAME", "").split())
            if first or last:
                return first, last
        return None

    def positions(self) -> list[Position]:
        """My own employment history (Positions.csv)."""
        found = []
        for _line, row in self._optional("positions.csv", ("COMPANY NAME",)):
            organization = row.get("COMPANY NAME", "").strip()
            if organization:
                found.append(
                    Position(
                        organization,
                        row.get("TITLE", "").strip(),
                        parse_date(row.get("STARTED ON", "")),
                        parse_date(row.get("FINISHED ON", "")),
                    )
                )
        return found

    def _optional(self, base: str, needed: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
        try:
            yield from self.rows(base, needed)
        except HistoryFileError as error:
            self.warnings.append(str(error))

    def learn_my_profile(self, me: MeHints) -> None:
        """My profile URL: the one on at least half the messages, or the sender with my
        name (messages.csv has no "me" column)."""
        if "messages.csv" not in self.members:
            return
        seen: Counter[str] = Counter()
        try:
            rows = sum(1 for _line in self._profiles(seen, me))
        except HistoryFileError:
            return  # said once, when the messages are read
        if seen:
            url, count = seen.most_common(1)[0]
            if count >= 0.5 * rows:
                me.profiles.add(url)

    def _profiles(self, seen: Counter[str], me: MeHints) -> Iterator[int]:
        for line, row in self.rows("messages.csv", ("CONVERSATION ID", "FROM", "DATE")):
            yield line
            urls = {profile_key(u) for u in _urls(row.get("RECIPIENT PROFILE URLS", ""))}
            sender = profile_key(row.get("SENDER PROFILE URL", ""))
            urls.add(sender)
            seen.update(u for u in urls if u)
            if sender and " ".join(row.get("FROM", "").casefold().split()) in me.names:
                me.profiles.add(sender)

    def messages(self) -> Iterator[HistoryItem]:
        """One item per message of messages.csv; LinkedIn's own messages are left out."""
        needed = ("CONVERSATION ID", "FROM", "DATE")
        for line, row in self.rows("messages.csv", needed, counted=True):
            sender = Correspondent(
                row.get("FROM", "").strip(), "", profile_key(row.get("SENDER PROFILE URL", ""))
            )
            urls = [profile_key(u) for u in _urls(row.get("RECIPIENT PROFILE URLS", ""))]
            names = [n.strip() for n in row.get("TO", "").split(",")]
            if len(names) != len(urls):
                names = [""] * len(urls) if urls else [n for n in names if n]
                urls = urls or [""] * len(names)
            recipients = [Correspondent(n, "", u) for n, u in zip(names, urls, strict=True)]
            day = parse_date(row.get("DATE", ""))
            item = HistoryItem(
                Channel.LINKEDIN,
                "conversation:" + row.get("CONVERSATION ID", "").strip(),
                day,
                InteractionKind.MESSAGE,
                (sender, *recipients),
                row.get("SUBJECT", "").strip() or row.get("CONVERSATION TITLE", "").strip(),
                where=f"{self.label('messages.csv')} line {line}",
            )
            folder = row.get("FOLDER", "").strip().upper()
            if (
                (sender.name.casefold() in _SYSTEM_SENDERS and not sender.profile_url)
                or folder in ("SPAM", "SPONSORED")
                or "sponsored" in item.subject.casefold()[:40]
            ):
                item.left_out = LeftOut.LINKEDIN_SYSTEM
            elif len(recipients) > MAX_PEOPLE:
                item.left_out = LeftOut.TOO_MANY_RECIPIENTS
            elif day is None:
                item.left_out = LeftOut.NO_DATE
                self.warnings.append(f"{item.where}: no readable DATE; left out.")
            yield item

    def invitations(self) -> Iterator[HistoryItem]:
        """Invitations that carry a personal message are messages; the rest are not."""
        for line, row in self.rows("invitations.csv", ("FROM", "TO", "SENT AT"), counted=True):
            text = row.get("MESSAGE", "").strip()
            if not text:
                continue
            day = parse_date(row.get("SENT AT", ""))
            inviter = Correspondent(
                row.get("FROM", "").strip(), "", profile_key(row.get("INVITERPROFILEURL", ""))
            )
            invitee = Correspondent(
                row.get("TO", "").strip(), "", profile_key(row.get("INVITEEPROFILEURL", ""))
            )
            other = invitee if row.get("DIRECTION", "").strip().upper() == "OUTGOING" else inviter
            item = HistoryItem(
                Channel.LINKEDIN,
                "invitation:" + (other.profile_url or other.name.casefold()),
                day,
                InteractionKind.MESSAGE,
                (inviter, invitee),
                where=f"{self.label('invitations.csv')} line {line}",
            )
            if day is None:
                item.left_out = LeftOut.NO_DATE
                self.warnings.append(f"{item.where}: no readable Sent At; left out.")
            yield item


def _urls(text: str) -> list[str]:
    return [u.strip() for u in text.replace(";", ",").split(",") if u.strip()]
