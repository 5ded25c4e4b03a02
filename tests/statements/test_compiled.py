"""Card queries compiled once (statements.compiled): the same rows as the ORM, every time."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from statements.cards import BADGES, CARD_ROWS, _badges, _card_rows
from statements.compiled import ByIds
from statements.models import Statement
from tests.factories import StatementFactory
from tests.statements import sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    built = sample.build(months=4, per_month=2)
    # A report of the first statement, so one card counts two outlets.
    first = built["statements"][0]
    StatementFactory(speaker=first.speaker, text=first.text, canonical=first)
    return built


def _ids(corpus, *positions) -> list[int]:
    return [corpus["statements"][i].pk for i in positions]


@pytest.mark.parametrize("positions", [(0,), (0, 3, 5), (7, 1, 2, 6)])
def test_card_rows_are_what_the_orm_returns(corpus, positions):
    ids = _ids(corpus, *positions)
    assert sorted(CARD_ROWS.rows(ids)) == sorted(_card_rows(ids))
    outlets = {row[0]: row[-1] for row in CARD_ROWS.rows(ids)}
    assert set(outlets) == set(ids)
    assert [outlets[pk] for pk in ids] == [2 if i == 0 else 1 for i in positions]


def test_badges_hold_topics_and_groups_of_each_statement(corpus):
    ids = _ids(corpus, 0, 1, 2, 3, 4, 5, 6, 7)
    rows = BADGES.rows(ids)
    assert sorted(rows) == sorted(_badges(ids))
    for statement in Statement.objects.filter(pk__in=ids).prefetch_related("topics"):
        topics = {slug for pk, kind, slug, *_ in rows if pk == statement.pk and kind == "topic"}
        assert topics == {t.slug for t in statement.topics.all()}
    assert any(kind == "group" for _, kind, *_ in rows)


def test_the_same_ids_in_another_order_or_number_reuse_or_add_one_compiled_query(corpus):
    calls = []

    def build(ids):
        calls.append(len(ids))
        return Statement.objects.filter(id__in=ids).order_by().values_list("id", "said_on")

    query = ByIds(build)
    first, second, third = corpus["statements"][:3]
    assert sorted(query.rows([first.pk, second.pk])) == [
        (first.pk, first.said_on),
        (second.pk, second.said_on),
    ]
    assert sorted(query.rows([third.pk, first.pk])) == [
        (first.pk, first.said_on),
        (third.pk, third.said_on),
    ]
    assert calls == [2]  # compiled once for two ids, whichever they are
    assert query.rows([second.pk]) == [(second.pk, second.said_on)]
    assert calls == [2, 1]


def test_no_ids_run_no_query():
    with CaptureQueriesContext(connection) as captured:
        assert CARD_ROWS.rows([]) == []
    assert not captured


def test_a_query_that_does_not_take_the_ids_is_refused():
    query = ByIds(lambda ids: Statement.objects.values_list("id"))
    with pytest.raises(ValueError, match="ids"):
        query.rows([1])
