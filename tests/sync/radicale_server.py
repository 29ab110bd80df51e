"""A real Radicale CardDAV server for tests: a subprocess on a free loopback port.

`RadicaleServer` starts `python -m radicale` with htpasswd authentication (plain, which
Radicale reads without extra packages) and its own storage folder, waits until it answers,
and stops it by its process id. `NoSyncCollectionProxy` stands in front of one and refuses
the RFC 6578 `sync-collection` REPORT, as servers without it do, forwarding everything else
(Radicale has no setting to switch that report off); `SlowProxy` answers after a pause.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

USER = "ana"
PASSWORD = "correct horse battery staple"
BOOK = "contacts"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RadicaleServer:
    """One Radicale process; `url` is its root, `book_url` the address book it made."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        folder.mkdir(parents=True, exist_ok=True)
        self.htpasswd = folder / "users"
        self.htpasswd.write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
        self.storage = folder / "collections"
        self.log = folder / "radicale.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def book_url(self) -> str:
        return f"{self.url}{USER}/{BOOK}/"

    def start(self) -> None:
        args = [
            sys.executable,
            "-m",
            "radicale",
            "--config",
            "",
            "--server-hosts",
            f"127.0.0.1:{self.port}",
            "--storage-filesystem-folder",
            str(self.storage),
            "--auth-type",
            "htpasswd",
            "--auth-htpasswd-filename",
            str(self.htpasswd),
            "--auth-htpasswd-encryption",
            "plain",
            "--rights-type",
            "owner_only",
            "--logging-level",
            "warning",
        ]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"radicale exited: {self.log.read_text(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("radicale did not start within 30 s")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def client(self) -> httpx.Client:
        """A plain client of the server, standing for another device (the phone)."""
        return httpx.Client(auth=(USER, PASSWORD), timeout=30)

    def make_book(self) -> None:
        body = (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">'
            "<D:set><D:prop><D:resourcetype><D:collection/><C:addressbook/></D:resourcetype>"
            "<D:displayname>Contacts</D:displayname></D:prop></D:set></D:mkcol>"
        )
        with self.client() as client:
            client.request("PROPFIND", self.url, headers={"Depth": "0"})  # makes the principal
            response = client.request("MKCOL", self.book_url, content=body)
            assert response.status_code == 201, response.text

    # What another device does to the address book.

    def put_card(self, name: str, card: str, etag: str | None = None) -> str:
        headers = {"Content-Type": "text/vcard; charset=utf-8"}
        if etag:
            headers["If-Match"] = etag
        with self.client() as client:
            response = client.put(f"{self.book_url}{name}", content=card.encode(), headers=headers)
            assert response.status_code in (201, 204), response.text
            return response.headers.get("ETag", "")

    def get_card(self, name: str) -> tuple[str, str]:
        with self.client() as client:
            response = client.get(f"{self.book_url}{name}")
            response.raise_for_status()
            return response.text, response.headers.get("ETag", "")

    def delete_card(self, name: str) -> None:
        with self.client() as client:
            client.delete(f"{self.book_url}{name}").raise_for_status()

    def card_names(self) -> list[str]:
        folder = self.storage / "collection-root" / USER / BOOK
        return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))

    def cards(self) -> dict[str, str]:
        return {name: self.get_card(name)[0] for name in self.card_names()}


def vcard(full_name: str, *lines: str, uid: str | None = None) -> str:
    """A vCard 3.0 as a phone writes it."""
    parts = full_name.split(" ", 1)
    given, family = parts[0], parts[1] if len(parts) > 1 else ""
    body = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"UID:{uid or uuid.uuid4()}",
        f"FN:{full_name}",
        f"N:{family};{given};;;",
        *lines,
        "END:VCARD",
    ]
    return "\r\n".join(body) + "\r\n"


# An answer a proxy gives itself instead of forwarding: (status, content type, body).
Answer = tuple[int, str, bytes]
# A multistatus without any response (an empty answer to a query) and one that says an
# address book has no DAV:sync-token.
EMPTY_MULTISTATUS = b'<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:"/>'
NO_SYNC_TOKEN = (
    b'<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:"><D:response>'
    b"<D:href>/ana/contacts/</D:href><D:propstat><D:prop><D:sync-token/></D:prop>"
    b"<D:status>HTTP/1.1 404 Not Found</D:status></D:propstat></D:response></D:multistatus>"
)


class LoopbackProxy:
    """A loopback HTTP proxy to the server on `target_port`. `intercept(method, body)` sees
    each request first and may answer it itself; None forwards it. Upstream gone (the
    server stopped at a test's end): 502."""

    def __init__(
        self, target_port: int, intercept: Callable[[str, bytes], Answer | None] | None = None
    ) -> None:
        self.target_port = target_port
        self.requests = 0
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _answer(self, status: int, content_type: str, data: bytes) -> None:
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                proxy.requests += 1
                own = intercept(self.command, body) if intercept is not None else None
                if own is not None:
                    self._answer(*own)
                    return
                upstream = http.client.HTTPConnection("127.0.0.1", proxy.target_port, timeout=60)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                try:
                    upstream.request(self.command, self.path, body=body, headers=headers)
                    response = upstream.getresponse()
                    data = response.read()
                except OSError:
                    self._answer(502, "", b"")
                    return
                self.send_response(response.status)
                for key, value in response.getheaders():
                    if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                upstream.close()

            # http.server names its handlers do_<METHOD>.
            do_GET = do_PUT = do_DELETE = do_PROPFIND = do_REPORT = do_OPTIONS = _forward  # noqa: N815
            do_MKCOL = do_HEAD = do_POST = _forward  # noqa: N815

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self.server.server_address[1])
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


class NoSyncCollectionProxy(LoopbackProxy):
    """Answers every sync-collection REPORT with 403 supported-report (RFC 6578 section
    3.2), like a server that lacks the report, and names no DAV:sync-token (a property of
    the resources that offer it); forwards everything else."""

    def __init__(self, target_port: int) -> None:
        self.refused = 0
        super().__init__(target_port, self._refuse_sync_collection)

    def _refuse_sync_collection(self, method: str, body: bytes) -> Answer | None:
        if method == "PROPFIND" and b"sync-token" in body:
            return (207, "application/xml; charset=utf-8", NO_SYNC_TOKEN)
        if method != "REPORT" or b"sync-collection" not in body:
            return None
        self.refused += 1
        return (
            403,
            "application/xml; charset=utf-8",
            b'<?xml version="1.0" encoding="utf-8"?>'
            b'<D:error xmlns:D="DAV:"><D:supported-report/></D:error>',
        )


class SlowProxy(LoopbackProxy):
    """Answers each request only after `delay_s`: a slow network, so that a test can press
    Cancel while a sync is under way."""

    def __init__(self, target_port: int, delay_s: float) -> None:
        def pause(_method: str, _body: bytes) -> None:
            time.sleep(delay_s)

        super().__init__(target_port, pause)
