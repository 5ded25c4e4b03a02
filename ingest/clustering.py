"""One remark, several reports: link near-identical statements of one speaker to the earliest.

Outlets re-report the same sentence days apart, reworded a little. After a document's
statements are stored, each is compared only with the same speaker's statements dated within a
week (the index on speaker and date makes that a short range scan), so the cost grows with the
number of statements, not with its square.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from django.db import models
from django.db.models import Case, OuterRef, Q, QuerySet, Subquery, Value, When
from rapidfuzz import fuzz, utils

from statements import summary
from statements.models import Document, Statement

WINDOW = timedelta(days=7)
THRESHOLD = 85  # token_set_ratio: rewordings score 90+, different remarks rarely above 70
MIN_LENGTH_RATIO = 0.5  # a short phrase inside a long statement is not the same remark


def _processed(text: str) -> str:
    return utils.default_process(text)


def _similar(a: str, b: str) -> bool:
    """``same_remark`` on texts already through rapidfuzz's default processing."""
    if not a or not b or min(len(a), len(b)) < MIN_LENGTH_RATIO * max(len(a), len(b)):
        return False
    return fuzz.token_set_ratio(a, b) >= THRESHOLD


def same_remark(a: str, b: str) -> bool:
    """Whether two statement texts say the same thing in (nearly) the same words."""
    return _similar(_processed(a), _processed(b))


class Row(NamedTuple):
    """What clustering needs of a statement: no model instance, no text of its document."""

    pk: int
    speaker_id: int
    said_on: date | None
    canonical_id: int | None
    published_on: date | None  # its document's
    text: str = ""


ROW_FIELDS = ("pk", "speaker_id", "said_on", "canonical_id", "published_on")


def _rows(statements, *extra: str) -> QuerySet:
    """Statements as Row values (with ``extra`` fields after them). Their documents' dates
    come by a subquery per row (a primary key lookup each) rather than a join, which the
    planner may answer by reading every document."""
    published = (
        Document.objects.filter(pk=OuterRef("document_id")).order_by().values("published_on")
    )
    return (
        statements.order_by()
        .annotate(published_on=Subquery(published))
        .values_list(*ROW_FIELDS, *extra)
    )


def _row(statement: Statement) -> Row:
    return Row(
        statement.pk,
        statement.speaker_id,
        statement.said_on,
        statement.canonical_id,
        statement.document.published_on,
        statement.text,
    )


def _others(document: Document):
    """Candidates from other documents: no join, no order (the window decides, not the date)."""
    return (
        Statement.objects.exclude(document_id=document.pk)
        .exclude(review_status=Statement.Review.REJECTED)
        .order_by()
        .values_list("pk", "speaker_id", "said_on", "canonical_id", "text")
    )


def _candidate(pk: int, speaker_id: int, said_on: date | None, canonical_id, text: str) -> Row:
    return Row(pk, speaker_id, said_on, canonical_id, None, text)


def _pool(document: Document, statements: list[Row]) -> list[Row]:
    """Every statement any of ``statements`` could match, in one or two queries: the same
    speakers, within a week of each distinct date the document gives (index range scans)."""
    pool: list[Row] = []
    dated = [s for s in statements if s.said_on]
    if dated:
        windows = Q()
        for day in {s.said_on for s in dated}:
            windows |= Q(said_on__range=(day - WINDOW, day + WINDOW))
        speakers = {s.speaker_id for s in dated}
        pool += (
            _candidate(*values)
            for values in _others(document).filter(windows, speaker_id__in=speakers)
        )
    published = document.published_on
    undated = {s.speaker_id for s in statements if not s.said_on}
    if undated and published:
        pool += (
            _candidate(*values)
            for values in _others(document).filter(
                speaker_id__in=undated,
                said_on__isnull=True,
                document__published_on__range=(published - WINDOW, published + WINDOW),
            )
        )
    return pool


def _candidates(statement: Row, pool: list[Row]) -> list[Row]:
    """The pool's statements by the same speaker within the window of ``statement``."""
    if statement.said_on:
        day = statement.said_on
        return [
            o
            for o in pool
            if o.speaker_id == statement.speaker_id
            and o.said_on
            and abs((o.said_on - day).days) <= WINDOW.days
        ]
    return [o for o in pool if o.speaker_id == statement.speaker_id and not o.said_on]


def _order(statement: Row) -> tuple:
    day = statement.said_on or statement.published_on or date.max
    return (day, statement.published_on or date.max, statement.pk)


