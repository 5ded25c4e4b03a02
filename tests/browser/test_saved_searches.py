"""In a real browser: an analyst signs in, filters the timeline, saves the filters as a
search (the form swapped in place by htmx, no page load) and finds it on My alerts; at desktop
width and at a 390 px phone width."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from statements.models import SavedSearch
from tests.factories import SpeakerFactory, StatementFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}


@pytest.fixture
def timeline(roles, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    user = UserFactory(username="alert-analyst", email="analyst@example.org")
    user.groups.add(Group.objects.get(name="analysts"))
    minister = SpeakerFactory(name="Invented Minister", side="pk")
    envoy = SpeakerFactory(name="Invented Envoy", side="us")
    StatementFactory(speaker=minister, text="The invented minister promised new border posts.")
    StatementFactory(speaker=envoy, text="The invented envoy welcomed the talks.")
    return user


@pytest.mark.parametrize("size", SIZES)
def test_an_analyst_saves_the_timeline_filters_and_sees_them_on_my_alerts(
    page: Page, live_server, timeline, screenshot_dir, size
):
    page.set_viewport_size(dict(zip(("width", "height"), SIZES[size], strict=True)))
    page.goto(f"{live_server.url}/accounts/login/?next=/")
    page.get_by_label("Username").fill("alert-analyst")
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Sign in").click()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="My alerts")).to_be_attached()
    page.wait_for_load_state("load")  # htmx wires the filters once the page has loaded

    if size == "phone":  # a phone folds the filters behind a button (made by script)
        toggle = page.locator(".filters-toggle")
        expect(toggle).to_be_visible()
        toggle.click()
    page.select_option("#id_side", "pk")
    expect(page).to_have_url(re.compile(r"side=pk"))
    expect(page.locator("article.statement-card")).to_have_count(1)
    page.locator("details.save-search-box summary").click()  # folded under the results line
    form = page.locator("form#save-search")
    expect(form.locator('input[name="query"]')).to_have_value(re.compile(r"side=pk"))
    page.evaluate("window.stillTheSamePage = true")

    form.get_by_label("Name").fill("Pakistani pledges <border>")
    form.get_by_label("Email me").select_option("daily")
    form.scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / f"alerts-save-{size}.png", full_page=False)
    form.get_by_role("button", name="Save search").click()
    saved = page.locator("#save-search[role=status]")
    expect(saved).to_contain_text("Saved “Pakistani pledges <border>”")
    assert page.evaluate("window.stillTheSamePage") is True  # swapped in place
    search = SavedSearch.objects.get()
    assert (search.query, search.frequency, search.user) == ("side=pk", "daily", timeline)

    saved.get_by_role("link", name="My alerts").click()
    expect(page).to_have_url(re.compile(r"/alerts/$"))
    entry = page.locator(f"#saved-search-{search.pk}")
    expect(entry.get_by_role("heading")).to_have_text("Pakistani pledges <border>")
    expect(entry).to_contain_text("side: Pakistan")
    expect(entry).to_contain_text("Daily digest")
    expect(entry.get_by_role("link", name="Atom feed")).to_have_attribute("href", search.feed_url())
    page.screenshot(path=screenshot_dir / f"alerts-my-alerts-{size}.png", full_page=True)
    # The page is no wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size][0]

    page.once("dialog", lambda dialog: dialog.accept())
    entry.get_by_role("button", name="Delete").click()
    expect(entry).to_have_count(0)
    assert not SavedSearch.objects.exists()
