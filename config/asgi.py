import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_asgi_application()

from django.conf import settings  # noqa: E402

if not settings._wrapped.SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off (see .env.example).")
