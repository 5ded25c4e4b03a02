"""Invented attacks for the event pages' tests, in our own words: three outlets reporting one
market bombing with different tolls, a Pakistani reaction the same day, a US condemnation the
day after and a remark known only to its month; a checkpoint assault no one reacted to; a
police-post attack known only to its month with a Pakistani reaction only.

Places and the armed group are made up; nothing here quotes a real article.
"""

from __future__ import annotations

import datetime as dt

from statements.event_models import Event, EventFigure, EventMention, Reaction
from statements.models import ArmedGroup, Outlet
from tests.factories import DocumentFactory, SpeakerFactory, StatementFactory

MARKET = [
    (
        "Dastak Daily",
        "A blast tore through the Kalat vegetable market on Tuesday morning. "
        "Police said nine people were killed and 20 injured in the blast.",
        [("killed", 9, "", "police", "nine people"), ("injured", 20, "", "police", "20 injured")],
    ),
    (
        "Morning Ledger",
        "Hospital staff in Kalat counted at least 12 dead after the market blast. "
        "The Invented Front said it carried out the attack.",
        [("killed", 12, "at least", "hospital staff", "at least 12")],
    ),
    (
        "Frontier Wire",
        "The market bombing in Kalat killed 10 people, the military's media wing said.",
        [("killed", 10, "", "military media wing", "killed 10")],
    ),
]


def _document(outlet: str, text: str, published: dt.date):
    return DocumentFactory(
        outlet=Outlet.objects.get_or_create(name=outlet)[0], text=text, published_on=published
    )


def _sentence(text: str, words: str) -> tuple[int, int]:
    """The offsets of the sentence of ``text`` holding ``words``."""
    at = text.index(words)
    start = text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.find(".", at)
    return start, (len(text) if end < 0 else end + 1)


def _reaction(event, speaker, text, said_on, precision="day", basis="condemns"):
    document = _document("Press Office Notes", text, said_on)
    statement = StatementFactory(
        document=document,
        speaker=speaker,
        text=text,
        start=0,
        end=len(text),
        direct=False,
        said_on=said_on,
        date_precision=precision,
    )
    Reaction.objects.create(statement=statement, event=event, basis=basis)
    return statement


def build() -> dict:
    group, _ = ArmedGroup.objects.get_or_create(
        slug="invented-front", defaults={"short_name": "Invented Front"}
    )
    us = SpeakerFactory(name="Casey Brandt", slug="casey-brandt", side="us")
    pk = SpeakerFactory(name="Nadia Rauf", slug="nadia-rauf", side="pk")
    pk2 = SpeakerFactory(name="Tariq Sohail", slug="tariq-sohail", side="pk", role="Minister")
    market = Event.objects.create(
        name="Kalat market bombing",
        slug="kalat-market-bombing",
        occurred_on=dt.date(2025, 3, 11),
        date_precision="day",
        province="Balochistan",
        district="Kalat",
        place="Kalat",
        kind="bombing",
        target="civilians",
        armed_group=group,
        group_basis="claimed",
    )
    documents = []
    for outlet, text, figures in MARKET:
        document = _document(outlet, text, dt.date(2025, 3, 12))
        documents.append(document)
        for metric, value, qualifier, source, words in figures:
            start, end = _sentence(text, words)
            EventFigure.objects.create(
                event=market,
                document=document,
                metric=metric,
                value=value,
                qualifier=qualifier,
                source=source,
                start=start,
                end=end,
            )
        EventMention.objects.create(event=market, document=document, start=0, end=len(text))
    later = _reaction(
        market, us, "Casey Brandt condemned the bombing of the Kalat market.", dt.date(2025, 3, 12)
    )
    month = _reaction(
        market,
        pk2,
        "Tariq Sohail said the Kalat attackers would be found.",
        dt.date(2025, 3, 1),
        precision="month",
        basis="names_place",
    )
    same_day = _reaction(
        market,
        pk,
        "Nadia Rauf offered condolences to the families in Kalat.",
        dt.date(2025, 3, 11),
        basis="condolences",
    )
    checkpoint = Event.objects.create(
        name="Turbat checkpoint assault",
        slug="turbat-checkpoint-assault",
        occurred_on=dt.date(2025, 4, 2),
        date_precision="day",
        province="Balochistan",
        district="Kech",
        place="Turbat",
        kind="armed_assault",
        target="security_forces",
    )
    post = Event.objects.create(
        name="Bannu police post attack",
        slug="bannu-police-post-attack",
        occurred_on=dt.date(2025, 5, 1),
        date_precision="month",
        province="Khyber Pakhtunkhwa",
        district="Bannu",
        kind="armed_assault",
        target="police",
    )
    post_reaction = _reaction(
        post, pk, "Nadia Rauf said the Bannu police post attack was cowardly.", dt.date(2025, 5, 6)
    )
    return {
        "market": market,
        "checkpoint": checkpoint,
        "post": post,
        "documents": documents,
        "us_reaction": later,
        "pk_reaction": same_day,
        "month_reaction": month,
        "post_reaction": post_reaction,
        "group": group,
    }
