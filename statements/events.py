"""Events as records (issue #16): storing the extractor's attack mentions, merging them
across documents, and the editors' merge and split.

Mentions of the same attack in several documents become one event, the way ACLED
de-duplicates reports: a date window at the precision both dates are known, the same place
(town, district or province, as far as both say), a compatible kind, the same group when
both name one, and rapidfuzz on the names. Every source's figure is kept, with its sentence;
nothing is averaged. An event an editor changed (``edited``) keeps its fields; the pipeline
only adds mentions and figures to it.

The number of queries does not grow with the number of mentions: candidates are read in one
query, and rows are written in bulk.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.db.models.functions import Upper
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.text import slugify
from rapidfuzz import fuzz

from .event_dates import partial_date, span
from .event_models import Event, EventFigure, EventKind, EventMention, EventTarget, Reaction
from .models import Document
from .reactions import reactions_link_for_document, reactions_link_for_events
from .services import armed_groups_for

WINDOW = dt.timedelta(days=3)  # reports of one attack date it a day or two apart
UNDATED_LOOKBACK = dt.timedelta(days=30)  # an undated mention: reported within a month
_FAMILIES = [
    {EventKind.SUICIDE_BOMBING, EventKind.BOMBING},
    {EventKind.ARMED_ASSAULT, EventKind.TARGETED_KILLING},
    {EventKind.ARMED_ASSAULT, EventKind.HIJACKING, EventKind.KIDNAPPING},
]
_FILLED = ("province", "district", "place")
# Two workers storing two reports of one attack at once would each find no event and create
# two: storing events is serialized (it takes milliseconds) by a transaction-scoped lock.
_LOCK_KEY = 0x16E7E175


def _serialize() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])


@transaction.atomic
def events_store_for_document(document: Document, mentions: Sequence[Any]) -> list[Event]:
    """Store the attacks the extractor found in ``document`` (objects with the fields of
    ``ingest.extraction.ExtractedEvent``), replacing what an earlier run of the same
    document stored; link reactions. Returns the document's events."""
    _serialize()
    earlier = set(EventMention.objects.filter(document=document).values_list("event_id", flat=True))
    EventMention.objects.filter(document=document).delete()
    EventFigure.objects.filter(document=document).delete()
    found = [_Found(m, document) for m in mentions if m.mentions]
    groups = _group_ids([f.group for f in found])
    candidates = _candidates(found, earlier, document)
    events, new, changed = [], [], []
    for item in found:
        item.group_id = groups.get(item.group)
        event = _best(item, candidates, earlier)
        if event is None:
            event = item.as_event()
            new.append(event)
            candidates.append(event)
        elif not event.edited and _complete(event, item):
            changed.append(event)
        events.append(event)
    _create(new)
    if changed:
        now = timezone.now()
        for event in changed:
            event.updated_at = now  # bulk_update does not touch auto_now fields by itself
        fields = ["occurred_on", "date_precision", "kind", "target", "armed_group", "group_basis"]
        Event.objects.bulk_update(
            {e.pk: e for e in changed}.values(), [*fields, *_FILLED, "updated_at"]
        )
    _store_rows(document, found, events)
    _drop_orphans(earlier - {e.pk for e in events})
    reactions_link_for_document(document)
    reactions_link_for_events([*new, *changed], exclude_document=document.pk)
    return list({e.pk: e for e in events}.values())


class _Found:
    """One extracted event with its date parsed."""

    def __init__(self, mention: Any, document: Document) -> None:
        self.raw = mention
        self.day, self.precision = partial_date(mention.occurred_on)
        self.name = (mention.name or "")[:200]
        self.group = (mention.armed_group or "").strip()
        self.group_id: int | None = None
        self.reported = document.published_on

    def days(self) -> tuple[dt.date, dt.date] | None:
        return span(self.day, self.precision)

    def as_event(self) -> Event:
        m = self.raw
        return Event(
            name=self.name or "Attack",
            occurred_on=self.day,
            date_precision=self.precision,
            country=m.country if m.country in ("PK", "AF") else "PK",
            province=m.province[:100],
            district=m.district[:100],
            place=m.place[:100],
            kind=m.kind if m.kind in EventKind.values else EventKind.OTHER,
            target=m.target if m.target in EventTarget.values else EventTarget.UNKNOWN,
            armed_group_id=self.group_id,
            group_basis=m.group_basis if self.group_id else "",
        )


def _group_ids(names: list[str]) -> dict[str, int]:
    unique = list(dict.fromkeys(n for n in names if n))
    return {name: row.pk for name, row in zip(unique, armed_groups_for(unique), strict=True)}


