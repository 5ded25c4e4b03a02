"""Celery tasks of sources: beat's minute check for due sources, and one source's poll.

Registered through CELERY_IMPORTS (settings), as autodiscovery reads only ``tasks`` modules.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import transaction
from kombu.exceptions import OperationalError

from .models import Source
from .sources import source_poll, sources_claim_due

logger = logging.getLogger(__name__)

# Below the broker's visibility timeout (180 s): a poll is not delivered twice while it runs
# (and the source's lock would turn a second delivery away).
POLL_LIMITS = {"soft_time_limit": 150, "time_limit": 170}


@shared_task(acks_late=True, ignore_result=True)
def poll_due_sources() -> int:
    """Send every source whose next poll is due to the workers (beat runs this every minute)."""
    ids = sources_claim_due()
    for source_id in ids:
        poll_source.delay(source_id)
    return len(ids)


@shared_task(ignore_result=True, **POLL_LIMITS)
def poll_source(source_id: int, requested: bool = False) -> str:
    """Poll source ``source_id`` once; its outcome is recorded on it (a SourcePoll)."""
    poll = source_poll(source_id=source_id, requested=requested)
    if poll is None:
        return "skipped"
    return "failed" if poll.error else "done"


def source_poll_enqueue(*, source: Source) -> None:
    """Poll ``source`` as soon as a worker is free (an editor's "Poll now"), after commit."""

    def send() -> None:
        try:
            poll_source.delay(source.pk, True)
        except OperationalError:
            logger.warning("could not enqueue a poll of source %s", source.pk)

    transaction.on_commit(send)
