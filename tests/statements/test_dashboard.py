"""The analyst dashboard: filters, search, keyset pages, charts, exports, feed, other pages."""

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

from statements.models import Statement
from statements.queries import Cursor
from tests.factories import DocumentFactory, StatementFactory
from tests.statements import sample

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def corpus():
    return sample.build(months=12, per_month=2)


def _get(client, name, **params):
    return client.get(reverse(f"statements:{name}"), params)


def _count_queries(client, url, params=None) -> int:
    """Queries of a cold request: cached aggregates are dropped first, so they count too."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
        assert response.status_code == 200
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    return len(captured)


CARD = re.compile(
    r'<article class="statement-card[^"]*" id="statement-(\d+)" data-said-on="([^"]*)"'
)
MONTH_OR_CARD = re.compile(r'<h2 class="month">|<article class="statement-card')


def _ids(response) -> list[int]:
    """The statements whose cards the page shows, as printed, in its order."""
    return [int(pk) for pk, _ in CARD.findall(response.content.decode())]


def _said_on(response) -> list[str]:
    return [day for _, day in CARD.findall(response.content.decode())]


def _next_cursor(response) -> str | None:
    found = re.search(
        r'class="load-more button" href="[^"]*cursor=([^"&]+)', response.content.decode()
    )
    return found and found.group(1)


def _shown(response) -> list[Statement]:
    """The statements whose cards the page shows, in its order."""
    ids = _ids(response)
    found = Statement.objects.in_bulk(ids)
    return [found[pk] for pk in ids]


def test_filters_combine_side_topic_pledges_and_dates(client, corpus):
    response = _get(
        client, "timeline", side="us", topic="border-security", pledges="on", since="2022-03-01"
    )
    statements = _shown(response)
    assert statements
    for s in statements:
        assert s.speaker.side == "us" and s.is_pledge and s.said_on >= dt.date(2022, 3, 1)
        assert "border security" in [t.name for t in s.topics.all()]
    expected = [
        s.pk
        for s in corpus["statements"]
        if s.speaker.side == "us"
        and s.is_pledge
        and s.said_on >= dt.date(2022, 3, 1)
        and s.topics.filter(slug="border-security").exists()
    ]
    assert sorted(s.pk for s in statements) == sorted(expected)


def test_several_speakers_can_be_chosen_at_once(client, corpus):
    response = client.get("/?speaker=alex-morgan&speaker=sara-qadir")
    names = {s.speaker.slug for s in _shown(response)}
    assert names == {"alex-morgan", "sara-qadir"}


def test_verified_only_and_armed_group_filters(client, corpus):
    verified = _shown(_get(client, "timeline", verified="on"))
    assert verified and all(s.review_status == "verified" for s in verified)
    ttp = _shown(_get(client, "timeline", group="ttp"))
    assert ttp and all("TTP" in [g.short_name for g in s.armed_groups.all()] for s in ttp)


def test_topic_and_group_filters_are_checked_without_a_query(client, corpus):
    from statements.forms import StatementFilterForm
    from statements.models import ArmedGroup, Topic

    StatementFilterForm({})  # the choices, cached
    with CaptureQueriesContext(connection) as captured:
        filters = StatementFilterForm({"topic": "border-security", "group": "ttp"}).filters()
    assert not captured
    assert filters["topic"] == Topic.objects.get(slug="border-security").pk
    assert filters["group"] == ArmedGroup.objects.get(slug="ttp").pk
    body = _get(client, "timeline", topic="no-such-topic").content.decode()
    assert "Ignored: Topic" in body


def test_a_speaker_filter_checks_listed_speakers_without_a_query(client, corpus):
    from statements.forms import StatementFilterForm
    from tests.factories import SpeakerFactory

    silent = SpeakerFactory(name="Quiet Official", slug="quiet-official")
    StatementFilterForm({})  # the choices, cached
    with CaptureQueriesContext(connection) as captured:
        form = StatementFilterForm({"speaker": ["alex-morgan", "sara-qadir"]})
        speakers = form.filters()["speaker"]
    assert not captured
    assert speakers == [corpus["speakers"][0].pk, corpus["speakers"][2].pk]
    # Not among the choices (nothing said yet), but a real speaker: filtered, not ignored.
    assert StatementFilterForm({"speaker": ["quiet-official"]}).filters()["speaker"] == [silent.pk]
    body = _get(client, "timeline", speaker="quiet-official").content.decode()
    assert "No statement matches these filters" in body and "Ignored" not in body
    # A slug no speaker has or had never widens the results: nothing is shown, and why.
    body = _get(client, "timeline", speaker="nobody-by-that-name").content.decode()
    assert "No speaker goes by “nobody-by-that-name”" in body
    assert "No statement matches these filters" in body and "Ignored" not in body


def test_bad_filter_values_are_ignored_not_a_server_error(client, corpus):
    for params in (
        {"since": "not-a-date"},
        {"speaker": "nobody-by-that-name"},
        {"topic": "x" * 500},
        {"side": "mars"},
        {"cursor": "garbage"},
        {"cursor": "2024-13-45_1"},
        {"q": "x" * 1000},
        {"q": "'\"():&|!<>"},
    ):
        response = _get(client, "timeline", **params)
        assert response.status_code == 200, params
    body = _get(client, "timeline", since="not-a-date").content.decode()
    assert "Ignored: From" in body


def test_the_filter_form_shows_what_was_submitted_escaped(client, corpus):
    hostile = '"><script>alert(1)</script>'
    body = _get(
        client,
        "timeline",
        q=hostile,
        since=hostile,
        side="pk",
        topic="border-security",
        pledges="on",
        sort="relevance",
    ).content.decode()
    assert "<script>alert(1)" not in body
    assert 'name="q" value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in body
    assert 'name="since" value="&quot;&gt;&lt;script&gt;' in body
    assert '<option value="pk" selected>Pakistan</option>' in body
    assert '<option value="border-security" selected>border security</option>' in body
    assert '<option value="relevance" selected>Most relevant</option>' in body
    assert '<option value="" selected>Any group</option>' in body
    assert 'name="pledges" id="id_pledges" checked' in body
    assert 'name="verified" id="id_verified">' in body


def test_only_get_is_allowed(client):
    assert client.post(reverse("statements:timeline")).status_code == 405


def test_htmx_filter_requests_get_only_the_results_partial(client, corpus):
    full = _get(client, "timeline", side="pk")
    partial = client.get(reverse("statements:timeline"), {"side": "pk"}, headers=HTMX)
    assert "<html" in full.content.decode()
    body = partial.content.decode()
    assert "<html" not in body and 'id="results"' in body and 'id="filters"' not in body
    assert 'id="timeline-chart-data"' in body


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr("statements.queries.PAGE_SIZE", 7)


def test_load_more_follows_a_keyset_cursor_without_gaps_or_repeats(client, corpus, small_pages):
    first = _get(client, "timeline")
    seen = _ids(first)
    cursor = _next_cursor(first)
    assert cursor and len(seen) == 7
    while cursor:
        more = client.get(reverse("statements:timeline"), {"cursor": cursor}, headers=HTMX)
        body = more.content.decode()
        assert "<html" not in body and 'id="results"' not in body
        seen += _ids(more)
        cursor = _next_cursor(more)
    expected = sorted(corpus["statements"], key=lambda s: (s.said_on, s.pk), reverse=True)
    assert seen == [s.pk for s in expected]


def test_undated_statements_come_last_and_page_with_the_cursor(client):
    dated = StatementFactory(said_on=dt.date(2020, 1, 1))
    undated = [StatementFactory(said_on=None, date_precision="unknown") for _ in range(3)]
    response = _get(client, "timeline")
    assert _ids(response) == [dated.pk] + sorted((s.pk for s in undated), reverse=True)
    cursor = Cursor(said_on=None, id=undated[1].pk).encode()
    assert _ids(_get(client, "timeline", cursor=cursor)) == [undated[0].pk]


def test_a_cursor_page_does_not_repeat_the_month_heading(client, corpus, small_pages):
    first = _get(client, "timeline")
    more = client.get(reverse("statements:timeline"), {"cursor": _next_cursor(first)}, headers=HTMX)
    last_shown, next_shown = _said_on(first)[-1], _said_on(more)[0]
    opens_with_heading = MONTH_OR_CARD.search(more.content.decode()).group().startswith("<h2")
    assert opens_with_heading == (last_shown[:7] != next_shown[:7])


def test_search_finds_words_and_marks_them_safely(client, corpus):
    document = DocumentFactory(text="x")
    StatementFactory(
        document=document,
        text='<script>alert(1)</script> We will fence the border <b onmouseover="x()">now</b>',
    )
    response = _get(client, "timeline", q="border")
    body = response.content.decode()
    assert "<mark>border</mark>" in body or "<mark>Border</mark>" in body
    assert "<script>alert" not in body and "<b onmouseover" not in body
    assert "&lt;script&gt;" in body
    assert all("border" in c["text"].lower() for c in response.context["page"].cards)


def test_search_uses_websearch_syntax_and_stemming_on_postgresql(client, corpus):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL full-text search")
    # Stemming: "strengthening" finds "strengthen"; a minus excludes.
    found = _get(client, "timeline", q="strengthening").context["page"].cards
    assert found and all("strengthen" in c["text"] for c in found)
    none = _get(client, "timeline", q="strengthen -border").context["page"].cards
    assert none == []
    phrase = _get(client, "timeline", q='"terror financing"').context["page"].cards
    assert phrase and all("terror financing" in c["text"] for c in phrase)


def test_relevance_order_pages_by_rank(client, corpus):
    StatementFactory(text="Border, border, border security at the border.")
    response = _get(client, "timeline", q="border", sort="relevance")
    cards = response.context["page"].cards
    assert cards[0]["text"].startswith("Border, border")
    ranks = [c["rank"] for c in cards]
    assert ranks == sorted(ranks, reverse=True)


def test_relevance_pages_follow_the_rank_cursor(client, corpus, small_pages):
    response = _get(client, "timeline", q="border", sort="relevance")
    seen = _ids(response)
    cursor = response.context["page"].next_cursor
    assert cursor and cursor.startswith("r")
    while cursor:
        response = _get(client, "timeline", q="border", sort="relevance", cursor=cursor)
        seen += _ids(response)
        cursor = response.context["page"].next_cursor
    matching = [s.pk for s in corpus["statements"] if "border" in s.text]
    assert sorted(seen) == sorted(matching) and len(seen) == len(set(seen))


def test_the_chart_counts_statements_per_month_by_side_and_follows_filters(client, corpus):
    chart = _get(client, "timeline").context["chart"]
    assert chart["labels"][0] == "2022-01" and chart["labels"][-1] == "2022-12"
    total = sum(sum(d["data"]) for d in chart["datasets"])
    assert total == len(corpus["statements"])
    assert {d["label"] for d in chart["datasets"]} == {"United States", "Pakistan", "Joint"}
    us_only = _get(client, "timeline", side="us").context["chart"]
    assert [d["label"] for d in us_only["datasets"]] == ["United States"]
    months = _get(client, "timeline", side="us").context["months"]
    assert sum(m["total"] for m in months) == sum(sum(d["data"]) for d in us_only["datasets"])
    assert months[0]["first"].day == 1 and months[0]["last"].month == months[0]["first"].month
    by_speaker = _get(client, "timeline", stack="speaker").context["chart"]
    assert "Alex Morgan" in {d["label"] for d in by_speaker["datasets"]}


def test_reports_of_a_remark_are_counted_on_one_card(client, corpus):
    original = corpus["statements"][0]
    sample.add_report(original)
    sample.add_report(original)
    response = _get(client, "timeline")
    assert response.context["total"] == len(corpus["statements"])
    body = client.get(reverse("statements:statement", args=[original.pk])).content.decode()
    assert "Reported by 3 outlets" in body and "Invented reprint" in body


def test_empty_states_say_what_to_do(client):
    body = _get(client, "timeline").content.decode()
    assert "No statements yet" in body and "manage.py ingest" in body
    StatementFactory()
    body = _get(client, "timeline", q="zzzzunmatched").content.decode()
    assert "No statement matches these filters" in body and "clear all filters" in body


def test_the_count_says_match_only_when_something_is_filtered(client, corpus):
    total = len(corpus["statements"])
    lede = re.compile(r'<p class="lede">(.*?)</p>')
    everything = lede.search(_get(client, "timeline").content.decode()).group(1)
    assert everything == f"<strong>{total}</strong> statements, newest first."
    assert _get(client, "timeline").context["filters"] == {}
    us_only = lede.search(_get(client, "timeline", side="us").content.decode()).group(1)
    assert "statements match, newest first." in us_only
    stacked = lede.search(_get(client, "timeline", stack="speaker").content.decode()).group(1)
    assert stacked == everything  # stacking the chart filters nothing


@pytest.mark.parametrize(
    "params",
    [{}, {"side": "us", "pledges": "on", "topic": "border-security"}, {"q": "border"}],
)
def test_timeline_query_count_does_not_grow_with_statements(client, params):
    built = sample.build(months=2, per_month=1)
    few = _count_queries(client, reverse("statements:timeline"), params)
    for statement in built["statements"]:
        for _ in range(8):
            copy = StatementFactory(
                speaker=statement.speaker,
                text=statement.text,
                said_on=statement.said_on,
                is_pledge=statement.is_pledge,
            )
            copy.topics.set(statement.topics.all())
            copy.armed_groups.set(statement.armed_groups.all())
            sample.add_report(copy)
    assert _count_queries(client, reverse("statements:timeline"), params) == few


def test_csv_export_honours_the_filters(client, corpus):
    response = _get(client, "export_csv", side="pk", pledges="on")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows and all(r["side"] == "pk" and r["is_pledge"] == "True" for r in rows)
    assert rows[0]["source_url"].startswith("http://testserver/documents/")
    assert "#s" in rows[0]["source_url"]


def test_json_export_is_valid_and_filtered(client, corpus):
    response = _get(client, "export_json", topic="terror-financing")
    data = json.loads(b"".join(response.streaming_content))
    assert data["statements"]
    assert all("terror financing" in s["topics"] for s in data["statements"])
    assert {"speaker", "said_on", "text", "outlets_reporting", "source_url"} <= set(
        data["statements"][0]
    )


def test_exports_query_count_does_not_grow(client):
    sample.build(months=2, per_month=1)
    urls = [reverse("statements:export_csv"), reverse("statements:export_json")]
    few = [_count_queries(client, url) for url in urls]
    for _ in range(20):
        StatementFactory()
    assert [_count_queries(client, url) for url in urls] == few


def test_the_atom_feed_lists_new_statements_escaped_and_filtered(client, corpus):
    StatementFactory(text="<script>alert(1)</script> hostile", speaker=corpus["speakers"][0])
    response = _get(client, "feed", side="us")
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "<feed" in body and "hostile" in body
    assert "<script>" not in body
    assert "Sara Qadir" not in body and "Alex Morgan" in body


def test_speakers_index_counts_and_dates_in_one_query(client, corpus):
    response = _get(client, "speakers")
    rows = {s.slug: s for s in response.context["speakers"]}
    alex = rows["alex-morgan"]
    mine = [s for s in corpus["statements"] if s.speaker.slug == "alex-morgan"]
    assert alex.total == len(mine)
    # (first day, precision) pairs, shown at their precision
    assert alex.first == (min(s.said_on for s in mine), "day")
    assert alex.last == (max(s.said_on for s in mine), "day")
    few = _count_queries(client, reverse("statements:speakers"))
    sample.add_report(corpus["statements"][0])
    for speaker in corpus["speakers"]:
        StatementFactory(speaker=speaker)
    StatementFactory()
    assert _count_queries(client, reverse("statements:speakers")) == few


def test_the_speaker_page_shows_tenure_topics_pledges_and_chart(client, corpus):
    url = reverse("statements:speaker", args=["alex-morgan"])
    response = client.get(url)
    body = response.content.decode()
    assert "Roles held" in body and "May 2021" in body
    assert "border security" in body and "Pledges" in body
    assert 'id="speaker-chart-data"' in body
    few = _count_queries(client, url)
    for _ in range(10):
        s = StatementFactory(speaker=corpus["speakers"][0], is_pledge=True)
        s.topics.add(corpus["topics"]["border security"])
    assert _count_queries(client, url) == few


def test_the_pledge_ledger_shows_first_pledge_and_reaffirmations(client, corpus):
    response = _get(client, "pledges")
    areas = {c.name: c for c in response.context["commitments"]}
    border = areas["border security"]
    dates = [p.said_on for p in border.pledges]
    assert dates == sorted(dates) and all(p.is_pledge for p in border.pledges)
    assert border.reaffirmations == border.total - 1
    expected = [
        s
        for s in corpus["statements"]
        if s.is_pledge and s.topics.filter(slug="border-security").exists()
    ]
    assert border.total == len(expected)
    assert border.first_on == min(s.said_on for s in expected) == border.first.said_on
    assert {name for name, *_ in border.speakers} == {s.speaker.name for s in expected}
    body = response.content.decode()
    assert "First pledged" in body and "reaffirmed" in body
    us = _get(client, "pledges", side="us").context["commitments"]
    assert all(p.speaker.side == "us" for c in us for p in c.pledges)
    partial = client.get(reverse("statements:pledges"), {"side": "pk"}, headers=HTMX)
    assert 'id="ledger"' in partial.content.decode() and "<html" not in partial.content.decode()


def test_the_first_pledge_is_the_earliest_dated_one_even_beside_undated_pledges(client):
    from tests.factories import TopicFactory

    topic = TopicFactory(name="border security")
    undated = StatementFactory(is_pledge=True, said_on=None, date_precision="unknown")
    days = [dt.date(2024, 3, 9), dt.date(2021, 6, 2), dt.date(2023, 1, 5)]
    dated = [StatementFactory(is_pledge=True, said_on=day) for day in days]
    for statement in [undated, *dated]:
        statement.topics.add(topic)
    (area,) = _get(client, "pledges").context["commitments"]
    assert area.first == dated[1] and area.first_on == dt.date(2021, 6, 2)
    assert [p.pk for p in area.pledges] == [dated[1].pk, dated[2].pk, dated[0].pk, undated.pk]

    # An area with undated pledges only: its first is the first of them.
    other = TopicFactory(name="terrorist financing")
    loose = [StatementFactory(is_pledge=True, said_on=None) for _ in range(2)]
    for statement in loose:
        statement.topics.add(other)
    areas = {c.name: c for c in _get(client, "pledges").context["commitments"]}
    assert areas["terrorist financing"].first == loose[0]


def test_a_long_ledger_lists_the_first_and_latest_pledges_and_links_to_the_rest(
    client, corpus, monkeypatch
):
    monkeypatch.setattr("statements.views.pledges.LATEST", 2)
    border = {c.name: c for c in _get(client, "pledges").context["commitments"]}["border security"]
    expected = sorted(
        (
            s
            for s in corpus["statements"]
            if s.is_pledge and s.topics.filter(slug="border-security").exists()
        ),
        key=lambda s: (s.said_on, s.pk),
    )
    assert [p.pk for p in border.pledges] == [expected[0].pk] + [s.pk for s in expected[-2:]]
    assert border.not_shown == len(expected) - 3
    body = _get(client, "pledges").content.decode()
    assert f"{border.not_shown} more pledges in between" in body


def test_the_ledger_and_statistics_query_counts_do_not_grow(client, corpus):
    from statements.models import Statistic

    urls = [reverse("statements:pledges"), reverse("statements:statistics")]
    few = [_count_queries(client, u) for u in urls]
    for i in range(10):
        s = StatementFactory(is_pledge=True, speaker=corpus["speakers"][i % 5])
        s.topics.add(corpus["topics"]["terror financing"])
        Statistic.objects.create(
            document=s.document,
            source="SATP",
            period="2023",
            metric="attacks",
            value=i,
            period_start=dt.date(2023, 1, 1),
        )
    assert [_count_queries(client, u) for u in urls] == few


def test_statistics_are_charted_by_month_and_linked_to_documents(client, corpus):
    response = _get(client, "statistics")
    chart = response.context["chart"]
    lines = [d for d in chart["datasets"] if d["type"] == "line"]
    # A year's figure is its monthly average over the whole year, not a point in January.
    assert lines and lines[0]["label"] == "deaths per month (CRSS, from yearly figures)"
    for month in ("2023-01", "2023-06", "2023-12"):
        assert lines[0]["data"][chart["labels"].index(month)] == 127.0
    document = corpus["statements"][0].document
    assert reverse("statements:document", args=[document.pk]) in response.content.decode()


def test_rejected_statements_are_hidden_from_analysts_but_not_editors(client, editor):
    rejected = StatementFactory(review_status="rejected")
    url = reverse("statements:statement", args=[rejected.pk])
    response = client.get(url)
    assert response.status_code == 410
    page = response.content.decode()
    assert "withdrawn by an editor" in page and rejected.text not in page
    assert reverse("statements:document", args=[rejected.document_id]) in page
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_every_page_can_require_sign_in(client, settings, corpus):
    settings.READ_REQUIRES_LOGIN = True
    for name in ("speakers", "pledges", "statistics", "export_csv", "export_json", "feed"):
        response = _get(client, name)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name


def test_dates_show_only_the_precision_the_source_gives(client):
    from tests.factories import TopicFactory

    topic = TopicFactory()
    StatementFactory(
        text="A pledge known to the year",
        is_pledge=True,
        said_on=dt.date(2024, 1, 1),
        date_precision="year",
    ).topics.add(topic)
    StatementFactory(
        text="A pledge known to the month",
        is_pledge=True,
        said_on=dt.date(2023, 10, 1),
        date_precision="month",
    ).topics.add(topic)
    for url in (reverse("statements:timeline"), reverse("statements:pledges")):
        body = client.get(url).content.decode()
        assert "1 Jan 2024" not in body and "1 Oct 2023" not in body
        assert "October 2023" in body


def test_the_speaker_filter_keeps_its_boxes_ticked(client, corpus):
    body = client.get(reverse("statements:timeline"), {"speaker": "alex-morgan"}).content.decode()
    assert 'name="speaker" value="alex-morgan" checked' in body
    # The others are found with the speaker search box, not listed as unticked boxes.
    assert 'name="speaker" value="sara-qadir"' not in body