def _candidates(found: list[_Found], earlier: set[int], document: Document) -> list[Event]:
    """Every stored event one of these mentions might be, in one query."""
    query = Q(pk__in=earlier)
    for item in found:
        days = item.days()
        if days:
            query |= Q(occurred_on__range=(days[0] - WINDOW, days[1] + WINDOW))
        elif item.reported:
            query |= Q(occurred_on__range=(item.reported - UNDATED_LOOKBACK, item.reported))
        if item.name:
            query |= Q(Exact(Upper("name"), item.name.upper()))  # event_name_upper_idx
        if item.raw.place or item.raw.district:
            near = Q(place=item.raw.place) if item.raw.place else Q(district=item.raw.district)
            query |= near & Q(occurred_on__isnull=True)
    if not found:
        return []
    return list(Event.objects.filter(query))


def _best(item: _Found, candidates: list[Event], earlier: set[int]) -> Event | None:
    """The stored event this mention reports, or None: the best-scoring compatible one."""
    scored = [(_score(item, e, e.pk in earlier), e) for e in candidates]
    scored = [(s, e) for s, e in scored if s is not None]
    return max(scored, key=lambda pair: pair[0])[1] if scored else None


def _score(item: _Found, event: Event, ours: bool) -> float | None:
    """How surely ``item`` reports ``event``; None when it cannot (place, date, kind or
    group disagree, or nothing particular agrees)."""
    m = item.raw
    if m.country and event.country and m.country != event.country:
        return None
    for field in ("province", "district", "place"):
        a, b = getattr(m, field), getattr(event, field)
        if a and b and fuzz.ratio(a.lower(), b.lower()) < 85:
            return None
    if not _kinds_agree(m.kind, event.kind):
        return None
    if item.group_id and event.armed_group_id and item.group_id != event.armed_group_id:
        return None
    mine, theirs = item.days(), span(event.occurred_on, event.date_precision)
    dated = mine is not None and theirs is not None
    if dated and (mine[0] - WINDOW > theirs[1] or theirs[0] - WINDOW > mine[1]):
        return None
    name = fuzz.token_set_ratio(item.name.lower(), event.name.lower()) / 100
    same_spot = bool(
        (m.place and m.place == event.place) or (m.district and m.district == event.district)
    )
    if not (ours or same_spot or name >= 0.85 or (dated and m.province == event.province)):
        return None
    if not dated and not (ours or name >= 0.85 or same_spot):
        return None
    closeness = 0.0
    if dated:
        closeness = 1 - min(abs((mine[0] - theirs[0]).days), 7) / 7
    return 3 * ours + 2 * same_spot + name + closeness


def _kinds_agree(a: str, b: str) -> bool:
    if a == b or EventKind.OTHER in (a, b):
        return True
    return any(a in family and b in family for family in _FAMILIES)


def _complete(event: Event, item: _Found) -> bool:
    """Fill what the stored event does not know from a mention that knows more; True when
    anything changed. A finer date within the window replaces a coarser one."""
    m, changed = item.raw, False
    if item.day and _finer(item.precision, event.date_precision):
        event.occurred_on, event.date_precision, changed = item.day, item.precision, True
    for field in _FILLED:
        if not getattr(event, field) and getattr(m, field):
            setattr(event, field, getattr(m, field)[:100])
            changed = True
    if event.kind == EventKind.OTHER and m.kind in EventKind.values and m.kind != "other":
        event.kind, changed = m.kind, True
    if event.target == EventTarget.UNKNOWN and m.target in EventTarget.values:
        changed = changed or m.target != EventTarget.UNKNOWN
        event.target = m.target
    if item.group_id and (
        event.armed_group_id is None or (m.group_basis == "claimed" != event.group_basis)
    ):
        event.armed_group_id, event.group_basis, changed = item.group_id, m.group_basis, True
    return changed


def _finer(new: str, old: str) -> bool:
    order = ["unknown", "year", "month", "day"]
    return order.index(new) > order.index(old)


def _create(events: list[Event]) -> None:
    """Insert new events with unique slugs ("mastung-suicide-bombing-2023-09-29")."""
    if not events:
        return
    for event in events:
        stamp = event.occurred_on.isoformat() if event.occurred_on else ""
        event.slug = slugify(f"{event.name} {stamp}")[:200] or "event"
    taken = set(
        Event.objects.filter(slug__in=[e.slug for e in events]).values_list("slug", flat=True)
    )
    for event in events:
        while event.slug in taken:
            event.slug = f"{event.slug[:200]}-{secrets.token_hex(3)}"
        taken.add(event.slug)
    try:
        with transaction.atomic():
            Event.objects.bulk_create(events)
    except IntegrityError:  # a concurrent run took a slug meanwhile
        for event in events:
            event.slug = f"{event.slug[:200]}-{secrets.token_hex(3)}"
        Event.objects.bulk_create(events)


