"""Cached aggregates (chart series, totals, speaker counts), invalidated on every write.

Every cached value is stored with the data version it was computed under, a counter kept in
the cache itself. Anything that writes statements, speakers or statistics bumps the version
(signals for single saves and deletes, explicit calls for bulk writes), so the next read finds
an older version beside the value and computes afresh.
With CACHE_URL pointing at Redis the version is shared by every web and worker process; the
in-memory default suits a single process (`make run`), and a TTL bounds staleness anyway.

The cache is an optimisation, never a dependency: when it cannot be reached, every function
here answers as if it were empty (values are computed, invalidations have nothing to do), a
warning is logged once per outage and the cache is left alone for RETRY_SECONDS rather than
asked again by every request. When it answers again, the version is bumped once, since
writes made during the outage could not invalidate what it still holds.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from redis.exceptions import RedisError

T = TypeVar("T")
VERSION_KEY = "statements:data-version"
RETRY_SECONDS = 30.0
# What an unreachable or failing cache server raises (socket errors are OSErrors).
CACHE_ERRORS = (RedisError, OSError)

log = logging.getLogger(__name__)
_state = {"down_until": 0.0}  # monotonic time before which the cache is not asked
_state_lock = threading.Lock()


def _safely(operation: Callable[[], T], default: T) -> T:
    """``operation()`` on the cache, or ``default`` while the cache cannot be reached."""
    if _state["down_until"] and time.monotonic() < _state["down_until"]:
        return default
    try:
        result = operation()
    except CACHE_ERRORS as error:
        with _state_lock:
            first = not _state["down_until"]
            _state["down_until"] = time.monotonic() + RETRY_SECONDS
        if first:
            log.warning(
                "The cache cannot be reached (%s): pages are computed without it; "
                "trying again every %.0f seconds.",
                error,
                RETRY_SECONDS,
            )
        return default
    if _state["down_until"]:
        with _state_lock:
            recovered, _state["down_until"] = bool(_state["down_until"]), 0.0
        if recovered:
            log.warning("The cache answers again.")
            _safely(_incr_unsafe, None)  # what it holds may predate writes during the outage
    return result


def cache_available() -> bool:
    """Whether the cache answers now (for /health/): one round trip, no back-off."""
    try:
        cache.get(VERSION_KEY)
    except CACHE_ERRORS:
        return False
    return True


def data_version() -> int:
    def read() -> int:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, 1, timeout=None)
            version = cache.get(VERSION_KEY, 1)
        return int(version)

    return _safely(read, 0)


def _incr_unsafe() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key expired or was evicted: start a new series of versions
        cache.add(VERSION_KEY, 2, timeout=None)


def _incr() -> None:
    _safely(_incr_unsafe, None)


def bump_data_version() -> None:
    """Invalidate every cached aggregate: now, and again once the transaction commits
    (a reader between the two may have cached the old data under the new version)."""
    _incr()
    transaction.on_commit(_incr)


# Open while a stream of writes (documents being ingested) holds its invalidations back.
WINDOW_KEY = "statements:invalidation-window"


def open_invalidation_window(seconds: float) -> bool:
    """Open a window of ``seconds`` in which a stream of writes does not invalidate, unless one
    is open already; True if this call opened it. The window's owner must end it with
    :func:`close_invalidation_window`; should that never come, the window lapses a minute late."""
    # Without a cache nothing is cached to invalidate: no window, nothing to close.
    return _safely(lambda: cache.add(WINDOW_KEY, 1, timeout=seconds + 60), False)


def close_invalidation_window() -> None:
    """End the window and invalidate every cached aggregate: what was written during it is
    counted from now on. The window goes first, so a write after this opens a new one."""
    _safely(lambda: cache.delete(WINDOW_KEY), None)
    _incr()


def cached(name: str, parts: object, compute: Callable[[], T]) -> T:
    """``compute()``, cached under ``name`` + ``parts`` for the current data version.

    The entry holds the version it was computed under and is read together with the current
    version, in one round trip to the cache; an entry of an older version is recomputed.
    """
    digest = hashlib.sha1(
        json.dumps(parts, sort_keys=True, default=str).encode(), usedforsecurity=False
    ).hexdigest()
    key = f"statements:{name}:{digest}"
    found = _safely(lambda: cache.get_many([VERSION_KEY, key]), None)
    if found is None:  # no cache: computed every time
        return compute()
    version = found.get(VERSION_KEY)
    if version is None:
        version = data_version()
    entry = found.get(key)
    if entry is not None and entry[0] == int(version):
        return entry[1]
    value = compute()
    _safely(
        lambda: cache.set(key, (int(version), value), timeout=settings.AGGREGATE_CACHE_SECONDS),
        None,
    )
    return value


def filter_key(filters: dict) -> dict:
    """Cleaned filter values as plain data for a cache key (model instances by primary key)."""

    def plain(value: object) -> object:
        if hasattr(value, "pk"):
            return value.pk
        if hasattr(value, "__iter__") and not isinstance(value, str | bytes):
            return sorted(plain(v) for v in value)
        return value

    return {name: plain(value) for name, value in sorted(filters.items())}
