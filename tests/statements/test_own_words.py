"""The speaker's own words: quotation marks enclose them only; the framing is context."""

import csv
import io
import json

import pytest
from django.urls import reverse

from statements.models import Statement
from statements.quotes import framing, own_words, quotation
from tests.factories import DocumentFactory, SpeakerFactory, StatementFactory

pytestmark = pytest.mark.django_db

LEAD = "Background sentence here. "
SENTENCE = 'Asif stated, "The airstrikes hit only hideouts of the group," at the briefing.'
WORDS = "The airstrikes hit only hideouts of the group,"


def _quoted(**kwargs) -> Statement:
    """An invented direct quotation: the sentence, and inside it the speaker's words."""
    text = LEAD + SENTENCE + " Closing line."
    start = len(LEAD)
    inner = start + SENTENCE.index(WORDS)
    document = DocumentFactory(
        text=text, title="Invented briefing report", url="https://example.org/a"
    )
    speaker = SpeakerFactory(name="Khawaja Invented", slug="khawaja-invented", side="pk")
    return StatementFactory(
        document=document,
        speaker=speaker,
        text=SENTENCE,
        start=start,
        end=start + len(SENTENCE),
        words=[[inner, inner + len(WORDS)]],
        direct=True,
        **kwargs,
    )


def test_the_words_and_the_framing_are_read_from_the_sentence():
    start = 100
    inner = start + SENTENCE.index(WORDS)
    spans = [[inner, inner + len(WORDS)]]
    assert own_words(SENTENCE, start, spans) == WORDS
    assert framing(SENTENCE, start, spans) == 'Asif stated, "…" at the briefing.'
    assert quotation(SENTENCE, start, spans, True) == (WORDS, 'Asif stated, "…" at the briefing.')
    # Reported speech carries no quotation; words out of the sentence (an editor rewrote
    # it) are not quoted from the wrong place.
    assert quotation(SENTENCE, start, spans, False) == ("", "")
    assert own_words(SENTENCE, 0, spans) == ""
    assert own_words(SENTENCE, start, [[inner, inner + 10_000]]) == ""
    # Words that are the whole sentence: no framing to show.
    assert framing("“All of it.”", 0, [[1, 11]]) == ""
    # A split quotation: its parts joined by an ellipsis, each left out of the framing.
    text = '"We will act," he said, "and soon."'
    spans = [[1, 12], [25, 34]]
    assert own_words(text, 0, spans) == "We will act … and soon."
    assert framing(text, 0, spans) == '"…," he said, "…"'


def test_a_card_quotes_the_words_and_shows_the_framing_as_context(client):
    statement = _quoted()
    body = client.get(reverse("statements:timeline")).content.decode()
    card = body[body.index(f'id="statement-{statement.pk}"') :]
    card = card[: card.index("</article>")]
    assert f"“{WORDS}”" in card
    assert "Asif stated, &quot;…&quot; at the briefing." in card
    assert "“Asif stated" not in card  # the framing is never inside our quotation marks
    # The citation: who, when, where; the original article as its source.
    assert (
        'data-citation="Khawaja Invented (Spokesperson), said 15 May 2024. Invented briefing'
        ' report." data-source="https://example.org/a"'
    ) in card


def test_the_statement_page_shows_both_and_the_source_highlights_the_sentence(client):
    statement = _quoted()
    body = client.get(statement.get_absolute_url()).content.decode()
    assert f"“{WORDS}”" in body
    assert "<mark>Asif stated, &quot;The airstrikes" in body  # the sentence in its source
    title = body[body.index("<title>") : body.index("</title>")]
    assert "Khawaja Invented, 15 May 2024: “The airstrikes hit only" in title
    document = client.get(statement.document.get_absolute_url()).content.decode()
    assert f'id="s{statement.pk}"' in document and "Asif stated, &quot;The airstrikes" in document


def test_the_ledger_quotes_the_words_of_a_pledge(client):
    _quoted(is_pledge=True)
    body = client.get(reverse("statements:pledges")).content.decode()
    assert f"“{WORDS}”" in body and "“Asif stated" not in body


def test_exports_carry_the_words_beside_the_sentence(client):
    statement = _quoted()
    response = client.get(reverse("statements:export_csv"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0]["text"] == SENTENCE and rows[0]["own_words"] == WORDS
    response = client.get(reverse("statements:export_json"))
    record = json.loads(b"".join(response.streaming_content))["statements"][0]
    assert record["id"] == statement.pk and record["own_words"] == WORDS


def test_the_feed_quotes_the_words_only(client):
    _quoted()
    body = client.get(reverse("statements:feed")).content.decode()
    assert f"Khawaja Invented (2024-05-15, said): “{WORDS}”" in body
    assert "As reported: Asif stated" in body


def test_a_statement_without_known_words_keeps_its_sentence(client):
    statement = _quoted()
    Statement.objects.filter(pk=statement.pk).update(words=[])
    body = client.get(reverse("statements:timeline")).content.decode()
    assert "“Asif stated, &quot;The airstrikes" in body  # as before the two spans


def test_a_search_marks_its_terms_in_the_words_and_the_framing(client):
    _quoted()
    body = client.get(reverse("statements:timeline"), {"q": "airstrikes"}).content.decode()
    assert "“The <mark>airstrikes</mark> hit only hideouts of the group,”" in body
    body = client.get(reverse("statements:timeline"), {"q": "briefing"}).content.decode()
    assert "at the <mark>briefing</mark>." in body
