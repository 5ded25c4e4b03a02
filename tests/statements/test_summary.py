"""The monthly summary says what a live count over the statements says, after every kind of write.

Two checks throughout: the rows maintained on write equal a rebuild from scratch, and the
counts read from the summary equal live counts over ``timeline_base()`` for many filter sets.
"""

import datetime as dt
import random

import pytest
from django.urls import reverse

from ingest.services import document_create
from ingest.storing import document_process
from statements.models import ArmedGroup, MonthlyCount, Statement
from statements.queries import apply_filters, monthly_counts, timeline_base
from statements.services import speakers_merge, statements_review
from statements.summary import summary_rebuild
from statements.summary_reads import answers, pledge_areas, timeline_counts
from statements.views.pledges import ledger
from tests.factories import DocumentFactory, SpeakerFactory, StatementFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _rows() -> list[tuple]:
    return sorted(
        MonthlyCount.objects.filter(n__gt=0).values_list(
            "month",
            "speaker_id",
            "is_pledge",
            "verified",
            "has_topic",
            "topic_id",
            "armed_group_id",
            "n",
            "first_said",
            "last_said",
            "precision",
        ),
        key=repr,
    )


def assert_summary_current() -> None:
    """The rows kept up to date on write are those a rebuild from scratch computes."""
    maintained = _rows()
    summary_rebuild()
    assert maintained == _rows()


def _filter_sets(speakers, topic, group) -> list[dict]:
    return [
        {},
        {"speaker": [speakers[0]]},
        {"speaker": speakers[:2], "pledges": True},
        {"side": "pk"},
        {"topic": topic},
        {"group": group, "verified": True},
        {"since": dt.date(2023, 3, 1), "until": dt.date(2024, 6, 30)},  # whole months
        {"since": dt.date(2023, 3, 17), "until": dt.date(2024, 6, 9)},  # partial months
        {"since": dt.date(2024, 2, 3), "until": dt.date(2024, 2, 20)},  # inside one month
        {"since": dt.date(2024, 2, 3)},
        {"since": dt.date(2023, 1, 1), "until": dt.date(2023, 12, 31)},  # a whole year
        {"since": dt.date(2023, 1, 1), "until": dt.date(2024, 11, 30)},  # cuts 2024
        {"until": dt.date(2024, 5, 31), "side": "us"},
        {"until": dt.date(2023, 11, 11), "topic": topic},
        {"speaker": [speakers[1]], "topic": topic, "since": dt.date(2023, 1, 15)},
    ]


def assert_counts_match_live(speakers, topic, group) -> None:
    for filters in _filter_sets(speakers, topic, group):
        assert answers(filters)
        matching = apply_filters(timeline_base(), filters, annotate=False)
        for stack in ("side", "speaker"):
            total, chart = timeline_counts(filters, stack)
            assert total == matching.count(), filters
            assert chart == monthly_counts(matching, stack), (filters, stack)


@pytest.fixture
def corpus():
    """A few hundred statements over two years: pledges, topics, groups, undated ones,
    re-reports of a canonical statement, rejected and verified ones."""
    rng = random.Random(7)
    speakers = [SpeakerFactory(side=side) for side in ("us", "pk", "pk", "us")]
    topics = [TopicFactory(name=name) for name in ("border security", "terrorist financing")]
    groups = [
        ArmedGroup.objects.create(short_name=name, slug=name.lower()) for name in ("TTP", "BLA")
    ]
    documents = [DocumentFactory() for _ in range(5)]
    made = []
    for i in range(150):
        said_on = None if i % 17 == 0 else dt.date(2023, 1, 1) + dt.timedelta(rng.randrange(730))
        # Some known only to the month or the year: their first day stands for the period.
        precision = rng.choice(["day", "day", "day", "month", "year"])
        if said_on and precision == "month":
            said_on = said_on.replace(day=1)
        elif said_on and precision == "year":
            said_on = said_on.replace(month=1, day=1)
        statement = StatementFactory(
            document=rng.choice(documents),
            speaker=rng.choice(speakers),
            said_on=said_on,
            date_precision=precision,
            is_pledge=rng.random() < 0.3,
            review_status=rng.choice(["auto", "auto", "auto", "verified", "edited", "rejected"]),
            canonical=made[-1] if made and i % 9 == 0 else None,
        )
        statement.topics.set(rng.sample(topics, rng.randrange(3)))
        statement.armed_groups.set(rng.sample(groups, rng.randrange(3)))
        made.append(statement)
    return speakers, topics, groups, made


def test_single_saves_keep_the_summary_current_and_its_counts_equal_live_counts(corpus):
    speakers, topics, groups, _ = corpus
    assert MonthlyCount.objects.exists()
    assert_summary_current()
    assert_counts_match_live(speakers, topics[0], groups[0])


