"""/health/: for load balancers, compose health checks and whoever is on call.

The answer is JSON naming each dependency "ok" or "down" (the broker "not used" when tasks run
in-process). The HTTP status follows the database alone: 200 while it answers, since every
page can then be served (without the cache, pages are computed; without the broker, uploads
wait in the database for the requeue sweep); 503 when it does not, so a load balancer takes
the instance out. ``status`` says "ok", "degraded" (cache or broker down) or "down".
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from statements.cache import cache_available

log = logging.getLogger(__name__)
BROKER_TIMEOUT = 2.0  # seconds


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "down"
    return "ok"


def _broker() -> str:
    if not settings.CELERY_BROKER_URL:
        return "not used"
    import kombu

    broker = kombu.Connection(settings.CELERY_BROKER_URL, connect_timeout=BROKER_TIMEOUT)
    try:
        broker.ensure_connection(
            max_retries=1, interval_start=0, interval_step=0, timeout=BROKER_TIMEOUT
        )
    except Exception:  # whatever the transport raises, the broker cannot be used
        return "down"
    finally:
        broker.release()
    return "ok"


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    checks = {
        "database": _database(),
        "cache": "ok" if cache_available() else "down",
        "broker": _broker(),
    }
    down = [name for name, state in checks.items() if state == "down"]
    if down:
        log.warning("Health check: %s down", ", ".join(down))
    status = "down" if checks["database"] == "down" else ("degraded" if down else "ok")
    return JsonResponse({"status": status, **checks}, status=503 if status == "down" else 200)
