"""Ingest benchmark: documents per second end to end through Celery workers on Redis.

    DATABASE_URL=postgres://.../ctwatch_ingestbench CELERY_BROKER_URL=redis://127.0.0.1:6379/10 \
        python bench/ingest.py --documents 2000 --concurrency 1 2

Each round starts from an empty database, starts a real worker (`celery worker -c N`), stores
invented news-length documents through ``document_create`` (which enqueues them on commit), and
times until every document is done. It also samples the worker processes' resident memory, to
show whether it stays flat over a long backfill. Everything runs on this machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "LOG_LEVEL": "WARNING",
    "DJANGO_SETTINGS_MODULE": "config.settings",
}


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (Linux /proc)."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        status = Path(f"/proc/{p}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


def _start_worker(concurrency: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-c",
            str(concurrency),
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env={**os.environ, **ENV},
        stdout=subprocess.DEVNULL,  # the worker's banner
    )


def _wait_done(
    documents: int, worker: subprocess.Popen, memory: list[float], progress: list[tuple]
) -> int:
    from statements.models import Document

    while (done := Document.objects.filter(status="done").count()) < documents:
        if failed := Document.objects.filter(status="failed").count():
            raise SystemExit(f"{failed} documents failed")
        memory.append(rss_mb(worker.pid))
        progress.append((time.perf_counter(), done))
        time.sleep(0.5)
    memory.append(rss_mb(worker.pid))
    progress.append((time.perf_counter(), done))
    return done


def _figure(rate: float) -> str:
    return "–" if rate != rate else f"{rate:.1f}"  # NaN: no two samples in that stretch


def _rate(progress: list[tuple], low: float, high: float) -> float:
    """Documents per second while the done count went from ``low`` to ``high`` (fractions)."""
    total = progress[-1][1]
    inside = [(t, n) for t, n in progress if low * total <= n <= high * total]
    if len(inside) < 2 or inside[-1][0] == inside[0][0]:
        return float("nan")
    return (inside[-1][1] - inside[0][1]) / (inside[-1][0] - inside[0][0])


def round_(documents: int, concurrency: int, seed: int, preload: bool) -> dict:
    """One measurement from an empty database. With ``preload`` every document is uploaded
    first and only the workers' processing is timed; otherwise uploads and processing overlap
    and the clock runs from the first upload to the last document done."""
    from django.core.management import call_command

    from config.celery import app
    from ingest.services import document_create
    from ingest.synthetic import corpus
    from statements.models import Statement

    call_command("flush", interactive=False, verbosity=0)
    app.control.purge()
    texts = [d.text for d in corpus(seed, documents, transcript_share=0)]
    worker = None
    try:
        if not preload:
            worker = _start_worker(concurrency)
            time.sleep(3)  # let the worker connect
        started = time.perf_counter()
        for text in texts:
            document_create(text=text)
        if preload:
            worker = _start_worker(concurrency)
            time.sleep(3)
            started = time.perf_counter()
        memory = [rss_mb(worker.pid)]
        progress = [(started, 0)]
        done = _wait_done(documents, worker, memory, progress)
        elapsed = time.perf_counter() - started
        return {
            "documents": done,
            "statements": Statement.objects.count(),
            "seconds": elapsed,
            "docs_per_s": done / elapsed,
            "rss_start": memory[0],
            "rss_peak": max(memory),
            "rss_end": memory[-1],
            "first_fifth": _rate(progress, 0.0, 0.2),
            "last_fifth": _rate(progress, 0.8, 1.0),
        }
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--preload", action="store_true", help="upload everything first, time the workers only"
    )
    args = parser.parse_args()
    if not os.environ.get("CELERY_BROKER_URL"):
        raise SystemExit("set CELERY_BROKER_URL to a Redis broker")
    os.environ.update(ENV)
    import django

    django.setup()
    header = (
        "| workers | documents | statements | seconds | docs/s | docs/s first / last fifth "
        "| worker RSS start/peak/end MB |"
    )
    print(header)  # noqa: T201
    print("| ---: | ---: | ---: | ---: | ---: | --- | --- |")  # noqa: T201
    for concurrency in args.concurrency:
        r = round_(args.documents, concurrency, args.seed, args.preload)
        print(  # noqa: T201
            f"| {concurrency} | {r['documents']} | {r['statements']} | {r['seconds']:.1f} | "
            f"{r['docs_per_s']:.1f} | {_figure(r['first_fifth'])} / {_figure(r['last_fifth'])} | "
            f"{r['rss_start']:.0f} / {r['rss_peak']:.0f} / "
            f"{r['rss_end']:.0f} |"
        )


if __name__ == "__main__":
    main()
