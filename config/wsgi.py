import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

from django.conf import settings  # noqa: E402

if not settings._wrapped.SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off (see .env.example).")
