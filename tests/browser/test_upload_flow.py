"""An editor's upload in a real browser: sign in, paste, watch the status follow a real worker
through htmx polling to the highlighted statements; a bad file gets a message."""

import re

import pytest
from playwright.sync_api import Page, expect

from statements.models import Document, Statement
from tests.factories import UserFactory
from tests.ingest import conftest as ingest_fixtures

# The real-worker fixtures of the ingest tests, shared here.
broker = ingest_fixtures.broker
wait_for = ingest_fixtures.wait_for
start_worker = ingest_fixtures.start_worker

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor_login(roles, settings):
    from django.contrib.auth.models import Group

    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    user = UserFactory(username="new-editor", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    return "new-editor", "secret-pass-123"


def _sign_in(page: Page, base: str, credentials) -> None:
    page.goto(base + "/accounts/login/?next=/ingest/upload/")
    page.get_by_label("Username").fill(credentials[0])
    page.get_by_label("Password").fill(credentials[1])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Upload a document")).to_be_visible()


def test_an_editor_uploads_pasted_text_and_watches_it_processed(
    page: Page, live_server, editor_login, start_worker, demo_texts, tmp_path, screenshot_dir
):
    gate = tmp_path / "gate" / "open"
    gate.parent.mkdir()
    start_worker("tests.ingest.gated_celery", INGEST_TEST_GATE=str(gate))
    _sign_in(page, live_server.url, editor_login)

    page.get_by_label("Paste text").fill(next(iter(demo_texts.values())))
    page.get_by_label("Outlet").fill("The Invented Herald")
    page.get_by_role("button", name="Upload", exact=True).click()

    status = page.locator("#ingest-status")
    expect(page).to_have_url(re.compile(r"/ingest/documents/\d+/$"))
    expect(status).to_contain_text("Processing")  # the worker holds it at the gate
    gate.touch()
    expect(status).to_contain_text("Done:", timeout=60_000)  # swapped in by htmx polling
    expect(status).to_contain_text("statements found")
    expect(status.locator(".document-text mark").first).to_be_visible()
    document = Document.objects.get()
    assert document.status == Document.Status.DONE and document.statements.exists()
    page.screenshot(path=str(screenshot_dir / "upload.png"), full_page=True)

    status.get_by_role("link", name="Open the analysts' page").click()
    expect(page.locator(".document-text mark").first).to_be_visible()


def test_a_bad_file_gets_a_message_and_leaves_no_row(
    page: Page, live_server, editor_login, screenshot_dir
):
    _sign_in(page, live_server.url, editor_login)
    page.get_by_label("or upload a file").set_input_files(
        files=[{"name": "photo.pdf", "mimeType": "application/pdf", "buffer": b"\x89PNG\r\n"}]
    )
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("photo.pdf is not a PDF file")
    assert Document.objects.count() == 0
    page.screenshot(path=str(screenshot_dir / "upload-error.png"), full_page=True)


def test_an_editors_correction_survives_reextraction(
    page: Page, live_server, editor_login, start_worker, demo_texts
):
    start_worker()
    _sign_in(page, live_server.url, editor_login)
    page.get_by_label("Paste text").fill(next(iter(demo_texts.values())))
    page.get_by_role("button", name="Upload", exact=True).click()
    status = page.locator("#ingest-status")
    expect(status).to_contain_text("Done:", timeout=60_000)
    document_url = page.url

    statement = Document.objects.get().statements.order_by("start").first()
    page.goto(f"{live_server.url}/admin/statements/statement/{statement.pk}/change/")
    # Words the source never printed are refused; the span is corrected by the document's words.
    page.locator("#id_text").fill(statement.text + " [corrected by the desk]")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text("not in the document")
    words = statement.text.split()
    trimmed = " ".join(words[len(words) // 2 :])
    page.locator("#id_text").fill(trimmed)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    corrected = Statement.objects.get(pk=statement.pk)
    assert corrected.start > statement.start and corrected.end == statement.end

    page.goto(document_url)
    before = Document.objects.get().processed_at
    page.get_by_role("button", name="Re-extract").click()
    expect(status).to_contain_text("Done:", timeout=60_000)
    wait_for(
        lambda: Document.objects.filter(status="done", processed_at__gt=before).exists(),
        "the re-extraction",
    )
    assert Document.objects.get().attempts == 1  # a retry counts its attempts afresh

    page.goto(f"{live_server.url}/statements/{statement.pk}/")
    expect(page.locator("main")).to_contain_text(trimmed)
    # The source highlight is on the corrected span: its words, not the framing cut away.
    expect(page.locator("section.in-context mark")).to_have_text(trimmed)
    expect(page.locator("section.review")).to_contain_text("Edited by new-editor")
