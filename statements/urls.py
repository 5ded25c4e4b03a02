from django.urls import path

from . import review, views
from .feeds import SavedSearchFeed, StatementFeed

app_name = "statements"

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.json", views.export_json, name="export_json"),
    path("feed.atom", StatementFeed(), name="feed"),
    path("pledges/", views.pledge_ledger, name="pledges"),
    path("context/", views.statistics, name="statistics"),
    path("compare/", views.compare, name="compare"),
    path("speakers/", views.speaker_list, name="speakers"),
    path("speaker-search/", views.speaker_search, name="speaker_search"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker"),
    path("documents/", views.document_list, name="documents"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("statements/<int:pk>/", views.statement_detail, name="statement"),
    path("alerts/", views.alerts_page, name="alerts"),
    path("alerts/save/", views.alert_save, name="alert_save"),
    path("alerts/<int:pk>/delete/", views.alert_delete, name="alert_delete"),
    path("alerts/unsubscribe/<str:token>/", views.alert_unsubscribe, name="alert_unsubscribe"),
    path("alerts/feed/<str:token>.atom", SavedSearchFeed(), name="alert_feed"),
    path("review/", review.review_queue, name="review"),
    path("review/<int:pk>/", review.review_statement, name="review_statement"),
]
