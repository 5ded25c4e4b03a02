"""Uploads that do what the editor meant: too-short pastes refused, titles not taken from a
byline, duplicates that say what was kept, addresses refused on the form as the worker would."""

import importlib

import pytest
from django.urls import reverse

from ingest.services import _first_line, document_create
from statements.models import Document

pytestmark = pytest.mark.django_db

ARTICLE = (
    "By Jane Holloway\n"
    "Staff Reporter\n"
    "Talks on the border to resume in March\n\n"
    "ISLAMABAD: The interior ministry said on Tuesday that a new round of talks on the border "
    "would begin in the second week of March, and that both delegations had agreed to meet."
)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _upload(client, **data):
    data.setdefault("kind", "article")
    return client.post(reverse("ingest:upload"), data)


def test_a_paste_of_a_few_words_is_refused_as_too_short(editor_client):
    response = _upload(editor_client, text="Officials met on Monday.")
    assert response.status_code == 400
    assert b"too short to be a document" in response.content
    assert Document.objects.count() == 0


def test_a_paste_of_a_paragraph_is_accepted(editor_client):
    response = _upload(editor_client, text=ARTICLE)
    assert response.status_code == 302
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    "text, title",
    [
        (ARTICLE, "Talks on the border to resume in March"),
        ("BY A CORRESPONDENT\nTalks resume\nBody", "Talks resume"),
        ("Reporting by Sam Hale\nNews desk\nTalks resume\nBody", "Talks resume"),
        ("Bypass road opens\nBody", "Bypass road opens"),
        ("By Jane Doe", "By Jane Doe"),  # nothing else to take
    ],
)
def test_the_title_is_not_taken_from_a_byline(text, title):
    assert _first_line(text) == title


def test_a_stored_document_takes_its_title_past_the_byline(editor_client):
    _upload(editor_client, text=ARTICLE)
    assert Document.objects.get().title == "Talks on the border to resume in March"


def test_the_demo_corpus_is_long_enough_to_be_documents():
    from pathlib import Path

    from ingest.services import require_enough_text

    for path in sorted(Path("ingest/demo_corpus").glob("*.txt")):
        require_enough_text(path.read_text())


@pytest.mark.parametrize(
    "url", ["http://localhost/", "http://127.0.0.1:8000/a", "http://10.0.0.5/", "http://[::1]/"]
)
def test_an_address_on_loopback_or_a_private_network_is_refused_on_the_form(
    editor_client, settings, url
):
    settings.INGEST_ALLOW_PRIVATE_URLS = False
    from ingest.models import UrlFetch

    response = _upload(editor_client, url=url)
    assert response.status_code == 400
    assert b"private or internal network" in response.content
    assert UrlFetch.objects.count() == 0


def test_a_private_address_is_accepted_when_the_setting_allows_it(editor_client, settings):
    settings.INGEST_ALLOW_PRIVATE_URLS = True
    response = _upload(editor_client, url="http://localhost/")
    assert response.status_code == 302


@pytest.mark.parametrize("kind, retry", [("transient", True), ("permanent", False), ("", True)])
def test_retry_is_offered_only_for_a_failure_a_retry_can_mend(editor_client, kind, retry):
    from ingest.models import FileUpload, UrlFetch, url_hash

    error = "The page answered 503 Service Unavailable."  # the kind decides, not the wording
    fetch = UrlFetch.objects.create(
        url="https://example.com/a",
        url_hash=url_hash("https://example.com/a"),
        status="failed",
        error=error,
        failure_kind=kind,
    )
    upload = FileUpload.objects.create(
        name="a.pdf", data=b"", size=0, status="failed", error=error, failure_kind=kind
    )
    for page in (
        editor_client.get(reverse("ingest:fetch", args=[fetch.pk])),
        editor_client.get(reverse("ingest:file_upload", args=[upload.pk])),
    ):
        assert (b">Retry</button>" in page.content) is retry
        assert (b"would fail the same way" in page.content) is not retry
    editor_client.post(reverse("ingest:fetch_retry", args=[fetch.pk]))
    fetch.refresh_from_db()
    assert (fetch.status == "queued") is retry
    if retry:  # the retry forgets the failure
        assert fetch.error == "" and fetch.failure_kind == ""


