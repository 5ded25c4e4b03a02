"""An Atom feed of newly extracted statements, honouring the timeline's filters."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from .alerts import search_filters
from .cards import said_when, shortened
from .dates import as_said
from .event_models import Event
from .forms import StatementFilterForm
from .models import ArmedGroup, DatePrecision, SavedSearch, Side, Speaker, Statement, Topic
from .queries import apply_filters, timeline_base, with_card_data

ITEMS = 50
TITLE = "New statements · US–Pakistan counterterrorism"


class StatementFeed(Feed):
    feed_type = Atom1Feed
    subtitle = "Statements by US and Pakistani officials, newest extracted first."

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if settings.READ_REQUIRES_LOGIN and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request: HttpRequest, *args, **kwargs) -> dict:
        form = StatementFilterForm(request.GET)
        filters = form.filters()
        return {
            "filters": filters,
            "query": request.GET,
            "named": filters_named(filters, form.unknown_speakers()),
        }

    def title(self, obj: dict) -> str:
        named = obj["named"]
        if not named:
            return TITLE
        # Control characters (a NUL in a bad slug, say) have no place in XML 1.0.
        named = "".join(ch for ch in "; ".join(named) if ch.isprintable())
        return f"{TITLE} · {named}"

    def link(self, obj: dict) -> str:
        query = obj["query"].urlencode()
        return reverse("statements:timeline") + (f"?{query}" if query else "")

    def feed_url(self, obj: dict) -> str:
        """The feed's self link: this feed, its filters kept."""
        query = obj["query"].urlencode()
        return reverse("statements:feed") + (f"?{query}" if query else "")

    def items(self, obj: dict) -> list[Statement]:
        statements = apply_filters(with_card_data(timeline_base()), obj["filters"], annotate=False)
        return list(statements.order_by("-created_at", "-id")[:ITEMS])

    def item_title(self, item: Statement) -> str:
        # The date as the source gives it (2024, 2024-05, 2024-05-15): the entry's Atom dates
        # are when it was extracted, never an invented day of saying.
        when = as_said(item.said_on, item.date_precision) or "undated"
        kind = "pledge" if item.is_pledge else ("said" if item.direct else "reported")
        words = item.own_words
        said = f"“{shortened(words, 100)}”" if words else item.text[:100]
        return f"{item.speaker.name} ({when}, {kind}): {said}"

    def item_description(self, item: Statement) -> str:
        # Atom summaries are read as HTML: escape what the document said. Quotation marks
        # enclose the speaker's own words only; the sentence reporting them follows.
        source = item.document.outlet.name if item.document.outlet else item.document.title
        when = said_when(item.said_on, item.date_precision, "Date unknown")
        if item.said_on and item.date_precision == DatePrecision.UNKNOWN:
            when += " (approximate)"
        words, framing = item.quotation
        if words:
            return format_html(
                "<p>“{}”</p><p>As reported: {}</p><p>Said: {} · Source: {}</p>",
                words,
                framing or item.text,
                when,
                source,
            )
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


def filters_named(filters: dict, unknown: list[str]) -> list[str]:
    """The filters in words, for the feed's title: "speaker: A, B", "side: Pakistan"..."""
    named = []
    if speakers := [pk for pk in filters.get("speaker", []) if pk]:
        names = Speaker.objects.filter(pk__in=speakers).values_list("name", flat=True)
        named.append("speaker: " + ", ".join(sorted(names)))
    if unknown:
        named.append("unknown speaker: " + ", ".join(unknown))
    if side := filters.get("side"):
        named.append(f"side: {Side(side).label}")
    if topic := filters.get("topic"):
        named.append(
            f"topic: {Topic.objects.filter(pk=topic).values_list('name', flat=True).first()}"
        )
    if group := filters.get("group"):
        short = ArmedGroup.objects.filter(pk=group).values_list("short_name", flat=True).first()
        named.append(f"group: {short}")
    if event := filters.get("event"):
        name = Event.objects.filter(pk=event).values_list("name", flat=True).first()
        named.append(f"reacting to: {name}")
    if q := filters.get("q"):
        named.append(f"search: {q}")
    if filters.get("pledges"):
        named.append("pledges only")
    if filters.get("verified"):
        named.append("verified only")
    if since := filters.get("since"):
        named.append(f"from {since.isoformat()}")
    if until := filters.get("until"):
        named.append(f"to {until.isoformat()}")
    return named


class SavedSearchFeed(StatementFeed):
    """A saved search's own feed, at an address with its secret token: a feed reader needs no
    sign-in (the token is the key), so READ_REQUIRES_LOGIN does not apply."""

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return Feed.__call__(self, request, *args, **kwargs)

    def get_object(self, request: HttpRequest, token: str) -> dict:
        search = get_object_or_404(SavedSearch, feed_token=token)
        filters = search_filters(search)
        return {
            "search": search,
            # A filter that no longer applies matches nothing, as in the search's mail.
            "filters": filters,
            "query": search.query_dict(),
            "named": [search.name],
        }

    def link(self, obj: dict) -> str:
        return obj["search"].timeline_url()

    def feed_url(self, obj: dict) -> str:
        return obj["search"].feed_url()

    def items(self, obj: dict) -> list[Statement]:
        if obj["filters"] is None:
            return []
        return super().items(obj)
