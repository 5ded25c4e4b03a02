"""Dates at their precision: a statement known only to its month or year is grouped, charted,
filtered, ordered, shown, exported and fed as such, never as the period's first day."""

import csv
import datetime as dt
import io
import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from statements.dates import as_said, last_whole_start, period_end
from statements.queries import Cursor, apply_filters, cut_periods, timeline_base
from statements.summary_reads import timeline_counts
from statements.views.pledges import ledger
from tests.factories import SpeakerFactory, StatementFactory, TopicFactory

pytestmark = pytest.mark.django_db

D = dt.date


def test_dates_at_precision_helpers():
    assert as_said(D(2024, 1, 1), "year") == "2024"
    assert as_said(D(2024, 5, 1), "month") == "2024-05"
    assert as_said(D(2024, 5, 15), "day") == "2024-05-15"
    assert as_said(D(2024, 5, 15), "unknown") == "2024-05-15"
    assert as_said(None, "day") == ""
    assert period_end(D(2024, 1, 1), "year") == D(2024, 12, 31)
    assert period_end(D(2024, 2, 1), "month") == D(2024, 2, 29)
    assert period_end(D(2024, 2, 7), "day") == D(2024, 2, 7)
    assert last_whole_start(D(2024, 12, 31), "year") == D(2024, 1, 1)
    assert last_whole_start(D(2024, 12, 30), "year") == D(2023, 1, 1)
    assert last_whole_start(D(2024, 5, 31), "month") == D(2024, 5, 1)
    assert last_whole_start(D(2024, 5, 30), "month") == D(2024, 4, 1)


def test_a_cursor_keeps_the_year_group_it_ends_in():
    cursor = Cursor(D(2024, 1, 1), id=5, period="year")
    assert Cursor.decode(cursor.encode()) == cursor
    assert Cursor.decode(cursor.encode()).group == "2024-year"
    day = Cursor(D(2024, 1, 1), id=5)
    assert Cursor.decode(day.encode()) == day
    assert day.group == "2024-01"


@pytest.fixture
def periods():
    """A statement of each precision in 2024, and one in January of it."""
    speaker = SpeakerFactory(name="Dana Invented", slug="dana-invented")
    return {
        "may15": StatementFactory(speaker=speaker, said_on=D(2024, 5, 15), text="Day remark"),
        "may": StatementFactory(
            speaker=speaker, said_on=D(2024, 5, 1), date_precision="month", text="Month remark"
        ),
        "jan10": StatementFactory(speaker=speaker, said_on=D(2024, 1, 10), text="January remark"),
        "year": StatementFactory(
            speaker=speaker, said_on=D(2024, 1, 1), date_precision="year", text="Year remark"
        ),
    }


def _headings(body: str) -> list[str]:
    return re.findall(r'<h2 class="month">([^<]*)</h2>', body)


def test_a_year_only_statement_has_its_own_group_after_the_months_of_its_year(client, periods):
    body = client.get(reverse("statements:timeline")).content.decode()
    assert _headings(body) == ["May 2024", "January 2024", "2024, month unknown"]
    assert '<time datetime="2024">2024</time>' in body
    assert '<time datetime="2024-05">May 2024</time>' in body
    assert '<time datetime="2024-05-15">15 May 2024</time>' in body
    assert 'datetime="2024-01-01"' not in body


def test_the_next_page_continues_the_year_group_without_a_second_heading(client, periods):
    from statements import queries

    page = queries.page_of(
        queries.in_timeline_order(timeline_base()),
        Cursor(D(2024, 1, 1), id=periods["year"].pk + 1, period="year"),
    )
    # Nothing left after the year-only row but the cursor's group is remembered as the year's.
    assert page.previous_month == "2024-year"


@pytest.mark.parametrize("search", [False, True])
def test_the_chart_puts_no_year_only_statement_in_january(client, periods, search):
    params = {"q": "remark"} if search else {}  # a search counts live, the rest from the summary
    response = client.get(reverse("statements:timeline"), params)
    chart = response.context["chart"]
    january = chart["labels"].index("2024-01")
    assert sum(d["data"][january] for d in chart["datasets"]) == 1  # the 10 January remark
    assert chart["years"] == [[2024, 1]]
    assert response.context["total"] == 4
    body = response.content.decode()
    assert "Not in the bars: 1 statement known only to the year 2024" in body
    assert "and years where the month is unknown" in body
    chips = re.findall(r'<li><a class="badge"[^>]*>([^<]*)</a></li>', body)
    assert chips == ["Jan 2024 · 1", "May 2024 · 2", "2024, month unknown · 1"]


def test_a_date_filter_matches_a_period_only_when_it_lies_wholly_inside(client, periods):
    def matching(since, until):
        filters = {"since": since, "until": until}
        found = set(apply_filters(timeline_base(), filters).values_list("pk", flat=True))
        total, _ = timeline_counts(filters)
        assert total == len(found), filters  # the summary agrees with a live count
        return {name for name, s in periods.items() if s.pk in found}

    assert matching(D(2024, 1, 1), D(2024, 1, 31)) == {"jan10"}
    assert matching(D(2024, 1, 1), D(2024, 12, 31)) == set(periods)
    assert matching(D(2024, 5, 1), D(2024, 5, 31)) == {"may", "may15"}
    assert matching(D(2024, 5, 2), D(2024, 5, 31)) == {"may15"}
    assert matching(D(2024, 5, 1), D(2024, 5, 20)) == {"may15"}
    assert matching(D(2023, 6, 1), D(2025, 6, 30)) == set(periods)
    assert matching(D(2024, 1, 2), None) == {"may", "may15", "jan10"}
    assert matching(None, D(2024, 11, 30)) == {"may", "may15", "jan10"}


