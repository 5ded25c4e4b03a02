"""One remark, several reports: link near-identical statements of one speaker to the earliest.

Outlets re-report the same sentence days apart, reworded a little. After a document's
statements are stored, each is compared only with the same speaker's statements dated within a
week (the index on speaker and date makes that a short range scan), so the cost grows with the
number of statements, not with its square.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q
from rapidfuzz import fuzz, utils

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


def _others(document: Document):
    return (
        Statement.objects.exclude(document_id=document.pk)
        .exclude(review_status=Statement.Review.REJECTED)
        .select_related("document")
    )


def _pool(document: Document, statements: list[Statement]) -> list[Statement]:
    """Every statement any of ``statements`` could match, in one or two queries: the same
    speakers, within a week of each distinct date the document gives (index range scans)."""
    pool: list[Statement] = []
    dated = [s for s in statements if s.said_on]
    if dated:
        windows = Q()
        for day in {s.said_on for s in dated}:
            windows |= Q(said_on__range=(day - WINDOW, day + WINDOW))
        speakers = {s.speaker_id for s in dated}
        pool += _others(document).filter(windows, speaker_id__in=speakers)
    published = document.published_on
    undated = {s.speaker_id for s in statements if not s.said_on}
    if undated and published:
        pool += _others(document).filter(
            speaker_id__in=undated,
            said_on__isnull=True,
            document__published_on__range=(published - WINDOW, published + WINDOW),
        )
    return pool


def _candidates(statement: Statement, pool: list[Statement]) -> list[Statement]:
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


def _order(statement: Statement) -> tuple:
    day = statement.said_on or statement.document.published_on or date.max
    return (day, statement.document.published_on or date.max, statement.pk)


def statements_cluster(
    *, document: Document, touched: set[tuple[int, date | None]] | None = None
) -> int:
    """Point each statement of ``document`` and its re-reports at the earliest of them.

    Returns how many statements of the document joined a group, and adds to ``touched`` the
    (speaker id, said_on) of every statement whose canonical link it may have changed. Safe to
    run again.
    """
    joined = 0
    own = list(
        document.statements.exclude(review_status=Statement.Review.REJECTED).select_related(
            "document"
        )
    )
    pool = _pool(document, own)
    texts = {o.pk: _processed(o.text) for o in pool}
    for statement in own:
        text = _processed(statement.text)
        matches = [o for o in _candidates(statement, pool) if _similar(text, texts[o.pk])]
        if not matches:
            continue
        roots = {m.canonical_id or m.pk for m in matches} | {statement.canonical_id or statement.pk}
        members = list(
            Statement.objects.filter(Q(pk__in=roots) | Q(canonical_id__in=roots))
            .select_related("document")
            .distinct()
        )
        earliest = min(members, key=_order)
        if touched is not None:
            touched.update((m.speaker_id, m.said_on) for m in members)
        Statement.objects.filter(pk__in=[m.pk for m in members if m.pk != earliest.pk]).update(
            canonical=earliest
        )
        Statement.objects.filter(pk=earliest.pk).update(canonical=None)
        joined += 1
    return joined
