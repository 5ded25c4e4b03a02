"""The domain analysts browse: documents, speakers, the statements they made, and context."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models.functions import Cast, Coalesce, Lower
from django.urls import reverse

from . import dates
from .dates import DatePrecision
from .history import EditorHistory


class Side(models.TextChoices):
    US = "us", "United States"
    PK = "pk", "Pakistan"
    JOINT = "joint", "Joint"
    AF = "af", "Afghanistan"
    OTHER = "other", "Other"


class Outlet(models.Model):
    name = models.CharField(max_length=200, unique=True)
    site = models.CharField(max_length=255, blank=True, help_text="Domain, e.g. example.com")
    history = EditorHistory()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Document(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", "News article"
        BRIEFING = "briefing_transcript", "Briefing transcript"
        JOINT_STATEMENT = "joint_statement", "Joint statement"
        PRESS_RELEASE = "press_release", "Press release"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        PROCESSING = "processing", "Processing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.ARTICLE)
    title = models.CharField(max_length=500, blank=True)
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    url = models.URLField(max_length=2000, blank=True)
    published_on = models.DateField(
        null=True, blank=True, db_index=True, validators=dates.VALIDATORS
    )
    text = models.TextField(help_text="Normalized plain text; statement offsets index it.")
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    places = models.JSONField(default=list, blank=True)
    armed_groups = models.ManyToManyField("ArmedGroup", blank=True, related_name="documents")

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    extractor_version = models.CharField(max_length=32, blank=True)
    # The metadata editors correct; the text (read-only) and the processing state are not kept.
    history = EditorHistory(
        excluded_fields=[
            "text",
            "content_hash",
            "places",
            "status",
            "error",
            "attempts",
            "status_changed_at",
            "processed_at",
            "extractor_version",
        ]
    )

    class Meta:
        ordering = ["-published_on", "-uploaded_at"]
        indexes = [models.Index(fields=["status", "status_changed_at"])]

    def __str__(self) -> str:
        return self.title or f"Document {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("statements:document", args=[self.pk])


class Speaker(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        INSTITUTION = "institution", "Institution"
        GROUP = "group", "Unnamed group"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PERSON)
    role = models.CharField(max_length=200, blank=True)
    organization = models.CharField(max_length=200, blank=True)
    side = models.CharField(max_length=8, choices=Side.choices, default=Side.OTHER, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = EditorHistory()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(Lower("name"), name="speaker_name_lower_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("statements:speaker", args=[self.slug])


class SpeakerAlias(models.Model):
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)

    class Meta:
        verbose_name_plural = "speaker aliases"
        constraints = [
            models.UniqueConstraint(Lower("alias"), "speaker", name="unique_alias_per_speaker")
        ]
        indexes = [models.Index(Lower("alias"), name="speaker_alias_lower_idx")]

    def __str__(self) -> str:
        return self.alias


class SpeakerSlug(models.Model):
    """A slug a speaker no longer has (merged into another, say): links to it, the old
    ``/speakers/<slug>/`` page and ``?speaker=<slug>`` filters, lead to the speaker now."""

    slug = models.SlugField(max_length=200, unique=True)
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return f"{self.slug} → {self.speaker_id}"


class SpeakerTenure(models.Model):
    """A role a known official held, and when (e.g. State Department spokesperson)."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="tenures")
    role = models.CharField(max_length=200)
    organization = models.CharField(max_length=200, blank=True)
    start_on = models.DateField(null=True, blank=True)
    end_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["speaker", "start_on"]

    def __str__(self) -> str:
        return f"{self.role}, {self.organization} ({self.start_on or '?'}–{self.end_on or 'now'})"

    def covers(self, day: dt.date) -> bool:
        return (self.start_on is None or self.start_on <= day) and (
            self.end_on is None or day <= self.end_on
        )


