"""Ingest's additions to the editors' admin: re-extraction of documents.

The statements app registers Document; ingest extends that registration so the domain app
never has to import the pipeline.
"""

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.db.models import QuerySet
from django.http import HttpRequest

from statements.admin import DocumentAdmin, ModelAdmin
from statements.models import Document

from .models import UrlFetch
from .services import document_retry


class IngestDocumentAdmin(DocumentAdmin):
    actions = ["reextract"]

    @admin.action(description="Re-extract (statements editors reviewed are kept)")
    def reextract(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        count = 0
        for document in queryset:
            document_retry(document=document)
            count += 1
        LogEntry.objects.log_actions(
            request.user.pk, queryset, CHANGE, change_message="Queued for re-extraction."
        )
        self.message_user(request, f"{count} documents queued for extraction.", messages.SUCCESS)


admin.site.unregister(Document)
admin.site.register(Document, IngestDocumentAdmin)


@admin.register(UrlFetch)
class UrlFetchAdmin(ModelAdmin):
    """URL uploads and what became of them; read-only, since the workers write these rows."""

    list_display = ["url", "status", "document", "duplicate", "requested_by", "requested_at"]
    list_filter = ["status", "duplicate"]
    search_fields = ["url"]
    list_select_related = ["document", "requested_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
