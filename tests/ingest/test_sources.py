"""Polling sources against a real web server on 127.0.0.1: feeds, sitemaps and index pages,
304 answers, broken feeds, time-outs, entries listed twice, huge feeds, robots.txt, rules.

The polls run in the test process; the URL fetches they queue are run here through the same
function the worker runs (``url_fetch_process``). tests/ingest/test_source_workers.py runs the
whole flow on real workers and beat.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ingest.models import Source, SourceEntry, UrlFetch
from ingest.services import url_fetch_process
from ingest.source_limits import claim, release, reserve_host
from ingest.sources import polls_with_outcomes, source_poll, sources_claim_due
from statements.models import Document, Outlet

from .feed_server import (
    FeedSite,
    Page,
    article,
    atom,
    http_date,
    rss,
    sitemap,
    sitemap_index,
)

pytestmark = pytest.mark.django_db

RSS = "application/rss+xml"
XML = "application/xml"


@pytest.fixture
def site(settings):
    settings.INGEST_ALLOW_PRIVATE_URLS = True
    settings.SOURCE_HOST_INTERVAL = 0.01
    feed_site = FeedSite().start()
    yield feed_site
    feed_site.stop()


def add_articles(site: FeedSite, *numbers: int) -> None:
    for number in numbers:
        site.pages[f"/news/{number}"] = Page(article(number, f"Council review {number}"))


def feed_source(site: FeedSite, path: str = "/feed.xml", **fields) -> Source:
    fields.setdefault("kind", Source.Kind.FEED)
    fields.setdefault("name", "The Invented Ledger")
    return Source.objects.create(url=site.url(path), **fields)


def run_fetches(source: Source) -> None:
    """What the workers do with the fetches a poll queued."""
    for entry in source.entries.filter(fetch__status=UrlFetch.Status.QUEUED):
        url_fetch_process(fetch_id=entry.fetch_id)


def test_a_feed_poll_ingests_each_new_entry_once_and_a_304_brings_nothing(site):
    add_articles(site, 1, 2, 3)
    items = [("/news/1", "Council review 1"), ("/news/2", "Council review 2")]
    base = site.url("")
    site.pages["/feed.xml"] = Page(rss(items + items[:1], base=base), RSS, etag='"v1"')
    outlet = Outlet.objects.create(name="The Invented Ledger")
    source = feed_source(site, outlet=outlet)

    poll = source_poll(source_id=source.pk)
    assert (poll.error, poll.http_status, poll.found, poll.new) == ("", 200, 2, 2)
    run_fetches(source)
    documents = Document.objects.order_by("title")
    assert [d.title for d in documents] == ["Council review 1", "Council review 2"]
    assert {d.outlet for d in documents} == {outlet}
    assert documents[0].published_on.isoformat() == "2024-05-14"  # the feed's date
    source.refresh_from_db()
    assert source.etag == '"v1"' and source.failures == 0
    assert source.next_poll_at - source.last_polled_at == timedelta(minutes=60)

    again = source_poll(source_id=source.pk)
    assert site.hits("/feed.xml")[-1].headers["If-None-Match"] == '"v1"'
    assert (again.http_status, again.found, again.new, again.error) == (304, 0, 0, "")

    site.pages["/feed.xml"] = Page(
        rss([("/news/3", "Council review 3"), *items], base=base), RSS, etag='"v2"'
    )
    third = source_poll(source_id=source.pk)
    assert (third.found, third.new) == (3, 1)
    run_fetches(source)
    assert Document.objects.count() == 3
    assert SourceEntry.objects.filter(source=source).count() == 3
    assert all(len(site.hits(f"/news/{n}")) == 1 for n in (1, 2, 3))
    outcomes = {p.pk: (p.ingested, p.duplicates, p.failed) for p in polls_with_outcomes(source)}
    assert outcomes == {poll.pk: (2, 0, 0), again.pk: (0, 0, 0), third.pk: (1, 0, 0)}


def test_last_modified_makes_a_conditional_request_too(site):
    add_articles(site, 1)
    stamp = http_date(1_715_673_600)
    body = atom([("/news/1", "Council review 1")], base=site.url(""))
    site.pages["/atom.xml"] = Page(body, "application/atom+xml", last_modified=stamp)
    source = feed_source(site, "/atom.xml")
    assert source_poll(source_id=source.pk).new == 1
    second = source_poll(source_id=source.pk)
    assert site.hits("/atom.xml")[-1].headers["If-Modified-Since"] == stamp
    assert second.http_status == 304 and second.new == 0


def test_the_same_text_at_two_addresses_is_stored_once(site):
    site.pages["/news/a"] = Page(article(7, "Canal road review"))
    site.pages["/news/a-copy"] = Page(article(7, "Canal road review"))
    items = [("/news/a", "Canal road review"), ("/news/a-copy", "Canal road review (copy)")]
    site.pages["/feed.xml"] = Page(rss(items, base=site.url("")), RSS)
    source = feed_source(site)
    poll = source_poll(source_id=source.pk)
    run_fetches(source)
    assert poll.new == 2
    assert Document.objects.count() == 1
    outcome = polls_with_outcomes(source).get()
    assert (outcome.ingested, outcome.duplicates) == (1, 1)


def test_an_entry_another_source_already_listed_is_not_fetched_again(site):
    add_articles(site, 1)
    site.pages["/feed.xml"] = Page(rss([("/news/1", "One")], base=site.url("")), RSS)
    first, second = feed_source(site), feed_source(site, name="A second name")
    source_poll(source_id=first.pk)
    run_fetches(first)
    source_poll(source_id=second.pk)
    run_fetches(second)
    assert len(site.hits("/news/1")) == 1
    assert first.entries.get().fetch_id == second.entries.get().fetch_id
    assert Document.objects.count() == 1
    outcome = polls_with_outcomes(second).get()
    assert (outcome.new, outcome.ingested, outcome.duplicates) == (1, 0, 1)


def test_a_feed_that_breaks_backs_off_says_why_and_recovers(site):
    add_articles(site, 1)
    source = feed_source(site, poll_minutes=30)
    site.pages["/feed.xml"] = Page(b"server trouble", "text/plain", 500)

    poll = source_poll(source_id=source.pk)
    source.refresh_from_db()
    assert poll.http_status == 500 and "500" in poll.error
    assert source.failures == 1 and "500" in source.last_error
    assert source.next_poll_at - source.last_polled_at == timedelta(minutes=60)

    source_poll(source_id=source.pk)
    source.refresh_from_db()
    assert source.failures == 2
    assert source.next_poll_at - source.last_polled_at == timedelta(minutes=120)

    site.pages["/feed.xml"] = Page(b"<rss><channel><item><title>Cut off", RSS)
    broken = source_poll(source_id=source.pk)
    source.refresh_from_db()
    assert "could not be read" in broken.error and source.failures == 3

    site.pages["/feed.xml"] = Page(rss([("/news/1", "One")], base=site.url("")), RSS)
    fixed = source_poll(source_id=source.pk)
    source.refresh_from_db()
    assert fixed.error == "" and fixed.new == 1
    assert (source.failures, source.last_error) == (0, "")
    assert source.next_poll_at - source.last_polled_at == timedelta(minutes=30)


def test_back_off_doubles_up_to_a_day():
    source = Source(poll_minutes=60)
    assert [source.backoff(n) for n in (0, 1, 2, 3)] == [timedelta(hours=h) for h in (1, 2, 4, 8)]
    assert source.backoff(5) == source.backoff(40) == timedelta(days=1)
    assert Source(poll_minutes=3 * 24 * 60).backoff(2) == timedelta(days=3)  # never sooner


def test_a_feed_that_times_out_fails_with_the_reason(site, settings):
    settings.INGEST_FETCH_TIMEOUT = 1
    settings.INGEST_FETCH_DEADLINE = 1
    site.pages["/feed.xml"] = Page(rss([], base=site.url("")), RSS, delay=3)
    source = feed_source(site)
    poll = source_poll(source_id=source.pk)
    assert "took longer than 1 seconds" in poll.error
    assert Source.objects.get().failures == 1


def test_an_article_that_times_out_fails_its_fetch_not_the_source(site, settings):
    settings.INGEST_FETCH_TIMEOUT = 1
    settings.INGEST_FETCH_DEADLINE = 1
    add_articles(site, 1)
    site.pages["/news/slow"] = Page(article(2, "Slow"), delay=3)
    items = [("/news/1", "One"), ("/news/slow", "Slow")]
    site.pages["/feed.xml"] = Page(rss(items, base=site.url("")), RSS)
    source = feed_source(site)
    assert source_poll(source_id=source.pk).error == ""
    run_fetches(source)
    outcome = polls_with_outcomes(source).get()
    assert (outcome.ingested, outcome.failed, outcome.waiting) == (1, 1, 0)
    slow = UrlFetch.objects.get(url=site.url("/news/slow"))
    assert "took longer than 1 seconds" in slow.error
    assert Source.objects.get().failures == 0


def test_a_huge_feed_is_taken_a_few_entries_per_poll(site, settings):
    settings.SOURCE_MAX_ENTRIES_PER_POLL = 5
    items = [(f"/news/{n}", f"Item {n}") for n in range(400)]
    site.pages["/feed.xml"] = Page(rss(items, base=site.url("")), RSS, etag='"big"')
    source = feed_source(site)

    first = source_poll(source_id=source.pk)
    assert (first.found, first.new, first.deferred) == (400, 5, 395)
    source.refresh_from_db()
    assert source.etag == ""  # the next poll must read the whole feed, not get a 304
    assert source.next_poll_at - source.last_polled_at == timedelta(minutes=5)

    second = source_poll(source_id=source.pk)
    assert "If-None-Match" not in site.hits("/feed.xml")[-1].headers
    assert (second.http_status, second.new, second.deferred) == (200, 5, 390)
    urls = set(source.entries.values_list("url", flat=True))
    assert urls == {site.url(f"/news/{n}") for n in range(10)}


def test_robots_txt_is_respected_and_read_once(site):
    site.pages["/robots.txt"] = Page(
        b"User-agent: *\nDisallow: /private/\n", "text/plain; charset=utf-8"
    )
    add_articles(site, 1)
    items = [("/news/1", "One"), ("/private/2", "Two")]
    site.pages["/feed.xml"] = Page(rss(items, base=site.url("")), RSS)
    source = feed_source(site)
    poll = source_poll(source_id=source.pk)
    source_poll(source_id=source.pk)
    assert (poll.found, poll.new, poll.skipped) == (2, 1, 1)
    assert not site.hits("/private/2")
    assert len(site.hits("/robots.txt")) == 1

    hidden = feed_source(site, "/private/feed.xml")
    refused = source_poll(source_id=hidden.pk)
    assert "robots.txt" in refused.error and "does not allow" in refused.error
    assert not site.hits("/private/feed.xml")


def test_include_and_exclude_words_pick_entries_by_title_or_address(site):
    items = [
        ("/world/border-talks", "Border talks resume"),
        ("/sports/checkpoint-derby", "Checkpoint derby"),
        ("/world/markets", "Markets close higher"),
        ("/world/review", "A CHECKPOINT review"),
    ]
    site.pages["/feed.xml"] = Page(rss(items, base=site.url("")), RSS)
    source = feed_source(site, include_words="border\ncheckpoint", exclude_words="sports, derby")
    poll = source_poll(source_id=source.pk)
    assert (poll.found, poll.new, poll.skipped) == (4, 2, 2)
    assert set(source.entries.values_list("title", flat=True)) == {
        "Border talks resume",
        "A CHECKPOINT review",
    }


def test_a_sitemap_and_a_sitemap_index_give_their_pages(site):
    base = site.url("")
    add_articles(site, 1, 2, 3)
    site.pages["/sitemap.xml"] = Page(sitemap(["/news/1", "/news/2"], base=base), XML)
    source = feed_source(site, "/sitemap.xml", kind=Source.Kind.SITEMAP)
    assert source_poll(source_id=source.pk).new == 2
    run_fetches(source)

    site.pages["/sitemap-old.xml"] = Page(sitemap(["/news/1"], base=base), XML)
    site.pages["/sitemap-new.xml"] = Page(sitemap(["/news/3"], base=base), XML)
    children = [("/sitemap-old.xml", "2024-01-01"), ("/sitemap-new.xml", "2024-05-01")]
    site.pages["/sitemap-index.xml"] = Page(sitemap_index(children, base=base), XML)
    index = feed_source(site, "/sitemap-index.xml", kind=Source.Kind.SITEMAP)
    poll = source_poll(source_id=index.pk)
    assert (poll.error, poll.found, poll.new) == ("", 2, 2)
    run_fetches(index)
    assert Document.objects.count() == 3

    site.pages["/broken-sitemap.xml"] = Page(b"<urlset><url><loc>", XML)
    broken = feed_source(site, "/broken-sitemap.xml", kind=Source.Kind.SITEMAP)
    assert "not well-formed" in source_poll(source_id=broken.pk).error


def test_an_entity_bomb_in_a_sitemap_is_refused(site):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><urlset><url><loc>&lol2;</loc></url></urlset>'
    )
    site.pages["/sitemap.xml"] = Page(bomb, XML)
    source = feed_source(site, "/sitemap.xml", kind=Source.Kind.SITEMAP)
    poll = source_poll(source_id=source.pk)
    assert poll.error and poll.new == 0


def test_an_index_page_gives_its_article_links_on_its_own_host(site):
    add_articles(site, 1, 2)
    links = [
        '<a href="/news/1">Council review 1</a>',
        '<a href="../news/2">Council review 2</a>',
        '<a href="/news/2#comments">Comments</a>',
        '<a href="/tag/border">Border</a>',
        '<a href="/">Home</a>',
        '<a href="https://elsewhere.example/news/3">Elsewhere</a>',
        '<a href="mailto:desk@example.org">Write to us</a>',
        '<a href="#top">Top</a>',
    ]
    body = f"<html><body><h1>Latest</h1>{''.join(links)}</body></html>".encode()
    site.pages["/latest/"] = Page(body)
    source = feed_source(site, "/latest/", kind=Source.Kind.INDEX)
    poll = source_poll(source_id=source.pk)
    assert (poll.found, poll.new) == (2, 2)
    assert set(source.entries.values_list("url", "title")) == {
        (site.url("/news/1"), "Council review 1"),
        (site.url("/news/2"), "Council review 2"),
    }


def test_requests_to_one_host_keep_the_least_interval(site, settings):
    settings.SOURCE_HOST_INTERVAL = 0.4
    waits = [reserve_host(site.url("/a")) for _ in range(3)]
    assert waits[0] < 0.05 and 0.3 < waits[1] < 0.45 and 0.7 < waits[2] < 0.85
    assert reserve_host("http://127.0.0.2:9/elsewhere") < 0.05

    add_articles(site, 1)
    site.pages["/feed.xml"] = Page(rss([("/news/1", "One")], base=site.url("")), RSS)
    other = FeedSite().start()
    try:
        other.pages["/feed.xml"] = site.pages["/feed.xml"]
        source = feed_source(other)
        source_poll(source_id=source.pk)
        robots, feed = other.requests[0], other.requests[1]
        assert (robots.path, feed.path) == ("/robots.txt", "/feed.xml")
        assert feed.at - robots.at >= 0.35
    finally:
        other.stop()


def test_due_sources_are_claimed_once(site):
    now = timezone.now()
    due = feed_source(site, next_poll_at=now - timedelta(minutes=1))
    never = feed_source(site)
    feed_source(site, next_poll_at=now + timedelta(minutes=5))
    feed_source(site, next_poll_at=now - timedelta(minutes=1), active=False)
    assert sorted(sources_claim_due(now=now)) == sorted([due.pk, never.pk])
    assert sources_claim_due(now=now) == []
    due.refresh_from_db()
    assert due.next_poll_at == now + timedelta(minutes=10)


def test_a_source_being_polled_elsewhere_is_left_alone(site):
    source = feed_source(site)
    assert claim(f"source-{source.pk}", seconds=30)
    try:
        assert source_poll(source_id=source.pk) is None
        assert not site.requests
    finally:
        release(f"source-{source.pk}")


def test_only_the_newest_polls_are_kept(site, monkeypatch):
    monkeypatch.setattr("ingest.sources.POLLS_KEPT", 2)
    site.pages["/feed.xml"] = Page(rss([], base=site.url("")), RSS, etag='"same"')
    source = feed_source(site)
    polls = [source_poll(source_id=source.pk) for _ in range(4)]
    assert list(source.polls.values_list("pk", flat=True)) == [polls[3].pk, polls[2].pk]


def test_an_address_that_failed_for_a_passing_reason_is_fetched_again_when_listed(site):
    add_articles(site, 1, 2)
    down = UrlFetch.objects.create(
        url=site.url("/news/1"),
        status="failed",
        error="The page answered 503 Unavailable.",
        failure_kind="transient",
    )
    refused = UrlFetch.objects.create(
        url=site.url("/news/2"),
        status="failed",
        error="The page is larger than the 5 MB limit.",
        failure_kind="permanent",
    )
    items = [("/news/1", "One"), ("/news/2", "Two")]
    site.pages["/feed.xml"] = Page(rss(items, base=site.url("")), RSS)
    source = feed_source(site)
    assert source_poll(source_id=source.pk).new == 2
    run_fetches(source)
    down.refresh_from_db()
    refused.refresh_from_db()
    assert down.status == "done" and down.document is not None
    assert refused.status == "failed" and not site.hits("/news/2")
