"""The sample exports parse with the standard library and have the real exporters' shapes."""

from __future__ import annotations

import csv
import email.header
import email.utils
import io
import json
import mailbox
import re
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services.demo.exports import ExportsError, ExportSizes, write_demo_exports

TODAY = date(2026, 6, 1)
SIZES = ExportSizes(people=120, messages=500, events=60, linkedin_messages=700)


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("exports") / "sample"
    manifest = write_demo_exports(folder, seed=4, sizes=SIZES, today=TODAY, unpacked=True)
    return folder, manifest


def _zip_text(folder: Path, manifest: dict[str, Any], name: str) -> str:
    with zipfile.ZipFile(folder / manifest["files"]["linkedin_zip"]) as archive:
        return archive.read(name).decode("utf-8")


def _rows(folder: Path, manifest: dict[str, Any], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_zip_text(folder, manifest, name))))


def test_the_manifest_on_disk_is_the_one_returned(exports: tuple[Path, dict[str, Any]]) -> None:
    folder, manifest = exports
    assert json.loads((folder / "expected.json").read_text(encoding="utf-8")) == manifest
    assert manifest["files"]["linkedin_zip"] == "Basic_LinkedInDataExport_06-01-2026.zip"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [
            manifest["files"]["linkedin_zip"],
            "mail.mbox",
            "calendar.ics",
            "expected.json",
            "linkedin",
        ]
    )


def test_connections_have_the_notes_preamble_and_linkedin_dates(
    exports: tuple[Path, dict[str, Any]],
) -> None:
    folder, manifest = exports
    lines = _zip_text(folder, manifest, "Connections.csv").split("\n")
    assert lines[0] == "Notes:"
    assert lines[1].startswith('"') and lines[1].endswith('"')
    assert lines[2] == ""
    assert lines[3] == "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[3:]))))
    assert len(rows) == manifest["linkedin"]["connections"]["rows"]
    assert all(re.fullmatch(r"\d\d [A-Z][a-z]{2} \d{4}", r["Connected On"]) for r in rows)
    with_email = [r for r in rows if r["Email Address"]]
    assert len(with_email) == manifest["linkedin"]["connections"]["with_email"]
    assert 0 < len(with_email) < len(rows) / 2  # most connections hide their address
    assert all(r["URL"].startswith("https://www.linkedin.com/in/") for r in rows)