class Topic(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ArmedGroup(models.Model):
    short_name = models.CharField(max_length=50, unique=True)
    slug = models.SlugField(max_length=50, unique=True)
    full_name = models.CharField(max_length=200, blank=True)
    aliases = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name


class Statement(models.Model):
    class Review(models.TextChoices):
        AUTO = "auto", "Automatic"
        VERIFIED = "verified", "Verified"
        EDITED = "edited", "Edited"
        REJECTED = "rejected", "Rejected"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="statements")
    # Indexed by statement_speaker_keyset_idx (see Meta), which leads with it; on SQLite the
    # demo's few rows need no index.
    speaker = models.ForeignKey(
        Speaker, on_delete=models.PROTECT, related_name="statements", db_index=False
    )
    text = models.TextField()
    direct = models.BooleanField(default=False, help_text="A quotation, not reported speech.")
    context = models.TextField(blank=True, help_text="The question a briefing answer replies to.")
    start = models.PositiveIntegerField(help_text="Offset of the statement in its document text.")
    end = models.PositiveIntegerField()
    said_on = models.DateField(null=True, blank=True, validators=dates.VALIDATORS)
    date_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    date_basis = models.CharField(
        max_length=16,
        blank=True,
        help_text="Where the date comes from: own (the statement's words), speaker, briefing, "
        "talks, news day, document, report period.",
    )
    # The statement's two spans: the sentence (start, end: where it came from, highlighted
    # in the source) and, inside it, the speaker's own words (inside the quotation marks of a
    # quotation, the reported clause of reported speech), as [[start, end], ...] offsets into
    # the document's text.
    words = models.JSONField(
        default=list, blank=True, help_text="Offsets of the speaker's own words in the document."
    )
    attribution = models.CharField(
        max_length=16,
        blank=True,
        help_text="How the speaker was found: turn, issued, named, according, surname, "
        "description, pronoun, continuation, inferred, group.",
    )
    confidence = models.FloatField(
        null=True, blank=True, help_text="How sure the extractor is of the speaker (0-1)."
    )
    is_pledge = models.BooleanField(default=False)
    about_pakistan = models.BooleanField(default=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="statements")
    armed_groups = models.ManyToManyField(ArmedGroup, blank=True, related_name="statements")

    # The same remark reported by several outlets points at one canonical statement.
    canonical = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )

    review_status = models.CharField(max_length=16, choices=Review.choices, default=Review.AUTO)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    editor_note = models.TextField(blank=True)
    extractor_version = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Every field but the time of the last write (each row has its own date).
    history = EditorHistory(excluded_fields=["updated_at"])

    class Meta:
        # Newest first, undated last: the timeline's keyset order everywhere, so that one
        # index (statement_keyset_idx, migration 0003) serves the admin's lists too.
        ordering = [models.F("said_on").desc(nulls_last=True), "-id"]
        # PostgreSQL also has, in the keyset order (migrations 0003 and 0006; SQLite, which
        # runs the demo, cannot index NULLS LAST): every statement (statement_keyset_idx); a
        # speaker's, for the speaker filter and page, the monthly cells and the re-report
        # windows (statement_speaker_keyset_idx); pledges (statement_pledge_keyset_idx).
        indexes = [
            # The few reviewed statements among the many automatic ones ("verified only").
            models.Index(fields=["review_status"], name="statement_review_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="span_ok")
        ]

    def __str__(self) -> str:
        return f"{self.speaker}: {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("statements:statement", args=[self.pk])

    @property
    def quotation(self) -> tuple[str, str]:
        """(the speaker's own words, the framing around them) of a direct quotation whose
        words are known; ("", "") otherwise (see :mod:`statements.quotes`)."""
        from .quotes import quotation

        return quotation(self.text, self.start, self.words, self.direct)

    @property
    def own_words(self) -> str:
        return self.quotation[0]

    @property
    def framing(self) -> str:
        return self.quotation[1]

    @property
    def is_reviewed(self) -> bool:
        return self.review_status != self.Review.AUTO


class RemovedStatement(models.Model):
    """A statement a re-extraction removed (its document no longer yields it): its id stays
    known, so a link to it answers "gone" and points at its document rather than "not found"."""

    statement_id = models.BigIntegerField(primary_key=True)
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    removed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"statement {self.statement_id} (removed from document {self.document_id})"


# What the monthly slices' indexes carry besides their keys, for index-only reads.
_CELL_COLUMNS = ["is_pledge", "verified", "precision", "n", "first_said", "last_said"]


class MonthlyCount(models.Model):
    """How many timeline rows (visible remarks, re-reports folded into the first report) one
    speaker has in one month, split by the pledge and verified flags: in all (no topic and no
    group), per topic, or per armed group. Derived data that the timeline's total and chart,
    speaker pages and the speakers index read instead of aggregating every statement; kept
    current on every write by :mod:`statements.summary`, rebuilt by ``manage.py
    summary_rebuild``.
    """

    month = models.DateField(null=True, help_text="First day of the month; empty when undated.")
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="+")
    is_pledge = models.BooleanField()
    verified = models.BooleanField()
    has_topic = models.BooleanField(help_text="The statements have at least one topic.")
    topic = models.ForeignKey(
        Topic, null=True, on_delete=models.CASCADE, related_name="monthly_counts"
    )
    armed_group = models.ForeignKey(
        ArmedGroup, null=True, on_delete=models.CASCADE, related_name="monthly_counts"
    )
    # The statements' date precision (day, month, year; "unknown" for an approximate day): a
    # year-only statement's month is January, which the chart and filters must not take for a
    # January remark, and first and last dates are shown at their precision.
    precision = models.CharField(max_length=8, default="day")
    n = models.PositiveIntegerField()
    first_said = models.DateField(null=True)
    last_said = models.DateField(null=True)

    class Meta:
        # Readers scan one slice (all, a topic, a group) by index only: the slices' indexes
        # carry every column the reads need. Refreshes find a cell by speaker and month.
        indexes = [
            models.Index(fields=["speaker", "month"], name="monthlycount_cell_idx"),
            models.Index(
                fields=["month", "speaker"],
                include=[
                    "is_pledge",
                    "verified",
                    "has_topic",
                    "precision",
                    "n",
                    "first_said",
                    "last_said",
                ],
                name="monthlycount_all_idx",
                condition=models.Q(topic__isnull=True, armed_group__isnull=True),
            ),
            models.Index(
                fields=["topic", "month"],
                include=["speaker", *_CELL_COLUMNS],
                name="monthlycount_topic_idx",
                condition=models.Q(topic__isnull=False),
            ),
            models.Index(
                fields=["armed_group", "month"],
                include=["speaker", *_CELL_COLUMNS],
                name="monthlycount_group_idx",
                condition=models.Q(armed_group__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(topic__isnull=True) | models.Q(armed_group__isnull=True),
                name="monthlycount_one_dimension",
            ),
            # One row per key (NULLs as values: undated, no topic, no group), which also lets
            # new statements be added to their rows with INSERT ... ON CONFLICT.
            models.UniqueConstraint(
                "speaker",
                # Undated as -infinity, a value no stored date can take (a typo of year 1
                # can, and then collided with the undated row).
                Coalesce("month", Cast(models.Value("-infinity"), models.DateField())),
                "is_pledge",
                "verified",
                "has_topic",
                Coalesce("topic", models.Value(0)),
                Coalesce("armed_group", models.Value(0)),
                "precision",
                name="monthlycount_key_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.speaker_id} {self.month or 'undated'}: {self.n}"


class Statistic(models.Model):
    """An aggregate violence figure a document cites (CRSS, SATP...)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="statistics")
    source = models.CharField(max_length=100, blank=True, db_index=True)
    period = models.CharField(max_length=40, blank=True, help_text="2021, 2024-Q1, 2022-01/2022-04")
    period_start = models.DateField(null=True, blank=True, db_index=True)
    period_end = models.DateField(null=True, blank=True)
    metric = models.CharField(max_length=200)
    value = models.DecimalField(max_digits=14, decimal_places=2)
    start = models.PositiveIntegerField(default=0)
    end = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["period_start", "source", "metric"]

    def __str__(self) -> str:
        return f"{self.source or '?'} {self.period}: {self.metric} = {self.value}"


# Saved searches and their alerts live in a module of their own; imported here so that Django
# finds them as models of this app.
from .alert_models import AlertDelivery, SavedSearch  # noqa: E402, F401

# The events of issue #16 live in their own module; importing it here registers its models.
from .event_models import Event, EventFigure, EventKind, EventMention, EventTarget, Reaction  # noqa: E402, F401, I001
