"""Dates at their precision in a real browser: the timeline's year-only group, the chart's note
and the month list, at desktop and phone widths."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from tests.factories import SpeakerFactory, StatementFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def periods():
    us, pk = SpeakerFactory(side="us"), SpeakerFactory(side="pk")
    for day in (dt.date(2024, 5, 15), dt.date(2024, 3, 2), dt.date(2024, 1, 10)):
        StatementFactory(speaker=us, said_on=day, text=f"Invented remark of {day:%d %B}.")
    StatementFactory(
        speaker=pk, said_on=dt.date(2024, 5, 1), date_precision="month", text="Said in May."
    )
    for text in ("Said some time in 2024.", "Also said in 2024."):
        StatementFactory(speaker=pk, said_on=dt.date(2024, 1, 1), date_precision="year", text=text)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_timeline_groups_a_year_only_statement_apart_and_the_chart_says_so(
    page: Page, live_server, periods, screenshot_dir, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/")
    headings = page.locator("#statements h2.month")
    expect(headings).to_have_text(["May 2024", "March 2024", "January 2024", "2024, month unknown"])
    # The last group holds the two year-only statements, each dated "2024" at its precision.
    last = page.locator("#statements article.statement-card").last
    expect(last.locator("time")).to_have_text("2024")
    expect(last.locator("time")).to_have_attribute("datetime", "2024")
    # The chart draws (Chart.js from the local copy) and its note names what is not in a bar.
    expect(page.locator("canvas#timeline-chart")).to_be_visible()
    note = page.locator(".chart-note")
    expect(note).to_contain_text("Not in the bars: 2 statements known only to the year 2024")
    data = page.evaluate("JSON.parse(document.getElementById('timeline-chart-data').textContent)")
    january = data["labels"].index("2024-01")
    assert sum(d["data"][january] for d in data["datasets"]) == 1
    page.locator("details.month-links summary").click()
    expect(page.locator("details.month-links summary")).to_contain_text(
        "years where the month is unknown"
    )
    expect(page.locator("details.month-links li").last).to_have_text("2024, month unknown · 2")
    page.screenshot(path=str(screenshot_dir / f"dates-timeline-{width}.png"), full_page=True)

    # A January filter leaves the year out, and says so; the help states the rule.
    page.goto(live_server.url + "/?since=2024-01-01&until=2024-01-31")
    expect(page.locator("#statements article.statement-card")).to_have_count(1)
    expect(page.locator(".date-cut")).to_contain_text("2 statements known only to a month or")
    expect(page.locator("#dates-help")).to_contain_text("whole month or year")
    page.screenshot(path=str(screenshot_dir / f"dates-filter-{width}.png"), full_page=True)
