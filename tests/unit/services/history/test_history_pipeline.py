"""History imports through the import pipeline: one transaction, cancel, undo, progress."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.services.history import run as history_run
from desktop_app.services.importing.pipeline import run_import
from desktop_app.services.importing.undo import ImportJournal, redo_import, undo_import
from desktop_app.storage.database import Database
from desktop_app.storage.tables import Person
from tests.history_files import (
    ADA_MAIL,
    ME_MAIL,
    ics_text,
    linkedin_files,
    linkedin_zip,
    mbox_text,
    message,
)


def _count(db: Database, table: str) -> int:
    return int(db.fast_connection().execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def _files(tmp_path: Path) -> list[Path]:
    export = linkedin_zip(tmp_path / "export.zip")
    mail = tmp_path / "mail.mbox"
    mail.write_text(mbox_text(), encoding="utf-8")
    calendar = tmp_path / "calendar.ics"
    calendar.write_text(ics_text(date.today()), encoding="utf-8", newline="")
    return [export, mail, calendar]


def test_cancel_rolls_back_contacts_and_interactions(db: Database, tmp_path: Path) -> None:
    checks: list[int] = []

    def cancelled() -> bool:
        checks.append(1)
        return len(checks) > 1  # let the contacts through, stop in the history

    mail = tmp_path / "big.mbox"
    mail.write_text(
        "".join(
            message(ADA_MAIL, ME_MAIL, f"Sat, {1 + i % 28} Jun 2023 10:00:00 +0000", f"{i}@x")
            for i in range(600)
        )
    )
    report = run_import(
        db, [linkedin_zip(tmp_path / "export.zip"), mail], history=True, is_cancelled=cancelled
    )
    assert report.cancelled
    assert report.history.interactions_new == 0
    assert _count(db, "people") == 0
    assert _count(db, "interactions") == 0
    assert _count(db, "interaction_sources") == 0


def test_progress_reaches_the_end(db: Database, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    mail = tmp_path / "big.mbox"
    mail.write_text(
        "".join(
            message(ADA_MAIL, ME_MAIL, "Sat, 10 Jun 2023 10:00:00 +0000", f"{i}@x")
            for i in range(1000)
        )
    )
    run_import(db, [mail], history=True, progress=lambda done, total: seen.append((done, total)))
    assert len(seen) >= 3
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    assert seen[-1][0] <= seen[-1][1]


def test_undo_removes_the_interactions_and_redo_puts_them_back(
    db: Database, tmp_path: Path
) -> None:
    journal = ImportJournal()
    report = run_import(db, _files(tmp_path), journal=journal, history=True)
    assert report.history.interactions_new == 11
    assert journal.undoable
    assert report.change_set.interactions_changed
    redo, _change = undo_import(db, journal)
    assert _count(db, "interactions") == 0 and _count(db, "people") == 0
    redo_import(db, journal, redo)
    assert _count(db, "interactions") == 11
    assert _count(db, "interaction_sources") == 11
    assert _count(db, "interaction_participants") == 12  # c2 has Ada and Ben


def test_groups_beyond_the_memory_bound_are_found_again_in_the_database(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history_run, "MAX_GROUPS", 2)
    card = tmp_path / "ada.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Brook\r\nEMAIL:ada@brook.example\r\nEND:VCARD\r\n"
    )
    days = [1, 2, 3, 1, 2, 3, 4]  # the same thread on days seen before, after the bound
    mail = tmp_path / "mail.mbox"
    mail.write_text(
        "".join(
            message(
                ADA_MAIL,
                ME_MAIL,
                f"Sat, {d} Jun 2023 10:00:00 +0000",
                f"{i}@x",
                in_reply_to="root@x",
            )
            for i, d in enumerate(days)
        )
    )
    report = run_import(db, [card, mail], history=True)
    assert report.history.interactions_new == 4, (
        report.added,
        report.unreadable,
        report.history.unmatched,
    )
    assert report.history.interactions_known == 0
    assert _count(db, "interactions") == 4


def test_my_jobs_and_addresses_go_to_me_and_i_never_become_a_contact(
    db: Database, tmp_path: Path
) -> None:
    with db.transaction() as session:
        session.add(Person(full_name="Robin Quill", is_me=True))
    report = run_import(db, [linkedin_zip(tmp_path / "export.zip")], history=True)
    conn = db.fast_connection()
    me = conn.execute("SELECT id FROM people WHERE is_me = 1").fetchone()[0]
    jobs = conn.execute(
        "SELECT o.name, e.title, e.start FROM employment e"
        " JOIN organizations o ON o.id = e.organization_id WHERE e.person_id = ?",
        (me,),
    ).fetchall()
    assert jobs == [("Tailspin", "Lead", "2019-10-01")]
    emails = conn.execute("SELECT normalized FROM emails WHERE person_id = ?", (me,)).fetchall()
    assert emails == [("robin@quill.example",)]
    assert report.history.me_updated and report.history.my_positions == 1
    assert report.added == 2 and report.merged == 0
    assert _count(db, "people") == 3


def test_progress_moves_through_a_linkedin_export(db: Database, tmp_path: Path) -> None:
    files = linkedin_files()
    row = files["messages.csv"].splitlines()[1]
    files["messages.csv"] += "\n".join(row.replace("c1", f"c{i}") for i in range(3000)) + "\n"
    seen: list[tuple[int, int]] = []
    run_import(
        db,
        [linkedin_zip(tmp_path / "export.zip", files)],
        history=True,
        progress=lambda done, total: seen.append((done, total)),
    )
    totals = {t for _d, t in seen}
    assert len(totals) == 1
    middle = [d for d, t in seen if 0 < d < t]
    assert len(middle) >= 3, seen  # it moves while messages.csv is read
    assert seen[-1][0] == seen[-1][1]


def test_last_contact_uses_the_imported_history_at_once(db: Database, tmp_path: Path) -> None:
    from desktop_app.storage.contact_summaries import all_summary_rows

    run_import(db, _files(tmp_path), history=True)
    last = {row.full_name: row.last_contact for row in all_summary_rows(db.fast_connection())}
    assert last["Ada Brook"] == date.today()  # this week's repeat of the weekly meeting
    assert last["Ben Cole"] == date(2023, 8, 1)  # the group conversation


def test_without_history_only_the_connections_are_read(db: Database, tmp_path: Path) -> None:
    """The window's import (no preview for history yet) leaves history files alone."""
    report = run_import(db, _files(tmp_path))
    assert report.added == 2
    assert report.history.interactions_new == 0
    assert _count(db, "interactions") == 0


