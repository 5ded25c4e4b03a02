"""Celery tasks: thin wrappers that load an id and call one service or pipeline function.

Retries: only a database outage (``outages.is_outage``) is retried, with back-off doubling
from 1 s up to RETRY_BACKOFF_MAX and full jitter, MAX_RETRIES times: about ten minutes
without jitter, five on average with it, so a database restart or a network blip of a minute
or two is outlasted. Every other error is a verdict on this input: the row is marked failed
with the error, for the editor to see, and the task ends.

Time limits: the soft limit raises SoftTimeLimitExceeded inside the task (caught: the row is
failed with a message); the hard limit kills the pool process if the soft one did not stop it.
The extractor reads about 100 documents a second, so a minute is hundreds of times what a
real document needs. Redis redelivers a message its worker has held unacknowledged longer than
the visibility timeout (settings), and a worker holds a retry through its countdown, so the
visibility timeout must exceed RETRY_BACKOFF_MAX plus the longest hard limit
(tests/ingest/test_recovery.py checks it).
"""

from __future__ import annotations

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from statements.cache import close_invalidation_window
from statements.models import Document

from .outages import DatabaseOutage, is_outage, outages_retried
from .pipeline import document_fail, document_process

logger = logging.getLogger(__name__)

RETRY_BACKOFF_MAX = 60
MAX_RETRIES = 15
# Delivered again if a worker dies holding it; retried, with back-off, only for an outage.
RELIABLE = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (DatabaseOutage,),
    "retry_backoff": True,
    "retry_backoff_max": RETRY_BACKOFF_MAX,
    "retry_jitter": True,
    "max_retries": MAX_RETRIES,
}
PROCESS_LIMITS = {"soft_time_limit": 60, "time_limit": 75}
FETCH_LIMITS = {"soft_time_limit": 60, "time_limit": 75}
READ_LIMITS = {"soft_time_limit": 45, "time_limit": 60}


def longest_time_limit() -> int:
    """The longest hard time limit of the tasks that retry (for the visibility timeout)."""
    return max(limits["time_limit"] for limits in (PROCESS_LIMITS, FETCH_LIMITS, READ_LIMITS))


def _started(model, pk: int) -> int | None:
    """Count one more start of row ``pk``: its starts so far, or None when the row is gone."""
    if not model.objects.filter(pk=pk).update(attempts=F("attempts") + 1):
        return None
    return model.objects.values_list("attempts", flat=True).get(pk=pk)


def given_up(attempts: int) -> str | None:
    """The message for a row started more than INGEST_MAX_ATTEMPTS times, else None.

    A document (or file) that kills its worker every time (memory, a hard time limit, a crash)
    would otherwise be delivered again at once (reject_on_worker_lost) or by the sweep, for
    ever. Attempts start again from 0 when an editor retries.
    """
    limit = settings.INGEST_MAX_ATTEMPTS
    if attempts <= limit:
        return None
    return (
        f"Stopped after {limit} attempts: each time the worker stopped before it finished "
        "(a time limit, or it crashed or ran out of memory). Retry once the cause is fixed."
    )


class GivenUp(Exception):
    """Started too many times; the message says so."""


def failure_message(error: Exception, *, doing: str, limit: int) -> str:
    """What the editor reads when a task gave up on its input."""
    if isinstance(error, SoftTimeLimitExceeded):
        return f"{doing} took longer than {limit} seconds and was stopped."
    if isinstance(error, GivenUp):
        return str(error)
    return f"{type(error).__name__}: {error}"


@shared_task(**RELIABLE, **PROCESS_LIMITS)
def process_document(document_id: int) -> str:
    """Extract and store the statements of document ``document_id``; safe to run twice."""
    with outages_retried():
        attempts = _started(Document, document_id)
        if attempts is None:
            logger.info("document %s is gone; nothing to do", document_id)
            return "missing"
        if message := given_up(attempts):
            # A late redelivery of a document already done leaves it done.
            Document.objects.filter(pk=document_id).exclude(status=Document.Status.DONE).update(
                status=Document.Status.FAILED, error=message, status_changed_at=timezone.now()
            )
            return "failed"
        try:
            document_process(document_id=document_id)
        except Exception as error:  # never leave a document stuck as processing
            if is_outage(error):
                raise
            logger.exception("extraction failed for document %s", document_id)
            message = failure_message(
                error, doing="Extraction", limit=PROCESS_LIMITS["soft_time_limit"]
            )
            document_fail(document_id=document_id, error=message)
            return "failed"
        return "done"


@shared_task(acks_late=True, ignore_result=True)
def invalidate_aggregates() -> None:
    """The end of an invalidation window of ingested documents (pipeline.aggregates_changed)."""
    close_invalidation_window()


@shared_task(acks_late=True)
def requeue_stale_documents() -> int:
    """Send again the documents queued or processing for longer than INGEST_STALE_AFTER."""
    from .services import documents_requeue_stale

    return documents_requeue_stale(older_than=timezone.now() - settings.INGEST_STALE_AFTER)


@shared_task(**RELIABLE, **FETCH_LIMITS)
def fetch_url(fetch_id: int) -> str:
    """Fetch the page of URL upload ``fetch_id`` and store its text; safe to run twice."""
    from .models import UrlFetch
    from .services import url_fetch_process

    with outages_retried():
        attempts = _started(UrlFetch, fetch_id)
        if attempts is None:
            return "missing"
        try:
            if message := given_up(attempts):
                raise GivenUp(message)
            fetch = url_fetch_process(fetch_id=fetch_id)
        except Exception as error:  # never leave a fetch stuck: show it failed, with a retry
            if is_outage(error):
                raise
            logger.exception("fetching URL %s failed", fetch_id)
            message = failure_message(
                error, doing="Fetching the page", limit=FETCH_LIMITS["soft_time_limit"]
            )
            UrlFetch.objects.filter(pk=fetch_id).exclude(status=UrlFetch.Status.DONE).update(
                status=UrlFetch.Status.FAILED,
                error=message[:4000],
                status_changed_at=timezone.now(),
            )
            return "failed"
        return fetch.status


@shared_task(**RELIABLE, **READ_LIMITS)
def read_upload(upload_id: int) -> str:
    """Read the uploaded file ``upload_id`` (with limits) and store its text; safe to run twice."""
    from .models import FileUpload
    from .services import file_upload_process

    with outages_retried():
        attempts = _started(FileUpload, upload_id)
        if attempts is None:
            return "missing"
        try:
            if message := given_up(attempts):
                raise GivenUp(message)
            upload = file_upload_process(upload_id=upload_id)
        except Exception as error:  # never leave an upload stuck: show it failed, with a retry
            if is_outage(error):
                raise
            logger.exception("reading file upload %s failed", upload_id)
            message = failure_message(
                error, doing="Reading the file", limit=READ_LIMITS["soft_time_limit"]
            )
            FileUpload.objects.filter(pk=upload_id).exclude(status=FileUpload.Status.DONE).update(
                status=FileUpload.Status.FAILED,
                error=message[:4000],
                status_changed_at=timezone.now(),
            )
            return "failed"
        return upload.status
