"""The history readers on small synthetic files: mbox, iCalendar, LinkedIn."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from desktop_app.services.history.detect import history_kind
from desktop_app.services.history.ics_reader import IcsReader
from desktop_app.services.history.linkedin_export import LinkedInExport
from desktop_app.services.history.mbox_reader import MboxReader
from desktop_app.services.history.model import LeftOut, MeHints
from tests.history_files import linkedin_folder, linkedin_zip


def _mbox(tmp_path: Path, text: str, name: str = "mail.mbox") -> list:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return list(MboxReader(path, MeHints()))


def test_mbox_boundaries_folded_headers_and_encoded_names(tmp_path: Path) -> None:
    text = (
        "From a@x Sat Jun 10 10:00:00 2023\n"
        "From: =?iso-8859-1?q?J=F6rg_M=FCller?= <Jorg@Example.org>\n"
        'To: Robin <robin@quill.example>,\n  "Doe, Jane" <jane@doe.example>\n'
        "Date: Sat, 10 Jun 2023 10:00:00 +0200\nMessage-ID: <one@x>\n\n"
        "Body line\nFrom the body, not a new message\n>From an escaped line\n\n"
        "From b@x Sun Jun 11 10:00:00 2023\n"
        "From: Robin <robin@quill.example>\nTo: jorg@example.org\n"
        "Date: Sun, 11 Jun 2023 10:00:00 +0200\nIn-Reply-To: <one@x>\n\nReply\n"
    )
    first, second = _mbox(tmp_path, text)
    assert first.people[0].display_name == "Jörg Müller"
    assert first.people[0].email == "jorg@example.org"
    assert [p.display_name for p in first.people[1:]] == ["Robin", "Doe, Jane"]
    assert first.day == date(2023, 6, 10) and second.day == date(2023, 6, 11)
    assert first.thread == second.thread == "one@x"


def test_mbox_with_crlf_line_ends(tmp_path: Path) -> None:
    text = (
        "From a@x Sat Jun 10 10:00:00 2023\r\nFrom: A <a@a.example>\r\nTo: b@b.example\r\n"
        "Date: 10 Jun 2023 10:00:00 +0000\r\nPrecedence: bulk\r\n\r\nbody\r\n\r\n"
        "From a@x Sat Jun 10 10:00:00 2023\r\nFrom: A <a@a.example>\r\nTo: b@b.example\r\n"
        "Date: 11 Jun 2023 10:00:00 +0000\r\n\r\nbody\r\n"
    )
    first, second = _mbox(tmp_path, text)
    assert first.left_out is LeftOut.BULK
    assert second.left_out is None and second.day == date(2023, 6, 11)


def test_the_mailbox_owner_is_me(tmp_path: Path) -> None:
    me = MeHints()
    path = tmp_path / "m.mbox"
    path.write_text(
        "".join(
            f"From x Sat Jun 10 10:00:00 2023\nFrom: P{i} <p{i}@x.example>\n"
            f"To: Owner <owner@home.example>\nDate: Sat, 10 Jun 2023 10:00:00 +0000\n\nb\n\n"
            for i in range(5)
        )
    )
    list(MboxReader(path, me))
    assert me.emails == {"owner@home.example"}


def test_calendar_repeats_up_to_now_and_exdates(tmp_path: Path) -> None:
    now = datetime(2024, 3, 20, 12, tzinfo=UTC)
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:w\r\n"
        "DTSTART:20240301T090000Z\r\nRRULE:FREQ=WEEKLY\r\nEXDATE:20240308T090000Z\r\n"
        "ORGANIZER:mailto:me@home.example\r\n"
        "ATTENDEE;CN=Ada:mailto:ada@brook.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    path = tmp_path / "c.ics"
    path.write_text(text, newline="")
    me = MeHints(emails={"me@home.example"})
    days = [i.day for i in IcsReader(path, me, now=now) if i.left_out is None]
    assert days == [date(2024, 3, 1), date(2024, 3, 15)]


def test_a_calendar_event_that_never_ends_is_named(tmp_path: Path) -> None:
    path = tmp_path / "cut.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20230101T100000Z\r\n", newline=""
    )
    reader = IcsReader(path, MeHints())
    assert list(reader) == []
    assert reader.warnings == [
        "cut.ics line 2: the file ends inside an event (a truncated file?); it was left out."
    ]


def test_linkedin_export_knows_me_and_lists_unknown_files(tmp_path: Path) -> None:
    for path in (linkedin_zip(tmp_path / "e.zip"), linkedin_folder(tmp_path / "e")):
        export = LinkedInExport.open(path)
        me = MeHints()
        export.find_me(me)
        export.learn_my_profile(me)
        assert me.emails == {"robin@quill.example"}
        assert me.names == {"robin quill"}
        assert me.profiles == {"linkedin.com/in/robin-quill"}
        assert export.unknown == ["Rich_Media.csv"]
        assert [p.organization for p in export.positions()] == ["Tailspin"]
        items = list(export.messages())
        assert [i.left_out for i in items].count(LeftOut.LINKEDIN_SYSTEM) == 1
        invitations = list(export.invitations())
        assert len(invitations) == 1 and invitations[0].day == date(2021, 1, 11)
        export.close()


def test_content_decides_not_the_name(tmp_path: Path) -> None:
    mail = tmp_path / "notes.txt"
    mail.write_text("From a@x Sat Jun 10 10:00:00 2023\nFrom: a@x.example\n\nhi\n")
    calendar = tmp_path / "export.dat"
    calendar.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    export = linkedin_zip(tmp_path / "download")
    card = tmp_path / "x.mbox"
    card.write_text("BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n")
    assert history_kind(mail) == "mbox"
    assert history_kind(calendar) == "ics"
    assert history_kind(export) == "linkedin"
    assert history_kind(card) is None  # a vCard named .mbox goes to the contact readers
    broken = tmp_path / "broken.mbox"
    broken.write_text("not mail at all")
    assert history_kind(broken) == "mbox"  # the mbox reader explains what is wrong
    assert history_kind(linkedin_folder(tmp_path / "folder")) == "linkedin"


def test_takeout_style_lf_separators_with_crlf_messages(tmp_path: Path) -> None:
    text = "".join(
        f"From 1{i}@xxx Sat Jun 10 10:00:00 +0000 2023\n"
        f"X-GM-THRID: 1{i}\r\nFrom: A <a@a.example>\r\nTo: me@home.example\r\n"
        f"Date: Sat, 1{i} Jun 2023 10:00:00 +0000\r\n\r\nbody\r\n\r\n"
        for i in range(3)
    )
    items = _mbox(tmp_path, text)
    assert [i.day for i in items] == [date(2023, 6, 10), date(2023, 6, 11), date(2023, 6, 12)]


def test_a_message_whose_headers_never_end_is_left_out_alone(tmp_path: Path) -> None:
    from desktop_app.services.history import mbox_reader

    good = "From a Sat Jun 10 10:00:00 2023\nFrom: A <a@a.example>\nDate: 10 Jun 2023\n\nhi\n\n"
    endless = "From b Sat Jun 10 10:00:00 2023\nFrom: B <b@b.example>\n" + "X-Junk: y\n" * (
        mbox_reader.MAX_HEADERS // 10 + 10
    )
    path = tmp_path / "m.mbox"
    path.write_text(good + endless + "\n" + good)
    reader = MboxReader(path, MeHints())
    items = list(reader)
    assert len(items) == 2
    assert reader.warnings == [
        "m.mbox: the message at line 7 was left out (its headers never end)."
    ]


def test_a_small_calendar_with_one_guest_does_not_make_the_guest_me(tmp_path: Path) -> None:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:e{i}\r\nDTSTART;VALUE=DATE:2024030{i + 1}\r\n"
        "ATTENDEE;CN=Ada:mailto:ada@brook.example\r\nEND:VEVENT\r\n"
        for i in range(3)
    )
    path = tmp_path / "c.ics"
    path.write_text(f"BEGIN:VCALENDAR\r\n{events}END:VCALENDAR\r\n", newline="")
    me = MeHints()
    items = list(IcsReader(path, me, now=datetime(2024, 3, 20, tzinfo=UTC)))
    assert me.emails == set()
    assert [i.left_out for i in items] == [None, None, None]


def test_thousands_of_broken_lines_keep_two_hundred_messages(tmp_path: Path) -> None:
    broken = "".join(f"broken {i}\r\n" for i in range(300))
    path = tmp_path / "c.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20230101T100000Z\r\n"
        f"{broken}ATTENDEE:mailto:ada@brook.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        newline="",
    )
    reader = IcsReader(path, MeHints())
    assert len(list(reader)) == 1
    assert len(reader.warnings) == 200 and reader.warnings.more == 100
    assert reader.warnings[0] == "c.ics line 5: a broken line, left out: 'broken 0'"


def test_an_address_i_write_from_under_my_name_is_mine(tmp_path: Path) -> None:
    me = MeHints(names={"robin quill"})
    text = (
        "From a Sat Jun 10 10:00:00 2023\nFrom: Robin Quill <robin@work.example>\n"
        "To: Ada <ada@brook.example>\nDate: 10 Jun 2023 10:00:00 +0000\n\nhi\n"
    )
    _path = tmp_path / "m.mbox"
    _path.write_text(text)
    list(MboxReader(_path, me))
    assert "robin@work.example" in me.emails
    assert "ada@brook.example" not in me.emails


def test_encoded_subjects_are_decoded_when_kept(tmp_path: Path) -> None:
    path = tmp_path / "m.mbox"
    path.write_text(
        "From a Sat Jun 10 10:00:00 2023\nFrom: A <a@a.example>\nTo: b@b.example\n"
        "Subject: =?utf-8?q?Caf=C3=A9_on_Friday?=\nDate: 10 Jun 2023 10:00:00 +0000\n\nhi\n"
    )
    reader = MboxReader(path, MeHints())
    reader.subjects = True
    assert [i.subject for i in reader] == ["Café on Friday"]
    assert [i.subject for i in MboxReader(path, MeHints())] == [""]  # not asked: not read


def test_a_zip_that_is_not_a_linkedin_export_says_so(tmp_path: Path) -> None:
    import zipfile

    import pytest

    from desktop_app.services.history.model import HistoryFileError

    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.jpg", b"x")
    with pytest.raises(HistoryFileError, match=r"photos\.zip is not a LinkedIn data export"):
        LinkedInExport.open(path)


def test_a_folder_holding_an_unpacked_export_keeps_it_whole(tmp_path: Path) -> None:
    from desktop_app.services.importing.sources import expand_paths

    downloads = tmp_path / "Downloads"
    export = linkedin_folder(downloads / "Basic_LinkedInDataExport")
    inbox = downloads / "Thunderbird" / "Inbox"
    inbox.parent.mkdir()
    inbox.write_text("From a Sat Jun 10 10:00:00 2023\nFrom: a@x.example\n\nhi\n")
    (downloads / "Thunderbird" / "Inbox.msf").write_text("// index")
    (downloads / "cards.vcf").write_text("BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n")
    assert expand_paths([downloads]) == [export, inbox, downloads / "cards.vcf"]


def test_alarms_and_descriptions_are_skipped_unparsed(tmp_path: Path) -> None:
    path = tmp_path / "c.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20230101T100000Z\r\n"
        "DESCRIPTION:Agenda\\, private\r\n  folded on\r\nLOCATION:Somewhere\r\n"
        "ATTENDEE;CN=Ada:mailto:ada@brook.example\r\n"
        "BEGIN:VALARM\r\nACTION:EMAIL\r\nATTENDEE:mailto:alarm@me.example\r\n"
        "TRIGGER:-PT15M\r\nEND:VALARM\r\nSUMMARY:Lunch\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        newline="",
    )
    (item,) = list(IcsReader(path, MeHints(), now=datetime(2024, 1, 1, tzinfo=UTC)))
    assert [p.email for p in item.people] == ["ada@brook.example"]
    assert item.subject == "Lunch" and item.day == date(2023, 1, 1)
