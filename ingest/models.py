"""Ingest's own bookkeeping: URLs and files editors sent, fetched or read by the workers."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse

from statements.models import Document


def url_hash(url: str) -> str:
    """The key of a (normalized) URL: a btree index on the URL itself fails on a long one."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


class IngestRequest(models.Model):
    """What a URL upload and a file upload share: the editor's details for the document, and
    the state of the worker's job. ``Status`` and ``status`` are each kind's own (a fetch is
    "fetching" where a file is "reading")."""

    class FailureKind(models.TextChoices):
        # The network, a server's passing trouble, a time limit, a worker stopped: may pass.
        TRANSIENT = "transient", "Transient"
        # An address refused, a file that is not a PDF, too large, too short...: a retry
        # comes back the same however often it is tried, so none is offered.
        PERMANENT = "permanent", "Permanent"

    title = models.CharField(max_length=500, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    kind = models.CharField(
        max_length=32, choices=Document.Kind.choices, default=Document.Kind.ARTICLE
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)

    error = models.TextField(blank=True)
    failure_kind = models.CharField(max_length=16, choices=FailureKind.choices, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    duplicate = models.BooleanField(
        default=False, help_text="The text was already stored from another source."
    )

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["status", "status_changed_at"])]

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def can_retry(self) -> bool:
        """Whether a retry may succeed: offered unless the failure is known to be permanent."""
        return self.status == self.Status.FAILED and self.failure_kind != self.FailureKind.PERMANENT


class UrlFetch(IngestRequest):
    """A URL an editor submitted. Keyed by the URL's hash, so the same page is never fetched
    twice (a unique index on the URL itself fails past PostgreSQL's index row size).

    The document cannot exist before its text does (documents are unique by the hash of their
    text), so a URL upload is this row first; the worker fetches and reads the page, then
    stores the text through ``document_create`` and points ``document`` at the result, which
    may be a document already stored from another source.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        FETCHING = "fetching", "Fetching"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    url = models.URLField(max_length=2000)
    url_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)

    def __str__(self) -> str:
        return self.url

    def save(self, *args, **kwargs) -> None:
        self.url_hash = url_hash(self.url)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("ingest:fetch", args=[self.pk])


class FileUpload(IngestRequest):
    """A PDF or HTML file an editor uploaded, read later by a worker.

    Reading a PDF can take far longer than a web request may (one page can decompress to
    hundreds of megabytes of drawing operators), so the request only stores the bytes here and
    returns; the worker reads them with limits on pages, decompressed size and time
    (``readers.read_pdf``), stores the text through ``document_create`` and points ``document``
    at the result. The bytes (at most INGEST_MAX_UPLOAD_BYTES) are dropped once read.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        READING = "reading", "Reading"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    name = models.CharField(max_length=255)
    data = models.BinaryField(editable=False)
    size = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("ingest:file_upload", args=[self.pk])


# Sources (feeds, sitemaps, index pages) keep their models apart; imported here so Django finds
# them as this app's.
from .source_models import Source, SourceEntry, SourcePoll  # noqa: E402, F401
