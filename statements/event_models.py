"""Attacks and incidents as records (issue #16): the event, the documents that mention it,
the figures each source gives for it, and the statements that react to it.

An event is found by the extractor in one or more documents and merged across them
(:mod:`statements.events`). Sources disagree on tolls, so every source's figure is kept with
the sentence that gives it; pages show the range, never an average.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Max, Min
from django.db.models.functions import Upper
from django.urls import reverse

from . import dates
from .dates import DatePrecision
from .event_dates import lag_range


class EventKind(models.TextChoices):
    SUICIDE_BOMBING = "suicide_bombing", "Suicide bombing"
    BOMBING = "bombing", "Bombing (IED, blast)"
    ARMED_ASSAULT = "armed_assault", "Armed assault"
    HIJACKING = "hijacking", "Hijacking"
    TARGETED_KILLING = "targeted_killing", "Targeted killing"
    KIDNAPPING = "kidnapping", "Kidnapping"
    ROCKET_ATTACK = "rocket_attack", "Rocket attack"
    OTHER = "other", "Other"


class EventTarget(models.TextChoices):
    SECURITY_FORCES = "security_forces", "Security forces"
    POLICE = "police", "Police"
    CIVILIANS = "civilians", "Civilians"
    FOREIGNERS = "foreigners", "Foreigners"
    WORSHIP = "worship", "Place of worship"
    OFFICIALS = "officials", "Officials"
    INFRASTRUCTURE = "infrastructure", "Infrastructure"
    UNKNOWN = "unknown", "Unknown"


class Country(models.TextChoices):
    PK = "PK", "Pakistan"
    AF = "AF", "Afghanistan"


class GroupBasis(models.TextChoices):
    CLAIMED = "claimed", "Claimed responsibility"
    BLAMED = "blamed", "Blamed"
    NONE = "", "—"


class Metric(models.TextChoices):
    KILLED = "killed", "Killed"
    INJURED = "injured", "Injured"
    HOSTAGES = "hostages", "Hostages"


class Qualifier(models.TextChoices):
    EXACT = "", "—"
    AT_LEAST = "at least", "at least"
    ABOUT = "about", "about"
    MORE_THAN = "more than", "more than"
    UP_TO = "up to", "up to"


class ReactionBasis(models.TextChoices):
    CONDEMNS = "condemns", "Condemns"
    CONDOLENCES = "condolences", "Offers condolences"
    NAMES_ATTACK = "names_attack", "Names the attack"
    NAMES_PLACE = "names_place", "Names the place"


class EventQuerySet(models.QuerySet):
    def with_tolls(self) -> EventQuerySet:
        """Annotate each event with the lowest and highest figure its sources give:
        ``killed_low``, ``killed_high``, ``injured_low``… (None where no source gives one),
        in the list's one query."""
        annotations = {}
        for metric in Metric.values:
            only = models.Q(figures__metric=metric)
            annotations[f"{metric}_low"] = Min("figures__value", filter=only)
            annotations[f"{metric}_high"] = Max("figures__value", filter=only)
        return self.annotate(**annotations)


