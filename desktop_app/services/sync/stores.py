"""The other side of a sync, behind one small interface: a CardDAV address book or a vdir
folder (one `.vcf` file per contact, as vdirsyncer and khard keep them)."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from desktop_app.services.sync.carddav import (
    CardDavClient,
    DavError,
    PreconditionFailedError,
    RemoteCard,
    SyncTokenError,
    SyncUnsupportedError,
)

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class Listing:
    """What changed on the other side since the last sync."""

    changed: dict[str, str]  # href → ETag, for cards new or changed
    removed: set[str]
    token: str | None  # the sync-collection token to keep, None without one
    uses_sync_collection: bool
    cards: dict[str, RemoteCard] = field(default_factory=dict)  # fetched on the way


class Store(Protocol):
    def listing(self, token: str | None, known: Mapping[str, str]) -> Listing: ...

    def fetch(self, hrefs: Iterable[str]) -> list[RemoteCard]: ...

    def put(self, href: str, text: str, etag: str | None) -> str: ...

    def delete(self, href: str, etag: str) -> None: ...

    def new_href(self, uid: str) -> str: ...


def file_name(uid: str) -> str:
    return (_UNSAFE.sub("-", uid).strip("-.") or "card")[:120] + ".vcf"


class CardDavStore:
    """One address book on a CardDAV server: sync-collection when offered, ETags else."""

    def __init__(self, client: CardDavClient, book_url: str, uses_sync_collection: bool) -> None:
        self.client = client
        self.book_url = book_url
        self.uses_sync_collection = uses_sync_collection

    def listing(self, token: str | None, known: Mapping[str, str]) -> Listing:
        if self.uses_sync_collection:
            try:
                return self._sync_collection(token or "", known)
            except SyncTokenError:
                return self._sync_collection("", known)
            except SyncUnsupportedError:
                self.uses_sync_collection = False
        etags = self.client.etags(self.book_url)
        changed = {href: etag for href, etag in etags.items() if known.get(href) != etag}
        return Listing(changed, set(known) - set(etags), None, False)

    def _sync_collection(self, token: str, known: Mapping[str, str]) -> Listing:
        if not token and not known:
            first = self._first_listing()
            if first is not None:
                return first
        # Everything is new (a server that did not answer the short way): the cards come
        # with the listing.
        changes = self.client.changes(self.book_url, token, with_data=not known)
        changed = {
            href: etag
            for href, etag in changes.changed.items()
            if not etag or known.get(href) != etag  # our own writes come back: skip them
        }
        removed = {href for href in changes.removed if href in known}
        if not token:  # a full listing: whatever it does not name is gone
            removed |= set(known) - set(changes.changed)
        cards = {href: card for href, card in changes.cards.items() if href in changed}
        return Listing(changed, removed, changes.token or None, True, cards)

    def _first_listing(self) -> Listing | None:
        """The first sync of an address book: its sync token, then every card in one
        addressbook-query. Radicale answers the two in ~1.2x the time of a multiget of all
        the cards; sync-collection from no token takes ~1.55x (it reads every card twice).
        The token comes first: a card changed between the two requests is reported again
        by the next sync, which finds it as it is here already. None (the caller lists
        with sync-collection) when the server names no token or its query brings no card."""
        token = self.client.sync_token(self.book_url)
        if not token:
            return None
        everything = self.client.all_cards(self.book_url)
        if everything is None:
            return None
        return Listing(everything.changed, set(), token, True, everything.cards)

    def fetch(self, hrefs: Iterable[str]) -> list[RemoteCard]:
        return list(self.client.multiget(self.book_url, hrefs))

    def put(self, href: str, text: str, etag: str | None) -> str:
        return self.client.put(href, text, etag)

    def delete(self, href: str, etag: str) -> None:
        self.client.delete(href, etag)

    def new_href(self, uid: str) -> str:
        return urlsplit(self.book_url).path.rstrip("/") + "/" + file_name(uid)


class VdirStore:
    """A folder of `.vcf` files; a file's ETag is the hash of its bytes."""

    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise DavError(f"{folder} is not a folder")
        self.folder = folder

    def listing(self, token: str | None, known: Mapping[str, str]) -> Listing:
        etags: dict[str, str] = {}
        for path in self.folder.iterdir():
            if path.suffix.lower() == ".vcf" and path.is_file() and not path.name.startswith("."):
                etags[path.name] = _etag(path.read_bytes())
        changed = {name: etag for name, etag in etags.items() if known.get(name) != etag}
        return Listing(changed, set(known) - set(etags), None, False)

    def fetch(self, hrefs: Iterable[str]) -> list[RemoteCard]:
        cards = []
        for name in hrefs:
            path = self._path(name)
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                continue
            cards.append(RemoteCard(name, _etag(data), data.decode("utf-8", errors="replace")))
        return cards

    def put(self, href: str, text: str, etag: str | None) -> str:
        path = self._path(href)
        current = _etag(path.read_bytes()) if path.exists() else None
        if current != etag:
            raise PreconditionFailedError(f"{href} changed in the folder meanwhile")
        data = text.encode("utf-8")
        handle, temporary = tempfile.mkstemp(prefix=".trellis-", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return _etag(data)

    def delete(self, href: str, etag: str) -> None:
        path = self._path(href)
        if not path.exists():
            return
        if _etag(path.read_bytes()) != etag:
            raise PreconditionFailedError(f"{href} changed in the folder meanwhile")
        path.unlink()

    def new_href(self, uid: str) -> str:
        return file_name(uid)

    def _path(self, name: str) -> Path:
        if "/" in name or "\\" in name or name.startswith("."):
            raise DavError(f"{name!r} is not a file of the folder")
        return self.folder / name


def _etag(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]
