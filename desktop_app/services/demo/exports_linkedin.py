"""The sample LinkedIn archive: `Basic_LinkedInDataExport_MM-DD-YYYY.zip` as LinkedIn's
"Get a copy of your data" sends it (column names and date formats as in real exports)."""

from __future__ import annotations

import base64
import csv
import io
import random
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop_app.services.demo import exports_text as text
from desktop_app.services.demo.exports import (
    ME_EMAIL,
    ME_FIRST,
    ME_LAST,
    ME_URL,
    ME_WORK_EMAIL,
    Cast,
    Person,
)

CONNECTIONS_NOTES = (
    "Notes:",
    '"When exporting your connection data, you may notice that some of the email addresses'
    " are missing. You will only see email addresses for connections who have allowed"
    " their connections to see or download their email address. This is a sample export"
    ' made by Trellis; every person in it is made up."',
    "",
)
CONNECTIONS_HEADER = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)
MESSAGES_HEADER = (
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
)
INVITATIONS_HEADER = (
    "From",
    "To",
    "Sent At",
    "Message",
    "Direction",
    "inviterProfileUrl",
    "inviteeProfileUrl",
)
PROFILE_HEADER = (
    "First Name",
    "Last Name",
    "Maiden Name",
    "Address",
    "Birth Date",
    "Headline",
    "Summary",
    "Industry",
    "Zip Code",
    "Geo Location",
    "Twitter Handles",
    "Websites",
    "Instant Messengers",
)
EMAILS_HEADER = ("Email Address", "Confirmed", "Primary", "Updated On")
POSITIONS_HEADER = ("Company Name", "Title", "Description", "Location", "Started On", "Finished On")
IGNORED_FILES = ("Skills.csv", "Learning.csv", "Jobs/Saved Jobs.csv")
# How the sample marks LinkedIn's own messages: a sender who left LinkedIn, and sponsored
# InMail in its own folder. Neither is a conversation with someone in my network.
SYSTEM_SENDER = "LinkedIn Member"
SPONSORED_FOLDER = "SPONSORED"
ME_NAME = f"{ME_FIRST} {ME_LAST}"


def write_zip(
    path: Path, cast: Cast, rng: random.Random, message_rows: int, today: date
) -> dict[str, Any]:
    """Write the archive; return its part of the manifest."""
    stamp = (today.year, today.month, today.day, 9, 0, 0)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:

        @contextmanager
        def member(name: str) -> Iterator[Any]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with (
                archive.open(info, "w", force_zip64=True) as raw,
                io.TextIOWrapper(raw, encoding="utf-8", newline="") as stream,
            ):
                yield csv.writer(stream, lineterminator="\n"), stream

        with member("Connections.csv") as (writer, stream):
            stream.write("\n".join(CONNECTIONS_NOTES) + "\n")
            connections = _connections(writer, cast)
        with member("messages.csv") as (writer, _):
            messages = _messages(writer, cast, rng, message_rows, today)
        with member("Invitations.csv") as (writer, _):
            invitations = _invitations(writer, cast, rng, today)
        with member("Profile.csv") as (writer, _):
            _profile(writer)
        with member("Email Addresses.csv") as (writer, _):
            writer.writerow(EMAILS_HEADER)
            writer.writerow((ME_EMAIL, "Yes", "Yes", "3/4/19, 8:12 AM"))
            writer.writerow((ME_WORK_EMAIL, "Yes", "No", "5/20/22, 4:41 PM"))
        with member("Positions.csv") as (writer, _):
            _positions(writer)
        with member("Skills.csv") as (writer, _):
            writer.writerow(("Name",))
            writer.writerows((skill,) for skill in text.SKILLS)
        with member("Learning.csv") as (writer, _):
            writer.writerow(("Content Title", "Content Type", "Content Last Watched Date"))
            writer.writerows((t, kind, "2024-02-11 19:02 UTC") for t, kind in text.COURSES)
        with member("Jobs/Saved Jobs.csv") as (writer, _):
            writer.writerow(("Saved Date", "Job Url", "Job Title", "Company Name"))
            writer.writerow(("4/2/25, 7:10 PM", "", "Data Analyst", "Lumen Health"))
    system = messages.pop("system_by_reason")
    return {
        "connections": connections,
        "messages": messages,
        "invitations": invitations,
        "left_out": {"messages": system},
        "system_markers": {"from": [SYSTEM_SENDER], "folder": [SPONSORED_FOLDER]},
        "ignored_files": list(IGNORED_FILES),
    }


