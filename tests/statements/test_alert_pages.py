"""Saving the timeline's filters as a search (htmx and plain POST), My alerts, deleting."""

from __future__ import annotations

import pytest
from django.urls import reverse

from statements.models import SavedSearch
from tests.factories import SpeakerFactory, StatementFactory, UserFactory

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def test_anonymous_visitors_see_a_sign_in_hint_instead_of_the_form(client):
    StatementFactory()
    page = client.get(reverse("statements:timeline"), {"side": "pk"}).content.decode()
    assert "to save these filters as a search" in page
    assert f"{reverse('login')}?next=/%3Fside%3Dpk" in page
    assert reverse("statements:alert_save") not in page


def test_a_signed_in_analyst_gets_the_form_with_the_current_filters(client, analyst):
    client.force_login(analyst)
    page = client.get(reverse("statements:timeline"), {"side": "pk", "q": "TTP"})
    html = page.content.decode()
    assert 'action="/alerts/save/"' in html
    assert 'name="query" value="side=pk&amp;q=TTP"' in html
    # The filters swap the results, the form with them: it follows the filters.
    partial = client.get(reverse("statements:timeline"), {"side": "us"}, headers=HTMX)
    assert 'name="query" value="side=us"' in partial.content.decode()


def test_saving_stores_the_normalised_filters_and_names_a_blank_search(client, analyst):
    client.force_login(analyst)
    SpeakerFactory(slug="invented-envoy", name="Invented Envoy")
    answer = client.post(
        reverse("statements:alert_save"),
        {
            "name": "",
            "frequency": "daily",
            "query": "cursor=x&speaker=invented-envoy&side=pk&sort=relevance",
        },
    )
    assert answer.status_code == 302 and answer["Location"] == reverse("statements:alerts")
    search = SavedSearch.objects.get()
    assert search.user == analyst and search.frequency == "daily" and search.active
    assert search.query == "speaker=invented-envoy&side=pk"
    assert search.name == "speaker: Invented Envoy; side: Pakistan"
    listing = client.get(reverse("statements:alerts")).content.decode()
    assert "speaker: Invented Envoy; side: Pakistan" in listing and "Daily digest" in listing
    assert search.feed_url() in listing


def test_saving_with_htmx_swaps_in_a_confirmation(client, analyst):
    client.force_login(analyst)
    answer = client.post(
        reverse("statements:alert_save"),
        {"name": "Everything <new>", "frequency": "immediate", "query": ""},
        headers=HTMX,
    )
    html = answer.content.decode()
    assert answer.status_code == 200
    assert html.startswith('<p class="save-search saved"') and "<html" not in html
    assert "Everything &lt;new&gt;" in html
    assert SavedSearch.objects.get().name == "Everything <new>"


@pytest.mark.parametrize("htmx", [False, True])
def test_bad_input_gets_a_message_and_saves_nothing(client, analyst, htmx):
    client.force_login(analyst)
    headers = HTMX if htmx else {}
    bad_frequency = client.post(
        reverse("statements:alert_save"),
        {"name": "x", "frequency": "hourly", "query": "side=pk"},
        headers=headers,
    )
    unknown = client.post(
        reverse("statements:alert_save"),
        {"name": "x", "frequency": "daily", "query": "speaker=nobody-at-all"},
        headers=headers,
    )
    assert bad_frequency.status_code == unknown.status_code == (200 if htmx else 400)
    assert "Select a valid choice" in bad_frequency.content.decode()
    assert "No speaker goes by “nobody-at-all”" in unknown.content.decode()
    assert not SavedSearch.objects.exists()


def test_my_alerts_shows_only_my_searches_and_deletes_them(client, analyst):
    mine = SavedSearch.objects.create(user=analyst, name="Mine", query="side=pk")
    theirs = SavedSearch.objects.create(user=UserFactory(username="other"), name="Theirs")
    client.force_login(analyst)
    listing = client.get(reverse("statements:alerts")).content.decode()
    assert "Mine" in listing and "Theirs" not in listing
    assert "no email address" in listing  # the analyst has none: said so
    gone = client.post(reverse("statements:alert_delete", args=[theirs.pk]))
    assert gone.status_code == 404 and SavedSearch.objects.filter(pk=theirs.pk).exists()
    deleted = client.post(reverse("statements:alert_delete", args=[mine.pk]), headers=HTMX)
    assert deleted.status_code == 200 and deleted.content == b""
    assert not SavedSearch.objects.filter(pk=mine.pk).exists()


def test_my_alerts_needs_a_sign_in(client):
    answer = client.get(reverse("statements:alerts"))
    assert answer.status_code == 302 and answer["Location"].startswith(reverse("login"))
    saved = client.post(reverse("statements:alert_save"), {"name": "x", "frequency": "daily"})
    assert saved.status_code == 302 and not SavedSearch.objects.exists()


def test_filters_too_long_to_save_are_refused_with_a_message(client, analyst):
    client.force_login(analyst)
    slugs = [
        SpeakerFactory(slug=f"invented-speaker-with-a-long-name-{n:03d}").slug for n in range(60)
    ]
    query = "&".join(f"speaker={slug}" for slug in slugs)
    answer = client.post(
        reverse("statements:alert_save"), {"name": "x", "frequency": "daily", "query": query}
    )
    assert answer.status_code == 400
    assert "too many to save" in answer.content.decode()
    assert not SavedSearch.objects.exists()
