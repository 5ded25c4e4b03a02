"""The timeline's rendered results and the speaker page's cards, cached until the data
changes: the same HTML as a fresh render, gone after a write, and a repeated page costs no
query of its own."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import StatementFactory, UserFactory
from tests.statements import sample

pytestmark = pytest.mark.django_db


def _results(response) -> str:
    html = response.content.decode()
    return re.search(r'<section id="results".*?</section>', html, re.S)[0]


@pytest.mark.parametrize("query", ["", "?side=us", "?q=border", "?stack=speaker&since=2024-01-01"])
def test_a_cached_page_shows_what_a_fresh_render_shows(client, query):
    sample.build(months=3, per_month=2)
    url = reverse("statements:timeline") + query
    fresh = _results(client.get(url))
    assert _results(client.get(url)) == fresh
    cache.clear()
    assert _results(client.get(url)) == fresh


def test_a_write_shows_at_once(client):
    sample.build(months=2, per_month=1)
    url = reverse("statements:timeline")
    client.get(url)
    new = StatementFactory(text="An invented remark said just now")
    assert f'id="statement-{new.pk}"' in _results(client.get(url))


@pytest.mark.parametrize("months", [1, 6])
def test_a_repeated_page_runs_the_same_queries_whatever_the_size(
    client, django_assert_max_num_queries, months
):
    sample.build(months=months, per_month=3)
    url = reverse("statements:timeline") + "?side=us"
    client.get(url)
    # The session and the filter menus' cache: nothing that counts or lists statements.
    with django_assert_max_num_queries(1):
        client.get(url)


def test_the_speaker_page_shows_a_new_statement_at_once(client):
    built = sample.build(months=2, per_month=1)
    speaker = built["statements"][0].speaker
    url = reverse("statements:speaker", args=[speaker.slug])
    first = client.get(url).content.decode()
    new = StatementFactory(speaker=speaker, text="A remark the speaker made just now")
    assert f'id="statement-{new.pk}"' not in first
    assert f'id="statement-{new.pk}"' in client.get(url).content.decode()


def test_a_signed_in_reader_gets_their_own_save_form_never_a_cached_one(client):
    sample.build(months=2, per_month=1)
    url = reverse("statements:timeline") + "?side=us"
    anonymous = _results(client.get(url))  # cached for readers who are not signed in
    assert 'id="save-search"' not in anonymous
    client.force_login(UserFactory(username="invented-reader"))
    signed_in = _results(client.get(url))
    assert 'id="save-search"' in signed_in and "csrfmiddlewaretoken" in signed_in
    client.logout()
    assert _results(client.get(url)) == anonymous
