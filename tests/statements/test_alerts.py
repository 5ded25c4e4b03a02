"""Saved searches and their alerts: what matches, sending each statement once, the mail's
content and escaping, digests, the signed unsubscribe link and the search's own feed. Mail goes
to Django's test outbox here; tests/statements/test_alerts_delivery.py sends it through a real
SMTP server from a real worker."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.http import QueryDict
from django.urls import reverse

from statements.alerts import (
    UnsavableSearch,
    digests_send,
    normalised_query,
    saved_search_create,
    search_send,
    unsubscribe_token,
)
from statements.models import AlertDelivery, SavedSearch, Statement
from tests.factories import (
    DocumentFactory,
    OutletFactory,
    SpeakerFactory,
    StatementFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(db):
    return UserFactory(username="reader", email="reader@example.org")


def _save(user, query: str, frequency: str = "immediate", name: str = "Border posts"):
    return saved_search_create(user=user, name=name, frequency=frequency, data=QueryDict(query))


def test_the_query_is_normalised_through_the_filter_form():
    a = SpeakerFactory(slug="invented-b")
    b = SpeakerFactory(slug="invented-a")
    TopicFactory(name="border security")
    raw = (
        f"stack=speaker&speaker={a.slug}&cursor=2024-01-01_5&q=TTP&sort=relevance"
        f"&speaker={b.slug}&topic=border-security&since=2024-1-01&bogus=1&side=nowhere"
        "&pledges=on"
    )
    assert normalised_query(QueryDict(raw)) == (
        "q=TTP&speaker=invented-a&speaker=invented-b&topic=border-security&pledges=on"
        "&since=2024-01-01"
    )


def test_a_speaker_no_one_is_cannot_be_saved(reader):
    with pytest.raises(UnsavableSearch, match="no-such-person"):
        _save(reader, "speaker=no-such-person")
    assert not SavedSearch.objects.exists()


def test_only_new_matching_canonical_statements_are_sent_and_only_once(reader):
    pk_speaker = SpeakerFactory(side="pk", name="Invented Minister")
    us_speaker = SpeakerFactory(side="us")
    before = StatementFactory(speaker=pk_speaker, text="Said before the search was saved.")
    search = _save(reader, "side=pk")
    Statement.objects.filter(pk=before.pk).update(created_at=search.created_at)
    first = StatementFactory(speaker=pk_speaker, text="The invented border posts will open.")
    # The same remark in another outlet: folded into the first, so it alerts once.
    StatementFactory(speaker=pk_speaker, text=first.text, canonical=first)
    StatementFactory(speaker=us_speaker, text="An American remark the search does not want.")

    assert search_send(search_id=search.pk) == 1
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["reader@example.org"]
    assert "The invented border posts will open." in sent.body
    assert "Said before" not in sent.body and "American remark" not in sent.body
    assert list(AlertDelivery.objects.values_list("statement", flat=True)) == [first.pk]

    # A second run, and a digest run, find nothing new: no mail.
    assert search_send(search_id=search.pk) == 0
    assert digests_send(frequency="immediate") == 0
    assert len(mail.outbox) == 1
    search.refresh_from_db()
    assert search.last_sent_at is not None


def test_a_remark_whose_earlier_report_arrives_later_is_not_sent_again(reader):
    speaker = SpeakerFactory(side="pk")
    search = _save(reader, "side=pk")
    first = StatementFactory(speaker=speaker, text="The crossing reopens on Monday.")
    assert search_send(search_id=search.pk) == 1
    # An earlier report of the same remark turns up: clustering makes it the canonical row.
    earlier = StatementFactory(speaker=speaker, text=first.text, said_on=dt.date(2024, 5, 14))
    Statement.objects.filter(pk=first.pk).update(canonical=earlier)
    assert search_send(search_id=search.pk) == 0
    assert len(mail.outbox) == 1


def test_a_digest_with_nothing_new_is_not_sent(reader):
    search = _save(reader, "q=crossing", frequency="daily")
    StatementFactory(text="Nothing about the subject at all.")
    assert digests_send(frequency="daily") == 0
    assert mail.outbox == []
    StatementFactory(text="The crossing reopens on Monday.")
    assert digests_send(frequency="weekly") == 0  # not this search's frequency
    assert digests_send(frequency="daily") == 1
    assert mail.outbox[0].subject == "Daily digest: 1 new statement for “Border posts”"
    assert digests_send(frequency="daily") == 0
    assert len(mail.outbox) == 1
    search.refresh_from_db()
    assert search.last_sent_at is not None


def test_no_mail_without_an_address_and_nothing_recorded(db):
    user = UserFactory(username="no-address", email="")
    search = _save(user, "")
    StatementFactory()
    assert search_send(search_id=search.pk) == 0
    assert mail.outbox == [] and not AlertDelivery.objects.exists()


def test_the_mail_has_speaker_date_at_its_precision_words_and_links(reader, settings):
    settings.SITE_URL = "https://ctwatch.example.org"
    search = _save(reader, "side=pk&q=posts")
    speaker = SpeakerFactory(side="pk", name="Invented Envoy")
    text = "“We will build the posts,” the envoy said."
    statement = StatementFactory(
        speaker=speaker,
        text=text,
        end=len(text),
        words=[[1, 25]],
        said_on=dt.date(2024, 5, 1),
        date_precision="month",
        document=DocumentFactory(outlet=OutletFactory(name="Invented Daily")),
    )
    search_send(search_id=search.pk)
    sent = mail.outbox[0]
    assert sent.subject == "Alert: 1 new statement for “Border posts”"
    assert "Invented Envoy · May 2024 · Invented Daily" in sent.body
    assert "1 May" not in sent.body  # never a day the source did not give
    assert "“We will build the posts,”" in sent.body
    assert f"https://ctwatch.example.org/statements/{statement.pk}/" in sent.body
    assert "https://ctwatch.example.org/?q=posts&side=pk" in sent.body
    unsubscribe = f"https://ctwatch.example.org/alerts/unsubscribe/{unsubscribe_token(search)}/"
    assert unsubscribe in sent.body
    assert sent.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html, kind = sent.alternatives[0]
    assert kind == "text/html"
    assert f'href="https://ctwatch.example.org/statements/{statement.pk}/"' in html
    assert "https://ctwatch.example.org/?q=posts&amp;side=pk" in html


def test_statement_text_and_the_search_name_are_escaped_in_the_html_mail(reader):
    search = _save(reader, "", name='<img src=x onerror="alert(1)">')
    StatementFactory(
        text='<script>alert("x")</script> & <b>bold</b>',
        speaker=SpeakerFactory(name="<i>Invented</i> Speaker"),
    )
    search_send(search_id=search.pk)
    sent = mail.outbox[0]
    html = sent.alternatives[0][0]
    assert "<script>" not in html and "<b>bold" not in html and "<img" not in html
    assert "<i>Invented" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "&lt;i&gt;Invented&lt;/i&gt; Speaker" in html
    # The plain text is text: shown as written, nothing to escape.
    assert '<script>alert("x")</script> & <b>bold</b>' in sent.body
    # A header holds no line break, whatever the name.
    assert "\n" not in sent.subject


def test_a_name_with_a_line_break_makes_a_one_line_subject(reader):
    search = _save(reader, "", name="Two\nlines")
    StatementFactory()
    search_send(search_id=search.pk)
    assert mail.outbox[0].subject == "Alert: 1 new statement for “Two lines”"


def test_unsubscribe_needs_no_sign_in_and_stops_the_mail(reader, client):
    search = _save(reader, "")
    url = reverse("statements:alert_unsubscribe", args=[unsubscribe_token(search)])
    page = client.get(url)
    assert page.status_code == 200
    assert b"Border posts" in page.content and b"Unsubscribe</button>" in page.content
    search.refresh_from_db()
    assert search.active  # a GET (a mail scanner following links) changes nothing

    done = client.post(url)
    assert done.status_code == 200 and b"sends no more email" in done.content
    search.refresh_from_db()
    assert not search.active
    StatementFactory()
    assert search_send(search_id=search.pk) == 0
    assert mail.outbox == []


def test_one_click_unsubscribe_as_a_mail_client_posts_it(reader):
    from django.test import Client

    search = _save(reader, "")
    url = reverse("statements:alert_unsubscribe", args=[unsubscribe_token(search)])
    client = Client(enforce_csrf_checks=True)
    answer = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert answer.status_code == 200
    search.refresh_from_db()
    assert not search.active


@pytest.mark.parametrize("change", ["tamper", "cut", "other-salt"])
def test_a_tampered_unsubscribe_token_is_refused(reader, client, change):
    from django.core import signing

    search = _save(reader, "")
    other = _save(reader, "", name="Another")
    token = unsubscribe_token(search)
    bad = {
        "tamper": token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        "cut": token[: len(token) // 2],
        "other-salt": signing.dumps(other.pk),  # signed, but not as an unsubscribe link
    }[change]
    url = reverse("statements:alert_unsubscribe", args=[bad])
    assert client.get(url).status_code == 400
    answer = client.post(url)
    assert answer.status_code == 400 and b"not valid" in answer.content
    assert SavedSearch.objects.filter(active=True).count() == 2


def test_the_saved_search_has_its_own_feed_at_a_secret_address(reader, client, settings):
    settings.READ_REQUIRES_LOGIN = True  # the token is the key: no sign-in
    search = _save(reader, "side=pk", name="Pakistani remarks")
    StatementFactory(speaker=SpeakerFactory(side="pk"), text="A remark on the border posts.")
    StatementFactory(speaker=SpeakerFactory(side="us"), text="An American aside.")
    feed = client.get(search.feed_url())
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert "Pakistani remarks" in body
    assert "A remark on the border posts." in body and "American aside" not in body
    assert client.get(reverse("statements:alert_feed", args=["not-the-token"])).status_code == 404


def test_the_digests_are_on_the_beat_schedule_and_their_task_is_registered(settings):
    from config.celery import app

    app.loader.import_default_modules()
    digests = {
        tuple(entry["args"]): entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "statements.tasks.send_digests"
    }
    assert set(digests) == {("daily",), ("weekly",)}
    assert digests[("weekly",)]["schedule"].day_of_week == {1}  # Mondays
    assert "statements.tasks.send_digests" in app.tasks
    assert "statements.tasks.send_immediate_alerts" in app.tasks


def test_a_finished_extraction_queues_the_check_only_when_someone_waits_for_it(
    reader, django_capture_on_commit_callbacks
):
    from ingest.storing import document_process

    text = (
        'Islamabad, 14 May 2024. The invented minister Sarfraz Qadeer said on Tuesday: "We '
        'will open three new border posts before the winter."'
    )
    first, second = DocumentFactory(text=text), DocumentFactory(text=text + " Again.")
    with django_capture_on_commit_callbacks() as without:
        document_process(document_id=first.pk)
    _save(reader, "")
    with django_capture_on_commit_callbacks() as waited:
        document_process(document_id=second.pk)
    queued = [
        [f for f in callbacks if "alerts_after_extraction" in f.__qualname__]
        for callbacks in (without, waited)
    ]
    assert [len(q) for q in queued] == [0, 1]
