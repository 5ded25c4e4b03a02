"""Item: one bad date must not take pages down. Dates are bounded on input (forms, admin,
pipeline), and a value stored out of range anyway (raw SQL, older rows) breaks no page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from ingest.partial_dates import parse_partial_date, period_bounds
from statements.models import Statement, Statistic
from statements.summary import summary_rebuild, summary_refresh
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db

STORED = ["0024-05-10", "0001-01-01", "9999-12-31", "9999-12-01"]


def _reader_urls(statement: Statement) -> list[str]:
    slug = statement.speaker.slug
    return [
        "/",
        "/?stack=speaker",
        "/?since=2000-01-01",
        "/?q=remark",
        "/context/",
        "/speakers/",
        f"/speakers/{slug}/",
        "/pledges/",
        "/export.csv",
        "/export.json",
        "/feed.atom",
        f"/statements/{statement.pk}/",
        f"/documents/{statement.document_id}/",
    ]


@pytest.mark.parametrize("stored", STORED)
def test_a_date_stored_out_of_range_breaks_no_page(client, editor, stored):
    bad = StatementFactory(said_on=dt.date(2024, 5, 15), is_pledge=True, text="A bad remark")
    StatementFactory(said_on=dt.date(2023, 5, 15), speaker=bad.speaker, text="A good remark")
    Statistic.objects.create(
        document=bad.document, metric="attacks", value=Decimal(3), period_start=dt.date(2024, 1, 1)
    )
    with connection.cursor() as cursor:  # as a hand-written fix or an old row would
        cursor.execute(
            "UPDATE statements_statement SET said_on = %s WHERE id = %s", [stored, bad.pk]
        )
        cursor.execute("UPDATE statements_statistic SET period_start = %s", [stored])
        cursor.execute("UPDATE statements_document SET published_on = %s", [stored])
    summary_rebuild()
    client.raise_request_exception = False
    for url in _reader_urls(bad):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    body = client.get("/").content.decode()
    assert "A bad remark" in body and "A good remark" in body
    client.force_login(editor)
    for url in (
        reverse("admin:statements_statement_changelist"),
        reverse("admin:statements_statement_change", args=[bad.pk]),
        reverse("admin:statements_document_changelist"),
    ):
        assert client.get(url).status_code == 200, url


def test_the_chart_leaves_out_a_year_typed_as_24_instead_of_spanning_twenty_centuries(client):
    bad = StatementFactory(said_on=dt.date(2024, 5, 15))
    StatementFactory(said_on=dt.date(2024, 3, 1))
    Statement.objects.filter(pk=bad.pk).update(said_on=dt.date(24, 5, 10))
    summary_rebuild()
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["chart"]["labels"] == ["2024-03"]
    assert response.context["total"] == 2


def test_a_statement_said_in_december_9999_can_be_counted(client):
    """Its month has no following month: the summary's cell is bounded by the month's end."""
    statement = StatementFactory(said_on=dt.date(2024, 5, 15))
    statement.said_on = dt.date(9999, 12, 31)
    statement.save()  # the signals refresh its old and new cells
    assert client.get("/").context["total"] == 1
    summary_refresh(cells=[(statement.speaker_id, dt.date(9999, 12, 1))])
    assert client.get("/?since=2024-01-01").context["total"] == 1


@pytest.mark.parametrize("typed", ["0024-05-10", "9999-12-31", "1899-12-31", "2101-01-01"])
def test_the_admin_refuses_a_date_out_of_range_with_a_message(client, editor, typed):
    statement = StatementFactory()
    client.force_login(editor)
    url = reverse("admin:statements_statement_change", args=[statement.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        speaker=statement.speaker_id,
        document=statement.document_id,
        said_on=typed,
        topics=[],
        armed_groups=[],
    )
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Enter a date between 1900-01-01 and 2100-12-31." in response.content.decode()
    statement.refresh_from_db()
    assert statement.said_on == dt.date(2024, 5, 15)


def test_the_pipeline_stores_a_date_out_of_range_as_undated():
    assert parse_partial_date("0024-05-10") == (None, "unknown")
    assert parse_partial_date("9999-12") == (None, "unknown")
    assert parse_partial_date("2024-05-10")[0] == dt.date(2024, 5, 10)


def test_the_upload_form_refuses_a_publication_date_out_of_range():
    from ingest.forms import UploadForm

    form = UploadForm({"source": "text", "text": "Some text.", "published_on": "0024-05-10"})
    assert not form.is_valid()
    assert "Enter a date between" in str(form.errors["published_on"])


def test_a_statement_of_january_of_year_1_is_counted_apart_from_the_undated_ones(client):
    """The summary's unique key stands for "undated" with a sentinel no stored date can take."""
    dated = StatementFactory(said_on=dt.date(2024, 5, 15))
    StatementFactory(said_on=None, speaker=dated.speaker, date_precision="unknown")
    Statement.objects.filter(pk=dated.pk).update(said_on=dt.date(1, 1, 5))
    summary_rebuild()
    summary_refresh(speakers=[dated.speaker_id])
    StatementFactory(said_on=None, speaker=dated.speaker, date_precision="unknown")
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["total"] == 3


@pytest.mark.django_db
def test_no_stored_date_breaks_a_reader_page(client):
    """Property: whatever dates the rows hold (any day of years 1 to 9999, or none), with any
    precision, every reader page answers."""
    from django.core.cache import cache
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    pledge = StatementFactory(is_pledge=True, text="A pledged remark")
    other = StatementFactory(speaker=pledge.speaker, text="Another remark")
    Statistic.objects.create(document=pledge.document, metric="attacks", value=Decimal(3))
    days = st.none() | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
    precisions = st.sampled_from(["day", "month", "year", "unknown"])

    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(first=days, second=days, precision=precisions, period=days, published=days)
    def check(first, second, precision, period, published) -> None:
        Statement.objects.filter(pk=pledge.pk).update(said_on=first, date_precision=precision)
        Statement.objects.filter(pk=other.pk).update(said_on=second)
        Statistic.objects.update(period_start=period)
        pledge.document.__class__.objects.update(published_on=published)
        summary_rebuild()
        cache.clear()
        for url in _reader_urls(pledge):
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
            assert response.status_code == 200, (url, first, second, period, published)

    check()


def test_a_document_stored_with_a_publication_date_out_of_range_is_undated():
    from ingest.services import document_create

    stored = document_create(text="An invented note.", published_on=dt.date(24, 5, 10))
    assert stored.document.published_on is None


@pytest.mark.parametrize("period", ["0000-Q1", "0024-Q2", "9999-Q4", "0000", "0000-01/0000-04"])
def test_a_figure_for_a_period_out_of_range_has_no_bounds_rather_than_failing(period):
    start, end = period_bounds(period)
    assert start is None or dt.date(1900, 1, 1) <= start <= dt.date(2100, 12, 31)
    assert end is None or start is not None


def test_a_figure_for_a_quarter_in_range_keeps_its_bounds():
    assert period_bounds("2024-Q2") == (dt.date(2024, 4, 1), dt.date(2024, 6, 30))
