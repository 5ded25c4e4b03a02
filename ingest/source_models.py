"""Sources that feed themselves: feeds, sitemaps and index pages that the workers poll.

Imported by ``ingest.models``; the foreign keys to ingest's and statements' models are named by
label, so this module imports neither app's models module (no import circle).
"""

from __future__ import annotations

from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from statements.models import Document

# A source that keeps failing is polled less and less often, but at least once a day.
MAX_BACKOFF = timedelta(days=1)


class Source(models.Model):
    """A feed, sitemap or index page whose new articles are fetched and ingested as they appear.

    The state fields are the poller's: the validators of the last full answer (for conditional
    requests), when it was polled and is next due, and how often in a row it failed and why.
    """

    class Kind(models.TextChoices):
        FEED = "feed", "RSS or Atom feed"
        SITEMAP = "sitemap", "Sitemap"
        INDEX = "index", "Index page (its article links are followed)"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.FEED)
    url = models.URLField("address", max_length=2000)
    poll_minutes = models.PositiveIntegerField(
        "poll every (minutes)",
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(7 * 24 * 60)],
    )
    outlet = models.ForeignKey(
        "statements.Outlet",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The outlet of its documents; blank: found from each page.",
    )
    document_kind = models.CharField(
        max_length=32, choices=Document.Kind.choices, default=Document.Kind.ARTICLE
    )
    include_words = models.TextField(
        blank=True,
        help_text="Only entries whose title or address contains one of these (one per line or "
        "comma separated; any case). Blank: every entry.",
    )
    exclude_words = models.TextField(
        blank=True,
        help_text="Entries whose title or address contains one of these are left out.",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_poll_at = models.DateTimeField(null=True, blank=True, editable=False)
    failures = models.PositiveIntegerField("failures in a row", default=0, editable=False)
    last_error = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["active", "next_poll_at"])]

    def __str__(self) -> str:
        return self.name

    @property
    def interval(self) -> timedelta:
        return timedelta(minutes=self.poll_minutes)

    def backoff(self, failures: int) -> timedelta:
        """How long to wait after ``failures`` failures in a row: the interval doubled for each,
        at most a day (and never less than the interval)."""
        if failures <= 0:
            return self.interval
        return max(self.interval, min(self.interval * 2 ** min(failures, 20), MAX_BACKOFF))


class SourcePoll(models.Model):
    """One poll of a source: what it answered and what was found in it.

    What became of the new entries (ingested, already stored as text, failed) is read from
    their URL fetches, which the workers finish after the poll.
    """

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="polls")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    requested = models.BooleanField(default=False, help_text="Polled at an editor's request.")
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    found = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(
        default=0, help_text="Left out by the source's words, robots.txt or another host."
    )
    deferred = models.PositiveIntegerField(
        default=0, help_text="New entries over the cap of one poll, left for the next."
    )
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["source", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.source} at {self.started_at:%Y-%m-%d %H:%M}"


class SourceEntry(models.Model):
    """An article a source listed, kept once per source by its address, and the URL fetch that
    ingests it (shared with any other source or editor that asked for the same address)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="entries")
    poll = models.ForeignKey(
        SourcePoll, null=True, blank=True, on_delete=models.SET_NULL, related_name="entries"
    )
    url = models.URLField(max_length=2000)
    url_hash = models.CharField(max_length=64)
    title = models.CharField(max_length=500, blank=True)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    fetch = models.ForeignKey(
        "ingest.UrlFetch", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared = models.BooleanField(
        default=False,
        help_text="Its address was asked for before (by an editor or another source), so it "
        "was not fetched again for this source.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "url_hash"], name="source_entry_once")
        ]
        verbose_name_plural = "source entries"

    def __str__(self) -> str:
        return self.url
