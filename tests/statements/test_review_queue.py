"""The editors' review queue: order, scope, counter, actions recorded with who and when."""

import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from statements.models import Statement
from statements.services import statement_edit
from tests.factories import DocumentFactory, SpeakerFactory, StatementFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _three():
    """An older document with two statements, a newer one with one."""
    old, new = DocumentFactory(), DocumentFactory()
    a = StatementFactory(document=old, start=20, end=30, confidence=0.9)
    b = StatementFactory(document=old, start=0, end=10, confidence=None)
    c = StatementFactory(document=new, start=0, end=10, confidence=0.4)
    return old, new, a, b, c


def _shown(response) -> int:
    return response.context["statement"].pk if response.context["statement"] else None


def test_service_edit_records_old_and_new_values_and_who(editor):
    statement = StatementFactory(said_on=dt.date(2024, 5, 15), date_precision="day")
    other = SpeakerFactory(name="Another Official")
    changed = statement_edit(
        statement=statement,
        reviewer=editor,
        speaker=other,
        said_on=dt.date(2023, 4, 1),
        date_precision="month",
        is_pledge=True,
    )
    assert set(changed) == {"speaker", "said_on", "date_precision", "is_pledge"}
    assert statement.review_status == Statement.Review.EDITED
    assert statement.reviewed_by == editor and statement.reviewed_at is not None
    assert (statement.speaker, statement.date_precision, statement.is_pledge) == (
        other,
        "month",
        True,
    )
    message = LogEntry.objects.get(object_id=str(statement.pk)).change_message
    assert "said_on" in message  # the action, for the admin's recent actions
    # The values: the history's row of the change against the row as it was stored.
    new, old = statement.history.order_by("-history_date")[:2]
    assert (new.history_user, new.history_change_reason) == (editor, "Edited in the review queue.")
    delta = {c.field: (c.old, c.new) for c in new.diff_against(old).changes}
    assert delta["said_on"] == (dt.date(2024, 5, 15), dt.date(2023, 4, 1))
    assert delta["speaker"][1] == other.pk and delta["date_precision"] == ("day", "month")


def test_service_edit_refuses_other_fields(editor):
    with pytest.raises(ValueError):
        statement_edit(statement=StatementFactory(), reviewer=editor, text="other words")


def test_queue_orders_newest_document_first_then_document_order(client, editor):
    old, new, a, b, c = _three()
    client.force_login(editor)
    response = client.get(reverse("statements:review"))
    assert _shown(response) == c.pk
    assert response.context["left"] == 3
    assert response.context["following"].pk == b.pk  # the older document, from its start


def test_queue_orders_lowest_confidence_first(client, editor):
    old, new, a, b, c = _three()
    client.force_login(editor)
    response = client.get(reverse("statements:review") + "?order=confidence")
    assert _shown(response) == b.pk  # no confidence at all comes first
    assert response.context["following"].pk == c.pk


def test_a_document_is_reviewed_in_document_order(client, editor):
    old, new, a, b, c = _three()
    client.force_login(editor)
    response = client.get(reverse("statements:review") + f"?document={old.pk}")
    assert _shown(response) == b.pk
    assert response.context["left"] == 2
    assert response.context["following"].pk == a.pk


def test_verify_records_who_and_when_and_moves_on_with_htmx(client, editor):
    old, new, a, b, c = _three()
    client.force_login(editor)
    url = reverse("statements:review_statement", args=[c.pk]) + "?order=newest"
    response = client.post(url, {"action": "verify"}, **HTMX)
    assert response.status_code == 200
    assert response.templates[0].name == "statements/review/_panel.html"
    c.refresh_from_db()
    assert c.review_status == Statement.Review.VERIFIED
    assert c.reviewed_by == editor and c.reviewed_at is not None
    assert _shown(response) == b.pk
    assert response.context["left"] == 2
    assert response["HX-Push-Url"].startswith(reverse("statements:review_statement", args=[b.pk]))
    assert LogEntry.objects.filter(object_id=str(c.pk), user=editor).exists()


