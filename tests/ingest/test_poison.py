"""A document that fails for good is failed, not retried for ever; an outage is retried.

"string is too long for tsvector" and a lost connection both reach the task as Django's
OperationalError. Real PostgreSQL errors here, no stand-ins for the database.
"""

from __future__ import annotations

import random
import string

import pytest
from django.db import OperationalError, connection
from django.db.backends.postgresql.base import DatabaseWrapper

import ingest.storing
from ingest.outages import is_outage
from ingest.services import document_create
from ingest.tasks import process_document
from statements.models import Document

from .conftest import wait_until_finished

pytestmark = pytest.mark.django_db


def _sentence(rng: random.Random) -> str:
    words = (
        "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(5, 10)))
        for _ in range(20)
    )
    return " ".join(words).capitalize() + "."


def poison_transcript() -> str:
    """A briefing whose one answer is 1.4 MB of different words: as one statement, its search
    vector is past PostgreSQL's 1 MB tsvector limit."""
    rng = random.Random(7)
    answer = " ".join(_sentence(rng) for _ in range(8500))
    return (
        "Department Press Briefing\nMay 5, 2022\n\n"
        "MR PRICE: Good afternoon, everybody.\n\n"
        "QUESTION: On Pakistan, will you keep working on border security?\n\n"
        f"MR PRICE: We will keep working with Pakistan on border security. {answer}\n\n"
        "QUESTION: And the visa question?\n\n"
        "MR PRICE: Our support for Pakistan against terrorism is unwavering.\n"
    )


def _error_of(sql: str, params: list) -> OperationalError:
    with pytest.raises(OperationalError) as caught, connection.cursor() as cursor:
        cursor.execute(sql, params)
    return caught.value


def test_a_vector_past_the_tsvector_limit_is_not_an_outage():
    error = _error_of("SELECT to_tsvector('english', %s)", [poison_transcript()])
    assert "too long for tsvector" in str(error)
    assert not is_outage(error)


def test_a_database_that_cannot_be_reached_is_an_outage():
    closed = DatabaseWrapper({**connection.settings_dict, "PORT": "9"}, alias="closed")
    with pytest.raises(OperationalError) as caught:
        closed.ensure_connection()
    assert is_outage(caught.value)


def test_a_permanent_database_error_fails_the_document_at_once_without_a_retry(monkeypatch):
    # Without the bound on a statement's length the store itself fails, for good.
    monkeypatch.setattr(ingest.storing, "MAX_STATEMENT_CHARS", 10**8)
    document = document_create(text=poison_transcript(), enqueue=False).document

    result = process_document.apply(args=[document.pk])

    document.refresh_from_db()
    assert result.get(propagate=False) == "failed"
    assert document.status == Document.Status.FAILED
    assert "too long for tsvector" in document.error
    assert document.attempts == 1  # one run: an eager retry would have counted again


def test_a_huge_answer_is_stored_cut_at_a_sentence_with_offsets_that_still_match():
    document = document_create(text=poison_transcript(), enqueue=False).document
    assert process_document.run(document.pk) == "done"
    document.refresh_from_db()
    assert document.status == Document.Status.DONE, document.error
    longest = max(document.statements.all(), key=lambda s: len(s.text))
    assert len(longest.text) <= ingest.storing.MAX_STATEMENT_CHARS
    assert longest.text.endswith(".")
    assert document.text[longest.start : longest.end] == longest.text
    assert all(longest.start <= s and e <= longest.end for s, e in longest.words)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_poison_transcript_through_a_real_worker_ends_done_not_stuck_processing(start_worker):
    start_worker()
    document = document_create(text=poison_transcript()).document
    document = wait_until_finished(document.pk, timeout=60)
    assert document.status == Document.Status.DONE, document.error
    assert document.attempts == 1
    assert document.statements.count() == 2


def test_a_document_whose_worker_dies_every_time_is_failed_after_the_last_attempt(settings):
    settings.INGEST_MAX_ATTEMPTS = 3
    document = document_create(text="MR PRICE: Hello.", enqueue=False).document
    Document.objects.filter(pk=document.pk).update(status="processing", attempts=3)
    assert process_document.run(document.pk) == "failed"
    document.refresh_from_db()
    assert document.status == Document.Status.FAILED
    assert document.error.startswith("Stopped after 3 attempts")

    # An editor's retry counts afresh; a late redelivery leaves a finished document alone.
    from ingest.services import document_retry

    document_retry(document=document)
    assert Document.objects.get(pk=document.pk).attempts == 0
    Document.objects.filter(pk=document.pk).update(status="done", attempts=3)
    assert process_document.run(document.pk) == "failed"
    assert Document.objects.get(pk=document.pk).status == Document.Status.DONE


def test_a_task_past_its_soft_time_limit_tells_the_editor_so():
    from celery.exceptions import SoftTimeLimitExceeded

    from ingest.tasks import failure_message

    message = failure_message(SoftTimeLimitExceeded(), doing="Reading the file", limit=45)
    assert message == "Reading the file took longer than 45 seconds and was stopped."


def test_a_task_records_whether_a_retry_may_mend_its_failure():
    from celery.exceptions import SoftTimeLimitExceeded

    from ingest.tasks import GivenUp, failure_kind

    # A time limit, a worker that kept stopping, an error (a bug fixed, memory freed): may pass.
    for error in (SoftTimeLimitExceeded(), GivenUp("Stopped after 3 attempts"), MemoryError()):
        assert failure_kind(error) == "transient", error
    # An exception that is not an error, as the editor's page always judged it.
    assert failure_kind(Exception("no")) == "permanent"