def test_edits_deletes_and_label_changes_keep_the_summary_current(corpus):
    speakers, topics, groups, made = corpus
    moved = made[10]
    moved.said_on, moved.speaker = dt.date(2022, 12, 31), speakers[3]  # a new cell
    moved.save()
    made[20].delete()
    canonical = next(s for s in made if s.reports.exists())
    canonical.delete()  # its re-reports become visible on their own
    made[30].topics.clear()
    made[31].armed_groups.add(groups[1])
    topics[1].statements.remove(*topics[1].statements.all()[:5])  # the reverse side
    assert_summary_current()
    assert_counts_match_live(speakers, topics[0], groups[0])


def test_bulk_reviews_and_speaker_merges_keep_the_summary_current(corpus, editor):
    speakers, topics, groups, made = corpus
    canonical = next(s for s in made if s.reports.exists() and s.review_status != "rejected")
    statements_review(
        statements=Statement.objects.filter(pk__in=[canonical.pk, made[40].pk]),
        status="rejected",
        reviewer=editor,
    )
    assert_summary_current()
    speakers_merge(into=speakers[0], others=[speakers[1]])
    assert not MonthlyCount.objects.filter(speaker=speakers[1]).exists()
    assert_summary_current()
    assert_counts_match_live([speakers[0], speakers[2]], topics[0], groups[0])


def test_the_admin_change_form_keeps_the_summary_current(corpus, client, editor):
    speakers, topics, groups, made = corpus
    statement = next(s for s in made[50:] if s.said_on and s.review_status != "rejected")
    client.force_login(editor)
    url = reverse("admin:statements_statement_change", args=[statement.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        speaker=speakers[2].pk,
        document=statement.document_id,
        said_on="2021-06-01",  # another speaker, another month: two cells change
        topics=[topics[1].pk],
        armed_groups=[],
    )
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
    assert client.post(url, data).status_code == 302
    assert_summary_current()
    assert MonthlyCount.objects.filter(
        speaker=speakers[2], month=dt.date(2021, 6, 1), topic=topics[1]
    ).exists()


def test_processing_and_reprocessing_documents_keep_the_summary_current(demo_texts):
    text = next(iter(demo_texts.values()))
    first = document_create(text=text, published_on=dt.date(2024, 5, 15), enqueue=False)
    document_process(document_id=first.document.pk)
    assert MonthlyCount.objects.exists()
    assert_summary_current()
    # Another outlet's earlier report of the same remarks: its statements become the canonical
    # ones and the first document's fold into them.
    second = document_create(
        text="Reported by another outlet.\n\n" + text,
        published_on=dt.date(2024, 5, 13),
        enqueue=False,
    )
    document_process(document_id=second.document.pk)
    assert first.document.statements.exclude(canonical=None).exists()
    assert_summary_current()
    document_process(document_id=first.document.pk)  # re-extraction replaces its statements
    assert_summary_current()
    total, _ = timeline_counts({})
    assert total == timeline_base().count()


def _ledger_view(commitments) -> list[tuple]:
    return [
        (c.name, c.total, c.first_on, c.last_on, c.speakers, [p.pk for p in c.pledges])
        for c in commitments
    ]


def test_the_pledge_ledger_read_from_the_summary_equals_the_live_ledger(corpus):
    speakers, *_ = corpus
    for filters in [
        {},
        {"speaker": speakers[:2]},
        {"side": "pk", "verified": True},
        {"since": dt.date(2023, 6, 1), "until": dt.date(2024, 3, 31)},
    ]:
        filters = {**filters, "pledges": True}
        assert pledge_areas(filters) is not None
        pledges = apply_filters(timeline_base(), filters, annotate=False)
        assert _ledger_view(ledger(pledges, filters)) == _ledger_view(ledger(pledges))
    assert pledge_areas({"pledges": True, "since": dt.date(2023, 6, 2)}) is None
    assert pledge_areas({"pledges": True, "topic": object()}) is None


def test_search_is_counted_live():
    assert not answers({"q": "border"})
    assert not answers({"topic": object(), "group": object()})
    StatementFactory(text="Border fencing will go on.")
    assert timeline_counts({"q": "border"})[0] == 1


def test_a_backfill_adds_new_statements_to_their_cells_and_stays_current():
    """New statements are added to their cells in place; statements that clustering folds,
    and cells whose older statements it folds, are recomputed. Invented articles, many quoting
    the same stock sentences, processed newest first so earlier reports keep arriving."""
    from ingest.synthetic import corpus

    # Three weeks of news: remarks dated to their day are re-reported within clustering's week.
    weeks = {"start": dt.date(2024, 1, 1), "end": dt.date(2024, 1, 21)}
    documents = sorted(corpus(5, 40, transcript_share=0.1, **weeks), key=lambda d: d.published_on)
    ids = [document_create(text=d.text, enqueue=False).document.pk for d in documents]
    for pk in reversed(ids):
        document_process(document_id=pk)
    assert Statement.objects.exclude(canonical=None).exists()  # re-reports were folded
    assert_summary_current()
    total, _ = timeline_counts({})
    assert total == timeline_base().count()
    document_process(document_id=ids[0])  # and a re-extraction among them
    assert_summary_current()
