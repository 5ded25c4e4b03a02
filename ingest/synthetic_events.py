"""Invented attacks for ``manage.py generate_corpus``: real places, made-up attacks, tolls and
reactions. Each outlet reporting an attack gives its own toll; two thirds of the attacks draw
a reaction. Pure Python, deterministic per seed (see :mod:`ingest.synthetic`)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

GROUPS = ["TTP", "ISIS-K", "al-Qaida", "AQIS", "BLA", "Afghan Taliban"]

# Invented attacks at real places (facts; the attacks, tolls and reactions are made up).
PLACES = [
    ("Turbat", "Kech", "Balochistan", "PK"),
    ("Quetta", "Quetta", "Balochistan", "PK"),
    ("Mastung", "Mastung", "Balochistan", "PK"),
    ("Gwadar", "Gwadar", "Balochistan", "PK"),
    ("Chaman", "Chaman", "Balochistan", "PK"),
    ("Peshawar", "Peshawar", "Khyber Pakhtunkhwa", "PK"),
    ("Bannu", "Bannu", "Khyber Pakhtunkhwa", "PK"),
    ("Mir Ali", "North Waziristan", "Khyber Pakhtunkhwa", "PK"),
    ("Wana", "South Waziristan", "Khyber Pakhtunkhwa", "PK"),
    ("Parachinar", "Kurram", "Khyber Pakhtunkhwa", "PK"),
    ("Dera Ismail Khan", "Dera Ismail Khan", "Khyber Pakhtunkhwa", "PK"),
    ("Lakki Marwat", "Lakki Marwat", "Khyber Pakhtunkhwa", "PK"),
    ("Karachi", "Karachi", "Sindh", "PK"),
    ("Lahore", "Lahore", "Punjab", "PK"),
    ("Jalalabad", "", "Nangarhar", "AF"),
    ("Kabul", "", "Kabul", "AF"),
]
ATTACKS = [  # kind, the report's words, the name's noun
    ("suicide_bombing", "a suicide bomber struck", "suicide bombing"),
    ("bombing", "a roadside bomb exploded near", "bombing"),
    ("armed_assault", "gunmen stormed", "attack"),
    ("targeted_killing", "a gunman opened fire on", "killing"),
    ("rocket_attack", "rockets struck", "rocket attack"),
    ("kidnapping", "armed men abducted travellers near", "kidnapping"),
]
TARGETS = [
    ("police", "a police checkpoint"),
    ("security_forces", "an army convoy"),
    ("civilians", "a crowded market"),
    ("worship", "a mosque"),
    ("officials", "a district office"),
    ("foreigners", "a bus carrying foreign engineers"),
]
SOURCES = ["police", "officials", "hospital officials", "the provincial government", ""]
REACTION = [
    ("condemns", "We condemn the {noun} in {place} in the strongest terms."),
    ("condolences", "Our condolences go to the families of those killed in {place}."),
    ("names_attack", "The {name} shows why our cooperation must continue."),
    ("names_place", "We stand with the people of {place} today."),
]


@dataclass
class SyntheticEvent:
    serial: int
    name: str
    occurred_on: date
    kind: str
    target: str
    place: str
    district: str
    province: str
    country: str
    group: str
    group_basis: str
    killed: int
    injured: int
    reacted: bool  # a third of the attacks draw no reaction at all


def attacks(seed: int, count: int, start: date, end: date) -> list[SyntheticEvent]:
    """``count`` invented attacks spread over the years, in date order; deterministic."""
    rng = random.Random(seed * 7919 + 1)  # its own stream: the documents stay as they were
    days = (end - start).days
    found = []
    for serial in range(count):
        place, district, province, country = rng.choice(PLACES)
        kind, _, noun = rng.choice(ATTACKS)
        target, _ = rng.choice(TARGETS)
        group = rng.choice(GROUPS + [""] * 3)
        found.append(
            SyntheticEvent(
                serial=serial,
                name=f"{place} {noun}",
                occurred_on=start + timedelta(days=rng.randint(0, days)),
                kind=kind,
                target=target,
                place=place,
                district=district,
                province=province,
                country=country,
                group=group,
                group_basis=rng.choice(["claimed", "blamed"]) if group else "",
                killed=rng.randint(1, 60),
                injured=rng.randint(0, 120),
                reacted=rng.random() < 2 / 3,
            )
        )
    found.sort(key=lambda e: e.occurred_on)
    return found
