"""In a real browser: the speaker filter's search box (mouse and keyboard) and the documents
index with its whole-text search, at desktop width and at a 390 px phone width."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from statements.models import Document, Speaker
from statements.summary import summary_rebuild
from tests.factories import DocumentFactory, OutletFactory, SpeakerFactory, StatementFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture
def corpus():
    daily = OutletFactory(name="Invented Daily")
    wire = OutletFactory(name="Madeup Wire")
    people = [
        SpeakerFactory(name="Amina Invented", slug="amina-invented", side="pk", role="Minister"),
        SpeakerFactory(name="Bruno Madeup", slug="bruno-madeup", organization="Invented Office"),
        SpeakerFactory(name="Carla Example", slug="carla-example"),
    ]
    for i in range(40):  # enough speakers that a checkbox list would be long
        people.append(SpeakerFactory(name=f"Extra Speaker {i:02d}", slug=f"extra-{i:02d}"))
    officials = SpeakerFactory(
        name="Pakistani officials", slug="pakistani-officials", kind=Speaker.Kind.GROUP, side="pk"
    )
    for i, speaker in enumerate([*people, officials]):
        document = DocumentFactory(
            title=f"Invented report {i:02d}",
            outlet=daily if i % 2 else wire,
            kind=Document.Kind.BRIEFING if i % 5 == 0 else Document.Kind.ARTICLE,
            published_on=dt.date(2024, 1, 1) + dt.timedelta(days=i),
            text=f"Invented report {i}. The speaker spoke about the border."
            + (" Nobody quoted the line about the Chaman crossing reopening." if i == 3 else ""),
        )
        StatementFactory(speaker=speaker, document=document, text="The speaker spoke.")
    StatementFactory(speaker=people[0])  # Amina first: the most prolific
    summary_rebuild()


@pytest.mark.parametrize("size", SIZES)
def test_the_speaker_search_box_adds_speakers_to_the_filter(
    page: Page, live_server, corpus, screenshot_dir, size
):
    page.set_viewport_size(dict(zip(("width", "height"), SIZES[size], strict=True)))
    page.goto(live_server.url + "/")
    expect(page.locator(".results-head .lede strong")).to_have_text("45")
    assert page.locator("#filters input[name=speaker]").count() == 0  # no long list
    toggle = page.locator("button.filters-toggle")
    if toggle.is_visible():  # a phone: the filters fold away behind their button
        toggle.click()

    box = page.get_by_label("Add a speaker")
    box.fill("inv")
    options = page.locator("#speaker-options a.finder-option")
    expect(options).to_have_count(2)  # Amina Invented; Bruno Madeup (Invented Office)
    expect(page.locator("#speaker-options")).to_contain_text("People and institutions")
    if size == "phone":  # the box and its matches fit the phone's width
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(screenshot_dir / f"speaker-finder-{size}.png"), full_page=False)

    # Keyboard: Down into the matches, Enter adds the first.
    box.press("ArrowDown")
    expect(options.first).to_be_focused()
    page.keyboard.press("Enter")
    chosen = page.locator("#speaker-selected input[name=speaker][value=amina-invented]")
    expect(chosen).to_be_checked()
    expect(box).to_be_focused()
    expect(page).to_have_url(re.compile(r"speaker=amina-invented"))
    expect(page.locator(".results-head .lede strong")).to_have_text("2")

    # Mouse: the collective speakers are a group apart.
    box.fill("officials")
    expect(page.locator("#speaker-options")).to_contain_text("Unnamed groups")
    page.locator("#speaker-options a[data-slug=pakistani-officials]").click()
    expect(page).to_have_url(re.compile(r"speaker=pakistani-officials"))
    expect(page.locator(".results-head .lede strong")).to_have_text("3")
    # A chosen speaker is no longer offered.
    box.fill("amina")
    expect(page.locator("#speaker-options")).to_contain_text("No speaker matches")
    box.press("Escape")
    page.wait_for_timeout(400)  # longer than the search box's delay: nothing comes back
    expect(page.locator("#speaker-options a")).to_have_count(0)
    expect(box).to_have_value("")
    page.screenshot(path=str(screenshot_dir / f"speaker-filter-chosen-{size}.png"), full_page=False)

    # Unticking one narrows the filter again; the search box itself never became a filter.
    chosen.uncheck()
    expect(page.locator(".results-head .lede strong")).to_have_text("1")
    assert "q=" not in page.url

    # A reload keeps the chosen speakers ticked.
    page.reload()
    expect(page.locator("#speaker-selected input[value=pakistani-officials]")).to_be_checked()


@pytest.mark.parametrize("size", SIZES)
def test_the_documents_index_filters_and_searches_whole_texts(
    page: Page, live_server, corpus, screenshot_dir, size
):
    page.set_viewport_size(dict(zip(("width", "height"), SIZES[size], strict=True)))
    page.goto(live_server.url + "/documents/")
    expect(page.locator("#results .lede strong")).to_have_text("45")
    rows = page.locator("table.documents tbody tr")
    expect(rows).to_have_count(25)
    expect(page.locator(".pager")).to_contain_text("Page 1 of 2")
    if size == "phone":
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(screenshot_dir / f"documents-{size}.png"), full_page=False)

    page.get_by_label("Outlet").select_option(label="Invented Daily")
    expect(page.locator("#results .lede strong")).to_have_text("22")
    expect(page).to_have_url(re.compile(r"outlet=\d+"))
    page.get_by_label("Kind").select_option(label="Briefing transcript")
    expect(page.locator("#results .lede strong")).to_have_text("4")
    page.get_by_role("link", name="Clear all").click()
    expect(page.locator("#results .lede strong")).to_have_text("45")
    page.wait_for_load_state()

    # Words no statement holds, found in a document's text, shown in context.
    page.get_by_label("Search the documents' text").fill('"Chaman crossing"')
    expect(page.locator("#results .lede strong")).to_have_text("1")
    expect(page.locator("table.documents .snippet mark").first).to_have_text("Chaman")
    page.screenshot(path=str(screenshot_dir / f"documents-search-{size}.png"), full_page=False)
    page.locator("table.documents tbody a").first.click()
    expect(page.locator("h1")).to_have_text("Invented report 03")
