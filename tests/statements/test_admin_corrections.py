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


def _list(client, query=""):
    return client.get(reverse("admin:statements_statement_changelist") + query)


def test_a_row_is_verified_or_rejected_in_one_click_back_to_the_same_filtered_list(client, editor):
    statement = StatementFactory()
    client.force_login(editor)
    query = f"?document={statement.document_id}&review_status__exact=auto"
    page = _list(client, query)
    html = page.content.decode()
    assert f'name="_review" value="{statement.pk}:verified"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    url = reverse("admin:statements_statement_changelist") + query
    response = client.post(url, {"_review": f"{statement.pk}:rejected"})
    assert response.status_code == 302 and response["Location"] == url
    statement.refresh_from_db()
    assert statement.review_status == "rejected" and statement.reviewed_by == editor
    assert statement.reviewed_at is not None
    response = client.post(url, {"_review": f"{statement.pk}:verified"}, follow=True)
    assert "verified" in response.content.decode()
    statement.refresh_from_db()
    assert statement.review_status == "verified"
    assert client.post(url, {"_review": f"{statement.pk}:auto"}).status_code == 302
    statement.refresh_from_db()
    assert statement.review_status == "verified"


def test_one_click_review_needs_the_change_permission_and_the_csrf_token(client, analyst, editor):
    from django.contrib.auth.models import Permission
    from django.test import Client

    statement = StatementFactory()
    url = reverse("admin:statements_statement_changelist")
    viewer = type(editor).objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_statement"))
    client.force_login(viewer)
    assert "_review" not in _list(client).content.decode()
    assert client.post(url, {"_review": f"{statement.pk}:verified"}).status_code == 403
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.post(url, {"_review": f"{statement.pk}:verified"}).status_code == 403
    statement.refresh_from_db()
    assert statement.review_status == "auto"


def test_the_document_filter_lists_one_documents_statements_reached_from_its_page(client, editor):
    mine = StatementFactory.create_batch(2)
    other = StatementFactory()
    client.force_login(editor)
    document = mine[0].document
    for statement in mine[1:]:
        statement.document = document
        statement.save()
    page = client.get(reverse("admin:statements_document_change", args=[document.pk]))
    link = reverse("admin:statements_statement_changelist") + f"?document={document.pk}"
    assert f'href="{link}"' in page.content.decode()
    listed = {s.pk for s in _list(client, f"?document={document.pk}").context["cl"].result_list}
    assert listed == {s.pk for s in mine} and other.pk not in listed
    assert _list(client, "?document=abc").status_code == 302  # ?e=1, as any bad filter


def test_the_documents_inline_lists_its_statements_in_document_order(client, editor):
    document = DocumentFactory(text="First sentence here. Second sentence here. Third one.")
    late = StatementFactory(document=document, start=43, end=53, text="Third one.")
    early = StatementFactory(document=document, start=0, end=20, text="First sentence here.")
    middle = StatementFactory(document=document, start=21, end=42, text="Second sentence here.")
    client.force_login(editor)
    page = client.get(reverse("admin:statements_document_change", args=[document.pk]))
    formsets = page.context["inline_admin_formsets"]
    inline = next(f for f in formsets if f.opts.model.__name__ == "Statement")
    assert [form.original.pk for form in inline] == [early.pk, middle.pk, late.pk]


@pytest.mark.parametrize("role", ["analyst", "editor", "administrator", "superuser"])
def test_each_role_may_review_a_row_only_as_the_policy_says(role, client, roles):
    """The role matrix of tests/test_roles_admin_actions.py, for the per-row buttons: a staff
    analyst only reads; editors and above verify and reject."""
    from tests.test_roles_admin_actions import _acting_user

    statement = StatementFactory()
    client.force_login(_acting_user(role))
    url = reverse("admin:statements_statement_changelist")
    response = client.post(url, {"_review": f"{statement.pk}:rejected"})
    statement.refresh_from_db()
    if role == "analyst":
        assert response.status_code == 403 and statement.review_status == "auto"
        assert "_review" not in _list(client).content.decode()
    else:
        assert response.status_code == 302 and statement.review_status == "rejected"
