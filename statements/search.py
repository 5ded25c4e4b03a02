"""Full-text search on statements: PostgreSQL ranking and headlines, a plain fallback elsewhere.

Headlines come back as HTML in which only ``<mark>`` is markup: the database marks matches
with control-character sentinels, the text is escaped, and only then do the sentinels become
tags. Nothing a document says can become markup.
"""

from __future__ import annotations

import re

import nh3
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Expression, FloatField, Q, QuerySet, Value
from django.db.models.expressions import Col
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Statement

CONFIG = "english"
START, STOP = "\x02", "\x03"
# The column of migration 0019: to_tsvector('english', text), stored when a row is written.
_COLUMN = SearchVectorField()
_COLUMN.set_attributes_from_name("search_vector")
_COLUMN.model = Statement  # (for the ORM's hashing of expressions; not one of its fields)


class StoredVector(Expression):
    """The statement's stored search vector (``statements_statement.search_vector``, GIN
    indexed; PostgreSQL only). The column is the database's own, not the model's, so that no
    model load reads it; this expression names it on the query's statements table, under
    whatever alias that table has (in a subquery, say)."""

    output_field = SearchVectorField()

    def resolve_expression(self, query=None, *args, **kwargs):
        return Col(query.get_initial_alias(), _COLUMN, SearchVectorField())


VECTOR = StoredVector()


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def terms(q: str) -> list[str]:
    """The words of a query, without web-search operators (for the fallback and highlights)."""
    words = re.findall(r"\w[\w'-]*", q)
    return [w for w in words if w.lower() not in {"or", "and", "not"}][:10]


_TOKEN = re.compile(r'-?"[^"]*"?|\S+')


def websearch_q(q: str, field: str = "text") -> Q:
    """PostgreSQL's websearch syntax as substring matches, for databases without full-text
    search: every term must appear, a "quoted phrase" as written, ``-term`` must not, and
    ``OR`` between terms needs either side (as in PostgreSQL, AND binds tighter: ``a b OR c``
    is ``(a and b) or c``). Case-insensitive and unstemmed; "and" and "not" are ignored, as
    PostgreSQL ignores stop words; at most ten terms."""
    clauses: list[Q] = []
    clause, count = Q(), 0
    for token in _TOKEN.findall(q)[:40]:
        if token.lower() == "or":
            if clause:
                clauses.append(clause)
            clause = Q()
            continue
        negated = token.startswith("-") and len(token) > 1
        body = token[1:] if negated else token
        if body.startswith('"'):
            text = " ".join(body.strip('"').split())
        else:
            text = body.strip(".,;:!?()[]{}'\"")
            if text.lower() in {"and", "not"}:
                text = ""
        if not text or count == 10:
            continue
        count += 1
        match = Q(**{f"{field}__icontains": text})
        clause &= ~match if negated else match
    if clause:
        clauses.append(clause)
    condition = Q()
    for clause in clauses:
        condition |= clause
    return condition


def search(queryset: QuerySet[Statement], q: str, *, annotate: bool = True) -> QuerySet[Statement]:
    """Statements matching ``q``; with ``annotate``, also ``rank`` and ``headline_raw``.

    PostgreSQL: websearch syntax ("quoted phrases", -excluded, or), ranked, headline marked
    with sentinels. Elsewhere (SQLite, ``make run``): the same syntax by substring matches
    (:func:`websearch_q`; words are not stemmed), rank 0.
    """
    if is_postgres():
        query = SearchQuery(q, config=CONFIG, search_type="websearch")
        queryset = queryset.alias(search_vector=VECTOR).filter(search_vector=query)
        if not annotate:
            return queryset
        return queryset.annotate(
            # ts_rank is a float4; as double precision it survives the trip through a cursor.
            rank=Cast(SearchRank(VECTOR, query), FloatField()),
            headline_raw=SearchHeadline(
                "text", query, config=CONFIG, start_sel=START, stop_sel=STOP, highlight_all=True
            ),
        )
    queryset = queryset.filter(websearch_q(q))
    if not annotate:
        return queryset
    return queryset.annotate(rank=Value(0.0, output_field=FloatField()))


def safe_headline(raw: str) -> SafeString:
    """Sentinel-marked text as HTML: everything escaped, then only ``<mark>`` let through."""
    html = escape(raw).replace(START, "<mark>").replace(STOP, "</mark>")
    # nh3 balances tags a stray sentinel in the source text might have left open.
    return mark_safe(nh3.clean(html, tags={"mark"}, attributes={}))  # noqa: S308


def highlight_terms(text: str, q: str) -> SafeString:
    """The fallback headline: escaped text with each query word marked."""
    words = sorted({w for w in terms(q) if len(w) > 1}, key=len, reverse=True)
    if not words:
        return mark_safe(escape(text))  # noqa: S308
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    marked = pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", text)
    return safe_headline(marked)
