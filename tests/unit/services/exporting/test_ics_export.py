from datetime import UTC, date, datetime, timedelta

import pytest

from desktop_app.domain.cadence import CheckInState, DueItem, DueReason
from desktop_app.domain.enums import Circle
from desktop_app.services.exporting.ics_export import build_calendar, escape_text, export_ics, fold

TODAY = date(2026, 6, 15)
STAMP = datetime(2026, 6, 15, 9, 30, tzinfo=UTC)


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_text_is_escaped_and_long_lines_fold_without_splitting_characters() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "é" * 100
    folded = fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == line


def test_overdue_items_land_today_and_upcoming_ones_on_their_day() -> None:
    items = [
        DueItem(1, "Ana, the mentor", TODAY - timedelta(days=3), DueReason.CADENCE, "x"),
        DueItem(2, "Bo", TODAY + timedelta(days=4), DueReason.FOLLOW_UP, "CV", 9),
        DueItem(
            3,
            "Cy",
            TODAY - timedelta(days=1),
            DueReason.THANK_YOU,
            "",
            10,
            CheckInState.DUE,
            TODAY + timedelta(days=2),
        ),
    ]
    lines = _unfold(build_calendar(items, TODAY, STAMP))
    starts = [line for line in lines if line.startswith("DTSTART")]
    assert starts == [
        "DTSTART;VALUE=DATE:20260615",
        "DTSTART;VALUE=DATE:20260619",
        "DTSTART;VALUE=DATE:20260617",
    ]
    assert "SUMMARY:Check in with Ana\\, the mentor" in lines
    assert "UID:trellis-follow_up-2-9@trellis.invalid" in lines
    assert "DTSTAMP:20260615T093000Z" in lines
    assert any(line.startswith("DESCRIPTION:") and "3 days ago" in line for line in lines)


def test_export_writes_the_file_and_counts_events(db, add_person, tmp_path) -> None:
    add_person("Ana", Circle.INNER, added=TODAY - timedelta(days=10))
    add_person("Bo", Circle.ACQUAINTANCE, added=TODAY)
    out = tmp_path / "x.ics"
    assert export_ics(db, out, today=TODAY, horizon_days=3) == 0
    assert export_ics(db, out, today=TODAY, horizon_days=4) == 1
    assert out.read_bytes().count(b"BEGIN:VEVENT") == 1
    assert not out.with_name("x.ics.partial").exists()


def test_a_failed_write_leaves_no_partial_file(db, add_person, tmp_path) -> None:
    add_person("Ana", Circle.INNER, added=TODAY - timedelta(days=10))
    folder = tmp_path / "cal"
    folder.mkdir()
    with pytest.raises(IsADirectoryError):
        export_ics(db, folder, today=TODAY, horizon_days=30)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("cal")) == ["cal"]


def test_an_event_on_the_last_date_has_no_end_past_it() -> None:
    items = [DueItem(1, "Ana", date.max, DueReason.FOLLOW_UP, "x", 3)]
    text = build_calendar(items, date.max, STAMP)
    assert "DTSTART;VALUE=DATE:99991231\r\n" in text
    assert "DTEND" not in text


def test_control_characters_are_dropped_from_text_values() -> None:
    assert escape_text("a\x00b\x0bc\x0cd\x1be\x7ff\x9bg\th\ni") == "abcdefg\th\\ni"
