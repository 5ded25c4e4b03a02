"""The filters every analyst view shares: timeline, chart, ledger, exports and the feed."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.safestring import SafeString

from . import dates
from .cache import cached
from .documents import outlet_choices
from .event_models import Event
from .markup import html_join
from .models import ArmedGroup, Side, Speaker, SpeakerSlug, Topic
from .summary_reads import speaker_totals

SIDE_CHOICES = [("", "Any side"), *[(v, label) for v, label in Side.choices if v != "other"]]
SORT_CHOICES = [("", "Newest first"), ("relevance", "Most relevant")]
STACK_CHOICES = [("", "Stack by side"), ("speaker", "Stack by speaker")]

# What an unknown speaker's slug filters by: a primary key no speaker has, so that the
# results are empty (never every speaker's, as when the filter was dropped).
NO_SPEAKER = 0

# Query parameters that are not filters: paging and presentation only.
NON_FILTER_PARAMS = {"cursor", "sort", "stack"}


def _choices() -> dict:
    """The filters' choices, and for each of speakers, topics and groups a map of slugs to
    primary keys (``*_pks``). Speakers: those with timeline rows, the most prolific first,
    counted from the monthly summary."""
    totals = {row["speaker_id"]: row["total"] for row in speaker_totals()}
    rows = Speaker.objects.filter(pk__in=totals).values_list("pk", "slug", "name")
    ranked = sorted(rows, key=lambda row: (-totals[row[0]], row[2]))
    topics = list(Topic.objects.values_list("pk", "slug", "name"))
    groups = list(ArmedGroup.objects.values_list("pk", "slug", "short_name"))
    return {
        "speaker": [(slug, f"{name} ({totals[pk]})") for pk, slug, name in ranked],
        "speaker_pks": {slug: pk for pk, slug, _ in ranked},
        "topic": [(slug, name) for _, slug, name in topics],
        "topic_pks": {slug: pk for pk, slug, _ in topics},
        "group": [(slug, name) for _, slug, name in groups],
        "group_pks": {slug: pk for pk, slug, _ in groups},
    }


class _BySlug:
    """Choices by slug, cleaned to primary keys. ``known`` maps the slugs of the cached
    choices to theirs, so the usual filter costs no query; any other slug is looked up (a
    speaker with nothing on the timeline yet, a topic created since the choices were cached)."""

    error_messages: dict

    def __init__(self, model: type[models.Model], **kwargs) -> None:
        super().__init__(choices=(), **kwargs)
        self.model = model
        self.known: dict[str, int] = {}

    def pks(self, slugs: list[str]) -> list[int]:
        missing = [slug for slug in slugs if slug not in self.known]
        # PostgreSQL refuses a NUL in any string it is sent; no slug is that long anyway.
        if bad := [slug for slug in missing if "\x00" in slug or len(slug) > 200]:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": bad[0]},
            )
        found = (
            dict(self.model.objects.filter(slug__in=missing).values_list("slug", "pk"))
            if missing
            else {}
        )
        if unknown := [slug for slug in missing if slug not in found]:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": unknown[0]},
            )
        return [self.known.get(slug) or found[slug] for slug in slugs]


class SpeakersField(_BySlug, forms.MultipleChoiceField):
    """Speakers by slug, cleaned to a list of their primary keys. A slug a speaker had before
    a merge stands for the speaker now (``renamed`` maps it to the current slug); a slug no
    speaker ever had is kept in ``unknown`` and filters by NO_SPEAKER: such a link shows (and
    exports) nothing, never every speaker's statements."""

    def clean(self, value: object) -> list[int]:
        self.renamed: dict[str, str] = {}
        self.unknown: list[str] = []
        slugs = list(dict.fromkeys(self.to_python(value)))
        if self.required and not slugs:
            raise ValidationError(self.error_messages["required"], code="required")
        missing = [slug for slug in slugs if slug not in self.known]
        usable = [slug for slug in missing if "\x00" not in slug and len(slug) <= 200]
        found = (
            dict(Speaker.objects.filter(slug__in=usable).values_list("slug", "pk"))
            if usable
            else {}
        )
        if old := [slug for slug in usable if slug not in found]:
            for slug, pk, current in SpeakerSlug.objects.filter(slug__in=old).values_list(
                "slug", "speaker_id", "speaker__slug"
            ):
                found[slug] = pk
                self.renamed[slug] = current
        pks = []
        for slug in slugs:
            pk = self.known.get(slug) or found.get(slug)
            if pk is None:
                self.unknown.append(slug)
            elif pk not in pks:
                pks.append(pk)
        return pks + [NO_SPEAKER] if self.unknown else pks


