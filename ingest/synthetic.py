"""Invented documents for ``manage.py generate_corpus`` and the benchmarks: news-like articles
and briefing-like transcripts.

Every speaker, outlet and place of business here is made up; no real official's name appears.
Pure Python (no Django), so the extractor benchmark can use it too. Deterministic per seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from .synthetic_events import ATTACKS, GROUPS, REACTION, SOURCES, TARGETS, SyntheticEvent, attacks

FIRST = [
    "Arlen",
    "Bristow",
    "Cadell",
    "Dorian",
    "Elsbeth",
    "Farrah",
    "Galen",
    "Hollis",
    "Imre",
    "Jorund",
    "Kestrel",
    "Linnea",
    "Marek",
    "Nadira",
    "Osric",
    "Perpetua",
    "Quill",
    "Rosalind",
    "Soren",
    "Tamsin",
    "Ulric",
    "Verity",
    "Wystan",
    "Yusra",
    "Zephyr",
]
LAST = [
    "Ashcombe",
    "Brackley",
    "Corrigan",
    "Dunmore",
    "Eversleigh",
    "Fairbairn",
    "Gathorne",
    "Halvorsen",
    "Ingleby",
    "Juniper",
    "Kinsella",
    "Lockridge",
    "Marbury",
    "Northam",
    "Ormerod",
    "Pemberton",
    "Quenby",
    "Rushworth",
    "Stansfield",
    "Thistlewood",
]
OUTLETS = [
    "The Meridian Ledger",
    "Harbor Post",
    "Northgate Chronicle",
    "The Daily Lantern",
    "Frontier Wire",
    "Capital Courier",
    "Riverside Herald",
    "The Evening Compass",
    "Summit Dispatch",
    "Coastal Observer",
    "Granite Times",
    "The Weekly Almanac",
]
ROLES = {
    "us": ["Spokesperson", "Deputy Spokesperson", "Counterterrorism Coordinator", "Ambassador"],
    "pk": [
        "Foreign Office Spokesperson",
        "Interior Minister",
        "Defence Minister",
        "Foreign Secretary",
    ],
    "joint": ["Joint Working Group"],
}
TOPICS = [
    "counterterrorism cooperation",
    "border security",
    "terrorist financing",
    "counter-IED",
    "information sharing",
    "capacity building",
    "investigative and prosecutorial assistance",
    "technical assistance",
    "countering violent extremism",
    "condolences",
    "safe havens in Afghanistan",
    "elections security",
    "regional stability",
]
PLEDGE = [
    "We will continue to work with our partners on {topic}.",
    "Our two governments remain committed to deepening {topic}.",
    "We stand ready to expand {topic} in the months ahead.",
]
REMARK = [
    "The discussions on {topic} were candid and useful.",
    "The threat from {group} remains a serious concern for the region.",
    "We recognise the sacrifices made in the fight against {group}.",
    "Progress on {topic} has been uneven but real.",
]
FILLER = [
    "Officials from both capitals met for several hours.",
    "The meeting followed a series of attacks in the border districts.",
    "Analysts said the talks reflected a shared concern about militancy.",
    "The session ended without a formal communique.",
]


@dataclass
class SyntheticSpeaker:
    name: str
    role: str
    side: str


@dataclass
class SyntheticStatement:
    speaker: SyntheticSpeaker
    text: str
    start: int
    end: int
    said_on: date
    is_pledge: bool
    topics: list[str]
    groups: list[str]


@dataclass
class SyntheticDocument:
    kind: str
    title: str
    outlet: str
    published_on: date
    text: str
    statements: list[SyntheticStatement] = field(default_factory=list)
    event: SyntheticEvent | None = None  # the attack the document reports, if any
    report: tuple[int, int] = (0, 0)  # the sentence that reports it and gives its toll
    figures: list[tuple[str, int, str, str]] = field(default_factory=list)  # metric, value...
    reactions: list[tuple[int, str]] = field(default_factory=list)  # statement index, basis


def report(rng: random.Random, doc: SyntheticDocument, event: SyntheticEvent) -> None:
    """Make ``doc`` a report of ``event``: a sentence with its toll (each outlet's differs)
    after the headline, and its first statement a reaction unless nobody reacted."""
    words = next(w for k, w, _ in ATTACKS if k == event.kind)
    site = next(w for t, w in TARGETS if t == event.target)
    killed = max(1, event.killed + rng.randint(-3, 3))
    injured = max(0, event.injured + rng.randint(-5, 5))
    source = rng.choice(SOURCES)
    said = f", {source} said" if source else ""
    sentence = (
        f"On {event.occurred_on:%B %d, %Y}, {words} {site} in {event.place}, killing at least "
        f"{killed} people and wounding {injured}{said}. "
    )
    head = doc.text.index("\n\n", doc.text.index("\n\n") + 2) + 2
    doc.text = doc.text[:head] + sentence + doc.text[head:]
    for s in doc.statements:
        s.start, s.end = s.start + len(sentence), s.end + len(sentence)
    doc.event, doc.report = event, (head, head + len(sentence) - 1)
    doc.figures = [("killed", killed, "at least", source), ("injured", injured, "", source)]
    if event.reacted and doc.statements:
        basis, template = rng.choice(REACTION)
        noun = next(n for k, _, n in ATTACKS if k == event.kind)
        first = doc.statements[0]
        text = template.format(noun=noun, place=event.place, name=event.name)
        doc.text = doc.text[: first.start] + text + doc.text[first.end :]
        shift = len(text) - (first.end - first.start)
        first.text, first.end = text, first.start + len(text)
        first.said_on = min(doc.published_on, event.occurred_on + timedelta(days=rng.randint(0, 6)))
        first.topics, first.groups, first.is_pledge = ["condolences"], [], False
        for s in doc.statements[1:]:
            s.start, s.end = s.start + shift, s.end + shift
        doc.reactions = [(0, basis)]


def speakers(rng: random.Random, count: int = 60) -> list[SyntheticSpeaker]:
    """Invented officials with roles and sides; unique names."""
    names = [f"{f} {last}" for f in FIRST for last in LAST]
    rng.shuffle(names)
    sides = ["us"] * 5 + ["pk"] * 4 + ["joint"]
    result = []
    for name in names[:count]:
        side = rng.choice(sides)
        result.append(SyntheticSpeaker(name, rng.choice(ROLES[side]), side))
    return result


def _sentence(rng: random.Random) -> tuple[str, bool, list[str], list[str]]:
    topic, group = rng.choice(TOPICS), rng.choice(GROUPS)
    pledge = rng.random() < 0.3
    template = rng.choice(PLEDGE if pledge else REMARK)
    topics = [topic] if "{topic}" in template else []
    groups = [group] if "{group}" in template else []
    return template.format(topic=topic, group=group), pledge, topics, groups


def article(
    rng: random.Random,
    cast: list[SyntheticSpeaker],
    published: date,
    statements: int = 10,
    serial: str = "",
) -> SyntheticDocument:
    """A news-like article of about 300-500 words with ``statements`` attributed quotes."""
    doc = SyntheticDocument("article", "", rng.choice(OUTLETS), published, "")
    parts: list[str] = []
    offset = 0
    title = f"Officials discuss {rng.choice(TOPICS)} after talks"
    parts.append(f"{title}\n\nLAKEPORT, {published:%B %d, %Y} (dispatch {serial}):\n\n")
    offset += len(parts[-1])
    for _ in range(statements):
        speaker = rng.choice(cast)
        sentence, pledge, topics, groups = _sentence(rng)
        filler = rng.choice(FILLER) + " "
        parts.append(filler)
        offset += len(filler)
        lead = f"{speaker.role} {speaker.name} said: \u201c"
        parts.append(lead)
        offset += len(lead)
        said_on = published - timedelta(days=rng.randint(0, 3))
        doc.statements.append(
            SyntheticStatement(
                speaker, sentence, offset, offset + len(sentence), said_on, pledge, topics, groups
            )
        )
        parts.append(sentence + "\u201d\n\n")
        offset += len(parts[-1])
    doc.title, doc.text = title, "".join(parts)
    return doc


def transcript(
    rng: random.Random,
    cast: list[SyntheticSpeaker],
    published: date,
    words: int = 10_000,
    serial: str = "",
) -> SyntheticDocument:
    """A briefing-like transcript of about ``words`` words with QUESTION/answer turns."""
    official = rng.choice([s for s in cast if s.side == "us"] or cast)
    surname = official.name.split()[-1].upper()
    doc = SyntheticDocument(
        "briefing_transcript",
        f"Department Press Briefing, {published:%B %d, %Y}",
        rng.choice(OUTLETS),
        published,
        "",
    )
    parts = [f"Department Press Briefing\n{published:%B %d, %Y} (transcript {serial})\n\n"]
    offset = len(parts[0])
    count = 0
    while count < words:
        question = (
            f"QUESTION: Can you say more about {rng.choice(TOPICS)} and {rng.choice(GROUPS)}?\n\n"
        )
        parts.append(question)
        offset += len(question)
        lead = f"MR {surname}: "
        parts.append(lead)
        offset += len(lead)
        answer = " ".join(_sentence(rng)[0] for _ in range(rng.randint(2, 5)))
        sentence, pledge, topics, groups = _sentence(rng)
        answer = f"{answer} {sentence}"
        doc.statements.append(
            SyntheticStatement(
                official, answer, offset, offset + len(answer), published, pledge, topics, groups
            )
        )
        parts.append(answer + "\n\n")
        offset += len(answer) + 2
        count += len(question.split()) + len(answer.split()) + 2
    doc.text = "".join(parts)
    return doc


def corpus(
    seed: int,
    documents: int,
    statements_per_article: int = 10,
    transcript_share: float = 0.05,
    transcript_words: int = 2_000,
    start: date = date(2014, 1, 1),
    end: date = date(2026, 10, 31),
    events: int = 0,
):
    """Yield ``documents`` invented documents spread over the years, deterministically.
    With ``events``, that many invented attacks are reported by the articles (each by about
    documents/events outlets, dated a day or two after it, tolls differing), most with a
    reaction; without, the documents are exactly those of earlier versions."""
    rng = random.Random(seed)
    cast = speakers(rng)
    span = (end - start).days
    planned = attacks(seed, events, start, end) if events else []
    erng = random.Random(seed * 7919 + 2)
    for number in range(documents):
        published = start + timedelta(days=rng.randint(0, span))
        serial = f"{seed}-{number}"
        if rng.random() < transcript_share:
            yield transcript(rng, cast, published, words=transcript_words, serial=serial)
            continue
        event = planned[number * len(planned) // documents] if planned else None
        if event is not None:
            published = min(end, event.occurred_on + timedelta(days=erng.randint(1, 2)))
        doc = article(rng, cast, published, statements=statements_per_article, serial=serial)
        if event is not None:
            report(erng, doc, event)
        yield doc
