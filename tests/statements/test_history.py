"""Editors' history (django-simple-history, statements/history.py): every editor's change keeps
who, when and each field's old and new value, shown on the object's admin history page; the
pipeline's writes keep none."""

import datetime as dt

import pytest
from django.urls import reverse

from ingest.storing import document_process
from statements.history import BASELINE, history_paused
from statements.models import Document, Speaker, Statement
from statements.services import speakers_merge, statements_review
from tests.factories import DocumentFactory, SpeakerFactory, StatementFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "An invented briefing. The spokesperson said the border would stay open. Later the "
    "spokesperson said the border would stay open. Nothing else."
)
SENTENCE = "The spokesperson said the border would stay open."


def _extracted(**fields) -> Statement:
    """A statement as the pipeline stores it: without any history row."""
    with history_paused():
        document = DocumentFactory(text=TEXT)
        start = TEXT.index(SENTENCE)
        defaults = {"start": start, "end": start + len(SENTENCE), "text": SENTENCE}
        return StatementFactory(document=document, **{**defaults, **fields})


def _post_change(client, statement: Statement, **changes):
    """The statement's admin change form, posted with what it shows and ``changes``."""
    url = reverse("admin:statements_statement_change", args=[statement.pk])
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list) else value
    data.update(changes)
    return client.post(url, data)


def _history_page(client, model: str, pk: int) -> str:
    page = client.get(reverse(f"admin:statements_{model}_history", args=[pk]))
    assert page.status_code == 200
    return page.content.decode()


def test_an_admin_edit_keeps_the_old_and_new_values_of_speaker_date_and_text(client, editor):
    statement = _extracted(said_on=dt.date(2024, 5, 15))
    other = SpeakerFactory(name="Invented Envoy")
    client.force_login(editor)
    response = _post_change(
        client,
        statement,
        speaker=other.pk,
        said_on="2024-04-03",
        text="the border would stay open.",
    )
    assert response.status_code == 302, response.context["adminform"].form.errors

    new, baseline = statement.history.order_by("-history_date")
    assert (baseline.history_user, baseline.history_change_reason) == (None, BASELINE)
    assert new.history_user == editor and new.history_change_reason == "Edited in the admin."
    delta = {c.field: (c.old, c.new) for c in new.diff_against(baseline).changes}
    assert delta["speaker"] == (statement.speaker_id, other.pk)
    assert delta["said_on"] == (dt.date(2024, 5, 15), dt.date(2024, 4, 3))
    assert delta["text"] == (SENTENCE, "the border would stay open.")
    assert delta["review_status"] == ("auto", "edited")

    page = _history_page(client, "statement", statement.pk)
    assert statement.speaker.name in page and "Invented Envoy" in page
    assert '2024-05-15</del> → <ins class="history-new">2024-04-03' in page
    assert "Deleted user" not in page and "(none)</del>" in page  # reviewed_by was empty
    assert SENTENCE in page and editor.username in page
    assert "style=" not in page.split('id="change-history"')[1]  # no inline style (CSP)


def test_review_queue_edits_and_verdicts_keep_their_values_and_who(client, editor):
    statement = _extracted(said_on=dt.date(2024, 5, 15))
    other = SpeakerFactory(name="Invented Envoy")
    client.force_login(editor)
    url = reverse("statements:review_statement", args=[statement.pk])
    data = {"action": "save", "speaker": "Invented Envoy", "said_on": "2024-04"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, {"action": "reject"}).status_code == 302

    rejected, edited, baseline = statement.history.order_by("-history_date")
    assert baseline.history_change_reason == BASELINE and baseline.history_user is None
    assert edited.history_user == editor and rejected.history_user == editor
    assert rejected.history_change_reason == "Marked rejected."
    delta = {c.field: (c.old, c.new) for c in edited.diff_against(baseline).changes}
    assert delta["speaker"] == (statement.speaker_id, other.pk)
    assert delta["said_on"] == (dt.date(2024, 5, 15), dt.date(2024, 4, 1))
    assert delta["date_precision"] == ("day", "month")
    verdict = {c.field: (c.old, c.new) for c in rejected.diff_against(edited).changes}
    assert verdict["review_status"] == ("edited", "rejected")

    page = _history_page(client, "statement", statement.pk)
    assert "Edited in the review queue." in page and "Marked rejected." in page
    assert "2024-05-15" in page and statement.speaker.name in page


