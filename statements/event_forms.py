"""The filters of the event pages (events list, reactions table, their exports and feed) and
of the context page. Bad parameters are dropped and named on the page, never a server error."""

from __future__ import annotations

from django import forms

from . import dates
from .cache import cached
from .event_models import EventKind, EventTarget
from .event_reads import province_choices
from .forms import SlugChoiceField, StatementFilterForm
from .lenient_forms import LenientFilterForm
from .models import ArmedGroup

# As for statements: a period the range cuts is left out, never given an invented day.
EVENT_PERIOD_HELP = (
    "An event known only to its month or year matches when the whole month or year lies"
    " within the dates."
)
REACTION_CHOICES = [
    ("", "Any, or none"),
    ("any", "Some reaction"),
    ("us", "A US reaction"),
    ("pk", "A Pakistani reaction"),
    ("joint", "A joint reaction"),
    ("af", "An Afghan reaction"),
    ("no_us", "No US reaction"),
    ("no_pk", "No Pakistani reaction"),
    ("none", "No reaction at all"),
]


def _provinces() -> list[tuple[str, str]]:
    # Cached until the data changes (one DISTINCT over every event otherwise).
    names = cached("event-provinces", None, province_choices)
    return [("", "Any province"), *((name, name) for name in names)]


def _groups() -> list[tuple[str, str]]:
    rows = cached(
        "event-group-menu", None, lambda: list(ArmedGroup.objects.values_list("slug", "short_name"))
    )
    return [("", "Any group"), *rows]


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        help_text=EVENT_PERIOD_HELP,
        validators=dates.VALIDATORS,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class EventFilterForm(LenientFilterForm):
    province = forms.ChoiceField(label="Province", required=False)
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *EventKind.choices]
    )
    target = forms.ChoiceField(
        label="Target", required=False, choices=[("", "Any target"), *EventTarget.choices]
    )
    group = SlugChoiceField(ArmedGroup, label="Armed group", required=False)
    reaction = forms.ChoiceField(label="Reactions", required=False, choices=REACTION_CHOICES)
    year = forms.IntegerField(
        label="Year",
        required=False,
        min_value=dates.EARLIEST.year,
        max_value=dates.LATEST.year,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "e.g. 2025"}),
    )
    since = _date_field("From")
    until = _date_field("To")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = _provinces()
        self.fields["group"].widget.choices = _groups()


class ContextFilterForm(StatementFilterForm):
    """The timeline's filters, and the province of the events drawn beside the statements."""

    province = forms.ChoiceField(label="Province of the events", required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = _provinces()
