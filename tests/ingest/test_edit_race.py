"""Twenty races of an editor's save against a re-extraction of the same document by a real
worker, on the real database and broker: no edit may be lost or doubled.

Each trial re-extracts one document while an editor saves its first statement, through the
statement's own admin page or the document page's statements inline, at one of four moments:
while the worker extracts (before it locks the document), while the worker holds the lock
and replaces the statements (held there by ``gated_lock_celery``; the editor's save waits on
the lock, seen in pg_stat_activity), after the re-extraction committed, or at a moment left to
chance (the gate opened just before the save).
"""

import threading
import time

from django.db import connection, connections
from django.urls import reverse

from ingest.services import document_create, document_retry
from ingest.storing import document_process
from statements.models import Statement
from tests.ingest.admin_forms import change_form_data, inline_prefix
from tests.ingest.conftest import wait_for, wait_until_finished

MODES = ["while extracting", "under the lock", "after", "by chance"]
TRIALS = 20


def _lock_waiters() -> int:
    """Sessions on this database waiting for a lock (the editor's save, blocked)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


class Gates:
    """The worker's two gates (extraction, replacement under the lock) and their markers."""

    def __init__(self, folder) -> None:
        folder.mkdir()
        self.folder = folder
        self.extract, self.lock = folder / "open", folder / "open-lock"

    def env(self) -> dict:
        return {"INGEST_TEST_GATE": str(self.extract), "INGEST_TEST_LOCK_GATE": str(self.lock)}

    def close(self) -> None:
        for path in self.folder.iterdir():
            path.unlink()

    def wait(self, marker: str) -> None:
        wait_for(lambda: list(self.folder.glob(f"{marker}-*")), f"the worker to reach {marker}")


class Edit:
    """One editor's save, prepared from the page as they opened it."""

    def __init__(self, client, document, statement, trial: int, via: str) -> None:
        self.client, self.statement, self.via = client, statement, via
        if via == "statement page":
            self.url = reverse("admin:statements_statement_change", args=[statement.pk])
            self.data = change_form_data(client.get(self.url))
            # A corrected date: edited text must be words of the document (and then moves the
            # statement's span), which would make the rows harder to find here.
            self.day = f"2020-02-{trial + 1:02d}"
            self.data["said_on"] = self.day
        else:
            self.url = reverse("admin:statements_document_change", args=[document.pk])
            page = client.get(self.url)
            self.data = change_form_data(page)
            self.day = f"2020-01-{trial + 1:02d}"
            self.data[f"{inline_prefix(page, statement.pk)}-said_on"] = self.day
        self.response = None

    def save(self) -> None:
        try:
            self.response = self.client.post(self.url, self.data)
        finally:
            if threading.current_thread() is not threading.main_thread():
                connections.close_all()

    def outcome(self, document, count: int) -> str:
        """kept, refused (the form came back), doubled or lost."""
        rows = list(document.statements.filter(start=self.statement.start))
        if self.response.status_code not in (200, 302, 409):
            return f"answered {self.response.status_code}"
        if self.response.status_code != 302:
            return "refused"
        if len(rows) > 1 or document.statements.count() > count:
            return "doubled"
        if not rows or rows[0].review_status != Statement.Review.EDITED:
            return "lost"
        row = rows[0]
        applied = row.said_on is not None and row.said_on.isoformat() == self.day
        return "kept" if applied and row.pk == self.statement.pk else "lost"


def _documents(texts: list[str]):
    documents = []
    for trial in range(TRIALS):
        text = texts[trial % len(texts)] + f"\n\nCopy {trial} for the race test."
        stored = document_create(text=text, enqueue=False).document
        documents.append(document_process(document_id=stored.pk))
    return documents


def test_editor_saves_racing_reextractions_are_neither_lost_nor_doubled(
    start_worker, roles, editor, client, demo_texts, tmp_path
):
    gates = Gates(tmp_path / "gates")
    start_worker("tests.ingest.gated_lock_celery", **gates.env())
    client.force_login(editor)
    outcomes = []
    for trial, document in enumerate(_documents(list(demo_texts.values()))):
        mode, via = MODES[trial % 4], ("statement page", "document page")[trial // 4 % 2]
        statement = document.statements.order_by("start", "id").first()
        count = document.statements.count()
        edit = Edit(client, document, statement, trial, via)
        gates.close()
        document_retry(document=document)
        gates.wait("started")  # the worker is extracting; it has not locked the document
        if mode == "while extracting":
            edit.save()
            gates.lock.touch()
            gates.extract.touch()
        elif mode == "under the lock":
            gates.extract.touch()
            gates.wait("locked")  # the worker holds the lock, its new statements written
            saving = threading.Thread(target=edit.save)
            saving.start()
            wait_for(lambda t=saving: _lock_waiters() or not t.is_alive(), "the save to wait")
            gates.lock.touch()
            saving.join(timeout=90)
        elif mode == "after":
            gates.lock.touch()
            gates.extract.touch()
            wait_until_finished(document.pk)
            edit.save()
        else:
            gates.lock.touch()
            gates.extract.touch()
            time.sleep((0.0, 0.02, 0.05, 0.1, 0.2)[trial // 4])
            edit.save()
        try:
            finished = wait_until_finished(document.pk, timeout=30).status == "done"
        except AssertionError:  # a save that wrote back the document as it was before
            finished = False
        result = edit.outcome(document, count) if finished else "document left unfinished"
        outcomes.append((trial, mode, via, result))

    bad = [o for o in outcomes if o[3] != "kept"]
    tally = {}
    for *_, result in outcomes:
        tally[result] = tally.get(result, 0) + 1
    assert not bad, f"{tally} in {TRIALS} trials; not kept: {bad}"
