"""Password reset is offered only when mail can be sent: with EMAIL_URL set the mail reaches a
real SMTP server (aiosmtpd on loopback); without it the pages are not routed and the sign-in
page does not link to them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.urls import NoReverseMatch, reverse

from tests.conftest import ROOT
from tests.factories import UserFactory
from tests.ingest.conftest import _database_url

RESET_PAGES = [
    "/accounts/password_reset/",
    "/accounts/password_reset/done/",
    "/accounts/reset/MQ/set-password/",
    "/accounts/reset/done/",
]


class _Inbox:
    def __init__(self) -> None:
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    """A real SMTP server on a free loopback port, stopped after the test."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.mark.django_db
def test_without_a_mail_backend_password_reset_is_not_offered(client, settings):
    assert not settings.PASSWORD_RESET_OFFERED
    UserFactory(username="someone", email="someone@example.org")
    for page in RESET_PAGES:
        assert client.get(page).status_code == 404, page
    assert client.post(RESET_PAGES[0], {"email": "someone@example.org"}).status_code == 404
    assert mail.outbox == []
    with pytest.raises(NoReverseMatch):
        reverse("password_reset")
    login = client.get(reverse("login")).content.decode()
    assert "password_reset" not in login and "Forgotten your password" not in login


# Run as the site runs, in a process of its own whose settings come from the environment:
# EMAIL_URL there must route the pages, link them from the sign-in page and send the mail.
_SITE = """
import django
django.setup()
from django.conf import settings
# As in the tests' conftest: no collected static files here, so no manifest to look them up in.
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
from django.test import Client
client = Client()
login = client.get("/accounts/login/")
assert b'href="/accounts/password_reset/"' in login.content, login.content
sent = client.post("/accounts/password_reset/", {"email": "someone@example.org"})
assert sent.status_code == 302 and sent["Location"] == "/accounts/password_reset/done/", sent
print("reset requested")
"""


@pytest.mark.django_db(transaction=True)
def test_with_email_url_the_reset_mail_arrives_through_smtp(smtp_server):
    inbox, port = smtp_server
    UserFactory(username="someone", email="someone@example.org")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": _database_url(),
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "DEFAULT_FROM_EMAIL": "ctwatch@example.org",
        "ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "-c", _SITE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "reset requested" in result.stdout
    assert len(inbox.envelopes) == 1
    envelope = inbox.envelopes[0]
    assert envelope.rcpt_tos == ["someone@example.org"]
    assert envelope.mail_from == "ctwatch@example.org"
    assert "/accounts/reset/" in envelope.content.decode()
