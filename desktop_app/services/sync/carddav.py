"""A small CardDAV client (RFC 6352) on httpx: discovery, listing, multiget, sync-collection.

Why httpx and hand-written DAV requests: the `caldav` package is a CalDAV client (calendars,
events, todos) with no address-book objects; vdirsyncer's CardDAV storage is the inside of
an application (asyncio and aiohttp, once a Rust core), not a library with a promised API,
and lists ETags with PROPFIND every time instead of RFC 6578's sync-collection. CardDAV
itself is five XML bodies; httpx gives the rest: connection reuse, TLS verified against
certifi's roots, timeouts, redirects we can check one by one.

Every URL the client is about to open goes through `check_url`: `https://` anywhere, plain
`http://` only to a loopback address, so a redirect cannot take a password off the machine
in clear text. No socket is opened before the first request.
"""

from __future__ import annotations

import functools
import ipaddress
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

import httpx

if TYPE_CHECKING:
    import ssl

DAV = "DAV:"
CARD = "urn:ietf:params:xml:ns:carddav"
MULTIGET_BATCH = 1000
TIMEOUT_S = 60.0
USER_AGENT = "Trellis CardDAV sync"
_XML = {"Content-Type": "application/xml; charset=utf-8"}


class DavError(Exception):
    """A failure of the server or the network; `str(error)` is meant for the user."""


class AuthError(DavError):
    """The server refused the user name or password."""


class PreconditionFailedError(DavError):
    """If-Match / If-None-Match did not hold: someone else changed the card meanwhile."""


class SyncTokenError(DavError):
    """The server no longer knows our sync token (RFC 6578 valid-sync-token)."""


class SyncUnsupportedError(DavError):
    """The address book does not offer the sync-collection report."""


@dataclass(frozen=True, slots=True)
class AddressBook:
    url: str
    name: str


@dataclass(frozen=True, slots=True)
class RemoteCard:
    href: str
    etag: str
    text: str