def _store_rows(document: Document, found: list[_Found], events: list[Event]) -> None:
    mentions, figures = {}, []
    for item, event in zip(found, events, strict=True):
        for start, end in item.raw.mentions:
            mentions[(event.pk, start)] = EventMention(
                event=event, document=document, start=start, end=end
            )
        seen = set()
        for f in item.raw.figures:
            key = (f.metric, f.value, f.qualifier, f.source, f.start)
            if key in seen:
                continue
            seen.add(key)
            figures.append(
                EventFigure(
                    event=event,
                    document=document,
                    metric=f.metric,
                    value=f.value,
                    qualifier=f.qualifier,
                    source=(f.source or "")[:100],
                    start=f.start,
                    end=f.end,
                )
            )
    EventMention.objects.bulk_create(mentions.values(), ignore_conflicts=True)
    EventFigure.objects.bulk_create(figures)


def _drop_orphans(event_ids: Iterable[int]) -> None:
    """Events no document mentions any more go, unless an editor made them theirs (edited,
    or a reaction an editor linked)."""
    ids = list(event_ids)
    if ids:
        Event.objects.filter(pk__in=ids, edited=False, mentions__isnull=True).exclude(
            reactions__by_editor=True
        ).delete()


@transaction.atomic
def event_merge(keep: Event, others: Iterable[Event]) -> Event:
    """Merge ``others`` into ``keep``: their mentions, figures and reactions move to it, it
    takes what they know that it does not, and they are deleted. The result is editor-made."""
    _serialize()
    others = [o for o in others if o.pk != keep.pk]
    ids = [o.pk for o in others]
    if not ids:
        return keep
    have = set(keep.mentions.values_list("document_id", "start"))
    EventMention.objects.filter(event_id__in=ids).exclude(
        Q(*[Q(document_id=d, start=s) for d, s in have], _connector=Q.OR) if have else Q(pk=None)
    ).update(event=keep)
    EventFigure.objects.filter(event_id__in=ids).update(event=keep)
    reacted = set(keep.reactions.values_list("statement_id", flat=True))
    Reaction.objects.filter(event_id__in=ids).exclude(statement_id__in=reacted).update(event=keep)
    for other in others:
        for field in (*_FILLED, "occurred_on"):
            if not getattr(keep, field) and getattr(other, field):
                setattr(keep, field, getattr(other, field))
                if field == "occurred_on":
                    keep.date_precision = other.date_precision
        if keep.armed_group_id is None and other.armed_group_id:
            keep.armed_group_id, keep.group_basis = other.armed_group_id, other.group_basis
    keep.edited = True
    keep.save()
    Event.objects.filter(pk__in=ids).delete()
    return keep


@transaction.atomic
def event_split(event: Event, mention_ids: Iterable[int]) -> Event:
    """Move these mentions of ``event`` (and the figures and reactions of their documents'
    sentences that follow them) to a new event copied from it; both become editor-made."""
    _serialize()
    moved = list(event.mentions.filter(pk__in=list(mention_ids)))
    if not moved:
        raise ValueError("Choose mentions of this event to split off.")
    if len(moved) == event.mentions.count():
        raise ValueError("Keep at least one mention with the event.")
    fresh = Event(
        **{
            f.name: getattr(event, f.name)
            for f in Event._meta.concrete_fields
            if f.name not in ("id", "slug", "created_at", "updated_at")
        }
    )
    fresh.name = f"{event.name} (split)"[:200]
    fresh.edited = True
    _create([fresh])
    kept = list(event.mentions.exclude(pk__in=[m.pk for m in moved]))
    for figure in event.figures.all():
        if _owner(figure, moved, kept) is not None:
            figure.event = fresh
            figure.save(update_fields=["event"])
    moved_docs = {m.document_id for m in moved} - {m.document_id for m in kept}
    Reaction.objects.filter(event=event, statement__document_id__in=moved_docs).update(event=fresh)
    EventMention.objects.filter(pk__in=[m.pk for m in moved]).update(event=fresh)
    Event.objects.filter(pk=event.pk).update(edited=True)
    event.edited = True
    return fresh


def _owner(figure: EventFigure, moved: list, kept: list):
    """The moved mention a figure belongs to (the nearest mention before it in its
    document), or None when it stays with a kept one."""
    mentions = [(m.start, True) for m in moved if m.document_id == figure.document_id]
    mentions += [(m.start, False) for m in kept if m.document_id == figure.document_id]
    before = [m for m in mentions if m[0] <= figure.start] or sorted(mentions)[:1]
    if not before:
        return None
    return True if max(before)[1] else None
