"""The invented corpus comes with invented attacks, their tolls and reactions (issue #16)."""

import datetime as dt

import pytest
from django.core.management import call_command

from statements.models import Document, Event, EventFigure, EventMention, Reaction, Statement

pytestmark = pytest.mark.django_db


def test_the_generator_writes_events_reported_by_several_outlets_with_reactions():
    call_command("generate_corpus", "--documents", "60", "--seed", "4", "--events", "20")
    events = Event.objects.count()
    assert 15 <= events <= 20  # a transcript now and then reports nothing
    for mention in EventMention.objects.select_related("document", "event")[:30]:
        sentence = mention.document.text[mention.start : mention.end]
        assert mention.event.place in sentence
        assert mention.document.published_on - mention.event.occurred_on in (
            dt.timedelta(days=1),
            dt.timedelta(days=2),
        )
    for figure in EventFigure.objects.select_related("document")[:30]:
        assert str(figure.value) in figure.document.text[figure.start : figure.end]
    several = [e for e in Event.objects.all() if e.mentions.count() > 1]
    assert any(e.toll_range("killed")[0] != e.toll_range("killed")[1] for e in several)
    reactions = list(Reaction.objects.select_related("statement", "event"))
    assert reactions
    assert Event.objects.filter(reactions__isnull=True).exists()  # some draw no reaction
    for r in reactions:
        assert r.statement.document.text[r.statement.start : r.statement.end] == r.statement.text
        assert 0 <= (r.statement.said_on - r.event.occurred_on).days <= 7
    assert Statement.objects.count() == Document.objects.filter(kind="article").count() * 10 + (
        Statement.objects.filter(document__kind="briefing_transcript").count()
    )


def test_by_default_there_is_one_event_per_twenty_statements_and_none_on_request():
    call_command("generate_corpus", "--documents", "40", "--seed", "5")
    assert 0 < Event.objects.count() <= 40 * 10 // 20
    Event.objects.all().delete()
    call_command("generate_corpus", "--documents", "5", "--seed", "6", "--events", "0")
    assert not Event.objects.exists()