@dataclass(frozen=True, slots=True)
class Changes:
    """What sync-collection reported since a token: changed hrefs with their ETags."""

    changed: dict[str, str]
    removed: set[str]
    token: str
    cards: dict[str, RemoteCard]  # the changed cards whose text came along


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    """`url` when Trellis may open it: https, or http to this machine only."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme == "https" and host:
        return url
    if parts.scheme == "http" and host and is_loopback(host):
        return url
    if parts.scheme == "http":
        raise DavError(
            f"{url} is plain http: the password would travel unencrypted. "
            "Use https:// (plain http is allowed only to this computer)."
        )
    raise DavError(f"{url!r} is not a web address (https://…)")


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """The one TLS context of the process: httpx's own for `verify=True` (certifi's roots,
    or SSL_CERT_FILE / SSL_CERT_DIR; hostnames checked), made once. Each client made its
    own, loading the roots again (~30 ms a sync)."""
    return httpx.create_ssl_context(verify=True)


def _tag(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


class CardDavClient:
    """One account's connection; close it (or use `with`) when the sync is over."""

    def __init__(self, url: str, user: str, password: str, timeout: float = TIMEOUT_S) -> None:
        self.url = check_url(url if url.endswith("/") else url + "/")
        self._http = httpx.Client(
            auth=httpx.BasicAuth(user, password),
            timeout=timeout,
            follow_redirects=True,
            verify=_tls_context(),
            headers={"User-Agent": USER_AGENT},
            event_hooks={"request": [self._check_request]},
        )

    def __enter__(self) -> CardDavClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    @staticmethod
    def _check_request(request: httpx.Request) -> None:
        check_url(str(request.url))  # every redirect too

    def absolute(self, href: str) -> str:
        return urljoin(self.url, href)

    # Discovery (RFC 6764 section 6, RFC 6352 section 7).

    def discover(self) -> list[AddressBook]:
        """The address books of the account the URL leads to, well-known first."""
        start = self.url
        found = self._propfind(start, 0, ("resourcetype", "displayname", "current-user-principal"))
        if _is_book(found):
            return [AddressBook(start, _display_name(found) or _last_segment(start))]
        principal = _href(found, DAV, "current-user-principal")
        if principal is None:
            origin = "{0.scheme}://{0.netloc}/".format(urlsplit(start))
            found = self._propfind(
                urljoin(origin, ".well-known/carddav"), 0, ("current-user-principal",)
            )
            principal = _href(found, DAV, "current-user-principal")
        if principal is None:
            raise DavError(f"{start} does not say whose address books it holds (no principal)")
        homes = self._propfind(self.absolute(principal), 0, ("addressbook-home-set",))
        home = _href(homes, CARD, "addressbook-home-set")
        if home is None:
            raise DavError("the server named no address-book home for this user")
        books: list[AddressBook] = []
        listing = self._propfind_many(self.absolute(home), ("resourcetype", "displayname"))
        for href, props in listing:
            if _is_book(props):
                url = self.absolute(href)
                books.append(AddressBook(url, _display_name(props) or _last_segment(url)))
        return books

    # Listing and reading.

    def etags(self, book_url: str) -> dict[str, str]:
        """href → ETag of every card in the address book (the fallback to sync-collection)."""
        found: dict[str, str] = {}
        for href, props in self._propfind_many(book_url, ("getetag", "resourcetype")):
            if _is_collection(props):
                continue
            etag = _text(props, DAV, "getetag")
            if etag:
                found[_path(href)] = etag
        return found

    def changes(self, book_url: str, token: str, with_data: bool = False) -> Changes:
        """sync-collection since `token` ('' for everything), RFC 6578. `with_data` asks
        for the cards' text too (one request instead of two); a server that leaves it out
        is asked with addressbook-multiget by the caller."""
        token_xml = f"<D:sync-token>{_escape(token)}</D:sync-token>" if token else "<D:sync-token/>"
        data = "<C:address-data/>" if with_data else ""
        body = (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<D:sync-collection xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">'
            f"{token_xml}<D:sync-level>1</D:sync-level>"
            f"<D:prop><D:getetag/>{data}</D:prop></D:sync-collection>"
        )
        response = self._request("REPORT", book_url, body, {"Depth": "1"}, expect_error=True)
        if response.status_code in (403, 409) and b"valid-sync-token" in response.content:
            raise SyncTokenError("the server forgot where the last sync ended")
        if response.status_code in (400, 403, 405, 415, 422, 501):
            raise SyncUnsupportedError("the address book does not offer sync-collection")
        _raise_for(response)
        root = _parse(response)
        changed: dict[str, str] = {}
        removed: set[str] = set()
        cards: dict[str, RemoteCard] = {}
        for path, status, etag, text in _listed_cards(root, book_url):
            if status == 404:
                removed.add(path)
                continue
            changed[path] = etag
            if text:
                cards[path] = RemoteCard(path, etag, text)
        new_token = root.findtext(_tag(DAV, "sync-token")) or ""
        return Changes(changed, removed, new_token, cards)

    def sync_token(self, book_url: str) -> str:
        """The address book's DAV:sync-token as it is now (RFC 6578 section 4); '' when
        it names none (a server without sync-collection) or will not say (a refusal
        other than of the password: the caller then asks otherwise)."""
        body = (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<D:propfind xmlns:D="DAV:"><D:prop><D:sync-token/></D:prop></D:propfind>'
        )
        response = self._request("PROPFIND", book_url, body, {"Depth": "0"}, expect_error=True)
        if response.status_code == 401 or response.status_code >= 500:
            _raise_for(response)
        if response.status_code != 207:
            return ""
        for _href, _status, found in _responses(_parse(response)):
            return (found.findtext(_tag(DAV, "sync-token")) or "").strip()
        return ""

    def all_cards(self, book_url: str) -> Changes | None:
        """Every card of the address book with its ETag, in one addressbook-query (RFC 6352
        section 8.6) whose filter is true of any card: "all of" no test. None when the
        server refuses the query, says it cut the answer short (507), or answers with no
        card at all: a server that reads the empty filter as "none of" would hide every
        card, so the caller then asks with sync-collection instead."""
        body = (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<C:addressbook-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">'
            '<D:prop><D:getetag/><C:address-data/></D:prop><C:filter test="allof"/>'
            "</C:addressbook-query>"
        )
        response = self._request("REPORT", book_url, body, {"Depth": "1"}, expect_error=True)
        if response.status_code in (400, 403, 404, 405, 415, 422, 501, 507):
            return None
        _raise_for(response)
        changed: dict[str, str] = {}
        cards: dict[str, RemoteCard] = {}
        for path, status, etag, text in _listed_cards(_parse(response), book_url):
            if status == 507:
                return None
            if status != 200:
                continue
            changed[path] = etag
            if text:
                cards[path] = RemoteCard(path, etag, text)
        if not changed:
            return None
        return Changes(changed, set(), "", cards)

    def multiget(self, book_url: str, hrefs: Iterable[str]) -> Iterator[RemoteCard]:
        """The cards at `hrefs` with their ETags (addressbook-multiget), in batches."""
        wanted = list(hrefs)
        for start in range(0, len(wanted), MULTIGET_BATCH):
            batch = wanted[start : start + MULTIGET_BATCH]
            body = (
                '<?xml version="1.0" encoding="utf-8"?>'
                '<C:addressbook-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">'
                "<D:prop><D:getetag/><C:address-data/></D:prop>"
                + "".join(f"<D:href>{_escape(h)}</D:href>" for h in batch)
                + "</C:addressbook-multiget>"
            )
            response = self._request("REPORT", book_url, body, {"Depth": "1"})
            for href, status, props in _responses(_parse(response)):
                text = _text(props, CARD, "address-data")
                if status == 200 and text is not None:
                    yield RemoteCard(_path(href), _text(props, DAV, "getetag") or "", text)

    # Writing.

    def put(self, href: str, text: str, etag: str | None) -> str:
        """Create (`etag` None: only if absent) or replace (only if still `etag`) a card;
        returns its new ETag, '' when the server did not say."""
        headers = {"Content-Type": "text/vcard; charset=utf-8"}
        headers["If-Match" if etag else "If-None-Match"] = etag or "*"
        response = self._request("PUT", self.absolute(href), text, headers)
        return response.headers.get("ETag", "")

    def delete(self, href: str, etag: str) -> None:
        headers = {"If-Match": etag} if etag else {}
        response = self._request("DELETE", self.absolute(href), None, headers, expect_error=True)
        if response.status_code == 404:
            return  # gone already: what we wanted
        _raise_for(response)

    # Plumbing.

    def _propfind(self, url: str, depth: int, props: tuple[str, ...]) -> ET.Element:
        for _href, found in self._propfind_many(url, props, depth):
            return found
        return ET.Element("prop")

    def _propfind_many(
        self, url: str, props: tuple[str, ...], depth: int = 1
    ) -> Iterator[tuple[str, ET.Element]]:
        names = "".join(f"<C:{p}/>" if p == "addressbook-home-set" else f"<D:{p}/>" for p in props)
        body = (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">'
            f"<D:prop>{names}</D:prop></D:propfind>"
        )
        response = self._request("PROPFIND", url, body, {"Depth": str(depth)})
        for href, _status, found in _responses(_parse(response)):
            yield href, found

    def _request(
        self,
        method: str,
        url: str,
        body: str | None,
        headers: dict[str, str],
        expect_error: bool = False,
    ) -> httpx.Response:
        all_headers = {**(_XML if method in ("PROPFIND", "REPORT") else {}), **headers}
        try:
            response = self._http.request(
                method,
                url,
                content=body.encode("utf-8") if body is not None else None,
                headers=all_headers,
            )
        except DavError:
            raise
        except httpx.TimeoutException as error:
            raise DavError(f"the server at {_origin(url)} did not answer in time") from error
        except httpx.HTTPError as error:
            raise DavError(f"cannot reach {_origin(url)}: {_reason(error)}") from error
        if not expect_error:
            _raise_for(response)
        return response


