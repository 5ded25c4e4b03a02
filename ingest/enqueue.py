"""Sending ingest's tasks to the workers, by name: services and the storing code enqueue
through here, so they never import ``tasks`` (which imports them).

The tasks are registered when the app is ready (``apps.IngestConfig.ready``), so a signature
by name runs as the task itself would: eagerly when CELERY_TASK_ALWAYS_EAGER is set.
"""

from __future__ import annotations

import logging

from celery import current_app
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

PROCESS_DOCUMENT = "ingest.tasks.process_document"
FETCH_URL = "ingest.tasks.fetch_url"
READ_UPLOAD = "ingest.tasks.read_upload"
INVALIDATE_AGGREGATES = "ingest.tasks.invalidate_aggregates"


def send(task: str, *args, countdown: float | None = None) -> None:
    """Send task ``task`` now (raises what the broker raises when it cannot be reached)."""
    current_app.signature(task, args=args).apply_async(countdown=countdown)


def send_on_commit(task: str, row_id: int, *, countdown: float | None = None) -> None:
    """Send task ``task`` for row ``row_id`` (to start ``countdown`` seconds later, if given)
    once the current transaction commits, so it never runs before its row exists. If the broker
    cannot be reached the row simply stays queued; the periodic sweep (``requeue_stale``) sends
    it again later, so nothing accepted is lost."""

    def sent() -> None:
        try:
            send(task, row_id, countdown=countdown)
        except OperationalError:  # broker down: the sweep will retry
            logger.warning("could not send %s(%s); the row stays queued", task, row_id)

    transaction.on_commit(sent)
