"""A re-extraction keeps the ids of the statements it finds again, so links to them, shared
links and feed entries survive; a statement it no longer finds answers 410 with its document."""

import dataclasses
import datetime as dt

import pytest
from django.urls import reverse

import ingest.storing
from ingest.services import document_create
from ingest.storing import document_process
from statements.models import RemovedStatement, Statement
from statements.queries import timeline_base
from statements.summary_reads import timeline_counts
from tests.statements.test_summary import assert_summary_current

pytestmark = pytest.mark.django_db


def _processed(text: str):
    stored = document_create(text=text, published_on=dt.date(2024, 5, 15), enqueue=False)
    return document_process(document_id=stored.document.pk)


def _ids(document) -> dict[tuple, int]:
    return {(s.start, s.end, s.speaker_id): s.pk for s in document.statements.all()}


def test_statements_found_again_keep_their_ids(demo_texts):
    document = _processed(next(iter(demo_texts.values())))
    before = _ids(document)
    assert len(before) > 2
    touched = dict(document.statements.values_list("pk", "updated_at"))

    document_process(document_id=document.pk)

    assert _ids(document) == before
    # Nothing changed, so nothing looks updated (the feed's <updated> stays as it was).
    assert dict(document.statements.values_list("pk", "updated_at")) == touched
    assert not RemovedStatement.objects.exists()
    assert_summary_current()


def _changed_reading(monkeypatch, *, drop, redate):
    """The next run reads the text differently: ``drop`` (a span) is no longer found and the
    statement at ``redate`` is dated another month."""
    real = ingest.storing.extract

    def reread(text, published=None):
        result = real(text, published)
        kept = [s for s in result.statements if (s.start, s.end) != drop]
        result.statements = [
            dataclasses.replace(s, said_on="2023-01-09") if (s.start, s.end) == redate else s
            for s in kept
        ]
        return result

    monkeypatch.setattr(ingest.storing, "extract", reread)


def test_a_reread_statement_is_updated_in_place_and_a_lost_one_is_remembered(
    demo_texts, monkeypatch, client
):
    document = _processed(next(iter(demo_texts.values())))
    first, *middle, last = document.statements.order_by("start")
    feed = client.get(reverse("statements:feed")).content.decode()
    assert f"/statements/{first.pk}/" in feed

    _changed_reading(monkeypatch, drop=(last.start, last.end), redate=(first.start, first.end))
    document_process(document_id=document.pk)

    first.refresh_from_db()  # same row, new date
    assert first.said_on == dt.date(2023, 1, 9)
    assert {s.pk for s in document.statements.all()} == {first.pk, *(s.pk for s in middle)}
    assert RemovedStatement.objects.get(statement_id=last.pk).document_id == document.pk
    # The summary follows the moved date and the removal.
    assert_summary_current()
    total, _ = timeline_counts({})
    assert total == timeline_base().count()
    # The feed's entry for a statement found again is the same entry (its id is its link).
    feed = client.get(reverse("statements:feed")).content.decode()
    assert f"/statements/{first.pk}/</id>" in feed

    page = client.get(reverse("statements:statement", args=[first.pk]))
    assert page.status_code == 200
    gone = client.get(reverse("statements:statement", args=[last.pk]))
    assert gone.status_code == 410
    assert "no longer listed" in gone.content.decode()
    assert reverse("statements:document", args=[document.pk]) in gone.content.decode()
    unknown = client.get(reverse("statements:statement", args=[last.pk + 10_000]))
    assert unknown.status_code == 404


def test_an_editors_statement_is_kept_and_its_automatic_twin_is_not_made_again(demo_texts, editor):
    document = _processed(next(iter(demo_texts.values())))
    statement = document.statements.order_by("start").first()
    Statement.objects.filter(pk=statement.pk).update(review_status=Statement.Review.VERIFIED)
    count = document.statements.count()

    document_process(document_id=document.pk)

    assert document.statements.count() == count
    assert document.statements.filter(start=statement.start).get().pk == statement.pk
