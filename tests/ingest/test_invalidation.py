"""Cached aggregates follow a stream of ingested documents once per window, not per document
(ingest.storing.aggregates_changed); a single document or an editor's change shows at once."""

from __future__ import annotations

import pytest
import redis
from django.core.cache import cache

from ingest.services import document_create
from ingest.storing import document_process
from ingest.tasks import invalidate_aggregates
from statements.cache import WINDOW_KEY, cached

from .conftest import wait_until_finished

TEXT = (
    "WASHINGTON - Officials met on {day}.\n"
    '"We will keep working with our partners on {what}," said Halvorsen, '
    "a spokesperson for the Invented Ministry.\n"
)
# Every text speaks of the same topic, so that only the first document creates vocabulary rows
# (a new topic is a change analysts see, which invalidates at once).
WORDS = ["border security", "border management", "border infrastructure", "border security"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday"]


class Probe:
    """A cached aggregate that counts how often it was computed."""

    def __init__(self) -> None:
        self.computed = 0

    def read(self) -> int:
        def compute() -> int:
            self.computed += 1
            return self.computed

        return cached("invalidation-probe", None, compute)


def _text(i: int) -> str:
    return TEXT.format(day=DAYS[i], what=WORDS[i])


def _stored(i: int):
    return document_create(text=_text(i), enqueue=False).document


@pytest.mark.django_db
def test_without_a_window_every_document_invalidates(settings):
    settings.INGEST_INVALIDATION_SECONDS = 0
    probe = Probe()
    probe.read()
    document_process(document_id=_stored(0).pk)
    probe.read()
    document_process(document_id=_stored(1).pk)
    probe.read()
    assert probe.computed == 3


@pytest.mark.django_db
def test_in_a_window_only_the_first_document_and_the_end_invalidate(
    settings, django_capture_on_commit_callbacks
):
    settings.INGEST_INVALIDATION_SECONDS = 30  # longer than the test: its end is called below
    document_process(document_id=_stored(0).pk)  # the speaker exists from here on
    probe = Probe()
    probe.read()
    with django_capture_on_commit_callbacks(execute=True):
        document_process(document_id=_stored(1).pk)
    assert cache.get(WINDOW_KEY), "the first document opens a window"
    probe.read()
    assert probe.computed == 2  # ... and invalidates at once
    for i in (2, 3):
        with django_capture_on_commit_callbacks(execute=True):
            document_process(document_id=_stored(i).pk)
    probe.read()
    assert probe.computed == 2  # held back while the window is open
    invalidate_aggregates()  # the task the first document scheduled for the window's end
    assert cache.get(WINDOW_KEY) is None
    probe.read()
    assert probe.computed == 3


@pytest.mark.django_db(transaction=True)
def test_with_no_broker_to_end_the_window_a_document_invalidates_at_once(settings, broker_down):
    settings.INGEST_INVALIDATION_SECONDS = 30
    probe = Probe()
    probe.read()
    document_process(document_id=_stored(0).pk)
    assert cache.get(WINDOW_KEY) is None, "a window nothing would end stays closed"
    probe.read()
    assert probe.computed == 2


@pytest.mark.worker
def test_a_worker_holds_a_streams_invalidations_to_the_window(settings, start_worker, broker):
    """Real worker, real Redis cache shared with it: the worker's documents open the window
    and the test ends it (the worker's own end is 30 s away)."""
    cache_url = broker.rsplit("/", 1)[0] + "/14"
    redis.Redis.from_url(cache_url).flushdb()
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": cache_url}
    }
    settings.INGEST_INVALIDATION_SECONDS = 30
    start_worker(CACHE_URL=cache_url, INGEST_INVALIDATION_SECONDS="30")
    wait_until_finished(document_create(text=_text(0)).document.pk)  # creates the speaker
    invalidate_aggregates()
    probe = Probe()
    probe.read()
    wait_until_finished(document_create(text=_text(1)).document.pk)
    probe.read()
    assert probe.computed == 2
    for i in (2, 3):
        wait_until_finished(document_create(text=_text(i)).document.pk)
    probe.read()
    assert probe.computed == 2
    invalidate_aggregates()
    probe.read()
    assert probe.computed == 3
