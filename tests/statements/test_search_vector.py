"""The stored search vector (migration 0019) finds exactly what the indexed expression found,
follows edits of the text, and is named right when the search is a subquery."""

import pytest
from django.contrib.postgres.search import SearchQuery, SearchVector

from statements.models import Statement
from statements.queries import apply_filters, timeline_base
from statements.search import CONFIG, search
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db

TEXTS = [
    "The border districts saw condolences offered after the attack.",
    "Border security talks were candid and useful.",
    "We offer our condolences to the families.",
    "Securing the borders remains our first concern.",
    "Nothing here about either subject.",
    "",
]
QUERIES = [
    "border",
    "border condolences",
    '"border security"',
    "border -security",
    "condolences or concern",
    "securities",
    "zzyzx",
    "the",
]


@pytest.fixture
def rows():
    return [StatementFactory(text=text, end=max(len(text), 1)) for text in TEXTS]


def _expression(q: str) -> set[int]:
    """What the GIN expression index of migration 0003 matched: the vector worked out live."""
    query = SearchQuery(q, config=CONFIG, search_type="websearch")
    found = Statement.objects.annotate(live=SearchVector("text", config=CONFIG)).filter(live=query)
    return set(found.values_list("pk", flat=True))


@pytest.mark.parametrize("q", QUERIES)
def test_the_stored_vector_finds_what_the_expression_found(rows, q):
    found = set(search(Statement.objects.all(), q, annotate=False).values_list("pk", flat=True))
    assert found == _expression(q)
    assert found or q in {"zzyzx", "the"}  # the queries do find rows


def test_the_stored_vector_follows_an_edit_of_the_text(rows):
    statement = rows[4]
    statement.text = "A new sentence about drone strikes."
    statement.save()
    assert [s.pk for s in search(Statement.objects.all(), "drone", annotate=False)] == [
        statement.pk
    ]
    assert not search(Statement.objects.filter(pk=statement.pk), "subject", annotate=False)


def test_a_search_as_a_subquery_names_the_inner_table(rows):
    # As the admin's search does: the matches' keys as a subquery of another statements query.
    inner = search(Statement.objects.order_by(), "condolences", annotate=False).values("pk")
    outer = Statement.objects.filter(pk__in=inner).exclude(pk=rows[0].pk)
    assert list(outer.values_list("pk", flat=True)) == [rows[2].pk]


def test_ranks_come_from_the_stored_vector(rows):
    ranked = apply_filters(timeline_base(), {"q": "border"}).order_by("-rank", "-id")
    ranks = {s.pk: s.rank for s in ranked}
    assert set(ranks) == _expression("border")
    assert all(rank > 0 for rank in ranks.values())
