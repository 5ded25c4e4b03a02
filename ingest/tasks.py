"""Celery tasks: thin wrappers that load an id and call one pipeline function."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.db.models import F
from django.utils import timezone

from statements.cache import close_invalidation_window
from statements.models import Document

from .pipeline import document_fail, document_process

logger = logging.getLogger(__name__)

# Only a database that went away is worth a retry; a bug in the extractor is not.
TRANSIENT = (OperationalError, InterfaceError)
# Delivered again if a worker dies holding it; retried, with back-off, only for TRANSIENT errors.
RELIABLE = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": TRANSIENT,
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "max_retries": 5,
}


@shared_task(
    **RELIABLE,
    soft_time_limit=300,
    time_limit=330,
)
def process_document(document_id: int) -> str:
    """Extract and store the statements of document ``document_id``; safe to run twice."""
    if not Document.objects.filter(pk=document_id).update(attempts=F("attempts") + 1):
        logger.info("document %s is gone; nothing to do", document_id)
        return "missing"
    try:
        document_process(document_id=document_id)
    except TRANSIENT:
        raise
    except Exception as error:  # never leave a document stuck as processing
        logger.exception("extraction failed for document %s", document_id)
        document_fail(document_id=document_id, error=f"{type(error).__name__}: {error}")
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


@shared_task(
    **RELIABLE,
    soft_time_limit=120,
    time_limit=150,
)
def fetch_url(fetch_id: int) -> str:
    """Fetch the page of URL upload ``fetch_id`` and store its text; safe to run twice."""
    from .models import UrlFetch
    from .services import url_fetch_process

    if not UrlFetch.objects.filter(pk=fetch_id).update(attempts=F("attempts") + 1):
        return "missing"
    try:
        fetch = url_fetch_process(fetch_id=fetch_id)
    except TRANSIENT:
        raise
    except Exception as error:  # never leave a fetch stuck: show it failed, with a retry
        logger.exception("fetching URL %s failed", fetch_id)
        UrlFetch.objects.filter(pk=fetch_id).update(
            status=UrlFetch.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:4000],
            status_changed_at=timezone.now(),
        )
        return "failed"
    return fetch.status
