"""The editors' statement list in a real browser at 1440 px: readable columns, one-click
Verify from a row (back to the same filtered list), the change form's sentence in context."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from statements.models import Statement
from tests.factories import (
    DocumentFactory,
    OutletFactory,
    SpeakerFactory,
    StatementFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SENTENCES = [
    "The spokesperson said the joint working group would meet again in the capital next month "
    "to review the border coordination mechanism agreed in the spring.",
    "We remain committed to disrupting the financing networks of every armed group operating "
    "along the frontier, the minister told reporters after the session.",
    "Officials said the training programme for provincial counterterrorism police would be "
    "extended for another year, with new courses on evidence handling.",
]


@pytest.fixture
def editor_login(roles, settings):
    from django.contrib.auth.models import Group

    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    user = UserFactory(username="list-editor", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    return "list-editor", "secret-pass-123"


def _statements():
    text = " ".join(SENTENCES)
    document = DocumentFactory(
        title="Invented briefing on border cooperation and police training",
        text=text,
        outlet=OutletFactory(name="Invented Daily"),
        published_on=dt.date(2024, 5, 15),
    )
    speaker = SpeakerFactory(name="Jane Halvorsen", role="Spokesperson")
    made, start = [], 0
    for sentence in SENTENCES:
        made.append(
            StatementFactory(
                document=document,
                speaker=speaker,
                text=sentence,
                start=start,
                end=start + len(sentence),
                confidence=0.82,
            )
        )
        start += len(sentence) + 1
    return document, made


def test_the_statement_list_reviews_in_one_click_at_1440px(
    page: Page, live_server, editor_login, screenshot_dir
):
    document, made = _statements()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 1440, "height": 900})
    path = f"/admin/statements/statement/?document={document.pk}&review_status__exact=auto"
    page.goto(live_server.url + "/accounts/login/?next=" + path.replace("&", "%26"))
    page.get_by_label("Username").fill(editor_login[0])
    page.get_by_label("Password").fill(editor_login[1])
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#result_list")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "admin-statement-list-1440.png"), full_page=True)
    # The statement column is wide enough to read: its text wraps in a broad column.
    width = page.locator("#result_list .field-short_text").nth(1).bounding_box()["width"]
    assert width >= 200, width
    # Every column fits: the review buttons are on screen, no sideways scrolling.
    button = page.locator(f'button[value="{made[0].pk}:verified"]').bounding_box()
    shown = page.locator("#changelist .results").bounding_box()
    assert button["x"] + button["width"] <= shown["x"] + shown["width"]
    assert page.locator("#result_list tbody tr").count() == 3

    page.locator(f'button[name="_review"][value="{made[0].pk}:verified"]').click()
    expect(page.locator(".messagelist")).to_contain_text(f"Statement {made[0].pk} verified")
    assert page.url == live_server.url + path
    assert page.locator("#result_list tbody tr").count() == 2  # the filter still holds
    assert Statement.objects.get(pk=made[0].pk).review_status == "verified"

    page.goto(f"{live_server.url}/admin/statements/statement/{made[1].pk}/change/")
    expect(page.locator(".source-context mark")).to_have_text(SENTENCES[1])
    page.screenshot(path=str(screenshot_dir / "admin-statement-change-1440.png"), full_page=True)
    assert not [e for e in errors if "Content Security Policy" in e], errors
