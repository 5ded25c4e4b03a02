"""The task path through a real Celery worker and a real Redis broker (no eager mode)."""

import time

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app
from ingest.services import document_create
from statements.models import Document

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker():
    assert not app.conf.task_always_eager, "the worker tests need CELERY_BROKER_URL"
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield


def _wait_until_done(pk: int, timeout: float = 30) -> Document:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        document = Document.objects.get(pk=pk)
        if document.status in (Document.Status.DONE, Document.Status.FAILED):
            return document
        time.sleep(0.1)
    raise AssertionError(f"document {pk} still {document.status} after {timeout}s")


def test_an_uploaded_document_is_processed_by_a_real_worker(worker, demo_texts):
    text = next(iter(demo_texts.values()))
    stored = document_create(text=text)  # commits, so on_commit sends the task to Redis
    document = _wait_until_done(stored.document.pk)
    assert document.status == Document.Status.DONE
    assert document.statements.exists()
    assert document.attempts == 1
