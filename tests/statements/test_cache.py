"""Cached aggregates are fresh after every kind of write."""

import pytest
from django.urls import reverse

from statements.cache import cached, data_version
from statements.models import Statement
from statements.services import statements_review
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


def _total(client) -> int:
    return client.get(reverse("statements:timeline")).context["total"]


def test_a_cached_value_is_computed_once_per_data_version():
    calls = []
    assert cached("probe", {"a": 1}, lambda: calls.append(1) or 42) == 42
    assert cached("probe", {"a": 1}, lambda: calls.append(1) or 43) == 42
    assert calls == [1]


def test_saving_a_statement_invalidates_the_timeline_total(client):
    StatementFactory()
    assert _total(client) == 1
    StatementFactory()
    assert _total(client) == 2


def test_a_bulk_review_invalidates_the_timeline_total(client, editor):
    statement = StatementFactory()
    StatementFactory()
    assert _total(client) == 2
    before = data_version()
    statements_review(
        statements=Statement.objects.filter(pk=statement.pk), status="rejected", reviewer=editor
    )
    assert data_version() > before
    assert _total(client) == 1


def test_deleting_a_statement_invalidates_the_speaker_choices(client):
    statement = StatementFactory()
    form = client.get(reverse("statements:timeline")).context["form"]
    assert [slug for slug, _ in form.fields["speaker"].widget.choices] == [statement.speaker.slug]
    statement.delete()
    form = client.get(reverse("statements:timeline")).context["form"]
    assert list(form.fields["speaker"].widget.choices) == []


def test_the_speaker_page_and_index_count_a_new_statement(client):
    statement = StatementFactory()
    speaker_url = reverse("statements:speaker", args=[statement.speaker.slug])
    assert client.get(speaker_url).context["total"] == 1
    assert client.get(reverse("statements:speakers")).context["speakers"][0].total == 1
    StatementFactory(speaker=statement.speaker)
    assert client.get(speaker_url).context["total"] == 2
    assert client.get(reverse("statements:speakers")).context["speakers"][0].total == 2


def test_the_pledge_ledger_shows_a_new_pledge_at_once(client):
    from tests.factories import TopicFactory

    topic = TopicFactory()
    StatementFactory(is_pledge=True).topics.add(topic)
    areas = client.get(reverse("statements:pledges")).context["commitments"]
    assert [a.total for a in areas if a.name == topic.name] == [1]
    StatementFactory(is_pledge=True).topics.add(topic)
    areas = client.get(reverse("statements:pledges")).context["commitments"]
    assert [a.total for a in areas if a.name == topic.name] == [2]
