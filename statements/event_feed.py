"""An Atom feed of events (attacks and incidents), newest recorded first, honouring the events
list's filters. An entry's Atom dates are when the event was recorded; the day it happened is
in its title, at the precision known."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.html import format_html, format_html_join

from .cards import said_when
from .event_forms import EventFilterForm
from .event_models import Event
from .event_reads import event_rows, filter_events, tolls_of
from .feeds import StatementFeed

ITEMS = 50
TITLE = "Attacks and incidents · US–Pakistan counterterrorism"


class EventFeed(StatementFeed):
    subtitle = "Attacks and incidents named in the ingested documents, newest recorded first."

    def get_object(self, request, *args, **kwargs) -> dict:
        form = EventFilterForm(request.GET)
        return {"filters": form.filters(), "query": request.GET}

    def title(self, obj: dict) -> str:
        return TITLE

    def link(self, obj: dict) -> str:
        query = obj["query"].urlencode()
        return reverse("statements:events") + (f"?{query}" if query else "")

    def feed_url(self, obj: dict) -> str:
        query = obj["query"].urlencode()
        return reverse("statements:events_feed") + (f"?{query}" if query else "")

    def items(self, obj: dict) -> list[Event]:
        events = event_rows(filter_events(Event.objects.all(), obj["filters"]))
        found = list(events.order_by("-created_at", "-id")[:ITEMS])
        tolls = tolls_of(e.pk for e in found)
        for e in found:
            e.tolls = tolls.get(e.pk, [])
        return found

    def item_title(self, item: Event) -> str:
        when = said_when(item.occurred_on, item.date_precision, "date unknown")
        where = ", ".join(p for p in (item.place, item.district, item.province) if p)
        return f"{item.name} ({when}{', ' + where if where else ''})"

    def item_description(self, item: Event) -> str:
        # Atom summaries are read as HTML: every value is escaped.
        group = ""
        if item.armed_group:
            group = f"{item.armed_group.short_name} ({item.group_basis or 'named'})"
        tolls = format_html_join(", ", "{}", ((str(t),) for t in item.tolls)) or "no figures"
        return format_html(
            "<p>{} · target: {} · group: {}</p><p>Tolls (range over the sources): {}</p>",
            item.get_kind_display(),
            item.get_target_display(),
            group or "none named",
            tolls,
        )

    def item_link(self, item: Event) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Event) -> dt.datetime:
        return item.created_at

    def item_updateddate(self, item: Event) -> dt.datetime:
        return item.updated_at

    def item_author_name(self, item: Event) -> None:
        return None  # an event has no author

    def item_categories(self, item: Event) -> list[str]:
        return [item.get_kind_display()]
