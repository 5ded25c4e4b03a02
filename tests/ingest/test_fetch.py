"""URL uploads: fetched by a worker from a real (local) web server, read, then stored once."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from ingest.fetch import FetchError, address_is_public, check_url, fetch
from ingest.models import UrlFetch
from ingest.services import document_create, url_fetch_process, url_fetch_request
from statements.models import Document

from .conftest import wait_for

ARTICLE = (
    b"<html><head><title>Talks resume in Islamabad</title>"
    b'<meta property="og:site_name" content="The Invented Times">'
    b'<meta property="article:published_time" content="2024-05-13T08:00:00Z">'
    b"<script>window.__pwned = 1</script></head><body><article>"
    b"<h1>Talks resume in Islamabad</h1>"
    b"<p>ISLAMABAD - Officials of both countries met again on Monday to discuss the border.</p>"
    b'<p>"We will keep working with our partners on border security," the spokesperson said, '
    b"adding that the talks had been useful for both sides and would continue next month.</p>"
    b"</article></body></html>"
)

NOTE = (
    "Officials said the talks would continue next month. The ministry added that a second "
    "round would follow in the capital, with both delegations and their advisers present."
)
PAGES = {
    "/article.html": (200, "text/html; charset=utf-8", ARTICLE),
    "/note.txt": (200, "text/plain", NOTE.encode()),
    "/photo": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
    "/huge.txt": (200, "text/plain", b"word " * 5000),
    "/gone": (404, "text/plain", b"not here"),
    "/busy": (503, "text/plain", b"try later"),
    "/moved": (302, "text/plain", b""),
}


# A page whose server sends one byte a second: each read is quick, the whole would take long.
DRIP_BYTES = 40


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        try:
            if self.path == "/drip-body":
                self._drip_body()
                return
            if self.path == "/drip-headers":
                self._drip_headers()
                return
        except OSError:  # the client gave up: what the test wants
            return
        status, content_type, body = PAGES.get(self.path, (404, "text/plain", b""))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if status == 302:
            self.send_header("Location", "/article.html")
        self.end_headers()
        self.wfile.write(body)

    def _drip_body(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(DRIP_BYTES))
        self.end_headers()
        self._drip(b"x" * DRIP_BYTES)

    def _drip_headers(self):
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        self._drip(b"X-Slow: " + b"y" * DRIP_BYTES)

    def _drip(self, data: bytes):
        for byte in data:
            time.sleep(1)
            self.wfile.write(bytes([byte]))
            self.wfile.flush()

    def log_message(self, *args):  # keep the test output quiet
        pass


@pytest.fixture
def site(settings):
    """A web server on 127.0.0.1 in a thread; internal addresses allowed for the test."""
    settings.INGEST_ALLOW_PRIVATE_URLS = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "address, public",
    [
        ("93.184.216.34", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.0.10", False),
        ("169.254.169.254", False),
        ("::1", False),
        ("::ffff:127.0.0.1", False),
        ("fd00:ec2::254", False),
        ("0.0.0.0", False),
    ],
)
def test_only_public_addresses_may_be_fetched(address, public):
    assert address_is_public(address) is public


def test_internal_hosts_are_refused_unless_the_setting_allows_them(settings):
    settings.INGEST_ALLOW_PRIVATE_URLS = False
    for url in ("http://localhost/", "http://127.0.0.1:8000/", "http://[::1]/", "file:///etc"):
        with pytest.raises(FetchError):
            fetch(url)
    with pytest.raises(FetchError, match="private or internal"):
        check_url("http://169.254.169.254/latest/meta-data/")


@pytest.mark.django_db
def test_a_fetched_page_becomes_a_document_with_its_metadata(site):
    requested = url_fetch_request(url=f"{site}/article.html")
    fetched = url_fetch_process(fetch_id=requested.fetch.pk)
    assert fetched.status == UrlFetch.Status.DONE and not fetched.duplicate
    document = fetched.document
    assert document.title == "Talks resume in Islamabad"
    assert document.outlet.name == "The Invented Times"
    assert str(document.published_on) == "2024-05-13"
    assert document.url == f"{site}/article.html"
    assert "border security" in document.text and "__pwned" not in document.text


@pytest.mark.django_db
def test_a_redirect_is_followed_and_a_page_already_stored_points_at_that_document(site):
    first = url_fetch_process(fetch_id=url_fetch_request(url=f"{site}/article.html").fetch.pk)
    moved = url_fetch_process(fetch_id=url_fetch_request(url=f"{site}/moved").fetch.pk)
    assert moved.status == UrlFetch.Status.DONE
    assert moved.duplicate
    assert moved.document == first.document
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_a_page_whose_text_was_uploaded_as_a_file_is_not_stored_again(site):
    existing = document_create(text=NOTE)
    fetched = url_fetch_process(fetch_id=url_fetch_request(url=f"{site}/note.txt").fetch.pk)
    assert fetched.document == existing.document
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_fetching_the_same_address_again_is_harmless(site):
    requested = url_fetch_request(url=f"{site}/article.html")
    url_fetch_process(fetch_id=requested.fetch.pk)
    url_fetch_process(fetch_id=requested.fetch.pk)
    again = url_fetch_request(url=f"{site}/article.html")
    assert not again.created
    assert UrlFetch.objects.count() == 1 and Document.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, message, kind",
    [
        ("/photo", "image/png", "permanent"),
        ("/huge.txt", "larger than", "permanent"),
        ("/gone", "404", "permanent"),
        ("/busy", "503", "transient"),  # a server's passing trouble: a retry may mend it
    ],
)
def test_a_page_that_cannot_be_read_fails_with_a_reason_and_stores_nothing(
    site, settings, path, message, kind
):
    settings.INGEST_MAX_UPLOAD_BYTES = 10_000
    fetched = url_fetch_process(fetch_id=url_fetch_request(url=site + path).fetch.pk)
    assert fetched.status == UrlFetch.Status.FAILED
    assert message in fetched.error
    assert fetched.failure_kind == kind
    assert fetched.can_retry is (kind == "transient")
    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_a_server_that_does_not_answer_fails_the_fetch_with_a_retry_offered(settings):
    settings.INGEST_ALLOW_PRIVATE_URLS = True
    with socket.socket() as closed:  # a port bound and not listening: connection refused
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/article.html"
        fetched = url_fetch_process(fetch_id=url_fetch_request(url=url).fetch.pk)
    assert fetched.status == UrlFetch.Status.FAILED
    assert "could not be fetched" in fetched.error
    assert fetched.failure_kind == "transient" and fetched.can_retry


@pytest.mark.worker
def test_a_url_upload_is_fetched_by_a_real_worker_and_the_page_follows_it(
    site, start_worker, roles, client, editor
):
    start_worker(INGEST_ALLOW_PRIVATE_URLS="true")
    client.force_login(editor)
    response = client.post(reverse("ingest:upload"), {"url": f"{site}/article.html"})
    fetch_row = UrlFetch.objects.get()
    assert response.url == reverse("ingest:fetch", args=[fetch_row.pk])

    wait_for(
        lambda: Document.objects.filter(status="done").exists(), "the page to be fetched and read"
    )
    fetch_row.refresh_from_db()
    follow = client.get(response.url, headers={"HX-Request": "true"})
    assert follow["HX-Redirect"] == reverse("ingest:document", args=[fetch_row.document_id])


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_a_server_dripping_bytes_is_cut_off_at_the_overall_deadline(site, settings, path):
    # Each byte comes well within the per-read time-out; only the overall deadline stops it.
    settings.INGEST_FETCH_TIMEOUT = 5
    settings.INGEST_FETCH_DEADLINE = 2
    started = time.monotonic()
    with pytest.raises(FetchError, match="longer than 2 seconds"):
        fetch(site + path)
    assert time.monotonic() - started < 5


@pytest.mark.django_db
def test_a_dripping_page_fails_with_the_reason_and_frees_the_worker(site, settings):
    settings.INGEST_FETCH_TIMEOUT = 5
    settings.INGEST_FETCH_DEADLINE = 2
    started = time.monotonic()
    fetched = url_fetch_process(fetch_id=url_fetch_request(url=f"{site}/drip-body").fetch.pk)
    assert time.monotonic() - started < 5
    assert fetched.status == UrlFetch.Status.FAILED
    assert "longer than 2 seconds" in fetched.error
    assert fetched.failure_kind == "transient"
    assert Document.objects.count() == 0
