"""In a real browser: the compare view, charts without the Chart.js CDN, and a 390-px phone."""

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from statements.models import Statistic
from tests.browser.test_timeline_page import demo_corpus  # noqa: F401
from tests.factories import DocumentFactory, SpeakerFactory, StatementFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def statements():
    us = SpeakerFactory(name="Invented US Envoy", slug="invented-us-envoy", side="us")
    pk = SpeakerFactory(name="Invented PK Minister", slug="invented-pk-minister", side="pk")
    for i in range(8):
        StatementFactory(
            speaker=us if i % 3 else pk,
            said_on=dt.date(2023, 1 + i, 10),
            text=f"We will act against the TTP on the border, statement {i}.",
        )
    StatementFactory(speaker=pk, said_on=dt.date(2023, 4, 2), text="Fencing continues, he said.")
    return us, pk


def _compare_url(live_server, *series):
    params = [("s", q) for q, _ in series] + [("label", label) for _, label in series]
    return f"{live_server.url}/compare/?{urlencode(params)}"


def test_the_compare_view_draws_one_line_per_series_from_its_url(
    page: Page, live_server, statements, screenshot_dir
):
    page.goto(
        _compare_url(live_server, ("side=us&q=TTP", "US on the TTP"), ("side=pk", "Pakistan"))
    )
    expect(page.locator("canvas#compare-chart")).to_be_visible()
    page.wait_for_function(
        "window.Chart && Chart.getChart(document.getElementById('compare-chart'))"
    )
    labels = page.evaluate(
        "Chart.getChart(document.getElementById('compare-chart')).data.datasets.map(d => d.label)"
    )
    assert labels == ["US on the TTP", "Pakistan"]
    page.screenshot(path=str(screenshot_dir / "compare.png"), full_page=True)

    # Adding a series through the form keeps the others, and the URL says all three.
    page.fill("#label-new", "Envoy")
    page.fill("#series-new", f"{live_server.url}/?speaker=invented-us-envoy&cursor=x")
    page.get_by_role("button", name="Add and compare").click()
    expect(page.locator("#series-3")).to_have_value("speaker=invented-us-envoy")
    assert page.url.count("s=") == 3
    shared = page.locator("a.share-link").get_attribute("href")
    page.goto(shared)
    expect(page.locator("#label-3")).to_have_value("Envoy")

    # Removing one keeps the rest.
    page.locator("tr", has=page.locator("#label-1")).get_by_role("link", name="Remove").click()
    expect(page.locator("#label-1")).to_have_value("Pakistan")

    page.set_viewport_size(PHONE)
    page.screenshot(path=str(screenshot_dir / "compare-phone.png"), full_page=True)


def test_without_the_chartjs_cdn_each_chart_shows_its_data_as_a_table(
    page: Page, live_server, statements, screenshot_dir
):
    Statistic.objects.create(
        document=DocumentFactory(),
        source="Invented Monitor",
        period="2023",
        period_start=dt.date(2023, 1, 1),
        period_end=dt.date(2023, 12, 31),
        metric="deaths",
        value=120,
    )
    page.route(settings.CHARTJS_URL, lambda route: route.abort())
    for path, chart in (
        ("/", "#timeline-chart"),
        ("/context/", "#context-chart"),
        ("/compare/", "#compare-chart"),
    ):
        page.goto(live_server.url + path)
        figure = page.locator("figure.chart").first
        expect(figure.locator(".chart-offline")).to_contain_text("could not be drawn")
        expect(figure.locator("table.chart-table tbody tr").first).to_be_visible()
        assert page.locator(chart).count() == 0  # the empty box is gone
        if path == "/":
            expect(figure.locator("table.chart-table")).to_contain_text("Jan 2023")
            page.screenshot(path=str(screenshot_dir / "timeline-offline.png"), full_page=True)

    # After an htmx swap the new chart falls back too.
    page.goto(live_server.url + "/")
    page.select_option("#id_side", "pk")
    expect(page.locator(".results .lede")).to_contain_text("4 statements")
    expect(page.locator("figure.chart .chart-offline")).to_be_visible()


def test_on_a_phone_the_filters_fold_behind_a_button(
    page: Page, live_server, statements, screenshot_dir
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/?side=us")
    toggle = page.get_by_role("button", name="Filters (1 set)")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#filters")).to_be_hidden()
    expect(page.locator("article.statement-card").first).to_be_in_viewport()
    page.screenshot(path=str(screenshot_dir / "timeline-phone.png"), full_page=False)

    toggle.click()
    expect(page.locator("#filters")).to_be_visible()
    expect(page.locator("#id_q")).to_be_visible()
    page.select_option("#id_side", "pk")
    expect(page.get_by_role("button", name="Filters (1 set)")).to_have_attribute(
        "aria-expanded", "true"
    )
    page.screenshot(path=str(screenshot_dir / "timeline-phone-filters.png"), full_page=False)
    # The page is no wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # On a desktop the button is not there and the form is open.
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.get_by_role("button", name="Filters (1 set)")).to_be_hidden()
    expect(page.locator("#filters")).to_be_visible()


def test_on_a_phone_wide_tables_keep_their_first_column(
    page: Page, live_server, statements, screenshot_dir
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/speakers/")
    wrap = page.locator(".table-wrap").first
    first = wrap.locator("tbody tr").first.locator("th, td").first
    before = first.bounding_box()["x"]
    wrap.evaluate("el => { el.scrollLeft = 400; }")
    assert abs(first.bounding_box()["x"] - before) <= 1  # sticky: still where it was
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(screenshot_dir / "speakers-phone.png"), full_page=False)


def test_compare_us_and_pakistan_on_the_ttp_in_the_demo_corpus(
    page: Page,
    live_server,
    demo_corpus,  # noqa: F811
    screenshot_dir,
):
    page.goto(
        _compare_url(
            live_server,
            ("side=us&q=TTP", "US on the TTP"),
            ("side=pk&q=TTP", "Pakistan on the TTP"),
        )
    )
    page.wait_for_function(
        "window.Chart && Chart.getChart(document.getElementById('compare-chart'))"
    )
    totals = page.locator(".series-table tbody tr td.num strong").all_inner_texts()
    assert len(totals) == 2 and all(int(n) > 0 for n in totals), totals
    page.screenshot(path=str(screenshot_dir / "compare-demo.png"), full_page=True)
    # Each series opens as the timeline with its filters.
    page.locator(".series-table").get_by_role("link", name="Timeline").first.click()
    expect(page.locator("#id_q")).to_have_value("TTP")
    expect(page.locator("#id_side")).to_have_value("us")


def test_the_context_page_on_a_phone(page: Page, live_server, screenshot_dir):
    one, two = DocumentFactory(), DocumentFactory()
    rows = [
        (one, "fatalities", 970, 2022),
        (one, "violence-linked deaths", 1524, 2023),
        (two, "people killed", 1524, 2023),
        (one, "terrorist attacks", 306, 2023),
        (two, "attacks", 245, 2022),
    ]
    for document, metric, value, year in rows:
        Statistic.objects.create(
            document=document,
            source="Invented Monitor",
            period=str(year),
            period_start=dt.date(year, 1, 1),
            period_end=dt.date(year, 12, 31),
            metric=metric,
            value=value,
        )
    page.goto(live_server.url + "/context/")
    expect(page.locator("table.figures tr.metric-row")).to_have_count(2)
    expect(page.locator("table.figures")).to_contain_text("counted once")
    page.screenshot(path=str(screenshot_dir / "context.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(screenshot_dir / "context-phone.png"), full_page=True)
