"""Settings for the CT statements dashboard, read from the environment (see .env.example).

Development defaults are safe to run locally: SQLite, DEBUG on, tasks in-process. Production
(DEBUG off) refuses to start without a real SECRET_KEY and ALLOWED_HOSTS.
"""

from datetime import timedelta
from pathlib import Path

import environ
import jinja2

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
    "config.apps.ConfigConfig",
    "statements",
    "ingest",
]

MIDDLEWARE = [
    "config.middleware.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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
    {
        # Only for the statement cards (templates/jinja2/statements/_cards.html), which a page
        # prints thirty at a time: Jinja2 compiles a template to Python and prints them in a
        # third of the time (docs/benchmarks.md). Autoescaping is on, as in Django's templates.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        # A missing value is an error (tests catch a misspelt name) rather than blank output.
        "OPTIONS": {"autoescape": True, "undefined": jinja2.StrictUndefined},
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
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
# such window invalidates them at once, the rest at its end (ingest.pipeline.aggregates_changed).
# 0: after every document. Editors' changes always invalidate at once.
INGEST_INVALIDATION_SECONDS = env.float("INGEST_INVALIDATION_SECONDS", default=5.0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
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
# A task unacknowledged this long (a worker died holding it) is delivered again.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", 3600)}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
CELERY_BEAT_SCHEDULE = {
    "requeue-stale-documents": {
        "task": "ingest.tasks.requeue_stale_documents",
        "schedule": timedelta(minutes=env.int("REQUEUE_EVERY_MINUTES", default=5)),
    },
}

# How long a document may sit queued or processing before the sweep sends it again.
INGEST_STALE_AFTER = timedelta(minutes=env.int("INGEST_STALE_AFTER_MINUTES", default=15))
INGEST_MAX_UPLOAD_BYTES = env.int("INGEST_MAX_UPLOAD_BYTES", default=5 * 1024 * 1024)
# URL uploads are fetched by the workers with this time-out (seconds) and the size cap above.
# Loopback, private, link-local and cloud-metadata addresses are refused unless allowed here
# (the tests serve pages from 127.0.0.1).
INGEST_FETCH_TIMEOUT = env.int("INGEST_FETCH_TIMEOUT", default=15)
INGEST_ALLOW_PRIVATE_URLS = env.bool("INGEST_ALLOW_PRIVATE_URLS", default=False)

# Whether analysts must sign in to read the dashboard.
READ_REQUIRES_LOGIN = env.bool("READ_REQUIRES_LOGIN", default=False)

CHARTJS_URL = env.str(
    "CHARTJS_URL", default="https://cdn.jsdelivr.net/npm/chart.js@4.4.7/dist/chart.umd.js"
)
CHARTJS_INTEGRITY = env.str(
    "CHARTJS_INTEGRITY",
    default="sha384-zYPBGXwO4633CABX/5Spf6emCKUJCfoOkhOMYyxMsatqQZPnDblmmOewfjsIVWCM",
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
