import threading

import pytest
from django.db import connection

from ingest.errors import RejectedDocument
from ingest.services import content_hash, document_create, normalize_text
from statements.models import Document

pytestmark = pytest.mark.django_db


def test_normalize_text_unifies_newlines_and_drops_control_characters():
    assert normalize_text("a\r\nb\x07c  \r\n\n") == "a\nbc"


def test_the_hash_ignores_differences_in_white_space():
    assert content_hash("Officials said\n\nmore.") == content_hash("Officials  said more. ")


def test_it_rejects_an_empty_document_and_stores_nothing():
    with pytest.raises(RejectedDocument, match="empty"):
        document_create(text=" \n\t ")
    assert Document.objects.count() == 0


def test_the_same_text_twice_is_stored_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        first = document_create(text="An invented report.\nA spokesperson spoke.")
        second = document_create(text="An  invented report. A spokesperson spoke.\n")
    assert first.created and not second.created
    assert second.document.pk == first.document.pk
    assert Document.objects.count() == 1


def test_a_new_document_is_queued_for_the_workers_on_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        stored = document_create(text="An invented report.", outlet="The Daily Invented")
    assert len(callbacks) == 1
    assert stored.document.status == Document.Status.QUEUED
    assert stored.document.outlet.name == "The Daily Invented"
    assert stored.document.title == "An invented report."


@pytest.mark.django_db(transaction=True)
def test_two_uploads_of_the_same_text_racing_store_one_document():
    text = "An invented report of a raced upload.\nA spokesperson spoke twice."
    barrier = threading.Barrier(2)
    results: list = []

    def upload(spacing: str) -> None:
        try:
            barrier.wait()
            results.append(document_create(text=text.replace(" ", spacing), enqueue=False))
        finally:
            connection.close()

    threads = [threading.Thread(target=upload, args=(s,)) for s in (" ", "  ")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Document.objects.count() == 1
    assert len({r.document.pk for r in results}) == 1
    assert sorted(r.created for r in results) == [False, True]


def test_only_web_addresses_are_kept_as_a_documents_link(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        hostile = document_create(text="One invented text.", url="javascript:alert(1)")
        fine = document_create(text="Another invented text.", url="https://example.com/a")
    assert hostile.document.url == ""
    assert fine.document.url == "https://example.com/a"


def test_every_task_sent_by_name_is_a_registered_task():
    """Services enqueue by name (ingest.enqueue), so a renamed task must fail here, not in a
    worker's log."""
    from celery import current_app

    from ingest import enqueue

    names = [enqueue.PROCESS_DOCUMENT, enqueue.FETCH_URL, enqueue.READ_UPLOAD]
    for name in [*names, enqueue.INVALIDATE_AGGREGATES]:
        assert current_app.signature(name).type.name == name
