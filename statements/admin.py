"""The editors' back office: every model, with filters, search and review actions."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList as BaseChangeList
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from . import search
from .admin_corrections import DocumentFilter, StatementChangeForm, StatementCorrections
from .admin_edits import DocumentEditing, StatementEditing, StatementInlineFormSet
from .admin_history import HistoryAdmin
from .admin_pages import action_page
from .models import (
    ArmedGroup,
    Document,
    Outlet,
    Speaker,
    SpeakerAlias,
    SpeakerSlug,
    SpeakerTenure,
    Statement,
    Statistic,
    Topic,
)
from .services import speakers_merge, statements_review

admin.site.site_header = "CT Statements — editors"
admin.site.site_title = "CT Statements"


class ChangeList(BaseChangeList):
    """A list whose date drill-down at the calendar's end (year 9999: Django computes the
    following year or month) is a bad parameter, answered like any other, not a server error."""

    def get_filters(self, request: HttpRequest):
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error


class ModelAdmin(admin.ModelAdmin):
    """The admin's lists: searches (lists and autocomplete) without NUL characters, which
    PostgreSQL refuses in any string it is sent and no stored text contains; date drill-downs
    that cannot overflow."""

    def get_changelist(self, request: HttpRequest, **kwargs) -> type[ChangeList]:
        return ChangeList

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))


@admin.register(Outlet)
class OutletAdmin(HistoryAdmin, ModelAdmin):
    list_display = ["name", "site", "document_count"]
    search_fields = ["name", "site"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_documents=Count("documents"))

    @admin.display(description="documents", ordering="_documents")
    def document_count(self, obj: Outlet) -> int:
        return obj._documents


class StatementInline(admin.TabularInline):
    model = Statement
    formset = StatementInlineFormSet
    fields = [
        "speaker",
        "text",
        "direct",
        "said_on",
        "date_precision",
        "is_pledge",
        "review_status",
    ]
    readonly_fields = ["text"]
    autocomplete_fields = ["speaker"]
    show_change_link = True
    extra = 0
    can_delete = False
    ordering = ["start", "id"]  # in the order the document says them

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        # A statement needs its span in the text, which this row cannot give: add it from
        # the statements' own admin.
        return False


class StatisticInline(admin.TabularInline):
    """Shown, not edited: every extraction of the document replaces its figures, so a change
    here would be lost at the next one (and a page posted after one would name figures that
    are gone)."""

    model = Statistic
    fields = ["source", "period", "metric", "value"]
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(DocumentEditing, HistoryAdmin, ModelAdmin):
    list_display = [
        "__str__",
        "kind",
        "outlet",
        "published_on",
        "status",
        "statement_count",
        "uploaded_at",
    ]
    list_filter = ["status", "kind", "outlet"]
    search_fields = ["title", "url", "outlet__name"]
    date_hierarchy = "uploaded_at"
    autocomplete_fields = ["outlet"]
    readonly_fields = [
        "content_hash",
        "uploaded_by",
        "uploaded_at",
        "status",
        "error",
        "attempts",
        "status_changed_at",
        "processed_at",
        "extractor_version",
    ]
    inlines = [StatementInline, StatisticInline]

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        return fields + ["review_statements"] if obj is not None else fields

    @admin.display(description="statements")
    def review_statements(self, obj: Document) -> str:
        url = reverse("admin:statements_statement_changelist")
        return format_html('<a href="{}?document={}">Review these statements</a>', url, obj.pk)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("outlet")
            .annotate(_statements=Count("statements"))
        )

    @admin.display(description="statements", ordering="_statements")
    def statement_count(self, obj: Document) -> int:
        return obj._statements


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 1


class SpeakerSlugInline(admin.TabularInline):
    """The slugs this speaker had before (a merge, a rename): their old links lead here. Written
    by the merge and the rename, shown only."""

    model = SpeakerSlug
    fields = ["slug", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "former slug"

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        # Part of the speaker, as its aliases are: whoever may see the speaker sees them.
        return request.user.has_perm("statements.view_speaker")


class SpeakerTenureInline(admin.TabularInline):
    model = SpeakerTenure
    extra = 0


@admin.register(Speaker)
class SpeakerAdmin(HistoryAdmin, ModelAdmin):
    list_display = ["name", "kind", "role", "organization", "side", "statement_count"]
    list_filter = ["kind", "side"]
    search_fields = ["name", "aliases__alias", "role", "organization"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SpeakerAliasInline, SpeakerTenureInline, SpeakerSlugInline]
    actions = ["merge_speakers"]

    @admin.action(description="Merge the selected speakers into one", permissions=["change"])
    def merge_speakers(self, request: HttpRequest, queryset: QuerySet[Speaker]):
        speakers = list(queryset.annotate(statement_total=Count("statements")).order_by("name"))
        if len(speakers) < 2:
            self.message_user(request, "Select at least two speakers to merge.", messages.WARNING)
            return None
        chosen = request.POST.get("into")
        into = next((s for s in speakers if str(s.pk) == chosen), None)
        if "apply" in request.POST and into is not None:
            moved = speakers_merge(into=into, others=speakers, user=request.user)
            self.message_user(
                request,
                f"Merged {len(speakers) - 1} speakers into {into.name}; {moved} statements moved.",
                messages.SUCCESS,
            )
            return None
        return action_page(
            self,
            request,
            "admin/statements/speaker/merge.html",
            "Merge speakers",
            speakers=speakers,
            suggested=max(speakers, key=lambda s: s.statement_total).pk,
        )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_statements=Count("statements"))

    @admin.display(description="statements", ordering="_statements")
    def statement_count(self, obj: Speaker) -> int:
        return obj._statements


@admin.register(Statement)
class StatementAdmin(StatementCorrections, StatementEditing, HistoryAdmin, ModelAdmin):
    form = StatementChangeForm
    list_display = [
        "short_text",
        "speaker",
        "said",
        "direct",
        "is_pledge",
        "confidence",
        "review_status",
        "document",
    ]
    list_filter = [
        DocumentFilter,
        "review_status",
        "attribution",
        "is_pledge",
        "direct",
        "about_pakistan",
        "date_precision",
        "speaker__side",
        "topics",
        "armed_groups",
    ]
    list_select_related = ["speaker", "document"]
    search_fields = ["text", "speaker__name", "document__title"]
    # The unfiltered total beside a search's count would be a second COUNT(*) of every row.
    show_full_result_count = False
    search_help_text = (
        "Words of the statement (as the timeline's search), or part of the speaker's name or "
        "of the document's title."
    )
    autocomplete_fields = ["speaker", "document", "canonical"]
    filter_horizontal = ["topics", "armed_groups"]
    date_hierarchy = "said_on"
    readonly_fields = [
        "source_in_context",
        "speaker_words",
        "attribution",
        "confidence",
        "date_basis",
        "reviewed_by",
        "reviewed_at",
        "extractor_version",
        "created_at",
        "updated_at",
    ]
    # The offsets every highlight depends on are shown as words, never edited by hand.
    exclude = ["words"]
    actions = ["mark_verified", "mark_rejected"]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/span-select.js"]

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        """A stored statement's offsets are shown, not edited (every highlight depends on
        them); a new one needs them typed."""
        fields = list(super().get_readonly_fields(request, obj))
        return fields + ["start", "end"] if obj is not None else fields

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Statement], search_term: str
    ) -> tuple[QuerySet[Statement], bool]:
        """On PostgreSQL the text is searched through the full-text index, as the timeline
        searches it; the default ``UPPER(text) LIKE '%...%'`` reads every statement (seconds
        at a million). Speakers and documents are matched by name or title first (the titles
        through a trigram index, migration 0008), and their statements added by a union only
        when there are any: PostgreSQL answers an OR of the three conditions by reading every
        statement."""
        term = search_term.replace("\x00", "").strip()
        if not term or not search.is_postgres():
            return super().get_search_results(request, queryset, search_term)
        statements = Statement.objects.order_by()
        speakers = list(Speaker.objects.filter(name__icontains=term).values_list("pk", flat=True))
        documents = Document.objects.filter(title__icontains=term).values("pk")
        others = []
        if speakers:
            others.append(statements.filter(speaker__in=speakers).values("pk"))
        if documents.exists():
            others.append(statements.filter(document__in=documents).values("pk"))
        # The matches are read first, as a subquery: filtered in place, the text search lets
        # PostgreSQL walk the date index for the date hierarchy's MIN/MAX, testing every row
        # against a rare word (20 s at a million statements).
        worded = search.search(statements, term, annotate=False).values("pk")
        return queryset.filter(pk__in=worded.union(*others) if others else worded), False

    @admin.display(description="speaker's own words")
    def speaker_words(self, obj: Statement) -> str:
        """The words inside the quotation marks (or the reported clause), as the analyst
        pages quote them; joined by an ellipsis when the quotation is split."""
        text = obj.document.text
        return " … ".join(text[s:e] for s, e in obj.words if 0 <= s < e <= len(text))

    @admin.display(description="statement")
    def short_text(self, obj: Statement) -> str:
        return obj.text if len(obj.text) <= 100 else obj.text[:99] + "…"

    @admin.action(description="Mark as verified", permissions=["change"])
    def mark_verified(self, request: HttpRequest, queryset: QuerySet[Statement]) -> None:
        count = statements_review(statements=queryset, status="verified", reviewer=request.user)
        self.message_user(request, f"{count} statements verified.", messages.SUCCESS)

    @admin.action(description="Mark as rejected", permissions=["change"])
    def mark_rejected(self, request: HttpRequest, queryset: QuerySet[Statement]) -> None:
        count = statements_review(statements=queryset, status="rejected", reviewer=request.user)
        self.message_user(request, f"{count} statements rejected.", messages.SUCCESS)


@admin.register(Topic)
class TopicAdmin(ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ArmedGroup)
class ArmedGroupAdmin(ModelAdmin):
    list_display = ["short_name", "full_name"]
    search_fields = ["short_name", "full_name"]
    prepopulated_fields = {"slug": ["short_name"]}


@admin.register(Statistic)
class StatisticAdmin(ModelAdmin):
    list_display = ["source", "period", "metric", "value", "document"]
    list_filter = ["source", "period"]
    search_fields = ["metric", "source", "document__title"]
    autocomplete_fields = ["document"]
    list_select_related = ["document"]


# The events' admin (issue #16) lives in its own module; importing it registers it.
from . import admin_events  # noqa: E402, F401
