"""Nothing accepted is lost and nothing is done twice: a broker down at upload, a worker killed
mid-task, a task delivered twice. Real PostgreSQL, real Redis, real `celery worker` processes."""

from __future__ import annotations

import os
import signal
from collections import Counter

import pytest
import redis
from django.core.management import call_command
from django.utils import timezone

from config.celery import app
from ingest.services import document_create, documents_requeue_stale
from ingest.tasks import process_document
from statements.models import Document, Statement

from .conftest import wait_for, wait_until_finished

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def text(demo_texts) -> str:
    return next(iter(demo_texts.values()))


def _assert_done_once_and_nothing_doubled(document: Document) -> None:
    assert document.status == Document.Status.DONE, document.error
    spans = Counter(document.statements.values_list("start", "end"))
    assert spans, "the document should have statements"
    assert max(spans.values()) == 1, f"doubled statements: {spans}"
    assert Document.objects.filter(content_hash=document.content_hash).count() == 1


def test_a_document_uploaded_while_the_broker_is_down_is_processed_after_the_sweep(
    broker_down, start_worker, text
):
    stored = document_create(text=text)  # on commit the send fails; the upload still succeeds
    document = Document.objects.get(pk=stored.document.pk)
    assert document.status == Document.Status.QUEUED
    assert document.attempts == 0

    broker_down()  # the broker is back
    start_worker()
    assert documents_requeue_stale(older_than=timezone.now()) == 1

    document = wait_until_finished(document.pk)
    _assert_done_once_and_nothing_doubled(document)
    assert document.attempts == 1


def test_the_requeue_stale_command_sends_stuck_documents_again(broker_down, start_worker, text):
    stored = document_create(text=text)
    broker_down()
    start_worker()
    call_command("requeue_stale", minutes=0)
    _assert_done_once_and_nothing_doubled(wait_until_finished(stored.document.pk))


def _gated(tmp_path):
    gate = tmp_path / "gate" / "open"
    gate.parent.mkdir()
    return gate, {"INGEST_TEST_GATE": str(gate)}


def _started_pid(gate) -> int:
    found = wait_for(lambda: list(gate.parent.glob("started-*")), "the extraction to start")
    return int(found[0].name.split("-", 1)[1])


def test_a_task_whose_pool_process_is_killed_is_redelivered_and_finishes_once(
    start_worker, text, tmp_path
):
    gate, env = _gated(tmp_path)
    start_worker("tests.ingest.gated_celery", **env)
    document = document_create(text=text).document

    os.kill(_started_pid(gate), signal.SIGKILL)  # the pool process dies mid-extraction
    gate.touch()

    document = wait_until_finished(document.pk)
    _assert_done_once_and_nothing_doubled(document)
    assert document.attempts == 2


def test_a_task_held_by_a_worker_killed_outright_is_redelivered_to_another_worker(
    start_worker, text, tmp_path
):
    gate, env = _gated(tmp_path)
    first = start_worker("tests.ingest.gated_celery", **env)
    document = document_create(text=text).document
    _started_pid(gate)
    first.kill()  # the whole worker, parent included: nobody is left to give the task back
    assert Document.objects.get(pk=document.pk).status == Document.Status.PROCESSING

    # Redis hands an unacknowledged task to a worker that starts after its visibility timeout.
    _wait_until_older_than(seconds=1)
    second = start_worker(CELERY_VISIBILITY_TIMEOUT="1")

    try:
        document = wait_until_finished(document.pk)
    except AssertionError as error:
        raise AssertionError(second.log.read_text()[-4000:]) from error
    _assert_done_once_and_nothing_doubled(document)
    assert document.attempts == 2


def _wait_until_older_than(*, seconds: float) -> None:
    """Wait until every unacknowledged message was delivered more than ``seconds`` ago."""
    client = redis.Redis.from_url(app.conf.broker_url)

    def old_enough() -> bool:
        delivered = client.zrange("unacked_index", 0, -1, withscores=True)
        now = client.time()[0]
        return bool(delivered) and all(score < now - seconds for _, score in delivered)

    wait_for(old_enough, "the task to outlive the visibility timeout")


def test_the_same_task_delivered_twice_doubles_nothing(start_worker, text):
    document = document_create(text=text, enqueue=False).document
    start_worker()
    process_document.delay(document.pk)
    process_document.delay(document.pk)

    wait_for(
        lambda: Document.objects.filter(pk=document.pk, attempts=2, status="done").exists(),
        "both deliveries to finish",
    )
    document.refresh_from_db()
    _assert_done_once_and_nothing_doubled(document)
    assert Statement.objects.count() == document.statements.count()


def _worker_backends() -> set[int]:
    """The database sessions on the test database other than this test's own."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return {pid for (pid,) in cursor.fetchall()}


def test_a_worker_keeps_its_connection_and_replaces_one_the_database_closed(
    start_worker, demo_texts
):
    texts = list(demo_texts.values())
    start_worker(CONN_MAX_AGE="600")
    first = document_create(text=texts[0]).document
    wait_until_finished(first.pk)
    backends = _worker_backends()
    assert backends, "the worker should hold a connection"
    second = document_create(text=texts[1]).document
    wait_until_finished(second.pk)
    assert _worker_backends() == backends  # the same session served both documents

    # The server ends the session (a restart, a proxy time-out): the next task checks its
    # connection first, opens a new one and succeeds at the first attempt.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) AS pid", [list(backends)]
        )
    wait_for(lambda: not (_worker_backends() & backends), "the sessions to end")
    third = document_create(text=texts[2]).document
    third = wait_until_finished(third.pk)
    assert third.status == Document.Status.DONE and third.attempts == 1, third.error
