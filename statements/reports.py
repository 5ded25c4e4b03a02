"""How many documents reported a remark: the statement itself and its visible reports."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Statement


def visible_count(field: str) -> Subquery:
    """How many statements an analyst may see (rejected ones are not shown) point at the
    outer row through ``field`` (None when there are none)."""
    counts = (
        Statement.objects.filter(**{field: OuterRef("pk")})
        .exclude(review_status=Statement.Review.REJECTED)
        .order_by()
        .values(field)
        .annotate(n=Count("id"))
        .values("n")
    )
    return Subquery(counts, output_field=IntegerField())


def report_count() -> Subquery:
    """How many visible reports point at a statement (None when there are none)."""
    return visible_count("canonical")


def with_outlets(queryset: QuerySet[Statement]) -> QuerySet[Statement]:
    """``outlets``: how many documents reported the remark, this one plus its visible reports."""
    return queryset.annotate(outlets=Coalesce(report_count(), Value(0)) + 1)
