"""The statement admin's corrections that keep the data whole: one-click review from the list
(per row), a document filter that lists one document only, the source sentence shown in its
context on the change form, and "canonical" explained."""

from __future__ import annotations

import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.html import format_html, format_html_join

from . import dates
from .models import Document, Statement
from .services import statements_review

CONTEXT = 300  # characters of the document shown on each side of a statement's sentence
CANONICAL_HELP = (
    "The first report of the same remark by another outlet; set by clustering. Empty when this "
    "statement is the first report (or the only one)."
)


class DocumentFilter(admin.SimpleListFilter):
    """One document's statements (``?document=<id>``, the link on the document's page): the
    filter lists only the chosen document, never every document (a million rows)."""

    title = "document"
    parameter_name = "document"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        value = self.value()
        if value is None:
            return []  # no filter shown: the list is reached with one from a document's page
        if not value.isdigit():
            raise IncorrectLookupParameters(f"not a document: {value!r}")
        document = Document.objects.filter(pk=value).only("title").first()
        return [(value, str(document) if document else f"document {value}")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Statement]):
        value = self.value()
        return queryset if value is None else queryset.filter(document_id=int(value))


REVIEW_BUTTONS = {Statement.Review.VERIFIED: "Verify", Statement.Review.REJECTED: "Reject"}


class StatementCorrections:
    """For StatementAdmin (before ModelAdmin in its bases)."""

    def get_fields(self, request: HttpRequest, obj=None) -> list[str]:
        """The sentence in context under the statement's text, where the editor reads it."""
        fields = list(super().get_fields(request, obj))
        if "source_in_context" in fields and "text" in fields:
            fields.remove("source_in_context")
            fields.insert(fields.index("text") + 1, "source_in_context")
        return fields

    def get_list_display(self, request: HttpRequest) -> list[str]:
        columns = list(super().get_list_display(request))
        return columns + ["review_buttons"] if self.has_change_permission(request) else columns

    @admin.display(description="said on", ordering="said_on")
    def said(self, obj: Statement) -> str:
        """The date as precise as its source (``2024-05`` for a month), never an invented day:
        one column where the date and its precision were two."""
        return dates.as_said(obj.said_on, obj.date_precision) or "undated"

    @admin.display(description="review")
    def review_buttons(self, obj: Statement) -> str:
        """Buttons of the list's own form (which carries the CSRF token and posts back to
        the list, its filters in the address): see ``changelist_view``."""
        return format_html_join(
            "",
            '<button type="submit" name="_review" value="{}:{}" class="review-button {}"{}>'
            "{}</button>",
            (
                (obj.pk, status, status, " disabled" if obj.review_status == status else "", label)
                for status, label in REVIEW_BUTTONS.items()
            ),
        )

    def changelist_view(self, request: HttpRequest, extra_context=None):
        """A row's Verify or Reject button: reviewed by ``statements_review``, back to the same
        page of the list with its filters."""
        if request.method == "POST" and "_review" in request.POST:
            if not self.has_change_permission(request):
                raise PermissionDenied
            pk, _, status = request.POST["_review"].partition(":")
            found = Statement.objects.filter(pk=pk) if pk.isdigit() else Statement.objects.none()
            if status not in REVIEW_BUTTONS or not found.exists():
                self.message_user(request, "No such statement to review.", messages.ERROR)
            else:
                statements_review(statements=found, status=status, reviewer=request.user)
                label = Statement.Review(status).label.lower()
                self.message_user(request, f"Statement {pk} {label}.", messages.SUCCESS)
            return HttpResponseRedirect(request.get_full_path())
        return super().changelist_view(request, extra_context)

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "canonical" and formfield is not None:
            formfield.help_text = CANONICAL_HELP
        return formfield

    @admin.display(description="source sentence in context")
    def source_in_context(self, obj: Statement) -> str:
        """The sentence highlighted within the text around it in its document, escaped."""
        text = obj.document.text if obj.pk else ""
        start, end = obj.start or 0, obj.end or 0
        if not 0 <= start < end <= len(text):
            return "—"
        before = text[max(0, start - CONTEXT) : start]
        after = text[end : end + CONTEXT]
        # data-offset: where the shown text starts in the document; data-lead, data-trail: the
        # characters before and after it (an ellipsis). static/js/span-select.js reads them.
        return format_html(
            '<span class="source-context" data-offset="{}" data-lead="{}" data-trail="{}">'
            "{}{}<mark>{}</mark>{}{}"
            '</span><span class="span-select"><button type="button" class="button use-selection">'
            "Use selection as the statement</button> "
            '<span class="selection-note" role="status">Select words in the source text above '
            "to make them the statement's text.</span></span>",
            start - len(before),
            1 if start > CONTEXT else 0,
            1 if end + CONTEXT < len(text) else 0,
            "…" if start > CONTEXT else "",
            before,
            text[start:end],
            after,
            "…" if end + CONTEXT < len(text) else "",
        )


