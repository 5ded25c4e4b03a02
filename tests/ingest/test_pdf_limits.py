"""A small hostile PDF cannot hold a web worker: the request only stores the file, and the
worker reads it with limits on pages, decompressed size, drawing commands and time, failing the
upload with a message the editor can act on."""

from __future__ import annotations

import io
import time
import zlib

import pytest
from django.urls import reverse

from ingest.errors import RejectedDocument
from ingest.models import FileUpload
from ingest.readers import read_pdf
from statements.models import Document

from .conftest import wait_for

CHUNK = b"BT /F1 12 Tf 20 200 Td (Officials said they would talk.) Tj ET\n"


def hostile_pdf(*, megabytes: float, pages: int = 1) -> bytes:
    """A PDF of a few kilobytes whose pages share one content stream of ``megabytes`` of
    drawing commands once decompressed (FlateDecode of one line repeated)."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    resources = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = StreamObject()
    stream._data = zlib.compress(CHUNK * int(megabytes * 1024 * 1024 // len(CHUNK)), 9)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    contents = writer._add_object(stream)
    for _ in range(pages):
        page = writer.add_blank_page(width=300, height=300)
        page[NameObject("/Resources")] = resources
        page[NameObject("/Contents")] = contents
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_page_that_decompresses_past_the_limit_is_refused_at_once():
    data = hostile_pdf(megabytes=60)
    assert len(data) < 200_000
    started = time.monotonic()
    with pytest.raises(RejectedDocument, match="too large or too complex"):
        read_pdf(data, filename="bomb.pdf")
    assert time.monotonic() - started < 5


def test_a_page_of_too_many_drawing_commands_is_refused(settings):
    settings.INGEST_PDF_MAX_OPERATORS = 10_000
    with pytest.raises(RejectedDocument, match="too large or too complex"):
        read_pdf(hostile_pdf(megabytes=0.1), filename="dense.pdf")


def test_a_pdf_past_the_page_limit_is_refused_before_any_page_is_read(settings):
    settings.INGEST_PDF_MAX_PAGES = 2
    with pytest.raises(RejectedDocument, match="has 3 pages; the limit is 2"):
        read_pdf(hostile_pdf(megabytes=0.01, pages=3), filename="long.pdf")


def test_reading_stops_at_the_time_limit_with_the_page_it_reached(settings):
    settings.INGEST_READ_SECONDS = 0.3
    with pytest.raises(
        RejectedDocument, match=r"longer than 0.3 seconds \(stopped at page \d+ of 40"
    ):
        read_pdf(hostile_pdf(megabytes=0.2, pages=40), filename="slow.pdf")


def test_a_pdf_of_more_text_than_the_limit_is_refused(settings):
    settings.INGEST_MAX_UPLOAD_BYTES = 50_000
    with pytest.raises(RejectedDocument, match="more than 50,000 characters"):
        read_pdf(hostile_pdf(megabytes=0.1, pages=2), filename="wordy.pdf")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _post(client, name: str, data: bytes):
    handle = io.BytesIO(data)
    handle.name = name
    return client.post(reverse("ingest:upload"), {"file": handle, "kind": "article"})


@pytest.mark.django_db
def test_the_upload_request_returns_at_once_whatever_the_pdf_holds(editor_client):
    # Ten pages sharing a 2 MB stream: read in the request, this took 40 s, past gunicorn's 30.
    data = hostile_pdf(megabytes=2, pages=10)
    started = time.monotonic()
    response = _post(editor_client, "bomb.pdf", data)
    assert time.monotonic() - started < 3  # the request only stores the file
    upload = FileUpload.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("ingest:file_upload", args=[upload.pk])
    assert upload.status == FileUpload.Status.QUEUED and bytes(upload.data) == data


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "pdf, env, message",
    [
        (dict(megabytes=60), {}, "too large or too complex"),
        (
            dict(megabytes=0.3, pages=60),
            {"INGEST_READ_SECONDS": "1"},
            "reading it took longer than 1 seconds",
        ),
    ],
    ids=["bomb", "slow"],
)
def test_the_worker_fails_a_hostile_pdf_with_a_message_on_its_page(
    roles, editor, client, start_worker, pdf, env, message
):
    client.force_login(editor)
    worker = start_worker(**env)
    response = _post(client, "hostile.pdf", hostile_pdf(**pdf))
    upload = FileUpload.objects.get()

    def failed():
        upload.refresh_from_db()
        return upload.status == FileUpload.Status.FAILED

    try:
        wait_for(failed, "the upload to fail", timeout=60)
    except AssertionError as error:
        raise AssertionError(worker.log.read_text()[-4000:]) from error
    assert message in upload.error
    assert upload.attempts == 1
    assert Document.objects.count() == 0
    page = client.get(response.url).content.decode()
    assert message in page
    # a retry is offered only where it may end otherwise (a time limit, a crash)
    assert upload.failure_kind == ("transient" if "took longer" in message else "permanent")
    assert ("Retry</button>" in page) is upload.can_retry


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_good_pdf_is_read_by_the_worker_and_leads_to_its_document(
    roles, editor, client, start_worker
):
    client.force_login(editor)
    start_worker()
    response = _post(client, "note.pdf", hostile_pdf(megabytes=0.001))
    upload = FileUpload.objects.get()
    wait_for(lambda: FileUpload.objects.filter(pk=upload.pk, status="done").exists(), "the reading")
    upload.refresh_from_db()
    assert "Officials said they would talk." in upload.document.text
    assert client.get(response.url).url == reverse("ingest:document", args=[upload.document_id])


def test_the_time_limit_of_the_task_is_not_mistaken_for_a_damaged_pdf(monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    import ingest.readers

    def interrupted(pages):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(ingest.readers, "reflow_pages", interrupted)
    with pytest.raises(SoftTimeLimitExceeded):
        read_pdf(hostile_pdf(megabytes=0.001), filename="note.pdf")
