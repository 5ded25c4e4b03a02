"""The upload page: one source of text in, one document out, or a clear message and no row."""

import io

import pytest
from django.urls import reverse

from ingest.models import FileUpload, UrlFetch
from ingest.services import file_upload_process
from statements.models import Document, Outlet
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "ISLAMABAD - Officials met on Monday.\n"
    '"We will keep working with our partners on border security," said Halvorsen.\n'
    "The ministry added that a second meeting would follow before the end of the month."
)
# Enough words to be a document (MIN_DOCUMENT_WORDS), added to short samples.
MORE = (
    " The ministry said a second round of talks would follow later in the month, in the capital,"
    " with both delegations present."
)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _upload(client, **data):
    data.setdefault("kind", "article")
    return client.post(reverse("ingest:upload"), data)


def _file(name: str, content: bytes):
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def _minimal_pdf(text: str = "Officials said they would talk." + MORE) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=300, height=300)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 12 Tf 20 200 Td ({text}) Tj ET".encode())
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_the_upload_page_opens_for_an_editor(editor_client):
    response = editor_client.get(reverse("ingest:upload"))
    assert response.status_code == 200
    assert b'name="text"' in response.content


def test_pasted_text_becomes_a_queued_document_and_the_editor_lands_on_its_page(
    editor_client, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _upload(editor_client, text=TEXT, outlet="The Invented Herald")
    document = Document.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("ingest:document", args=[document.pk])
    assert len(callbacks) == 1
    assert document.uploaded_by == editor
    assert document.title == "ISLAMABAD - Officials met on Monday."
    assert Outlet.objects.get().name == "The Invented Herald"


def test_the_same_text_twice_leads_to_the_existing_document_with_a_message(editor_client):
    existing = _upload(editor_client, text=TEXT)
    again = _upload(editor_client, text="  " + TEXT.replace(" ", "   ") + "\n\n")
    assert again.url == existing.url
    assert Document.objects.count() == 1
    page = editor_client.get(again.url)
    assert b"already stored" in page.content


def test_an_html_file_gives_its_title_and_text_but_never_its_markup(editor_client):
    html = (
        b"<html><head><title>Talks resume</title>"
        b'<meta property="og:site_name" content="Invented Times">'
        b'<meta property="article:published_time" content="2024-05-13">'
        b"<script>window.__pwned = 1</script></head><body><article><h1>Talks resume</h1>"
        b"<p>ISLAMABAD - Officials met again on Monday to discuss the border and trade.</p>"
        b'<p>"We will keep working with our partners on border security," said Halvorsen, '
        b"adding that the talks had been useful for both sides.</p></article></body></html>"
    )
    response = _upload(editor_client, file=_file("talks.html", html))
    upload = FileUpload.objects.get()
    assert response.url == reverse("ingest:file_upload", args=[upload.pk])
    assert file_upload_process(upload_id=upload.pk).status == FileUpload.Status.DONE
    document = Document.objects.get()
    assert "border security" in document.text
    assert "<" not in document.text and "__pwned" not in document.text
    assert document.title == "Talks resume"


def test_a_pdf_file_is_read_by_a_worker_through_its_text_layer(editor_client):
    response = _upload(editor_client, file=_file("note.pdf", _minimal_pdf()))
    upload = FileUpload.objects.get()
    assert response.url == reverse("ingest:file_upload", args=[upload.pk])
    assert Document.objects.count() == 0  # nothing is read in the request
    assert b"waiting for a worker" in editor_client.get(response.url).content

    upload = file_upload_process(upload_id=upload.pk)
    assert upload.status == FileUpload.Status.DONE and upload.document_id
    assert "Officials said they would talk." in Document.objects.get().text
    assert bytes(FileUpload.objects.get().data) == b""  # the bytes are dropped once read
    assert editor_client.get(response.url).url == reverse(
        "ingest:document", args=[upload.document_id]
    )


def test_a_windows_1252_text_file_is_decoded(editor_client):
    content = ("Officials said \u201cwe will talk\u201d \u2013 in the caf\u00e9." + MORE).encode(
        "cp1252"
    )
    _upload(editor_client, file=_file("note.txt", content))
    assert "\u201cwe will talk\u201d \u2013 in the caf\u00e9" in Document.objects.get().text


def test_pasted_markup_is_stored_as_text_and_shown_escaped(editor_client):
    hostile = '<script>alert("x")</script> said Halvorsen.' + MORE
    response = _upload(editor_client, text=hostile)
    assert Document.objects.get().text == hostile
    page = editor_client.get(response.url)
    assert b"<script>alert" not in page.content
    assert b"&lt;script&gt;alert" in page.content or b"queued" in page.content.lower()


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_minimal_pdf())))
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


