"""The context page puts attacks and their tolls on the statements' time axis."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from statements.event_models import Event
from tests.statements import event_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def attacks(db) -> dict:
    return event_sample.build()


def _rows(body: str) -> dict[str, str]:
    table = body[body.index('class="list context-months"') :]
    table = table[: table.index("</table>")]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        cells = [
            re.sub(r"<[^>]+>|\s+", " ", c).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        rows[cells[0]] = " | ".join(cells[1:])
    return rows


def test_each_month_shows_its_statements_attacks_and_killed_range(client, attacks):
    body = client.get(reverse("statements:statistics")).content.decode()
    rows = _rows(body)
    assert rows["Mar 2025"] == "3 | 1 | 9–12"
    assert rows["Apr 2025"] == "0 | 1 | —"
    assert rows["May 2025"] == "1 | 1 | —"  # known only to May: in May, never on its first day
    assert 'href="/events/?since=2025-03-01&amp;until=2025-03-31"' in body
    chart = json.loads(re.search(r'id="context-chart-data"[^>]*>(.*?)</script>', body, re.S)[1])
    march = chart["labels"].index("2025-03")
    killed = {
        d["label"].split(",")[1].split()[0]: d["data"][march]
        for d in chart["datasets"]
        if "Killed" in d["label"]
    }
    assert killed == {"highest": 12, "lowest": 9}


def test_the_province_narrows_the_attacks_and_the_links(client, attacks):
    body = client.get(
        reverse("statements:statistics"), {"province": "Khyber Pakhtunkhwa"}
    ).content.decode()
    rows = _rows(body)
    assert rows["Mar 2025"].split(" | ")[1] == "0"
    assert rows["May 2025"].split(" | ")[1] == "1"
    assert "province=Khyber+Pakhtunkhwa&amp;since=2025-05-01" in body


def test_an_attack_known_only_to_its_year_is_counted_beside_the_months(client, attacks):
    Event.objects.create(
        name="An invented raid",
        slug="an-invented-raid",
        occurred_on=dt.date(2024, 1, 1),
        date_precision="year",
    )
    body = client.get(reverse("statements:statistics")).content.decode()
    assert "Jan 2024" not in _rows(body)
    assert 'href="/events/?year=2024">2024: 1</a>' in body


def test_the_side_filter_narrows_the_statements_only(client, attacks):
    rows = _rows(client.get(reverse("statements:statistics"), {"side": "us"}).content.decode())
    assert rows["Mar 2025"] == "1 | 1 | 9–12"