@pytest.mark.parametrize(
    "error, retry",
    [
        ("That address points at a private or internal network.", False),
        ("note.pdf is not a PDF file.", False),
        ("The page is larger than the 10.0 MB limit.", False),
        ("The text is too short to be a document (4 words): paste the whole article.", False),
        ("The page answered 404 Not Found.", False),
        ("The page could not be fetched ([Errno 111] Connection refused).", True),
        ("The page took longer than 60 seconds to fetch.", True),
        ("The page answered 503 Service Unavailable.", True),
        ("Stopped after 3 attempts: each time the worker stopped before it finished.", True),
        ("MemoryError: out of memory", True),
    ],
)
def test_failures_recorded_before_their_kind_was_stored_get_it_from_their_wording(error, retry):
    from django.apps import apps

    from ingest.models import FileUpload, UrlFetch, url_hash

    migration = importlib.import_module("ingest.migrations.0008_request_failure_kind")
    fetch = UrlFetch.objects.create(
        url="https://example.com/a", url_hash=url_hash("https://example.com/a"), status="failed"
    )
    upload = FileUpload.objects.create(name="a.pdf", data=b"", size=0, status="failed")
    waiting = FileUpload.objects.create(name="b.pdf", data=b"", size=0, error=error)
    UrlFetch.objects.update(error=error)
    FileUpload.objects.filter(pk=upload.pk).update(error=error)
    migration.backfill(apps, None)
    for row in (fetch, upload):
        row.refresh_from_db()
        assert row.failure_kind == ("transient" if retry else "permanent")
        assert row.can_retry is retry
    waiting.refresh_from_db()
    assert waiting.failure_kind == ""  # only failed rows have a kind


def test_a_duplicate_paste_lands_on_the_existing_document_and_offers_what_was_typed(
    editor_client,
):
    from statements.models import Outlet

    stored = document_create(text=ARTICLE, outlet="The Invented Herald").document
    response = _upload(
        editor_client, text=ARTICLE + "\n", outlet="The Riverbank Ledger", published_on="2024-03-05"
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse("ingest:document", args=[stored.pk]) + "?")
    assert Document.objects.count() == 1
    page = editor_client.get(response.url).content.decode()
    assert "already stored" in page and "kept (outlet The Invented Herald, no date)" in page
    assert "you typed <strong>The Riverbank Ledger</strong>" in page
    assert "you typed <strong>5 March 2024</strong>" in page
    assert "Correct the stored document" in page

    editor_client.post(
        reverse("ingest:document_correct", args=[stored.pk]),
        {"outlet": "The Riverbank Ledger", "published_on": "2024-03-05"},
    )
    stored.refresh_from_db()
    assert stored.outlet == Outlet.objects.get(name="The Riverbank Ledger")
    assert str(stored.published_on) == "2024-03-05"
    assert stored.status == "queued"  # re-extracted: statement dates are read against it


def test_a_duplicate_with_nothing_new_offers_nothing(editor_client):
    stored = document_create(text=ARTICLE, outlet="The Invented Herald").document
    response = _upload(editor_client, text=ARTICLE, outlet="the invented herald")
    assert response.url == reverse("ingest:document", args=[stored.pk])
    page = editor_client.get(response.url).content.decode()
    assert "already stored" in page and "Correct the stored document" not in page


def test_a_pdf_of_a_stored_article_lands_on_the_existing_document(editor_client):
    import io

    from ingest.models import FileUpload
    from ingest.services import file_upload_process
    from tests.ingest.test_pdf_reflow import ARTICLE as PLAIN
    from tests.ingest.test_pdf_reflow import PAGES, _article_pdf

    stored = document_create(text=PLAIN).document
    handle = io.BytesIO(_article_pdf(PAGES))
    handle.name = "ledger.pdf"
    response = _upload(editor_client, file=handle, outlet="The Riverbank Ledger")
    upload = file_upload_process(upload_id=FileUpload.objects.get().pk)
    assert upload.duplicate and upload.document_id == stored.pk
    assert Document.objects.count() == 1
    landing = editor_client.get(response.url)
    assert landing.url.startswith(reverse("ingest:document", args=[stored.pk]) + "?")
    page = editor_client.get(landing.url).content.decode()
    assert "already stored" in page and "you typed <strong>The Riverbank Ledger</strong>" in page


def test_only_an_editor_who_may_change_documents_can_correct(client, django_user_model):
    stored = document_create(text=ARTICLE).document
    client.force_login(django_user_model.objects.create_user("nobody", password="x"))
    response = client.post(
        reverse("ingest:document_correct", args=[stored.pk]), {"outlet": "Somewhere"}
    )
    assert response.status_code == 403
    stored.refresh_from_db()
    assert stored.outlet is None