BAD_FILES = {
    "empty": ("empty.txt", b"", "empty"),
    "binary": ("data.txt", bytes(range(256)) * 8, "not a text file"),
    "image renamed .pdf": ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "not a PDF"),
    "undecodable text": ("mixed.txt", bytes(range(128, 256)) * 8, "encoding"),
    "unsupported type": ("sheet.xlsx", b"PK\x03\x04", "unsupported"),
    "binary html": ("page.html", bytes(range(256)) * 8, "not a text file"),
}
# Files that only reading them shows to be bad: read by the worker, which fails the upload.
BAD_FILES_READ_LATER = {
    "corrupt pdf": ("broken.pdf", b"%PDF-1.7\n1 0 obj <</Type /Catalog", "PDF"),
    "encrypted pdf": ("locked.pdf", None, "encrypted"),
    "html without text": ("blank.html", b"<html><body><script>x()</script></body></html>", "No"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_a_bad_file_gets_a_clear_message_and_stores_nothing(editor_client, case):
    name, content, message = BAD_FILES[case]
    if content is None:
        content = _encrypted_pdf()
    response = _upload(editor_client, file=_file(name, content))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Document.objects.count() == 0
    assert UrlFetch.objects.count() == 0


@pytest.mark.parametrize("case", BAD_FILES_READ_LATER, ids=list(BAD_FILES_READ_LATER))
def test_a_file_found_bad_by_the_worker_shows_a_clear_message_and_no_retry(editor_client, case):
    name, content, message = BAD_FILES_READ_LATER[case]
    if content is None:
        content = _encrypted_pdf()
    response = _upload(editor_client, file=_file(name, content))
    upload = file_upload_process(upload_id=FileUpload.objects.get().pk)
    assert upload.status == FileUpload.Status.FAILED
    assert Document.objects.count() == 0
    page = editor_client.get(response.url).content.decode()
    # the same file would fail the same way: no Retry, a way to send another
    assert message in page and "Retry</button>" not in page
    assert "would fail the same way" in page


def test_an_oversized_file_is_refused_before_it_is_read(editor_client, settings):
    settings.INGEST_MAX_UPLOAD_BYTES = 1000
    response = _upload(editor_client, file=_file("long.txt", b"word " * 400))
    assert response.status_code == 400
    assert "the limit is 1000" in response.content.decode()
    assert Document.objects.count() == 0


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Paste some text"),
        ({"text": " \n\t "}, "empty"),
        ({"text": "\x07\x08"}, "empty"),
        ({"text": TEXT, "url": "https://example.com/a"}, "exactly one source"),
        ({"url": "ftp://example.com/a"}, "Only http and https"),
        ({"url": "http://127.0.0.1/admin"}, "private or internal"),
        ({"url": "http://169.254.169.254/latest/meta-data"}, "private or internal"),
        ({"text": TEXT, "published_on": "yesterday"}, "valid date"),
    ],
    ids=["nothing", "blank", "control", "two", "ftp", "loopback", "metadata", "date"],
)
def test_bad_form_input_gets_a_message_and_stores_nothing(editor_client, data, message):
    response = _upload(editor_client, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Document.objects.count() == 0
    assert UrlFetch.objects.count() == 0


def test_a_url_upload_is_accepted_as_one_fetch_per_address(
    editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = _upload(editor_client, url="https://Example.com/news/talks#top")
        second = _upload(editor_client, url="https://example.com/news/talks")
    fetch = UrlFetch.objects.get()
    assert fetch.url == "https://example.com/news/talks"
    assert first.url == second.url == reverse("ingest:fetch", args=[fetch.pk])
    assert len(callbacks) == 1
    assert Document.objects.count() == 0


def test_the_document_page_polls_until_done_and_then_stops(editor_client):
    document = DocumentFactory(status=Document.Status.PROCESSING)
    url = reverse("ingest:document", args=[document.pk])
    partial = editor_client.get(url, headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert 'hx-trigger="every 2s"' in body
    assert "<html" not in body and "Processing" in body

    Document.objects.filter(pk=document.pk).update(status=Document.Status.DONE)
    done = editor_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "every 2s" not in done
    assert "Done: 0 statements found" in done


def test_a_failed_document_shows_its_error_and_a_retry_button_that_requeues_it(
    editor_client, django_capture_on_commit_callbacks
):
    document = DocumentFactory(status=Document.Status.FAILED, error="RuntimeError: tripped")
    page = editor_client.get(reverse("ingest:document", args=[document.pk])).content.decode()
    assert "RuntimeError: tripped" in page and "Retry</button>" in page
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        editor_client.post(reverse("ingest:document_retry", args=[document.pk]))
    document.refresh_from_db()
    assert document.status == Document.Status.QUEUED and document.error == ""
    assert len(callbacks) == 1
