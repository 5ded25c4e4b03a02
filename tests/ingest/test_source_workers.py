"""Sources on the whole stack: celery beat finds the due source, a real worker polls it, fetches
its new articles and extracts them, with nobody uploading anything; the feed's server stops,
the source backs off and says why; the server comes back, and so does the source."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest
from django.utils import timezone

from ingest.models import Source, SourcePoll
from statements.models import Document, Statement
from tests.conftest import ROOT

from .conftest import _database_url, wait_for
from .feed_server import FeedSite, Page, article, rss

pytestmark = pytest.mark.django_db(transaction=True)

WORKER_ENV = {"INGEST_ALLOW_PRIVATE_URLS": "true", "SOURCE_HOST_INTERVAL": "0.05"}


@pytest.fixture
def site(settings) -> Iterator[FeedSite]:
    settings.INGEST_ALLOW_PRIVATE_URLS = True
    feed_site = FeedSite().start()
    yield feed_site
    feed_site.stop()


@pytest.fixture
def start_beat(broker, tmp_path) -> Iterator:
    """`celery beat` in a subprocess, checking for due sources every second."""
    started: list[subprocess.Popen] = []

    def start() -> subprocess.Popen:
        environment = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": broker,
            "SOURCE_CHECK_EVERY_SECONDS": "1",
        }
        command = [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel=INFO"]
        command += ["-s", str(tmp_path / "beat-schedule")]
        with (tmp_path / "beat.log").open("wb") as log:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)


def _items(*numbers: int) -> list[tuple[str, str]]:
    return [(f"/news/{n}", f"Council review {n}") for n in numbers]


def test_beat_polls_a_source_whose_articles_arrive_and_it_backs_off_and_recovers(
    site, start_worker, start_beat
):
    for number in (1, 2, 3):
        site.pages[f"/news/{number}"] = Page(article(number, f"Council review {number}"))
    site.pages["/feed.xml"] = Page(rss(_items(1, 2, 1), base=site.url("")), etag='"one"')
    source = Source.objects.create(name="The Invented Ledger", url=site.url("/feed.xml"))
    start_worker(**WORKER_ENV)
    start_beat()

    def done(count: int):
        return Document.objects.filter(status=Document.Status.DONE).count() == count

    wait_for(lambda: done(2), "the feed's two articles to be extracted")
    assert Statement.objects.filter(document__url=site.url("/news/1")).exists()
    source.refresh_from_db()
    assert source.failures == 0 and source.etag == '"one"'
    assert source.next_poll_at > timezone.now()

    # The feed's server goes away; the next poll (made due now) fails and the source backs off.
    port = site.port
    site.stop()
    Source.objects.filter(pk=source.pk).update(next_poll_at=timezone.now())
    wait_for(lambda: Source.objects.filter(pk=source.pk, failures=1).exists(), "a failed poll")
    source.refresh_from_db()
    assert "could not be fetched" in source.last_error
    assert source.next_poll_at - source.last_polled_at == source.interval * 2
    assert SourcePoll.objects.filter(source=source).exclude(error="").count() == 1

    # It comes back with one more article; the source recovers and takes only the new one.
    site.pages["/feed.xml"] = Page(rss(_items(3, 2, 1), base=site.url("")), etag='"two"')
    site.start(port=port)
    Source.objects.filter(pk=source.pk).update(next_poll_at=timezone.now())
    wait_for(lambda: done(3), "the new article to be extracted")
    source.refresh_from_db()
    assert (source.failures, source.last_error, source.etag) == (0, "", '"two"')
    assert [len(site.hits(f"/news/{n}")) for n in (1, 2, 3)] == [1, 1, 1]
    assert Document.objects.count() == 3
