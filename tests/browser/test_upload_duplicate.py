"""A duplicate upload in a real browser: the editor lands on the stored document, is told what
was kept, and corrects the outlet and date typed on the copy with one click (desktop and phone)."""

import re

import pytest
from playwright.sync_api import Page, expect

from ingest.services import document_create
from statements.models import Document
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE = (
    "Talks on the border to resume in March\n\n"
    "ISLAMABAD: The interior ministry said on Tuesday that a new round of talks on the border "
    "would begin in the second week of March, and that both delegations had agreed to meet."
)


@pytest.fixture
def editor_login(roles, settings):
    from django.contrib.auth.models import Group

    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    user = UserFactory(username="dup-editor", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    return "dup-editor", "secret-pass-123"


@pytest.mark.parametrize("width", [1440, 390])
def test_a_duplicate_upload_offers_the_typed_outlet_and_date_as_a_correction(
    page: Page, live_server, editor_login, screenshot_dir, width
):
    page.set_viewport_size({"width": width, "height": 900})
    stored = document_create(text=ARTICLE, outlet="The Invented Herald", enqueue=False).document
    page.goto(live_server.url + "/accounts/login/?next=/ingest/upload/")
    page.get_by_label("Username").fill(editor_login[0])
    page.get_by_label("Password").fill(editor_login[1])
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Paste text").fill(ARTICLE)
    page.get_by_label("Outlet").fill("The Riverbank Ledger")
    page.get_by_label("Published").fill("2024-03-05")
    page.get_by_role("button", name="Upload", exact=True).click()

    expect(page).to_have_url(re.compile(rf"/ingest/documents/{stored.pk}/\?"))
    expect(page.get_by_text("This text is already stored")).to_be_visible()
    offer = page.locator(".offered-correction")
    expect(offer).to_contain_text("you typed The Riverbank Ledger; kept: The Invented Herald")
    expect(offer).to_contain_text("you typed 5 March 2024; kept: none")
    page.screenshot(path=str(screenshot_dir / f"upload-duplicate-{width}.png"), full_page=True)

    offer.get_by_role("button", name="Correct the stored document").click()
    expect(page.get_by_text("Corrected: outlet set to The Riverbank Ledger")).to_be_visible()
    expect(page.locator(".offered-correction")).to_have_count(0)
    stored = Document.objects.select_related("outlet").get(pk=stored.pk)
    assert stored.outlet.name == "The Riverbank Ledger" and str(stored.published_on) == "2024-03-05"
