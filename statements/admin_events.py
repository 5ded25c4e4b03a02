"""The editors' admin for events (issue #16): the list with its filters, the sentences that
mention an event and give its figures (offsets read-only), its reactions, and the merge and
split actions. Saving an event marks it edited, so re-extraction leaves its fields alone; a
reaction an editor adds or keeps is theirs (``by_editor``), never removed by the pipeline."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from .admin_pages import action_page
from .event_models import Event, EventFigure, EventMention, Reaction
from .events import event_merge, event_split


class YearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Event.objects.dates("occurred_on", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit() or not 1900 <= int(value) <= 2100:
            return queryset.none()
        return queryset.filter(occurred_on__year=int(value))


class _Sentence:
    """The sentence (start, end) of a row in its document, shown read-only."""

    @admin.display(description="sentence")
    def sentence(self, obj) -> str:
        if obj.pk is None:
            return ""
        return obj.document.text[obj.start : obj.end]


class EventMentionInline(_Sentence, admin.TabularInline):
    model = EventMention
    fields = ["document", "start", "end", "sentence"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document")


class EventFigureInline(_Sentence, admin.TabularInline):
    model = EventFigure
    # What a source said, with its sentence: read-only (re-extraction of the document would
    # replace a corrected copy anyway); the event's own fields are the editors'.
    fields = ["metric", "value", "qualifier", "source", "document", "start", "end", "sentence"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # a figure comes with its sentence, from a document

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document")


class ReactionInline(admin.TabularInline):
    model = Reaction
    fields = ["statement", "basis", "by_editor", "created_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["statement"]
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "occurred",
        "kind",
        "province",
        "district",
        "armed_group",
        "mention_count",
        "reaction_count",
        "edited",
    ]
    list_filter = ["province", "kind", "armed_group", YearFilter, "country", "edited"]
    search_fields = ["name", "place", "district", "province", "armed_group__short_name"]
    list_select_related = ["armed_group"]
    raw_id_fields = ["armed_group"]
    readonly_fields = ["slug", "created_at", "updated_at"]
    inlines = [EventMentionInline, EventFigureInline, ReactionInline]
    actions = ["merge_events"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _mentions=Count("mentions", distinct=True),
                _reactions=Count("reactions", distinct=True),
            )
        )

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))

    @admin.display(description="date", ordering="occurred_on")
    def occurred(self, obj: Event) -> str:
        if obj.occurred_on is None:
            return "unknown"
        length = {"day": 10, "month": 7, "year": 4}.get(obj.date_precision, 0)
        return obj.occurred_on.isoformat()[:length] or "unknown"

    @admin.display(description="mentions", ordering="_mentions")
    def mention_count(self, obj: Event) -> int:
        return obj._mentions

    @admin.display(description="reactions", ordering="_reactions")
    def reaction_count(self, obj: Event) -> int:
        return obj._reactions

    def save_model(self, request, obj: Event, form, change) -> None:
        obj.edited = True  # the pipeline never overwrites an editor's event
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change) -> None:
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, Reaction):
                instance.by_editor = True  # added or changed by an editor: theirs
            instance.save()
        for removed in formset.deleted_objects:
            removed.delete()

    @admin.action(description="Merge the selected events into one", permissions=["change"])
    def merge_events(self, request: HttpRequest, queryset: QuerySet[Event]):
        events = list(
            queryset.annotate(mention_total=Count("mentions", distinct=True)).order_by(
                "occurred_on", "pk"
            )
        )
        if len(events) < 2:
            self.message_user(request, "Select at least two events to merge.", messages.WARNING)
            return None
        chosen = request.POST.get("into")
        into = next((e for e in events if str(e.pk) == chosen), None)
        if "apply" in request.POST and into is not None:
            event_merge(into, events)
            self.message_user(
                request, f"Merged {len(events) - 1} events into {into.name}.", messages.SUCCESS
            )
            return None
        return action_page(
            self,
            request,
            "admin/statements/event/merge.html",
            "Merge events",
            events=events,
            suggested=max(events, key=lambda e: e.mention_total).pk,
        )


@admin.register(EventMention)
class EventMentionAdmin(_Sentence, admin.ModelAdmin):
    list_display = ["event", "document", "start", "end"]
    list_select_related = ["event", "document"]
    search_fields = ["event__name", "document__title"]
    list_filter = ["event__province", "event__kind"]
    fields = ["event", "document", "start", "end", "sentence"]
    readonly_fields = ["document", "start", "end", "sentence"]
    raw_id_fields = ["event"]
    actions = ["split_mentions"]

    def has_add_permission(self, request) -> bool:
        return False  # mentions come from documents

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))

    @admin.action(
        description="Split the selected mentions off into a new event", permissions=["change"]
    )
    def split_mentions(self, request: HttpRequest, queryset: QuerySet[EventMention]):
        mentions = list(queryset.select_related("event", "document").order_by("event", "pk"))
        error = ""
        events = {m.event_id for m in mentions}
        if len(events) != 1:
            error = "Select mentions of one event only."
        elif "apply" in request.POST:
            try:
                fresh = event_split(mentions[0].event, [m.pk for m in mentions])
            except ValueError as refused:
                error = str(refused)
            else:
                self.message_user(
                    request, f"{len(mentions)} mentions moved to {fresh.name}.", messages.SUCCESS
                )
                return None
        return action_page(
            self,
            request,
            "admin/statements/eventmention/split.html",
            "Split mentions into a new event",
            mentions=mentions,
            error=error,
        )
