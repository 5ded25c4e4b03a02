"""Events and the reactions table as CSV, JSON and Atom: dates at their precision, tolls as
ranges and per source, spreadsheet formulas defused, the filters honoured."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from statements.event_models import Event
from tests.statements import event_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def attacks(db) -> dict:
    return event_sample.build()


def _body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def _csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(_body(response).removeprefix("\ufeff"))))


def test_the_events_csv_gives_ranges_per_source_and_dates_at_their_precision(client, attacks):
    response = client.get(reverse("statements:events_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = {row["name"]: row for row in _csv(response)}
    kalat = rows["Kalat market bombing"]
    assert (kalat["killed_min"], kalat["killed_max"], kalat["killed_sources"]) == ("9", "12", "3")
    assert kalat["occurred_on"] == "2025-03-11" and kalat["date_precision"] == "day"
    assert "killed at least 12 (hospital staff, Morning Ledger)" in kalat["figures_by_source"]
    assert kalat["us_reactions"] == "1" and kalat["pk_reactions"] == "2"
    assert rows["Bannu police post attack"]["occurred_on"] == "2025-05"
    assert rows["Turbat checkpoint assault"]["killed_min"] == ""


def test_the_events_json_lists_each_sources_figure_with_its_sentence(client, attacks):
    data = json.loads(
        _body(client.get(reverse("statements:events_json"), {"province": "Balochistan"}))
    )
    assert data["filters"] == {"province": "Balochistan"}
    names = [e["name"] for e in data["events"]]
    assert names == ["Turbat checkpoint assault", "Kalat market bombing"]
    kalat = data["events"][1]
    assert [f["value"] for f in kalat["figures"] if f["metric"] == "killed"] == [9, 10, 12]
    twelve = next(f for f in kalat["figures"] if f["value"] == 12)
    assert twelve["qualifier"] == "at least" and twelve["outlet"] == "Morning Ledger"
    assert "#t" in twelve["sentence_url"] and twelve["sentence_url"].startswith("http")


def test_the_reactions_csv_is_the_table_filtered(client, attacks):
    rows = _csv(client.get(reverse("statements:reactions_csv"), {"reaction": "no_us"}))
    assert [r["event"] for r in rows] == ["Bannu police post attack", "Turbat checkpoint assault"]
    bannu = rows[0]
    assert bannu["first_us_speaker"] == "" and bannu["first_us_lag_days"] == ""
    assert bannu["first_pk_speaker"] == "Nadia Rauf"
    assert bannu["first_pk_lag"] == "within the month"  # the event is known only to May
    all_rows = {r["event"]: r for r in _csv(client.get(reverse("statements:reactions_csv")))}
    kalat = all_rows["Kalat market bombing"]
    assert (kalat["first_us_speaker"], kalat["first_us_lag"], kalat["first_us_lag_days"]) == (
        "Casey Brandt",
        "1 day after",
        "1",
    )


def test_the_reactions_json_lists_every_reaction_in_time_order(client, attacks):
    data = json.loads(_body(client.get(reverse("statements:reactions_json"))))
    kalat = next(r for r in data["reactions"] if r["event"] == "Kalat market bombing")
    assert [r["speaker"] for r in kalat["reactions"]] == [
        "Tariq Sohail",
        "Nadia Rauf",
        "Casey Brandt",
    ]
    assert [r["said_on"] for r in kalat["reactions"]] == ["2025-03", "2025-03-11", "2025-03-12"]


def test_a_formula_in_an_event_name_is_defused(client, attacks):
    Event.objects.filter(pk=attacks["checkpoint"].pk).update(name='=HYPERLINK("http://x")')
    for name in ("statements:events_csv", "statements:reactions_csv"):
        body = _body(client.get(reverse(name)))
        assert "'=HYPERLINK" in body


def test_the_events_feed_escapes_and_honours_the_filters(client, attacks):
    Event.objects.filter(pk=attacks["post"].pk).update(name="Bannu <b>raid</b>")
    body = client.get(reverse("statements:events_feed"), {"province": "Khyber Pakhtunkhwa"})
    text = body.content.decode()
    assert body["Content-Type"].startswith("application/atom+xml")
    assert "Bannu &lt;b&gt;raid&lt;/b&gt; (May 2025, Bannu, Khyber Pakhtunkhwa)" in text
    assert "Kalat" not in text


def test_an_export_costs_the_same_queries_for_more_events(
    client, attacks, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        _body(client.get(reverse("statements:events_csv")))


def test_the_statement_feed_and_export_honour_the_event_filter(client, attacks):
    query = {"event": attacks["market"].slug}
    feed = client.get(reverse("statements:feed"), query).content.decode()
    assert "reacting to: Kalat market bombing" in feed
    assert "Bannu police post attack was cowardly" not in feed
    assert feed.count("<entry>") == 3
    rows = _csv(client.get(reverse("statements:export_csv"), query))
    assert {r["speaker"] for r in rows} == {"Casey Brandt", "Nadia Rauf", "Tariq Sohail"}
