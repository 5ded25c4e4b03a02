"""Cached aggregates (chart series, totals, speaker counts), invalidated on every write.

Every cached value is keyed by a data version kept in the cache itself. Anything that writes
statements, speakers or statistics bumps the version (signals for single saves and deletes,
explicit calls for bulk writes), so the next read computes afresh and old entries simply expire.
With CACHE_URL pointing at Redis the version is shared by every web and worker process; the
in-memory default suits a single process (`make run`), and a TTL bounds staleness anyway.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")
VERSION_KEY = "statements:data-version"


def data_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def _incr() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key expired or was evicted: start a new series of versions
        cache.add(VERSION_KEY, 2, timeout=None)


def bump_data_version() -> None:
    """Invalidate every cached aggregate: now, and again once the transaction commits
    (a reader between the two may have cached the old data under the new version)."""
    _incr()
    transaction.on_commit(_incr)


def cached(name: str, parts: object, compute: Callable[[], T]) -> T:
    """``compute()``, cached under ``name`` + ``parts`` for the current data version."""
    digest = hashlib.sha1(
        json.dumps(parts, sort_keys=True, default=str).encode(), usedforsecurity=False
    ).hexdigest()
    key = f"statements:{name}:{data_version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=settings.AGGREGATE_CACHE_SECONDS)
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
