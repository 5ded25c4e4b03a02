"""The compare page: several filtered series on one axis of months, from a shareable URL."""

import datetime as dt
import json
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from statements.compare import query_of, requested
from tests.factories import SpeakerFactory, StatementFactory

pytestmark = pytest.mark.django_db


def _url(*series: tuple[str, str]) -> str:
    params = [("s", q) for q, _ in series] + [("label", label) for _, label in series]
    return f"{reverse('statements:compare')}?{urlencode(params)}"


@pytest.fixture
def two_sides():
    us, pk = SpeakerFactory(side="us"), SpeakerFactory(side="pk")
    for day in (dt.date(2024, 1, 10), dt.date(2024, 3, 5), dt.date(2024, 3, 20)):
        StatementFactory(speaker=us, said_on=day, text="The TTP must be stopped, he said.")
    StatementFactory(speaker=pk, said_on=dt.date(2024, 2, 1), text="Border fencing goes on.")
    StatementFactory(speaker=pk, said_on=None, text="An undated TTP remark.")
    return us, pk


def test_two_series_share_one_axis_of_months(client, two_sides):
    response = client.get(_url(("side=us", "US"), ("side=pk", "Pakistan")))
    assert response.status_code == 200
    body = response.content.decode()
    chart = json.loads(
        body.split('id="compare-chart-data" type="application/json">', 1)[1].split("</script>", 1)[
            0
        ]
    )
    assert chart["labels"] == ["2024-01", "2024-02", "2024-03"]
    assert [d["label"] for d in chart["datasets"]] == ["US", "Pakistan"]
    assert chart["datasets"][0]["data"] == [1, 0, 2]
    assert chart["datasets"][1]["data"] == [0, 1, 0]
    # The undated statement counts in Pakistan's total, and the page says it is not charted.
    assert "1 undated, not on the chart" in body
    # The table under the chart, and the link to share.
    assert '<th scope="row">Mar 2024</th>' in body
    assert "Link to this comparison" in body


def test_a_series_can_be_a_search_or_a_pasted_timeline_address(client, two_sides):
    pasted = "http://example.org/?side=pk&q=TTP&cursor=abc&sort=relevance"
    response = client.get(_url(("q=TTP&side=us", ""), (pasted, "")))
    body = response.content.decode()
    assert response.status_code == 200
    assert "United States, “TTP”" in body  # a label made from the filters
    assert 'value="side=pk&amp;q=TTP"' in body  # paging and order dropped
    assert query_of(pasted) == "side=pk&q=TTP"


def test_without_series_the_page_shows_the_example_and_with_an_empty_list_none():
    from django.http import QueryDict

    assert [q for q, _ in requested(QueryDict(""))] == ["side=us", "side=pk"]
    assert requested(QueryDict("s=")) == []
    assert len(requested(QueryDict("&".join(["s=side%3Dus"] * 9)))) == 6


def test_bad_parameters_in_a_series_are_said_not_fatal(client, two_sides):
    response = client.get(_url(("side=us&since=not-a-date&speaker=nobody-at-all", "")))
    assert response.status_code == 200
    assert "Ignored:" in response.content.decode()


def test_remove_links_keep_the_other_series(client, two_sides):
    body = client.get(_url(("side=us", "US"), ("side=pk", "PK"))).content.decode()
    assert f'href="{_url(("side=pk", "PK")).replace("&", "&amp;")}"' in body


def test_the_compare_page_costs_a_fixed_number_of_queries(
    client, two_sides, django_assert_max_num_queries
):
    url = _url(
        ("side=us", ""), ("side=pk", ""), ("q=TTP", ""), ("speaker=" + two_sides[0].slug, "")
    )
    client.get(url)  # warms the filter menus
    from django.core.cache import cache

    cache.clear()
    # The filter menus (speaker totals, speakers, topics, groups, outlets), then one count per
    # series.
    with django_assert_max_num_queries(5 + 4):
        assert client.get(url).status_code == 200
    for _ in range(10):
        StatementFactory(speaker=two_sides[0], said_on=dt.date(2023, 7, 1))
    cache.clear()
    with django_assert_max_num_queries(5 + 4):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(0):  # cached until the data changes
        assert client.get(url).status_code == 200
