"""Editors' saves in the admin, serialized with re-extraction.

A re-extraction (``ingest.storing.document_process``) locks the document row while it
replaces the document's automatic statements. Every admin save that writes statements takes
that same lock first, inside the admin's transaction, and reads the statements again under it:
so a save lands wholly before a re-extraction (which then sees the editor's review and keeps
the statement) or wholly after it (on the statement the re-extraction kept, same id). A save of
a statement the re-extraction removed is refused, the editor's input shown again.
"""

from __future__ import annotations

from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from .models import Document, Statement
from .services import documents_lock, statement_lock_for_edit, statement_mark_edited

GONE = (
    "This statement was removed while you were editing it: its document was read again and "
    "the new reading no longer finds it. Your changes were not saved; they are shown below. "
    "Save to add them to the document as a new statement, or leave this page to drop them."
)
GONE_INLINE = (
    "Statement {ids} of this document was removed while you were editing: the document was "
    "read again and the new reading no longer finds it. Nothing was saved; your changes are "
    "shown below. Reload the page to see the document's statements as they are now."
)


def _number(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class StatementEditing:
    """For StatementAdmin: saves under the document lock; a removed statement refused."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        with transaction.atomic(using=router.db_for_write(Statement)):
            moved_to = _number(request.POST.get("document"))
            pk = _number(object_id)
            if pk is None:
                documents_lock(document_ids=[moved_to])
            elif (
                not statement_lock_for_edit(statement_id=pk, document_id=moved_to)
                and "_saveasnew" not in request.POST
                and self.has_change_permission(request)
            ):
                return self._gone(request)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def _gone(self, request: HttpRequest) -> HttpResponse:
        """The change form again, with what the editor typed and why it was not saved; it
        posts to the add form, so saving it adds the editor's version as a new statement."""
        fieldsets = self.get_fieldsets(request, None)
        form_class = self.get_form(request, None, change=False, fields=flatten_fieldsets(fieldsets))
        form = form_class(_with_offsets(request.POST), request.FILES)
        form.is_valid()
        form.add_error(None, ValidationError(GONE, code="gone"))
        admin_form = helpers.AdminForm(
            form,
            list(fieldsets),
            self.get_prepopulated_fields(request, None),
            self.get_readonly_fields(request, None),
            model_admin=self,
        )
        context = {
            **self.admin_site.each_context(request),
            "title": "Statement removed while you edited it",
            "subtitle": None,
            "adminform": admin_form,
            "object_id": None,
            "original": None,
            "is_popup": False,
            "to_field": None,
            "media": self.media + admin_form.media,
            "inline_admin_formsets": [],
            "errors": helpers.AdminErrorList(form, []),
            "preserved_filters": self.get_preserved_filters(request),
        }
        response = self.render_change_form(
            request,
            context,
            add=True,
            change=False,
            form_url=reverse("admin:statements_statement_add"),
        )
        response.status_code = 409
        return response

    def save_model(self, request, obj: Statement, form, change: bool) -> None:
        statement_mark_edited(
            statement=obj, changed=form.changed_data, editor=request.user, adding=not change
        )
        super().save_model(request, obj, form, change)


def _with_offsets(data):
    """The change form shows a statement's offsets without posting them (read-only): for the
    add form that takes a refused edit, they are where its text is in the document, when it is
    there (otherwise the editor is asked for them)."""
    if data.get("start") or data.get("end"):
        return data
    text = data.get("text", "")
    document = Document.objects.filter(pk=_number(data.get("document"))).only("text").first()
    found = document.text.find(text) if document is not None and text else -1
    if found < 0:
        return data
    data = data.copy()
    data["start"], data["end"] = str(found), str(found + len(text))
    return data


class StatementInlineFormSet(BaseInlineFormSet):
    """The statements inline of the document page: a statement removed by a re-extraction
    since the page was shown refuses the whole save, in words, keeping the editor's input."""

    def clean(self) -> None:
        super().clean()
        posted = [_number(form["id"].value()) for form in self.initial_forms]
        posted = [pk for pk in posted if pk is not None]
        existing = set(Statement.objects.filter(pk__in=posted).values_list("pk", flat=True))
        if gone := [pk for pk in posted if pk not in existing]:
            ids = ", ".join(str(pk) for pk in gone)
            raise ValidationError(GONE_INLINE.format(ids=ids), code="gone")


class DocumentEditing:
    """For DocumentAdmin: saves under the document's lock; statements edited in the inline
    are marked edited (so a re-extraction keeps them) and get their own history rows."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        pk = _number(object_id)
        if request.method != "POST" or pk is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        with transaction.atomic(using=router.db_for_write(Statement)):
            documents_lock(document_ids=[pk])
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_formset(self, request, form, formset, change: bool) -> None:
        if formset.model is not Statement:
            super().save_formset(request, form, formset, change)
            return
        formset.save(commit=False)
        for statement, changed in formset.changed_objects:
            statement_mark_edited(statement=statement, changed=changed, editor=request.user)
            statement._history_user = request.user
            statement._change_reason = "Edited on the document's page."
            statement.save()
            fields = ", ".join(changed)
            self.log_change(request, statement, f"Changed {fields} on the document's page.")
        formset.save_m2m()
