"""Whole imports into a real database: one transaction, no doubles, preview, cancel."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from desktop_app.services.importing.pipeline import run_import
from desktop_app.services.importing.report import Decision, write_rejections
from desktop_app.services.importing.sources import UnreadableFileError
from desktop_app.storage.database import Database
from tests.conftest import CORPUS

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "contacts"


def count(db: Database, table: str = "people") -> int:
    with sqlite3.connect(db.path) as conn:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def cards(tmp_path: Path, n: int, name: str = "many.vcf") -> Path:
    path = tmp_path / name
    path.write_text(
        "".join(
            f"BEGIN:VCARD\nVERSION:3.0\nUID:u{i}\nFN:Person {i}\nEMAIL:p{i}@example.com\n"
            f"ORG:Org {i % 7}\nCATEGORIES:bulk\nEND:VCARD\n"
            for i in range(n)
        ),
        encoding="utf-8",
    )
    return path


def test_a_folder_imports_in_one_go_and_reimporting_doubles_nothing(db: Database) -> None:
    first = run_import(db, [FIXTURES])
    assert first.unreadable == [(str(FIXTURES / "not-contacts.csv"), first.unreadable[0][1])]
    people = count(db)
    assert people == first.added > 0
    assert first.change_set.people_added
    assert first.change_set.organizations_changed
    second = run_import(db, [FIXTURES])
    assert count(db) == people
    assert second.added == 0
    assert second.change_set.people_added == frozenset()
    assert second.change_set.people_changed == frozenset()
    assert {r.reason for r in second.rejected} == {r.reason for r in first.rejected}


def test_the_stored_values_are_those_of_the_card(db: Database) -> None:
    run_import(db, [FIXTURES / "v30-escapes-groups.vcf"])
    with sqlite3.connect(db.path) as conn:
        name, note, uid = conn.execute(
            "SELECT full_name, note, vcard_uid FROM people WHERE vcard_uid IS NOT NULL"
        ).fetchone()
        phone = conn.execute("SELECT value, normalized, label FROM phones").fetchone()
        job = conn.execute(
            "SELECT o.name, o.normalized_name, e.title, e.current FROM employment e "
            "JOIN organizations o ON o.id = e.organization_id"
        ).fetchone()
        tags = {r[0] for r in conn.execute("SELECT name FROM tags")}
    assert (name, uid) == ("Doe, John", "fixture-ada-1")
    assert note.startswith("Hello, world\n")
    assert phone == ("+1 415 555 0100", "+14155550100", "mobile")
    assert job == ("Example, Inc.", "example, inc.", "VP, Sales", 1)
    assert tags == {"Alumni", "Conference 2024"}


def test_a_reimport_with_new_values_updates_the_person(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "a.vcf"
    path.write_text("BEGIN:VCARD\nUID:x\nFN:Ada\nEMAIL:ada@a.org\nORG:Old Co\nEND:VCARD\n")
    run_import(db, [path])
    path.write_text(
        "BEGIN:VCARD\nUID:x\nFN:Ada L\nEMAIL:ada@b.org\nTEL:+44 20 7946 0958\n"
        "ORG:New Co\nTITLE:CTO\nEND:VCARD\n"
    )
    report = run_import(db, [path])
    assert report.merged == 1
    assert report.added == 0
    assert len(report.change_set.people_changed) == 1
    with sqlite3.connect(db.path) as conn:
        assert conn.execute("SELECT full_name FROM people").fetchall() == [("Ada",)]
        emails = [r[0] for r in conn.execute("SELECT value FROM emails ORDER BY position")]
        jobs = conn.execute(
            "SELECT o.name, e.title, e.current FROM employment e "
            "JOIN organizations o ON o.id = e.organization_id ORDER BY e.id"
        ).fetchall()
    assert emails == ["ada@a.org", "ada@b.org"]
    assert jobs == [("Old Co", "", 0), ("New Co", "CTO", 1)]


def test_dry_run_previews_and_writes_nothing(db: Database) -> None:
    report = run_import(db, [FIXTURES / "linkedin-connections.csv"], dry_run=True)
    assert [c.name for c in report.new] == ["Ada Lovelace", "Alan Turing"]
    assert report.summary().endswith("(would be written)")
    assert count(db) == 0


def test_possible_duplicates_follow_the_decisions(db: Database, tmp_path: Path) -> None:
    first = tmp_path / "a.vcf"
    first.write_text("BEGIN:VCARD\nFN:Jonathan Smith\nORG:Acme\nEMAIL:js@a.org\nEND:VCARD\n")
    run_import(db, [first])
    second = tmp_path / "b.vcf"
    second.write_text("BEGIN:VCARD\nFN:Jonathon Smith\nORG:Acme\nEMAIL:j@b.org\nEND:VCARD\n")
    preview = run_import(db, [second], dry_run=True)
    [duplicate] = preview.duplicates
    assert not duplicate.sure
    assert duplicate.decision is Decision.KEEP_BOTH
    assert duplicate.match_name == "Jonathan Smith"
    key = duplicate.card.key
    assert run_import(db, [second], decisions={key: Decision.SKIP}).skipped == 1
    assert count(db) == 1
    run_import(db, [second], decisions={key: Decision.MERGE})
    assert count(db) == 1
    assert count(db, "emails") == 2
    again = run_import(db, [second])
    assert again.duplicates[0].sure
    assert again.merged == 1
    assert count(db) == 1


def test_cancelling_rolls_everything_back(db: Database, tmp_path: Path) -> None:
    path = cards(tmp_path, 1200)
    checks: list[int] = []

    def cancel_on_third_check() -> bool:
        checks.append(1)
        return len(checks) >= 3

    report = run_import(db, [path], is_cancelled=cancel_on_third_check)
    assert report.cancelled
    assert report.added == 0
    assert report.change_set.is_empty
    assert count(db) == 0
    assert count(db, "organizations") == 0
    assert count(db, "tags") == 0


def test_progress_reaches_the_total(db: Database, tmp_path: Path) -> None:
    path = cards(tmp_path, 600)
    seen: list[tuple[int, int]] = []
    report = run_import(db, [path], progress=lambda done, total: seen.append((done, total)))
    assert report.added == 600
    assert count(db, "emails") == 600
    assert seen[-1] == (path.stat().st_size, path.stat().st_size)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_source_files_are_never_modified(db: Database) -> None:
    files = sorted(FIXTURES.iterdir())
    before = {f: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}
    run_import(db, [FIXTURES])
    assert {f: hashlib.sha256(f.read_bytes()).hexdigest() for f in files} == before


def test_rejected_cards_are_saved_with_reasons_and_their_lines(
    db: Database, tmp_path: Path
) -> None:
    report = run_import(db, [FIXTURES / "v21-qp-photo.vcf"])
    [rejected] = report.rejected
    assert (rejected.line, rejected.end_line) == (17, 20)
    out = tmp_path / "rejected.txt"
    write_rejections(report.rejected, out)
    text = out.read_text(encoding="utf-8")
    assert "lines 17-20: the card has no name, email, phone or organisation" in text
    assert "X-ONLY:nothing useful here\nEND:VCARD\n" in text


@pytest.mark.parametrize("name", ["missing.vcf", "not-contacts.csv"])
def test_unreadable_files_are_reported_not_raised(db: Database, name: str) -> None:
    report = run_import(db, [FIXTURES / name])
    assert not report.anything_read
    assert len(report.unreadable) == 1


def test_the_cheap_summary_agrees_with_merging_on_every_pair(db: Database) -> None:
    """`adds_nothing` must say exactly when `merge_people` would change nothing."""
    from desktop_app.services.importing.merge import adds_nothing, merge_people
    from desktop_app.services.importing.sources import ContactSource, expand_paths
    from desktop_app.storage.person_loader import load_people
    from desktop_app.storage.stored_keys import load_summaries

    sources = [FIXTURES, *([CORPUS] if CORPUS.is_dir() else [])]
    run_import(db, sources)
    incoming = []
    for path in expand_paths(sources):
        try:
            with ContactSource(path) as source:
                incoming.extend(card.person for card in source if card.person is not None)
        except UnreadableFileError:
            continue
    raw = sqlite3.connect(db.path)
    ids = [row[0] for row in raw.execute("SELECT id FROM people")]
    stored, summaries = load_people(raw, ids), load_summaries(raw, ids)
    raw.close()
    checked = agreeing = 0
    for pid in ids:
        held = stored[pid]
        for person in incoming:
            unchanged = merge_people(held.person, person, held.has_photo) == held.person
            assert adds_nothing(summaries[pid], person) == unchanged, (pid, person)
            checked += 1
            agreeing += unchanged
    assert checked > (500 if CORPUS.is_dir() else 150)  # fewer pairs from our fixtures alone
    assert agreeing >= len(ids)  # every person at least holds the card it came from


def test_the_matching_tables_end_with_the_import(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The duplicate keys live in TEMP tables of the import's connection: created inside
    its transaction, gone after it, whether it committed, previewed or was cancelled."""
    from desktop_app.services.importing import duplicates

    def temp_tables() -> list[str]:
        with db.transaction() as session:
            rows = session.connection().exec_driver_sql("SELECT name FROM sqlite_temp_master")
            return [name for (name,) in rows]

    monkeypatch.setattr(duplicates, "MEMORY_PEOPLE", 100)  # past it, keys go to the tables
    path = cards(tmp_path, 1200)
    assert run_import(db, [path]).added == 1200
    assert temp_tables() == []
    again = run_import(db, [path], dry_run=True)
    assert again.duplicates.sure_count == 1200
    assert temp_tables() == []
    assert run_import(db, [cards(tmp_path, 600, "b.vcf")], is_cancelled=lambda: True).cancelled
    assert temp_tables() == []


def test_each_duplicate_says_where_its_match_comes_from(db: Database, tmp_path: Path) -> None:
    from desktop_app.services.importing.report import MatchPlace

    card = "BEGIN:VCARD\nVERSION:3.0\nFN:{}\nEMAIL:{}\nEND:VCARD\n"
    stored = tmp_path / "0-stored.vcf"
    stored.write_text(card.format("Grace Hopper", "grace@navy.example"))
    run_import(db, [stored])
    first, second = tmp_path / "1-first.vcf", tmp_path / "2-second.vcf"
    first.write_text(card.format("Ada", "ada@a.example") + card.format("Ada L.", "ada@a.example"))
    second.write_text(
        card.format("A. Lovelace", "ada@a.example") + card.format("G", "grace@navy.example")
    )
    report = run_import(db, [first, second], dry_run=True)
    assert [(d.card.name, d.place) for d in report.duplicates] == [
        ("Ada L.", MatchPlace.SAME_FILE),
        ("A. Lovelace", MatchPlace.OTHER_FILE),
        ("G", MatchPlace.STORED),
    ]
    duplicates = report.duplicates
    assert (duplicates.stored_sure_count, duplicates.repeated_sure_count) == (1, 2)
    assert duplicates.possible_count == 0
