from django.urls import path

from . import views

app_name = "ingest"

urlpatterns = [
    path("upload/", views.upload, name="upload"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("documents/<int:pk>/retry/", views.document_retry_view, name="document_retry"),
    path("fetches/<int:pk>/", views.fetch, name="fetch"),
    path("fetches/<int:pk>/retry/", views.fetch_retry, name="fetch_retry"),
]
