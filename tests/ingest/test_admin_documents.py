"""A document added in the admin is stored as an upload is: hashed, not stored twice, queued
for extraction; once stored, its text (which every statement's offsets index) is read-only."""

import pytest
from django.urls import reverse

from ingest.services import content_hash, document_create, normalize_text
from statements.models import Document
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:statements_document_add")
TEXT = "Invented Times\r\n\r\nA spokesperson said the invented talks would resume soon.  \r\n"


def _add(client, text: str, **fields):
    return client.post(ADD, {"text": text, "title": "", "kind": "article", **fields})


def test_a_document_added_in_the_admin_is_hashed_and_queued(
    client, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _add(client, TEXT, url="https://example.com/invented")
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.text == normalize_text(TEXT)
    assert document.content_hash == content_hash(normalize_text(TEXT))
    assert document.title == "Invented Times"
    assert document.uploaded_by == editor
    assert document.status == Document.Status.QUEUED
    assert len(callbacks) == 1  # the extraction task, sent once the add commits
    # The same text uploaded afterwards is the same document.
    again = document_create(text=TEXT.replace("  ", " "), enqueue=False)
    assert not again.created and again.document == document


def test_a_second_document_added_in_the_admin_is_stored_too(client, editor):
    client.force_login(editor)
    assert _add(client, TEXT).status_code == 302
    assert _add(client, "Another invented report, with different words.").status_code == 302
    assert Document.objects.count() == 2
    assert len(set(Document.objects.values_list("content_hash", flat=True))) == 2


def test_adding_text_already_stored_is_refused_with_a_link_to_it(client, editor):
    stored = document_create(text=TEXT, title="The first copy", enqueue=False).document
    client.force_login(editor)
    response = _add(
        client, "Invented Times\n\nA spokesperson said   the invented talks would resume soon."
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "This text is already stored as" in page
    assert reverse("admin:statements_document_change", args=[stored.pk]) in page
    assert Document.objects.count() == 1


def test_adding_an_empty_document_is_refused(client, editor):
    client.force_login(editor)
    response = _add(client, " \r\n\t ")
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_a_stored_documents_text_cannot_be_changed_in_the_admin(client, editor):
    document = DocumentFactory()
    before = (document.text, document.content_hash)
    client.force_login(editor)
    url = reverse("admin:statements_document_change", args=[document.pk])
    page = client.get(url)
    assert "text" not in page.context["adminform"].form.fields
    response = client.post(
        url,
        {
            "title": "A corrected title",
            "kind": document.kind,
            "text": "Entirely different words.",
            "places": "[]",
            "statements-TOTAL_FORMS": "0",
            "statements-INITIAL_FORMS": "0",
            "statistics-TOTAL_FORMS": "0",
            "statistics-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    document.refresh_from_db()
    assert document.title == "A corrected title"
    assert (document.text, document.content_hash) == before


@pytest.mark.parametrize("model", ["urlfetch", "fileupload"])
def test_the_upload_lists_filter_by_failure_kind_and_survive_a_nul_in_the_search(
    client, admin_user, model
):
    from ingest.models import FileUpload, UrlFetch, url_hash

    UrlFetch.objects.create(
        url="https://example.com/busy",
        url_hash=url_hash("https://example.com/busy"),
        status="failed",
        error="The page answered 503 Service Unavailable.",
        failure_kind="transient",
    )
    FileUpload.objects.create(
        name="busy.pdf", data=b"", status="failed", error="x", failure_kind="transient"
    )
    client.force_login(admin_user)
    changelist = reverse(f"admin:ingest_{model}_changelist")
    assert b"busy" in client.get(changelist, {"failure_kind": "transient"}).content
    assert b"busy" not in client.get(changelist, {"failure_kind": "permanent"}).content
    assert client.get(changelist, {"q": "busy\x00"}).status_code == 200
