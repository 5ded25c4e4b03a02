"""Polling sources: ask a feed, sitemap or index page what is new, and send each new entry
through the URL-upload path (its SSRF guard, size cap and time-out; a text already stored is
found by its hash there), each entry once per source by its address.

A poll is polite (robots.txt, a least interval per host, conditional requests) and bounded (at
most SOURCE_MAX_ENTRIES_PER_POLL new entries; the rest wait for the next poll, which then asks
for the whole source again). A source that fails is polled less often, doubling its interval
each time up to a day, and the reason is kept on it and on the poll; a success resets it.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from .enqueue import FETCH_URL, send_on_commit
from .errors import RejectedDocument
from .fetch import FetchedPage, FetchError, check_url, fetch, normalize_url
from .models import Source, SourceEntry, SourcePoll, UrlFetch, url_hash
from .source_limits import claim, host_gap, host_of, release, reserve_host, robots_allow
from .source_reading import (
    Entry,
    UnreadableSource,
    feed_entries,
    index_entries,
    sitemap_entries,
    wanted,
    words,
)

logger = logging.getLogger(__name__)

# A claimed source is not claimed again for this long (a worker that died mid-poll).
POLL_LEASE = timedelta(minutes=10)
# The lock of one source's poll outlives the poll task's hard time limit.
POLL_LOCK_SECONDS = 300
# A sitemap index: the newest of its sitemaps read in one poll.
SITEMAP_CHILDREN = 3
# An entry whose host is booked further ahead than this waits for the next poll (a task's
# countdown must stay well inside the broker's visibility timeout).
MAX_COUNTDOWN = 90.0
# After a capped poll, the next comes at most this soon, to take the rest.
CAPPED_AGAIN_AFTER = timedelta(minutes=5)
# Polls kept per source (a source polled every minute would otherwise add 1,440 a day).
POLLS_KEPT = 500


def sources_claim_due(*, now: datetime | None = None, limit: int = 100) -> list[int]:
    """The ids of the active sources whose next poll is due, each moved POLL_LEASE ahead so no
    other claim takes it while it is polled (the poll then sets its real next time)."""
    now = now or timezone.now()
    due = Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now)
    with transaction.atomic():
        rows = (
            Source.objects.select_for_update(skip_locked=True)
            .filter(due, active=True)
            .order_by(F("next_poll_at").asc(nulls_first=True))
            .values_list("pk", flat=True)[:limit]
        )
        ids = list(rows)
        Source.objects.filter(pk__in=ids).update(next_poll_at=now + POLL_LEASE)
    return ids


@dataclass
class _Outcome:
    page: FetchedPage | None = None
    deferred: bool = False


def source_poll(*, source_id: int, requested: bool = False) -> SourcePoll | None:
    """Poll one source now and record it (a SourcePoll); None when the source is gone or
    another worker is polling it. Never raises for the source's own failures: they are
    recorded, and the source backs off."""
    lock = f"source-{source_id}"
    if not claim(lock, seconds=POLL_LOCK_SECONDS):
        return None
    try:
        source = Source.objects.select_related("outlet").filter(pk=source_id).first()
        if source is None:
            return None
        poll = SourcePoll.objects.create(
            source=source, started_at=timezone.now(), requested=requested
        )
        try:
            outcome = _poll(source, poll)
        except Exception as error:  # recorded on the source, whatever it was
            message = _failure_message(error)
            if message is None:
                logger.exception("polling source %s failed", source_id)
                message = f"{type(error).__name__}: {error}"
            _failed(source, poll, message, status=getattr(error, "status", None))
            return poll
        _succeeded(source, poll, outcome)
        return poll
    finally:
        release(lock)


def _failure_message(error: Exception) -> str | None:
    """What the editor reads of a failure we expect (None for one we do not: a bug)."""
    if isinstance(error, RejectedDocument | UnreadableSource):
        return str(error)
    if isinstance(error, SoftTimeLimitExceeded):
        return "The poll took longer than its time limit and was stopped."
    return None


def _poll(source: Source, poll: SourcePoll) -> _Outcome:
    url = normalize_url(source.url)
    check_url(url)
    if not robots_allow(url):
        raise UnreadableSource(f"robots.txt of {host_of(url)} does not allow polling {url}.")
    headers = {}
    if source.etag:
        headers["If-None-Match"] = source.etag
    if source.last_modified:
        headers["If-Modified-Since"] = source.last_modified
    reserve_and_wait(url)
    page = fetch(url, headers=headers)
    poll.http_status = page.status
    if page.status == 304:
        return _Outcome(page)
    entries = _entries(source, page)
    deferred = _take(source, poll, entries)
    return _Outcome(page, deferred)


def reserve_and_wait(url: str) -> None:
    """Wait for the host's next free moment (its interval, or its robots.txt Crawl-delay)."""
    time.sleep(min(reserve_host(url, gap=host_gap(url)), MAX_COUNTDOWN))


def _entries(source: Source, page: FetchedPage) -> list[Entry]:
    if source.kind == Source.Kind.FEED:
        return feed_entries(page.body, base_url=page.url)
    if source.kind == Source.Kind.INDEX:
        return index_entries(page.body, base_url=page.url)
    sitemap = sitemap_entries(page.body, base_url=page.url)
    entries = list(sitemap.entries)
    for child in sitemap.children[:SITEMAP_CHILDREN]:
        child = normalize_url(child)
        reserve_and_wait(child)
        entries += sitemap_entries(fetch(child).body, base_url=child).entries
    return entries


