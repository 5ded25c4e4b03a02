"""Settings for the CT statements dashboard, read from the environment (see .env.example).

Development defaults are safe to run locally: SQLite, DEBUG on, tasks in-process. Production
(DEBUG off) refuses to start without a real SECRET_KEY and ALLOWED_HOSTS.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

_DEV_SECRET = "dev-only-insecure-key-never-use-in-production"
# Without DEBUG there is no default: Django refuses to sign anything with an empty key, the WSGI
# and ASGI entry points refuse to start (config/wsgi.py), and `check` reports config.E001.
# Commands that need no secret (`manage.py extract`) still run.
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET if DEBUG else "")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    "template_partials",
    "axes",
    "csp",
    "simple_history",
    "config.apps.ConfigConfig",
    "statements",
    "ingest",
]

MIDDLEWARE = [
    "config.middleware.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The signed-in editor is recorded on the history rows of what a request changes.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "statements.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The local demo's SQLite ignores the covering index's extra columns (PostgreSQL uses them); the
# warning says so at every start and leaves a newcomer nothing to do.
SILENCED_SYSTEM_CHECKS = ["models.W040"] if "sqlite" in DATABASES["default"]["ENGINE"] else []
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Session settings for this workload (docs/benchmarks.md): JIT compiling costs 100-200 ms
    # per large query and never paid back here; and a server-side cursor (exports, bulk
    # reads) is always read to the end, so plan it for all its rows, not the first tenth.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", "-c jit=off -c cursor_tuple_fraction=1"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cached chart aggregates. Redis in production (shared by web and workers); in-memory otherwise.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://ctwatch")}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # The cache is an optimisation (statements.cache works without it): a server that does not
    # answer must cost a page a second at most, not a hung worker.
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": 1, "socket_timeout": 1}
    )
# Sessions live in the database, never in the cache: a cache outage signs no one out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
AGGREGATE_CACHE_SECONDS = env.int("AGGREGATE_CACHE_SECONDS", default=600)
# How late the aggregates may follow a stream of ingested documents: the first document of each
# such window invalidates them at once, the rest at its end (ingest.storing.aggregates_changed).
# 0: after every document. Editors' changes always invalidate at once.
INGEST_INVALIDATION_SECONDS = env.float("INGEST_INVALIDATION_SECONDS", default=5.0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in throttling (django-axes), on the site's sign-in page and the admin's alike. After
# LOGIN_FAILURE_LIMIT wrong passwords for one account, or from one address, every further
# attempt for that account, or from that address, is refused (HTTP 429, the page
# registration/locked_out.html), the right password included, until LOGIN_LOCKOUT_MINUTES
# pass without another try. Counting per account stops a guesser who changes address; per
# address, one who tries many accounts. LOGIN_LOCKOUT_BY lists what is counted: username,
# ip_address, or both joined by "+" to count the pair only (no lockout of an account from
# elsewhere). The address is REMOTE_ADDR, which a client cannot forge; behind a reverse proxy
# that is the proxy's, so count by username alone there. An administrator unlocks early by
# deleting the account's access attempts in the admin.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [
    entry.split("+") if "+" in entry else entry
    for entry in env.list("LOGIN_LOCKOUT_BY", default=["username", "ip_address"])
]
AXES_RESET_ON_SUCCESS = True
# Axes prints a banner ("AXES: BEGIN version ...") at every start of every command otherwise.
AXES_VERBOSE = env.bool("AXES_VERBOSE", default=False)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
LOGIN_URL = "login"
# Mail, for password reset: EMAIL_URL names the backend, e.g. smtp+tls://user:pass@host:587 or
# consolemail:// (django-environ's forms). Without it no mail can go out, so password reset is
# not offered: its pages are not routed (config/urls.py) and the sign-in page has no link.
# Without EMAIL_URL, mail (the saved searches' alerts) is written to the console, as `make
# run` shows it; password reset is not offered then.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    globals().update({k: v for k, v in env.email_url("EMAIL_URL").items() if v is not None})
PASSWORD_RESET_OFFERED = bool(EMAIL_URL)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ctwatch@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# The site's address as readers reach it, for the links in mail (alerts) that leave the site.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
LOGIN_REDIRECT_URL = "statements:timeline"
LOGOUT_REDIRECT_URL = "statements:timeline"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Security: strict by default, relaxed only by DEBUG or explicit variables.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Editors' history (django-simple-history, statements/history.py): shown, never reverted (a
# revert would skip the checks an editor's save goes through).
SIMPLE_HISTORY_REVERT_DISABLED = True

# Celery. Without a broker (the `make run` default) tasks run in-process, synchronously.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Keep a worker's database connection from task to task: Celery's fixup would otherwise close
# it after every task. config/celery.py closes failed or old ones as Django does per request.
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=1_000_000)
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task unacknowledged this long (a worker died holding it) is delivered again, so a killed
# worker's documents come back within visibility_timeout plus one restore sweep (every
# unacked_restore_interval seconds; kombu's default throttle would make it ten times that).
# It must exceed the longest a live worker holds a message: a retry's countdown (at most
# ingest.tasks.RETRY_BACKOFF_MAX, 60 s) plus a task's hard time limit (75 s), else Redis hands a
# task still running, or still waiting out its countdown, to a second worker. A second delivery
# is harmless (the tasks are idempotent and lock the row) but costs the time again.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", 180),
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", 10),
    "unacked_restore_throttle": 1,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
# Task modules that autodiscovery (which reads each app's tasks.py) would not find.
CELERY_IMPORTS = ["ingest.source_tasks"]
CELERY_BEAT_SCHEDULE = {
    "requeue-stale-documents": {
        "task": "ingest.tasks.requeue_stale_documents",
        "schedule": timedelta(minutes=env.int("REQUEUE_EVERY_MINUTES", default=2)),
    },
    # Sources (ingest/sources.py): every minute, the ones whose next poll is due are polled.
    "poll-due-sources": {
        "task": "ingest.source_tasks.poll_due_sources",
        "schedule": timedelta(seconds=env.int("SOURCE_CHECK_EVERY_SECONDS", default=60)),
    },
    # Saved searches' digests (statements.alerts): what is new since the last one, never sent
    # empty. Times are in CELERY_TIMEZONE (UTC unless TIME_ZONE says otherwise).
    "alerts-daily-digest": {
        "task": "statements.tasks.send_digests",
        "schedule": crontab(minute=0, hour=env.int("ALERTS_DIGEST_HOUR", default=6)),
        "args": ["daily"],
    },
    "alerts-weekly-digest": {
        "task": "statements.tasks.send_digests",
        "schedule": crontab(
            minute=0, hour=env.int("ALERTS_DIGEST_HOUR", default=6), day_of_week="monday"
        ),
        "args": ["weekly"],
    },
}
CELERY_TIMEZONE = TIME_ZONE

# How long a document may sit queued or processing before the sweep sends it again. The sweep
# is the backstop (a broker down at upload, a message lost with Redis); redelivery and retries
# recover the rest sooner. Longer than a task's hard time limit plus its retries' first minutes,
# so the sweep seldom sends a document that is still on its way.
INGEST_STALE_AFTER = timedelta(minutes=env.int("INGEST_STALE_AFTER_MINUTES", default=5))
# A document, URL fetch or file upload started this many times without finishing (its worker
# killed each time) is marked failed by the sweep instead of being sent again for ever.
INGEST_MAX_ATTEMPTS = env.int("INGEST_MAX_ATTEMPTS", default=5)
INGEST_MAX_UPLOAD_BYTES = env.int("INGEST_MAX_UPLOAD_BYTES", default=5 * 1024 * 1024)
# Django refuses a request whose form fields (files aside) pass this size with a bare 400; the
# default, 2.5 MB, would refuse pasted text the upload form accepts. Room for text up to twice
# the limit (so text over it gets the form's own message) and the form's other fields.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * INGEST_MAX_UPLOAD_BYTES + 1024 * 1024
# Limits on reading one PDF, in the worker (ingest.readers.pdf_limits): pages, the decompressed
# size of one stream, the drawing commands in one content stream, and seconds of reading.
INGEST_PDF_MAX_PAGES = env.int("INGEST_PDF_MAX_PAGES", default=300)
INGEST_PDF_MAX_STREAM_BYTES = env.int("INGEST_PDF_MAX_STREAM_BYTES", default=16_000_000)
INGEST_PDF_MAX_OPERATORS = env.int("INGEST_PDF_MAX_OPERATORS", default=300_000)
INGEST_READ_SECONDS = env.float("INGEST_READ_SECONDS", default=30)
# URL uploads are fetched by the workers with this time-out (seconds) and the size cap above.
# Loopback, private, link-local and cloud-metadata addresses are refused unless allowed here
# (the tests serve pages from 127.0.0.1).
INGEST_FETCH_TIMEOUT = env.int("INGEST_FETCH_TIMEOUT", default=15)
# ...and the whole fetch (redirects, headers, body) ends after this many seconds, however the
# server drips its bytes. Keep it below the fetch task's time limit (ingest/tasks.py, 120 s).
INGEST_FETCH_DEADLINE = env.float("INGEST_FETCH_DEADLINE", default=60.0)
INGEST_ALLOW_PRIVATE_URLS = env.bool("INGEST_ALLOW_PRIVATE_URLS", default=False)
# Sources: new entries taken from one poll (the rest wait for the next), the least time between
# two requests to one host (a Redis key per host, on SOURCE_REDIS_URL, the broker by default),
# and how long a host's robots.txt is kept.
SOURCE_MAX_ENTRIES_PER_POLL = env.int("SOURCE_MAX_ENTRIES_PER_POLL", default=25)
SOURCE_HOST_INTERVAL = env.float("SOURCE_HOST_INTERVAL", default=2.0)
SOURCE_REDIS_URL = env.str("SOURCE_REDIS_URL", default=CELERY_BROKER_URL)
SOURCE_ROBOTS_SECONDS = env.int("SOURCE_ROBOTS_SECONDS", default=3600)

# Whether analysts must sign in to read the dashboard.
READ_REQUIRES_LOGIN = env.bool("READ_REQUIRES_LOGIN", default=False)

CHARTJS_URL = env.str(
    "CHARTJS_URL", default="https://cdn.jsdelivr.net/npm/chart.js@4.4.7/dist/chart.umd.js"
)
CHARTJS_INTEGRITY = env.str(
    "CHARTJS_INTEGRITY",
    default="sha384-zYPBGXwO4633CABX/5Spf6emCKUJCfoOkhOMYyxMsatqQZPnDblmmOewfjsIVWCM",
)

# Content-Security-Policy (django-csp): scripts, styles, fonts, images and requests from this
# site only, plus the one Chart.js file at its exact CDN address (its <script> also carries
# CHARTJS_INTEGRITY). No inline script or style anywhere, ours or the admin's: htmx's own
# indicator style is in static/css/app.css (meta htmx-config in base.html). Browsers report a
# violation in the console, which tests/browser/test_content_security_policy.py fails on;
# tests/test_security_headers.py checks every page for inline code.
_CHART_SOURCES = [CHARTJS_URL] if CHARTJS_URL.startswith(("https://", "http://")) else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, *_CHART_SOURCES],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# The Server-Timing header (config/middleware.py) tells how long each response took: useful
# to a benchmark or a developer, and to nobody else. Sent only when asked for: with DEBUG on,
# or SERVER_TIMING=true (bench/pages.py sets it).
SERVER_TIMING = env.bool("SERVER_TIMING", default=DEBUG)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # With no broker the tasks run in-process: no "Task ... succeeded" line for each, and
        # no kombu "No hostname was supplied" warning about a connection never made.
        **(
            {}
            if CELERY_BROKER_URL
            else {
                "kombu.connection": {"level": "ERROR"},
                "celery.app.trace": {"level": "WARNING"},
            }
        ),
    },
}
