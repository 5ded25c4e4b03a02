"""The admin's statement list and search, signed in as a superuser: one process, no network.

    DATABASE_URL=postgres://.../ctwatch_bench python bench/admin_search.py

Creates the user ``bench-admin`` (staff, superuser, no password) in that database if it is
missing; writes nothing else. Prints the median of three requests per search, with the
number of rows found and the slowest query.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from pages import ENV, collect_static  # noqa: E402  (the load test's settings)

SEARCHES = {
    "the list, no search": "",
    "a word in no statement": "fencing",
    "a word in many statements": "candid",
    "part of a speaker's name": None,  # the busiest speaker's surname, first five letters
    "part of many titles": "information sharing",
}


def main() -> None:
    os.environ.update({**ENV, "DJANGO_SETTINGS_MODULE": "config.settings"})
    collect_static()
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from statements.models import Speaker

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    busiest = Speaker.objects.annotate(n=Count("statements")).order_by("-n").first()
    print("| search | term | median ms | queries | slowest query ms |")  # noqa: T201
    print("| --- | --- | ---: | ---: | ---: |")  # noqa: T201
    for label, term in SEARCHES.items():
        term = busiest.name.split()[-1][:5].lower() if term is None else term
        times, slowest = [], 0.0
        for _ in range(3):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get("/admin/statements/statement/", {"q": term} if term else {})
                times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{term!r}: {response.status_code}")
            slowest = max(float(q["time"]) * 1000 for q in captured.captured_queries)
        print(  # noqa: T201
            f"| {label} | `{term}` | {statistics.median(times):,.0f} | "
            f"{len(captured.captured_queries)} | {slowest:,.0f} |"
        )


if __name__ == "__main__":
    main()
