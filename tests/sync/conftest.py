"""Fixtures of the sync tests: a real Radicale server (and one without sync-collection)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.radicale_server import NoSyncCollectionProxy, RadicaleServer


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[RadicaleServer]:
    """Radicale on a free loopback port with htpasswd auth and an empty address book."""
    server = RadicaleServer(tmp_path / "radicale")
    server.start()
    try:
        server.make_book()
        yield server
    finally:
        server.stop()


@pytest.fixture
def radicale_without_sync_collection(
    radicale: RadicaleServer,
) -> Iterator[tuple[RadicaleServer, NoSyncCollectionProxy]]:
    """The same server behind a proxy that refuses the sync-collection REPORT."""
    proxy = NoSyncCollectionProxy(radicale.port)
    try:
        yield radicale, proxy
    finally:
        proxy.close()
