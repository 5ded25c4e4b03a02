"""Celery tasks of saved searches' alerts: thin, each calls one function of statements.alerts.

A mail server that does not answer (an SMTP or network error) is retried with back-off; the
alert records are written in the transaction that sends the mail, so a retry sends only what
no mail announced yet.
"""

from __future__ import annotations

import logging
import smtplib

from celery import shared_task
from django.db import transaction

from . import alerts

logger = logging.getLogger(__name__)

MAIL_RETRIES = {
    "autoretry_for": (smtplib.SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 900,
    "retry_jitter": True,
    "max_retries": 8,
}
LIMITS = {"soft_time_limit": 120, "time_limit": 150}


@shared_task(acks_late=True, **MAIL_RETRIES, **LIMITS)
def send_immediate_alerts(document_id: int) -> int:
    """Mail the "as it happens" saved searches the new statements of document ``document_id``."""
    return alerts.alerts_for_document(document_id=document_id)


@shared_task(acks_late=True, **MAIL_RETRIES, **LIMITS)
def send_digests(frequency: str) -> int:
    """Mail the daily or weekly saved searches what is new (beat schedule in settings)."""
    return alerts.digests_send(frequency=frequency)


def alerts_after_extraction(*, document_id: int) -> None:
    """Called by the ingest pipeline inside the transaction that stored a document's
    statements: once it commits, check the "as it happens" saved searches against them.
    Nothing is sent to the broker while no such search exists."""
    if not alerts.immediate_searches_exist():
        return

    def enqueue() -> None:
        try:
            send_immediate_alerts.delay(document_id)
        except Exception:  # the broker is down: logged, and this document is not mailed
            logger.warning("could not queue the alerts of document %s", document_id, exc_info=True)

    transaction.on_commit(enqueue)