def test_messages_csv_has_groups_system_messages_and_quoted_content(
    exports: tuple[Path, dict[str, Any]],
) -> None:
    folder, manifest = exports
    text = _zip_text(folder, manifest, "messages.csv")
    assert text.split("\n", 1)[0] == (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
        "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER"
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    counts = manifest["linkedin"]["messages"]
    assert len(rows) == counts["rows"] == SIZES.linkedin_rows
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", r["DATE"]) for r in rows)
    system = [r for r in rows if r["FROM"] == "LinkedIn Member" or r["FOLDER"] == "SPONSORED"]
    assert (
        len(system)
        == counts["system"]
        == sum(manifest["linkedin"]["left_out"]["messages"].values())
    )
    assert all(r["SENDER PROFILE URL"] == "" for r in system)
    people_in = {r["CONVERSATION ID"]: set() for r in rows}
    for r in rows:
        people_in[r["CONVERSATION ID"]] |= {r["FROM"], *r["TO"].split(", ")}
    assert (
        sum(1 for names in people_in.values() if len(names) >= 3) == counts["group_conversations"]
    )
    assert len(people_in) == counts["conversations"] + counts["system"]
    conversation_rows = [r for r in rows if r not in system]
    assert sum("\n" in r["CONTENT"] for r in conversation_rows) == counts["multiline"] > 0
    assert any('"' in r["CONTENT"] and "," in r["CONTENT"] for r in rows)
    assert sum(r["FROM"] == "Alex Rivera" for r in rows) == counts["from_me"]


def test_invitations_profile_addresses_positions_and_ignored_files(
    exports: tuple[Path, dict[str, Any]],
) -> None:
    folder, manifest = exports
    invitations = _rows(folder, manifest, "Invitations.csv")
    assert list(invitations[0]) == [
        "From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"
    ]  # fmt: skip
    assert all(
        re.fullmatch(r"\d{1,2}/\d{1,2}/\d\d, \d{1,2}:\d\d (AM|PM)", r["Sent At"])
        for r in invitations
    )
    directions = Counter(r["Direction"] for r in invitations)
    assert directions == {"INCOMING": manifest["linkedin"]["invitations"]["incoming"],
                          "OUTGOING": manifest["linkedin"]["invitations"]["outgoing"]}  # fmt: skip
    assert any(r["Message"] for r in invitations) and any(not r["Message"] for r in invitations)
    profile = _rows(folder, manifest, "Profile.csv")
    assert list(profile[0])[:3] == ["First Name", "Last Name", "Maiden Name"]
    assert list(profile[0])[-1] == "Instant Messengers"
    assert (profile[0]["First Name"], profile[0]["Last Name"]) == ("Alex", "Rivera")
    addresses = _rows(folder, manifest, "Email Addresses.csv")
    assert list(addresses[0]) == ["Email Address", "Confirmed", "Primary", "Updated On"]
    assert [a["Email Address"] for a in addresses] == manifest["me"]["emails"]
    positions = _rows(folder, manifest, "Positions.csv")
    assert list(positions[0]) == [
        "Company Name", "Title", "Description", "Location", "Started On", "Finished On"
    ]  # fmt: skip
    assert all(re.fullmatch(r"[A-Z][a-z]{2} \d{4}", p["Started On"]) for p in positions)
    assert positions[0]["Finished On"] == ""  # the current job
    with zipfile.ZipFile(folder / manifest["files"]["linkedin_zip"]) as archive:
        assert set(manifest["linkedin"]["ignored_files"]) <= set(archive.namelist())
        for name in archive.namelist():
            assert (folder / "linkedin" / name).read_bytes() == archive.read(name)


def _headers(message: mailbox.mboxMessage, *names: str) -> list[str]:
    return [value for name in names for value in message.get_all(name, [])]


def test_mbox_parses_and_holds_what_the_manifest_says(
    exports: tuple[Path, dict[str, Any]],
) -> None:
    folder, manifest = exports
    counts = manifest["mbox"]
    box = mailbox.mbox(folder / "mail.mbox", create=False)
    try:
        messages = list(box)
    finally:
        box.close()
    assert len(messages) == counts["messages"] == SIZES.messages
    for message in messages:
        for header in ("From", "To", "Date", "Message-ID", "Subject", "X-Gmail-Labels"):
            assert message[header], header
        assert email.utils.parsedate_to_datetime(message["Date"]).tzinfo is not None
        assert re.fullmatch(
            r"\d+@xxx \w{3} \w{3} \d\d \d\d:\d\d:\d\d \+0000 \d{4}", message.get_from()
        )
    newsletters = [m for m in messages if m["List-Id"] and m["Precedence"] == "bulk"]
    assert len(newsletters) == counts["left_out"]["newsletter"]
    no_reply = [m for m in messages if re.search(r"<(no-?reply|donotreply)@", m["From"])]
    assert len(no_reply) == counts["left_out"]["no_reply"]
    automatic = [m for m in messages if m["Auto-Submitted"] == "auto-replied"]
    assert len(automatic) == counts["left_out"]["auto_submitted"]
    crowded = [m for m in messages if len(email.utils.getaddresses(_headers(m, "To", "Cc"))) > 20]
    assert len(crowded) == counts["left_out"]["too_many_recipients"] == 1
    me = set(manifest["me"]["emails"])
    kept = [m for m in messages if m not in newsletters + no_reply + automatic + crowded]
    assert len(kept) == counts["kept"]
    senders = [email.utils.parseaddr(m["From"])[1] for m in kept]
    assert sum(s in me for s in senders) == counts["from_me"]
    assert sum(s not in me for s in senders) == counts["to_me"]
    ids = {m["Message-ID"] for m in messages}
    replies = [m for m in kept if m["In-Reply-To"]]
    assert len(replies) == counts["replies"]
    assert all(m["In-Reply-To"] in ids for m in replies)
    assert all(set(m["References"].split()) <= ids for m in replies)
    assert len({m["X-GM-THRID"] for m in kept}) == counts["threads"]


def test_mbox_is_mboxrd_with_encoded_names_and_folded_headers(
    exports: tuple[Path, dict[str, Any]],
) -> None:
    folder, manifest = exports
    raw = (folder / "mail.mbox").read_bytes().decode("utf-8")
    # Every line beginning "From " starts a message: the file's start, or after a blank line.
    starts = [m.start() for m in re.finditer(r"^From ", raw, re.MULTILINE)]
    assert len(starts) == manifest["mbox"]["messages"]
    assert all(s == 0 or raw[s - 2 : s] == "\n\n" for s in starts)
    assert (
        len(re.findall(r"^>From ", raw, re.MULTILINE)) == manifest["mbox"]["escaped_from_lines"] > 0
    )
    assert "=?iso-8859-1?Q?Chlo=E9_Dubois?=" in raw
    words = set(re.findall(r"=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=", raw))
    decoded = {str(email.header.make_header(email.header.decode_header(w))) for w in words}
    assert {"Zanele Wiśniewska", "Ana Lee"} & decoded == {"Zanele Wiśniewska"}
    assert '"Okafor, Chidi"' in raw
    assert re.search(r"^(To|Cc|References|Subject): .*\n [^\n]", raw, re.MULTILINE)
    assert "X-Gmail-Labels: Sent\n" in raw


def _unfolded(folder: Path) -> list[str]:
    return (folder / "calendar.ics").read_bytes().decode().replace("\r\n ", "").split("\r\n")


def test_ics_is_folded_crlf_with_every_kind_of_event(exports: tuple[Path, dict[str, Any]]) -> None:
    folder, manifest = exports
    counts = manifest["calendar"]
    raw = (folder / "calendar.ics").read_bytes()
    physical = raw.split(b"\r\n")
    assert physical[-1] == b"" and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in physical) <= 75
    assert any(line.startswith(b" ") for line in physical)
    raw.decode("utf-8")  # folding never splits a character
    lines = _unfolded(folder)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert "BEGIN:VTIMEZONE" in lines
    events: list[list[str]] = []
    current: list[str] | None = None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = []
        elif line == "END:VEVENT" and current is not None:
            events.append(current)
            current = None
        elif current is not None:
            current.append(line)
    assert len(events) == counts["events"] == SIZES.events
    me = "mailto:alex.rivera@mail.example"
    cancelled = [e for e in events if "STATUS:CANCELLED" in e]
    declined = [e for e in events if any("PARTSTAT=DECLINED" in x and x.endswith(me) for x in e)]
    crowded = [e for e in events if sum(x.startswith("ATTENDEE") for x in e) > 20]
    alone = [e for e in events if not any(x.startswith("ATTENDEE") for x in e)]
    future = [
        e
        for e in events
        if any(x.startswith("DTSTART") and x.split(":")[1][:8] > "20260601" for x in e)
    ]
    found = {
        "cancelled": len(cancelled),
        "declined": len(declined),
        "too_many_attendees": len(crowded),
        "no_other_attendee": len(alone),
        "future": len(future),
    }
    assert found == counts["left_out"]
    rules = [x for e in events for x in e if x.startswith("RRULE")]
    assert len(rules) == counts["recurring"] == 2
    assert any(";COUNT=" in r for r in rules) and any(";UNTIL=" in r for r in rules)
    assert any(x.startswith("EXDATE;TZID=Europe/Berlin:") for e in events for x in e)
    assert all(any(x.startswith("UID:") for x in e) for e in events)
    assert any(re.match(r"ATTENDEE;.*PARTSTAT=NEEDS-ACTION;CN=", x) for e in events for x in e)


