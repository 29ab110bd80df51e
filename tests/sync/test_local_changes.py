"""A sync reads only what changed: triggers mark a person's sync items dirty whenever a
synced field of theirs changes, whichever way (the window, an import, plain SQL), and the
sync compares only those. Every way a synced field can change must still reach the other
side, and nothing else may be read or written. Real SQLite files and a real vdir folder."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.services.sync import run as sync
from desktop_app.storage import sync_state
from desktop_app.storage.database import Database
from tests.sync.radicale_server import vcard

GROUP = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:friends\r\nFN:Friends\r\nKIND:group\r\n"
    "MEMBER:urn:uuid:ana\r\n"
    "END:VCARD\r\n"
)
# iCloud and macOS Contacts: a vCard 3 group, with Apple's own KIND and MEMBER properties.
APPLE_GROUP = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:friends\r\nN:Friends\r\nFN:Friends\r\n"
    "X-ADDRESSBOOKSERVER-KIND:group\r\nX-ADDRESSBOOKSERVER-MEMBER:urn:uuid:ana\r\n"
    "END:VCARD\r\n"
)


def sql(db: Database, statement: str, *params: object) -> None:
    conn = sqlite3.connect(db.path)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(statement, params)
        conn.commit()
    finally:
        conn.close()


def dirty(db: Database) -> set[str]:
    conn = sqlite3.connect(db.path)
    try:
        rows = conn.execute(
            "SELECT p.full_name FROM sync_items i JOIN people p ON p.id = i.person_id WHERE i.dirty"
        )
        return {name for (name,) in rows}
    finally:
        conn.close()


def to_compare(db: Database) -> set[str]:
    with db.transaction() as session:
        book = sync_state.address_books(session, sync_state.accounts(session)[0].id)[0]
        return {i.href for i in sync_state.items_to_compare(session, book.id).values()}


@pytest.fixture
def synced(db: Database, tmp_path: Path) -> tuple[Database, Path]:
    folder = tmp_path / "vdir"
    folder.mkdir()
    for uid, name, extra in (
        ("ana", "Ana Lima", ("ORG:Acme", "TITLE:Engineer", "CATEGORIES:friends")),
        ("bo", "Bo Chen", ("EMAIL:bo@example.org",)),
        ("caio", "Caio Souza", ()),
    ):
        (folder / f"{uid}.vcf").write_text(vcard(name, *extra, uid=uid), newline="")
    report = sync.sync_vdir(db, folder)
    assert report.pulled == 3
    assert dirty(db) == set() and to_compare(db) == set()
    return db, folder


@pytest.mark.parametrize(
    ("change", "who", "expect"),
    [
        (
            "UPDATE people SET note = 'new note' WHERE full_name = 'Bo Chen'",
            "Bo Chen",
            "NOTE:new note",
        ),
        (
            "INSERT INTO emails (person_id, value, normalized, label, position) "
            "SELECT id, 'caio@example.org', 'caio@example.org', 'home', 0 FROM people WHERE full_name = 'Caio Souza'",
            "Caio Souza",
            "caio@example.org",
        ),
        ("DELETE FROM emails WHERE value = 'bo@example.org'", "Bo Chen", None),
        (
            "UPDATE organizations SET name = 'Acme Renamed' WHERE name = 'Acme'",
            "Ana Lima",
            "ORG:Acme Renamed",
        ),
        (
            "UPDATE tags SET name = 'close friends' WHERE name = 'friends'",
            "Ana Lima",
            "close friends",
        ),
        ("UPDATE employment SET title = 'Lead'", "Ana Lima", "TITLE:Lead"),
    ],
)
def test_every_way_a_synced_field_changes_reaches_the_folder(
    synced: tuple[Database, Path], change: str, who: str, expect: str | None
) -> None:
    db, folder = synced
    sql(db, change)
    assert dirty(db) == {who}
    assert len(to_compare(db)) == 1  # the other two are not read
    report = sync.sync_vdir(db, folder)
    assert (report.pushed, report.pulled, report.conflicts) == (1, 0, 0)
    texts = {p.name: p.read_text() for p in folder.glob("*.vcf")}
    uid = {"Ana Lima": "ana", "Bo Chen": "bo", "Caio Souza": "caio"}[who]
    if expect is None:
        assert "bo@example.org" not in texts[f"{uid}.vcf"]
    else:
        assert expect in texts[f"{uid}.vcf"]
    assert dirty(db) == set() and to_compare(db) == set()


def test_a_change_of_a_private_field_is_read_once_and_sends_nothing(
    synced: tuple[Database, Path],
) -> None:
    db, folder = synced
    sql(db, "UPDATE people SET circle = 'inner', how_we_met = 'school' WHERE full_name = 'Bo Chen'")
    assert dirty(db) == set()  # circle and how we met never leave: nothing to compare
    sql(db, "UPDATE emails SET label = 'home' WHERE value = 'bo@example.org'")
    sql(db, "UPDATE emails SET label = '' WHERE value = 'bo@example.org'")  # and back
    assert dirty(db) == {"Bo Chen"}
    report = sync.sync_vdir(db, folder)
    assert (report.pushed, report.pulled) == (0, 0)
    assert dirty(db) == set()  # compared once, found equal, not read again


def test_a_person_deleted_here_is_deleted_there(synced: tuple[Database, Path]) -> None:
    db, folder = synced
    sql(db, "DELETE FROM people WHERE full_name = 'Caio Souza'")
    report = sync.sync_vdir(db, folder)
    assert report.deleted_remote == 1
    assert sorted(p.name for p in folder.glob("*.vcf")) == ["ana.vcf", "bo.vcf"]


@pytest.mark.parametrize("group", [GROUP, APPLE_GROUP], ids=["vcard4", "apple-vcard3"])
def test_a_group_card_on_the_other_side_is_never_pulled_nor_deleted(
    synced: tuple[Database, Path], group: str
) -> None:
    db, folder = synced
    (folder / "friends.vcf").write_text(group, newline="")
    assert sync.sync_vdir(db, folder).pulled == 0  # a group is nobody
    report = sync.sync_vdir(db, folder)  # unchanged since: it stays
    assert report.deleted_remote == 0
    assert (folder / "friends.vcf").read_bytes().decode() == group
    conn = sqlite3.connect(db.path)
    try:
        assert conn.execute(
            "SELECT COUNT(*) FROM people WHERE full_name = 'Friends'"
        ).fetchone() == (0,)
    finally:
        conn.close()


def test_a_conflict_decided_for_trellis_goes_out_at_the_next_sync(
    synced: tuple[Database, Path],
) -> None:
    from desktop_app.services.sync.conflicts import resolve_all

    db, folder = synced
    card = folder / "bo.vcf"
    card.write_text(card.read_text().replace("END:VCARD", "NOTE:from the phone\r\nEND:VCARD"))
    sql(db, "UPDATE people SET note = 'from Trellis' WHERE full_name = 'Bo Chen'")
    assert sync.sync_vdir(db, folder).conflicts == 1
    resolve_all(db, "local")
    report = sync.sync_vdir(db, folder)
    assert (report.pushed, report.conflicts) == (1, 0)
    assert "NOTE:from Trellis" in card.read_text()
