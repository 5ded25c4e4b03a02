"""Ingest's additions to the editors' admin: documents added the way uploads are, their text
fixed once stored, and re-extraction.

The statements app registers Document; ingest extends that registration so the domain app
never has to import the pipeline.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from statements.admin import DocumentAdmin, ModelAdmin
from statements.models import Document

from .models import FileUpload, UrlFetch
from .services import (
    document_create,
    document_retry,
    document_stored,
    normalize_text,
)

ADD_FIELDS = ["text", "title", "outlet", "url", "published_on", "kind"]


def _already_stored(document: Document) -> str:
    url = reverse("admin:statements_document_change", args=[document.pk])
    return format_html(
        'This text is already stored as <a href="{}">{}</a>; nothing was added.',
        url,
        document.title or f"document {document.pk}",
    )


class DocumentAddForm(forms.ModelForm):
    """The admin's add form: the text is checked as an upload's is, before anything is stored."""

    class Meta:
        model = Document
        fields = ADD_FIELDS

    def clean_text(self) -> str:
        text = normalize_text(self.cleaned_data.get("text", ""))
        if not text.strip():
            raise forms.ValidationError("The document is empty: there is no text to read.")
        if existing := document_stored(text=text):
            raise forms.ValidationError(_already_stored(existing), code="duplicate")
        return text


class IngestDocumentAdmin(DocumentAdmin):
    """Adding goes through ``document_create``, as an upload does: the text normalized and
    hashed, a copy of stored text refused with a link to it, the new document queued for
    extraction. Once stored, the text is read-only: every statement's offsets point into it
    and its hash keeps copies out."""

    actions = ["reextract"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = DocumentAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj=None):
        return ADD_FIELDS if obj is None else super().get_fields(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        if obj is None:
            return []
        return ["text", *super().get_readonly_fields(request, obj)]

    def get_inlines(self, request: HttpRequest, obj):
        return [] if obj is None else super().get_inlines(request, obj)

    def save_model(self, request, obj: Document, form, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        stored = document_create(  # the form refused empty text, the one RejectedDocument
            text=form.cleaned_data["text"],
            title=obj.title,
            outlet=obj.outlet.name if obj.outlet else "",
            url=obj.url,
            published_on=obj.published_on,
            kind=obj.kind,
            uploaded_by=request.user,
        )
        # The admin goes on with ``obj`` (history, redirect): make it the stored row.
        for field in Document._meta.concrete_fields:
            setattr(obj, field.attname, getattr(stored.document, field.attname))
        obj._state.adding, obj._state.db = False, stored.document._state.db
        if not stored.created:  # the same text was stored meanwhile, by another upload
            self.message_user(request, _already_stored(stored.document), messages.WARNING)

    # Re-extraction rewrites a document's statements: it needs the right to change documents,
    # which editors and administrators have and a staff analyst (view only) has not.
    @admin.action(
        description="Re-extract (statements editors reviewed are kept)", permissions=["change"]
    )
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


class IngestRequestAdmin(ModelAdmin):
    """URL and file uploads and what became of them; read-only, since the workers write these
    rows."""

    list_filter = ["status", "failure_kind", "duplicate"]
    list_select_related = ["document", "requested_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(UrlFetch)
class UrlFetchAdmin(IngestRequestAdmin):
    list_display = ["url", "status", "document", "duplicate", "requested_by", "requested_at"]
    search_fields = ["url"]


@admin.register(FileUpload)
class FileUploadAdmin(IngestRequestAdmin):
    list_display = ["name", "size", "status", "document", "requested_by", "requested_at"]
    search_fields = ["name"]
    exclude = ["data"]

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).defer("data")


# Sources (feeds, sitemaps, index pages) have their own admin module.
from . import source_admin  # noqa: E402, F401