def _raise_for(response: httpx.Response) -> None:
    status = response.status_code
    if status == 401:
        raise AuthError("the server refused the user name or password")
    if status == 412:
        path = response.request.url.path
        raise PreconditionFailedError(f"{path} changed on the server meanwhile")
    if status >= 400:
        raise DavError(
            f"the server answered {status} {response.reason_phrase} to "
            f"{response.request.method} {response.request.url.path}"
        )


def _reason(error: Exception) -> str:
    text = str(error) or type(error).__name__
    if "CERTIFICATE_VERIFY_FAILED" in text:
        return "its TLS certificate could not be verified"
    return text


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _parse(response: httpx.Response) -> ET.Element:
    try:
        return ET.fromstring(response.content)
    except ET.ParseError as error:
        raise DavError(f"the server sent XML that cannot be read ({error})") from error


_RESPONSE, _HREF, _STATUS = _tag(DAV, "response"), _tag(DAV, "href"), _tag(DAV, "status")
_PROPSTAT, _PROP = _tag(DAV, "propstat"), _tag(DAV, "prop")


def _responses(root: ET.Element) -> Iterator[tuple[str, int, ET.Element]]:
    """(href, status, merged prop of the 200 propstats) of each `D:response`."""
    for response in root.iter(_RESPONSE):
        href = response.findtext(_HREF) or ""
        status = _status(response.findtext(_STATUS))
        props: list[ET.Element] = []
        for propstat in response.iterfind(_PROPSTAT):
            if _status(propstat.findtext(_STATUS)) == 200:
                prop = propstat.find(_PROP)
                if prop is not None:
                    props.append(prop)
                status = status or 200
        if len(props) == 1:
            merged = props[0]  # the usual answer: read as it is, no copy (5,000 in a sync)
        else:
            merged = ET.Element("prop")
            for prop in props:
                merged.extend(list(prop))
        yield href.strip(), status or 200, merged


