import json
from io import StringIO

import pytest
from django.core.management import call_command

from ingest.models import UrlFetch
from statements.models import Document
from tests.conftest import DEMO_CORPUS


def test_extract_prints_one_json_object_per_file_without_a_database():
    path = sorted(DEMO_CORPUS.glob("*.txt"))[0]
    out = StringIO()
    call_command("extract", str(path), "--published", "2024-05-15", "--format", "json", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]
    assert len(lines) == 1
    payload = lines[0]
    assert payload["file"] == str(path)
    assert {"statements", "organizations", "places", "statistics"} <= payload.keys()
    statement = payload["statements"][0]
    assert statement["speaker"]
    assert {"said_on", "date_precision", "direct", "start", "end", "is_pledge"} <= statement.keys()


@pytest.mark.django_db
def test_ingest_stores_the_demo_manifest_once_and_reports_duplicates(
    django_capture_on_commit_callbacks,
):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=False):
        call_command("ingest", str(DEMO_CORPUS / "manifest.jsonl"), stdout=out)
    assert "5 stored, 0 duplicate, 0 rejected" in out.getvalue()
    out = StringIO()
    call_command("ingest", str(DEMO_CORPUS / "manifest.jsonl"), stdout=out)
    assert "0 stored, 5 duplicate, 0 rejected" in out.getvalue()
    assert Document.objects.count() == 5
    assert Document.objects.get(title__startswith="Pakistan and the US talk").published_on


@pytest.mark.django_db
def test_ingest_reports_bad_manifest_lines_and_stores_nothing_for_them(tmp_path):
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"text": "   "}\nnot json\n{"url": "x"}\n', encoding="utf-8")
    out = StringIO()
    call_command("ingest", str(manifest), stdout=out)
    assert "0 stored, 0 duplicate, 3 rejected" in out.getvalue()
    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_ingest_queues_manifest_urls_once_and_reports_them(tmp_path):
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(
        '{"url": "https://example.com/news/1", "outlet": "Invented Wire"}\n'
        '{"url": "https://example.com/news/1#again"}\n'
        '{"url": "http://169.254.169.254/latest/meta-data"}\n'
        "[1, 2]\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("ingest", str(manifest), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"[1/4] {manifest}:1: queued: fetch")
    assert "[3/4]" in lines[2] and "private or internal" in lines[2]
    assert "0 stored, 0 duplicate, 2 rejected, 2 queued for fetching" in lines[-1]
    fetch = UrlFetch.objects.get()
    assert (fetch.url, fetch.outlet) == ("https://example.com/news/1", "Invented Wire")
    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_generate_corpus_writes_invented_documents_with_their_statements():
    from ingest.synthetic import corpus
    from statements.models import Statement

    out = StringIO()
    call_command("generate_corpus", "--documents", "4", "--seed", "3", stdout=out)
    expected = list(corpus(3, 4, statements_per_article=10))
    assert "Generated 4 documents" in out.getvalue()
    assert sorted(Document.objects.values_list("title", flat=True)) == sorted(
        d.title for d in expected
    )
    assert Statement.objects.count() == sum(len(d.statements) for d in expected) > 0
