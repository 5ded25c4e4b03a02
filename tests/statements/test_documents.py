"""The documents index: filters, whole-text search, snippets escaped, pages, query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from statements.models import Document, Statement
from tests.factories import DocumentFactory, OutletFactory, StatementFactory

pytestmark = pytest.mark.django_db
URL = reverse("statements:documents")


def _rows(response) -> list[str]:
    return [d.title for d in response.context["page"].object_list]


def test_lists_documents_newest_first_with_outlet_kind_and_statement_count(client):
    outlet = OutletFactory(name="Invented Daily")
    old = DocumentFactory(title="Old piece", outlet=outlet, published_on=dt.date(2023, 1, 2))
    new = DocumentFactory(
        title="New briefing", kind=Document.Kind.BRIEFING, published_on=dt.date(2024, 6, 1)
    )
    DocumentFactory(title="Undated note", published_on=None)
    StatementFactory.create_batch(2, document=old)
    StatementFactory(document=old, review_status=Statement.Review.REJECTED)  # not shown
    response = client.get(URL)
    assert response.status_code == 200
    assert _rows(response) == ["New briefing", "Old piece", "Undated note"]
    html = response.content.decode()
    assert "Invented Daily" in html and "Briefing transcript" in html
    counts = {d.pk: d.statement_total for d in response.context["page"].object_list}
    assert counts[old.pk] == 2 and counts[new.pk] == 0
    assert f'href="{old.get_absolute_url()}"' in html
    assert '<time datetime="2023-01-02">2 Jan 2023</time>' in html


def test_filters_by_outlet_and_kind_and_drops_bad_values(client):
    outlet = OutletFactory()
    DocumentFactory(title="In outlet", outlet=outlet)
    DocumentFactory(title="Briefing", kind=Document.Kind.BRIEFING)
    assert _rows(client.get(URL, {"outlet": outlet.pk})) == ["In outlet"]
    assert _rows(client.get(URL, {"kind": "briefing_transcript"})) == ["Briefing"]
    response = client.get(URL, {"outlet": "x", "kind": "nonsense"})
    assert response.status_code == 200
    assert len(_rows(response)) == 2
    assert "Ignored: Outlet, Kind" in response.content.decode()


def test_search_reads_the_whole_text_not_only_statements(client):
    document = DocumentFactory(
        title="Long read",
        text="The minister spoke at length. Nobody quoted the line about fencing the Chaman "
        "crossing, which the extractor missed.",
    )
    DocumentFactory(title="Other", text="Nothing relevant here.")
    StatementFactory(document=document, text="The minister spoke at length.")
    response = client.get(URL, {"q": "Chaman crossing"})
    assert _rows(response) == ["Long read"]
    html = response.content.decode()
    assert "<mark>Chaman</mark>" in html
    # Statement search does not find it: only the document's text has it.
    timeline = client.get(reverse("statements:timeline"), {"q": "Chaman"})
    assert timeline.context["total"] == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="websearch operators")
def test_search_takes_phrases_or_and_exclusions(client):
    DocumentFactory(title="A", text="border fencing resumed")
    DocumentFactory(title="B", text="fencing of the border was halted")
    DocumentFactory(title="C", text="checkpoints were opened")
    assert _rows(client.get(URL, {"q": '"border fencing"'})) == ["A"]
    assert sorted(_rows(client.get(URL, {"q": "fencing OR checkpoints"}))) == ["A", "B", "C"]
    assert _rows(client.get(URL, {"q": "fencing -halted"})) == ["A"]


def test_snippets_and_titles_are_escaped(client):
    DocumentFactory(
        title="<script>alert(1)</script>",
        text='He said <b onmouseover="x()">fencing</b> would resume & more.',
    )
    html = client.get(URL, {"q": "fencing"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    # PostgreSQL's headline drops what looks like a tag; the fallback escapes it.
    assert "<b onmouseover" not in html
    assert "<mark>fencing</mark>" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index of migration 0015")
def test_a_huge_document_is_stored_and_searchable():
    """A text whose full vector would pass PostgreSQL's 1 MB tsvector limit is still stored
    (the index expression cannot fail), and its beginning is searchable."""
    words = " ".join(f"w{i:07d}x" for i in range(150_000))  # 1.6 MB of distinct words
    DocumentFactory(title="Huge", text="zanzibarfence opens. " + words)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM statements_document "
            "WHERE statements_document_tsv(text) @@ websearch_to_tsquery('english', %s)",
            ["zanzibarfence"],
        )
        assert cursor.fetchone()[0] == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index of migration 0015")
def test_the_search_expression_is_the_indexed_one():
    from statements.documents import matching_documents

    sql = str(matching_documents({"q": "fencing"}).query)
    assert "statements_document_tsv" in sql
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'document_text_fts_idx'")
        assert "statements_document_tsv(text)" in cursor.fetchone()[0]


def test_pages_keep_the_filters(client):
    outlet = OutletFactory()
    DocumentFactory.create_batch(30, outlet=outlet)
    response = client.get(URL, {"outlet": outlet.pk})
    page = response.context["page"]
    assert page.paginator.num_pages == 2 and len(page.object_list) == 25
    assert f"?outlet={outlet.pk}&amp;page=2" in response.content.decode()
    second = client.get(URL, {"outlet": outlet.pk, "page": 2})
    assert len(second.context["page"].object_list) == 5
    assert client.get(URL, {"page": "999"}).status_code == 200
    assert client.get(URL, {"page": "x"}).status_code == 200


def test_htmx_gets_the_results_only(client):
    DocumentFactory(title="One")
    response = client.get(URL, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "<form" not in html


def test_empty_states(client):
    assert "No documents yet" in client.get(URL).content.decode()
    DocumentFactory()
    assert "No document matches" in client.get(URL, {"q": "zzzqqq"}).content.decode()


@pytest.mark.parametrize("q", ["", "invented"])
def test_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries, q):
    outlets = OutletFactory.create_batch(5)
    for i in range(40):
        document = DocumentFactory(outlet=outlets[i % 5])
        StatementFactory(document=document)
    client.get(URL)  # the outlet menu is cached from here on
    # The page's count, its rows (with statement counts and headlines), the session-less
    # request needs nothing else.
    with django_assert_max_num_queries(3):
        response = client.get(URL, {"q": q, "page": 2})
    assert len(response.context["page"].object_list) == 15


def test_the_fallback_snippet_cuts_around_the_first_match_and_escapes():
    from statements.documents import snippet

    document = Document(title="x")
    document.snippet_source = "a " * 300 + "the <i>Chaman</i> crossing & more " + "b " * 300
    html = str(snippet(document, "chaman"))
    assert html.startswith("… ") and html.endswith(" …")
    assert "&lt;i&gt;<mark>Chaman</mark>&lt;/i&gt;" in html
    assert len(html) < 400


def test_a_statement_search_links_to_the_same_search_over_whole_documents(client):
    StatementFactory(text="Invented text about fencing")
    html = client.get(reverse("statements:timeline"), {"q": "fencing"}).content.decode()
    assert 'href="/documents/?q=fencing"' in html
    assert "“fencing” in whole documents" in html
    empty = client.get(reverse("statements:timeline"), {"q": "zzqq <b>"}).content.decode()
    assert 'href="/documents/?q=zzqq%20%3Cb%3E"' in empty
    assert "search the documents' whole text for “zzqq &lt;b&gt;”" in empty
