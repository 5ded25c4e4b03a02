"""Real Celery workers in subprocesses, on the test database and the test Redis database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from config.celery import app
from statements.models import Document
from tests.conftest import ROOT


class WorkerProcess:
    """One `celery worker` subprocess; its log is kept in a file for failure messages."""

    def __init__(self, process: subprocess.Popen, log: Path) -> None:
        self.process, self.log = process, log

    def wait_until_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if " ready." in self.log.read_text(errors="replace"):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"the worker did not start:\n{self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes, as a crash or an OOM kill would."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def broker(transactional_db) -> str:
    """The test Redis database, emptied (queues and unacknowledged messages) before the test."""
    url = settings.CELERY_BROKER_URL
    if not url:
        pytest.skip("the worker tests need CELERY_BROKER_URL")
    redis.Redis.from_url(url).flushdb()
    return url


@pytest.fixture
def start_worker(broker, tmp_path) -> Iterator[Callable[..., WorkerProcess]]:
    """Start `celery -A <app> worker --pool=prefork -c1` against the test database."""
    started: list[WorkerProcess] = []

    def start(app: str = "config", **env: str) -> WorkerProcess:
        log = tmp_path / f"worker-{len(started)}.log"
        environment = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": broker,
            "CONN_MAX_AGE": "0",
            **env,
        }
        command = [sys.executable, "-m", "celery", "-A", app, "worker", "--pool=prefork", "-c1"]
        command += ["-n", f"test-{uuid.uuid4().hex[:8]}@%h", "--loglevel=INFO"]
        command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        with log.open("wb") as output:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=environment,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so kill() takes the pool too
            )
        worker = WorkerProcess(process, log)
        started.append(worker)
        worker.wait_until_ready()
        return worker

    yield start
    for worker in started:
        worker.stop()


def wait_for(predicate: Callable[[], object], what: str, timeout: float = 90) -> object:
    """Poll until ``predicate()`` is truthy; a deadline, not a timing assertion."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what} after {timeout}s")


def wait_until_finished(pk: int, **kwargs) -> Document:
    def finished():
        document = Document.objects.get(pk=pk)
        return document if document.status in (Document.Status.DONE, "failed") else None

    return wait_for(finished, f"document {pk} to finish", **kwargs)


@pytest.fixture
def broker_down():
    """Point the producer at a closed port, then back at the real Redis."""
    real = app.conf.broker_write_url

    def switch(url: str) -> None:
        # The connection and producer pools are made for one broker URL on first use; drop
        # them so the next use makes new ones for ``url``.
        app.conf.broker_write_url = url
        app.amqp._producer_pool = None
        app._pool = None

    switch("redis://127.0.0.1:9/0")
    yield lambda: switch(real)
    switch(real)
