"""Which statements respond to which attacks (issue #16).

A statement reacts to an event when it condemns it, offers condolences for it, names it or
names its place, and was said from the event's day to a week after it (as far as both dates
are known). Within the document that reports the attack, the text ties them: a statement
whose sentence mentions the attack, or that condemns or mourns an attack the document
reports, responds to it whatever the dates; one that gives its toll (the police, a hospital)
reports it rather than reacting to it. Across documents the window and the words must
both hold; a condemnation that names neither place nor attack is linked only when a single
attack of that country falls in its window.

Links an editor made or confirmed (``by_editor``) are never removed here; automatic ones are
recomputed whenever a document's statements or events change.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.db.models import Q
from rapidfuzz import fuzz

from .event_dates import span
from .event_models import Event, EventFigure, EventMention, Reaction, ReactionBasis
from .models import Document, Statement

WINDOW_DAYS = 7
_CONDEMNS = re.compile(r"(?i)\bcondemn\w*|\bdeplor\w*|\bdenounc\w*|\bheinous\b|\bcowardly\b")
_CONDOLENCES = re.compile(
    r"(?i)\bcondolence\w*|\bsympath\w*|\bthoughts\s+(?:and|&)\s+prayers|\bgrie(?:f|ve)\w*"
    r"|\bmourn\w*|\bhearts?\s+go(?:es)?\s+out|\bstand\s+with\b|\bsolidarity\b|\bvictims\b"
)
_ATTACK = re.compile(
    r"(?i)\battack|\bbomb|\bblast|\bexplosion|\bhijack|\bterror|\bkilling|\bmassacre"
    r"|\bviolence|\bmartyr"
)
_FIELDS = ("id", "document_id", "text", "said_on", "date_precision", "start", "end")


def reactions_link_for_document(document: Document) -> int:
    """Link the statements of ``document`` to the events they respond to (this document's
    own and those of other documents in their window); returns how many links it made."""
    statements = list(
        Statement.objects.filter(document=document)
        .exclude(review_status=Statement.Review.REJECTED)
        .only(*_FIELDS)
    )
    Reaction.objects.filter(statement__document=document, by_editor=False).delete()
    if not statements:
        return 0
    mentions = list(
        EventMention.objects.filter(document=document).values_list("event_id", "start", "end")
    )
    windows = [w for w in (_window_of(s) for s in statements) if w]
    own = {event_id for event_id, _, _ in mentions}
    query = Q(pk__in=own)
    for first, last in windows:
        query |= Q(occurred_on__range=(first, last))
    events = list(Event.objects.filter(query)) if own or windows else []
    tolls: dict[int, list[tuple[int, int]]] = {}
    if own:
        for event_id, start, end in EventFigure.objects.filter(document=document).values_list(
            "event_id", "start", "end"
        ):
            tolls.setdefault(event_id, []).append((start, end))
    links = [
        (statement, event, basis)
        for statement in statements
        for event, basis in _responds(statement, events, mentions, True, tolls)
    ]
    return _store(links)


def reactions_link_for_events(events: Iterable[Event], exclude_document: int | None = None) -> int:
    """Link statements of other documents said in the window of these (new or re-dated)
    events; a statement ingested before the report of the attack finds it this way."""
    events = [e for e in events if span(e.occurred_on, e.date_precision)]
    if not events:
        return 0
    query = Q()
    for event in events:
        first, last = span(event.occurred_on, event.date_precision)
        query |= Q(said_on__range=(first, last + dt.timedelta(days=WINDOW_DAYS)))
    statements = (
        Statement.objects.filter(query)
        .exclude(review_status=Statement.Review.REJECTED)
        .exclude(document_id=exclude_document)
        .filter(text__iregex=_prefilter(events))
        .only(*_FIELDS)
    )
    links = []
    for statement in statements:
        window = _window_of(statement)
        candidates = [e for e in events if window and _in_window(e, window)]
        # The rule of one attack in the window is the document's to apply (it sees them all).
        links += [(statement, e, b) for e, b in _responds(statement, candidates, [], False)]
    return _store(links)


def _window_of(statement: Statement) -> tuple[dt.date, dt.date] | None:
    """The days an event it reacts to may have happened on: up to a week before it."""
    said = span(statement.said_on, statement.date_precision)
    if said is None:
        return None
    return said[0] - dt.timedelta(days=WINDOW_DAYS), said[1]


def _in_window(event: Event, window: tuple[dt.date, dt.date]) -> bool:
    days = span(event.occurred_on, event.date_precision)
    return days is not None and days[0] <= window[1] and window[0] <= days[1]


def _responds(
    statement: Statement,
    events: list[Event],
    mentions: list[tuple[int, int, int]],
    lone_rule: bool = True,
    tolls_of: dict[int, list[tuple[int, int]]] | None = None,
) -> list[tuple[Event, str]]:
    """The events ``statement`` responds to, with the basis of each link."""
    text = statement.text
    condemns, mourns = bool(_CONDEMNS.search(text)), bool(_CONDOLENCES.search(text))
    about_attack = bool(_ATTACK.search(text))
    words = ReactionBasis.CONDEMNS if condemns else ReactionBasis.CONDOLENCES if mourns else None
    own = {
        event_id: [(s, e) for eid, s, e in mentions if eid == event_id]
        for event_id, _, _ in mentions
    }
    tolls_of = tolls_of or {}
    window = _window_of(statement)
    found: list[tuple[Event, str]] = []
    for event in events:
        spans = own.get(event.pk, [])
        if any(s < statement.end and statement.start < e for s, e in spans):
            # Reporting the attack (the officials who give its toll) is not reacting to it.
            tolls = tolls_of.get(event.pk, [])
            if words or not any(s < statement.end and statement.start < e for s, e in tolls):
                found.append((event, words or ReactionBasis.NAMES_ATTACK))
            continue
        in_window = window is not None and _in_window(event, window)
        if spans and words and about_attack and (in_window or event.occurred_on is None):
            found.append((event, words))
            continue
        if not in_window:
            continue
        if _names(text, event.name) and (about_attack or words):
            found.append((event, words or ReactionBasis.NAMES_ATTACK))
        elif _names_place(text, event) and (about_attack or words):
            found.append((event, words or ReactionBasis.NAMES_PLACE))
    if not found and lone_rule and words and about_attack and window:
        alone = [e for e in events if e.pk not in own and _in_window(e, window)]
        if len(alone) == 1:
            found.append((alone[0], words))
    return found


def _names(text: str, name: str) -> bool:
    """Whether the text names the attack ("the Karachi University suicide bombing")."""
    return bool(name) and fuzz.partial_ratio(name.lower(), text.lower()) >= 90


def _names_place(text: str, event: Event) -> bool:
    names = [n for n in (event.place, event.district) if n]
    return any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text) for n in names)


def _prefilter(events: list[Event]) -> str:
    """A PostgreSQL regex that a reacting statement's text must match (words or places)."""
    words = [r"condemn", r"condolence", r"sympath", r"mourn", r"grie", r"solidarity"]
    words += [re.escape(n) for e in events for n in (e.place, e.district, e.name) if n]
    return "(" + "|".join(dict.fromkeys(words)) + ")"


def _store(links: list[tuple[Statement, Event, str]]) -> int:
    rows = {(s.pk, e.pk): Reaction(statement_id=s.pk, event_id=e.pk, basis=b) for s, e, b in links}
    Reaction.objects.bulk_create(rows.values(), ignore_conflicts=True)
    return len(rows)
