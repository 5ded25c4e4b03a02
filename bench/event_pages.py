"""Event pages benchmark: the events list, an event's page and the reactions table under load.

    DATABASE_URL=postgres://.../ctwatch_evpages python bench/event_pages.py --events 50000

When the database holds fewer than --events events, invented ones are bulk-inserted first (in
our own words: "Invented blast 123" in made-up places), each with one to four sources' figures
and up to five reactions from invented statements of either side (a third of the events
have none). Then
each page is fetched --requests times by --clients concurrent clients on gunicorn, and the
median and 95th percentile of the server's time (Server-Timing) and of the time the client
saw are printed, with the page's query count. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pages import ENV, collect_static, load, sql_time, start_server  # noqa: E402

PROVINCES = ["Balochistan", "Khyber Pakhtunkhwa", "Sindh", "Punjab", "Islamabad"]
KINDS = ["suicide_bombing", "bombing", "armed_assault", "targeted_killing", "rocket_attack"]
TARGETS = ["security_forces", "police", "civilians", "worship", "officials"]
BATCH = 5000


def _statements(rng: random.Random, needed: int) -> list[tuple[int, dt.date]]:
    """(id, said_on) of invented reacting statements, made once with their speakers."""
    from statements.models import Document, Speaker, Statement

    speakers = []
    for i, side in enumerate(["us", "pk", "pk", "us", "joint", "pk"]):
        speakers.append(
            Speaker.objects.get_or_create(
                slug=f"bench-reactor-{i}",
                defaults={"name": f"Bench Reactor {i}", "side": side, "role": "Spokesperson"},
            )[0]
        )
    document, _ = Document.objects.get_or_create(
        content_hash="bench-event-pages".ljust(64, "0"),
        defaults={"title": "Bench reactions", "text": "An invented reaction to an invented blast."},
    )
    rows = [
        Statement(
            document=document,
            speaker=rng.choice(speakers),
            text="An invented reaction to an invented blast.",
            start=0,
            end=42,
            said_on=dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650)),
            date_precision="day",
        )
        for _ in range(needed)
    ]
    made = Statement.objects.bulk_create(rows, batch_size=BATCH)
    return [(s.pk, s.said_on) for s in made]


def seed(count: int) -> None:
    """Bulk-insert invented events until the database holds ``count``."""
    from statements.event_models import Event, EventFigure, Reaction
    from statements.models import Document

    have = Event.objects.count()
    if have >= count:
        return
    rng = random.Random(16)
    reactors = _statements(rng, (count - have) * 2)
    document = Document.objects.get(content_hash="bench-event-pages".ljust(64, "0"))
    for first in range(have, count, BATCH):
        events = Event.objects.bulk_create(
            [
                Event(
                    name=f"Invented blast {n}",
                    slug=f"invented-blast-{n}",
                    occurred_on=dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650)),
                    date_precision=rng.choice(["day"] * 8 + ["month", "year"]),
                    province=rng.choice(PROVINCES),
                    district=f"District {n % 40}",
                    place=f"Town {n % 300}",
                    kind=rng.choice(KINDS),
                    target=rng.choice(TARGETS),
                )
                for n in range(first, min(first + BATCH, count))
            ]
        )
        figures, reactions = [], []
        for event in events:
            for _ in range(rng.randint(1, 4)):
                value = rng.randint(1, 60)
                figures.append(
                    EventFigure(
                        event=event, document=document, metric="killed", value=value, start=0, end=9
                    )
                )
            for _ in range(min(rng.choice([0, 0, 1, 2, 3, 5]), len(reactors))):
                pk, _ = reactors.pop()
                reactions.append(Reaction(statement_id=pk, event=event, basis="condemns"))
        EventFigure.objects.bulk_create(figures, batch_size=BATCH)
        Reaction.objects.bulk_create(reactions, batch_size=BATCH, ignore_conflicts=True)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def pages() -> dict[str, str]:
    from django.db.models import Count
    from django.urls import reverse

    from statements.event_models import Event

    busy = Event.objects.annotate(n=Count("reactions")).order_by("-n", "id").first()
    events, reactions = reverse("statements:events"), reverse("statements:reactions")
    return {
        "events list": events,
        "events list, Balochistan, no US reaction": f"{events}?province=Balochistan&reaction=no_us",
        "events list, page 20": f"{events}?page=20",
        "event page (most reactions)": busy.get_absolute_url(),
        "reactions table": reactions,
        "reactions table, KP, 2020": f"{reactions}?province=Khyber+Pakhtunkhwa&year=2020",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8791)
    args = parser.parse_args()
    # Its own static files: other benchmarks may be serving theirs from the shared default.
    ENV["STATIC_ROOT"] = "/tmp/ctwatch-bench-static-events"
    os.environ.update({**ENV, "DJANGO_SETTINGS_MODULE": "config.settings"})
    import django

    django.setup()
    from statements.event_models import Event
    from statements.models import Statement

    seed(args.events)
    collect_static()
    targets = pages()
    print(f"{Event.objects.count():,} events, {Statement.objects.count():,} statements")  # noqa: T201
    server = start_server(args.port, args.workers)
    try:
        print(  # noqa: T201
            f"{'page':45} queries  SQL ms  cold SQL  server p50  p95   client p50  p95"
            f"   req/s  ({args.clients} clients)"
        )
        for name, path in targets.items():
            r = load(args.port, path, args.clients, args.requests)
            # The page's queries EXPLAIN ANALYZE'd: with the cached counts (as under load) and
            # after a write emptied the cache (the counts counted again).
            sql, queries = sql_time(path, cold=False)
            cold, _ = sql_time(path, cold=True)
            print(  # noqa: T201
                f"{name:45} {queries:7d} {sql:7.1f} {cold:9.1f}  {r['server_p50']:10.1f}"
                f" {r['server_p95']:5.1f}   {r['wall_p50']:10.1f} {r['wall_p95']:5.1f}"
                f"  {r['rps']:5.0f}"
            )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
