"""The product against Datasette on the same statements, served side by side, as ratios.

    DATABASE_URL=postgres://.../ctwatch_bench python bench/versus_datasette.py \
        --datasette .venv-bench/bin/datasette [--seconds 5] [--rounds 3]

What an analyst would otherwise do: publish the statements table with Datasette 0.65
(``bench/requirements.txt``, its own virtualenv: never the product's requirements), in
immutable mode, facet suggestions off, 30 rows a page, full-text search through SQLite FTS5.
The table is the product's timeline rows (one per remark) with the columns a card shows,
copied once from PostgreSQL into SQLite (``--sqlite``; kept between runs, ``--rebuild`` to
copy again). The product runs under gunicorn (4 workers, ``DEBUG=false``, Redis as the cache:
bench/pages.py's settings). ``wrk`` measures requests/s at 1 and 10 connections, the two
servers interleaved (product, Datasette, product, ...) so that the machine's changing speed
touches both alike; the CSV export's first byte is timed by a client of its own. Read-only
on PostgreSQL; traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote_plus

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from pages import ENV, collect_static, start_server  # noqa: E402

# Two-word queries: one matching 0.57 % of the statements (the issue measured one matching
# 0.66 %), one matching 7.4 %.
QUERIES = {"rare": "border condolences", "common": "border security"}
EXPORT_SQL = """
SELECT s.id, s.said_on::text, s.date_precision, p.name, p.slug, p.side, s.direct, s.text,
       s.is_pledge, s.review_status, d.title, o.name, d.published_on::text, d.url
FROM statements_statement s
JOIN statements_speaker p ON p.id = s.speaker_id
JOIN statements_document d ON d.id = s.document_id
LEFT JOIN statements_outlet o ON o.id = d.outlet_id
LEFT JOIN statements_statement c ON c.id = s.canonical_id
WHERE s.review_status <> 'rejected' AND (s.canonical_id IS NULL OR c.review_status = 'rejected')
"""
SCHEMA = """
CREATE TABLE statements (id INTEGER PRIMARY KEY, said_on TEXT, date_precision TEXT,
  speaker TEXT, speaker_slug TEXT, side TEXT, direct INTEGER, text TEXT, is_pledge INTEGER,
  review_status TEXT, document_title TEXT, outlet TEXT, published_on TEXT, document_url TEXT);
"""
INDEXES = """
CREATE INDEX statements_said_on ON statements (said_on);
CREATE INDEX statements_speaker ON statements (speaker, said_on);
CREATE VIRTUAL TABLE statements_fts USING fts5(text, content="statements", content_rowid="id");
INSERT INTO statements_fts (statements_fts) VALUES ('rebuild');
ANALYZE;
"""


def copy_to_sqlite(path: Path) -> int:
    """The timeline's rows from PostgreSQL into a new SQLite file, with Datasette's indexes."""
    from django.db import connection

    path.unlink(missing_ok=True)
    target = sqlite3.connect(path)
    target.executescript(SCHEMA)
    rows = 0
    with connection.cursor() as source:
        source.execute(EXPORT_SQL)
        while batch := source.fetchmany(20000):
            target.executemany(f"INSERT INTO statements VALUES ({','.join('?' * 14)})", batch)
            rows += len(batch)
    target.executescript(INDEXES)
    target.commit()
    target.close()
    return rows


def start_datasette(binary: str, path: Path, port: int) -> subprocess.Popen:
    cmd = [
        binary,
        "serve",
        "-i",
        str(path),
        "--port",
        str(port),
        "--setting",
        "suggest_facets",
        "off",
        "--setting",
        "default_page_size",
        "30",
        "--setting",
        "sql_time_limit_ms",
        "60000",
    ]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/-/versions.json")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.1)
    server.kill()
    raise SystemExit("datasette did not start")


def wrk(port: int, path: str, connections: int, seconds: int) -> tuple[float, float]:
    """(requests/s, median latency ms) of ``wrk`` on one URL."""
    url = f"http://127.0.0.1:{port}{path}"
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "30s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in out:
        raise SystemExit(f"{url}: error responses\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    value, unit = re.search(r"50%\s+([\d.]+)(us|ms|s)", out).groups()
    return rps, float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def downloads(port: int, path: str, connections: int, each: int = 2) -> tuple[float, float]:
    """(downloads/s, median ms) of ``each`` whole downloads per connection, ``connections`` at
    once: for exports, which take longer than a wrk run should."""

    def one(_) -> float:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        started = time.perf_counter()
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        while response.read(1 << 16):
            pass
        conn.close()
        if response.status != 200:
            raise SystemExit(f"{path}: HTTP {response.status}")
        return (time.perf_counter() - started) * 1000

    started = time.perf_counter()
    with ThreadPoolExecutor(connections) as pool:
        times = list(pool.map(one, range(connections * each)))
    return len(times) / (time.perf_counter() - started), statistics.median(times)


def first_byte(port: int, path: str, times: int = 7) -> tuple[float, float, int]:
    """Median ms to the first byte of the body and to the last one; the body's bytes."""
    first, last, size = [], [], 0
    for _ in range(times):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        started = time.perf_counter()
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        response.read(1)
        first.append((time.perf_counter() - started) * 1000)
        size = 1 + len(response.read())
        last.append((time.perf_counter() - started) * 1000)
        conn.close()
    return statistics.median(first), statistics.median(last), size


