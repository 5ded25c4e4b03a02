"""In a real browser: an editor selects words in the statement's source text with the mouse and
makes them the statement ("Use selection as the statement"); the span saved is the occurrence
selected, not the nearest one, and the analysts' highlight follows."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from statements.models import Statement
from tests.browser.span_selection import select_with_mouse
from tests.factories import DocumentFactory, StatementFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = (
    "An invented briefing from the border. The invented minister said the crossing would "
    "reopen next week and that patrols would double. Traders were told the crossing would "
    "reopen next week by the district office. Nothing else was announced."
)
SENTENCE = (
    "The invented minister said the crossing would reopen next week and that patrols would double."
)
WORDS = "the crossing would reopen next week"


@pytest.fixture
def span_editor(roles, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    user = UserFactory(username="span-editor", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    document = DocumentFactory(title="Invented border briefing", text=TEXT)
    start = TEXT.index(SENTENCE)
    return StatementFactory(
        document=document, text=SENTENCE, start=start, end=start + len(SENTENCE)
    )


def test_an_editor_selects_the_statement_in_the_source_text_with_the_mouse(
    page: Page, live_server, span_editor, screenshot_dir
):
    statement = span_editor
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(
        f"{live_server.url}/accounts/login/?next=/admin/statements/statement/{statement.pk}/change/"
    )
    page.get_by_label("Username").fill("span-editor")
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Sign in").click()
    button = page.get_by_role("button", name="Use selection as the statement")
    expect(button).to_be_visible()

    button.click()  # nothing selected yet: it says so and changes nothing
    expect(page.locator(".selection-note")).to_contain_text("Select words in the source text")
    expect(page.locator("#id_text")).to_have_value(SENTENCE)

    # The second occurrence (in the traders' sentence), farther from the old span.
    select_with_mouse(page, WORDS, nth=1)
    button.click()
    expect(page.locator("#id_text")).to_have_value(WORDS)
    second = TEXT.index(WORDS, TEXT.index("Traders"))
    expect(page.locator("#id_selection_start")).to_have_value(str(second))
    page.screenshot(path=screenshot_dir / "span-selection.png", full_page=True)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    statement.refresh_from_db()
    assert (statement.start, statement.end) == (second, second + len(WORDS))
    assert statement.text == WORDS and statement.review_status == Statement.Review.EDITED
    page.goto(f"{live_server.url}/statements/{statement.pk}/")
    expect(page.locator("section.in-context mark")).to_have_text(WORDS)
    expect(page.locator("section.in-context")).to_contain_text("Traders were told")
