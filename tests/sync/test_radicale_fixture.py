"""The Radicale fixture itself: a real server that authenticates and stores cards."""

from __future__ import annotations

import httpx

from tests.sync.radicale_server import NoSyncCollectionProxy, RadicaleServer, vcard


def test_radicale_stores_cards_and_refuses_a_wrong_password(radicale: RadicaleServer) -> None:
    etag = radicale.put_card("a.vcf", vcard("Ana Lima"))
    assert etag
    assert "FN:Ana Lima" in radicale.get_card("a.vcf")[0]
    with httpx.Client(auth=("ana", "wrong"), timeout=10) as client:
        assert client.get(radicale.book_url + "a.vcf").status_code == 401


def test_radicale_is_stopped_by_its_pid(tmp_path) -> None:
    server = RadicaleServer(tmp_path / "r")
    server.start()
    process = server.process
    assert process is not None
    server.stop()
    assert process.returncode is not None


def test_the_proxy_refuses_sync_collection_only(
    radicale_without_sync_collection: tuple[RadicaleServer, NoSyncCollectionProxy],
) -> None:
    server, proxy = radicale_without_sync_collection
    server.put_card("a.vcf", vcard("Ana Lima"))
    body = '<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>'
    with httpx.Client(auth=("ana", "correct horse battery staple"), timeout=10) as client:
        book = f"{proxy.url}ana/contacts/"
        refused = client.request("REPORT", book, content=body, headers={"Depth": "1"})
        assert refused.status_code == 403
        direct = client.request("REPORT", server.book_url, content=body, headers={"Depth": "1"})
        assert direct.status_code == 207
        assert client.get(book + "a.vcf").status_code == 200
    assert proxy.refused == 1
