"""A real web server on 127.0.0.1 for the sources' tests: feeds, sitemaps, index pages and
articles (invented, in our own words), answering conditional requests as a real site does, and
recording every request it got."""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str = ""
    last_modified: str = ""
    delay: float = 0.0  # seconds before answering (a page that times out)


@dataclass
class Request:
    at: float
    path: str
    headers: dict[str, str] = field(default_factory=dict)


class FeedSite:
    """The pages (by path) a test changes as it goes, and the requests made to them."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.requests: list[Request] = []
        self.server: ThreadingHTTPServer | None = None
        self.port = 0

    def start(self, port: int = 0) -> FeedSite:
        handler = type("Handler", (_Handler,), {"site": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> list[Request]:
        return [request for request in self.requests if request.path == path]


class _Handler(BaseHTTPRequestHandler):
    site: FeedSite

    def do_GET(self) -> None:
        self.site.requests.append(Request(time.monotonic(), self.path, dict(self.headers)))
        page = self.site.pages.get(self.path)
        if page is None:
            page = Page(b"not here", "text/plain", 404)
        if page.delay:
            time.sleep(page.delay)
        if page.status == 200 and self._not_modified(page):
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(page.status)
        self.send_header("Content-Type", page.content_type)
        self.send_header("Content-Length", str(len(page.body)))
        if page.etag:
            self.send_header("ETag", page.etag)
        if page.last_modified:
            self.send_header("Last-Modified", page.last_modified)
        self.end_headers()
        with contextlib.suppress(OSError):  # the client gave up (a time-out): as the test wants
            self.wfile.write(page.body)

    def _not_modified(self, page: Page) -> bool:
        if page.etag and self.headers.get("If-None-Match") == page.etag:
            return True
        since = self.headers.get("If-Modified-Since")
        return bool(page.last_modified and since == page.last_modified)

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass


def http_date(seconds: float) -> str:
    return formatdate(seconds, usegmt=True)


PLACES = ["Riverton", "Hillcrest", "Lakeside", "Stonebridge", "Westmoor", "Eastfield"]


def article(number: int, title: str) -> bytes:
    """An invented article, different for every ``number``, long enough to be a document."""
    place = PLACES[number % len(PLACES)]
    return (
        f"<html><head><title>{escape(title)}</title>"
        '<meta property="og:site_name" content="The Invented Ledger"></head><body><article>'
        f"<h1>{escape(title)}</h1>"
        f"<p>{place.upper()} - The district council met again this week for review number "
        f"{number} of the checkpoints along the canal road near {place}.</p>"
        '<p>"We will keep the roads open and the markets safe," said Amna Qadir, the '
        f"district council's spokesperson, adding that review number {number} would be "
        "followed by another one after the harvest season ended.</p>"
        "</article></body></html>"
    ).encode()


def rss(items: list[tuple[str, str]], *, base: str) -> bytes:
    """An RSS 2.0 feed of (path, title) items."""
    entries = "".join(
        f"<item><title>{escape(title)}</title><link>{base}{path}</link>"
        "<pubDate>Tue, 14 May 2024 08:00:00 GMT</pubDate></item>"
        for path, title in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>The Invented Ledger</title><link>{base}/</link>"
        f"<description>Invented news</description>{entries}</channel></rss>"
    ).encode()


def atom(items: list[tuple[str, str]], *, base: str) -> bytes:
    entries = "".join(
        f'<entry><title>{escape(title)}</title><link href="{base}{path}"/>'
        f"<id>{base}{path}</id><updated>2024-05-14T08:00:00Z</updated></entry>"
        for path, title in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>The Invented Ledger</title><id>{base}/</id>"
        f"<updated>2024-05-14T08:00:00Z</updated>{entries}</feed>"
    ).encode()


def sitemap(paths: list[str], *, base: str) -> bytes:
    urls = "".join(f"<url><loc>{base}{path}</loc></url>" for path in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    ).encode()


def sitemap_index(paths: list[tuple[str, str]], *, base: str) -> bytes:
    maps = "".join(
        f"<sitemap><loc>{base}{path}</loc><lastmod>{lastmod}</lastmod></sitemap>"
        for path, lastmod in paths
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>'
    ).encode()
