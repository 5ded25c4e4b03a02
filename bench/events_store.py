"""Storing one document's attacks into a large corpus: merging, figures and reactions.

    DATABASE_URL=postgres://.../ctwatch_bench python bench/events_store.py

Runs the pipeline's event stage (``events_store_for_document``: candidates, merge, bulk
writes, reaction links both ways) on the invented Turbat reports of tests/event_documents.py,
stored as new documents, inside a transaction that is rolled back: the database is left as it
was. Prints, per document, the median of five runs and the number of queries.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from ingest.extraction import extract
    from statements.events import events_store_for_document
    from statements.models import Document, Event, Statement
    from tests import event_documents as D

    print(f"{Statement.objects.count():,} statements, {Event.objects.count():,} events")  # noqa: T201
    for name in ("LEDGER", "WIRE", "MERIDIAN", "CONDEMNATION", "LAKKI"):
        text, day = getattr(D, name), D.PUBLISHED[name]
        found = extract(text, day).events
        times, queries = [], 0
        for run in range(5):
            with transaction.atomic():
                document = Document.objects.create(
                    text=text, published_on=day, content_hash=f"bench-{name}-{run}"
                )
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    events_store_for_document(document, found)
                    times.append((time.perf_counter() - started) * 1000)
                queries = len(captured.captured_queries)
                transaction.set_rollback(True)
        print(  # noqa: T201
            f"{name:13} {len(found)} events  {statistics.median(times):6.1f} ms  {queries} queries"
        )


if __name__ == "__main__":
    main()
