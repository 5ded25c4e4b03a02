"""An Atom feed of newly extracted statements, honouring the timeline's filters."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from .cards import said_when
from .dates import as_said
from .forms import StatementFilterForm
from .models import DatePrecision, Statement
from .queries import apply_filters, timeline_base, with_card_data

ITEMS = 50


class StatementFeed(Feed):
    feed_type = Atom1Feed
    title = "New statements · US–Pakistan counterterrorism"
    subtitle = "Statements by US and Pakistani officials, newest extracted first."

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if settings.READ_REQUIRES_LOGIN and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request: HttpRequest, *args, **kwargs) -> dict:
        return {"filters": StatementFilterForm(request.GET).filters(), "query": request.GET}

    def link(self, obj: dict) -> str:
        query = obj["query"].urlencode()
        return reverse("statements:timeline") + (f"?{query}" if query else "")

    def items(self, obj: dict) -> list[Statement]:
        statements = apply_filters(with_card_data(timeline_base()), obj["filters"], annotate=False)
        return list(statements.order_by("-created_at", "-id")[:ITEMS])

    def item_title(self, item: Statement) -> str:
        # The date as the source gives it (2024, 2024-05, 2024-05-15): the entry's Atom dates
        # are when it was extracted, never an invented day of saying.
        when = as_said(item.said_on, item.date_precision) or "undated"
        kind = "pledge" if item.is_pledge else ("said" if item.direct else "reported")
        return f"{item.speaker.name} ({when}, {kind}): {item.text[:100]}"

    def item_description(self, item: Statement) -> str:
        # Atom summaries are read as HTML: escape what the document said.
        source = item.document.outlet.name if item.document.outlet else item.document.title
        when = said_when(item.said_on, item.date_precision, "Date unknown")
        if item.said_on and item.date_precision == DatePrecision.UNKNOWN:
            when += " (approximate)"
        return format_html("<p>{}</p><p>Said: {} · Source: {}</p>", item.text, when, source)

    def item_link(self, item: Statement) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Statement) -> dt.datetime:
        return item.created_at

    def item_updateddate(self, item: Statement) -> dt.datetime:
        return item.updated_at

    def item_author_name(self, item: Statement) -> str:
        return item.speaker.name

    def item_categories(self, item: Statement) -> list[str]:
        return [t.name for t in item.topics.all()]
