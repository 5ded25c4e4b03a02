"""Links that hold: merged and unknown speaker slugs, permalinks, citations, the feed's
links and title, figures linked to their sentence."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse

from statements.models import SpeakerSlug, Statistic
from statements.services import speaker_resolve, speakers_merge
from tests.factories import DocumentFactory, SpeakerFactory, StatementFactory
from tests.statements import sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    return sample.build(months=3, per_month=2)


def _export_rows(client, **params) -> list[dict]:
    response = client.get(reverse("statements:export_csv"), params)
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_a_merged_speakers_old_slug_leads_to_the_surviving_speaker(client, corpus):
    into, other = corpus["speakers"][0], corpus["speakers"][1]
    old = other.slug
    speakers_merge(into=into, others=[other])
    assert SpeakerSlug.objects.get(slug=old).speaker == into
    # The old page, permanently redirected.
    response = client.get(f"/speakers/{old}/")
    assert response.status_code == 301 and response["Location"] == into.get_absolute_url()
    # The old filter: redirected to the current slug, other filters kept.
    response = client.get(reverse("statements:timeline"), {"speaker": old, "side": "us"})
    assert response.status_code == 301
    assert response["Location"] == f"/?speaker={into.slug}&side=us"
    # An export of the old link exports the surviving speaker's statements, no one else's.
    rows = _export_rows(client, speaker=old)
    assert rows and {row["speaker"] for row in rows} == {into.name}
    # Merged again into a third: the first slug follows.
    third = corpus["speakers"][2]
    speakers_merge(into=third, others=[into])
    assert set(SpeakerSlug.objects.values_list("slug", "speaker")) == {
        (old, third.pk),
        (into.slug, third.pk),
    }
    assert client.get(f"/speakers/{old}/")["Location"] == third.get_absolute_url()
    # A new speaker of the old name gets a slug of its own: the old links keep leading on.
    newcomer = speaker_resolve(name=other.name + ".")  # not an alias; slugified the same
    assert newcomer.pk != third.pk and newcomer.slug == f"{old}-2"


def test_an_unknown_slug_shows_and_exports_nothing_and_says_why(client, corpus):
    response = client.get(reverse("statements:timeline"), {"speaker": "no-such-person"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "No speaker goes by “no-such-person”" in body
    assert 'class="statement-card' not in body
    assert _export_rows(client, speaker="no-such-person") == []
    response = client.get(reverse("statements:export_json"), {"speaker": "no-such-person"})
    assert json.loads(b"".join(response.streaming_content))["statements"] == []
    feed = client.get(reverse("statements:feed"), {"speaker": "no-such-person"}).content.decode()
    assert "<entry>" not in feed and "unknown speaker: no-such-person" in feed
    for name in ("pledges", "statistics"):
        page = client.get(reverse(f"statements:{name}"), {"speaker": "no-such-person"})
        assert "No speaker goes by" in page.content.decode()
    assert client.get("/speakers/no-such-person/").status_code == 404


def test_every_card_links_its_statement_page_and_carries_a_citation(client, corpus):
    body = client.get(reverse("statements:timeline")).content.decode()
    statement = corpus["statements"][-1]
    assert f'<a class="permalink" href="/statements/{statement.pk}/"' in body
    cite = re.search(
        rf'data-citation="([^"]*)" data-source="[^"]*" data-href="/statements/{statement.pk}/"',
        body,
    )
    assert cite
    text = cite.group(1)
    assert statement.speaker.name in text and statement.speaker.role in text
    assert statement.document.title in text and statement.document.outlet.name in text
    assert "said " in text and "“" not in text  # no quotation marks but a speaker's words


def test_statement_pages_have_distinct_titles(client, corpus):
    titles = set()
    for statement in corpus["statements"][:4]:
        body = client.get(statement.get_absolute_url()).content.decode()
        titles.add(body[body.index("<title>") : body.index("</title>")])
    assert len(titles) == 4


def test_the_feed_keeps_its_filters_and_names_them(client, corpus):
    speaker = corpus["speakers"][0]
    body = client.get(reverse("statements:feed"), {"speaker": speaker.slug, "side": "us"})
    body = body.content.decode()
    self_link = f"http://testserver/feed.atom?speaker={speaker.slug}&amp;side=us"
    assert f'href="{self_link}" rel="self"' in body
    assert f"speaker: {speaker.name}; side: United States" in body
    page = client.get(speaker.get_absolute_url()).content.decode()
    assert f'href="/feed.atom?speaker={speaker.slug}"' in page


def test_figures_link_to_the_sentence_that_gives_them(client, db):
    text = "Opening words. Invented Monitor counted 120 attacks in 2023. Other words."
    document = DocumentFactory(text=text)
    start = text.index("Invented Monitor")
    figure = Statistic.objects.create(
        document=document,
        source="Invented Monitor",
        period="2023",
        metric="attacks",
        value=120,
        start=start,
        end=text.index(" Other"),
    )
    speaker = SpeakerFactory()
    StatementFactory(document=document, speaker=speaker, text=text[:14], start=0, end=14)
    context = client.get(reverse("statements:statistics")).content.decode()
    assert f'href="/documents/{document.pk}/#f{figure.pk}"' in context
    page = client.get(document.get_absolute_url()).content.decode()
    assert f'<span class="figure-anchor" id="f{figure.pk}"></span>' in page
    assert '<span class="figure">Invented Monitor counted 120 attacks in 2023.</span>' in page
    assert f'href="#f{figure.pk}"' in page


def test_a_speakers_changed_slug_keeps_the_old_links(client, corpus):
    speaker = corpus["speakers"][0]
    old = speaker.slug
    speaker.slug = "alex-morgan-state"
    speaker.save()
    response = client.get(f"/speakers/{old}/")
    assert response.status_code == 301 and response["Location"] == "/speakers/alex-morgan-state/"
    # Changed back: the slug is the speaker's own again, and the interim one leads to it.
    speaker.slug = old
    speaker.save()
    assert client.get(f"/speakers/{old}/").status_code == 200
    assert client.get("/speakers/alex-morgan-state/")["Location"] == f"/speakers/{old}/"