def statements_cluster(
    *,
    document: Document,
    touched: set[tuple[int, int, date | None]] | None = None,
    statements: list[Statement] | None = None,
) -> int:
    """Point each statement of ``document`` and its re-reports at the earliest of them.

    ``statements``, when given, are the document's statements other than rejected ones, with
    their documents loaded (the pipeline has them in hand); otherwise they are read here.
    Returns how many statements of the document joined a group, and adds to ``touched`` the
    (id, speaker id, said_on) of every statement whose canonical link it changed. Safe to run
    again.
    """
    if statements is None:
        visible = document.statements.exclude(review_status=Statement.Review.REJECTED)
        own = [Row(*values) for values in _rows(visible, "text")]
    else:
        own = [_row(statement) for statement in statements]
    pool = _pool(document, own)
    texts = {o.pk: _processed(o.text) for o in pool}
    groups: list[set[int]] = []  # for each statement that matched: the roots it joins
    for statement in own:
        text = _processed(statement.text)
        matches = [o for o in _candidates(statement, pool) if _similar(text, texts[o.pk])]
        if matches:
            groups.append(
                {m.canonical_id or m.pk for m in matches} | {statement.canonical_id or statement.pk}
            )
    if groups:
        changed = _groups_link(groups)
        if touched is not None:
            touched.update((m.pk, m.speaker_id, m.said_on) for m in changed)
    return len(groups)


def _groups_link(groups: list[set[int]]) -> list[Row]:
    """Merge the groups under these roots (groups sharing a root are one) and point every
    member at the earliest: one query for the members, one update for what changed. Returns
    the members whose link changed."""
    roots = set().union(*groups)
    members = [
        Row(*values)
        for values in _rows(Statement.objects.filter(Q(pk__in=roots) | Q(canonical_id__in=roots)))
    ]
    parent: dict[int, int] = {}

    def find(pk: int) -> int:
        while parent.setdefault(pk, pk) != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    links = [sorted(group) for group in groups]
    links += [[m.pk, m.canonical_id] for m in members if m.canonical_id]
    for first, *rest in links:
        for pk in rest:
            parent[find(pk)] = find(first)
    components: dict[int, list[Row]] = {}
    for member in members:
        components.setdefault(find(member.pk), []).append(member)
    target: dict[int, int | None] = {}
    for component in components.values():
        earliest = min(component, key=_order)
        for member in component:
            wanted = None if member.pk == earliest.pk else earliest.pk
            if member.canonical_id != wanted:
                target[member.pk] = wanted
    if target:
        Statement.objects.filter(pk__in=target).update(
            canonical=Case(
                *(When(pk=pk, then=Value(root)) for pk, root in target.items()),
                output_field=models.BigIntegerField(),
            )
        )
    return [member for member in members if member.pk in target]


def speaker_cluster(*, speaker_id: int) -> list[Row]:
    """Group again every re-report of one speaker's remarks, across all their documents (after
    a merge of speakers: two spellings' reports of one remark become one group). The speaker's
    statements are read once, in date order, and each compared with the ones within the
    window after it, from other documents. Returns the statements whose link changed (of this
    speaker, or of the groups they joined)."""
    visible = Statement.objects.filter(speaker_id=speaker_id).exclude(
        review_status=Statement.Review.REJECTED
    )
    rows = [(Row(*values[:-1]), values[-1]) for values in _rows(visible, "text", "document_id")]
    texts = {row.pk: _processed(row.text) for row, _ in rows}
    dated = sorted((r for r in rows if r[0].said_on), key=lambda r: r[0].said_on)
    undated = sorted(
        (r for r in rows if not r[0].said_on and r[0].published_on),
        key=lambda r: r[0].published_on,
    )
    groups: list[set[int]] = []
    for ordered, day in ((dated, "said_on"), (undated, "published_on")):
        for i, (row, document_id) in enumerate(ordered):
            for other, other_document in ordered[i + 1 :]:
                if (getattr(other, day) - getattr(row, day)).days > WINDOW.days:
                    break
                if other_document != document_id and _similar(texts[row.pk], texts[other.pk]):
                    groups.append({row.canonical_id or row.pk, other.canonical_id or other.pk})
    return _groups_link(groups) if groups else []


def speakers_merged(sender, *, into, **kwargs) -> None:
    """Receiver of ``statements.hooks.speakers_merged`` (connected in IngestConfig.ready): the
    summary cells of every statement whose link changed, and of its reports, are recounted."""
    changed = speaker_cluster(speaker_id=into.pk)
    if changed:
        pks = [row.pk for row in changed]
        summary.summary_refresh(
            cells=summary.cells_of_statements(Statement.objects.filter(pk__in=pks))
        )
