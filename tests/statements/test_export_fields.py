"""What an export says beyond the statement: organisation, side, permalink, the document's URL,
a byte order mark on CSV, and in JSON the filters and time of the export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse

from tests.factories import DocumentFactory, SpeakerFactory, StatementFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement():
    speaker = SpeakerFactory(
        name="Invented Spokes", slug="invented-spokes", organization="Ministry of Invented Affairs"
    )
    document = DocumentFactory(url="https://news.example/a-piece", title="A piece — with dashes")
    return StatementFactory(
        speaker=speaker, document=document, text="“We will fence the border,” he said."
    )


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_csv_starts_with_a_byte_order_mark_and_carries_the_new_columns(client, statement):
    body = _body(client.get(reverse("statements:export_csv")))
    assert body.startswith("\ufeff".encode())
    text = body.decode("utf-8-sig")
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert row["organization"] == "Ministry of Invented Affairs"
    assert row["side"] == "us"
    assert row["statement_url"] == f"http://testserver/statements/{statement.pk}/"
    assert row["document_url"] == "https://news.example/a-piece"
    assert row["text"] == "“We will fence the border,” he said."
    assert row["document_title"] == "A piece — with dashes"


def test_csv_cells_stay_spreadsheet_safe(client, statement):
    statement.speaker.organization = "=HYPERLINK(1)"
    statement.speaker.save()
    text = _body(client.get(reverse("statements:export_csv"))).decode("utf-8-sig")
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert row["organization"] == "'=HYPERLINK(1)"


def test_json_says_the_filters_and_the_time_of_the_export(client, statement):
    statement.topics.add(TopicFactory())
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    response = client.get(
        reverse("statements:export_json"),
        {
            "speaker": ["invented-spokes", "invented-spokes"],
            "topic": "border-security",
            "pledges": "",
            "verified": "",
            "since": "2024-01-01",
            "side": "nowhere",
            "sort": "relevance",
        },
    )
    data = json.loads(_body(response))
    exported = dt.datetime.fromisoformat(data["exported_at"])
    assert before <= exported <= dt.datetime.now(dt.UTC)
    assert data["filters"] == {
        "speaker": ["invented-spokes"],
        "topic": "border-security",
        "since": "2024-01-01",
    }
    assert data["ignored"] == ["Side"]
    assert data["url"].startswith("http://testserver/export.json?")
    (record,) = data["statements"]
    assert record["organization"] == "Ministry of Invented Affairs"
    assert record["statement_url"] == f"http://testserver/statements/{statement.pk}/"
    assert record["document_url"] == "https://news.example/a-piece"


def test_json_of_no_filter_says_so(client, statement):
    data = json.loads(_body(client.get(reverse("statements:export_json"))))
    assert data["filters"] == {} and data["ignored"] == []
    assert len(data["statements"]) == 1
