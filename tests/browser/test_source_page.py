"""A source's page in the admin, in a real browser at 1440 and 390 px: when it polled, each poll
(newest first, the failed one marked, its error escaped) and the entries, and "Poll now"."""

import pytest
from playwright.sync_api import Page, expect

from ingest.models import Source
from ingest.services import url_fetch_process
from ingest.sources import source_poll
from statements.models import Outlet
from tests.factories import UserFactory
from tests.ingest.feed_server import FeedSite, article, rss
from tests.ingest.feed_server import Page as SitePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor_login(roles, settings):
    from django.contrib.auth.models import Group

    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    user = UserFactory(username="source-editor", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    return "source-editor", "secret-pass-123"


@pytest.fixture
def polled_source(settings):
    settings.INGEST_ALLOW_PRIVATE_URLS = True
    settings.SOURCE_HOST_INTERVAL = 0.01
    site = FeedSite().start()
    try:
        for number in (1, 2):
            site.pages[f"/news/{number}"] = SitePage(article(number, f"Council review {number}"))
        items = [("/news/1", "Council review 1"), ("/news/2", "Council <i>review</i> 2")]
        site.pages["/feed.xml"] = SitePage(rss(items, base=site.url("")))
        source = Source.objects.create(
            name="The Invented Ledger",
            url=site.url("/feed.xml"),
            outlet=Outlet.objects.create(name="The Invented Ledger"),
            poll_minutes=30,
        )
        source_poll(source_id=source.pk)
        for entry in source.entries.all():
            url_fetch_process(fetch_id=entry.fetch_id)
        site.pages["/feed.xml"] = SitePage(b"<b>down</b>", "text/html", 502)
        source_poll(source_id=source.pk)
        yield source
    finally:
        site.stop()


def test_an_editor_reads_a_source_page_and_polls_it_now(
    page: Page, live_server, editor_login, polled_source, screenshot_dir
):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 1440, "height": 900})
    path = f"/admin/ingest/source/{polled_source.pk}/change/"
    page.goto(live_server.url + "/accounts/login/?next=" + path)
    page.get_by_label("Username").fill(editor_login[0])
    page.get_by_label("Password").fill(editor_login[1])
    page.get_by_role("button", name="Sign in").click()

    polls = page.locator("#source-polls tbody tr")
    expect(polls).to_have_count(2)
    expect(polls.nth(0)).to_have_class("source-poll-failed")
    expect(polls.nth(0)).to_contain_text("The page answered 502")
    expect(polls.nth(1).locator("td").nth(4)).to_have_text("2")  # ingested
    expect(page.locator("#source-polls")).to_contain_text("Failed 1 time in a row")
    expect(page.locator("#source-entries")).to_contain_text("Council <i>review</i> 2")
    page.screenshot(path=str(screenshot_dir / "admin-source-1440.png"), full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the tables scroll
    page.screenshot(path=str(screenshot_dir / "admin-source-390.png"), full_page=True)

    page.get_by_role("button", name="Poll now").click()
    expect(page.locator(".messagelist")).to_contain_text("queued for polling")
    polled_source.refresh_from_db()
    assert polled_source.next_poll_at is not None
    assert not errors, errors
