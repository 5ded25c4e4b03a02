"""The same remark reported by several outlets becomes one statement with several sources."""

import datetime as dt

import pytest

from ingest.clustering import same_remark, statements_cluster
from statements.models import Statement
from tests.factories import DocumentFactory, SpeakerFactory, StatementFactory

pytestmark = pytest.mark.django_db

REMARK = "We will continue to work with Pakistan to defeat terrorist groups on both sides."
REWORDED = "We will continue to work with Pakistan to defeat the terrorist groups on both sides"


def _report(speaker, text=REMARK, day=dt.date(2024, 5, 13), published=None):
    document = DocumentFactory(published_on=published or day)
    return StatementFactory(document=document, speaker=speaker, text=text, said_on=day)


def test_near_identical_wording_is_the_same_remark_but_a_fragment_is_not():
    assert same_remark(REMARK, REWORDED)
    assert not same_remark(REMARK, "We will continue to work with Pakistan.")
    assert not same_remark(REMARK, "The talks on trade were postponed until next year.")


def test_reports_days_apart_point_at_the_earliest_as_canonical():
    speaker = SpeakerFactory()
    first = _report(speaker, day=dt.date(2024, 5, 13))
    later = _report(speaker, REWORDED, day=dt.date(2024, 5, 16))
    assert statements_cluster(document=later.document) == 1
    first.refresh_from_db()
    later.refresh_from_db()
    assert first.canonical is None
    assert later.canonical == first
    assert list(first.reports.all()) == [later]


def test_an_earlier_report_arriving_last_becomes_the_canonical_of_the_group():
    speaker = SpeakerFactory()
    middle = _report(speaker, day=dt.date(2024, 5, 14))
    last = _report(speaker, REWORDED, day=dt.date(2024, 5, 16))
    statements_cluster(document=last.document)
    earliest = _report(speaker, REMARK + " ", day=dt.date(2024, 5, 12))
    statements_cluster(document=earliest.document)
    assert set(Statement.objects.filter(canonical=earliest)) == {middle, last}
    earliest.refresh_from_db()
    assert earliest.canonical is None


@pytest.mark.parametrize(
    "other",
    [
        {"day": dt.date(2024, 5, 25)},  # more than a week apart
        {"speaker": "someone else"},
        {"text": "The talks on trade were postponed until next year, officials said."},
    ],
    ids=["too far apart", "another speaker", "another remark"],
)
def test_different_remarks_stay_apart(other):
    speaker = SpeakerFactory()
    first = _report(speaker)
    second = _report(
        SpeakerFactory() if "speaker" in other else speaker,
        other.get("text", REWORDED),
        day=other.get("day", dt.date(2024, 5, 14)),
    )
    assert statements_cluster(document=second.document) == 0
    assert not Statement.objects.filter(canonical__isnull=False).exists()
    assert first.reports.count() == 0


def test_undated_reports_group_when_their_documents_were_published_within_a_week():
    speaker = SpeakerFactory()
    first = StatementFactory(
        speaker=speaker,
        text=REMARK,
        said_on=None,
        document=DocumentFactory(published_on=dt.date(2024, 5, 13)),
    )
    second = StatementFactory(
        speaker=speaker,
        text=REWORDED,
        said_on=None,
        document=DocumentFactory(published_on=dt.date(2024, 5, 15)),
    )
    statements_cluster(document=second.document)
    second.refresh_from_db()
    assert second.canonical == first


def test_clustering_twice_changes_nothing():
    speaker = SpeakerFactory()
    first = _report(speaker)
    later = _report(speaker, REWORDED, day=dt.date(2024, 5, 15))
    statements_cluster(document=later.document)
    statements_cluster(document=later.document)
    statements_cluster(document=first.document)
    assert list(Statement.objects.order_by("pk").values_list("canonical", flat=True)) == [
        None,
        first.pk,
    ]


def test_two_statements_of_one_document_joining_one_group_leave_a_single_group():
    # The later statement is compared first and becomes the group's earliest; the earlier one
    # then matches the same reports and must take over the whole group, not split it.
    speaker = SpeakerFactory()
    root = _report(speaker, day=dt.date(2024, 5, 11))
    report = _report(speaker, REWORDED, day=dt.date(2024, 5, 13))
    Statement.objects.filter(pk=report.pk).update(canonical=root)
    document = DocumentFactory(published_on=dt.date(2024, 5, 10))
    earlier, later = (
        StatementFactory(document=document, speaker=speaker, text=text, said_on=day)
        for text, day in ((REMARK + " ", dt.date(2024, 5, 8)), (REWORDED, dt.date(2024, 5, 10)))
    )

    assert statements_cluster(document=document) == 2

    assert set(Statement.objects.filter(canonical=earlier)) == {root, report, later}
    earlier.refresh_from_db()
    assert earlier.canonical is None


def test_clustering_a_document_takes_a_fixed_number_of_queries(django_assert_max_num_queries):
    speaker = SpeakerFactory()
    for day in (5, 6, 7, 8):
        _report(speaker, day=dt.date(2024, 5, day))
    document = DocumentFactory(published_on=dt.date(2024, 5, 9))
    for day in (3, 4, 9, 10):
        StatementFactory(
            document=document, speaker=speaker, text=REWORDED, said_on=dt.date(2024, 5, day)
        )

    with django_assert_max_num_queries(4):  # own statements, pool, members, one update
        assert statements_cluster(document=document) == 4

    assert Statement.objects.filter(canonical__isnull=True).count() == 1
