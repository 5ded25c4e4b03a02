"""The analyst dashboard in a real browser: filters swap results and URLs, charts draw,
shared URLs reopen the same view, and hostile document text never runs."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_timeline_page import demo_corpus  # noqa: F401 (a fixture)
from tests.factories import DocumentFactory, StatementFactory
from tests.statements import sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CARDS = "#results article.statement-card"


@pytest.fixture
def corpus():
    return sample.build(months=30, per_month=2)


def _chart_points(page: Page, canvas: str) -> int:
    """How many data points the Chart.js instance on ``canvas`` holds (0: none drawn)."""
    page.wait_for_function(
        "(sel) => window.Chart && Chart.getChart(document.querySelector(sel))", arg=canvas
    )
    return page.evaluate(
        """(sel) => Chart.getChart(document.querySelector(sel)).data.datasets
                  .reduce((n, d) => n + d.data.filter((v) => v).length, 0)""",
        canvas,
    )


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def _wait_for_swap(page: Page, action) -> None:
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        action()
    page.wait_for_function("() => !document.querySelector('#results.htmx-request')")


def test_filters_swap_results_update_the_url_and_reopen_in_a_fresh_browser(
    page: Page, live_server, corpus, browser: Browser, screenshot_dir
):
    page.goto(live_server.url + "/")
    expect(page.locator(CARDS).first).to_be_visible()
    assert _chart_points(page, "#timeline-chart") > 0
    page.screenshot(path=str(screenshot_dir / "dashboard-timeline.png"), full_page=True)

    # "Every US pledge on border security since 2022", by filtering.
    page.evaluate("window.__sameDocument = true")
    _wait_for_swap(page, lambda: page.get_by_label("Side", exact=True).select_option("us"))
    _wait_for_swap(
        page, lambda: page.get_by_label("Topic", exact=True).select_option("border-security")
    )
    _wait_for_swap(page, lambda: page.get_by_label("Pledges only", exact=True).check())
    _wait_for_swap(page, lambda: page.get_by_label("From", exact=True).fill("2022-01-01"))
    assert page.evaluate("window.__sameDocument") is True  # swapped in place, no reload
    query = _query(page)
    assert query["side"] == ["us"] and query["topic"] == ["border-security"]
    assert query["pledges"] == ["on"] and query["since"] == ["2022-01-01"]
    assert "q" not in query  # empty fields stay out of shared URLs

    cards = page.locator(CARDS)
    expect(cards.first).to_be_visible()
    count = cards.count()
    assert count >= 2
    for i in range(count):
        card = cards.nth(i)
        expect(card.locator(".side")).to_have_text("United States")
        expect(card.locator(".badge-pledge")).to_be_visible()
        expect(card.locator("a.source")).to_have_attribute("href", re.compile(r"#s\d+$"))
    assert _chart_points(page, "#timeline-chart") == count
    csv_href = page.get_by_role("link", name="CSV").get_attribute("href")
    assert "side=us" in csv_href and "topic=border-security" in csv_href
    page.screenshot(path=str(screenshot_dir / "dashboard-filtered.png"), full_page=True)

    shared = page.url
    fresh = browser.new_context()
    try:
        other = fresh.new_page()
        other.goto(shared)
        expect(other.locator(CARDS)).to_have_count(count)
        expect(other.get_by_label("Side", exact=True)).to_have_value("us")
        expect(other.get_by_label("Pledges only", exact=True)).to_be_checked()
    finally:
        fresh.close()

    page.go_back()
    expect(page).not_to_have_url(re.compile(r"since="))


def test_search_highlights_matches_and_clicking_a_bar_narrows_to_its_month(
    page: Page, live_server, corpus, screenshot_dir
):
    page.goto(live_server.url + "/")
    search = page.get_by_label("Search the statements", exact=True)
    _wait_for_swap(page, lambda: search.fill("financing"))
    expect(page.locator(f"{CARDS} mark").first).to_have_text(re.compile("financing", re.I))
    assert _query(page)["q"] == ["financing"]
    page.screenshot(path=str(screenshot_dir / "dashboard-search.png"), full_page=True)

    page.get_by_role("link", name="Clear all").click()
    page.wait_for_load_state("load")
    page.goto(live_server.url + "/?side=pk")
    assert _chart_points(page, "#timeline-chart") > 0
    # Click the first bar of the chart: the month it stands for becomes the date range.
    box = page.evaluate(
        """() => { const c = Chart.getChart(document.querySelector('#timeline-chart'));
                   const meta = c.getDatasetMeta(0); const i = meta.data.findIndex((b, k) =>
                     c.data.datasets[0].data[k] > 0);
                   return {x: meta.data[i].x, y: meta.data[i].y + 3, label: c.data.labels[i]}; }"""
    )
    canvas = page.locator("#timeline-chart")
    _wait_for_swap(page, lambda: canvas.click(position={"x": box["x"], "y": box["y"]}))
    query = _query(page)
    assert query["since"] == [f"{box['label']}-01"] and query["side"] == ["pk"]
    for date in page.locator(f"{CARDS}").evaluate_all("els => els.map(e => e.dataset.saidOn)"):
        assert date.startswith(box["label"])
    assert _chart_points(page, "#timeline-chart") >= 1  # redrawn after the swap


def test_load_more_appends_the_next_keyset_page(page: Page, live_server, corpus, monkeypatch):
    monkeypatch.setattr("statements.queries.PAGE_SIZE", 10)
    page.goto(live_server.url + "/")
    cards = page.locator(CARDS)
    expect(cards).to_have_count(10)
    more = page.get_by_role("link", name="Load more statements")
    assert "cursor=" in more.get_attribute("href")
    more.click()
    expect(cards).to_have_count(20)
    ids = cards.evaluate_all("els => els.map(e => e.id)")
    assert len(set(ids)) == 20
    months = page.locator("#results h2.month").all_inner_texts()
    assert len(months) == len(set(months))  # a month split across pages keeps one heading


def test_speaker_ledger_context_and_index_pages_draw_and_render(
    page: Page, live_server, corpus, screenshot_dir
):
    page.goto(live_server.url + "/speakers/")
    expect(page.get_by_role("link", name="Alex Morgan")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "dashboard-speakers.png"), full_page=True)

    page.get_by_role("link", name="Alex Morgan").click()
    expect(page.get_by_role("heading", name="Alex Morgan")).to_be_visible()
    assert _chart_points(page, "#speaker-chart") > 0
    page.screenshot(path=str(screenshot_dir / "dashboard-speaker.png"), full_page=True)

    page.goto(live_server.url + "/pledges/")
    expect(page.locator(".commitment").first).to_be_visible()
    _wait_for_swap(page, lambda: page.get_by_label("Side", exact=True).select_option("us"))
    assert _query(page)["side"] == ["us"]
    expect(page.locator("#ledger .side").first).to_have_text("United States")
    page.screenshot(path=str(screenshot_dir / "dashboard-pledges.png"), full_page=True)

    page.goto(live_server.url + "/context/")
    assert _chart_points(page, "#context-chart") > 0
    expect(page.locator("table.stats td", has_text="1,524")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "dashboard-context.png"), full_page=True)

    statement = corpus["statements"][0]
    sample.add_report(statement)
    page.goto(f"{live_server.url}/statements/{statement.pk}/")
    expect(page.get_by_role("heading", name="Reported by 2 outlets")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "dashboard-statement.png"), full_page=True)


def test_the_timeline_reads_on_a_phone(page: Page, live_server, corpus, screenshot_dir):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    expect(page.locator(CARDS).first).to_be_visible()
    assert _chart_points(page, "#timeline-chart") > 0
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing forces sideways scrolling
    page.screenshot(path=str(screenshot_dir / "dashboard-phone.png"), full_page=False)


def test_filters_work_from_the_keyboard(page: Page, live_server, corpus):
    page.goto(live_server.url + "/")
    page.get_by_label("Search the statements", exact=True).focus()
    page.keyboard.press("Tab")  # the side select
    expect(page.get_by_label("Side", exact=True)).to_be_focused()
    with page.expect_response(lambda r: "side=pk" in r.url):
        page.get_by_label("Side", exact=True).select_option("pk")
    expect(page).to_have_url(re.compile(r"side=pk"))
    page.get_by_label("Pledges only", exact=True).focus()
    with page.expect_response(lambda r: "pledges=on" in r.url):
        page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"pledges=on"))


def test_the_demo_corpus_shows_on_the_dashboard(
    page: Page,
    live_server,
    demo_corpus,  # noqa: F811
    screenshot_dir,
):
    page.set_viewport_size({"width": 1280, "height": 1600})
    page.goto(live_server.url + "/")
    expect(page.locator(CARDS).first).to_be_visible()
    assert _chart_points(page, "#timeline-chart") > 0
    page.screenshot(path=str(screenshot_dir / "dashboard-demo.png"))
    for path, name in (
        ("/speakers/", "demo-speakers"),
        ("/pledges/", "demo-pledges"),
        ("/context/", "demo-context"),
    ):
        assert page.goto(live_server.url + path).status == 200
        page.screenshot(path=str(screenshot_dir / f"{name}.png"))
    page.goto(live_server.url + "/speakers/")
    page.locator("table.speakers tbody th a").first.click()
    expect(page.locator("h1")).not_to_be_empty()
    assert _chart_points(page, "#speaker-chart") > 0
    page.screenshot(path=str(screenshot_dir / "demo-speaker.png"))

    # The analyst's question on real articles: US pledges on border security since 2022.
    page.goto(live_server.url + "/")
    _wait_for_swap(page, lambda: page.get_by_label("Side", exact=True).select_option("us"))
    topic = page.get_by_label("Topic", exact=True)
    _wait_for_swap(page, lambda: topic.select_option(label="border security"))
    _wait_for_swap(page, lambda: page.get_by_label("Pledges only", exact=True).check())
    _wait_for_swap(page, lambda: page.get_by_label("From", exact=True).fill("2022-01-01"))
    expect(page.locator(CARDS).first).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "demo-filtered.png"), full_page=True)
    page.get_by_role("link", name="Clear all").click()
    page.wait_for_load_state("load")
    page.goto(live_server.url + "/?q=border+security")
    expect(page.locator(f"{CARDS} mark").first).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "demo-search.png"))


def test_hostile_text_never_runs_on_any_dashboard_page(page: Page, live_server):
    from statements.models import Statistic

    hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> border.'
    document = DocumentFactory(text=hostile, title=hostile)
    statement = StatementFactory(
        document=document, text=hostile, start=0, end=len(hostile), is_pledge=True
    )
    statement.speaker.name = '<script>window.__pwned=3</script>"><img src=x onerror=alert(1)>'
    statement.speaker.save()
    Statistic.objects.create(document=document, metric=hostile, source=hostile, value=1)
    dialogs = []
    page.on("dialog", lambda d: dialogs.append(d))
    paths = [
        "/",
        "/?q=border",
        "/?q=%3Cscript%3E",
        "/speakers/",
        f"/speakers/{statement.speaker.slug}/",
        "/pledges/",
        "/context/",
        f"/statements/{statement.pk}/",
        f"/documents/{document.pk}/",
    ]
    for path in paths:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned === undefined"), path
    page.goto(live_server.url + "/?q=border")
    expect(page.locator(f"{CARDS} mark").first).to_have_text("border")
    assert dialogs == []
