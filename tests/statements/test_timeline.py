import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import DocumentFactory, SpeakerFactory, StatementFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_the_timeline_lists_statements_newest_first_with_speaker_and_source(client):
    old = StatementFactory(text="An older invented remark", said_on=dt.date(2022, 5, 5))
    new = StatementFactory(text="A newer invented remark", said_on=dt.date(2024, 5, 15))
    response = client.get(reverse("statements:timeline"))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("A newer invented remark") < body.index("An older invented remark")
    assert new.speaker.name in body and old.speaker.name in body
    assert reverse("statements:document", args=[new.document_id]) in body


def test_the_timeline_hides_rejected_statements(client):
    StatementFactory(text="Kept remark")
    StatementFactory(text="Rejected remark", review_status="rejected")
    body = client.get(reverse("statements:timeline")).content.decode()
    assert "Kept remark" in body and "Rejected remark" not in body


def test_document_text_is_escaped_never_rendered_as_markup(client):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> said nobody.'
    document = DocumentFactory(text=hostile, title="<b>title</b>")
    StatementFactory(document=document, text=hostile[:30], start=0, end=30)
    for url in (
        reverse("statements:timeline"),
        reverse("statements:document", args=[document.pk]),
    ):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body
        assert "<img src=x" not in body
        assert "&lt;script&gt;" in body


def test_the_document_page_highlights_each_statement_at_its_offsets(client):
    document = DocumentFactory(text="Intro. The remark itself. Outro.")
    statement = StatementFactory(document=document, text="The remark itself.", start=7, end=25)
    body = client.get(reverse("statements:document", args=[document.pk])).content.decode()
    assert f'id="s{statement.pk}"' in body
    assert "The remark itself.</a></mark>" in body


def test_the_timeline_query_count_does_not_grow_with_statements(client):
    topic = TopicFactory()
    speaker = SpeakerFactory()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("statements:timeline")).status_code == 200
        return len(captured)

    StatementFactory(speaker=speaker).topics.add(topic)
    few = queries()
    for _ in range(15):
        StatementFactory().topics.add(topic)
    assert queries() == few


def test_the_speaker_page_lists_their_statements(client):
    statement = StatementFactory(text="Invented remark for the speaker page")
    response = client.get(reverse("statements:speaker", args=[statement.speaker.slug]))
    assert response.status_code == 200
    assert "Invented remark for the speaker page" in response.content.decode()


def test_reading_can_require_sign_in(client, settings, analyst):
    settings.READ_REQUIRES_LOGIN = True
    response = client.get(reverse("statements:timeline"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(analyst)
    assert client.get(reverse("statements:timeline")).status_code == 200