def test_a_stranger_added_as_a_contact_joins_the_history_on_the_next_import(
    db: Database, tmp_path: Path
) -> None:
    from desktop_app.services.contacts import ContactsService

    files = _files(tmp_path)
    first = run_import(db, files, history=True)
    ben = next(u for u in first.history.unmatched if u.email == "ben@cole.example")
    zoe = next(u for u in first.history.unmatched if u.email == "zoe@ng.example")
    service = ContactsService(db)
    ben_id, _change = service.create(ben.as_new_person())
    zoe_id, _change = service.create(zoe.as_new_person())
    assert service.detail(zoe_id).fields.full_name == "Zoë Ng"

    journal = ImportJournal()
    again = run_import(db, files, history=True, journal=journal)
    assert again.history.interactions_new == 1  # Zoë's mail: nobody was on it before
    assert again.history.participants_added == [(journal.participants[0][0], ben_id)]
    conn = db.fast_connection()
    meeting = journal.participants[0][0]
    who = {r[0] for r in conn.execute(
        "SELECT person_id FROM interaction_participants WHERE interaction_id = ?", (meeting,)
    )}  # fmt: skip
    assert ben_id in who and len(who) == 2  # Ada and now Ben, on the meeting e1
    undo_import(db, journal)
    who = {r[0] for r in conn.execute(
        "SELECT person_id FROM interaction_participants WHERE interaction_id = ?", (meeting,)
    )}  # fmt: skip
    assert ben_id not in who and len(who) == 1
    assert _count(db, "interactions") == 11


def test_circle_suggestions_show_the_circle_a_person_has(db: Database, tmp_path: Path) -> None:
    files = _files(tmp_path)
    run_import(db, files, history=True)
    conn = db.fast_connection()
    with db.transaction() as session:
        ada = session.query(Person).filter_by(full_name="Ada Brook").one()
        ada.circle = "acquaintance"
        ada_id = ada.id
    again = run_import(db, files, history=True, dry_run=True)
    suggestion = next(c for c in again.history.circles if c.person_id == ada_id)
    assert (suggestion.current, suggestion.circle) == ("acquaintance", "close")
    assert conn.execute("SELECT circle FROM people WHERE id = ?", (ada_id,)).fetchone() == (
        "acquaintance",
    )
