"""Hostile or awkward input on the upload page: each gets a message on the form, or is read
as intended, and never a bare error page."""

from __future__ import annotations

import random

import pytest
from django.urls import reverse

from ingest.fetch import normalize_url
from ingest.models import UrlFetch
from statements.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _upload(client, **data):
    data.setdefault("kind", "article")
    return client.post(reverse("ingest:upload"), data)


def _random_text(alphabet_start: int, alphabet_end: int, length: int) -> str:
    """Characters drawn at random, so PostgreSQL cannot compress them into an index row."""
    chooser = random.Random(15)
    return "".join(chr(chooser.randrange(alphabet_start, alphabet_end)) for _ in range(length))


def test_a_2000_character_non_ascii_address_gets_a_message_not_a_server_error(editor_client):
    url = "https://example.com/" + _random_text(0x4E00, 0x9FFF, 1980)
    assert len(url) == 2000
    response = _upload(editor_client, url=url)
    assert response.status_code == 400
    assert "The address is too long" in response.content.decode()
    assert UrlFetch.objects.count() == 0


def test_a_long_address_that_fits_is_stored_under_its_hash(editor_client):
    url = "https://example.com/" + _random_text(0x61, 0x7B, 1980)
    response = _upload(editor_client, url=url)
    fetch = UrlFetch.objects.get()
    assert response.url == reverse("ingest:fetch", args=[fetch.pk])
    assert fetch.url == url and len(fetch.url_hash) == 64


def test_a_non_ascii_address_is_stored_as_a_browser_sends_it_and_fetched_once(editor_client):
    _upload(editor_client, url="https://Bücher.example/café?q=Ünïcode")
    _upload(editor_client, url="https://xn--bcher-kva.example/caf%C3%A9?q=%C3%9Cn%C3%AFcode")
    fetch = UrlFetch.objects.get()
    assert fetch.url == "https://xn--bcher-kva.example/caf%C3%A9?q=%C3%9Cn%C3%AFcode"


@pytest.mark.parametrize(
    "url, message",
    [
        ("https://" + "é" * 70 + ".example/", "not a valid domain name"),
        ("https://example.com/" + "é" * 400, "too long"),
    ],
)
def test_normalize_url_refuses_what_it_cannot_write_in_ascii(url, message):
    from ingest.fetch import FetchError

    with pytest.raises(FetchError, match=message):
        normalize_url(url)


def test_nothing_is_stored_when_the_address_is_refused(editor_client):
    _upload(editor_client, url="https://example.com/" + "é" * 1500)
    assert UrlFetch.objects.count() == 0 and Document.objects.count() == 0


def _english(size: int) -> str:
    line = "Officials of both countries met again on Monday to discuss the border.\n"
    return (line * (size // len(line) + 1))[:size]


def test_pasted_text_over_djangos_default_but_within_the_limit_is_accepted(editor_client):
    text = _english(4 * 1024 * 1024)  # between Django's 2.5 MB default and our 5 MB limit
    response = _upload(editor_client, text=text)
    assert response.status_code == 302
    assert len(Document.objects.get().text) == len(text.rstrip("\n"))


def test_pasted_text_over_the_limit_gets_the_forms_message(editor_client, settings):
    response = _upload(editor_client, text=_english(5 * 1024 * 1024 + 4096))
    assert response.status_code == 400
    assert "The text is longer than the 5.0\xa0MB limit" in response.content.decode()
    assert Document.objects.count() == 0


ARTICLE = (
    "ISLAMABAD - Officials of both countries met again on Monday.\n"
    '"We will keep working with our partners on border security," the spokesperson said.\n'
)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_a_text_file_in_utf16_or_utf32_without_a_byte_order_mark_is_read(editor_client, encoding):
    import io

    upload = io.BytesIO(ARTICLE.encode(encoding))
    upload.name = "statement.txt"
    response = _upload(editor_client, file=upload)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Document.objects.get().text == ARTICLE.strip()


def test_utf16_without_a_byte_order_mark_is_read_with_non_latin_letters_too():
    from ingest.readers import decode_text

    text = "Officials said: امن اور سلامتی (peace and security), 2024.\n" * 3
    assert decode_text(text.encode("utf-16-le")) == text
    assert decode_text(text.encode("utf-16-be")) == text


def test_binary_data_with_nul_bytes_is_still_refused():
    from ingest.errors import RejectedDocument
    from ingest.readers import decode_text

    noise = bytes(random.Random(3).randrange(256) for _ in range(4000)) + b"\x00\x00" * 50
    with pytest.raises(RejectedDocument, match="binary"):
        decode_text(noise)


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_bidirectional_controls_are_removed_from_stored_text_title_and_outlet(editor_client):
    more = (
        " The ministry added that a second round would follow later in the month, in the capital."
    )
    text = "The spokesperson said the \u202eliated\u202c talks \u2067would\u2069 resume." + more
    response = _upload(
        editor_client, text=text + "\n" + BIDI, title="Talks\u202e resume", outlet="Daw\u200fn"
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.text == "The spokesperson said the liated talks would resume." + more
    assert document.title == "Talks resume"
    assert document.outlet.name == "Dawn"
    assert not any(char in BIDI for char in document.text + document.title)


def test_text_of_nothing_but_bidirectional_controls_is_empty(editor_client):
    response = _upload(editor_client, text=BIDI * 3)
    assert response.status_code == 400
    assert "empty" in response.content.decode()
    assert Document.objects.count() == 0
