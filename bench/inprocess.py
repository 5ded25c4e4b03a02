"""The load test's pages in one process, no network, no gunicorn: medians to compare code.

    DATABASE_URL=postgres://.../ctwatch_bench python bench/inprocess.py --requests 200

Each round requests every page once, in turn, so a change of the machine's speed touches all
pages alike; the medians of two checkouts run one after the other are comparable (the machine
varies too much from one half hour to the next for anything else). Cached aggregates stay warm,
as the load test mostly sees them. Read-only.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from pages import ENV, collect_static, pages  # noqa: E402  (the load test's settings and pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="rounds of every page")
    args = parser.parse_args()
    os.environ.update({**ENV, "DJANGO_SETTINGS_MODULE": "config.settings"})
    collect_static()
    targets = {name: (path, {}) for name, path in pages().items() if name != "CSV export"}
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    first = client.get(targets["timeline"][0]).content.decode()
    cursor = re.search(r'class="load-more button" href="[^"]*cursor=([^"&]+)', first)
    if cursor:
        targets["htmx: load more"] = (f"/?cursor={cursor.group(1)}", {"HTTP_HX_REQUEST": "true"})
    times: dict[str, list[float]] = {name: [] for name in targets}
    for round_ in range(args.requests + 20):
        for name, (path, headers) in targets.items():
            started = time.perf_counter()
            response = client.get(path, **headers)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{path}: {response.status_code}")
            if round_ >= 20:  # the first rounds warm caches and connections
                times[name].append(elapsed)
    print("| page | median ms | p90 ms | queries |")  # noqa: T201
    print("| --- | ---: | ---: | ---: |")  # noqa: T201
    for name, (path, headers) in targets.items():
        with CaptureQueriesContext(connection) as captured:
            client.get(path, **headers)
        p90 = statistics.quantiles(times[name], n=10)[-1]
        print(  # noqa: T201
            f"| {name} | {statistics.median(times[name]):.1f} | {p90:.1f} | {len(captured)} |"
        )


if __name__ == "__main__":
    main()
