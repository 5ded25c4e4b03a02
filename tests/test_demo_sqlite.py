"""`make run`'s database is SQLite: the demo corpus goes through the real pipeline into it, and
every reading page answers. (The rest of the suite runs on PostgreSQL.)"""

import os
import subprocess
import sys

from tests.conftest import DEMO_CORPUS, ROOT

SCRIPT = """
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from statements.models import MonthlyCount, Speaker, Statement
from statements.summary import summary_rebuild

call_command("migrate", verbosity=0)
call_command("load_officials", verbosity=0)
call_command("ingest", sys.argv[1], verbosity=0)
assert Statement.objects.count() > 20, Statement.objects.count()
key = ("month", "speaker_id", "is_pledge", "verified", "has_topic", "topic_id", "armed_group_id")
def rows():
    found = MonthlyCount.objects.values_list(*key, "n", "first_said", "last_said")
    return sorted(found, key=repr)
kept = rows()
summary_rebuild()
assert kept == rows(), "the summary kept on write differs from a rebuild"
speaker = Speaker.objects.filter(statements__isnull=False).first()
statement = Statement.objects.first()
client = Client()
pages = [
    "/", "/?q=border&sort=relevance", "/?topic=border-security&since=2022-01-01&pledges=on",
    "/?stack=speaker", f"/?speaker={speaker.slug}", "/pledges/", "/pledges/?side=us",
    "/context/", "/speakers/", f"/speakers/{speaker.slug}/", f"/statements/{statement.pk}/",
    f"/documents/{statement.document_id}/", "/export.csv", "/export.json", "/feed.atom",
    "/documents/", "/documents/?q=border&kind=article&outlet=1&page=2", "/?outlet=1",
    "/speaker-search/?q=of",
]
failed = []
for page in pages:
    response = client.get(page)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.status_code != 200 or not body:
        failed.append((page, response.status_code))
assert not failed, failed
# Whole-document search without PostgreSQL: every word, the match marked in a snippet.
found = client.get("/documents/?q=border").content.decode()
assert "<mark>border</mark>" in found.lower() and " 0 documents" not in found, found[-3000:]
# The search box's example, with its operators, finds statements on SQLite too.
from statements.forms import StatementFilterForm
example = StatementFilterForm().fields["q"].widget.attrs["placeholder"].removeprefix("e.g. ")
body = client.get("/", {"q": example}).content.decode()
assert "No statement matches" not in body and "<article" in body, example
print("ok", len(pages))
"""


def test_the_demo_runs_on_sqlite_through_the_pipeline(tmp_path):
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "true",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    result = subprocess.run(
        [sys.executable, "-c", "import sys; " + SCRIPT, str(DEMO_CORPUS / "manifest.jsonl")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0 and "ok" in result.stdout, result.stdout + result.stderr[-3000:]
