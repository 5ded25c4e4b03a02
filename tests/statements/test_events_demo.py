"""The demo corpus through the real pipeline: the attacks its articles report become events
with each source's toll and the statements that react to them (issue #16)."""

import datetime as dt
import json
from pathlib import Path

import pytest

from ingest.services import document_create
from ingest.storing import document_process
from statements.models import Event, EventFigure, Reaction

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[2] / "ingest" / "demo_corpus"


@pytest.fixture
def demo():
    """The five seed articles, stored and processed as `make demo` does."""
    documents = {}
    for line in (CORPUS / "manifest.jsonl").read_text().splitlines():
        item = json.loads(line)
        published = item.get("published")
        document = document_create(
            text=(CORPUS / item["file"]).read_text(encoding="utf-8"),
            published_on=dt.date.fromisoformat(published) if published else None,
            kind=item["kind"],
            enqueue=False,
        ).document
        documents[item["file"][:3]] = document_process(document_id=document.pk)
    return documents


def test_the_mosque_bombings_of_the_first_article_are_an_event_with_their_toll(demo):
    event = Event.objects.get(mentions__document=demo["000"])
    assert event.kind == "suicide_bombing"
    assert event.target == "worship"
    assert event.country == "PK"
    figure = event.figures.get()
    assert (figure.metric, figure.value, figure.qualifier) == ("killed", 60, "more than")
    sentence = demo["000"].text[figure.start : figure.end]
    assert "suicide bombings" in sentence and "60" in sentence
    # "last week" of a document whose date is not known: no invented day.
    assert event.occurred_on is None and event.date_precision == "unknown"


def test_the_state_departments_condolences_react_to_the_mosque_bombings(demo):
    event = Event.objects.get(mentions__document=demo["000"])
    reactions = Reaction.objects.filter(event=event).select_related("statement__speaker")
    miller = [r for r in reactions if r.statement.speaker.name == "Matthew Miller"]
    assert [r.basis for r in miller] == ["condolences"]
    assert "condolences" in miller[0].statement.text


def test_the_karachi_university_bombing_is_placed_with_its_victims_and_price_condemns_it(demo):
    event = Event.objects.get(name="Karachi University suicide bombing")
    assert (event.place, event.district, event.province) == ("Karachi", "Karachi", "Sindh")
    assert event.target == "foreigners"
    assert list(event.figures.values_list("metric", "value")) == [("killed", 4)]
    by = {
        r.statement.speaker.name: r.basis
        for r in Reaction.objects.filter(event=event).select_related("statement__speaker")
    }
    assert by.get("Ned Price") == "condemns"


def test_reports_and_aggregate_statistics_are_not_events(demo):
    # 002 and 003 cite quarterly CRSS figures (hundreds of deaths in hundreds of incidents):
    # statistics, not attacks.
    assert not Event.objects.filter(mentions__document__in=[demo["002"], demo["003"]]).exists()
    assert not EventFigure.objects.filter(value__in=[380, 432, 65]).exists()


def test_processing_the_demo_again_doubles_no_event(demo):
    before = list(Event.objects.order_by("pk").values_list("pk", "slug"))
    figures = EventFigure.objects.count()
    for document in demo.values():
        document_process(document_id=document.pk)
    assert list(Event.objects.order_by("pk").values_list("pk", "slug")) == before
    assert EventFigure.objects.count() == figures
