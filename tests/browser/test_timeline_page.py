"""The first page in a real browser: the demo corpus, processed, shown as statements."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.conftest import DEMO_CORPUS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_corpus(settings):
    # In-process processing, as `make run` does without a broker.
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from config.celery import app

    app.conf.task_always_eager = True
    try:
        call_command("load_officials")
        call_command("ingest", str(DEMO_CORPUS / "manifest.jsonl"))
    finally:
        app.conf.task_always_eager = False


def test_the_first_page_shows_extracted_statements_with_speakers(
    page: Page, live_server, demo_corpus, screenshot_dir
):
    page.goto(live_server.url + "/")
    cards = page.locator("article.statement-card")
    expect(cards.first).to_be_visible()
    assert cards.count() >= 5
    expect(cards.first.locator(".speaker")).not_to_be_empty()
    page.screenshot(path=str(screenshot_dir / "timeline.png"), full_page=True)

    cards.first.locator("a.source").click()
    expect(page.locator(".document-text mark").first).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "document.png"), full_page=True)


def test_hostile_document_text_does_not_run_in_the_browser(page: Page, live_server):
    from tests.factories import DocumentFactory, StatementFactory

    hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> said X.'
    document = DocumentFactory(text=hostile)
    StatementFactory(document=document, text=hostile, start=0, end=len(hostile))
    dialogs = []
    page.on("dialog", lambda d: dialogs.append(d))
    for path in ("/", f"/documents/{document.pk}/"):
        page.goto(live_server.url + path)
        expect(page.get_by_text("window.__pwned=2").first).to_be_visible()
        assert page.evaluate("window.__pwned === undefined")
    assert dialogs == []
