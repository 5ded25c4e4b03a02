"""A new editor's day at the desk, in a real browser on the live server with a real Celery
worker: upload an article, review its statements with the keyboard alone, correct a speaker,
a date and a span, merge two spellings of one official, see every correction at once as an
analyst (a fresh browser, no cache of its own), re-extract, and find the corrections kept and
their old values in the history."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Browser, Page, expect

from statements.models import Document, Speaker, Statement
from tests.browser.span_selection import select_with_mouse
from tests.browser.test_content_security_policy import REPORT_VIOLATIONS
from tests.factories import DocumentFactory, StatementFactory, UserFactory
from tests.ingest import conftest as ingest_fixtures

broker = ingest_fixtures.broker
start_worker = ingest_fixtures.start_worker
wait_for = ingest_fixtures.wait_for

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

ARTICLE = (Path(__file__).parent / "walkthrough_article.txt").read_text()
OLDER = "Pakistan will not allow its territory to be used against any country."
LATER = "later told a separate gathering of journalists"
SPAN_FROM, SPAN_TO = "Pakistan's Foreign Office on Thursday", "from its soil"


@pytest.fixture
def desk(roles, settings):
    """An editor, and an older document in which one official is spelt another way."""
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    user = UserFactory(username="desk-editor", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    short = Speaker.objects.create(
        name="Mumtaz Baloch", slug="mumtaz-baloch", role="Spokesperson", side="pk"
    )
    text = f"An invented earlier briefing. {OLDER} That was all."
    older = DocumentFactory(title="An invented earlier briefing", text=text)
    start = text.index(OLDER)
    StatementFactory(
        document=older,
        speaker=short,
        text=OLDER,
        start=start,
        end=start + len(OLDER),
        said_on=dt.date(2024, 2, 8),
    )


def _sign_in(page: Page, url: str) -> None:
    page.goto(url)
    page.get_by_label("Username").fill("desk-editor")
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Sign in").click()


def _settled(panel) -> None:
    expect(panel).not_to_have_class(re.compile("htmx-(settling|added|swapping)"))


def _review_with_the_keyboard(
    page: Page, base: str, document: Document, shots: Path
) -> dict[str, int]:
    """Every statement of the document, in its order: the lead's speaker corrected, the later
    remark's date corrected to the month, the rest verified. Returns the two corrected ids."""
    page.goto(f"{base}/review/?document={document.pk}")
    panel = page.locator("#review-panel")
    left = document.statements.count()
    expect(panel.locator(".review-left strong")).to_have_text(str(left))
    for width in (1440, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=shots / f"walkthrough-queue-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1440, "height": 900})
    page.evaluate("window.stillTheSamePage = true")
    corrected = {}
    while left:
        pk = int(panel.locator("article.review-item").get_attribute("data-statement"))
        statement = Statement.objects.select_related("speaker").get(pk=pk)
        if "lead" not in corrected and statement.speaker.name != "Mumtaz Zahra Baloch":
            corrected["lead"] = pk  # the Foreign Office's rejection, voiced at her briefing
            page.keyboard.press("e")
            expect(page.locator("#review-speaker")).to_be_focused()
            page.keyboard.type("Mumtaz Zahra Baloch")
            page.keyboard.press("Escape")
            page.keyboard.press("s")
        elif LATER in statement.text:
            corrected["later"] = pk  # "later": the day is not known, the month is
            page.keyboard.press("e")
            page.keyboard.press("Tab")
            expect(page.locator("#review-said-on")).to_be_focused()
            page.keyboard.press("Control+a")
            page.keyboard.type("2024-03")
            page.keyboard.press("Escape")
            page.screenshot(path=shots / "walkthrough-queue-editing.png", full_page=True)
            page.keyboard.press("s")
        else:
            page.keyboard.press("v")
        left -= 1
        expect(panel.locator(".review-left strong")).to_have_text(str(left))
        _settled(panel)
    expect(panel).to_contain_text("Nothing left to review here.")
    assert set(corrected) == {"lead", "later"}, f"the article's statements changed: {corrected}"
    assert page.evaluate("window.stillTheSamePage") is True  # htmx swaps, no page loads
    return corrected


def _merge_the_two_spellings(page: Page, base: str) -> None:
    page.goto(f"{base}/admin/statements/speaker/?q=Baloch")
    for name in ("Mumtaz Baloch", "Mumtaz Zahra Baloch"):
        row = page.locator("#result_list tr", has=page.get_by_role("link", name=name, exact=True))
        row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option(label="Merge the selected speakers into one")
    page.get_by_role("button", name="Go").click()
    page.get_by_label(re.compile(r"^\s*Mumtaz Zahra Baloch")).check()
    page.get_by_role("button", name="Merge into the chosen speaker").click()
    expect(page.locator(".messagelist")).to_contain_text("Merged 1 speakers into Mumtaz Zahra")


def test_an_editors_day_at_the_desk(
    page: Page, browser: Browser, live_server, desk, start_worker, screenshot_dir
):
    start_worker()
    problems: list[str] = []
    page.add_init_script(REPORT_VIOLATIONS)
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.set_default_navigation_timeout(30_000)
    page.context.set_default_timeout(15_000)
    page.set_viewport_size({"width": 1440, "height": 900})
    base = live_server.url

    # 1. Upload the article; a real worker extracts it.
    _sign_in(page, f"{base}/accounts/login/?next=/ingest/upload/")
    page.get_by_label("Paste text").fill(ARTICLE)
    page.get_by_label("Outlet").fill("The Invented Ledger")
    page.get_by_label("Published").fill("2024-03-14")
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.locator("#ingest-status")).to_contain_text("Done:", timeout=90_000)
    document = Document.objects.exclude(title="An invented earlier briefing").get()
    assert document.statements.count() >= 8

    # An analyst, in a browser of their own, has the pages open before any correction (so
    # whatever they cache is cached).
    analyst = browser.new_context().new_page()
    timeline = f"{base}/?speaker=mumtaz-zahra-baloch"
    statements = document.statements.order_by("start")
    lead_url = f"/statements/{statements.first().pk}/"
    later_url = f"/statements/{statements.get(text__contains=LATER).pk}/"
    analyst.goto(timeline)
    expect(analyst.locator("main")).not_to_contain_text(OLDER)
    expect(analyst.locator(f'main a.permalink[href$="{lead_url}"]')).to_have_count(0)
    analyst.goto(base + later_url)
    expect(analyst.locator("h1")).to_contain_text("14 Mar 2024")

    # 2. Review with the keyboard alone, correcting a speaker and a date on the way.
    corrected = _review_with_the_keyboard(page, base, document, screenshot_dir)
    lead = Statement.objects.get(pk=corrected["lead"])
    later = Statement.objects.get(pk=corrected["later"])
    old_lead_speaker = lead.history.earliest("history_date").speaker.name
    assert lead.speaker.name == "Mumtaz Zahra Baloch" and lead.review_status == "edited"
    assert (later.said_on, later.date_precision) == (dt.date(2024, 3, 1), "month")
    assert document.statements.filter(review_status="auto").count() == 0
    assert (base + lead_url, base + later_url) == (
        f"{base}/statements/{lead.pk}/",
        f"{base}/statements/{later.pk}/",
    )
    analyst.goto(timeline)  # her statements now include the lead
    expect(analyst.locator(f'main a.permalink[href$="{lead_url}"]')).to_have_count(1)
    analyst.goto(base + lead_url)
    expect(analyst.locator("h1")).to_contain_text("Mumtaz Zahra Baloch")
    analyst.goto(base + later_url)
    expect(analyst.locator("h1")).to_contain_text("March 2024")
    expect(analyst.locator("h1")).not_to_contain_text("14")

    # 3. Correct the lead's span by selecting the Foreign Office's own words with the mouse.
    text = document.text
    words = text[text.index(SPAN_FROM) : text.index(SPAN_TO) + len(SPAN_TO)]
    page.goto(f"{base}/admin/statements/statement/{lead.pk}/change/")
    select_with_mouse(page, words)
    page.get_by_role("button", name="Use selection as the statement").click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    lead.refresh_from_db()
    assert (lead.start, lead.end) == (text.index(SPAN_FROM), text.index(SPAN_TO) + len(SPAN_TO))
    analyst.goto(f"{base}/statements/{lead.pk}/")
    expect(analyst.locator("section.in-context mark")).to_have_text(words)

    # 4. Merge the two spellings; the older remark joins her statements, the old slug leads on.
    _merge_the_two_spellings(page, base)
    analyst.goto(f"{base}/speakers/mumtaz-baloch/")
    expect(analyst).to_have_url(re.compile(r"/speakers/mumtaz-zahra-baloch/$"))
    expect(analyst.locator("main")).to_contain_text(OLDER)
    analyst.goto(f"{base}/?speaker=mumtaz-zahra-baloch")
    expect(analyst.locator("main")).to_contain_text(OLDER)

    # 5. Re-extract the document from the admin: every correction is kept.
    before = Document.objects.get(pk=document.pk).processed_at
    page.goto(f"{base}/admin/statements/document/?q={document.title[:30]}")
    page.locator("#result_list input.action-select").first.check()
    page.locator("select[name=action]").select_option(
        label="Re-extract (statements editors reviewed are kept)"
    )
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("1 documents queued")
    wait_for(
        lambda: Document.objects.filter(
            pk=document.pk, status="done", processed_at__gt=before
        ).exists(),
        "the re-extraction",
    )
    lead.refresh_from_db()
    later.refresh_from_db()
    assert lead.speaker.name == "Mumtaz Zahra Baloch" and lead.text == words
    assert (later.said_on, later.date_precision) == (dt.date(2024, 3, 1), "month")
    analyst.goto(f"{base}/statements/{lead.pk}/")
    expect(analyst.locator("section.in-context mark")).to_have_text(words)
    expect(analyst.locator("h1")).to_contain_text("Mumtaz Zahra Baloch")

    # 6. The history keeps who changed what, and every old value.
    page.goto(f"{base}/admin/statements/statement/{lead.pk}/history/")
    history = page.locator("#change-history")
    expect(history).to_contain_text(f"Speaker: {old_lead_speaker} → Mumtaz Zahra Baloch")
    expect(history.locator("del", has_text=SPAN_FROM).first).to_contain_text("ISLAMABAD")
    expect(history).to_contain_text("desk-editor")
    expect(history).to_contain_text("Edited in the review queue.")
    page.screenshot(path=screenshot_dir / "walkthrough-history.png", full_page=True)
    page.goto(f"{base}/admin/statements/statement/{later.pk}/history/")
    expect(page.locator("#change-history")).to_contain_text("Said on: 2024-03-14 → 2024-03-01")
    expect(page.locator("#change-history")).to_contain_text("Date precision: day → month")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=screenshot_dir / "walkthrough-history-390.png", full_page=True)
    assert not problems, problems  # no policy violation, no script error