def test_ics_parses_with_icalendar_and_series_expand_as_the_manifest_says(
    exports: tuple[Path, dict[str, Any]],
) -> None:
    icalendar = pytest.importorskip("icalendar")
    folder, manifest = exports
    calendar = icalendar.Calendar.from_ical((folder / "calendar.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == manifest["calendar"]["events"]
    recurring = pytest.importorskip("recurring_ical_events")
    occurrences = Counter(
        str(e["UID"]) for e in recurring.of(calendar).between(date(2020, 1, 1), TODAY)
    )
    for uid, count in manifest["calendar"]["recurring_past_occurrences"].items():
        assert occurrences[uid] == count


def test_the_same_people_appear_across_the_exports(exports: tuple[Path, dict[str, Any]]) -> None:
    folder, manifest = exports
    connections = list(
        csv.DictReader(
            io.StringIO(_zip_text(folder, manifest, "Connections.csv").split("\n", 3)[3])
        )
    )
    ana_lees = [c for c in connections if (c["First Name"], c["Last Name"]) == ("Ana", "Lee")]
    assert len(ana_lees) == 2 and ana_lees[0]["URL"] != ana_lees[1]["URL"]
    assert "Ana Lee" in manifest["people"]["names_shared_by_different_people"]
    assert any(not c["First Name"].isascii() or not c["Last Name"].isascii() for c in connections)
    mail = (folder / "mail.mbox").read_text(encoding="utf-8")
    calendar = "\n".join(_unfolded(folder))
    by_name_only = [c for c in connections if not c["Email Address"]]
    in_mail_by_name = [c for c in by_name_only if f"{c['First Name']} {c['Last Name']} <" in mail]
    assert in_mail_by_name
    same_address = [c for c in connections if c["Email Address"] and c["Email Address"] in mail]
    assert len(same_address) >= manifest["people"]["connections_in_mbox_same_email"] > 0
    assert any(c["Email Address"] in calendar for c in same_address)
    summary = manifest["people"]
    assert summary["in_all_of_connections_mbox_calendar"] > 0
    assert summary["connections_in_mbox_by_name_only"] > 0
    assert summary["connections_in_mbox_other_email"] >= 1
    assert len(summary["list"]) == summary["count"] == SIZES.people
    every_address = {p["email"] for p in summary["list"]} | set(manifest["me"]["emails"])
    assert all(a.endswith(".example") for a in every_address)


def _written(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    small = ExportSizes(people=40, messages=60, events=20)
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        write_demo_exports(tmp_path / name, seed=seed, sizes=small, today=TODAY)
    a, b, c = (_written(tmp_path / n) for n in "abc")
    assert a == b
    assert a.keys() == c.keys()
    assert all(a[name] != c[name] for name in a)


def test_it_never_replaces_files_and_leaves_nothing_half_written(tmp_path: Path) -> None:
    small = ExportSizes(people=40, messages=60, events=20)
    write_demo_exports(tmp_path, seed=1, sizes=small, today=TODAY)
    before = _written(tmp_path)
    with pytest.raises(ExportsError, match="already holds"):
        write_demo_exports(tmp_path, seed=2, sizes=small, today=TODAY)
    assert _written(tmp_path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_sizes_out_of_range_are_refused_by_name(tmp_path: Path) -> None:
    for sizes, option in (
        (ExportSizes(people=29), "--people"),
        (ExportSizes(messages=10), "--messages"),
        (ExportSizes(events=2_000_000), "--events"),
        (ExportSizes(linkedin_messages=5), "--linkedin-messages"),
    ):
        with pytest.raises(ExportsError, match=option):
            write_demo_exports(tmp_path / "x", sizes=sizes, today=TODAY)
    assert not (tmp_path / "x").exists()
