"""Storing attacks found in documents: one event per attack across outlets, every source's
toll kept with its sentence, reactions linked in both orders of arrival (issue #16)."""

import datetime as dt

import pytest

from ingest.services import document_create
from ingest.storing import document_process
from statements.models import Event, EventFigure, EventMention, Reaction, Statement
from tests import event_documents as D

pytestmark = pytest.mark.django_db


def ingest(*names: str) -> dict:
    documents = {}
    for name in names:
        stored = document_create(
            text=getattr(D, name), published_on=D.PUBLISHED[name], enqueue=False
        ).document
        documents[name] = document_process(document_id=stored.pk)
    return documents


def turbat() -> Event:
    return Event.objects.get(place="Turbat")


def test_three_outlets_reporting_one_bombing_make_one_event_with_every_toll():
    docs = ingest("LEDGER", "WIRE", "MERIDIAN")
    event = turbat()
    assert (event.occurred_on, event.date_precision) == (D.TUESDAY, "day")
    assert (event.district, event.province, event.country) == ("Kech", "Balochistan", "PK")
    assert event.kind == "suicide_bombing" and event.target == "police"
    assert (event.armed_group.short_name, event.group_basis) == ("BLA", "claimed")
    killed = sorted(event.figures.filter(metric="killed").values_list("value", "qualifier"))
    assert killed == [(11, "at least"), (12, ""), (14, "")]
    assert event.toll_range("killed") == (11, 14)
    assert event.toll_range("injured") == (19, 23)
    assert event.toll_range("hostages") is None
    assert set(event.mentions.values_list("document", flat=True)) == {d.pk for d in docs.values()}
    for figure in event.figures.select_related("document"):
        sentence = figure.document.text[figure.start : figure.end]
        assert str(figure.value) in sentence  # each figure keeps the sentence that gives it
    sources = dict(event.figures.filter(metric="killed").values_list("value", "source"))
    assert sources == {11: "officials", 14: "hospital official", 12: "provincial government"}


def test_a_condemnation_the_day_after_is_linked_with_its_basis_and_lag():
    ingest("LEDGER", "CONDEMNATION")
    reactions = Reaction.objects.filter(event=turbat()).select_related("statement__speaker")
    by = {r.statement.speaker.name: r for r in reactions}
    assert by["Marla Quinn"].basis == "condemns"
    assert by["U.S. Department of State"].basis == "condemns"
    assert by["Marla Quinn"].statement.said_on == D.PUBLISHED["CONDEMNATION"]
    assert by["Marla Quinn"].lag_range() == (1, 1)  # the day after


def test_a_statement_naming_the_town_but_not_the_attack_is_linked_by_the_place():
    ingest("LEDGER", "MINISTER", "TRADE")
    reactions = Reaction.objects.filter(event=turbat()).select_related("statement__speaker")
    assert [(r.statement.speaker.name, r.basis) for r in reactions] == [
        ("Saleem Qazi", "names_place")
    ]  # the date fair in Turbat is no reaction


def test_a_statement_stored_before_the_report_of_the_attack_is_linked_when_it_arrives():
    ingest("MINISTER")
    assert not Reaction.objects.exists()
    ingest("LEDGER")
    assert Reaction.objects.get().statement.speaker.name == "Saleem Qazi"


def test_an_attack_nobody_reacts_to_has_no_reaction():
    ingest("LEDGER", "CONDEMNATION", "MINISTER", "LAKKI")
    lakki = Event.objects.get(district="Lakki Marwat")
    assert lakki.kind == "armed_assault"
    assert list(lakki.figures.values_list("metric", "value", "source")) == [
        ("killed", 3, "police")
    ]  # the attackers killed in the exchange of fire are not its toll
    assert not lakki.reactions.exists()
    assert Event.objects.count() == 2


def test_reextracting_a_document_replaces_its_own_rows_and_keeps_the_event():
    docs = ingest("LEDGER", "WIRE")
    event = turbat()
    counts = (EventMention.objects.count(), EventFigure.objects.count())
    for _ in range(2):
        document_process(document_id=docs["WIRE"].pk)
    assert list(Event.objects.values_list("pk", flat=True)) == [event.pk]
    assert (EventMention.objects.count(), EventFigure.objects.count()) == counts


