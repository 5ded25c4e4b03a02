"""Search operators without PostgreSQL (``make run`` on SQLite): quoted phrases, OR and -word
as substring matches, checked here against the same rows PostgreSQL's websearch finds; and the
search box's example finds statements in the demo corpus on both."""

import pytest
from django.core.management import call_command

from statements.forms import StatementFilterForm
from statements.models import Statement
from statements.search import search, websearch_q
from tests.conftest import DEMO_CORPUS
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db

TEXTS = [
    "The TTP has safe havens across the border.",
    "Havens are safe, the minister said of the TTP.",
    "We will fence the border with Afghanistan.",
    "ISIS and the TTP threaten the region.",
    "U.S. support for counterterrorism continues.",
]


@pytest.fixture
def rows():
    return [StatementFactory(text=t, end=len(t)) for t in TEXTS]


def _found(condition) -> list[int]:
    return sorted(
        TEXTS.index(t) for t in Statement.objects.filter(condition).values_list("text", flat=True)
    )


def _postgres(q: str) -> list[int]:
    found = search(Statement.objects.all(), q, annotate=False).values_list("text", flat=True)
    return sorted(TEXTS.index(t) for t in found)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ('"safe havens"', [0]),
        ("safe havens", [0, 1]),
        ("TTP -ISIS", [0, 1]),
        ('TTP -"safe havens"', [1, 3]),
        ("fence OR ISIS", [2, 3]),
        ("border TTP or ISIS", [0, 3]),  # (border and TTP) or ISIS
        ("U.S. counterterrorism", [4]),
        ("and", []),
    ],
)
def test_the_operators_work_without_full_text_search(rows, q, expected):
    found = _found(websearch_q(q))
    if q == "and":  # no term at all: no narrowing
        assert found == list(range(len(TEXTS)))
        return
    assert found == expected
    # The same rows as PostgreSQL's websearch where words need no stemming.
    if q not in {"fence OR ISIS"}:
        assert _postgres(q) == expected


def test_the_search_box_example_finds_statements_in_the_demo_corpus(
    settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from config.celery import app

    app.conf.task_always_eager = True
    try:
        call_command("load_officials", verbosity=0)
        with django_capture_on_commit_callbacks(execute=True):
            call_command("ingest", str(DEMO_CORPUS / "manifest.jsonl"), verbosity=0)
    finally:
        app.conf.task_always_eager = False
    example = StatementFilterForm().fields["q"].widget.attrs["placeholder"].removeprefix("e.g. ")
    assert search(Statement.objects.all(), example, annotate=False).exists()
    assert Statement.objects.filter(websearch_q(example)).exists()
