"""How many documents reported a remark: the statement itself and its visible reports."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Statement


def report_count() -> Subquery:
    """How many visible reports point at a statement (None when there are none)."""
    reports = (
        Statement.objects.filter(canonical=OuterRef("pk"))
        .exclude(review_status=Statement.Review.REJECTED)
        .order_by()
        .values("canonical")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Subquery(reports, output_field=IntegerField())


def with_outlets(queryset: QuerySet[Statement]) -> QuerySet[Statement]:
    """``outlets``: how many documents reported the remark, this one plus its visible reports."""
    return queryset.annotate(outlets=Coalesce(report_count(), Value(0)) + 1)
