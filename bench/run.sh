#!/usr/bin/env bash
# `make bench`: every benchmark, figures printed as Markdown tables for docs/benchmarks.md.
# Scales are numbers of invented documents (about 10 statements each); override with
#   BENCH_DOCUMENTS="1000 10000 100000" make bench
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PGHOST=${PGHOST:-127.0.0.1}
BENCH_DB=${BENCH_DB:-ctwatch_bench}
INGEST_DB=${INGEST_DB:-ctwatch_ingestbench}
BROKER=${BENCH_BROKER_URL:-redis://127.0.0.1:6379/10}
export DEBUG=false SECRET_KEY=benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz

echo "## Machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), Python $($PY -c 'import platform; print(platform.python_version())'), $(psql -h "$PGHOST" -U postgres -tAc 'show server_version' | cut -d' ' -f1) PostgreSQL"

echo; echo "## Extraction"
$PY bench/extract_bench.py

echo; echo "## Ingest through Celery workers"
dropdb -h "$PGHOST" -U postgres --if-exists "$INGEST_DB"; createdb -h "$PGHOST" -U postgres "$INGEST_DB"
export DATABASE_URL="postgres://postgres@$PGHOST:5432/$INGEST_DB"
$PY manage.py migrate -v0
echo "Workers alone (documents uploaded first):"
CELERY_BROKER_URL=$BROKER $PY bench/ingest.py --documents "${BENCH_INGEST_DOCUMENTS:-2000}" --concurrency 1 2 --preload
echo "End to end (uploads and workers at once):"
CELERY_BROKER_URL=$BROKER $PY bench/ingest.py --documents "${BENCH_INGEST_DOCUMENTS:-2000}" --concurrency 1 2
echo "A backfill (two workers; memory and throughput from start to end):"
CELERY_BROKER_URL=$BROKER $PY bench/ingest.py --documents "${BENCH_BACKFILL_DOCUMENTS:-10000}" --concurrency 2 --preload

echo; echo "## Pages"
export DATABASE_URL="postgres://postgres@$PGHOST:5432/$BENCH_DB"
dropdb -h "$PGHOST" -U postgres --if-exists "$BENCH_DB"; createdb -h "$PGHOST" -U postgres "$BENCH_DB"
$PY manage.py migrate -v0
have=0
for docs in ${BENCH_DOCUMENTS:-1000 10000 100000}; do
  # Grow the same database from one scale to the next.
  $PY manage.py generate_corpus --documents $((docs - have)) --seed "$docs" >/dev/null
  have=$docs
  psql -h "$PGHOST" -U postgres -d "$BENCH_DB" -qc "VACUUM ANALYZE"
  redis-cli -n 9 flushdb >/dev/null  # the page bench's cache (BENCH_CACHE_URL)
  $PY bench/pages.py --requests "${BENCH_REQUESTS:-100}"
done
echo "Pages outside the load test, at the largest scale:"
$PY bench/cold_pages.py
echo "Side by side with Datasette on the same statements (its own virtualenv, bench/requirements.txt):"
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }
test -x .venv-bench/bin/datasette || {
  python3 -m venv .venv-bench
  .venv-bench/bin/pip install --quiet --disable-pip-version-check -r bench/requirements.txt
}
BENCH_CACHE_URL=${BENCH_CACHE_URL:-redis://127.0.0.1:6379/9} \
  $PY bench/versus_datasette.py --datasette .venv-bench/bin/datasette --rebuild --rounds 3
echo "The load test's pages in one process (to compare two checkouts back to back):"
$PY bench/inprocess.py --requests 200
echo "The admin's statement search:"
$PY bench/admin_search.py
echo "Pages while two workers ingest (a copy of the largest database):"
dropdb -h "$PGHOST" -U postgres --if-exists "${BENCH_DB}_busy"
createdb -h "$PGHOST" -U postgres -T "$BENCH_DB" "${BENCH_DB}_busy"
DATABASE_URL="postgres://postgres@$PGHOST:5432/${BENCH_DB}_busy" CELERY_BROKER_URL=$BROKER \
  $PY bench/pages_while_ingesting.py --documents 3000 --requests 300
dropdb -h "$PGHOST" -U postgres "${BENCH_DB}_busy"
