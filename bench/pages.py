"""Page benchmark: latency under load on gunicorn, and each page's own SQL time.

    DATABASE_URL=postgres://.../ctwatch_bench python bench/pages.py --requests 200

For each page it reports median and 95th-percentile server time (the Server-Timing header),
the 95th percentile the client saw (queueing for a gunicorn worker included) and requests per
second under 1 and 10 concurrent clients, then the page's SQL alone: every query the page
runs, EXPLAIN ANALYZE'd, execution plus planning time summed, with the cached aggregates warm
(as the load mostly sees them) and cold (as the first reader after a write does; "cold: page"
is the server's time for such a request). Traffic goes to 127.0.0.1 only, and every loop is
bounded by --requests.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "CONN_MAX_AGE": "600",
    "LOG_LEVEL": "WARNING",
    # The server times this benchmark reports come from the Server-Timing header.
    "SERVER_TIMING": "true",
    "STATIC_ROOT": "/tmp/ctwatch-bench-static",
    # As in production: one cache shared by every gunicorn worker.
    "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/9"),
}


def collect_static() -> None:
    """The static files' manifest, which templates need with DEBUG off."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={**os.environ, **ENV},
        check=True,
    )


def pages() -> dict[str, str]:
    """The pages to measure, with real speaker/topic values from the database."""
    import django

    django.setup()
    from django.db.models import Count
    from django.urls import reverse

    from statements.models import Speaker, Statement, Topic

    speaker = Speaker.objects.annotate(n=Count("statements")).order_by("-n").first()
    topic = Topic.objects.order_by("name").first()
    newest = Statement.objects.order_by("-said_on").values_list("said_on", flat=True).first()
    since = newest.replace(year=newest.year - 2) if newest else None
    timeline = reverse("statements:timeline")
    result = {
        "timeline": timeline,
        "timeline, speaker filter": f"{timeline}?speaker={speaker.slug}",
        "timeline, topic + dates": f"{timeline}?topic={topic.slug}&since={since}&until={newest}",
        "timeline, full-text search": f"{timeline}?q=border+security",
        "speaker page": reverse("statements:speaker", args=[speaker.slug]),
    }
    result["CSV export"] = reverse("statements:export_csv") + f"?speaker={speaker.slug}"
    return result


def start_server(port: int, workers: int) -> subprocess.Popen:
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **ENV})
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/health/")
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start")


def fetch(port: int, path: str) -> tuple[float, float, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    conn.request("GET", path, headers={"Host": "127.0.0.1"})
    response = conn.getresponse()
    body = response.read()
    wall = (time.perf_counter() - started) * 1000
    timing = re.search(r"dur=([\d.]+)", response.getheader("Server-Timing") or "")
    conn.close()
    if response.status != 200:
        raise SystemExit(f"{path}: HTTP {response.status}")
    return float(timing[1]) if timing else wall, wall, len(body)


def load(port: int, path: str, clients: int, requests: int) -> dict:
    fetch(port, path)  # warm up
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(lambda _: fetch(port, path), range(requests)))
    elapsed = time.perf_counter() - started
    server = sorted(r[0] for r in results)
    wall = sorted(r[1] for r in results)
    return {
        "server_p50": statistics.median(server),
        "server_p95": server[int(0.95 * (len(server) - 1))],
        "wall_p50": statistics.median(wall),
        "wall_p95": wall[int(0.95 * (len(wall) - 1))],
        "rps": requests / elapsed,
    }


def cold_server_time(port: int, path: str) -> float:
    """The server's time for the page just after a write invalidated the cached aggregates
    (the cache is the one gunicorn uses, CACHE_URL): the median of five such requests."""
    from django.core.cache import cache

    fetch(port, path)  # the database's own caches warm, as for the other figures
    times = []
    for _ in range(5):
        cache.clear()
        times.append(fetch(port, path)[0])
    return statistics.median(times)


def sql_time(path: str, *, cold: bool) -> tuple[float, int]:
    """EXPLAIN ANALYZE every query the page runs; returns (total ms, query count).

    ``cold`` drops the cached aggregates first, so their queries are measured too; otherwise the
    page is measured as the load test mostly saw it, with the aggregates cached.
    """
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.get(path)  # warm the database's own caches as the load test did
    if cold:
        cache.clear()
    captured: list[tuple[str, object]] = []

    def record(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    # An execute wrapper sees every query, those of server-side cursors (exports) included.
    with connection.execute_wrapper(record):
        response = client.get(path)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    total = 0.0
    with connection.cursor() as cursor:
        for sql, params in captured:
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            total += plan[0]["Execution Time"] + plan[0]["Planning Time"]
    return total, len(captured)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per page and level")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--label", default="")
    parser.add_argument(
        "--only", nargs="+", default=[], help="measure only the pages whose name starts so"
    )
    args = parser.parse_args()
    os.environ.update({**ENV, "DJANGO_SETTINGS_MODULE": "config.settings"})
    collect_static()
    targets = {
        name: path
        for name, path in pages().items()
        if not args.only or name.startswith(tuple(args.only))
    }
    from statements.models import Statement

    count = Statement.objects.count()
    server = start_server(args.port, args.workers)
    rows = []
    try:
        for name, path in targets.items():
            cold_ms, cold_queries = sql_time(path, cold=True)
            sql_ms, queries = sql_time(path, cold=False)
            cold_page = cold_server_time(args.port, path)
            for clients in args.clients:
                stats = load(args.port, path, clients, args.requests)
                rows.append(
                    (name, clients, stats, sql_ms, queries, cold_ms, cold_queries, cold_page)
                )
    finally:
        server.terminate()
        server.wait(10)
    label = args.label or f"{count:,} statements"
    print(f"\n#### {label}\n")  # noqa: T201
    print(  # noqa: T201
        "| page | clients | server p50 ms | server p95 ms | client p95 ms | req/s "
        "| own SQL ms (queries) | p50 ÷ SQL | cold: SQL ms (queries) | cold: page ms |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")  # noqa: T201
    for name, clients, s, sql_ms, queries, cold_ms, cold_queries, cold_page in rows:
        print(  # noqa: T201
            f"| {name} | {clients} | {s['server_p50']:.1f} | {s['server_p95']:.1f} | "
            f"{s['wall_p95']:.1f} | {s['rps']:.0f} | {sql_ms:.1f} ({queries}) | "
            f"{s['server_p50'] / sql_ms:.1f} | {cold_ms:.1f} ({cold_queries}) | "
            f"{cold_page:.1f} |"
        )


if __name__ == "__main__":
    main()
