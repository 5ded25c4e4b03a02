"""The pages the load test leaves out, cold and warm: one process, no network.

    DATABASE_URL=postgres://.../ctwatch_bench python bench/cold_pages.py

For each page, the median of three requests just after the cached aggregates were dropped
(as after a write) and of ten with them warm, through Django's WSGI handler. Read-only.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from pages import ENV, collect_static  # noqa: E402  (the load test's settings)

PAGES = ["/pledges/", "/context/", "/speakers/"]


def main() -> None:
    os.environ.update({**ENV, "DJANGO_SETTINGS_MODULE": "config.settings"})
    collect_static()
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    from django.core.cache import cache

    from statements.models import Document, Statement

    statement = Statement.objects.order_by("pk").values_list("pk", flat=True).first()
    document = Document.objects.order_by("pk").values_list("pk", flat=True).first()
    pages = PAGES + [f"/statements/{statement}/", f"/documents/{document}/"]

    def get(path: str) -> float:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
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
    print("| page | cold (after a write) ms | warm ms |")  # noqa: T201
    print("| --- | ---: | ---: |")  # noqa: T201
    for path in pages:
        get(path)
        cold = []
        for _ in range(3):
            cache.clear()
            cold.append(get(path))
        warm = [get(path) for _ in range(10)]
        print(f"| `{path}` | {statistics.median(cold):,.0f} | {statistics.median(warm):,.0f} |")  # noqa: T201


if __name__ == "__main__":
    main()
