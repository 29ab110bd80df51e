"""What the window's history preview asks of the pipeline: people chosen to be added with
the import, new interactions per channel, and the names of the people in suggestions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop_app.services.importing.pipeline import run_import
from desktop_app.services.importing.undo import ImportJournal, undo_import
from desktop_app.storage.database import Database
from tests.history_files import ics_text, linkedin_zip, mbox_text


def _count(db: Database, table: str) -> int:
    return int(db.fast_connection().execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def _files(tmp_path: Path) -> list[Path]:
    export = linkedin_zip(tmp_path / "export.zip")
    mail = tmp_path / "mail.mbox"
    mail.write_text(mbox_text(), encoding="utf-8")
    calendar = tmp_path / "calendar.ics"
    calendar.write_text(ics_text(date.today()), encoding="utf-8", newline="")
    return [export, mail, calendar]


def test_new_interactions_are_counted_per_channel_and_suggestions_have_names(
    db: Database, tmp_path: Path
) -> None:
    report = run_import(db, _files(tmp_path), history=True, dry_run=True)
    history = report.history
    assert history.interactions_new > 0
    assert sum(history.by_channel.values()) == history.interactions_new
    assert set(history.by_channel) <= {"email", "linkedin", "calendar"}
    for suggestion in history.circles:
        assert history.names[suggestion.person_id]
        assert suggestion.count >= 1
        assert suggestion.reason.startswith(f"{suggestion.count} interaction")


def test_people_added_with_the_import_get_their_interactions_and_undo_takes_them_back(
    db: Database, tmp_path: Path
) -> None:
    files = _files(tmp_path)
    preview = run_import(db, files, history=True, dry_run=True)
    stranger = preview.history.unmatched[0]
    before_people, before = _count(db, "people"), _count(db, "interactions")
    journal = ImportJournal()
    report = run_import(
        db, files, history=True, journal=journal, add_people=[stranger.as_new_person()]
    )
    assert report.added == preview.added + 1
    assert all(u.name != stranger.name for u in report.history.unmatched)
    person_id = (
        db.fast_connection()
        .execute("SELECT id FROM people WHERE full_name = ?", (stranger.name,))
        .fetchone()[0]
    )
    linked = (
        db.fast_connection()
        .execute("SELECT COUNT(*) FROM interaction_participants WHERE person_id = ?", (person_id,))
        .fetchone()[0]
    )
    assert linked > 0
    undo_import(db, journal)
    assert (_count(db, "people"), _count(db, "interactions")) == (before_people, before)
