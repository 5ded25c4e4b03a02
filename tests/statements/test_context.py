"""The context page: figures under their own period, one vocabulary, each figure once."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from statements.metrics import Period, metric_of
from statements.models import Statistic
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("written", "term"),
    [
        ("fatalities", "deaths"),
        ("people killed", "deaths"),
        ("violence-linked deaths", "deaths"),
        ("deaths (at least)", "deaths"),
        ("terrorist attacks", "attacks"),
        ("militant attacks", "attacks"),
        ("soldiers", "security personnel"),
        ("soldiers martyred", "security personnel killed"),
        ("civilians killed", "civilians killed"),
        ("suicide attacks", "suicide attacks"),
        ("injured", "people injured"),
        ("attacks (%)", "attacks (%)"),
        ("drone sorties", "drone sorties"),
    ],
)
def test_metric_names_come_from_one_vocabulary(written, term):
    assert metric_of(written) == term


@pytest.mark.parametrize(
    ("start", "end", "label", "kind"),
    [
        (dt.date(2023, 1, 1), dt.date(2023, 12, 31), "2023", "year"),
        (dt.date(2024, 1, 1), dt.date(2024, 3, 31), "Q1 2024", "quarter"),
        (dt.date(2024, 5, 1), dt.date(2024, 5, 31), "May 2024", "month"),
        (dt.date(2022, 1, 1), dt.date(2022, 4, 30), "Jan–Apr 2022", "months"),
        (dt.date(2022, 7, 1), dt.date(2022, 12, 31), "Second half of 2022", "half"),
        (None, None, "Period not stated", "unknown"),
    ],
)
def test_periods_are_shown_as_said_never_with_a_day(start, end, label, kind):
    assert Period(start, end).label == label
    assert Period(start, end).kind == kind


def _figure(document, metric, value, year, source="CRSS", month=None):
    start = dt.date(year, month or 1, 1)
    end = dt.date(year, month, 28) if month else dt.date(year, 12, 31)
    return Statistic.objects.create(
        document=document,
        source=source,
        period=f"{year}-{month:02d}" if month else str(year),
        period_start=start,
        period_end=end,
        metric=metric,
        value=Decimal(value),
    )


def test_a_figure_several_documents_report_is_counted_once_under_one_measure(client):
    one, two = DocumentFactory(), DocumentFactory()
    _figure(one, "fatalities", 1200, 2023)
    _figure(two, "people killed", 1200, 2023)  # the same figure, worded otherwise
    _figure(one, "deaths", 900, 2022)
    _figure(one, "terrorist attacks", 300, 2023)
    response = client.get(reverse("statements:statistics"))
    assert response.status_code == 200
    groups = {g["metric"]: g["figures"] for g in response.context["groups"]}
    assert set(groups) == {"deaths", "attacks"}
    deaths = groups["deaths"]
    assert [f.period.label for f in deaths] == ["2022", "2023"]
    assert [len(f.documents) for f in deaths] == [1, 2]
    assert round(deaths[1].change) == 33  # 900 -> 1200
    body = response.content.decode()
    assert "counted once" in body
    assert "1 Jan 2023" not in body and "Jan 2023 –" not in body
    # On the chart a year's figure is a flat step over its months, not a January point.
    chart = response.context["chart"]
    line = next(d for d in chart["datasets"] if d["label"].startswith("deaths"))
    months = chart["labels"]
    assert line["data"][months.index("2023-01")] == line["data"][months.index("2023-12")] == 100.0


def test_the_context_page_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    document = DocumentFactory()
    _figure(document, "deaths", 10, 2023, month=5)
    url = reverse("statements:statistics")
    client.get(url)
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200
    for i in range(20):
        _figure(DocumentFactory(), "attacks", i + 1, 2020 + i % 4, month=1 + i % 12)
    client.get(url)
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200