def test_reject_without_javascript_redirects_to_the_next(client, editor):
    old, new, a, b, c = _three()
    client.force_login(editor)
    url = reverse("statements:review_statement", args=[b.pk]) + f"?document={old.pk}"
    response = client.post(url, {"action": "reject"})
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("statements:review_statement", args=[a.pk]) + f"?document={old.pk}"
    )
    b.refresh_from_db()
    assert b.review_status == Statement.Review.REJECTED and b.reviewed_by == editor
    follow = client.get(response["Location"])
    assert follow.context["left"] == 1


def test_saving_edits_in_place(client, editor):
    statement = StatementFactory()
    SpeakerFactory(name="Corrected Official")
    client.force_login(editor)
    url = reverse("statements:review_statement", args=[statement.pk])
    data = {"action": "save", "speaker": "corrected official", "said_on": "2023-07"}
    response = client.post(url, data, **HTMX)
    assert response.status_code == 200
    statement.refresh_from_db()
    assert statement.speaker.name == "Corrected Official"
    assert (statement.said_on, statement.date_precision) == (dt.date(2023, 7, 1), "month")
    assert statement.is_pledge is False
    assert statement.review_status == Statement.Review.EDITED
    assert statement.reviewed_by == editor
    assert response.context["left"] == 0


@pytest.mark.parametrize(
    "said_on, speaker, field",
    [("0024-05-10", None, "said_on"), ("10 May", None, "said_on"), ("", "Nobody Known", "speaker")],
)
def test_bad_edits_are_refused_with_a_message(client, editor, said_on, speaker, field):
    statement = StatementFactory()
    client.force_login(editor)
    url = reverse("statements:review_statement", args=[statement.pk])
    data = {"action": "save", "speaker": speaker or statement.speaker.name, "said_on": said_on}
    response = client.post(url, data, **HTMX)
    assert response.status_code == 422
    assert field in response.context["errors"]
    statement.refresh_from_db()
    assert statement.review_status == Statement.Review.AUTO
    assert statement.said_on == dt.date(2024, 5, 15)


def test_the_queue_is_for_editors_only(client, analyst, editor):
    StatementFactory()
    assert client.get(reverse("statements:review")).status_code == 302
    client.force_login(analyst)
    assert client.get(reverse("statements:review")).status_code == 302  # to the admin's login
    client.force_login(editor)
    page = client.get(reverse("statements:review"))
    assert page.status_code == 200
    assert b"1</strong> unreviewed statement left" in page.content


def test_the_queue_page_takes_few_queries(client, editor, django_assert_max_num_queries):
    _three()
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        client.get(reverse("statements:review"))


def test_previous_shows_the_statement_just_reviewed_with_who_reviewed_it(client, editor):
    old, new, a, b, c = _three()
    client.force_login(editor)
    query = f"?document={old.pk}"
    client.post(reverse("statements:review_statement", args=[b.pk]) + query, {"action": "verify"})
    page = client.get(reverse("statements:review_statement", args=[a.pk]) + query)
    assert page.context["previous"].pk == b.pk
    back = client.get(reverse("statements:review_statement", args=[b.pk]) + query)
    assert b"Verified</span> by editor" in back.content
    assert back.context["left"] == 1


def test_the_admin_index_and_the_site_nav_link_to_the_queue(client, editor, analyst):
    client.force_login(editor)
    assert reverse("statements:review").encode() in client.get(reverse("admin:index")).content
    assert reverse("statements:review").encode() in client.get("/pledges/").content
    document = StatementFactory().document
    page = client.get(reverse("statements:document", args=[document.pk])).content
    assert f"/review/?document={document.pk}".encode() in page
    client.force_login(analyst)
    assert reverse("statements:review").encode() not in client.get("/pledges/").content


def test_saving_without_a_change_verifies_instead_of_marking_edited(client, editor):
    statement = StatementFactory()
    client.force_login(editor)
    url = reverse("statements:review_statement", args=[statement.pk])
    data = {"action": "save", "speaker": statement.speaker.name, "said_on": "2024-05-15"}
    client.post(url, data, **HTMX)
    statement.refresh_from_db()
    assert statement.review_status == Statement.Review.VERIFIED
    assert statement.reviewed_by == editor
