# The two commands: `make run` (set up and serve the demo) and `make test` (set up and test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

# Tests run against real services; override these to point elsewhere.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/ctwatch
TEST_BROKER_URL ?= redis://127.0.0.1:6379/15

.PHONY: run test lint format serve demo bench bench-extract clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Set up the local demo: SQLite unless DATABASE_URL says otherwise, tasks in-process unless
# CELERY_BROKER_URL names a broker. Safe to run again: nothing is duplicated.
# Quiet: warnings and errors only (no per-task lines between the ingest's progress lines).
DEMO_ENV := DEBUG=true LOG_LEVEL=$${LOG_LEVEL:-WARNING}
demo: $(VENV)/.installed
	@$(DEMO_ENV) $(PY) manage.py migrate --noinput --verbosity 0
	@$(DEMO_ENV) $(PY) manage.py load_officials
	@$(DEMO_ENV) $(PY) manage.py ingest ingest/demo_corpus/manifest.jsonl
	@$(DEMO_ENV) $(PY) manage.py ensure_demo_editor --address http://$(HOST):$(PORT)/

run: demo
	@echo "Serving the dashboard on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	@DEBUG=true DJANGO_RUNSERVER_HIDE_WARNING=true $(PY) manage.py runserver $(HOST):$(PORT)

$(CHROMIUM):
	@echo "Installing Debian's Chromium for the browser tests"
	apt-get update -qq && apt-get install -y -qq chromium

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: $(VENV)/.installed-dev $(CHROMIUM) lint
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) $(PY) scripts/check_services.py
	DEBUG=false SECRET_KEY=test-only-secret-key-not-for-production-use-0123456789abcdef \
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) \
	CHROMIUM=$(CHROMIUM) SECURE_SSL_REDIRECT=false \
	$(VENV)/bin/pytest

bench-extract: $(VENV)/.installed
	$(PY) bench/extract_bench.py

# Extraction, ingest through real workers, and pages at 10k/100k/1M statements (see bench/run.sh).
bench: $(VENV)/.installed
	bench/run.sh

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-results
