"""Under the Content-Security-Policy, in a real browser: the chart draws, htmx filters, the
admin's own scripts run, and the browser reports no violation and no error."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from tests.browser.test_dashboard import CARDS, _chart_points, _query, _wait_for_swap
from tests.factories import UserFactory
from tests.statements import sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-invented-password-for-tests"
# A violation is reported to the page too; this repeats it in the console the test reads.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) =>
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`));
"""


@pytest.fixture
def problems(page: Page) -> list[str]:
    found: list[str] = []
    page.add_init_script(REPORT_VIOLATIONS)
    page.on("console", lambda m: found.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: found.append(f"uncaught: {error}"))
    return found


def _sign_in(page: Page, url: str, username: str) -> None:
    page.goto(url)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").or_(
        page.get_by_role("button", name="Sign in")
    ).click()
    page.wait_for_load_state("load")


def _user(username: str, **fields):
    user = UserFactory(username=username, **fields)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_the_chart_and_htmx_filters_work_under_the_policy(page: Page, live_server, problems):
    sample.build(months=12, per_month=2)
    response = page.goto(live_server.url + "/")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(CARDS).first).to_be_visible()
    assert _chart_points(page, "#timeline-chart") > 0  # Chart.js from its CDN address ran

    page.evaluate("window.__sameDocument = true")
    _wait_for_swap(page, lambda: page.get_by_label("Side", exact=True).select_option("us"))
    assert page.evaluate("window.__sameDocument") is True  # htmx swapped, no reload
    assert _query(page)["side"] == ["us"]
    cards = page.locator(CARDS)
    expect(cards.first).to_be_visible()
    for i in range(cards.count()):
        expect(cards.nth(i).locator(".side")).to_have_text("United States")
    assert _chart_points(page, "#timeline-chart") > 0  # drawn again for the swapped results
    assert problems == []


def test_the_admin_and_the_upload_page_work_under_the_policy(
    page: Page, live_server, problems, roles
):
    _user("root", is_staff=True, is_superuser=True)
    sample.build(months=2, per_month=1)
    _sign_in(page, live_server.url + "/admin/login/", "root")
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    # The admin's scripts run: the slug is filled in from the name as it is typed.
    page.goto(live_server.url + "/admin/statements/speaker/add/")
    page.get_by_label("Name:").press_sequentially("Invented Spokesperson")
    expect(page.get_by_label("Slug:")).to_have_value("invented-spokesperson")
    for path in (
        "/admin/statements/statement/",
        "/admin/statements/statement/?review_status__exact=auto",
        "/admin/statements/document/",
        "/admin/auth/user/",
    ):
        page.goto(live_server.url + path)
        expect(page.locator("#result_list")).to_be_visible()
    page.goto(live_server.url + "/admin/statements/statement/")
    page.locator("#result_list tbody a").first.click()
    expect(page.locator("#statement_form")).to_be_visible()

    # The upload page's style comes from app.css now, not an inline <style>.
    page.goto(live_server.url + "/ingest/upload/")
    form = page.locator("form.upload-form")
    assert form.evaluate("(f) => getComputedStyle(f).display") == "grid"
    assert problems == []


def test_an_editor_signs_in_on_the_site_under_the_policy(page: Page, live_server, problems, roles):
    editor = _user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="editors"))
    _sign_in(page, live_server.url + "/accounts/login/", "editor")
    expect(page.get_by_role("button", name="Sign out editor")).to_be_visible()
    assert problems == []