def _take(source: Source, poll: SourcePoll, entries: list[Entry]) -> bool:
    """Record the new entries that pass the rules and send them to be fetched; whether some
    new ones were left for the next poll."""
    include, exclude = words(source.include_words), words(source.exclude_words)
    candidates: dict[str, Entry] = {}
    for entry in entries:
        try:
            address = normalize_url(entry.url)
            check_url(address)
        except FetchError:
            poll.skipped += 1
            continue
        if address in candidates:
            continue  # listed twice: one entry
        poll.found += 1
        if wanted(entry, include=include, exclude=exclude):
            candidates[address] = entry
        else:
            poll.skipped += 1
    hashes = {url_hash(address): address for address in candidates}
    known = set(
        SourceEntry.objects.filter(source=source, url_hash__in=list(hashes)).values_list(
            "url_hash", flat=True
        )
    )
    cap = settings.SOURCE_MAX_ENTRIES_PER_POLL
    for digest, address in hashes.items():
        if digest in known:
            continue
        if poll.new >= cap:
            poll.deferred += 1
            continue
        if not _robots_allow_entry(address):
            poll.skipped += 1
            continue
        delay = reserve_host(address, gap=host_gap(address))
        if delay > MAX_COUNTDOWN:
            poll.deferred += 1
            continue
        if _entry_create(source, poll, address, candidates[address], countdown=delay):
            poll.new += 1
    return poll.deferred > 0


def _robots_allow_entry(address: str) -> bool:
    try:
        return robots_allow(address)
    except FetchError:  # another host's robots.txt cannot be read now: ask again next poll
        return False


def _entry_create(
    source: Source, poll: SourcePoll, address: str, entry: Entry, *, countdown: float
) -> bool:
    """One entry, once per source; its URL fetch is shared with anyone who asked for the same
    address (fetched once) and sent to the workers after ``countdown`` seconds."""
    digest = url_hash(address)
    with transaction.atomic():
        row, created = SourceEntry.objects.get_or_create(
            source=source,
            url_hash=digest,
            defaults={"url": address, "title": entry.title, "poll": poll},
        )
        if not created:
            return False
        row.fetch, fetch_created = UrlFetch.objects.get_or_create(
            url_hash=digest,
            defaults={
                "url": address,
                "title": entry.title,
                "outlet": source.outlet.name if source.outlet else "",
                "published_on": entry.published_on,
                "kind": source.document_kind,
            },
        )
        row.shared = not (fetch_created or row.fetch.can_retry)
        row.save(update_fields=["fetch", "shared"])
        if not row.shared:
            # New, or asked for before and failed for a passing reason (the network, a time
            # limit): fetch it now. A page refused for good (too large, not text) stays so.
            UrlFetch.objects.filter(pk=row.fetch.pk).update(
                status=UrlFetch.Status.QUEUED,
                error="",
                failure_kind="",
                attempts=0,
                status_changed_at=timezone.now(),
            )
            _send_fetch(row.fetch.pk, countdown)
    return True


def _send_fetch(fetch_id: int, countdown: float) -> None:
    """Fetch on commit, ``countdown`` seconds later; if the broker is down the stale sweep sends
    it later."""
    send_on_commit(FETCH_URL, fetch_id, countdown=countdown)


def _succeeded(source: Source, poll: SourcePoll, outcome: _Outcome) -> None:
    now = timezone.now()
    page = outcome.page
    if outcome.deferred:
        # The rest of the entries wait: the next poll must get the whole source, not a 304.
        source.etag = source.last_modified = ""
    elif page is not None and page.status == 200:
        source.etag, source.last_modified = page.etag, page.last_modified
    wait = min(source.interval, CAPPED_AGAIN_AFTER) if outcome.deferred else source.interval
    source.failures, source.last_error = 0, ""
    source.last_polled_at, source.next_poll_at = now, now + wait
    _save(source, poll, now)


def _failed(source: Source, poll: SourcePoll, message: str, *, status: int | None) -> None:
    now = timezone.now()
    poll.error = message[:4000]
    poll.http_status = status or poll.http_status
    source.failures += 1
    source.last_error = poll.error
    source.last_polled_at, source.next_poll_at = now, now + source.backoff(source.failures)
    _save(source, poll, now)


def _save(source: Source, poll: SourcePoll, now: datetime) -> None:
    poll.finished_at = now
    poll.save()
    fields = ["etag", "last_modified", "failures", "last_error", "last_polled_at", "next_poll_at"]
    source.save(update_fields=fields)
    old = source.polls.order_by("-started_at", "-pk").values_list("pk", flat=True)[POLLS_KEPT:]
    SourcePoll.objects.filter(pk__in=list(old[:1000])).delete()


def polls_with_outcomes(source: Source) -> QuerySet[SourcePoll]:
    """The source's polls, newest first, each with what became of its new entries: ingested
    (a new document), already stored (the same text, or the same address, asked for before),
    failed, still waiting."""
    fetch = "entries__fetch__"
    done = Q(**{f"{fetch}status": UrlFetch.Status.DONE})
    duplicate = Q(**{f"{fetch}duplicate": True})
    return source.polls.annotate(
        ingested=Count("entries", filter=done & ~duplicate & Q(entries__shared=False)),
        duplicates=Count("entries", filter=done & (duplicate | Q(entries__shared=True))),
        failed=Count("entries", filter=Q(**{f"{fetch}status": UrlFetch.Status.FAILED})),
        waiting=Count(
            "entries",
            filter=Q(**{f"{fetch}status__in": [UrlFetch.Status.QUEUED, UrlFetch.Status.FETCHING]}),
        ),
    ).order_by("-started_at", "-pk")
