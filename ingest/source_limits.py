"""Manners for polling other people's servers: robots.txt, a least interval between two
requests to one host, and one poll of a source at a time.

The interval and the locks live in Redis (SOURCE_REDIS_URL, the broker's by default), so every
worker keeps to them together. Without Redis (``make run`` runs tasks in-process) they are kept
in this process.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import urllib.robotparser
from urllib.parse import urlsplit

import redis
from django.conf import settings
from django.core.cache import cache

from .fetch import FetchError, fetch

logger = logging.getLogger(__name__)

ROBOTS_AGENT = "CT-Statements-Ingest"

# Reserve the next free moment for a request to one host: the wait (seconds) comes back, and
# the host's next free moment moves one interval past this one. Redis' own clock, so workers
# on machines whose clocks differ still keep the interval.
_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local gap = tonumber(ARGV[1])
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
if free < now then free = now end
redis.call('SET', KEYS[1], tostring(free + gap), 'PX', math.ceil((free + gap - now) * 1000) + 1000)
return tostring(free - now)
"""

_local_lock = threading.Lock()
_local_free: dict[str, float] = {}
_local_claims: dict[str, float] = {}
_clients: dict[str, redis.Redis] = {}


def _redis() -> redis.Redis | None:
    url = settings.SOURCE_REDIS_URL
    if not url.startswith(("redis://", "rediss://", "unix://")):
        return None
    if url not in _clients:
        _clients[url] = redis.Redis.from_url(url, socket_timeout=3, socket_connect_timeout=3)
    return _clients[url]


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def reserve_host(url: str, *, gap: float | None = None) -> float:
    """Reserve the next request to ``url``'s host: the seconds to wait before sending it, at
    least ``gap`` (SOURCE_HOST_INTERVAL by default) after the host's previous request."""
    gap = settings.SOURCE_HOST_INTERVAL if gap is None else gap
    key = "source-host:" + hashlib.sha256(host_of(url).encode()).hexdigest()[:32]
    client = _redis()
    if client is not None:
        try:
            return max(0.0, float(client.eval(_RESERVE, 1, key, gap)))
        except redis.RedisError:
            logger.warning("Redis cannot be reached; the host interval is kept in this process")
    with _local_lock:
        now = time.monotonic()
        free = max(now, _local_free.get(key, 0.0))
        _local_free[key] = free + gap
        return free - now


def wait_for_host(url: str, *, gap: float | None = None) -> None:
    """Sleep until a request to ``url``'s host may be sent."""
    time.sleep(reserve_host(url, gap=gap))


def claim(name: str, *, seconds: int) -> bool:
    """Take the lock ``name`` for at most ``seconds``; False when someone holds it."""
    client = _redis()
    if client is not None:
        try:
            return bool(client.set(f"source-lock:{name}", "1", nx=True, ex=seconds))
        except redis.RedisError:
            logger.warning("Redis cannot be reached; the poll lock is kept in this process")
    with _local_lock:
        now = time.monotonic()
        if _local_claims.get(name, 0.0) > now:
            return False
        _local_claims[name] = now + seconds
        return True


def release(name: str) -> None:
    client = _redis()
    if client is not None:
        try:
            client.delete(f"source-lock:{name}")
            return
        except redis.RedisError:
            pass
    with _local_lock:
        _local_claims.pop(name, None)


def robots_for(url: str) -> urllib.robotparser.RobotFileParser:
    """The robots.txt rules of ``url``'s host, fetched through the guarded fetch and kept for
    SOURCE_ROBOTS_SECONDS. A robots.txt that is missing (4xx) allows everything (RFC 9309);
    one that cannot be fetched (5xx, the network) raises FetchError and is not kept."""
    origin = host_of(url)
    key = "source-robots:" + hashlib.sha256(origin.encode()).hexdigest()[:32]
    text = cache.get(key)
    if text is None:
        wait_for_host(url)
        try:
            page = fetch(origin + "/robots.txt")
            text = page.body.decode(page.charset or "utf-8", errors="replace")
        except FetchError as error:
            if error.status is None or not 400 <= error.status < 500:
                raise FetchError(f"robots.txt of {origin} could not be read: {error}") from error
            text = ""
        cache.set(key, text, settings.SOURCE_ROBOTS_SECONDS)
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(text.splitlines())
    return parser


def robots_allow(url: str) -> bool:
    """Whether robots.txt lets our agent fetch ``url``."""
    return robots_for(url).can_fetch(ROBOTS_AGENT, url)


def host_gap(url: str) -> float:
    """The least seconds between two requests to ``url``'s host: the setting, or the host's
    Crawl-delay when it asks for more."""
    delay = robots_for(url).crawl_delay(ROBOTS_AGENT)
    return max(settings.SOURCE_HOST_INTERVAL, float(delay or 0))
