import datetime as dt

import pytest

import ingest.storing
from ingest.partial_dates import parse_partial_date
from ingest.services import document_create
from ingest.storing import document_process
from ingest.tasks import process_document
from statements.models import Document, Statement

pytestmark = pytest.mark.django_db

SAMPLE = (
    "WASHINGTON - Officials met on Monday.\n"
    '"We will continue to work with our partners on border security," said Halvorsen, '
    "a spokesperson for the Invented Ministry.\n"
    '"The talks were useful," Marbury said.'
)


def _stored(text: str = SAMPLE, published=dt.date(2024, 5, 15)) -> Document:
    return document_create(text=text, published_on=published, enqueue=False).document


def test_parse_partial_date_keeps_the_precision():
    assert parse_partial_date("2024-05-13") == (dt.date(2024, 5, 13), "day")
    assert parse_partial_date("2024-05") == (dt.date(2024, 5, 1), "month")
    assert parse_partial_date("2024") == (dt.date(2024, 1, 1), "year")
    assert parse_partial_date("not a date") == (None, "unknown")
    assert parse_partial_date(None) == (None, "unknown")


def test_processing_stores_statements_whose_offsets_point_at_their_text(demo_texts):
    document = document_process(document_id=_stored(next(iter(demo_texts.values()))).pk)
    statements = list(document.statements.all())
    assert document.status == Document.Status.DONE
    assert document.extractor_version
    assert statements
    for statement in statements:
        assert document.text[statement.start : statement.end] == statement.text


def test_processing_the_demo_corpus_finds_statements_in_every_article(demo_texts):
    for text in demo_texts.values():
        document = document_process(document_id=_stored(text, published=None).pk)
        assert document.status == Document.Status.DONE
    assert Statement.objects.count() >= 5


def test_each_statement_keeps_the_speakers_own_words_its_confidence_and_date_basis():
    document = document_process(document_id=_stored().pk)
    by_speaker = {s.speaker.name: s for s in document.statements.all()}
    quoted = by_speaker["Halvorsen"]
    words = " ".join(document.text[s:e] for s, e in quoted.words)
    # the quotation without its marks or the framing "said Halvorsen, a spokesperson …"
    assert words == "We will continue to work with our partners on border security"
    assert quoted.start <= quoted.words[0][0] and quoted.words[-1][1] <= quoted.end
    assert quoted.attribution == "named" and 0 < quoted.confidence <= 1
    assert quoted.date_basis and quoted.said_on == dt.date(2024, 5, 15)


def test_running_the_same_document_twice_doubles_nothing():
    document = _stored()
    document_process(document_id=document.pk)
    first = sorted(document.statements.values_list("start", "end", "text"))
    document_process(document_id=document.pk)
    assert sorted(document.statements.values_list("start", "end", "text")) == first


def test_editor_reviews_survive_reextraction(editor, demo_texts):
    document = _stored(next(iter(demo_texts.values())))
    document_process(document_id=document.pk)
    edited = document.statements.order_by("start").first()
    edited.text = edited.text + " [corrected]"
    edited.review_status = Statement.Review.EDITED
    edited.reviewed_by = editor
    edited.save()
    rejected = document.statements.order_by("start").last()
    rejected.review_status = Statement.Review.REJECTED
    rejected.save()
    total = document.statements.count()

    document_process(document_id=document.pk)

    edited.refresh_from_db()
    rejected.refresh_from_db()
    assert edited.text.endswith("[corrected]")
    assert edited.review_status == Statement.Review.EDITED
    assert rejected.review_status == Statement.Review.REJECTED
    assert document.statements.count() == total


def test_a_failed_extraction_leaves_the_document_visible_with_its_error(monkeypatch):
    document = _stored()

    def broken(text, published=None):
        raise RuntimeError("the extractor tripped")

    monkeypatch.setattr(ingest.storing, "extract", broken)
    assert process_document.run(document.pk) == "failed"
    document.refresh_from_db()
    assert document.status == Document.Status.FAILED
    assert "the extractor tripped" in document.error
    assert document.attempts == 1


def test_the_task_for_a_deleted_document_does_nothing():
    assert process_document.run(987654321) == "missing"


def test_processing_links_a_second_outlets_report_of_the_same_remarks_to_the_first(demo_texts):
    text = next(iter(demo_texts.values()))
    first = document_process(document_id=_stored(text, published=dt.date(2024, 5, 13)).pk)
    second_text = "Reported by another outlet.\n\n" + text
    second = document_process(document_id=_stored(second_text, published=dt.date(2024, 5, 15)).pk)
    reports = second.statements.exclude(canonical=None)
    assert reports.exists()
    assert {r.canonical.document_id for r in reports} == {first.pk}
    assert not first.statements.exclude(canonical=None).exists()


def test_the_sweep_sends_stale_documents_and_url_fetches_again(django_capture_on_commit_callbacks):
    from django.utils import timezone

    from ingest.models import UrlFetch
    from ingest.services import documents_requeue_stale

    _stored()
    UrlFetch.objects.create(url="https://example.com/stuck")
    UrlFetch.objects.create(url="https://example.com/failed", status=UrlFetch.Status.FAILED)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        count = documents_requeue_stale(older_than=timezone.now() + dt.timedelta(seconds=1))
    assert count == 2
    assert len(callbacks) == 2


def test_a_task_run_eagerly_inside_a_transaction_keeps_its_connection(demo_texts):
    """Around a task the workers close old database connections; a task run in-process (the
    `make run` mode) must not close its caller's, mid-transaction."""
    from django.db import connection, transaction

    document = document_create(text=next(iter(demo_texts.values())), enqueue=False).document
    with transaction.atomic():
        assert process_document.apply(args=[document.pk]).get() == "done"
        assert connection.connection is not None and connection.in_atomic_block
        assert Document.objects.get(pk=document.pk).status == Document.Status.DONE


def test_a_shortened_name_is_stored_under_the_known_person_and_becomes_an_alias():
    text = (
        "ISLAMABAD - The Foreign Office spoke on Friday.\n\n"
        "Spokesperson Mumtaz Zahra said Pakistan wanted calm on the border."
    )
    document = document_process(document_id=_stored(text, published=dt.date(2024, 5, 10)).pk)
    statement = document.statements.get()
    assert statement.speaker.name == "Mumtaz Zahra Baloch"
    assert list(statement.speaker.aliases.values_list("alias", flat=True)) == ["Mumtaz Zahra"]
