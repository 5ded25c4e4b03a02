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


def same_remark(a: str, b: str) -> bool:
    """Whether two statement texts say the same thing in (nearly) the same words."""
    a, b = utils.default_process(a), utils.default_process(b)
    if not a or not b or min(len(a), len(b)) < MIN_LENGTH_RATIO * max(len(a), len(b)):
        return False
    return fuzz.token_set_ratio(a, b) >= THRESHOLD


def _candidates(statement: Statement, published: date | None):
    others = (
        Statement.objects.filter(speaker_id=statement.speaker_id)
        .exclude(document_id=statement.document_id)
        .exclude(review_status=Statement.Review.REJECTED)
        .select_related("document")
    )
    if statement.said_on:
        day = statement.said_on
        return others.filter(said_on__range=(day - WINDOW, day + WINDOW))
    if published:
        window = (published - WINDOW, published + WINDOW)
        return others.filter(Q(said_on__isnull=True), document__published_on__range=window)
    return others.none()


def _order(statement: Statement) -> tuple:
    day = statement.said_on or statement.document.published_on or date.max
    return (day, statement.document.published_on or date.max, statement.pk)


def statements_cluster(*, document: Document) -> int:
    """Point each statement of ``document`` and its re-reports at the earliest of them.

    Returns how many statements of the document joined a group. Safe to run again.
    """
    joined = 0
    own = document.statements.exclude(review_status=Statement.Review.REJECTED)
    for statement in own.select_related("document"):
        matches = [
            other
            for other in _candidates(statement, document.published_on)
            if same_remark(statement.text, other.text)
        ]
        if not matches:
            continue
        roots = {m.canonical_id or m.pk for m in matches} | {statement.canonical_id or statement.pk}
        members = list(
            Statement.objects.filter(Q(pk__in=roots) | Q(canonical_id__in=roots))
            .select_related("document")
            .distinct()
        )
        earliest = min(members, key=_order)
        Statement.objects.filter(pk__in=[m.pk for m in members if m.pk != earliest.pk]).update(
            canonical=earliest
        )
        Statement.objects.filter(pk=earliest.pk).update(canonical=None)
        joined += 1
    return joined