def test_the_pipeline_writes_no_history_rows(editor, demo_texts):
    with history_paused():
        document = DocumentFactory(
            text=next(iter(demo_texts.values())), status=Document.Status.QUEUED
        )
    document_process(document_id=document.pk)
    document_process(document_id=document.pk)  # again: statements updated in place
    statements = Statement.objects.filter(document=document)
    assert statements.count() > 1
    assert not Statement.history.exists() and not Document.history.exists()
    assert not Speaker.history.exists()
    # An editor's verdict is recorded; the re-extraction after it adds nothing.
    first = statements.order_by("start").first()
    statements_review(statements=statements.filter(pk=first.pk), status="verified", reviewer=editor)
    assert first.history.count() == 2  # the row as stored, then the verdict
    document_process(document_id=document.pk)
    assert Statement.history.count() == 2 and not Document.history.exists()


def test_a_merge_keeps_each_moved_statements_former_speaker(client, editor):
    statement = _extracted()
    old_name = statement.speaker.name
    into = SpeakerFactory(name="Mumtaz Zahra Baloch")
    speakers_merge(into=into, others=[statement.speaker], user=editor)
    moved, baseline = statement.history.order_by("-history_date")
    assert moved.history_user == editor and "Speaker merged" in moved.history_change_reason
    delta = {c.field: (c.old, c.new) for c in moved.diff_against(baseline).changes}
    assert delta["speaker"][1] == into.pk
    client.force_login(editor)
    page = _history_page(client, "statement", statement.pk)
    assert f"{old_name} (since merged or deleted)" in page and "Mumtaz Zahra Baloch" in page
    assert Speaker.history.filter(name=old_name, history_type="-").get().history_user == editor


def test_a_selected_span_is_the_occurrence_chosen_not_the_nearest(client, editor):
    statement = _extracted()
    client.force_login(editor)
    second = TEXT.index("the border would stay open.", statement.end)
    words = "the border would stay open."
    response = _post_change(
        client,
        statement,
        text=words,
        selection_start=str(second - 1),  # a space before it: trimmed
        selection_end=str(second + len(words)),
    )
    assert response.status_code == 302
    statement.refresh_from_db()
    assert (statement.start, statement.end) == (second, second + len(words))
    assert TEXT[statement.start : statement.end] == statement.text == words
    # Without a selection the occurrence nearest the old span is taken.
    nearest = _extracted()
    _post_change(client, nearest, text=words)
    nearest.refresh_from_db()
    assert nearest.start == TEXT.index(words) and nearest.start < second


def test_a_selection_outside_the_document_is_refused_and_nothing_saved(client, editor):
    statement = _extracted()
    client.force_login(editor)
    response = _post_change(
        client, statement, text="the border", selection_start="5", selection_end="99999"
    )
    assert response.status_code == 200
    assert "select the words again" in response.content.decode()
    statement.refresh_from_db()
    assert statement.text == SENTENCE and statement.review_status == "auto"
    assert not statement.history.exists()


def test_a_bulk_verdict_records_its_history_in_a_few_queries(editor, django_assert_max_num_queries):
    document = DocumentFactory(text=TEXT)
    with history_paused():
        StatementFactory.create_batch(40, document=document)
    chosen = Statement.objects.filter(document=document)
    with django_assert_max_num_queries(30):  # 26 today, whatever the number of statements
        statements_review(statements=chosen, status="verified", reviewer=editor)
    assert Statement.history.filter(history_user=editor).count() == 40
    assert Statement.history.filter(history_change_reason=BASELINE).count() == 40


def test_what_the_pipeline_changed_since_the_last_row_is_not_put_on_the_editor(editor):
    document = DocumentFactory(title="As uploaded")  # recorded: its upload
    Document.objects.filter(pk=document.pk).update(title="As the extractor found it")
    document.refresh_from_db()
    document.title = "As the editor corrected it"
    document._history_user = editor
    document.save()
    edited, baseline, uploaded = document.history.order_by("-history_date")
    assert (uploaded.title, baseline.title, edited.title) == (
        "As uploaded",
        "As the extractor found it",
        "As the editor corrected it",
    )
    assert baseline.history_user is None and edited.history_user == editor
    delta = {c.field: (c.old, c.new) for c in edited.diff_against(baseline).changes}
    assert delta == {"title": ("As the extractor found it", "As the editor corrected it")}
    document.save()  # nothing changed since its last row: no baseline
    assert document.history.count() == 4
