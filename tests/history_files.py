"""Small synthetic history exports for tests: a LinkedIn export, an mbox and a calendar.

Everyone in them is invented. Me: Robin Quill <robin@quill.example>,
linkedin.com/in/robin-quill. Contacts: Ada Brook (email and profile), Ben Cole (profile
only). Strangers: Carl Dunn on LinkedIn, Zoë Ng by mail.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, timedelta
from pathlib import Path

ME = "https://www.linkedin.com/in/robin-quill"
ADA = "https://www.linkedin.com/in/ada-brook"
BEN = "https://www.linkedin.com/in/ben-cole"
CARL = "https://www.linkedin.com/in/carl-dunn"

MESSAGE_COLUMNS = [
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
    "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER",
]  # fmt: skip


def _csv(rows: list[list[str]], preamble: str = "") -> str:
    out = io.StringIO()
    out.write(preamble)
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def linkedin_files() -> dict[str, str]:
    """File name → text of a small LinkedIn export."""
    connections = _csv(
        [
            [
                "First Name",
                "Last Name",
                "URL",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
            ],
            ["Ada", "Brook", ADA, "ada@brook.example", "Northwind", "Engineer", "05 Oct 2020"],
            ["Ben", "Cole", BEN, "", "Contoso", "Designer", "12 Jan 2021"],
        ],
        preamble='Notes:\n"When exporting your connection data, you may notice..."\n\n',
    )
    messages = _csv(
        [
            [*MESSAGE_COLUMNS, "IS MESSAGE DRAFT"],
            ["c1", "", "Ada Brook", ADA, "Robin Quill", ME, "2023-06-11 15:33:58 UTC", "Coffee?", "secret body 1", "INBOX", "No"],
            ["c1", "", "Robin Quill", ME, "Ada Brook", ADA, "2023-06-11 18:00:00 UTC", "", "secret body 2", "INBOX", "No"],
            ["c1", "", "Ada Brook", ADA, "Robin Quill", ME, "2023-07-02 09:00:00 UTC", "", "secret body 3", "INBOX", "No"],
            ["c2", "Team", "Ben Cole", BEN, "Robin Quill,Ada Brook", f"{ME},{ADA}", "2023-08-01 10:00:00 UTC", "", "hello all", "INBOX", "No"],
            ["c3", "", "LinkedIn Member", "", "Robin Quill", ME, "2023-08-02 10:00:00 UTC", "Sponsored offer", "buy", "INBOX", "No"],
            ["c4", "", "Carl Dunn", CARL, "Robin Quill", ME, "2023-09-01 10:00:00 UTC", "", "hi", "INBOX", "No"],
        ]
    )  # fmt: skip
    invitations = _csv(
        [
            ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"],
            ["Robin Quill", "Ben Cole", "1/11/21, 9:15 AM", "Great talk today!", "OUTGOING", ME, BEN],
            ["Dana Fox", "Robin Quill", "2/3/21, 4:00 PM", "", "INCOMING", "https://www.linkedin.com/in/dana-fox", ME],
        ]
    )  # fmt: skip
    return {
        "Connections.csv": connections,
        "messages.csv": messages,
        "Invitations.csv": invitations,
        "Profile.csv": _csv([["First Name", "Last Name", "Headline"], ["Robin", "Quill", "Builder"]]),
        "Email Addresses.csv": _csv(
            [["Email Address", "Confirmed", "Primary", "Updated On"], ["robin@quill.example", "Yes", "Yes", ""]]
        ),
        "Positions.csv": _csv(
            [["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
             ["Tailspin", "Lead", "", "", "Oct 2019", ""]]
        ),
        "Rich_Media.csv": "Date/Time,Media Link\n",
    }  # fmt: skip


def linkedin_zip(path: Path, files: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (files or linkedin_files()).items():
            archive.writestr(name, text)
    return path


def linkedin_folder(path: Path, files: dict[str, str] | None = None) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for name, text in (files or linkedin_files()).items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def message(
    sender: str,
    to: str,
    day: str,
    message_id: str,
    *,
    cc: str = "",
    extra: str = "",
    in_reply_to: str = "",
    subject: str = "Hello",
) -> str:
    lines = [
        f"From {sender.split('<')[-1].rstrip('>')} Sat Jun 10 10:00:00 2023",
        f"From: {sender}",
        f"To: {to}",
    ]
    if cc:
        lines.append(f"Cc: {cc}")
    lines += [f"Date: {day}", f"Message-ID: <{message_id}>", f"Subject: {subject}"]
    if in_reply_to:
        lines += [f"In-Reply-To: <{in_reply_to}>", f"References: <{in_reply_to}>"]
    if extra:
        lines.append(extra)
    lines += ["", "A body that is never stored.", ">From here on, an escaped line.", "", ""]
    return "\n".join(lines)


ADA_MAIL = "Ada Brook <Ada@Brook.example>"
ME_MAIL = "Robin Quill <robin@quill.example>"


def mbox_text() -> str:
    crowd = ", ".join(f"p{i}@crowd.example" for i in range(25))
    return "".join(
        [
            message(ADA_MAIL, ME_MAIL, "Sat, 10 Jun 2023 10:00:00 +0200", "m1@x"),
            message(ME_MAIL, ADA_MAIL, "Sat, 10 Jun 2023 12:00:00 +0200", "m2@x", in_reply_to="m1@x"),
            message(ADA_MAIL, ME_MAIL, "Mon, 12 Jun 2023 09:00:00 +0200", "m3@x", in_reply_to="m1@x"),
            message("=?utf-8?q?Zo=C3=AB_Ng?= <zoe@ng.example>", ME_MAIL, "Tue, 13 Jun 2023 09:00:00 +0000", "m4@x"),
            message("News <news@list.example>", ME_MAIL, "Tue, 13 Jun 2023 09:00:00 +0000", "m5@x", extra="List-Id: <news.list.example>"),
            message("Shop <deals@shop.example>", ME_MAIL, "Tue, 13 Jun 2023 09:00:00 +0000", "m6@x", extra="Precedence: bulk"),
            message("Robot <robot@ops.example>", ME_MAIL, "Tue, 13 Jun 2023 09:00:00 +0000", "m7@x", extra="Auto-Submitted: auto-generated"),
            message("No Reply <no-reply@service.example>", ME_MAIL, "Tue, 13 Jun 2023 09:00:00 +0000", "m8@x"),
            message(ME_MAIL, crowd, "Tue, 13 Jun 2023 09:00:00 +0000", "m9@x"),
        ]
    )  # fmt: skip


def _event(uid: str, start: date, attendees: list[str], extra: str = "") -> str:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTART:{start.strftime('%Y%m%d')}T100000Z",
        f"DTEND:{start.strftime('%Y%m%d')}T110000Z",
        "SUMMARY:Catch-up",
        "DESCRIPTION:Private agenda that is never stored",
        "ORGANIZER;CN=Robin Quill:mailto:robin@quill.example",
        *attendees,
    ]
    if extra:
        lines.append(extra)
    lines.append("END:VEVENT")
    return "\r\n".join(lines) + "\r\n"


def ics_text(today: date) -> str:
    ada = "ATTENDEE;CN=Ada Brook;PARTSTAT=ACCEPTED:mailto:ada@brook.example"
    ben = "ATTENDEE;CN=Ben Cole;PARTSTAT=ACCEPTED:mailto:ben@cole.example"
    me_declined = "ATTENDEE;CN=Robin Quill;PARTSTAT=DECLINED:mailto:robin@quill.example"
    crowd = [f"ATTENDEE:mailto:p{i}@crowd.example" for i in range(25)]
    start = today - timedelta(days=21)
    body = "".join(
        [
            _event("e1", date(2023, 6, 20), [ada, ben]),
            _event("weekly", start, [ada], "RRULE:FREQ=WEEKLY;COUNT=10"),
            _event("cancelled", date(2023, 6, 21), [ada], "STATUS:CANCELLED"),
            _event("declined", date(2023, 6, 22), [ada, me_declined]),
            _event("crowd", date(2023, 6, 23), crowd),
            _event("future", today + timedelta(days=30), [ada]),
        ]
    )
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
        "X-WR-CALNAME:robin@quill.example\r\n" + body + "END:VCALENDAR\r\n"
    )
