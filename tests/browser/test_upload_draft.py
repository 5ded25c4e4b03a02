"""What an editor pasted survives a failed submission in a real browser: the draft is kept in
the tab's sessionStorage until the server has accepted the upload."""

import re

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import Page, expect

from statements.models import Document
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASTED = (
    "An invented briefing.\n\nThe spokesperson said the invented talks would resume next "
    "month in the capital, with both delegations and their advisers present."
)


@pytest.fixture
def editor_login(roles, settings):
    from django.contrib.auth.models import Group

    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    user = UserFactory(username="draft-editor", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    return "draft-editor", "secret-pass-123"


def _sign_in(page: Page, credentials) -> None:
    page.get_by_label("Username").fill(credentials[0])
    page.get_by_label("Password").fill(credentials[1])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Upload a document")).to_be_visible()


def test_pasted_text_survives_a_submission_that_fails_and_goes_once_accepted(
    page: Page, live_server, editor_login
):
    page.goto(live_server.url + "/accounts/login/?next=/ingest/upload/")
    _sign_in(page, editor_login)
    page.get_by_label("Paste text").fill(PASTED)
    page.get_by_label("Title").fill("Invented title")

    Session.objects.all().delete()  # the sign-in lapses while the editor is typing
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert not Document.objects.exists()

    _sign_in(page, editor_login)  # back on an upload form the server sent empty
    expect(page.get_by_label("Paste text")).to_have_value(PASTED)
    expect(page.get_by_label("Title")).to_have_value("Invented title")
    expect(page.get_by_role("status")).to_contain_text("has been put back")

    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page).to_have_url(re.compile(r"/ingest/documents/\d+/$"))
    assert Document.objects.count() == 1
    page.goto(live_server.url + "/ingest/upload/")  # accepted: the draft is gone
    expect(page.get_by_label("Paste text")).to_have_value("")
