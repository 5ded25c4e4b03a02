"""Sources in the admin: editors add and change them, read each one's polls (what was found,
ingested and why it failed) on its page, and poll one now.

Editors hold no permissions on ingest's models (their group is statements'); whoever may
change documents may manage sources. Deleting one stays with administrators.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone

from statements.admin import ModelAdmin

from .errors import RejectedDocument
from .fetch import check_address, normalize_url
from .models import Source
from .source_tasks import source_poll_enqueue
from .sources import POLL_LEASE, polls_with_outcomes

# Polls and entries shown on a source's page, newest first.
POLLS_SHOWN = 50
ENTRIES_SHOWN = 30


def _may_edit(request: HttpRequest) -> bool:
    return request.user.has_perm("statements.change_document")


class SourceForm(forms.ModelForm):
    """The address is checked as an upload's is: http(s), and no private or loopback host."""

    class Meta:
        model = Source
        fields = [
            "name",
            "kind",
            "url",
            "poll_minutes",
            "active",
            "outlet",
            "document_kind",
            "include_words",
            "exclude_words",
        ]

    def clean_url(self) -> str:
        url = self.cleaned_data.get("url") or ""
        try:
            check_address(url)
            return normalize_url(url)
        except RejectedDocument as error:
            raise forms.ValidationError(str(error)) from error


@admin.register(Source)
class SourceAdmin(ModelAdmin):
    form = SourceForm
    list_display = [
        "name",
        "kind",
        "active",
        "last_polled_at",
        "next_poll_at",
        "failures",
        "short_error",
    ]
    list_filter = ["kind", "active"]
    search_fields = ["name", "url"]
    list_select_related = ["outlet"]
    actions = ["poll_now"]
    change_form_template = "admin/ingest/source/change_form.html"
    fieldsets = [
        (None, {"fields": ["name", "kind", "url", "poll_minutes", "active"]}),
        ("What it gives", {"fields": ["outlet", "document_kind"]}),
        ("Rules", {"fields": ["include_words", "exclude_words"]}),
        (
            "State",
            {"fields": ["last_polled_at", "next_poll_at", "failures", "last_error"]},
        ),
    ]
    readonly_fields = ["last_polled_at", "next_poll_at", "failures", "last_error"]

    class Media:
        css = {"all": ["css/admin-sources.css"]}

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or _may_edit(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_view_permission(request, obj) or _may_edit(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) or _may_edit(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request, obj) or _may_edit(request)

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "url":
            kwargs["assume_scheme"] = "https"  # an address typed without one
        if db_field.name in ("include_words", "exclude_words"):
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 60})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_fieldsets(self, request: HttpRequest, obj=None):
        return self.fieldsets[:-1] if obj is None else self.fieldsets

    @admin.display(description="last error")
    def short_error(self, obj: Source) -> str:
        return obj.last_error[:120]

    def get_urls(self):
        poll = self.admin_site.admin_view(self.poll_view)
        return [
            path("<path:object_id>/poll/", poll, name="ingest_source_poll"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        source = self.get_object(request, object_id)
        if source is not None:
            extra_context = {
                **(extra_context or {}),
                "polls": polls_with_outcomes(source)[:POLLS_SHOWN],
                "entries": source.entries.select_related("fetch", "fetch__document").order_by(
                    "-first_seen_at", "-pk"
                )[:ENTRIES_SHOWN],
                "may_poll": self.has_change_permission(request, source),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def _poll(self, request: HttpRequest, sources) -> int:
        count = 0
        for source in sources:
            # Claimed as beat claims a due source: beat leaves it alone while it is polled, and
            # polls it once the lease ends should the broker have lost the message.
            Source.objects.filter(pk=source.pk).update(next_poll_at=timezone.now() + POLL_LEASE)
            source_poll_enqueue(source=source)
            count += 1
        LogEntry.objects.log_actions(
            request.user.pk, sources, CHANGE, change_message="Polled at an editor's request."
        )
        return count

    # Polling sends requests and ingests documents: the right to change sources, which
    # editors and administrators have and a staff analyst (view only) has not.
    @admin.action(description="Poll now", permissions=["change"])
    def poll_now(self, request: HttpRequest, queryset: QuerySet[Source]) -> None:
        count = self._poll(request, list(queryset))
        self.message_user(
            request,
            f"{count} sources queued for polling; reload to see the result.",
            messages.SUCCESS,
        )

    def poll_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The "Poll now" button of a source's page (POST only)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not object_id.isdigit():
            raise Http404("No such source.")
        source = get_object_or_404(Source, pk=int(object_id))
        if not self.has_change_permission(request, source):
            raise PermissionDenied
        self._poll(request, [source])
        message = "The source is queued for polling; reload to see the result."
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:ingest_source_change", args=[source.pk]))
