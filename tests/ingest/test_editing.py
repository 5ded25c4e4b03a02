"""An editor's save and a re-extraction of the same document: the edit is neither lost nor
doubled, edits made on the document page count as edits, and a save of a statement the
re-extraction removed is refused with the editor's input kept."""

import dataclasses
import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

import ingest.storing
from ingest.services import document_create
from ingest.storing import document_process
from statements.models import Statement
from tests.ingest.admin_forms import change_form_data, inline_prefix

pytestmark = pytest.mark.django_db


def processed_document(text: str):
    stored = document_create(text=text, published_on=dt.date(2024, 5, 15), enqueue=False)
    return document_process(document_id=stored.document.pk)


def statement_url(statement) -> str:
    return reverse("admin:statements_statement_change", args=[statement.pk])


def document_url(document) -> str:
    return reverse("admin:statements_document_change", args=[document.pk])


def reread_without(monkeypatch, statement) -> None:
    """The next run of the extractor no longer finds ``statement``."""
    real = ingest.storing.extract

    def reread(text, published=None):
        result = real(text, published)
        result.statements = [
            s for s in result.statements if (s.start, s.end) != (statement.start, statement.end)
        ]
        return dataclasses.replace(result)

    monkeypatch.setattr(ingest.storing, "extract", reread)


def test_saving_a_statement_a_reextraction_removed_is_refused_with_the_input_kept(
    client, editor, demo_texts, monkeypatch
):
    document = processed_document(next(iter(demo_texts.values())))
    statement = document.statements.order_by("start").first()
    client.force_login(editor)
    data = change_form_data(client.get(statement_url(statement)))
    data["text"] = "The editor's corrected wording, typed while the document was re-read."

    reread_without(monkeypatch, statement)
    document_process(document_id=document.pk)
    count = document.statements.count()
    response = client.post(statement_url(statement), data)

    assert response.status_code == 409
    page = response.content.decode()
    assert "removed while you were editing it" in page
    assert "The editor&#x27;s corrected wording" in page  # what was typed is shown again
    assert reverse("admin:statements_statement_add") in page  # saving it adds it anew
    assert not Statement.objects.filter(pk=statement.pk).exists()
    assert document.statements.count() == count


def test_a_refused_edit_saved_again_becomes_a_new_edited_statement(
    client, editor, demo_texts, monkeypatch
):
    document = processed_document(next(iter(demo_texts.values())))
    statement = document.statements.order_by("start").first()
    client.force_login(editor)
    data = change_form_data(client.get(statement_url(statement)))
    # The editor's version: shorter by its last character, still words of the document (the
    # offsets, read-only, are found from it for the new statement).
    edited = document.text[statement.start : statement.end - 1]
    data["text"] = edited
    reread_without(monkeypatch, statement)
    document_process(document_id=document.pk)

    refused = client.post(statement_url(statement), data)
    again = change_form_data(refused)
    response = client.post(reverse("admin:statements_statement_add"), again)

    assert response.status_code == 302
    new = document.statements.get(text=edited)
    assert (new.start, new.end) == (statement.start, statement.end - 1)
    assert new.review_status == Statement.Review.EDITED
    assert new.reviewed_by == editor


def test_an_edit_in_the_document_pages_statements_is_an_edit_and_survives_reextraction(
    client, editor, demo_texts
):
    document = processed_document(next(iter(demo_texts.values())))
    statement = document.statements.order_by("start").first()
    said_on = statement.said_on
    count = document.statements.count()
    client.force_login(editor)
    page = client.get(document_url(document))
    data = change_form_data(page)
    data[f"{inline_prefix(page, statement.pk)}-said_on"] = "2020-02-03"

    response = client.post(document_url(document), data)
    assert response.status_code == 302, response.content.decode()[:3000]

    statement.refresh_from_db()
    assert statement.said_on == dt.date(2020, 2, 3)
    assert statement.review_status == Statement.Review.EDITED
    assert statement.reviewed_by == editor
    entry = LogEntry.objects.get(user=editor, object_id=str(statement.pk))
    assert "said_on" in entry.get_change_message()
    # Its history: the row as extracted, then the editor's, with the old and the new date.
    edited, extracted = statement.history.order_by("-history_date")
    assert edited.history_user == editor
    assert edited.history_change_reason == "Edited on the document's page."
    delta = {c.field: (c.old, c.new) for c in edited.diff_against(extracted).changes}
    assert delta["said_on"] == (said_on, dt.date(2020, 2, 3))
    # Nothing of the document's own fields changed: no history row for it.
    assert not document.history.filter(history_user=editor).exists()

    document_process(document_id=document.pk)
    assert statement.history.count() == 2  # the re-extraction records nothing

    statement.refresh_from_db()
    assert statement.said_on == dt.date(2020, 2, 3)
    assert document.statements.filter(start=statement.start).count() == 1
    assert document.statements.count() == count


def test_saving_the_document_page_after_a_statement_was_removed_is_refused(
    client, editor, demo_texts, monkeypatch
):
    document = processed_document(next(iter(demo_texts.values())))
    first, second = document.statements.order_by("start")[:2]
    client.force_login(editor)
    page = client.get(document_url(document))
    data = change_form_data(page)
    data[f"{inline_prefix(page, second.pk)}-said_on"] = "2020-02-03"

    reread_without(monkeypatch, first)
    document_process(document_id=document.pk)
    response = client.post(document_url(document), data)

    assert response.status_code == 200
    assert f"Statement {first.pk} of this document was removed" in response.content.decode()
    second.refresh_from_db()
    assert second.review_status == Statement.Review.AUTO
    assert second.said_on != dt.date(2020, 2, 3)


def test_the_statement_page_inline_cannot_add_rows_without_a_span(client, editor, demo_texts):
    document = processed_document(next(iter(demo_texts.values())))
    client.force_login(editor)
    page = client.get(document_url(document))
    (statements,) = [i for i in page.context["inline_admin_formsets"] if i.opts.model is Statement]
    assert not statements.has_add_permission
