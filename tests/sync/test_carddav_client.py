"""The CardDAV client against a real Radicale: discovery, reads, conditional writes."""

from __future__ import annotations

import pytest

from desktop_app.services.sync.carddav import (
    AuthError,
    CardDavClient,
    DavError,
    PreconditionFailedError,
    SyncTokenError,
    SyncUnsupportedError,
    check_url,
)
from tests.sync.radicale_server import (
    PASSWORD,
    USER,
    NoSyncCollectionProxy,
    RadicaleServer,
    vcard,
)


def test_discovery_from_the_server_root_finds_the_address_book(radicale: RadicaleServer) -> None:
    with CardDavClient(radicale.url, USER, PASSWORD) as client:
        books = client.discover()
    assert [(b.url, b.name) for b in books] == [(radicale.book_url, "Contacts")]


def test_discovery_from_the_address_book_url_itself(radicale: RadicaleServer) -> None:
    with CardDavClient(radicale.book_url, USER, PASSWORD) as client:
        assert [b.url for b in client.discover()] == [radicale.book_url]


def test_wrong_password_is_an_auth_error(radicale: RadicaleServer) -> None:
    with CardDavClient(radicale.url, USER, "wrong") as client, pytest.raises(AuthError):
        client.discover()


def test_sync_collection_reports_changes_and_deletions(radicale: RadicaleServer) -> None:
    radicale.put_card("a.vcf", vcard("Ana Lima"))
    with CardDavClient(radicale.url, USER, PASSWORD) as client:
        first = client.changes(radicale.book_url, "")
        assert list(first.changed) == ["/ana/contacts/a.vcf"] and first.token
        radicale.put_card("b.vcf", vcard("Bo Chen"))
        radicale.delete_card("a.vcf")
        second = client.changes(radicale.book_url, first.token)
        assert list(second.changed) == ["/ana/contacts/b.vcf"]
        assert second.removed == {"/ana/contacts/a.vcf"}
        with pytest.raises(SyncTokenError):
            client.changes(radicale.book_url, "http://radicale.org/ns/sync/nonsense")
        cards = list(client.multiget(radicale.book_url, second.changed))
        assert len(cards) == 1 and "FN:Bo Chen" in cards[0].text
        assert cards[0].etag == second.changed["/ana/contacts/b.vcf"]


def test_conditional_put_and_delete(radicale: RadicaleServer) -> None:
    with CardDavClient(radicale.url, USER, PASSWORD) as client:
        href = "/ana/contacts/new.vcf"
        etag = client.put(href, vcard("Cy Dara", uid="cy"), None)
        with pytest.raises(PreconditionFailedError):
            client.put(href, vcard("Cy Dara", uid="cy"), None)  # If-None-Match: * when present
        radicale.put_card("new.vcf", vcard("Cy Dara", "NOTE:phone edit", uid="cy"))
        with pytest.raises(PreconditionFailedError):
            client.put(href, vcard("Cy Dara", "NOTE:ours", uid="cy"), etag)  # a stale If-Match
        assert client.etags(radicale.book_url).keys() == {href}
        client.delete(href, client.etags(radicale.book_url)[href])
        assert client.etags(radicale.book_url) == {}


def test_a_server_without_sync_collection_says_so(
    radicale_without_sync_collection: tuple[RadicaleServer, NoSyncCollectionProxy],
) -> None:
    _server, proxy = radicale_without_sync_collection
    with CardDavClient(proxy.url, USER, PASSWORD) as client:
        (book,) = client.discover()
        with pytest.raises(SyncUnsupportedError):
            client.changes(book.url, "")


def test_plain_http_only_to_loopback() -> None:
    assert check_url("https://dav.example.org/")
    assert check_url("http://127.0.0.1:5232/")
    assert check_url("http://localhost/")
    assert check_url("http://[::1]:8/")
    for bad in ("http://dav.example.org/", "ftp://x/", "dav.example.org", "http://10.0.0.1/"):
        with pytest.raises(DavError):
            check_url(bad)


def test_an_unreachable_server_is_a_clear_error() -> None:
    from tests.sync.radicale_server import free_port

    url = f"http://127.0.0.1:{free_port()}/"
    with CardDavClient(url, USER, PASSWORD) as client, pytest.raises(DavError, match="cannot"):
        client.discover()