def unpack(archive: Path, directory: Path) -> None:
    """The archive's files as the user sees them after double-clicking it."""
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(directory)


def linkedin_date(moment: datetime) -> str:
    """messages.csv's DATE: `2023-06-11 15:33:58 UTC`."""
    return f"{moment:%Y-%m-%d %H:%M:%S} UTC"


def invitation_date(moment: datetime) -> str:
    """Invitations.csv's Sent At: `1/15/24, 10:23 AM`."""
    hour = moment.hour % 12 or 12
    half = "AM" if moment.hour < 12 else "PM"
    return f"{moment.month}/{moment.day}/{moment:%y}, {hour}:{moment:%M} {half}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _connections(writer: Any, cast: Cast) -> dict[str, int]:
    writer.writerow(CONNECTIONS_HEADER)
    newest_first = sorted(cast.connections, key=lambda p: (p.connected_on, p.key), reverse=True)
    for p in newest_first:
        on = p.connected_on
        assert on is not None
        shown = f"{on.day:02d} {_MONTHS[on.month - 1]} {on.year}"
        writer.writerow((p.first, p.last, p.url, p.connection_email, p.org, p.title, shown))
    return {
        "rows": len(newest_first),
        "with_email": sum(1 for p in newest_first if p.connection_email),
    }


def _messages(
    writer: Any, cast: Cast, rng: random.Random, rows: int, today: date
) -> dict[str, Any]:
    writer.writerow(MESSAGES_HEADER)
    each = max(2, rows // 100)
    system: dict[str, int] = {"linkedin_member": each, "sponsored": each}
    left = dict(system)
    normal = rows - sum(system.values())
    counts: dict[str, Any] = {"conversations": 0, "group_conversations": 0, "from_me": 0}
    counts |= {"to_me": 0, "multiline": 0, "with_non_connections": 0}
    start = datetime.combine(today, datetime.min.time()) - timedelta(days=3 * 365)
    span = 3 * 365 * 86400 - 86400
    system_left = sum(system.values())
    while normal > 0 or system_left > 0:
        # Spread LinkedIn's own messages among the conversations.
        if system_left and rng.random() * (normal + system_left) < system_left * 4:
            kind = "linkedin_member" if left["linkedin_member"] else "sponsored"
            left[kind] -= 1
            system_left -= 1
            _system_row(writer, rng, kind, start + timedelta(seconds=rng.randrange(span)))
            continue
        length = min(rng.choice((1, 2, 2, 3, 3, 4, 6, 8)), normal)
        normal -= length
        moment = start + timedelta(seconds=rng.randrange(span))
        _conversation(writer, cast, rng, length, moment, today, counts)
    counts["rows"] = rows
    counts["system"] = sum(system.values())
    counts["system_by_reason"] = system
    return counts


def _conversation_id(rng: random.Random) -> str:
    raw = f"{rng.getrandbits(128):032x}"
    uuid = f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}_010"
    return "2-" + base64.b64encode(uuid.encode()).decode().rstrip("=")