class Event(models.Model):
    name = models.CharField(max_length=200, help_text='e.g. "Jaffar Express hijacking"')
    slug = models.SlugField(max_length=220, unique=True)
    occurred_on = models.DateField(null=True, blank=True, validators=dates.VALIDATORS)
    date_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    country = models.CharField(max_length=2, choices=Country.choices, default=Country.PK)
    province = models.CharField(max_length=100, blank=True)
    district = models.CharField(max_length=100, blank=True)
    place = models.CharField(max_length=100, blank=True, help_text="Town or city.")
    kind = models.CharField(max_length=20, choices=EventKind.choices, default=EventKind.OTHER)
    target = models.CharField(
        max_length=20, choices=EventTarget.choices, default=EventTarget.UNKNOWN
    )
    armed_group = models.ForeignKey(
        "statements.ArmedGroup",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    group_basis = models.CharField(
        max_length=8, choices=GroupBasis.choices, blank=True, default=GroupBasis.NONE
    )
    edited = models.BooleanField(
        default=False, help_text="An editor changed it: the pipeline never overwrites its fields."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = [models.F("occurred_on").desc(nulls_last=True), "-id"]
        indexes = [
            models.Index(fields=["-occurred_on", "-id"], name="event_keyset_idx"),
            models.Index(fields=["province", "occurred_on"], name="event_province_idx"),
            models.Index(fields=["kind", "occurred_on"], name="event_kind_idx"),
            # The merge's candidates: an undated report matches by town, district or name.
            models.Index(fields=["place", "occurred_on"], name="event_place_idx"),
            models.Index(fields=["district", "occurred_on"], name="event_district_idx"),
            models.Index(Upper("name"), name="event_name_upper_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("statements:event", args=[self.slug])

    def toll_range(self, metric: str) -> tuple[int, int] | None:
        """(lowest, highest) figure the sources give for ``metric``; None when none gives
        one. Uses ``with_tolls()`` annotations or prefetched ``figures`` when present, one
        query otherwise."""
        low = getattr(self, f"{metric}_low", None)
        if hasattr(self, f"{metric}_high"):
            return None if low is None else (low, getattr(self, f"{metric}_high"))
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "figures" in cache:
            values = [f.value for f in cache["figures"] if f.metric == metric]
            return (min(values), max(values)) if values else None
        agg = self.figures.filter(metric=metric).aggregate(low=Min("value"), high=Max("value"))
        return None if agg["low"] is None else (agg["low"], agg["high"])


class EventMention(models.Model):
    """A sentence of a document that mentions the event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="mentions")
    document = models.ForeignKey(
        "statements.Document", on_delete=models.CASCADE, related_name="event_mentions"
    )
    start = models.PositiveIntegerField(help_text="Offset of the sentence in the document text.")
    end = models.PositiveIntegerField()

    class Meta:
        ordering = ["document", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "document", "start"], name="eventmention_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="eventmention_span_ok"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} in document {self.document_id} @{self.start}"

    @property
    def sentence(self) -> str:
        """The sentence of the document that mentions the event."""
        return self.document.text[self.start : self.end]


class EventFigure(models.Model):
    """One source's figure for the event (killed, injured, hostages), with its sentence."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="figures")
    document = models.ForeignKey(
        "statements.Document", on_delete=models.CASCADE, related_name="event_figures"
    )
    metric = models.CharField(max_length=8, choices=Metric.choices)
    value = models.PositiveIntegerField()
    qualifier = models.CharField(
        max_length=10, choices=Qualifier.choices, blank=True, default=Qualifier.EXACT
    )
    source = models.CharField(
        max_length=100, blank=True, help_text='Who the text attributes it to, e.g. "police".'
    )
    start = models.PositiveIntegerField(help_text="Offset of the sentence in the document text.")
    end = models.PositiveIntegerField()

    class Meta:
        ordering = ["event", "metric", "value"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="eventfigure_span_ok"
            ),
        ]

    def __str__(self) -> str:
        qualifier = f"{self.qualifier} " if self.qualifier else ""
        return f"{qualifier}{self.value} {self.metric}"


class Reaction(models.Model):
    """A statement that responds to the event."""

    statement = models.ForeignKey(
        "statements.Statement", on_delete=models.CASCADE, related_name="reactions"
    )
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="reactions")
    basis = models.CharField(max_length=16, choices=ReactionBasis.choices)
    by_editor = models.BooleanField(
        default=False, help_text="Made or confirmed by an editor: re-extraction keeps it."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "statement"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "event"], name="reaction_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id} → {self.event_id} ({self.basis})"

    def lag_range(self) -> tuple[int, int] | None:
        """(fewest, most) days from the event to the statement that both dates allow: the
        exact lag twice when both are known to the day, None when either is unknown."""
        event, statement = self.event, self.statement
        return lag_range(
            event.occurred_on, event.date_precision, statement.said_on, statement.date_precision
        )
