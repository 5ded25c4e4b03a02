"""Links that hold, in a real browser: Back and Forward keep the form in step with the
results, stale speaker links, the cite button; and cards quoting the speaker's own words."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from statements.services import speakers_merge
from tests.conftest import DEMO_CORPUS
from tests.statements import sample

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def corpus():
    return sample.build(months=3, per_month=2)


def _results_settled(page: Page) -> None:
    page.wait_for_load_state("networkidle")


def test_back_and_forward_keep_the_form_on_the_results_filters(page: Page, live_server, corpus):
    topic = next(iter(corpus["topics"].values()))
    page.goto(live_server.url + "/")
    page.select_option("#id_side", "pk")
    page.wait_for_url("**/?side=pk")
    _results_settled(page)
    page.select_option("#id_topic", topic.slug)
    page.wait_for_url(f"**/?side=pk&topic={topic.slug}")
    _results_settled(page)

    page.go_back()
    page.wait_for_url("**/?side=pk")
    _results_settled(page)
    expect(page.locator("#id_side")).to_have_value("pk")
    expect(page.locator("#id_topic")).to_have_value("")

    page.go_back()
    page.wait_for_url(live_server.url + "/")
    _results_settled(page)
    expect(page.locator("#id_side")).to_have_value("")

    page.go_forward()
    page.wait_for_url("**/?side=pk")
    _results_settled(page)
    expect(page.locator("#id_side")).to_have_value("pk")
    # The next change keeps the filter on screen rather than dropping it.
    page.check("#id_pledges")
    page.wait_for_url("**/?side=pk*pledges=on*")
    assert "side=pk" in page.url


def test_a_merged_speakers_old_link_and_an_unknown_one(
    page: Page, live_server, corpus, screenshot_dir
):
    into, other = corpus["speakers"][0], corpus["speakers"][1]
    old = other.slug
    speakers_merge(into=into, others=[other])
    page.goto(f"{live_server.url}/speakers/{old}/")
    expect(page.locator("h1")).to_have_text(into.name)
    page.goto(f"{live_server.url}/?speaker={old}")
    assert page.url.endswith(f"/?speaker={into.slug}")
    expect(page.locator(f'input[name="speaker"][value="{into.slug}"]')).to_be_checked()

    page.goto(f"{live_server.url}/?speaker=no-such-person")
    expect(page.locator(".unknown-speaker")).to_contain_text("No speaker goes by “no-such-person”")
    expect(page.locator("article.statement-card")).to_have_count(0)
    page.screenshot(path=str(screenshot_dir / "unknown-speaker.png"), full_page=True)
    # Another filter changed: the unknown speaker is kept, the results stay empty.
    expect(page.locator('input[name="speaker"][value="no-such-person"]')).to_be_checked()
    page.select_option("#id_side", "us")
    page.wait_for_url("**/?side=us&speaker=no-such-person")
    page.wait_for_load_state("networkidle")
    expect(page.locator("article.statement-card")).to_have_count(0)


def test_cite_copies_a_citation_or_shows_it_to_copy(
    page: Page, context, live_server, corpus, screenshot_dir
):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    statement = corpus["statements"][-1]
    page.goto(live_server.url + "/")
    card = page.locator(f"#statement-{statement.pk}")
    card.locator("button.cite").click()
    expect(card.locator("button.cite")).to_have_text("copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f"{statement.speaker.name} ({statement.speaker.role}")
    assert copied.endswith(
        f" Source: {live_server.url}/documents/{statement.document_id}/#s{statement.pk}"
        f" Statement: {live_server.url}/statements/{statement.pk}/"
    )
    assert statement.document.title in copied

    # Without a clipboard: the citation in a text box, selected.
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(live_server.url + "/")
    card = page.locator(f"#statement-{statement.pk}")
    card.locator("button.cite").click()
    box = card.locator("textarea.citation")
    expect(box).to_be_visible()
    assert box.input_value() == copied
    page.screenshot(path=str(screenshot_dir / "cite-fallback.png"))

    # The date is the card's permalink.
    card.locator("a.permalink").click()
    page.wait_for_url(f"**/statements/{statement.pk}/")
    assert statement.speaker.name in page.title()


def test_cards_quote_the_speakers_own_words(page: Page, live_server, settings, screenshot_dir):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from config.celery import app

    app.conf.task_always_eager = True
    try:
        call_command("load_officials")
        call_command("ingest", str(DEMO_CORPUS / "manifest.jsonl"))
    finally:
        app.conf.task_always_eager = False
    page.goto(live_server.url + "/")
    framed = page.locator("article.statement-card p.framing")
    expect(framed.first).to_be_visible()
    card = framed.first.locator("xpath=ancestor::article")
    card.screenshot(path=str(screenshot_dir / "own-words-card.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    card.screenshot(path=str(screenshot_dir / "own-words-card-phone.png"))
    quote = card.locator("blockquote.quote").inner_text()
    said = quote.split("“", 1)[1]
    assert said.endswith("”") and "”" not in said[:-1]  # the marks enclose the words only
    card.locator("a.permalink").click()
    expect(page.locator(".in-context mark")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "statement-own-words.png"), full_page=True)
