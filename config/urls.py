from django.conf import settings
from django.contrib import admin
from django.contrib.auth import urls as auth_urls
from django.urls import include, path

from config.views import health


def account_patterns() -> list:
    """Django's sign-in pages; password reset only when mail can be sent (EMAIL_URL)."""
    return [
        pattern
        for pattern in auth_urls.urlpatterns
        if settings.PASSWORD_RESET_OFFERED or not pattern.name.startswith("password_reset")
    ]


urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include(account_patterns())),
    path("health/", health, name="health"),
    path("ingest/", include("ingest.urls")),
    path("", include("statements.urls")),
]

handler500 = "config.errors.server_error"