def test_a_filter_that_cuts_a_period_says_how_many_it_left_out(client, periods):
    assert cut_periods(timeline_base(), {"since": D(2024, 1, 1), "until": D(2024, 1, 31)}) == 1
    assert cut_periods(timeline_base(), {"since": D(2024, 5, 10), "until": D(2024, 5, 20)}) == 2
    assert cut_periods(timeline_base(), {"since": D(2024, 1, 1), "until": D(2024, 12, 31)}) == 0
    assert cut_periods(timeline_base(), {"since": D(2025, 1, 1)}) == 0
    body = client.get(
        reverse("statements:timeline"), {"since": "2024-01-01", "until": "2024-01-31"}
    ).content.decode()
    assert "1 statement known only to a month or a year that the dates cut is left out" in body
    assert "whole month or year lies" in body  # the filter's help says the rule
    body = client.get(reverse("statements:timeline")).content.decode()
    assert 'class="date-cut"' not in body


def test_the_cut_count_costs_one_query_and_only_with_dates(client, periods):
    def queries(params) -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("statements:timeline"), params).status_code == 200
        return len(captured)

    plain = queries({"speaker": "dana-invented"})
    dated = queries({"speaker": "dana-invented", "since": "2024-01-01", "until": "2024-12-31"})
    assert dated <= plain + 1
    for _ in range(5):
        StatementFactory(said_on=D(2024, 3, 1), date_precision="month")
    assert queries({"since": "2024-03-02", "until": "2024-12-31"}) == queries(
        {"since": "2024-03-02", "until": "2024-12-31"}
    )


def test_speakers_index_and_page_show_first_and_latest_at_their_precision(client, periods):
    body = client.get(reverse("statements:speakers")).content.decode()
    assert '<time datetime="2024">2024</time>' in body  # first: the year
    assert '<time datetime="2024-05-15">15 May 2024</time>' in body
    assert "1 Jan 2024" not in body
    body = client.get(reverse("statements:speaker", args=["dana-invented"])).content.decode()
    assert 'First statement <time datetime="2024">2024</time>' in body
    assert "known only to the year 2024" in body


def test_the_statement_page_heading_states_no_unknown_day(client, periods):
    body = client.get(periods["year"].get_absolute_url()).content.decode()
    assert "Statement by Dana Invented, 2024</h1>" in body
    assert "1 January 2024" not in body


def test_the_ledger_orders_pledges_at_their_precision():
    topic = TopicFactory()
    made = [
        StatementFactory(said_on=D(2024, 1, 1), is_pledge=True),
        StatementFactory(said_on=D(2024, 1, 1), date_precision="year", is_pledge=True),
        StatementFactory(said_on=D(2024, 1, 1), date_precision="month", is_pledge=True),
    ]
    for statement in made:
        statement.topics.add(topic)
    pledges = apply_filters(timeline_base(), {"pledges": True})
    [area] = ledger(pledges, {"pledges": True})
    assert [p.date_precision for p in area.pledges] == ["year", "month", "day"]


def test_exports_carry_the_date_as_said_with_its_precision(client, periods):
    body = b"".join(client.get(reverse("statements:export_csv")).streaming_content)
    rows = {r["text"]: r for r in csv.DictReader(io.StringIO(body.decode("utf-8-sig")))}
    assert (rows["Year remark"]["said_on"], rows["Year remark"]["date_precision"]) == (
        "2024",
        "year",
    )
    assert rows["Month remark"]["said_on"] == "2024-05"
    assert rows["Day remark"]["said_on"] == "2024-05-15"
    body = b"".join(client.get(reverse("statements:export_json")).streaming_content)
    records = {r["text"]: r for r in json.loads(body)["statements"]}
    assert records["Year remark"]["said_on"] == "2024"
    assert records["Month remark"]["date_precision"] == "month"
    assert "2024-01-01" not in body.decode()


def test_the_feed_states_the_date_as_said(client, periods):
    body = client.get(reverse("statements:feed")).content.decode()
    assert "Dana Invented (2024, said): Year remark" in body
    assert "Dana Invented (2024-05, said): Month remark" in body
    assert "Said: May 2024" in body
    assert "2024-01-01" not in body


def test_the_feed_marks_an_approximate_day(client):
    StatementFactory(said_on=D(2024, 5, 15), date_precision="unknown", text="Roughly then")
    body = client.get(reverse("statements:feed")).content.decode()
    assert "Said: 15 May 2024 (approximate)" in body


def test_the_ledger_page_says_in_which_period_a_pledge_was_first_made(client):
    topic = TopicFactory()
    StatementFactory(said_on=D(2023, 1, 1), date_precision="year", is_pledge=True).topics.add(topic)
    StatementFactory(said_on=D(2024, 2, 3), is_pledge=True).topics.add(topic)
    body = client.get(reverse("statements:pledges")).content.decode()
    assert 'First pledged in <strong><time datetime="2023">2023</time></strong>' in body
    assert '<time datetime="2024-02-03">3 Feb 2024</time>' in body
    assert "1 Jan 2023" not in body


def test_the_ledger_says_how_many_pledges_its_dates_cut(client):
    StatementFactory(said_on=D(2024, 1, 1), date_precision="year", is_pledge=True)
    StatementFactory(said_on=D(2024, 1, 1), date_precision="year")  # not a pledge
    StatementFactory(said_on=D(2024, 3, 3), is_pledge=True)
    response = client.get(reverse("statements:pledges"), {"since": "2024-03-01"})
    assert response.context["cut"] == 1
    assert "1 statement known only to a month or a year" in response.content.decode()
