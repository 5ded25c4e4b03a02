"""Fetch a web page for a URL upload: time-outs, size cap, and no requests to internal hosts.

Two limits on time: every read waits at most INGEST_FETCH_TIMEOUT seconds, and the whole fetch
(redirects, connecting, headers and body) ends after INGEST_FETCH_DEADLINE seconds, so a server
that sends a byte every few seconds cannot hold a worker for long.

Every address a host name resolves to is checked before connecting, and the connection goes to
the checked address (not to a second resolution, which DNS rebinding could change). Redirects
are followed by hand so each hop is checked again.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from .errors import FetchError

MAX_REDIRECTS = 5
USER_AGENT = "CT-Statements-Ingest/1.0 (+editor upload)"


@dataclass(frozen=True)
class FetchedPage:
    url: str
    content_type: str
    charset: str
    body: bytes
    # For conditional requests (sources): 304 when the page did not change, with no body.
    status: int = 200
    etag: str = ""
    last_modified: str = ""


# Characters a path or query may hold as they are (RFC 3986's reserved and unreserved, and
# '%' so that escapes already made stay as they are); anything else is percent-encoded.
_URL_SAFE = "/:@!$&'()*+,;=-._~%"
MAX_URL_LENGTH = 2000


def normalize_url(url: str) -> str:
    """The URL as stored and keyed: trimmed, lower-case scheme and host, no fragment, and all
    ASCII, as a browser sends it (an international host name in IDNA, other non-ASCII
    characters percent-encoded in UTF-8). Raises FetchError for an address that cannot be
    written so, or is longer than MAX_URL_LENGTH characters once written so."""
    parts = urlsplit(url.strip())
    netloc = parts.netloc.lower()
    if not netloc.isascii() and parts.hostname:
        try:
            ascii_host = parts.hostname.encode("idna").decode("ascii")
        except UnicodeError as error:
            raise FetchError("The host name of the address is not a valid domain name.") from error
        netloc = netloc.replace(parts.hostname, ascii_host)
    if not netloc.isascii():
        raise FetchError("The address has characters that are not allowed in a host name.")
    path = quote(parts.path or "/", safe=_URL_SAFE)
    query = quote(parts.query, safe=_URL_SAFE + "?")
    normalized = urlunsplit((parts.scheme.lower(), netloc, path, query, ""))
    if len(normalized) > MAX_URL_LENGTH:
        raise FetchError(
            f"The address is too long: {len(normalized):,} characters once its non-ASCII "
            f"characters are encoded, and the limit is {MAX_URL_LENGTH:,}."
        )
    return normalized


def _allow_private() -> bool:
    return bool(getattr(settings, "INGEST_ALLOW_PRIVATE_URLS", False))


def address_is_public(address: str) -> bool:
    """Whether an IP address is on the public internet (not loopback, private, metadata...)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url: str) -> tuple[str, str, int]:
    """Scheme, host and port of a URL an editor may ask for; raises FetchError otherwise.

    Only a literal IP address is checked here; host names are checked when resolved.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError("Only http and https addresses can be fetched.")
    if not parts.hostname:
        raise FetchError("The address has no host name.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise FetchError("The address has an invalid port.") from error
    try:
        literal = ipaddress.ip_address(parts.hostname)
    except ValueError:
        literal = None
    if literal is not None and not _allow_private() and not address_is_public(str(literal)):
        raise FetchError("That address points at a private or internal network.")
    return parts.scheme, parts.hostname, port


def check_address(url: str) -> None:
    """The form's check of an address, as the worker will check it: the scheme, a literal IP,
    and every address the host name resolves to now. A name that does not resolve passes (the
    worker reports it, and a retry may find it); one that resolves to loopback or a private
    network raises FetchError."""
    _scheme, host, port = check_url(normalize_url(url))
    if _allow_private():
        return
    try:
        _resolve(host, port)
    except FetchError as error:
        if not error.transient:  # a name that does not resolve (now)
            raise


def _resolve(host: str, port: int) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"The host {host} could not be found.", transient=True) from error
    addresses = [info[4][0] for info in infos]
    if not _allow_private() and not all(address_is_public(a) for a in addresses):
        raise FetchError("That address points at a private or internal network.")
    return addresses[0]


class _Deadline:
    """The time left for a whole fetch; ``cut`` ends a connection the moment it runs out."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False

    def remaining(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            self.expired = True
            raise self.error()
        return left

    def is_up(self) -> bool:
        """Whether the time ran out (a read that timed out with the time left may end a
        moment early)."""
        return self.expired or time.monotonic() >= self.end - 0.1

    def error(self) -> FetchError:
        return FetchError(
            f"The page took longer than {self.seconds:g} seconds to fetch.", transient=True
        )

    def cut(self, connection: _Pinned) -> None:
        """Runs in a timer thread: shut the socket, so a read blocked on it returns at once."""
        self.expired = True
        if connection.raw_sock is not None:
            with contextlib.suppress(OSError):  # already closed
                connection.raw_sock.shutdown(socket.SHUT_RDWR)


class _Pinned:
    """Connects to the checked address and keeps the socket for the deadline to shut
    (http.client lets go of its own reference once a response that closes the connection
    begins)."""

    raw_sock: socket.socket | None = None

    def _connect_pinned(self) -> socket.socket:
        self.raw_sock = socket.create_connection((self._address, self.port), self.timeout)
        return self.raw_sock


class _PinnedHTTPConnection(_Pinned, http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = self._connect_pinned()


class _PinnedHTTPSConnection(_Pinned, http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = self._connect_pinned()
        # The TLS socket takes the plain one over; keep it before the handshake, which a slow
        # server could drag out too.
        self.sock = self.raw_sock = self._context.wrap_socket(
            sock, server_hostname=self.host, do_handshake_on_connect=False
        )
        self.sock.do_handshake()


def fetch(url: str, *, headers: dict[str, str] | None = None) -> FetchedPage:
    """GET ``url`` (following up to five checked redirects); raises FetchError with a reason.

    ``headers`` are sent with the request (a source's If-None-Match, If-Modified-Since); a 304
    answer then comes back as a page with ``status`` 304 and no body.

    Each read waits at most INGEST_FETCH_TIMEOUT seconds, and the whole fetch, redirects
    included, at most INGEST_FETCH_DEADLINE seconds.
    """
    timeout = float(getattr(settings, "INGEST_FETCH_TIMEOUT", 15))
    deadline = _Deadline(float(getattr(settings, "INGEST_FETCH_DEADLINE", 60)))
    for _ in range(MAX_REDIRECTS + 1):
        scheme, host, port = check_url(url)
        address = _resolve(host, port)
        cls = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
        connection = cls(host, port, address, min(timeout, deadline.remaining()))
        # Headers arrive through http.client's own reads, which a byte at a time would keep
        # alive for ever: a timer shuts the socket when the time is up, wherever the fetch is.
        watchdog = threading.Timer(deadline.remaining(), deadline.cut, args=(connection,))
        watchdog.daemon = True
        watchdog.start()
        parts = urlsplit(url)
        target = urlunsplit(("", "", parts.path or "/", parts.query, ""))
        try:
            connection.request("GET", target, headers={**(headers or {}), "User-Agent": USER_AGENT})
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                continue
            if response.status == 304 and headers:
                return FetchedPage(url=url, content_type="", charset="", body=b"", status=304)
            if response.status != 200:
                error = FetchError(
                    f"The page answered {response.status} {response.reason}.",
                    # A timeout, too many requests, a server's trouble: all may pass.
                    transient=response.status in (408, 429) or response.status >= 500,
                )
                error.status = response.status
                raise error
            body = _read_capped(response, connection, timeout, deadline)
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset() or ""
            return FetchedPage(
                url=url,
                content_type=content_type,
                charset=charset,
                body=body,
                etag=response.getheader("ETag", "")[:500],
                last_modified=response.getheader("Last-Modified", "")[:100],
            )
        except (OSError, http.client.HTTPException) as error:
            if deadline.is_up():
                raise deadline.error() from error
            raise FetchError(f"The page could not be fetched ({error}).", transient=True) from error
        finally:
            watchdog.cancel()
            connection.close()
    raise FetchError("The page redirects too many times.")


def _read_capped(
    response: http.client.HTTPResponse, connection: _Pinned, timeout: float, deadline: _Deadline
) -> bytes:
    """The body, at most INGEST_MAX_UPLOAD_BYTES, read in chunks while time is left."""
    limit = settings.INGEST_MAX_UPLOAD_BYTES
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(f"The page is larger than the {filesizeformat(limit)} limit.")
    chunks: list[bytes] = []
    size = 0
    while True:
        # No single read may wait past the deadline (the timer is the backstop).
        connection.raw_sock.settimeout(min(timeout, deadline.remaining()))
        chunk = response.read1(64 * 1024)
        if deadline.expired:
            raise deadline.error()
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise FetchError(f"The page is larger than the {filesizeformat(limit)} limit.")
        chunks.append(chunk)
    return b"".join(chunks)
