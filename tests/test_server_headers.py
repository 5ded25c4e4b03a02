"""The real web server, as production runs it (gunicorn, DEBUG off): no Server banner, the
Content-Security-Policy on, no Server-Timing."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time

import pytest
from django.db import connection

from tests.conftest import ROOT
from tests.test_deploy import _env_example

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict  # the test database, which exists for this run
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def gunicorn():
    if connection.vendor != "postgresql":
        pytest.skip("gunicorn is started against the PostgreSQL test database")
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")},
        **_env_example(),
        "DATABASE_URL": _database_url(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "CACHE_URL": "locmemcache://",
    }
    env.pop("SERVER_TIMING", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--log-level", "warning"],
        cwd=ROOT,  # where gunicorn.conf.py is read from, as in the Dockerfile
        env=env,
    )
    try:
        for _ in range(150):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("HEAD", "/")
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=20)


def _get(port: int, path: str) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Host": "127.0.0.1"})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def test_gunicorn_names_no_server_and_sends_the_policy(gunicorn):
    for path in ("/health/", "/no-such-page/"):
        response = _get(gunicorn, path)
        assert response.status in (200, 404), path
        assert response.getheader("Server") is None, (path, response.getheader("Server"))
        assert response.getheader("Server-Timing") is None, path
        assert "default-src 'self'" in response.getheader("Content-Security-Policy", ""), path
