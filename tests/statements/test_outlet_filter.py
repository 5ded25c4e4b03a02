"""The timeline, its chart, exports and the feed narrowed to one outlet."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.factories import DocumentFactory, OutletFactory, StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_outlets():
    first, second = OutletFactory(name="First Invented"), OutletFactory(name="Second Invented")
    StatementFactory.create_batch(2, document=DocumentFactory(outlet=first))
    StatementFactory(document=DocumentFactory(outlet=second))
    return first, second


def test_the_timeline_narrows_to_an_outlet(client, two_outlets):
    first, second = two_outlets
    response = client.get(reverse("statements:timeline"), {"outlet": first.pk})
    assert response.context["total"] == 2
    assert len(response.context["page"].cards) == 2
    assert sum(sum(d["data"]) for d in response.context["chart"]["datasets"]) == 2
    html = response.content.decode()
    assert f'<option value="{first.pk}" selected>First Invented</option>' in html
    assert client.get(reverse("statements:timeline"), {"outlet": second.pk}).context["total"] == 1


def test_an_unknown_outlet_is_ignored_not_an_error(client, two_outlets):
    response = client.get(reverse("statements:timeline"), {"outlet": "999999"})
    assert response.status_code == 200
    assert response.context["total"] == 3
    assert "Ignored: Outlet" in response.content.decode()


def test_exports_and_feed_follow_the_outlet(client, two_outlets):
    first, _ = two_outlets
    body = b"".join(
        client.get(reverse("statements:export_json"), {"outlet": first.pk}).streaming_content
    )
    data = json.loads(body)
    assert len(data["statements"]) == 2
    assert data["filters"] == {"outlet": str(first.pk)}
    feed = client.get(reverse("statements:feed"), {"outlet": first.pk}).content.decode()
    assert feed.count("<entry>") == 2
