"""A database outage: a real 503 page (not Django's bare 500), and no upload form emptied.

The 503 page is checked against a real server (gunicorn) whose database is a closed port. The
upload form is checked against a real database that refuses writes, as one does while it
fails over (a read-only transaction): nothing is stored and the form comes back filled in.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.db import connection
from django.urls import reverse

from statements.models import Document
from tests.conftest import ROOT

PASTED = (
    "An invented briefing.\n\nThe spokesperson said the talks would go on next week in the "
    "capital, with both delegations and their advisers present."
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server_env(tmp_path, database_port: int) -> dict[str, str]:
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "SECRET_KEY", "CELERY_BROKER_URL"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    return {
        **env,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{database_port}/ctwatch",
        "STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }


@pytest.fixture(scope="module")
def server_without_database(tmp_path_factory):
    """A gunicorn serving the app, whose database is a port nothing listens on."""
    tmp_path = tmp_path_factory.mktemp("server")
    env = _server_env(tmp_path, _free_port())
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )
    port = _free_port()
    log = (tmp_path / "server.log").open("wb")  # a file: a pipe nobody reads would fill up
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError as error:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError((tmp_path / "server.log").read_text()) from error
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def _get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_a_database_outage_answers_a_503_page_in_the_sites_style(server_without_database):
    for path in ("/", "/pledges/", "/context/", "/speakers/", "/statements/1/"):
        status, headers, body = _get(server_without_database + path)
        assert status == 503, (path, status, body[:500])
        assert headers["Retry-After"] == "60"
        assert headers["Content-Type"].startswith("text/html")
        assert "try again in a minute" in body
        assert 'class="site-header"' in body and "/static/css/app" in body  # the site's page
        assert "Server Error (500)" not in body


def test_health_says_the_database_is_down_with_a_503(server_without_database):
    status, headers, body = _get(server_without_database + "/health/")
    assert status == 503
    report = json.loads(body)
    assert report["status"] == "down" and report["database"] == "down"
    assert report["cache"] == "ok"


@pytest.fixture
def read_only_database(db):
    """From here on the database refuses every write (reads still work), as during a
    fail-over; writable again afterwards."""
    with connection.cursor() as cursor:
        cursor.execute("SET SESSION default_transaction_read_only = on")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET SESSION default_transaction_read_only = off")


@pytest.mark.django_db(transaction=True)
def test_an_upload_the_database_refuses_comes_back_filled_in(client, roles, editor, request):
    client.force_login(editor)
    request.getfixturevalue("read_only_database")
    response = client.post(
        reverse("ingest:upload"),
        {"source": "text", "text": PASTED, "title": "Invented title", "outlet": "Invented Post"},
    )
    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "nothing was stored" in body and "again in a minute" in body
    # still in the form:
    assert "The spokesperson said the talks would go on next week in the" in body
    assert 'value="Invented title"' in body and 'value="Invented Post"' in body
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_the_upload_page_keeps_a_draft_until_the_server_accepts_it(client, editor):
    """The browser-side safeguard is wired in: the form is marked, the script is loaded, and
    the pages an accepted upload leads to are named for the script to drop the draft."""
    client.force_login(editor)
    body = client.get(reverse("ingest:upload")).content.decode()
    assert "data-keep-draft" in body and "js/draft.js" in body
    assert 'data-view="ingest:upload"' in body
