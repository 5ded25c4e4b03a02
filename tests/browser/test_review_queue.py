"""In a real browser: an editor reviews a document's three statements with the keyboard alone
(v verify, r reject, e edit + a new date + s save), the panel swapped in place (no page load),
at desktop width and at a 390 px phone width."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from statements.models import Statement
from tests.factories import DocumentFactory, SpeakerFactory, StatementFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
SENTENCES = [
    "The invented minister said the border crossing would reopen next week.",
    "An invented spokesperson added that talks had gone well.",
    "The invented envoy pledged to fund three new border posts.",
]


@pytest.fixture
def queue(roles, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    user = UserFactory(username="queue-editor", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    text = "Invented briefing. " + " ".join(SENTENCES) + " Nothing else was said."
    document = DocumentFactory(title="Invented briefing on the border", text=text)
    speaker = SpeakerFactory(name="Invented Minister")
    made = []
    for sentence in SENTENCES:
        start = text.index(sentence)
        made.append(
            StatementFactory(
                document=document,
                speaker=speaker,
                text=sentence,
                start=start,
                end=start + len(sentence),
                said_on=dt.date(2024, 5, 15),
            )
        )
    return document, made


def _sign_in(page: Page, url: str) -> None:
    page.goto(url)
    page.get_by_label("Username").fill("queue-editor")
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Sign in").click()


def _settled(panel) -> None:
    """The swap is over (the keys wait for it: one action at a time)."""
    expect(panel).not_to_have_class(re.compile("htmx-(settling|added|swapping)"))


@pytest.mark.parametrize("size", SIZES)
def test_an_editor_reviews_a_document_with_the_keyboard_alone(
    page: Page, live_server, queue, screenshot_dir, size
):
    document, (first, second, third) = queue
    page.set_viewport_size(dict(zip(("width", "height"), SIZES[size], strict=True)))
    _sign_in(page, f"{live_server.url}/accounts/login/?next=/review/%3Fdocument%3D{document.pk}")
    panel = page.locator("#review-panel")
    expect(panel.locator("mark")).to_have_text(SENTENCES[0])
    expect(panel.locator(".review-left strong")).to_have_text("3")
    page.screenshot(path=screenshot_dir / f"review-queue-{size}.png", full_page=True)
    page.evaluate("window.stillTheSamePage = true")

    page.keyboard.press("v")
    expect(panel.locator("mark")).to_have_text(SENTENCES[1])
    expect(panel.locator(".review-left strong")).to_have_text("2")
    expect(page).to_have_url(re.compile(rf"/review/{second.pk}/"))
    _settled(panel)

    page.keyboard.press("r")
    expect(panel.locator("mark")).to_have_text(SENTENCES[2])
    expect(panel.locator(".review-left strong")).to_have_text("1")
    _settled(panel)

    page.keyboard.press("e")
    expect(page.locator("#review-speaker")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#review-said-on")).to_be_focused()
    page.keyboard.press("Control+a")
    page.keyboard.type("2024-04")  # the date typed into a field is not taken for keys
    page.keyboard.press("Escape")
    page.screenshot(path=screenshot_dir / f"review-queue-editing-{size}.png", full_page=True)
    page.keyboard.press("s")
    expect(panel.locator(".review-left strong")).to_have_text("0")
    expect(panel).to_contain_text("Nothing left to review here.")
    page.screenshot(path=screenshot_dir / f"review-queue-done-{size}.png", full_page=True)
    assert page.evaluate("window.stillTheSamePage") is True  # htmx swaps, no page loads

    statuses = {
        s.pk: (s.review_status, s.reviewed_by.username if s.reviewed_by else None)
        for s in Statement.objects.select_related("reviewed_by")
    }
    assert statuses == {
        first.pk: ("verified", "queue-editor"),
        second.pk: ("rejected", "queue-editor"),
        third.pk: ("edited", "queue-editor"),
    }
    third.refresh_from_db()
    assert (third.said_on, third.date_precision) == (dt.date(2024, 4, 1), "month")

    page.keyboard.press("k")  # nothing left, so no previous link either: the key does nothing
    expect(panel).to_contain_text("Nothing left to review here.")
