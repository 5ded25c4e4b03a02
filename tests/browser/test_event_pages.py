"""An analyst in a real browser: picks an attack, reads every source's toll and the reactions
in time order, finds the attacks of one province with no US reaction, and downloads the
reactions table. On a desktop screen and on a phone."""

from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import Page, expect

from tests.statements import event_sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def attacks(db) -> dict:
    return event_sample.build()


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_an_analyst_follows_an_attack_and_its_reactions(
    page: Page, live_server, attacks, screenshot_dir, screen
):
    page.set_viewport_size(DESKTOP if screen == "desktop" else PHONE)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Attacks").click()
    expect(page.get_by_role("heading", name="Attacks and incidents")).to_be_visible()
    expect(page.locator("table.events")).to_contain_text("killed 9–12 (3 sources)")
    if screen == "phone":  # the filters folded away (filters.js), the page at the screen's width
        expect(page.get_by_role("button", name="Filters")).to_be_visible()
        page.wait_for_function("() => document.documentElement.scrollWidth <= 390")
    page.screenshot(path=str(screenshot_dir / f"events-{screen}.png"), full_page=True)

    page.get_by_role("link", name="Kalat market bombing").click()
    figures = page.locator("table.event-figures")
    for sentence in ("nine people were killed", "at least 12 dead", "killed 10 people"):
        expect(figures).to_contain_text(sentence)
    speakers = page.locator(".reactions-list .who > a").all_inner_texts()
    assert speakers == ["Tariq Sohail", "Nadia Rauf", "Casey Brandt"]
    lags = page.locator(".reactions-list .lag").all_inner_texts()
    assert lags == ["within the month", "same day", "1 day after"]
    page.screenshot(path=str(screenshot_dir / f"event-{screen}.png"), full_page=True)

    # The source of the highest toll: its document, the sentence highlighted.
    figures.locator("tr", has_text="at least 12 killed").locator("a[href*='#t']").click()
    target = page.locator(".figure-anchor:target + .figure")
    expect(target).to_contain_text("at least 12 dead")
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(253, 227, 200)"
    page.go_back()

    page.get_by_role("link", name="These statements on the timeline").click()
    expect(page.locator(".event-filter")).to_contain_text("Kalat market bombing")
    expect(page.locator("article.statement-card")).to_have_count(3)

    # The attacks of Balochistan that drew no US reaction, from the reactions table.
    page.goto(live_server.url + "/reactions/")
    if screen == "phone":  # the filters fold away on a phone
        page.get_by_role("button", name="Filters").click()
    page.select_option("#id_province", "Balochistan")
    expect(page).to_have_url(re.compile(r"province=Balochistan"))
    page.select_option("#id_reaction", "no_us")
    rows = page.locator("table.reactions tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Turbat checkpoint assault")
    expect(rows.first.locator(".first-us")).to_contain_text("No US reaction")
    # A short URL to share: the filters set, not the empty ones.
    assert page.url.endswith("/reactions/?province=Balochistan&reaction=no_us")
    page.screenshot(path=str(screenshot_dir / f"reactions-{screen}.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    data = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    rows_csv = list(csv.DictReader(io.StringIO(data)))
    assert [r["event"] for r in rows_csv] == ["Turbat checkpoint assault"]
    assert rows_csv[0]["first_us_speaker"] == ""

    page.goto(live_server.url + "/context/")
    expect(page.locator("canvas#context-chart")).to_be_visible()
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('#context-chart'))"
    )
    page.screenshot(path=str(screenshot_dir / f"context-{screen}.png"), full_page=True)
    assert errors == []


@pytest.fixture
def demo_corpus(settings):
    # In-process processing, as `make run` does without a broker.
    from django.core.management import call_command

    from config.celery import app
    from tests.conftest import DEMO_CORPUS

    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.task_always_eager = True
    try:
        call_command("load_officials")
        call_command("ingest", str(DEMO_CORPUS / "manifest.jsonl"))
    finally:
        app.conf.task_always_eager = False


def test_an_attack_of_the_demo_corpus_with_its_toll_and_reactions(
    page: Page, live_server, demo_corpus, screenshot_dir
):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/events/")
    rows = page.locator("table.events tbody tr")
    expect(rows.first).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "events-demo.png"), full_page=True)
    # The attack the most statements reacted to.
    row = rows.filter(has_text="killed").first
    row.locator("th a").click()
    expect(page.locator("table.event-figures tbody tr").nth(1)).to_be_visible()
    reactions = page.locator(".reactions-list .reaction")
    assert reactions.count() >= 1
    expect(reactions.first.locator(".source a").first).to_have_attribute("href", re.compile("#s"))
    page.screenshot(path=str(screenshot_dir / "event-demo.png"), full_page=True)
