"""The sample mailbox: `mail.mbox` as Google Takeout writes it (mboxrd).

Each message starts with a `From <thread id>@xxx <date>` line and carries Takeout's
X-GM-THRID and X-Gmail-Labels; names outside ASCII are RFC 2047 words; body lines beginning
"From " are written ">From ". Messages are formatted as text, not built as
`email.message` objects, and streamed to the file: 100,000 messages take a few seconds.
"""

from __future__ import annotations

import base64
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop_app.services.demo import exports_text as text
from desktop_app.services.demo.exports import (
    ME_EMAIL,
    ME_FIRST,
    ME_LAST,
    ME_WORK_EMAIL,
    Cast,
    Person,
)

MASS_RECIPIENTS = 25  # one message to more people than a conversation has
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_OFFSETS = (0, 60, 120, -300, -240, 330, 540, -180)  # minutes east of UTC
_SPECIALS = re.compile(r'[()<>\[\]:;@\\,."]')
_FROM_LINE = re.compile(r"^>*From ", re.MULTILINE)


@dataclass(frozen=True)
class _Who:
    name: str
    email: str
    person: Person | None = None  # None: me or a sender outside my network
    latin1: bool = False
    offset: int = 0  # minutes east of UTC


ME = _Who(f"{ME_FIRST} {ME_LAST}", ME_EMAIL)
ME_AT_WORK = _Who(f"{ME_FIRST} {ME_LAST}", ME_WORK_EMAIL)


