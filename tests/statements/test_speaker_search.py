"""The speaker filter's search box: matches, collective speakers apart, escaping, query counts,
and the form keeping the chosen speakers as ticked boxes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from statements.models import Speaker, SpeakerAlias
from statements.summary import summary_rebuild
from tests.factories import SpeakerFactory, StatementFactory

pytestmark = pytest.mark.django_db
URL = reverse("statements:speaker_search")
HTMX = {"HX-Request": "true"}


@pytest.fixture
def speakers():
    made = {
        "amina": SpeakerFactory(name="Amina Invented", slug="amina-invented", side="pk"),
        "bruno": SpeakerFactory(
            name="Bruno Madeup", slug="bruno-madeup", organization="Invented Department"
        ),
        "officials": SpeakerFactory(
            name="Pakistani officials", slug="pakistani-officials", kind=Speaker.Kind.GROUP
        ),
        "silent": SpeakerFactory(name="Silent Invented", slug="silent-invented"),
    }
    for key in ("amina", "bruno", "officials"):
        StatementFactory(speaker=made[key])
    StatementFactory(speaker=made["amina"])
    SpeakerAlias.objects.create(speaker=made["bruno"], alias="The Undersecretary")
    summary_rebuild()
    return made


def _slugs(response) -> tuple[list[str], list[str]]:
    results = response.context["results"]
    return [f.slug for f in results.named], [f.slug for f in results.groups]


def test_matches_name_alias_and_organisation_groups_apart(client, speakers):
    assert _slugs(client.get(URL, {"q": "invented"}, headers=HTMX)) == (
        ["amina-invented", "bruno-madeup"],  # silent has nothing on the timeline
        [],
    )
    assert _slugs(client.get(URL, {"q": "undersecretary"}, headers=HTMX)) == (
        ["bruno-madeup"],
        [],
    )
    assert _slugs(client.get(URL, {"q": "offic"}, headers=HTMX)) == ([], ["pakistani-officials"])
    # Nothing typed: everyone, the most prolific first, groups apart.
    assert _slugs(client.get(URL, headers=HTMX)) == (
        ["amina-invented", "bruno-madeup"],
        ["pakistani-officials"],
    )


def test_already_chosen_speakers_are_left_out(client, speakers):
    response = client.get(URL, {"q": "invented", "speaker": "amina-invented"}, headers=HTMX)
    assert _slugs(response) == (["bruno-madeup"], [])


def test_the_fragment_groups_and_escapes(client, speakers):
    SpeakerFactory(name='<img src=x onerror="y()">', slug="img")
    StatementFactory(speaker=Speaker.objects.get(slug="img"))
    summary_rebuild()
    html = client.get(URL, headers=HTMX).content.decode()
    assert "People and institutions" in html and "Unnamed groups" in html
    assert "<img" not in html and "&lt;img src=x onerror=&quot;y()&quot;&gt;" in html
    assert 'data-slug="pakistani-officials"' in html
    assert 'href="/?speaker=amina-invented"' in html
    assert "<html" not in html


def test_without_htmx_it_is_a_page(client, speakers):
    response = client.get(URL, {"q": "amina"})
    html = response.content.decode()
    assert "<html" in html and "Find a speaker" in html and "Amina Invented" in html


def test_no_match_says_so(client, speakers):
    html = client.get(URL, {"q": "zzz<b>"}, headers=HTMX).content.decode()
    assert "No speaker matches “zzz&lt;b&gt;”" in html


def test_a_nul_or_a_long_query_is_no_error(client, speakers):
    assert client.get(URL, {"q": "a\x00b" * 100}, headers=HTMX).status_code == 200


def test_typing_costs_no_query_once_cached(client, speakers, django_assert_num_queries):
    client.get(URL, {"q": "a"}, headers=HTMX)
    with django_assert_num_queries(0):
        client.get(URL, {"q": "am"}, headers=HTMX)


def test_a_new_speaker_is_found_after_the_data_changes(client, speakers):
    client.get(URL, {"q": "zed"}, headers=HTMX)
    StatementFactory(speaker=SpeakerFactory(name="Zed Invented", slug="zed-invented"))
    summary_rebuild()
    assert _slugs(client.get(URL, {"q": "zed"}, headers=HTMX))[0] == ["zed-invented"]


def test_the_filter_form_shows_chosen_speakers_only_as_ticked_boxes(client, speakers):
    html = client.get(
        reverse("statements:timeline"), {"speaker": ["bruno-madeup", "bruno-madeup"]}
    ).content.decode()
    assert html.count('name="speaker"') == 1
    assert (
        '<input type="checkbox" name="speaker" value="bruno-madeup" checked> Bruno Madeup (1)'
        in html
    )
    assert 'value="amina-invented"' not in html  # no long list of every speaker
    assert 'id="speaker-find"' in html and 'form="speaker-finder"' in html
    assert '<form id="speaker-finder"' in html


def test_the_timeline_form_costs_no_more_with_hundreds_of_speakers(client, speakers):
    for i in range(300):
        StatementFactory(speaker=SpeakerFactory(name=f"Many Invented {i}", slug=f"many-{i}"))
    summary_rebuild()
    html = client.get(reverse("statements:timeline")).content.decode()
    assert html.count('name="speaker"') == 0
    assert len(html) < 200_000
