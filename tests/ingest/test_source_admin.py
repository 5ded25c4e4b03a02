"""Sources in the admin: editors add them, read what each poll found and ingested, and poll one
now; a staff analyst may do neither."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from ingest.models import Source, SourcePoll
from ingest.services import url_fetch_process
from ingest.sources import source_poll
from statements.models import Outlet
from tests.factories import UserFactory

from .feed_server import FeedSite, Page, article, rss

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    settings.INGEST_ALLOW_PRIVATE_URLS = True
    settings.SOURCE_HOST_INTERVAL = 0.01
    feed_site = FeedSite().start()
    yield feed_site
    feed_site.stop()


@pytest.fixture
def staff_analyst(db):
    user = UserFactory(username="staff-analyst", is_staff=True)
    user.groups.add(Group.objects.get(name="analysts"))
    return user


def test_an_editor_adds_a_source_in_the_admin(client, editor):
    outlet = Outlet.objects.create(name="The Invented Ledger")
    client.force_login(editor)
    assert client.get(reverse("admin:index")).content.count(b"/admin/ingest/source/") >= 1
    response = client.post(
        reverse("admin:ingest_source_add"),
        {
            "name": "Ledger feed",
            "kind": "feed",
            "url": "https://ledger.example/feed.xml",
            "poll_minutes": "30",
            "active": "on",
            "outlet": outlet.pk,
            "document_kind": "article",
            "include_words": "border\ncheckpoint",
            "exclude_words": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    source = Source.objects.get()
    assert (source.poll_minutes, source.outlet, source.next_poll_at) == (30, outlet, None)
    refused = client.post(
        reverse("admin:ingest_source_add"),
        {"name": "Bad", "kind": "feed", "url": "not an address", "poll_minutes": "0"},
    )
    assert refused.status_code == 200 and Source.objects.count() == 1


def test_a_source_page_shows_its_polls_newest_first_with_what_they_ingested(client, editor, site):
    site.pages["/news/1"] = Page(article(1, "Council review 1"))
    site.pages["/feed.xml"] = Page(rss([("/news/1", "Council <b>review</b> 1")], base=site.url("")))
    source = Source.objects.create(name="Ledger", url=site.url("/feed.xml"))
    source_poll(source_id=source.pk)
    url_fetch_process(fetch_id=source.entries.get().fetch_id)
    site.pages["/feed.xml"] = Page(b"trouble <script>alert(1)</script>", "text/plain", 503)
    source_poll(source_id=source.pk)

    client.force_login(editor)
    page = client.get(reverse("admin:ingest_source_change", args=[source.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Polls, newest first" in html and "Poll now" in html
    failed_at = html.index("The page answered 503")
    assert failed_at < html.index("<td>200</td>")  # newest first
    assert "Failed 1 time in a row" in html
    assert "Council &lt;b&gt;review&lt;/b&gt; 1" in html  # the feed's title, escaped
    assert "<script>alert(1)" not in html
    table = html[html.index('id="source-polls"') :]
    table = table[: table.index("</table>")]
    newest, oldest = table.split("<tbody>")[1].split("</tr>")[:2]
    assert "503" in newest and SourcePoll.objects.filter(error="").count() == 1
    # found, new, ingested, already stored, failed, waiting, skipped, left for next poll
    cells = [cell.split("<")[0] for cell in oldest.split("<td>")[3:11]]
    assert cells == ["1", "1", "1", "0", "0", "0", "0", "0"]


def test_poll_now_queues_a_poll_for_an_editor(client, editor, django_capture_on_commit_callbacks):
    source = Source.objects.create(name="Ledger", url="https://ledger.example/feed.xml")
    client.force_login(editor)
    url = reverse("admin:ingest_source_poll", args=[source.pk])
    assert client.get(url).status_code == 405
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:ingest_source_change", args=[source.pk])
    assert "queued for polling" in response.content.decode()
    assert len(callbacks) == 1
    source.refresh_from_db()
    assert source.next_poll_at is not None


def test_a_staff_analyst_cannot_poll_or_change_a_source(client, staff_analyst):
    source = Source.objects.create(name="Ledger", url="https://ledger.example/feed.xml")
    client.force_login(staff_analyst)
    assert client.post(reverse("admin:ingest_source_poll", args=[source.pk])).status_code == 403
    change = reverse("admin:ingest_source_change", args=[source.pk])
    assert client.post(change, {"name": "Changed"}).status_code == 403
    source.refresh_from_db()
    assert (source.name, source.next_poll_at) == ("Ledger", None)


def test_an_editor_cannot_delete_a_source(client, editor):
    source = Source.objects.create(name="Ledger", url="https://ledger.example/feed.xml")
    client.force_login(editor)
    assert client.get(reverse("admin:ingest_source_delete", args=[source.pk])).status_code == 403
    assert Source.objects.filter(pk=source.pk).exists()


def test_a_source_on_an_internal_address_is_refused_with_a_message(client, editor, settings):
    settings.INGEST_ALLOW_PRIVATE_URLS = False
    client.force_login(editor)
    response = client.post(
        reverse("admin:ingest_source_add"),
        {
            "name": "Inside",
            "kind": "feed",
            "url": "http://127.0.0.1:8000/feed.xml",
            "poll_minutes": "30",
            "document_kind": "article",
        },
    )
    assert response.status_code == 200
    assert "private or internal network" in response.content.decode()
    assert not Source.objects.exists()
