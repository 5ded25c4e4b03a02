"""The editors' admin for events: filters, merge and split, and what an editor changes
outlives re-extraction (issue #16)."""

import pytest
from django.urls import reverse

from ingest.services import document_create
from ingest.storing import document_process
from statements.models import Event, EventFigure, EventMention, Reaction
from tests import event_documents as D

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(roles):
    documents = {}
    for name in ("LEDGER", "WIRE", "CONDEMNATION", "LAKKI"):
        stored = document_create(
            text=getattr(D, name), published_on=D.PUBLISHED[name], enqueue=False
        ).document
        documents[name] = document_process(document_id=stored.pk)
    return documents


def test_the_list_filters_by_province_kind_group_and_year_and_searches(client, editor, reported):
    client.force_login(editor)
    url = reverse("admin:statements_event_changelist")
    turbat = Event.objects.get(place="Turbat")
    for query, shown in [
        ({"province": "Balochistan"}, True),
        ({"province": "Khyber Pakhtunkhwa"}, False),
        ({"kind": "suicide_bombing"}, True),
        ({"armed_group__id__exact": turbat.armed_group_id}, True),
        ({"year": "2025"}, True),
        ({"year": "2024"}, False),
        ({"q": "Turbat"}, True),
    ]:
        page = client.get(url, query).content.decode()
        assert (turbat.name in page) is shown, query
    assert client.get(url, {"year": "not-a-year"}).status_code == 200


def test_an_editor_merges_two_events_and_every_figure_stays(client, editor, reported):
    turbat = Event.objects.get(place="Turbat")
    lakki = Event.objects.get(district="Lakki Marwat")
    figures = EventFigure.objects.count()
    client.force_login(editor)
    url = reverse("admin:statements_event_changelist")
    selected = {"action": "merge_events", "_selected_action": [turbat.pk, lakki.pk]}
    assert "Merge into the chosen event" in client.post(url, selected).content.decode()
    client.post(url, {**selected, "apply": "1", "into": turbat.pk})
    assert list(Event.objects.values_list("pk", flat=True)) == [turbat.pk]
    assert EventFigure.objects.filter(event=turbat).count() == figures
    assert Event.objects.get().edited


def test_an_editor_splits_a_mention_off_and_reextraction_keeps_the_split(client, editor, reported):
    event = Event.objects.get(place="Turbat")
    wire = EventMention.objects.filter(event=event, document=reported["WIRE"])
    client.force_login(editor)
    url = reverse("admin:statements_eventmention_changelist")
    ids = list(wire.values_list("pk", flat=True))
    client.post(url, {"action": "split_mentions", "_selected_action": ids, "apply": "1"})
    fresh = Event.objects.exclude(pk=event.pk).get(place="Turbat")
    assert set(fresh.mentions.values_list("document", flat=True)) == {reported["WIRE"].pk}
    assert sorted(fresh.figures.values_list("value", flat=True)) == [14, 23]
    assert 14 not in event.figures.values_list("value", flat=True)
    document_process(document_id=reported["WIRE"].pk)
    assert set(fresh.mentions.values_list("document", flat=True)) == {reported["WIRE"].pk}
    assert Event.objects.filter(place="Turbat").count() == 2


def test_splitting_every_mention_of_an_event_is_refused_on_its_page(client, editor, reported):
    event = Event.objects.get(district="Lakki Marwat")
    client.force_login(editor)
    url = reverse("admin:statements_eventmention_changelist")
    ids = list(event.mentions.values_list("pk", flat=True))
    page = client.post(url, {"action": "split_mentions", "_selected_action": ids, "apply": "1"})
    assert "Keep at least one mention" in page.content.decode()
    assert Event.objects.count() == 2


def test_an_editors_save_marks_the_event_edited_and_their_reaction_stays(client, editor, reported):
    event = Event.objects.get(district="Lakki Marwat")
    statement = reported["CONDEMNATION"].statements.first()
    client.force_login(editor)
    url = reverse("admin:statements_event_change", args=[event.pk])
    form = {
        "name": "Lakki Marwat police station raid",
        "slug": event.slug,
        "occurred_on": "2025-03-08",
        "date_precision": "day",
        "country": "PK",
        "province": event.province,
        "district": event.district,
        "place": event.place,
        "kind": "armed_assault",
        "target": "police",
        "group_basis": "",
        "armed_group": "",
    }
    for prefix in ("mentions", "figures"):  # read-only sentences: nothing posted back
        form.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    form.update(
        {
            "reactions-TOTAL_FORMS": "1",
            "reactions-INITIAL_FORMS": "0",
            "reactions-0-statement": statement.pk,
            "reactions-0-basis": "condemns",
            "reactions-0-event": event.pk,
        }
    )
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert event.edited and event.name == "Lakki Marwat police station raid"
    reaction = Reaction.objects.get(event=event)
    assert reaction.by_editor
    for document in reported.values():
        document_process(document_id=document.pk)
    event.refresh_from_db()
    assert event.name == "Lakki Marwat police station raid"
    assert Reaction.objects.filter(pk=reaction.pk).exists()