def _listed_cards(root: ET.Element, book_url: str) -> Iterator[tuple[str, int, str, str | None]]:
    """(path, status, ETag, card text if sent) of each card a listing of the address book
    at `book_url` names: not the book itself, nor any collection in it."""
    book_path = _path(book_url).rstrip("/")
    for href, status, props in _responses(root):
        path = _path(href)
        if _is_collection(props) or path.rstrip("/") == book_path:
            continue
        etag = _text(props, DAV, "getetag") or ""
        yield path, status, etag, _text(props, CARD, "address-data")


def _status(line: str | None) -> int:
    parts = (line or "").split()
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0


def _href(props: ET.Element, namespace: str, name: str) -> str | None:
    element = props.find(_tag(namespace, name))
    if element is None:
        return None
    href = element.findtext(_tag(DAV, "href"))
    return href.strip() if href else None


def _text(props: ET.Element, namespace: str, name: str) -> str | None:
    element = props.find(_tag(namespace, name))
    return None if element is None else (element.text or "")


def _is_book(props: ET.Element) -> bool:
    kinds = props.find(_tag(DAV, "resourcetype"))
    return kinds is not None and kinds.find(_tag(CARD, "addressbook")) is not None


def _is_collection(props: ET.Element) -> bool:
    kinds = props.find(_tag(DAV, "resourcetype"))
    return kinds is not None and kinds.find(_tag(DAV, "collection")) is not None


def _display_name(props: ET.Element) -> str:
    return (props.findtext(_tag(DAV, "displayname")) or "").strip()


def _last_segment(url: str) -> str:
    return unquote(urlsplit(url).path.rstrip("/").rpartition("/")[2]) or url


def _path(href: str) -> str:
    """The path of an href (servers answer with paths or with whole URLs)."""
    return urlsplit(href).path if "://" in href else href


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