class StatementChangeForm(forms.ModelForm):
    """The statement's form: edited text must be words of its document, and the statement's
    span (its offsets, so its highlight) follows the words: the occurrence the editor selected
    in the source text, else the one nearest the old span; text that is not in the document is
    refused, nothing saved."""

    # Where the words chosen in the source text are (set by static/js/span-select.js): that
    # occurrence is taken, not the nearest one, when the text is still the words selected.
    # Read as text, checked in clean_text (a bad value is a message on the text, where it shows).
    selection_start = forms.CharField(required=False, widget=forms.HiddenInput)
    selection_end = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Statement
        # Every field, as the admin's own form has: the admin narrows it to its fieldsets.
        fields = "__all__"  # noqa: DJ007

    def _selected(self, document: str, text: str) -> tuple[int, int] | None:
        """The selected span, when one was posted and the text is its words."""
        bounds = [self[name].value() for name in ("selection_start", "selection_end")]
        if not all(str(b or "").strip() for b in bounds):
            return None
        try:
            start, end = (int(b) for b in bounds)
        except ValueError:
            start = end = -1
        if not 0 <= start < end <= len(document):
            raise forms.ValidationError(
                "The selection is not within the document's text: select the words again.",
                code="bad_selection",
            )
        chosen = document[start:end]
        start += len(chosen) - len(chosen.lstrip())
        end -= len(chosen) - len(chosen.rstrip())
        return (start, end) if " ".join(document[start:end].split()) == text else None

    def clean_text(self) -> str:
        text = " ".join((self.cleaned_data.get("text") or "").split())
        statement = self.instance
        if statement.pk is None:
            return self.cleaned_data.get("text")
        selected = self._selected(statement.document.text, text)
        if selected is None and text == " ".join(statement.text.split()):
            return self.cleaned_data.get("text")
        found = selected or span_of(statement.document.text, text, near=statement.start)
        if found is None:
            raise forms.ValidationError(
                "These words are not in the document, so they cannot be its statement: copy "
                "the words from the source text (spacing may differ).",
                code="not_in_document",
            )
        start, end = found
        # The speaker's own words stay where they fall inside the new span; else the span.
        words = [[max(s, start), min(e, end)] for s, e in statement.words if s < end and start < e]
        statement.start, statement.end = start, end
        statement.words = words or [[start, end]]
        return statement.document.text[start:end]


def span_of(document: str, words: str, *, near: int) -> tuple[int, int] | None:
    """Offsets of ``words`` in ``document`` (white space matched loosely), the occurrence
    nearest ``near``; None when they are not there."""
    parts = [re.escape(part) for part in words.split()]
    if not parts:
        return None
    matches = list(re.finditer(r"\s+".join(parts), document))
    if not matches:
        return None
    best = min(matches, key=lambda m: abs(m.start() - near))
    return best.start(), best.end()
