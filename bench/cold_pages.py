"""The pages the load test leaves out, cold and warm: one process, no network.

    DATABASE_URL=postgres://.../ctwatch_bench python bench/cold_pages.py

For each page (these and the load test's, bench/pages.py), the median and the 95th percentile
of ``--cold`` requests just after the cached aggregates were dropped (as after a write: the
first reader pays for them), and the median of ten with them warm, through Django's WSGI
handler. Read-only.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from pages import ENV, collect_static, pages  # noqa: E402  (the load test's settings)

PAGES = ["/pledges/", "/context/", "/speakers/"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cold", type=int, default=10, help="cold requests per page")
    args = parser.parse_args()
    os.environ.update({**ENV, "DJANGO_SETTINGS_MODULE": "config.settings"})
    collect_static()
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    from django.core.cache import cache

    from statements.models import Document, Statement

    statement = Statement.objects.order_by("pk").values_list("pk", flat=True).first()
    document = Document.objects.order_by("pk").values_list("pk", flat=True).first()
    load_test = [path for name, path in pages().items() if not name.startswith("CSV")]
    targets = load_test + PAGES + [f"/statements/{statement}/", f"/documents/{document}/"]

    def get(path: str) -> float:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path.partition("?")[0],
            "QUERY_STRING": path.partition("?")[2],
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "wsgi.input": io.BytesIO(),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
        }
        status = []
        started = time.perf_counter()
        b"".join(application(environ, lambda s, headers, exc=None: status.append(s)))
        if not status[0].startswith("200"):
            raise SystemExit(f"{path}: {status[0]}")
        return (time.perf_counter() - started) * 1000

    print(f"\n{Statement.objects.count():,} statements\n")  # noqa: T201
    print("| page | cold (after a write) p50 / p95 ms | warm p50 ms |")  # noqa: T201
    print("| --- | ---: | ---: |")  # noqa: T201
    for path in targets:
        get(path)
        cold = []
        for _ in range(args.cold):
            cache.clear()
            cold.append(get(path))
        cold.sort()
        warm = [get(path) for _ in range(10)]
        p95 = cold[int(0.95 * (len(cold) - 1))]
        print(  # noqa: T201
            f"| `{path}` | {statistics.median(cold):,.0f} / {p95:,.0f} | "
            f"{statistics.median(warm):,.0f} |"
        )


if __name__ == "__main__":
    main()