def _conversation(
    writer: Any,
    cast: Cast,
    rng: random.Random,
    length: int,
    moment: datetime,
    today: date,
    counts: dict[str, int],
) -> None:
    group = length >= 2 and rng.random() < 0.12
    if group:
        others = rng.sample(cast.connections, rng.randint(2, 4))
        title = rng.choice(text.GROUP_TITLES) if rng.random() < 0.6 else ""
        counts["group_conversations"] += 1
    elif rng.random() < 0.08 and cast.outsiders:
        others, title = [rng.choice(cast.outsiders)], ""  # InMail from outside my network
        counts["with_non_connections"] += 1
    else:
        seen = cast.seen.get("linkedin_messages", set())
        planted = [p for p in cast.planted if p.connected_on and p.key not in seen]
        others, title = [planted[0] if planted else rng.choice(cast.connections)], ""
    counts["conversations"] += 1
    for p in others:
        cast.saw("linkedin_messages", p)
    conversation = _conversation_id(rng)
    members: list[Person | None] = [None, *others]  # None: me
    sender: Person | None = None if rng.random() < 0.5 else others[0]
    end = datetime.combine(today, datetime.min.time())
    for index in range(length):
        if index:
            sender = rng.choice(members) if group else (others[0] if sender is None else None)
            moment = min(moment + timedelta(minutes=rng.randint(3, 4000)), end)
        to = [m for m in members if m is not sender]
        first = others[0].first
        pattern = rng.choice(text.LINKEDIN_OPENERS if index == 0 else text.LINKEDIN_REPLIES)
        content = pattern.format(first=first, org=others[0].org)
        counts["multiline"] += "\n" in content
        if sender is None:
            counts["from_me"] += 1
        else:
            counts["to_me"] += 1
        writer.writerow(
            (
                conversation,
                title,
                ME_NAME if sender is None else sender.name,
                ME_URL if sender is None else sender.url,
                ", ".join(ME_NAME if m is None else m.name for m in to),
                ",".join(ME_URL if m is None else m.url for m in to),
                linkedin_date(moment),
                "",
                content,
                "INBOX" if rng.random() < 0.9 else "ARCHIVE",
            )
        )


def _system_row(writer: Any, rng: random.Random, kind: str, moment: datetime) -> None:
    if kind == "linkedin_member":
        sender, url, subject = SYSTEM_SENDER, "", ""
        content, folder = rng.choice(text.SYSTEM_CONTENT), "INBOX"
    else:
        sender, subject = rng.choice(text.SPONSORED)
        url, content, folder = "", f"Hi {ME_FIRST},\n\n{subject}.\n", SPONSORED_FOLDER
    writer.writerow(
        (
            _conversation_id(rng),
            "",
            sender,
            url,
            ME_NAME,
            ME_URL,
            linkedin_date(moment),
            subject,
            content,
            folder,
        )
    )


def _invitations(writer: Any, cast: Cast, rng: random.Random, today: date) -> dict[str, int]:
    writer.writerow(INVITATIONS_HEADER)
    pending = cast.outsiders[: max(4, len(cast.outsiders) // 5)]
    counts = {"rows": 0, "incoming": 0, "outgoing": 0, "with_message": 0}
    for index, p in enumerate(pending):
        moment = datetime.combine(today, datetime.min.time()) - timedelta(
            minutes=rng.randint(60, 90 * 1440)
        )
        message = rng.choice(text.INVITATION_MESSAGES) if index % 2 == 0 else ""
        incoming = index % 3 != 2
        names, urls = (p.name, ME_NAME), (p.url, ME_URL)
        if not incoming:
            names, urls = names[::-1], urls[::-1]
        direction = "INCOMING" if incoming else "OUTGOING"
        writer.writerow((*names, invitation_date(moment), message, direction, *urls))
        cast.saw("invitations", p)
        counts["rows"] += 1
        counts["incoming" if incoming else "outgoing"] += 1
        counts["with_message"] += bool(message)
    return counts


def _profile(writer: Any) -> None:
    writer.writerow(PROFILE_HEADER)
    writer.writerow(
        (
            ME_FIRST,
            ME_LAST,
            "",
            "",
            "",
            "Data analyst moving into product | Python, SQL",
            "I turn messy data into decisions.\nLooking for product roles, happy to chat.",
            "Software Development",
            "",
            "Berlin, Germany",
            "",
            "",
            "",
        )
    )


def _positions(writer: Any) -> None:
    writer.writerow(POSITIONS_HEADER)
    writer.writerow(("Northwind Labs", "Senior Data Analyst", "", "Berlin", "Mar 2022", ""))
    writer.writerow(
        ("Lumen Health", "Data Analyst", "Dashboards, A/B tests", "Berlin", "Jun 2019", "Feb 2022")
    )
    writer.writerow(("Quill Media", "Intern, Analytics", "", "Hamburg", "Jan 2018", "May 2019"))
