from django.urls import path

from . import views

app_name = "statements"

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("statements/<int:pk>/", views.statement_detail, name="statement"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker"),
]