def spread(values: list[float]) -> str:
    low, high = min(values), max(values)
    return f"{low:.2f}" if f"{low:.2f}" == f"{high:.2f}" else f"{low:.2f}-{high:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasette", default=str(ROOT / ".venv-bench/bin/datasette"))
    parser.add_argument("--sqlite", type=Path, default=Path("/tmp/ctwatch-bench.sqlite"))
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--seconds", type=int, default=5, help="per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved runs of each pair")
    parser.add_argument("--port", type=int, default=8785, help="and the next one")
    parser.add_argument("--only", nargs="+", default=[], help="pages whose name starts so")
    args = parser.parse_args()
    os.environ.update({**ENV, "DJANGO_SETTINGS_MODULE": "config.settings"})
    collect_static()
    import django

    django.setup()
    from django.db.models import Count

    from statements.models import Speaker

    if args.rebuild or not args.sqlite.exists():
        started = time.perf_counter()
        rows = copy_to_sqlite(args.sqlite)
        print(f"Copied {rows:,} rows to {args.sqlite} in {time.perf_counter() - started:.0f} s")  # noqa: T201
    rows = sqlite3.connect(args.sqlite).execute("SELECT count(*) FROM statements").fetchone()[0]
    speaker = Speaker.objects.annotate(n=Count("statements")).order_by("-n").first()
    db = "/" + args.sqlite.stem
    name = quote_plus(speaker.name)
    pairs = {
        "timeline, unfiltered": ("/", f"{db}/statements?_sort_desc=said_on"),
        "timeline, one speaker": (
            f"/?speaker={speaker.slug}",
            f"{db}/statements?speaker={name}&_sort_desc=said_on",
        ),
        **{
            f"full-text search, {kind} words": (
                f"/?q={quote_plus(query)}",
                f"{db}/statements?_search={quote_plus(query)}&_sort_desc=said_on",
            )
            for kind, query in QUERIES.items()
        },
        "CSV export, one speaker": (
            f"/export.csv?speaker={speaker.slug}",
            f"{db}/statements.csv?speaker={name}&_sort_desc=said_on&_stream=on&_size=max",
        ),
    }
    pairs = {k: v for k, v in pairs.items() if not args.only or k.startswith(tuple(args.only))}
    ours, theirs = args.port, args.port + 1
    for port in (ours, theirs):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/")
        except OSError:
            continue
        raise SystemExit(f"port {port} is taken: choose others with --port")
    product = start_server(ours, 4)
    datasette = None
    results = []
    try:
        datasette = start_datasette(args.datasette, args.sqlite, theirs)
        for page, (mine, other) in pairs.items():
            first_byte(ours, mine, 1)  # warm: the cache, both servers' connections
            first_byte(theirs, other, 1)
            for connections in (1, 10):
                ratios, p50s, rps_ours, rps_theirs = [], [], [], []
                measure = downloads if page.startswith("CSV") else wrk
                seconds = () if page.startswith("CSV") else (args.seconds,)
                for _ in range(args.rounds):
                    a, a_p50 = measure(ours, mine, connections, *seconds)
                    b, _ = measure(theirs, other, connections, *seconds)
                    ratios.append(a / b)
                    p50s.append(a_p50)
                    rps_ours.append(a)
                    rps_theirs.append(b)
                results.append((page, connections, ratios, p50s, rps_ours, rps_theirs))
            if page.startswith("CSV"):
                bytes_ours = first_byte(ours, mine)
                bytes_theirs = first_byte(theirs, other)
                results.append((page, "first byte", bytes_ours, bytes_theirs))
    finally:
        for server in filter(None, (product, datasette)):
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
    print(f"\n{rows:,} statements; {speaker.name}: the speaker of the filtered pages\n")  # noqa: T201
    print(  # noqa: T201
        "| page | connections | product ÷ Datasette req/s | product req/s | Datasette req/s "
        "| product p50 ms |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")  # noqa: T201
    for result in results:
        if result[1] == "first byte":
            page, _, (f1, l1, s1), (f2, l2, s2) = result
            print(  # noqa: T201
                f"| {page}: first byte / last byte ms, bytes | 1 | | {f1:.0f} / {l1:.0f}, "
                f"{s1:,} | {f2:.0f} / {l2:.0f}, {s2:,} | |"
            )
            continue
        page, connections, ratios, p50s, a, b = result
        print(  # noqa: T201
            f"| {page} | {connections} | **{spread(ratios)}** | {statistics.median(a):.1f} | "
            f"{statistics.median(b):.1f} | {statistics.median(p50s):.1f} |"
        )


if __name__ == "__main__":
    main()
