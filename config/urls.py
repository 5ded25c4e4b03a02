from django.contrib import admin
from django.urls import include, path

from config.views import health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("health/", health, name="health"),
    path("ingest/", include("ingest.urls")),
    path("", include("statements.urls")),
]

handler500 = "config.errors.server_error"
