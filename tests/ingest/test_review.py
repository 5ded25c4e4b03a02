"""Editors correct the extractor in the admin; every change says who and when, and a
re-extraction replaces only what no editor touched."""

import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from ingest.services import document_create
from ingest.storing import document_process
from statements.models import Speaker, SpeakerAlias, SpeakerTenure, Statement
from statements.services import speakers_merge
from tests.factories import SpeakerFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_bulk_review_actions_record_who_and_when_in_the_admin_history(client, editor):
    statements = StatementFactory.create_batch(2)
    client.force_login(editor)
    client.post(
        reverse("admin:statements_statement_changelist"),
        {"action": "mark_rejected", "_selected_action": [s.pk for s in statements]},
    )
    for statement in statements:
        statement.refresh_from_db()
        assert statement.review_status == Statement.Review.REJECTED
        assert statement.reviewed_by == editor and statement.reviewed_at
    entries = LogEntry.objects.filter(user=editor)
    assert sorted(int(e.object_id) for e in entries) == sorted(s.pk for s in statements)
    assert all("rejected" in e.get_change_message() for e in entries)


def test_the_statement_page_shows_that_an_editor_reviewed_it(client, editor):
    statement = StatementFactory()
    client.force_login(editor)
    client.post(
        reverse("admin:statements_statement_changelist"),
        {"action": "mark_verified", "_selected_action": [statement.pk]},
    )
    client.logout()
    page = client.get(reverse("statements:statement", args=[statement.pk])).content.decode()
    assert "Verified by editor" in page


def test_merging_speakers_moves_statements_aliases_and_tenures(editor):
    keep = SpeakerFactory(name="Jane Halvorsen")
    twin = SpeakerFactory(name="J. Halvorsen")
    SpeakerAlias.objects.create(speaker=twin, alias="Spokesperson Halvorsen")
    SpeakerAlias.objects.create(speaker=keep, alias="j. halvorsen")
    SpeakerTenure.objects.create(speaker=twin, role="Spokesperson")
    said = StatementFactory.create_batch(2, speaker=twin)

    assert speakers_merge(into=keep, others=[keep, twin], user=editor) == 2

    assert not Speaker.objects.filter(pk=twin.pk).exists()
    assert {s.speaker_id for s in Statement.objects.filter(pk__in=[s.pk for s in said])} == {
        keep.pk
    }
    assert sorted(keep.aliases.values_list("alias", flat=True)) == [
        "Spokesperson Halvorsen",
        "j. halvorsen",
    ]
    assert keep.tenures.get().role == "Spokesperson"
    assert LogEntry.objects.filter(user=editor, object_id=str(keep.pk)).exists()
    assert LogEntry.objects.filter(user=editor, object_id=str(twin.pk)).exists()


def test_an_editor_merges_speakers_through_the_admin_action(client, editor):
    keep = SpeakerFactory(name="Jane Halvorsen")
    twin = SpeakerFactory(name="Halvorsen")
    StatementFactory(speaker=twin)
    client.force_login(editor)
    url = reverse("admin:statements_speaker_changelist")
    selected = {"action": "merge_speakers", "_selected_action": [keep.pk, twin.pk]}
    confirm = client.post(url, selected)
    assert confirm.status_code == 200
    assert b"Merge into the chosen speaker" in confirm.content
    done = client.post(url, {**selected, "into": keep.pk, "apply": "1"})
    assert done.status_code == 302
    assert list(Speaker.objects.values_list("name", flat=True)) == ["Jane Halvorsen"]
    assert keep.statements.count() == 1


def test_changing_a_statements_speaker_and_date_in_the_admin_is_kept_through_reextraction(
    client, editor, demo_texts
):
    text = next(iter(demo_texts.values()))
    document = document_create(text=text, published_on=dt.date(2024, 5, 15), enqueue=False)
    document = document_process(document_id=document.document.pk)
    statement = document.statements.order_by("start").first()
    other = SpeakerFactory(name="Corrected Speaker")
    client.force_login(editor)
    url = reverse("admin:statements_statement_change", args=[statement.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(speaker=other.pk, document=document.pk, said_on="2024-05-12")
    data.update(topics=[t.pk for t in statement.topics.all()], armed_groups=[])
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
    assert client.post(url, data).status_code == 302

    document_process(document_id=document.pk)

    statement.refresh_from_db()
    assert statement.speaker == other
    assert statement.said_on == dt.date(2024, 5, 12)
    assert statement.review_status == Statement.Review.EDITED
    assert statement.reviewed_by == editor
    assert LogEntry.objects.filter(user=editor, object_id=str(statement.pk)).exists()
    assert document.statements.filter(start=statement.start).count() == 1


def test_the_reextract_action_queues_documents_and_records_who_asked(
    client, editor, django_capture_on_commit_callbacks
):
    statement = StatementFactory(review_status=Statement.Review.VERIFIED)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            reverse("admin:statements_document_changelist"),
            {"action": "reextract", "_selected_action": [statement.document_id]},
        )
    assert response.status_code == 302
    assert len(callbacks) == 1
    statement.document.refresh_from_db()
    assert statement.document.status == "queued"
    entry = LogEntry.objects.get(user=editor)
    assert entry.object_id == str(statement.document_id)
    assert "re-extraction" in entry.get_change_message()
