from django.urls import path

from . import review, views
from .event_feed import EventFeed
from .feeds import SavedSearchFeed, StatementFeed
from .views import event_exports, events

app_name = "statements"

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.json", views.export_json, name="export_json"),
    path("feed.atom", StatementFeed(), name="feed"),
    path("pledges/", views.pledge_ledger, name="pledges"),
    path("context/", views.statistics, name="statistics"),
    path("compare/", views.compare, name="compare"),
    path("events/", events.event_list, name="events"),
    path("events/export.csv", event_exports.events_csv, name="events_csv"),
    path("events/export.json", event_exports.events_json, name="events_json"),
    path("events/feed.atom", EventFeed(), name="events_feed"),
    path("events/<slug:slug>/", events.event_detail, name="event"),
    path("reactions/", events.reactions_table, name="reactions"),
    path("reactions/export.csv", event_exports.reactions_csv, name="reactions_csv"),
    path("reactions/export.json", event_exports.reactions_json, name="reactions_json"),
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
