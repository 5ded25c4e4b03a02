"""The events list, an event's page and the reactions table, on invented attacks."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from statements.event_models import Event, EventFigure, Reaction
from statements.event_reads import lag_of
from tests.factories import DocumentFactory, SpeakerFactory, StatementFactory
from tests.statements import event_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def attacks(db) -> dict:
    return event_sample.build()


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.parametrize(
    ("event", "said", "label", "days"),
    [
        (("2025-03-11", "day"), ("2025-03-11", "day"), "same day", 0),
        (("2025-03-11", "day"), ("2025-03-12", "day"), "1 day after", 1),
        (("2025-03-11", "day"), ("2025-03-20", "day"), "9 days after", 9),
        (("2025-03-11", "day"), ("2025-03-01", "month"), "within the month", None),
        (("2025-03-01", "month"), ("2025-04-02", "day"), "the month after", None),
        (("2025-03-11", "day"), ("2025-06-01", "month"), "3 months after", None),
        (("2025-01-01", "year"), ("2025-03-12", "day"), "within the year", None),
        (("2025-03-11", "day"), ("2025-03-10", "day"), "1 day before", -1),
        (("2025-03-11", "unknown"), ("2025-03-12", "day"), "the event's date is unknown", None),
        (("2025-03-11", "day"), ("2025-03-12", "unknown"), "timing unknown", None),
    ],
)
def test_a_lag_is_never_finer_than_both_dates(event, said, label, days):
    lag = lag_of(dt.date.fromisoformat(event[0]), event[1], dt.date.fromisoformat(said[0]), said[1])
    assert (lag.label, lag.days) == (label, days)


def test_the_events_list_shows_each_toll_as_a_range_over_its_sources(client, attacks):
    page = client.get(reverse("statements:events"))
    text = _text(page)
    assert page.status_code == 200
    assert "killed 9–12 (3 sources)" in text
    assert "injured 20 (1 source)" in text
    assert "11 Mar 2025" in text
    # Known only to its month: "May 2025", never the first of May.
    assert "May 2025" in text and "1 May 2025" not in text
    assert "Invented Front (claimed)" in text
    assert "US 1 · PK 2" in text


def test_the_events_list_finds_the_attacks_of_a_province_with_no_us_reaction(client, attacks):
    page = client.get(
        reverse("statements:events"), {"province": "Balochistan", "reaction": "no_us"}
    )
    text = _text(page)
    assert "Turbat checkpoint assault" in text
    assert "Kalat market bombing" not in text  # the US reacted
    assert "Bannu police post attack" not in text  # another province


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ({"reaction": "no_pk"}, {"Turbat checkpoint assault"}),
        ({"reaction": "none"}, {"Turbat checkpoint assault"}),
        ({"reaction": "us"}, {"Kalat market bombing"}),
        ({"reaction": "pk"}, {"Kalat market bombing", "Bannu police post attack"}),
        ({"kind": "armed_assault"}, {"Turbat checkpoint assault", "Bannu police post attack"}),
        ({"target": "police"}, {"Bannu police post attack"}),
        ({"group": "invented-front"}, {"Kalat market bombing"}),
        (
            {"year": "2025", "until": "2025-04-30"},
            {"Kalat market bombing", "Turbat checkpoint assault"},
        ),
        # A range that cuts May does not hold an event known only to May.
        ({"since": "2025-04-01", "until": "2025-05-15"}, {"Turbat checkpoint assault"}),
        (
            {"since": "2025-04-01", "until": "2025-05-31"},
            {"Turbat checkpoint assault", "Bannu police post attack"},
        ),
    ],
)
def test_the_filters_narrow_the_events(client, attacks, query, found):
    text = _text(client.get(reverse("statements:events"), query))
    names = {e.name for e in Event.objects.all() if e.name in text}
    assert names == found


def test_a_bad_parameter_is_named_and_dropped(client, attacks):
    page = client.get(reverse("statements:events"), {"year": "twenty", "kind": "<b>x</b>"})
    text = _text(page)
    assert page.status_code == 200
    assert "Ignored: Kind, Year (not understood)." in text
    assert "3 events" in text


def test_an_htmx_request_gets_only_the_results(client, attacks):
    page = client.get(reverse("statements:events"), headers={"HX-Request": "true"})
    body = page.content.decode()
    assert body.lstrip().startswith('<section id="results"')
    assert "<form" not in body


def _many(n: int) -> None:
    speaker = SpeakerFactory(side="us")
    document = DocumentFactory(text="Police said 4 people died in the blast.")
    for i in range(n):
        event = Event.objects.create(
            name=f"Invented blast {i}",
            slug=f"invented-blast-{i}",
            occurred_on=dt.date(2024, 1, 1) + dt.timedelta(days=i),
            date_precision="day",
            province="Sindh",
        )
        EventFigure.objects.create(
            event=event, document=document, metric="killed", value=4, start=0, end=39
        )
        statement = StatementFactory(speaker=speaker, document=document)
        Reaction.objects.create(statement=statement, event=event, basis="condemns")


@pytest.mark.parametrize("name", ["statements:events", "statements:reactions"])
def test_a_page_costs_as_many_queries_with_three_events_as_with_forty(client, name):
    _many(3)
    client.get(reverse(name))  # fills the menus' cache
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(name)).status_code == 200
    for i in range(40):  # more events, figures and reactions: the same queries
        _many_extra(i)
    client.get(reverse(name))  # the writes emptied the menus' cache
    with CaptureQueriesContext(connection) as many:
        client.get(reverse(name))
    assert len(many) == len(few) <= 8


def _many_extra(i: int) -> None:
    event = Event.objects.create(
        name=f"Extra {i}",
        slug=f"extra-{i}",
        province="Punjab",
        occurred_on=dt.date(2023, 1, 1) + dt.timedelta(days=i),
        date_precision="day",
    )
    document = DocumentFactory(text="Two figures, one sentence.")
    for value in (3, 5):
        EventFigure.objects.create(
            event=event, document=document, metric="injured", value=value, start=0, end=10
        )
    Reaction.objects.create(
        statement=StatementFactory(document=document), event=event, basis="condemns"
    )


def test_the_event_page_shows_every_source_and_the_reactions_in_time_order(client, attacks):
    market = attacks["market"]
    page = client.get(reverse("statements:event", args=[market.slug]))
    body = page.content.decode()
    text = _text(page)
    assert "killed 9–12 (3 sources)" in text
    for figure in EventFigure.objects.filter(event=market):
        assert f"#t{figure.pk}" in body
    assert "Hospital staff in Kalat counted at least 12 dead after the market blast." in text
    assert "at least 12 killed" in text and "hospital staff" in text
    # In time order: the month-only remark (March 2025), the same day, the day after.
    order = [text.index(name) for name in ("Tariq Sohail", "Nadia Rauf", "Casey Brandt")]
    assert order == sorted(order)
    assert "within the month · March 2025" in text
    assert "same day · 11 Mar 2025" in text
    assert "1 day after · 12 Mar 2025" in text
    assert f'href="{reverse("statements:timeline")}?event={market.slug}"' in body
    assert f"#s{attacks['us_reaction'].pk}" in body


def test_an_event_page_with_no_reaction_says_so(client, attacks):
    text = _text(client.get(attacks["checkpoint"].get_absolute_url()))
    assert "No statement reacting to this event has been found." in text
    assert "No source gives a figure for this event." in text


def test_an_unknown_event_is_not_found(client, attacks):
    assert client.get(reverse("statements:event", args=["no-such-attack"])).status_code == 404


def test_the_document_page_anchors_the_sentence_giving_each_figure(client, attacks):
    figure = EventFigure.objects.get(metric="killed", value=12)
    body = client.get(reverse("statements:document", args=[figure.document_id])).content.decode()
    anchor = f'<span class="figure-anchor" id="t{figure.pk}"></span><span class="figure">'
    assert anchor + "Hospital staff in Kalat counted at least 12 dead" in body


def test_the_timeline_shows_the_statements_reacting_to_one_event(client, attacks):
    page = client.get(reverse("statements:timeline"), {"event": attacks["market"].slug})
    text = _text(page)
    assert "3 statements match" in text
    assert "Bannu police post attack was cowardly" not in text
    assert "Statements reacting to Kalat market bombing" in text


def test_the_timeline_ignores_an_unknown_event(client, attacks):
    text = _text(client.get(reverse("statements:timeline"), {"event": "nothing-here"}))
    assert "Ignored: Event (not understood)." in text


def test_the_reactions_table_gives_each_sides_first_reaction_and_its_lag(client, attacks):
    text = _text(client.get(reverse("statements:reactions")))
    # Newest first: Bannu (May), Turbat (April), Kalat (March).
    kalat = text[text.index("Kalat market bombing") :]
    assert "Casey Brandt 1 day after" in kalat
    # Known to have come soonest: the same day's, not the month-only remark (perhaps the 31st).
    assert "Nadia Rauf same day" in kalat and "Tariq Sohail" not in kalat
    turbat = text[text.index("Turbat checkpoint assault") : text.index("Kalat market bombing")]
    assert "No US reaction" in turbat and "No Pakistani reaction" in turbat


def test_names_and_words_from_documents_are_escaped(client, attacks):
    Event.objects.filter(pk=attacks["checkpoint"].pk).update(name="<script>alert(1)</script>")
    for url in (reverse("statements:events"), reverse("statements:reactions")):
        body = client.get(url).content.decode()
        assert "<script>alert(1)" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    body = client.get(attacks["checkpoint"].get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in body


def test_undated_events_come_last_and_the_pages_join_them_without_a_gap(client, settings):
    for i in range(35):
        Event.objects.create(
            name=f"Dated {i:02d}",
            slug=f"dated-{i}",
            occurred_on=dt.date(2020, 1, 1) + dt.timedelta(days=i),
            date_precision="day",
        )
    for i in range(5):
        Event.objects.create(name=f"Undated {i}", slug=f"undated-{i}")
    first = _text(client.get(reverse("statements:events")))
    second = _text(client.get(reverse("statements:events"), {"page": 2}))
    assert "40 events" in first and "Page 1 of 2" in first
    assert "Dated 34" in first and "Dated 05" in first and "Dated 04" not in first
    names = re.findall(r"(?:Dated \d+|Undated \d)", second)
    assert names == ["Dated 04", "Dated 03", "Dated 02", "Dated 01", "Dated 00"] + [
        f"Undated {i}" for i in (4, 3, 2, 1, 0)
    ]


def test_a_hostile_sentence_from_a_document_is_shown_as_text(client, attacks):
    hostile = '<img src=x onerror="alert(1)"> claimed 7 killed.'
    document = DocumentFactory(text=hostile)
    EventFigure.objects.create(
        event=attacks["market"],
        document=document,
        metric="killed",
        value=7,
        start=0,
        end=len(hostile),
    )
    body = client.get(attacks["market"].get_absolute_url()).content.decode()
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; claimed 7 killed." in body
    assert "killed 7–12 (4 sources)" in _text(client.get(reverse("statements:events")))


def test_the_event_page_costs_the_same_queries_with_more_sources_and_reactions(client, attacks):
    market = attacks["market"]
    with CaptureQueriesContext(connection) as few:
        client.get(market.get_absolute_url())
    for i in range(15):
        document = DocumentFactory(text=f"Reporters counted {i} more dead.")
        EventFigure.objects.create(
            event=market, document=document, metric="killed", value=i, start=0, end=20
        )
        statement = StatementFactory(document=document, speaker=SpeakerFactory(side="pk"))
        Reaction.objects.create(statement=statement, event=market, basis="condolences")
    with CaptureQueriesContext(connection) as many:
        client.get(market.get_absolute_url())
    assert len(many) == len(few) <= 5
