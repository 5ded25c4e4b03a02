"""Alerts end to end: documents stored as uploads are, extracted by a real Celery worker on the
real Redis broker, and the saved searches' mail sent by that worker to a real SMTP server on
loopback (aiosmtpd), whose inbox the test reads. Exactly one mail for a matching statement,
none for the rest, none again on re-extraction, none after unsubscribing from the mail's link."""

from __future__ import annotations

import email
import re
from email import policy

import pytest
from django.test import Client

from ingest.services import document_create, document_retry
from statements.alerts import alerts_for_document
from statements.models import AlertDelivery, Document, SavedSearch
from tests.factories import UserFactory
from tests.ingest.conftest import wait_for, wait_until_finished
from tests.test_password_reset import smtp_server  # noqa: F401  (the loopback SMTP server)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
SITE = "https://ctwatch.example.org"

# Invented documents, in our own words.
KURRAM = (
    "Islamabad, 14 May 2024. The invented Interior Minister Sarfraz Qadeer told reporters on "
    'Tuesday: "We will open three new border posts at the Kurram crossing before the winter." '
    "He added that the posts would be staffed by the Frontier Corps."
)
CHAMAN = (
    "Quetta, 15 May 2024. The invented provincial spokesperson Nadia Rind said on Wednesday: "
    '"Trade through the Chaman gate resumes on Monday, with longer hours for trucks." '
    "Traders had waited for a week."
)
GWADAR = (
    "Karachi, 16 May 2024. The invented port official Imran Solangi said on Thursday: "
    '"Security around the Gwadar harbour will be doubled for the visiting delegation." '
    "Details were not given."
)
KURRAM_AGAIN = (
    "Peshawar, 20 May 2024. The invented governor Hamid Lodhi said on Monday: "
    '"The Kurram road stays closed to convoys until the posts are finished." '
    "Residents asked for a date."
)
GWADAR_AGAIN = (
    "Gwadar, 21 May 2024. The invented district officer Saira Baloch told reporters: "
    '"Fishermen may use the Gwadar east bay again from next week." '
    "The bay had been closed since April."
)


def _ingest(text: str) -> Document:
    stored = document_create(text=text, outlet="Invented Gazette")
    document = wait_until_finished(stored.document.pk)
    assert document.status == Document.Status.DONE, document.error
    return document


def _mails(inbox, count: int) -> list[email.message.EmailMessage]:
    wait_for(lambda: len(inbox.envelopes) >= count, f"{count} mail(s) at the SMTP server")
    return [email.message_from_bytes(e.content, policy=policy.default) for e in inbox.envelopes]


def test_one_mail_per_matching_statement_through_the_pipeline_and_smtp(
    smtp_server,  # noqa: F811
    start_worker,
):
    inbox, port = smtp_server
    start_worker(
        EMAIL_URL=f"smtp://127.0.0.1:{port}",
        DEFAULT_FROM_EMAIL="alerts@example.org",
        SITE_URL=SITE,
    )
    reader = UserFactory(username="reader", email="reader@example.org")
    other = UserFactory(username="other", email="other@example.org")
    search = SavedSearch.objects.create(user=reader, name="Kurram", query="q=Kurram")
    SavedSearch.objects.create(user=other, name="Gwadar", query="q=Gwadar")

    # Not matching: extracted, checked, no mail. The worker takes one task at a time, in
    # order, so once the matching document's mail arrives this check has long run.
    _ingest(CHAMAN)
    kurram = _ingest(KURRAM)
    [mail] = _mails(inbox, 1)
    assert inbox.envelopes[0].rcpt_tos == ["reader@example.org"]
    assert inbox.envelopes[0].mail_from == "alerts@example.org"
    assert mail["Subject"] == "Alert: 1 new statement for “Kurram”"
    assert mail.get_content_type() == "multipart/alternative"
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    statement = kurram.statements.get(text__contains="Kurram")
    assert "Sarfraz Qadeer · 14 May 2024 · Invented Gazette" in text
    assert "We will open three new border posts at the Kurram crossing" in text
    assert f"{SITE}/statements/{statement.pk}/" in text and f"{SITE}/?q=Kurram" in text
    assert f'href="{SITE}/statements/{statement.pk}/"' in html
    assert "Chaman" not in text
    unsubscribe = "".join(str(mail["List-Unsubscribe"]).split()).strip("<>")
    assert unsubscribe.startswith(f"{SITE}/alerts/unsubscribe/") and unsubscribe in text
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Re-extraction finds the same statement again (same id): nothing new, no mail. The next
    # mail is the other search's, for a document queued after the re-extraction.
    processed = kurram.processed_at
    document_retry(document=kurram)
    wait_for(
        lambda: (
            Document.objects.filter(pk=kurram.pk, status="done")
            .exclude(processed_at=processed)
            .exists()
        ),
        "the re-extraction",
    )
    _ingest(GWADAR)
    mails = _mails(inbox, 2)
    assert [e.rcpt_tos for e in inbox.envelopes] == [["reader@example.org"], ["other@example.org"]]
    assert "Gwadar harbour" in mails[1].get_body(("plain",)).get_content()
    # A second run of the check finds nothing either (the outbox backend: nothing to send).
    assert alerts_for_document(document_id=kurram.pk) == 0
    assert AlertDelivery.objects.filter(saved_search=search).count() == 1

    # The mail's unsubscribe link works without a sign-in and stops the mail.
    path = unsubscribe.removeprefix(SITE)
    assert Client().post(path).status_code == 200
    assert not SavedSearch.objects.get(pk=search.pk).active
    _ingest(KURRAM_AGAIN)
    _ingest(GWADAR_AGAIN)
    _mails(inbox, 3)
    assert [e.rcpt_tos for e in inbox.envelopes][2:] == [["other@example.org"]]
    assert len(inbox.envelopes) == 3
    assert not re.search(r"Kurram road", inbox.envelopes[2].content.decode())
