"""The documents index: filters by outlet and kind, and full-text search over whole documents.

Statement search (:mod:`statements.search`) finds what the extractor kept; this one reads the
documents' own text, so a sentence the extractor missed can still be found. On PostgreSQL the
search uses the GIN index of migration 0015 (``statements_document_tsv``, a vector that cannot
fail on a huge text) and shows a headline from the text's first HEADLINE_CHARS characters;
elsewhere (the SQLite demo) every word must appear, and the snippet is cut around the first.
"""

from __future__ import annotations

from django import forms
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchVectorField
from django.db.models import (
    BooleanField,
    CharField,
    F,
    Func,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Left
from django.utils.safestring import SafeString

from . import search
from .cache import cached
from .lenient_forms import LenientFilterForm
from .models import Document, Outlet
from .reports import visible_count

PAGE_SIZE = 25
HEADLINE_CHARS = 100_000  # ts_headline parses what it is given: a bounded prefix
SNIPPET_CHARS = 240  # the fallback snippet's length around the first match
# What the index lists of a document; never its text (tens of kilobytes each).
LISTED = ("id", "title", "kind", "url", "published_on", "status", "outlet__name", "outlet_id")


class DocumentVector(Func):
    """``statements_document_tsv(text)``: the indexed expression of migration 0015."""

    function = "statements_document_tsv"
    output_field = SearchVectorField()


class Matches(Func):
    """``vector @@ query`` as a boolean expression."""

    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = BooleanField()


class DocumentFilterForm(LenientFilterForm):
    """The documents index's parameters; a bad one is dropped, never a server error."""

    q = forms.CharField(
        label="Search the documents' text",
        required=False,
        max_length=200,
        strip=True,
    )
    outlet = forms.TypedChoiceField(label="Outlet", required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *Document.Kind.choices]
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outlet"].choices = [("", "Any outlet"), *outlet_choices()]


def outlet_choices() -> list[tuple[str, str]]:
    """Every outlet, by name; cached until the data changes."""
    return cached(
        "outlet-menu",
        None,
        lambda: [(str(pk), name) for pk, name in Outlet.objects.values_list("pk", "name")],
    )


def statement_count() -> Subquery:
    """How many statements an analyst may see in a document (rejected ones are not shown)."""
    return Coalesce(visible_count("document"), 0)


def matching_documents(filters: dict) -> QuerySet[Document]:
    """Documents matching the index's filters, newest first (undated last), without their text.

    With a search: on PostgreSQL, ``headline_raw`` marks the matches with the sentinels of
    :mod:`statements.search`; elsewhere every word must appear in the text."""
    documents = Document.objects.all()
    if outlet := filters.get("outlet"):
        documents = documents.filter(outlet_id=outlet)
    if kind := filters.get("kind"):
        documents = documents.filter(kind=kind)
    if q := filters.get("q"):
        documents = text_search(documents, q)
    return documents.order_by(F("published_on").desc(nulls_last=True), "-id")


def text_search(documents: QuerySet[Document], q: str) -> QuerySet[Document]:
    if search.is_postgres():
        query = SearchQuery(q, config=search.CONFIG, search_type="websearch")
        return documents.filter(Matches(DocumentVector("text"), query))
    condition = Q()
    for term in search.terms(q):
        condition &= Q(text__icontains=term)
    return documents.filter(condition)


def listed(documents: QuerySet[Document], q: str | None) -> QuerySet[Document]:
    """What a page of the index shows: the listed columns, the statement count and, for a
    search, the headline (computed for the page's rows only, once sliced)."""
    documents = (
        documents.select_related("outlet").only(*LISTED).annotate(statement_total=statement_count())
    )
    if not q:
        return documents
    if search.is_postgres():
        query = SearchQuery(q, config=search.CONFIG, search_type="websearch")
        return documents.annotate(
            headline_raw=SearchHeadline(
                Left("text", HEADLINE_CHARS),
                query,
                config=search.CONFIG,
                start_sel=search.START,
                stop_sel=search.STOP,
                max_words=40,
                min_words=15,
            )
        )
    return documents.annotate(snippet_source=Left("text", HEADLINE_CHARS, output_field=CharField()))


def snippet(document: Document, q: str) -> SafeString:
    """The document's passage around the match, escaped, with only ``<mark>`` as markup."""
    raw = getattr(document, "headline_raw", None)
    if raw is not None:
        return search.safe_headline(raw)
    text = getattr(document, "snippet_source", "") or ""
    lowered = text.lower()
    found = [i for i in (lowered.find(t.lower()) for t in search.terms(q)) if i >= 0]
    first = min(found, default=0)
    begin = max(0, first - SNIPPET_CHARS // 3)
    piece = text[begin : begin + SNIPPET_CHARS]
    prefix = "… " if begin else ""
    suffix = " …" if begin + SNIPPET_CHARS < len(text) else ""
    return search.highlight_terms(f"{prefix}{piece}{suffix}", q)


def with_snippets(documents: list[Document], q: str | None) -> list[Document]:
    for document in documents:
        document.snippet = snippet(document, q) if q else None
    return documents
