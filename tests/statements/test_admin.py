import pytest
from django.urls import reverse

from statements.models import Statement
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


def test_an_editor_verifies_statements_with_the_admin_action(client, editor):
    statement = StatementFactory()
    client.force_login(editor)
    response = client.post(
        reverse("admin:statements_statement_changelist"),
        {"action": "mark_verified", "_selected_action": [statement.pk]},
    )
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.review_status == Statement.Review.VERIFIED
    assert statement.reviewed_by == editor
    assert statement.reviewed_at is not None


def test_editing_a_statement_in_the_admin_marks_it_edited(client, editor):
    statement = StatementFactory()
    client.force_login(editor)
    url = reverse("admin:statements_statement_change", args=[statement.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        text=statement.text,
        speaker=statement.speaker_id,
        document=statement.document_id,
        said_on="2024-05-14",
        topics=[],
        armed_groups=[],
    )
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    statement.refresh_from_db()
    assert statement.said_on.isoformat() == "2024-05-14"
    assert statement.review_status == Statement.Review.EDITED
    assert statement.reviewed_by == editor


@pytest.mark.parametrize(
    "name", ["document", "statement", "speaker", "outlet", "topic", "armedgroup", "statistic"]
)
def test_every_admin_list_opens_for_an_editor(client, editor, name):
    StatementFactory()
    client.force_login(editor)
    assert client.get(reverse(f"admin:statements_{name}_changelist")).status_code == 200


def test_an_analyst_cannot_reach_the_admin(client, analyst):
    client.force_login(analyst)
    response = client.get(reverse("admin:statements_statement_changelist"))
    assert response.status_code == 302


def test_the_statement_search_finds_words_speakers_and_titles(client, editor):
    from tests.factories import DocumentFactory, SpeakerFactory

    fencing = StatementFactory(text="The invented ministry will finish the fencing this year.")
    by_name = StatementFactory(speaker=SpeakerFactory(name="Quillon Marsh"), text="Unrelated.")
    titled = StatementFactory(
        document=DocumentFactory(title="Invented Gazette: harbour talks"), text="Also unrelated."
    )
    StatementFactory(text="Nothing to find here.")
    client.force_login(editor)
    url = reverse("admin:statements_statement_changelist")

    def found(term):
        response = client.get(url, {"q": term})
        assert response.status_code == 200
        return {s.pk for s in response.context["cl"].result_list}

    assert found("fenced") == {fencing.pk}  # by word, stemmed, as the timeline searches
    assert found("quillon") == {by_name.pk}  # part of a speaker's name
    assert found("harbour TALKS") == {titled.pk}  # part of a document's title
    assert found("zzzz-nothing") == set()


def test_a_speakers_former_slugs_are_shown_on_its_admin_page(client, editor):
    from statements.services import speakers_merge
    from tests.factories import SpeakerFactory

    kept = SpeakerFactory(name="Invented Spokesperson", slug="invented-spokesperson")
    merged = SpeakerFactory(name="Inv. Spokesperson", slug="inv-spokesperson")
    speakers_merge(into=kept, others=[merged])
    client.force_login(editor)
    page = client.get(reverse("admin:statements_speaker_change", args=[kept.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "former slug" in body.lower() and "inv-spokesperson" in body
    assert 'name="old_slugs-0-slug"' not in body  # shown, not editable


def _change_data(client, statement, **changes) -> dict:
    form = (
        client.get(reverse("admin:statements_statement_change", args=[statement.pk]))
        .context["adminform"]
        .form
    )
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(topics=[], armed_groups=[], **changes)
    return {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}


def test_edited_text_moves_the_statements_span_to_those_words_in_the_document(client, editor):
    from tests.factories import DocumentFactory

    text = (
        "Opening line of an invented report. The minister said the border posts would reopen "
        "next week. A closing line follows."
    )
    document = DocumentFactory(text=text)
    sentence = "The minister said the border posts would reopen next week."
    start = text.index(sentence)
    statement = StatementFactory(
        document=document,
        text=sentence,
        start=start,
        end=start + len(sentence),
        words=[[start + 18, start + len(sentence) - 1]],
    )
    client.force_login(editor)
    url = reverse("admin:statements_statement_change", args=[statement.pk])
    # The editor trims the framing: the span follows the words, spacing aside.
    trimmed = "the border posts   would reopen next week."
    response = client.post(url, _change_data(client, statement, text=trimmed))
    assert response.status_code == 302, response.content.decode()[:2000]
    statement.refresh_from_db()
    assert text[statement.start : statement.end] == statement.text
    assert statement.text == "the border posts would reopen next week."
    assert all(statement.start <= s < e <= statement.end for s, e in statement.words)
    assert statement.review_status == Statement.Review.EDITED


def test_edited_text_that_is_not_in_the_document_is_refused(client, editor):
    statement = StatementFactory()
    before = (statement.text, statement.start, statement.end)
    client.force_login(editor)
    url = reverse("admin:statements_statement_change", args=[statement.pk])
    data = _change_data(client, statement, text="Words the source never printed")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "not in the document" in response.content.decode()
    statement.refresh_from_db()
    assert (statement.text, statement.start, statement.end) == before
    assert statement.review_status == Statement.Review.AUTO
