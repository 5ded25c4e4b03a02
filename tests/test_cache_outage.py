"""A Redis outage: pages are computed without the cache, and /health/ says which part is down.

The cache is a real Redis client facing a closed port, as when the server is down or
unreachable; nothing is mocked.
"""

import datetime as dt
import json
import logging

import pytest
from django.urls import reverse

from statements import cache as statements_cache
from tests.factories import StatementFactory
from tests.statements import sample

pytestmark = pytest.mark.django_db

UNREACHABLE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = UNREACHABLE
    yield
    statements_cache._state["down_until"] = 0.0  # the next test starts with a working cache


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_every_reader_page_is_served_while_the_cache_is_down(client, redis_down, caplog):
    corpus = sample.build(months=3, per_month=2)
    statement = corpus["statements"][0]
    urls = [
        "/",
        "/?q=border&sort=relevance",
        "/?stack=speaker&topic=border-security",
        "/pledges/",
        "/context/",
        "/speakers/",
        reverse("statements:speaker", args=[statement.speaker.slug]),
        reverse("statements:statement", args=[statement.pk]),
        reverse("statements:document", args=[statement.document_id]),
        "/export.csv",
        "/export.json",
        "/feed.atom",
    ]
    with caplog.at_level(logging.WARNING, logger="statements.cache"):
        for url in urls * 2:
            response = client.get(url)
            _body(response)
            assert response.status_code == 200, url
        # A write invalidates nothing, and fails nothing either.
        StatementFactory(said_on=dt.date(2022, 2, 2), text="Written during the outage")
    assert "Written during the outage" in client.get("/").content.decode()
    warnings = [r for r in caplog.records if r.name == "statements.cache"]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]  # logged once, not per request
    assert "cannot be reached" in warnings[0].getMessage()


def test_health_reports_the_cache_down_and_the_database_up(client, redis_down):
    response = client.get("/health/")
    assert response.status_code == 200  # pages can be served: stay in the load balancer
    report = json.loads(response.content)
    assert report == {"status": "degraded", "database": "ok", "cache": "down", "broker": "ok"}


def test_health_reports_the_broker_down(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"
    response = client.get("/health/")
    assert response.status_code == 200
    report = json.loads(response.content)
    assert report == {"status": "degraded", "database": "ok", "cache": "ok", "broker": "down"}


def test_health_reports_everything_up(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert json.loads(response.content)["status"] == "ok"


def test_the_cache_is_used_again_once_it_answers(client, settings, redis_down):
    StatementFactory()
    assert client.get("/").status_code == 200
    assert statements_cache._state["down_until"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    statements_cache._state["down_until"] = 1.0  # the back-off has lapsed
    calls = []
    assert statements_cache.cached("probe", 1, lambda: calls.append(1) or 5) == 5
    assert statements_cache.cached("probe", 1, lambda: calls.append(1) or 6) == 5
    assert calls == [1] and not statements_cache._state["down_until"]
