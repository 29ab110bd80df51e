"""TLS is verified for every client of the process: the context is shared (made once),
never loosened. A server on this computer with a self-signed certificate is refused."""

from __future__ import annotations

import http.server
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.services.sync.carddav import CardDavClient, DavError


@pytest.fixture
def self_signed_server(tmp_path: Path) -> Iterator[str]:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_an_unverifiable_certificate_is_refused_by_every_client(self_signed_server: str) -> None:
    for _ in range(2):  # the second client shares the first one's context
        refused = pytest.raises(DavError, match="TLS certificate could not be verified")
        with CardDavClient(self_signed_server, "ana", "secret") as client, refused:
            client.discover()
