"""Stop `make test` early, with a useful message, when PostgreSQL or Redis is not running."""

import os
import sys
from urllib.parse import urlparse

import psycopg
import redis

START = {
    "PostgreSQL": "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    "Redis": "redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no",
}


def check() -> list[str]:
    problems = []
    database = os.environ["DATABASE_URL"]
    try:
        url = urlparse(database)
        psycopg.connect(
            host=url.hostname,
            port=url.port or 5432,
            user=url.username or "postgres",
            password=url.password,
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg.Error as error:
        problems.append(
            f"PostgreSQL is not reachable at {database} ({error}).\n"
            f"  Start it, e.g.: {START['PostgreSQL']}"
        )
    broker = os.environ["CELERY_BROKER_URL"]
    try:
        redis.Redis.from_url(broker, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        problems.append(
            f"Redis is not reachable at {broker} ({error}).\n  Start it, e.g.: {START['Redis']}"
        )
    return problems


if __name__ == "__main__":
    found = check()
    for problem in found:
        print(problem, file=sys.stderr)  # noqa: T201
    sys.exit(1 if found else 0)
