from django.urls import path

from . import views

app_name = "ingest"

urlpatterns = [
    path("upload/", views.upload, name="upload"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("documents/<int:pk>/retry/", views.document_retry_view, name="document_retry"),
    path("documents/<int:pk>/correct/", views.document_correct_view, name="document_correct"),
    path("fetches/<int:pk>/", views.fetch, name="fetch"),
    path("fetches/<int:pk>/retry/", views.fetch_retry, name="fetch_retry"),
    path("files/<int:pk>/", views.file_upload, name="file_upload"),
    path("files/<int:pk>/retry/", views.file_upload_retry_view, name="file_upload_retry"),
]
