"""Pages under load while two workers ingest: what analysts see during a backfill.

    createdb -T ctwatch_bench ctwatch_busy   # a fresh copy: this adds documents to it
    DATABASE_URL=postgres://.../ctwatch_busy CELERY_BROKER_URL=redis://127.0.0.1:6379/10 \\
        python bench/pages_while_ingesting.py --documents 3000 --requests 300

Uploads invented news-length documents (as ``document_create`` does for an editor), starts a
real worker (``celery worker -c 2``) and, while it works through them, loads the timeline and
the speaker page with 10 concurrent clients on gunicorn. Every stored document invalidates the
cached aggregates, so the pages mostly pay their cold cost here, on cores the workers share.
Prints the pages' figures and the ingest rate over the same time.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# As bench.*: "ingest" alone is the Django app.
from bench.ingest import _start_worker  # noqa: E402  (the ingest benchmark's worker)
from bench.pages import ENV, collect_static, load, pages, start_server  # noqa: E402

MEASURED = ("timeline", "timeline, speaker filter", "timeline, full-text search", "speaker page")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=3000)
    parser.add_argument("--requests", type=int, default=300, help="requests per page")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--seed", type=int, default=4242, help="of the invented documents")
    args = parser.parse_args()
    if not os.environ.get("CELERY_BROKER_URL"):
        raise SystemExit("set CELERY_BROKER_URL to a Redis broker")
    os.environ.update({**ENV, "DJANGO_SETTINGS_MODULE": "config.settings"})
    collect_static()
    targets = {name: path for name, path in pages().items() if name in MEASURED}

    from config.celery import app
    from ingest.services import document_create
    from ingest.synthetic import corpus
    from statements.models import Document

    app.control.purge()
    pending = Document.objects.exclude(status="done").count()
    if pending:
        raise SystemExit(f"{pending} documents are not done yet; start from a finished database")
    for document in corpus(args.seed, args.documents, transcript_share=0):
        document_create(text=document.text)
    server = start_server(args.port, 4)
    worker = _start_worker(2)
    rows = []
    try:
        time.sleep(3)  # let the worker connect
        done_before = Document.objects.filter(status="done").count()
        started = time.perf_counter()
        for name, path in targets.items():
            rows.append((name, load(args.port, path, args.clients, args.requests)))
        elapsed = time.perf_counter() - started
        done = Document.objects.filter(status="done").count() - done_before
        left = Document.objects.exclude(status="done").count()
    finally:
        worker.terminate()
        worker.wait(30)
        server.terminate()
        server.wait(10)
    print(f"\n{done} documents ingested in {elapsed:.0f} s ({done / elapsed:.1f} docs/s) while")  # noqa: T201
    print(f"the pages were loaded; {left} still queued at the end.\n")  # noqa: T201
    print("| page | clients | server p50 ms | server p95 ms | client p95 ms | req/s |")  # noqa: T201
    print("| --- | ---: | ---: | ---: | ---: | ---: |")  # noqa: T201
    for name, s in rows:
        print(  # noqa: T201
            f"| {name} | {args.clients} | {s['server_p50']:.1f} | {s['server_p95']:.1f} | "
            f"{s['wall_p95']:.1f} | {s['rps']:.0f} |"
        )


if __name__ == "__main__":
    main()