def test_an_editors_event_keeps_its_fields_and_an_editors_reaction_survives():
    docs = ingest("LEDGER", "MINISTER")
    event = turbat()
    Event.objects.filter(pk=event.pk).update(name="Turbat checkpoint bombing", edited=True)
    reaction = Reaction.objects.get()
    Reaction.objects.filter(pk=reaction.pk).update(by_editor=True, basis="condolences")
    document_process(document_id=docs["LEDGER"].pk)
    document_process(document_id=docs["MINISTER"].pk)
    event.refresh_from_db()
    assert event.name == "Turbat checkpoint bombing"
    assert Reaction.objects.get(pk=reaction.pk).basis == "condolences"


def test_a_later_attack_in_the_same_town_is_another_event():
    ingest("LEDGER")
    later = D.LEDGER.replace("on Tuesday", "on Monday").replace("11 policemen", "4 policemen")
    document_process(
        document_id=document_create(
            text=later, published_on=D.PUBLISHED["LEDGER"].replace(month=5), enqueue=False
        ).document.pk
    )
    assert Event.objects.filter(place="Turbat").count() == 2


def test_storing_takes_as_many_queries_for_many_mentions_as_for_one(
    django_assert_max_num_queries,
):
    from statements.events import events_store_for_document

    docs = ingest("LEDGER", "WIRE")
    from ingest.extraction import extract

    found = extract(docs["WIRE"].text, D.PUBLISHED["WIRE"]).events
    with django_assert_max_num_queries(20) as one:
        events_store_for_document(docs["WIRE"], found)
    many = [*found, *found, *found, *found]
    with django_assert_max_num_queries(len(one.captured_queries)):
        events_store_for_document(docs["WIRE"], many)
    assert Statement.objects.exists()


def test_a_statement_naming_the_attack_days_later_is_linked_by_its_name():
    ingest("LEDGER")
    text = (
        "Donors pledge police training\n\n"
        "ISLAMABAD: Interior Minister Saleem Qazi said on Saturday that the Turbat suicide "
        "bombing had shown the need for better armoured vehicles for the police.\n"
    )
    document = document_create(text=text, published_on=D.TUESDAY.replace(day=8), enqueue=False)
    document_process(document_id=document.document.pk)
    reaction = Reaction.objects.get()
    assert (reaction.basis, reaction.statement.speaker.name) == ("names_attack", "Saleem Qazi")
    assert reaction.event == turbat()


def test_a_report_known_only_to_the_month_joins_the_event_without_blurring_its_day():
    ingest("LEDGER")
    text = (
        "Balochistan in review\n\n"
        "In March 2025 a suicide bomber struck a police checkpoint in Turbat, killing 13 "
        "policemen, according to police.\n"
    )
    document = document_create(text=text, published_on=dt.date(2025, 4, 2), enqueue=False)
    document_process(document_id=document.document.pk)
    event = turbat()
    assert (event.occurred_on, event.date_precision) == (D.TUESDAY, "day")
    assert sorted(event.figures.filter(metric="killed").values_list("value", flat=True)) == [11, 13]


def test_tolls_come_as_ranges_from_annotations_prefetch_or_a_query(
    django_assert_num_queries,
):
    ingest("LEDGER", "WIRE", "MERIDIAN", "LAKKI")
    with django_assert_num_queries(1):
        ranges = {e.place: e.toll_range("killed") for e in Event.objects.with_tolls()}
    assert ranges == {"Turbat": (11, 14), "Lakki Marwat": (3, 3)}
    with django_assert_num_queries(2):
        events = list(Event.objects.prefetch_related("figures"))
        assert {e.place: e.toll_range("injured") for e in events} == {
            "Turbat": (19, 23),
            "Lakki Marwat": None,
        }
    assert Event.objects.get(place="Turbat").toll_range("hostages") is None
