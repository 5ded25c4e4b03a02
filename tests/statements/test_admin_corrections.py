"""The statement admin's corrections: offsets read-only, canonical explained, the source
sentence shown in its context."""

import pytest
from django.urls import reverse

from tests.factories import DocumentFactory, StatementFactory

pytestmark = pytest.mark.django_db


def _change_page(client, editor, statement):
    client.force_login(editor)
    return client.get(reverse("admin:statements_statement_change", args=[statement.pk]))


def test_the_offsets_are_shown_not_edited_and_canonical_is_explained(client, editor):
    statement = StatementFactory()
    response = _change_page(client, editor, statement)
    form = response.context["adminform"].form
    assert "start" not in form.fields and "end" not in form.fields and "words" not in form.fields
    assert "first report of the same remark by another outlet; set by clustering" in (
        form.fields["canonical"].help_text
    )
    # A new statement still needs its span typed.
    add = client.get(reverse("admin:statements_statement_add")).context["adminform"].form
    assert "start" in add.fields and "end" in add.fields


def test_a_posted_offset_is_ignored(client, editor):
    statement = StatementFactory()
    form = _change_page(client, editor, statement).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
    data.update(topics=[], armed_groups=[], start=5, end=9, said_on="2024-05-15")
    url = reverse("admin:statements_statement_change", args=[statement.pk])
    assert client.post(url, data).status_code == 302
    statement.refresh_from_db()
    assert (statement.start, statement.end) == (0, 13)


def test_the_change_form_shows_the_sentence_in_its_context_escaped(client, editor):
    text = "Before <b>bold</b> words. The minister said <script>x</script> plainly. After words."
    start = text.index("The minister")
    end = text.index(" After")
    document = DocumentFactory(text=text)
    statement = StatementFactory(document=document, start=start, end=end, text=text[start:end])
    page = _change_page(client, editor, statement).content.decode()
    assert "Source sentence in context" in page
    assert (
        "Before &lt;b&gt;bold&lt;/b&gt; words. <mark>The minister said "
        "&lt;script&gt;x&lt;/script&gt; plainly.</mark> After words."
    ) in page
    assert "<script>x</script>" not in page