def write_mbox(
    path: Path, cast: Cast, rng: random.Random, count: int, today: date
) -> dict[str, Any]:
    """Write `count` messages; return the mailbox's part of the manifest."""
    writer = _MailWriter(cast, rng, today)
    left_out = {
        "newsletter": max(3, count // 50),
        "no_reply": max(3, count // 100),
        "auto_submitted": max(1, count // 1000),
        "too_many_recipients": 1,
    }
    kinds = [kind for kind, n in left_out.items() for _ in range(n)]
    rng.shuffle(kinds)
    slots = sorted(rng.sample(range(count), len(kinds)))
    normal = writer.conversations(count - len(kinds))
    with path.open("wb", buffering=1 << 20) as out:
        special = iter(zip(slots, kinds, strict=True))
        next_slot, next_kind = next(special, (-1, ""))
        for index in range(count):
            if index == next_slot:
                out.write(writer.special(next_kind))
                next_slot, next_kind = next(special, (-1, ""))
            else:
                out.write(next(normal))
    return {
        "messages": count,
        "kept": count - len(kinds),
        "threads": writer.threads,
        "replies": writer.replies,
        "from_me": writer.from_me,
        "to_me": writer.to_me,
        "escaped_from_lines": writer.escaped,
        "left_out": left_out,
    }


def encode_name(who: _Who) -> str:
    """`Name <address>` with the name quoted or as an RFC 2047 word when it must be."""
    name = who.name
    if not name.isascii():
        if who.latin1:
            raw = name.encode("iso-8859-1")
            word = "".join(
                "_" if b == 32 else chr(b) if chr(b).isalnum() and b < 128 else f"={b:02X}"
                for b in raw
            )
            name = f"=?iso-8859-1?Q?{word}?="
        else:
            name = f"=?UTF-8?B?{base64.b64encode(name.encode()).decode()}?="
    elif _SPECIALS.search(name):
        name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{name} <{who.email}>"


def fold(field: str, items: list[str], sep: str = ",") -> str:
    """`Field: a, b, …` folded onto continuation lines before 78 characters."""
    lines = [f"{field}: {items[0]}"]
    for item in items[1:]:
        if len(lines[-1]) + len(sep) + 1 + len(item) > 78:
            lines[-1] += sep.rstrip()
            lines.append(f" {item}")
        else:
            lines[-1] += f"{sep} {item}" if sep.strip() else f" {item}"
    return "\n".join(lines)


class _MailWriter:
    def __init__(self, cast: Cast, rng: random.Random, today: date) -> None:
        self.cast, self.rng = cast, rng
        self.end = datetime.combine(today, datetime.min.time())
        self.start = self.end - timedelta(days=3 * 365)
        self.threads = self.replies = self.from_me = self.to_me = self.escaped = 0
        self.counter = 0
        self._who: dict[int, _Who] = {}
        self._encoded: dict[_Who, str] = {}

    def who(self, p: Person) -> _Who:
        if p.key not in self._who:
            offset = _OFFSETS[p.key % len(_OFFSETS)]
            self._who[p.key] = _Who(p.mail_name, p.email, p, p.latin1_header, offset)
        return self._who[p.key]

    def address(self, who: _Who) -> str:
        if who not in self._encoded:
            self._encoded[who] = encode_name(who)
        return self._encoded[who]

    def conversations(self, count: int) -> Iterator[bytes]:
        """`count` messages in threads between me and the people in my mail."""
        rng, pool = self.rng, self.cast.mail_pool
        planted = [p for p in self.cast.planted if p in pool]
        left = count
        while left > 0:
            length = min(rng.choice((1, 1, 2, 2, 3, 4, 6)), left)
            left -= length
            other = self.who(planted.pop(0) if planted else rng.choice(pool))
            cc = [self.who(p) for p in rng.sample(pool, 2)] if rng.random() < 0.12 else []
            cc = [w for w in cc if w != other]
            me = ME_AT_WORK if rng.random() < 0.2 else ME
            subject = rng.choice(text.MAIL_SUBJECTS)
            moment = self.start + timedelta(seconds=rng.randrange(3 * 365 * 86400 - 86400))
            thread = f"{rng.getrandbits(60) | (1 << 60)}"
            ids: list[str] = []
            me_first = rng.random() < 0.5
            previous = moment  # of the message a reply quotes
            self.threads += 1
            for index in range(length):
                from_me = (index % 2 == 0) == me_first
                sender, to = (me, other) if from_me else (other, me)
                for w in (other, *cc):
                    assert w.person is not None
                    self.cast.saw("mbox", w.person)
                body = self._body(index, sender, to, previous)
                message_id = self._message_id(sender)
                headers = [
                    f"Message-ID: {message_id}",
                    f"Date: {_rfc2822(moment, 60 if from_me else sender.offset)}",
                    f"From: {self.address(sender)}",
                    f"To: {self.address(to)}",
                ]
                if cc:
                    headers.append(fold("Cc", [self.address(w) for w in cc]))
                headers.append(_subject(("Re: " if index else "") + subject))
                if ids:
                    headers.append(f"In-Reply-To: {ids[-1]}")
                    headers.append(fold("References", ids, sep=""))
                    self.replies += 1
                labels = "Sent" if from_me else "Inbox,Opened,Category Personal"
                self.from_me += from_me
                self.to_me += not from_me
                ids.append(message_id)
                yield self._message(thread, moment, labels, headers, body)
                previous = moment
                moment = min(moment + timedelta(minutes=rng.randint(5, 6000)), self.end)

    def special(self, kind: str) -> bytes:
        """One message an importer leaves out, for the reason `kind` alone."""
        rng = self.rng
        moment = self.start + timedelta(seconds=rng.randrange(3 * 365 * 86400 - 86400))
        thread = f"{rng.getrandbits(60) | (1 << 60)}"
        extra: list[str] = []
        cc: list[_Who] = []
        if kind in ("newsletter", "no_reply"):
            table = text.NEWSLETTERS if kind == "newsletter" else text.NO_REPLY
            name, local, domain, subject = rng.choice(table)
            sender = _Who(name, f"{local}@{domain}.example", offset=0)
            to = [ME]
            labels = "Inbox,Category Promotions" if kind == "newsletter" else "Inbox,Opened"
            if kind == "newsletter":
                extra = [
                    f"List-Id: {name} <{local}.{domain}.example>",
                    f"List-Unsubscribe: <mailto:unsubscribe@{domain}.example>",
                    "Precedence: bulk",
                ]
            body = f"{subject}.\n\nRead it online at https://{domain}.example/{self.counter}\n"
        elif kind == "auto_submitted":
            sender = self.who(rng.choice(self.cast.mail_pool))
            to, labels = [ME], "Inbox,Opened"
            subject = f"Automatic reply: {rng.choice(text.MAIL_SUBJECTS)}"
            extra = ["Auto-Submitted: auto-replied"]
            body = "I am out of the office until Monday with limited access to e-mail.\n"
        else:  # too_many_recipients: an announcement to a whole team, me among them
            people = [self.who(p) for p in rng.sample(self.cast.people, MASS_RECIPIENTS)]
            sender, rest = people[0], people[1:]
            to, cc = [ME, *rest[:17]], rest[17:]
            labels, subject = (
                "Inbox,Opened",
                (
                    "All-hands offsite: travel, rooms, the agenda for both days, and who to ask "
                    "about anything else"
                ),
            )
            body = (
                "Hi all,\n\nFrom the survey: most of you prefer the second week. Details below.\n"
            )
        headers = [
            f"Message-ID: {self._message_id(sender)}",
            f"Date: {_rfc2822(moment, sender.offset)}",
            f"From: {self.address(sender)}",
            fold("To", [self.address(w) for w in to]),
        ]
        if cc:
            headers.append(fold("Cc", [self.address(w) for w in cc]))
        headers.append(_subject(subject))
        return self._message(thread, moment, labels, headers + extra, body)

    def _body(self, index: int, sender: _Who, to: _Who, quoted: datetime) -> str:
        rng = self.rng
        first = to.name.split(", ")[-1].split(" ")[0]
        if index == 0:
            body = rng.choice(text.MAIL_BODIES).format(first=first)
        else:
            body = f"{rng.choice(text.REPLIES)}\n"
        if rng.random() < 0.05:
            body += f"\n{rng.choice(text.FROM_LINES)}\n"
        body += "\n" + rng.choice(text.SIGNATURES).format(name=sender.name.split(", ")[-1]) + "\n"
        if index:
            when = f"{_DAYS[quoted.weekday()]}, {quoted.day} {_MONTHS[quoted.month - 1]}"
            body += f"\nOn {when}, {to.name} <{to.email}> wrote:\n> Thanks, talk soon.\n"
        return body

    def _message_id(self, sender: _Who) -> str:
        self.counter += 1
        domain = sender.email.split("@")[1]
        return f"<{self.counter:x}.{self.rng.getrandbits(40):010x}@{domain}>"

    def _message(
        self, thread: str, moment: datetime, labels: str, headers: list[str], body: str
    ) -> bytes:
        escaped, n = _FROM_LINE.subn(lambda m: ">" + m.group(0), body)
        self.escaped += n
        separator = (
            f"From {thread}@xxx {_DAYS[moment.weekday()]} {_MONTHS[moment.month - 1]} "
            f"{moment.day:02d} {moment:%H:%M:%S} +0000 {moment.year}"
        )
        lines = [
            separator,
            f"X-GM-THRID: {thread}",
            f"X-Gmail-Labels: {labels}",
            *headers,
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="UTF-8"',
            "Content-Transfer-Encoding: 8bit",
            "",
            escaped,
        ]
        return ("\n".join(lines) + "\n").encode()


def _subject(subject: str) -> str:
    if not subject.isascii():
        return f"Subject: =?UTF-8?B?{base64.b64encode(subject.encode()).decode()}?="
    return fold("Subject", subject.split(" "), sep="")


def _rfc2822(moment: datetime, offset: int) -> str:
    """`Sat, 11 Jun 2023 17:33:58 +0200` for the UTC `moment` seen `offset` minutes east."""
    local = moment + timedelta(minutes=offset)
    sign = "+" if offset >= 0 else "-"
    hours, minutes = divmod(abs(offset), 60)
    return (
        f"{_DAYS[local.weekday()]}, {local.day} {_MONTHS[local.month - 1]} {local.year} "
        f"{local:%H:%M:%S} {sign}{hours:02d}{minutes:02d}"
    )
