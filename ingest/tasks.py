"""Celery tasks: thin wrappers that load an id and call one service or storing function.

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
from collections.abc import Callable

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from statements.cache import close_invalidation_window
from statements.models import Document

from . import enqueue
from .models import FileUpload, IngestRequest, UrlFetch
from .outages import DatabaseOutage, is_outage, outages_retried
from .services import documents_requeue_stale, file_upload_process, url_fetch_process
from .storing import document_fail, document_process

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


def failure_kind(error: Exception) -> str:
    """Whether a retry may mend what stopped a task: a time limit, a worker that kept
    stopping, or an error of ours or of a library (a bug fixed, a service back) may pass."""
    passing = isinstance(error, (SoftTimeLimitExceeded, GivenUp))
    if passing or type(error).__name__.endswith("Error"):
        return IngestRequest.FailureKind.TRANSIENT
    return IngestRequest.FailureKind.PERMANENT


@shared_task(name=enqueue.PROCESS_DOCUMENT, **RELIABLE, **PROCESS_LIMITS)
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


@shared_task(name=enqueue.INVALIDATE_AGGREGATES, acks_late=True, ignore_result=True)
def invalidate_aggregates() -> None:
    """The end of an invalidation window of ingested documents (storing.aggregates_changed)."""
    close_invalidation_window()


@shared_task(acks_late=True)
def requeue_stale_documents() -> int:
    """Send again the documents queued or processing for longer than INGEST_STALE_AFTER."""
    return documents_requeue_stale(older_than=timezone.now() - settings.INGEST_STALE_AFTER)


@shared_task(name=enqueue.FETCH_URL, **RELIABLE, **FETCH_LIMITS)
def fetch_url(fetch_id: int) -> str:
    """Fetch the page of URL upload ``fetch_id`` and store its text; safe to run twice."""
    return _request_run(
        UrlFetch,
        fetch_id,
        lambda: url_fetch_process(fetch_id=fetch_id),
        doing="Fetching the page",
        limits=FETCH_LIMITS,
    )


@shared_task(name=enqueue.READ_UPLOAD, **RELIABLE, **READ_LIMITS)
def read_upload(upload_id: int) -> str:
    """Read the uploaded file ``upload_id`` (with limits) and store its text; safe to run twice."""
    return _request_run(
        FileUpload,
        upload_id,
        lambda: file_upload_process(upload_id=upload_id),
        doing="Reading the file",
        limits=READ_LIMITS,
    )


def _request_run(
    model: type[IngestRequest],
    pk: int,
    process: Callable[[], IngestRequest],
    *,
    doing: str,
    limits: dict[str, int],
) -> str:
    """The body of a URL fetch's or a file upload's task: count row ``pk``'s start, give up on
    a row started too often, else ``process`` it; never leave a row stuck: one that fails is
    shown failed, with the reason and whether a retry may help. Returns the row's status, or
    "missing"."""
    with outages_retried():
        attempts = _started(model, pk)
        if attempts is None:
            return "missing"
        try:
            if message := given_up(attempts):
                raise GivenUp(message)
            return process().status
        except Exception as error:
            if is_outage(error):
                raise
            logger.exception("%s (%s %s) failed", doing, model.__name__, pk)
            message = failure_message(error, doing=doing, limit=limits["soft_time_limit"])
            model.objects.filter(pk=pk).exclude(status=model.Status.DONE).update(
                status=model.Status.FAILED,
                error=message[:4000],
                failure_kind=failure_kind(error),
                status_changed_at=timezone.now(),
            )
            return "failed"
