"""The editors' review queue: unreviewed statements one at a time, verified, rejected or
corrected in place (htmx swaps the panel; without JavaScript the forms post and redirect).

Scope and order come from the query string: ``?order=newest`` (the newest uploaded document
first, each in document order) or ``?order=confidence`` (least sure first, undated confidence
first); ``?document=<pk>`` reviews one document's statements in document order.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.db.models import F, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from . import dates
from .models import DatePrecision, Document, Statement
from .services import speaker_find, statement_edit, statements_review

ORDERS = {"newest": "Newest document first", "confidence": "Lowest confidence first"}
ACTIONS = {"verify": Statement.Review.VERIFIED, "reject": Statement.Review.REJECTED}
SAID_ON = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def editors_only(view):
    return staff_member_required(
        permission_required("statements.change_statement", raise_exception=True)(view)
    )


class Scope:
    """The statements under review and their order, read from the query string."""

    def __init__(self, request: HttpRequest):
        self.order = request.GET.get("order") if request.GET.get("order") in ORDERS else "newest"
        raw = request.GET.get("document", "")
        self.document = Document.objects.filter(pk=int(raw)).first() if raw.isdigit() else None

    @property
    def query(self) -> str:
        params = {"order": self.order}
        if self.document:
            params = {"document": self.document.pk}
        return "?" + urlencode(params)

    def all(self) -> QuerySet[Statement]:
        found = Statement.objects.select_related("document__outlet", "speaker", "reviewed_by")
        if self.document:
            return found.filter(document=self.document).order_by("start", "pk")
        if self.order == "confidence":
            return found.order_by(F("confidence").asc(nulls_first=True), "pk")
        return found.order_by("-document__uploaded_at", "-document_id", "start", "pk")

    def unreviewed(self) -> QuerySet[Statement]:
        return self.all().filter(review_status=Statement.Review.AUTO)

    def _after(self, s: Statement) -> Q:
        """Statements after ``s`` in this order (a keyset condition)."""
        by_start = Q(start__gt=s.start) | Q(start=s.start, pk__gt=s.pk)
        if self.document:
            return by_start
        if self.order == "confidence":
            if s.confidence is None:
                return Q(confidence__isnull=True, pk__gt=s.pk) | Q(confidence__isnull=False)
            return Q(confidence__gt=s.confidence) | Q(confidence=s.confidence, pk__gt=s.pk)
        at, doc = s.document.uploaded_at, s.document_id
        return (
            Q(document__uploaded_at__lt=at)
            | Q(document__uploaded_at=at, document_id__lt=doc)
            | (Q(document_id=doc) & by_start)
        )

    def following(self, s: Statement) -> Statement | None:
        """The next unreviewed statement after ``s``, else the first unreviewed one left."""
        after = self.unreviewed().filter(self._after(s)).exclude(pk=s.pk).first()
        return after or self.unreviewed().exclude(pk=s.pk).first()

    def previous(self, s: Statement) -> Statement | None:
        """The statement before ``s`` in this order, reviewed or not (to look back)."""
        before = self.all().exclude(self._after(s)).exclude(pk=s.pk)
        return before.reverse().first()


@editors_only
@require_http_methods(["GET", "HEAD"])
def review_queue(request: HttpRequest) -> HttpResponse:
    scope = Scope(request)
    return _page(request, scope, scope.unreviewed().first())


@editors_only
@require_http_methods(["GET", "HEAD", "POST"])
def review_statement(request: HttpRequest, pk: int) -> HttpResponse:
    scope = Scope(request)
    statement = get_object_or_404(
        Statement.objects.select_related("document__outlet", "speaker", "reviewed_by"), pk=pk
    )
    if request.method != "POST":
        return _page(request, scope, statement)
    action = request.POST.get("action", "")
    errors: dict[str, str] = {}
    if action in ACTIONS:
        chosen = Statement.objects.filter(pk=pk)
        statements_review(statements=chosen, status=ACTIONS[action], reviewer=request.user)
    elif action == "save":
        fields, errors = _edits(request.POST)
        if not errors:
            try:
                if not statement_edit(statement=statement, reviewer=request.user, **fields):
                    action = "verify"  # saved as it was: the editor confirms it
                    statements_review(
                        statements=Statement.objects.filter(pk=pk),
                        status=Statement.Review.VERIFIED,
                        reviewer=request.user,
                    )
            except Statement.DoesNotExist:
                errors["form"] = "This statement was removed by a re-extraction meanwhile."
    if errors:
        statement.refresh_from_db()
        return _page(request, scope, statement, errors=errors, typed=request.POST, status=422)
    verb = {"verify": "Verified", "reject": "Rejected", "save": "Saved"}.get(action, "Skipped")
    done = f"{verb}: the statement by {statement.speaker.name}."
    following = scope.following(statement)
    if not request.htmx:
        messages.success(request, done)
        if following is None:
            return redirect(reverse("statements:review") + scope.query)
        return redirect(reverse("statements:review_statement", args=[following.pk]) + scope.query)
    response = _page(request, scope, following, done=done)
    if following is not None:
        url = reverse("statements:review_statement", args=[following.pk]) + scope.query
        response["HX-Push-Url"] = url
    return response


def _edits(data) -> tuple[dict, dict[str, str]]:
    """The corrected fields from the panel's form, or the messages saying what is wrong."""
    fields: dict = {"is_pledge": data.get("is_pledge") == "on"}
    errors = {}
    name = data.get("speaker", "").strip()
    if name:
        speaker = speaker_find(name=name)
        if speaker is None:
            errors["speaker"] = f"No speaker is called “{name}”; add them in the admin first."
        fields["speaker"] = speaker
    else:
        errors["speaker"] = "Enter the speaker's name."
    said = data.get("said_on", "").strip()
    if not said:
        fields.update(said_on=None, date_precision=DatePrecision.UNKNOWN)
        return fields, errors
    match = SAID_ON.match(said)
    try:
        year, month, day = (int(part) if part else None for part in match.groups())
        fields["said_on"] = dt.date(year, month or 1, day or 1)
    except (AttributeError, ValueError, TypeError):
        errors["said_on"] = "Enter a date as 2024, 2024-05 or 2024-05-15."
        return fields, errors
    if not dates.in_range(fields["said_on"]):
        errors["said_on"] = f"Enter a date {dates.RANGE_TEXT}."
    precision = "day" if day else "month" if month else "year"
    fields["date_precision"] = DatePrecision(precision)
    return fields, errors


def _page(
    request: HttpRequest,
    scope: Scope,
    statement: Statement | None,
    *,
    errors: dict | None = None,
    typed=None,
    done: str = "",
    status: int = 200,
) -> HttpResponse:
    text = statement.document.text if statement else ""
    context = {
        "scope": scope,
        "orders": ORDERS,
        "statement": statement,
        "left": scope.unreviewed().count(),
        "previous": scope.previous(statement) if statement else None,
        "following": scope.following(statement) if statement else None,
        "errors": errors or {},
        "done": done,
    }
    if statement:
        said = dates.as_said(statement.said_on, statement.date_precision)
        context.update(
            before=text[max(0, statement.start - 300) : statement.start],
            within=text[statement.start : statement.end] or statement.text,
            after=text[statement.end : statement.end + 300],
            speaker_value=typed.get("speaker") if typed else statement.speaker.name,
            said_value=typed.get("said_on") if typed else said,
        )
    template = "statements/review/_panel.html" if request.htmx else "statements/review/queue.html"
    return render(request, template, context, status=status)
