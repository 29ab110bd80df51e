"""A first sync against a real Radicale: the address book's sync token first, then every
card in one addressbook-query (cheaper for the server than sync-collection from nothing).
Nothing is lost when the other side changes between the two requests, and a server that
answers the query with nothing, or not at all, is asked with sync-collection instead.
Requests are watched (and answered, where a test says so) by a loopback proxy."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop_app.services.sync import run as sync
from desktop_app.storage import sync_state
from desktop_app.storage.database import Database, open_database
from tests.sync.radicale_server import (
    EMPTY_MULTISTATUS,
    PASSWORD,
    USER,
    Answer,
    LoopbackProxy,
    RadicaleServer,
    vcard,
)

_FIRST_TAG = re.compile(rb"<(?:[\w-]+:)?(propfind|sync-collection|addressbook-query|"
                        rb"addressbook-multiget|mkcol)\b")  # fmt: skip


class WatchingProxy(LoopbackProxy):
    """Records what each request asks (`PROPFIND sync-token`, `REPORT addressbook-query`…);
    `before` may act or answer first."""

    def __init__(self, target_port: int) -> None:
        self.asked: list[str] = []
        self.before: Callable[[str], Answer | None] = lambda _what: None
        self._lock = threading.Lock()
        super().__init__(target_port, self._watch)

    def _watch(self, method: str, body: bytes) -> Answer | None:
        kind = _FIRST_TAG.search(body)
        what = f"{method} {kind.group(1).decode() if kind else ''}".strip()
        if method == "PROPFIND" and b"sync-token" in body:
            what = "PROPFIND sync-token"
        with self._lock:
            self.asked.append(what)
        return self.before(what)


@pytest.fixture
def proxy(radicale: RadicaleServer) -> Iterator[WatchingProxy]:
    watching = WatchingProxy(radicale.port)
    try:
        yield watching
    finally:
        watching.close()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    with open_database(tmp_path / "n.db", backups=False) as database:
        yield database


def first_sync(db: Database, proxy: WatchingProxy) -> tuple[sync.SyncReport, list[str]]:
    account, _books = sync.add_account(db, "home", proxy.url, USER, PASSWORD)
    proxy.asked.clear()
    return sync.sync_carddav(db, account, PASSWORD), list(proxy.asked)


def again(db: Database, proxy: WatchingProxy) -> tuple[sync.SyncReport, list[str]]:
    proxy.asked.clear()
    return sync.sync_carddav(db, sync.account_named(db, None), PASSWORD), list(proxy.asked)


def people(db: Database) -> dict[str, str]:
    """Full name → note of everyone synced."""
    with db.transaction() as session:
        ids = sync_state.people_ids(session)
        stored = sync_state.stored_people(session, ids)
    return {p.fields.full_name: p.fields.note for p in stored.values()}


def test_the_token_first_then_every_card_in_one_query(
    radicale: RadicaleServer, proxy: WatchingProxy, db: Database
) -> None:
    for name in ("Ana Lima", "Bo Chen", "Cy Dara"):
        radicale.put_card(f"{name.split()[0].lower()}.vcf", vcard(name))
    report, asked = first_sync(db, proxy)
    assert report.pulled == 3
    assert asked == ["PROPFIND sync-token", "REPORT addressbook-query"]
    # The token is the one to go on from: the next sync asks what changed since it.
    radicale.put_card("di.vcf", vcard("Di Eze"))
    report, asked = again(db, proxy)
    assert (report.pulled, report.pushed, report.conflicts) == (1, 0, 0)
    assert asked == ["REPORT sync-collection", "REPORT addressbook-multiget"]
    assert set(people(db)) == {"Ana Lima", "Bo Chen", "Cy Dara", "Di Eze"}


@pytest.mark.parametrize("when", ["PROPFIND sync-token", "REPORT addressbook-query"])
def test_changes_while_the_first_sync_asks_are_neither_lost_nor_conflicts(
    radicale: RadicaleServer, proxy: WatchingProxy, db: Database, when: str
) -> None:
    """The phone edits, adds and deletes just as the first sync asks for the token, or
    between the token and the query. Either way the query sees the new state, and the next
    sync, told of those cards again since the token, finds them as they are here. (Were
    the token asked after the query, a change between the two would never arrive.)"""
    radicale.put_card("ana.vcf", vcard("Ana Lima", uid="ana"))
    radicale.put_card("bo.vcf", vcard("Bo Chen", uid="bo"))

    def phone_meanwhile(what: str) -> Answer | None:
        if what == when and not changed:
            changed.append(what)
            radicale.put_card("ana.vcf", vcard("Ana Lima", "NOTE:edited meanwhile", uid="ana"))
            radicale.put_card("cy.vcf", vcard("Cy Dara", uid="cy"))
            radicale.delete_card("bo.vcf")
        return None

    changed: list[str] = []
    proxy.before = phone_meanwhile
    report, _asked = first_sync(db, proxy)
    assert changed and report.pulled == 2
    assert people(db) == {"Ana Lima": "edited meanwhile", "Cy Dara": ""}
    report, asked = again(db, proxy)
    assert (report.pulled, report.pushed, report.conflicts, report.deleted_local) == (0, 0, 0, 0)
    assert asked == ["REPORT sync-collection"]
    assert people(db) == {"Ana Lima": "edited meanwhile", "Cy Dara": ""}


@pytest.mark.parametrize(
    "answer",
    [
        (207, "application/xml; charset=utf-8", EMPTY_MULTISTATUS),  # the filter read as "none"
        (501, "text/plain", b"addressbook-query is not implemented"),
        (507, "text/plain", b"too many results"),
    ],
    ids=["no-card", "not-implemented", "cut-short"],
)
def test_a_server_whose_query_brings_nothing_is_asked_with_sync_collection(
    radicale: RadicaleServer, proxy: WatchingProxy, db: Database, answer: Answer
) -> None:
    radicale.put_card("ana.vcf", vcard("Ana Lima"))
    radicale.put_card("bo.vcf", vcard("Bo Chen"))
    proxy.before = lambda what: answer if what == "REPORT addressbook-query" else None
    report, asked = first_sync(db, proxy)
    assert report.pulled == 2
    assert asked == ["PROPFIND sync-token", "REPORT addressbook-query", "REPORT sync-collection"]
    assert set(people(db)) == {"Ana Lima", "Bo Chen"}


def test_an_empty_address_book_is_asked_both_ways_and_holds_nothing(
    proxy: WatchingProxy, db: Database
) -> None:
    report, asked = first_sync(db, proxy)
    assert (report.pulled, report.pushed) == (0, 0)
    assert asked == ["PROPFIND sync-token", "REPORT addressbook-query", "REPORT sync-collection"]


def test_a_server_that_will_not_name_its_token_is_asked_with_sync_collection(
    radicale: RadicaleServer, proxy: WatchingProxy, db: Database
) -> None:
    """A 403 to the token's PROPFIND is no reason to fail the sync (the password is fine):
    the cards come with sync-collection, as from a server without the property."""
    radicale.put_card("ana.vcf", vcard("Ana Lima"))
    refused: Answer = (403, "text/plain", b"forbidden")
    proxy.before = lambda what: refused if what == "PROPFIND sync-token" else None
    report, asked = first_sync(db, proxy)
    assert report.pulled == 1
    assert asked == ["PROPFIND sync-token", "REPORT sync-collection"]
    assert set(people(db)) == {"Ana Lima"}
