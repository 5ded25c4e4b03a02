"""Recovery in minutes, without the stale-document sweep: a worker killed holding a document, and
a database out of reach for 40 s. Real workers, Redis and PostgreSQL; the outage is a TCP proxy
between the worker and the database, stopped and started again by the test."""

from __future__ import annotations

import logging
import time
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection

from ingest import tasks
from ingest.services import document_create
from statements.models import Document

from .conftest import _database_url, wait_for, wait_until_finished
from .tcp_proxy import TcpProxy
from .test_faults import _assert_done_once_and_nothing_doubled, _gated, _started_pid

logger = logging.getLogger(__name__)
TASKS = [tasks.process_document, tasks.fetch_url]


def test_a_killed_workers_message_comes_back_within_minutes_and_never_while_still_held():
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    visibility = options["visibility_timeout"]
    throttle = options.get("unacked_restore_throttle", 10)
    restore_every = options["unacked_restore_interval"] * throttle
    assert visibility + restore_every <= 200, "a killed worker's documents wait too long"
    # A live worker holds a message through a retry's countdown and then the run itself.
    for task in TASKS:
        assert task.retry_backoff_max + task.time_limit < visibility, task.name
        assert task.soft_time_limit < task.time_limit


def test_retries_outlast_an_outage_of_several_minutes():
    for task in TASKS:
        waits = [min(2**n, task.retry_backoff_max) for n in range(task.max_retries)]
        assert sum(waits) >= 8 * 60, task.name  # about half that on average, with jitter
    assert settings.INGEST_STALE_AFTER.total_seconds() <= 5 * 60
    schedule = settings.CELERY_BEAT_SCHEDULE["requeue-stale-documents"]["schedule"]
    assert schedule.total_seconds() <= 2 * 60


@pytest.fixture
def text(demo_texts) -> str:
    return next(iter(demo_texts.values()))


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_document_held_by_a_killed_worker_is_done_by_a_running_one_within_seconds(
    start_worker, text, tmp_path
):
    gate, env = _gated(tmp_path)
    first = start_worker("tests.ingest.gated_celery", CELERY_VISIBILITY_TIMEOUT="5", **env)
    document = document_create(text=text).document
    _started_pid(gate)
    # A second worker is already running when the first dies: the message must come back by
    # its periodic restore sweep, not by a worker starting up later.
    second = start_worker(CELERY_VISIBILITY_TIMEOUT="5")
    killed_at = time.monotonic()
    first.kill()

    try:
        document = wait_until_finished(document.pk, timeout=60)
    except AssertionError as error:
        raise AssertionError(second.log.read_text()[-4000:]) from error
    took = time.monotonic() - killed_at
    logger.warning("recovered %.1f s after the kill (visibility timeout 5 s)", took)
    _assert_done_once_and_nothing_doubled(document)
    assert document.attempts >= 2


def _through(proxy: TcpProxy) -> str:
    url = urlsplit(_database_url())
    credentials = url.netloc.rsplit("@", 1)[0]
    return urlunsplit(url._replace(netloc=f"{credentials}@127.0.0.1:{proxy.port}"))


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_document_sent_during_a_40_second_database_outage_is_done_after_it(start_worker, text):
    db = connection.settings_dict
    proxy = TcpProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)).start()
    try:
        worker = start_worker(DATABASE_URL=_through(proxy), CONN_MAX_AGE="600")
        warm = document_create(text=text + "\n\nA first document, before the outage.").document
        wait_until_finished(warm.pk)  # the worker holds a connection through the proxy

        proxy.stop()  # the database is out of reach: the open connection is cut, new refused
        down_at = time.monotonic()
        document = document_create(text=text).document
        wait_for(lambda: "Retry in" in worker.log.read_text(errors="replace"), "a retry")
        time.sleep(max(0.0, 40 - (time.monotonic() - down_at)))
        assert Document.objects.get(pk=document.pk).status == Document.Status.QUEUED
        proxy.start()  # the same port again
        up_at = time.monotonic()

        try:
            document = wait_until_finished(document.pk, timeout=150)
        except AssertionError as error:
            raise AssertionError(worker.log.read_text()[-4000:]) from error
        logger.warning("done %.1f s after the database came back", time.monotonic() - up_at)
    finally:
        proxy.stop()
    _assert_done_once_and_nothing_doubled(document)


def test_a_visibility_timeout_too_short_for_a_held_task_is_reported_at_start_up(settings):
    from ingest.checks import visibility_timeout_outlasts_a_held_task

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    assert visibility_timeout_outlasts_a_held_task(None) == []
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60}
    (warning,) = visibility_timeout_outlasts_a_held_task(None)
    assert warning.id == "ingest.W001" and "should exceed 135 s" in warning.msg