class SlugChoiceField(_BySlug, forms.ChoiceField):
    """A topic or an armed group by slug, cleaned to its primary key (None when none)."""

    def clean(self, value: object) -> int | None:
        slug = self.to_python(value)
        if not slug:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        return self.pks([slug])[0]


# A statement known only to a month or a year matches a date range only when the whole period
# lies inside it: 1-31 January does not match "2024".
PERIOD_HELP = (
    "A statement known only to its month or year matches when the whole month or year lies"
    " within the dates."
)


class StatementFilterForm(forms.Form):
    """Validates filter parameters. Invalid ones are dropped, never a server error."""

    q = forms.CharField(
        label="Search the statements",
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": 'e.g. TTP OR "safe havens"',
                "autocomplete": "off",
            }
        ),
    )
    speaker = SpeakersField(
        Speaker, label="Speakers", required=False, widget=forms.CheckboxSelectMultiple
    )
    side = forms.ChoiceField(label="Side", choices=SIDE_CHOICES, required=False)
    topic = SlugChoiceField(Topic, label="Topic", required=False)
    group = SlugChoiceField(ArmedGroup, label="Armed group", required=False)
    # By id (outlets have no slug); the timeline's remark is its first report's outlet.
    outlet = forms.TypedChoiceField(label="Outlet", required=False, coerce=int, empty_value=None)
    # The statements reacting to one event (its slug; see the event's page).
    event = SlugChoiceField(Event, label="Event", required=False)
    pledges = forms.BooleanField(label="Pledges only", required=False)
    verified = forms.BooleanField(label="Verified by an editor only", required=False)
    # Outside the range no statement can be (see statements.dates): such a date is dropped.
    since = forms.DateField(
        label="From",
        required=False,
        help_text=PERIOD_HELP,
        validators=dates.VALIDATORS,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label="To",
        required=False,
        help_text=PERIOD_HELP,
        validators=dates.VALIDATORS,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = forms.ChoiceField(label="Order", choices=SORT_CHOICES, required=False)
    stack = forms.ChoiceField(label="Chart", choices=STACK_CHOICES, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only speakers with something to show, the most prolific first, then the topics and
        # groups: cached until the data changes, so neither the choices nor checking the
        # submitted slugs against them costs a query.
        choices = cached("filter-menus", None, _choices)
        self.fields["outlet"].choices = [("", "Any outlet"), *outlet_choices()]
        blank = {"speaker": [], "topic": [("", "Any topic")], "group": [("", "Any group")]}
        for name, first in blank.items():
            field = self.fields[name]
            field.known = choices[f"{name}_pks"]
            field.widget.choices = [*first, *choices[name]] if first else choices[name]

    def filters(self) -> dict:
        """The valid filter values; a bad parameter is ignored rather than failing the page."""
        self.is_valid()
        # No value is a number, so anything falsy is no filter: "", None, False, and the
        # empty queryset an unticked speaker list cleans to.
        return {k: v for k, v in self.cleaned_data.items() if v}

    def speaker_checkboxes(self) -> SafeString:
        """A ticked checkbox for each submitted speaker (the search box adds others): named as
        in the choices, or by the slug as given when it is not one of them. An unknown slug
        stays ticked, named as such: changing another filter keeps it (and the empty result)
        rather than silently widening to every speaker."""
        submitted = list(dict.fromkeys(self["speaker"].value() or []))
        labels = dict(self.fields["speaker"].widget.choices)
        labels |= {slug: f"{slug} (unknown speaker)" for slug in self.unknown_speakers()}
        return html_join(
            '<label class="choice"><input type="checkbox" name="speaker" value="{}" checked> {}'
            "</label>",
            ((slug, labels.get(slug, slug)) for slug in submitted),
        )

    def unknown_speakers(self) -> list[str]:
        """The speaker slugs no speaker has or had: the page says so (its results are empty)."""
        self.is_valid()
        return getattr(self.fields["speaker"], "unknown", [])

    def renamed_query(self) -> str | None:
        """When a speaker slug is one a speaker had before a merge: the query string with the
        current slugs instead (the page redirects there), else None."""
        self.is_valid()
        renamed = getattr(self.fields["speaker"], "renamed", {})
        if not renamed:
            return None
        query = self.data.copy()
        slugs = [renamed.get(slug, slug) for slug in query.getlist("speaker")]
        query.setlist("speaker", list(dict.fromkeys(slugs)))
        return query.urlencode()

    def ignored(self) -> list[str]:
        """Labels of the parameters that were not understood, to say so on the page."""
        self.is_valid()
        return [str(self.fields[name].label) for name in self.errors]
