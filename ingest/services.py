"""How documents get in: normalize, de-duplicate, store, and hand to the workers."""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from statements.models import Document, Outlet

logger = logging.getLogger(__name__)

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RejectedDocument(ValueError):
    """The input cannot become a document; the message says why, for the editor."""


def normalize_text(text: str) -> str:
    """Text as stored: NFC, Unix newlines, no control characters, no trailing blanks."""
    text = unicodedata.normalize("NFC", text or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def content_hash(text: str) -> str:
    """Hash of the text with all white space folded, so re-spaced copies collide."""
    folded = " ".join(_SPACES.sub(" ", text).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StoredDocument:
    document: Document
    created: bool


def outlet_for(name: str) -> Outlet | None:
    name = " ".join((name or "").split())[:200]
    if not name:
        return None
    outlet = Outlet.objects.filter(name__iexact=name).first()
    return outlet or Outlet.objects.get_or_create(name=name)[0]


def document_create(
    *,
    text: str,
    title: str = "",
    outlet: str = "",
    url: str = "",
    published_on: date | None = None,
    kind: str = Document.Kind.ARTICLE,
    uploaded_by: AbstractBaseUser | None = None,
    enqueue: bool = True,
) -> StoredDocument:
    """Store a document once (by content hash) and queue it for extraction.

    Returns the existing document, ``created=False``, when the same text is already stored,
    even when two uploads race. Raises RejectedDocument for text with nothing to read.
    """
    text = normalize_text(text)
    if not text.strip():
        raise RejectedDocument("The document is empty: there is no text to read.")
    digest = content_hash(text)
    existing = Document.objects.filter(content_hash=digest).first()
    if existing:
        return StoredDocument(existing, False)
    try:
        with transaction.atomic():
            document = Document.objects.create(
                text=text,
                content_hash=digest,
                title=(title or _first_line(text))[:500],
                outlet=outlet_for(outlet),
                url=url,
                published_on=published_on,
                kind=kind if kind in Document.Kind.values else Document.Kind.OTHER,
                uploaded_by=uploaded_by,
            )
    except IntegrityError:
        return StoredDocument(Document.objects.get(content_hash=digest), False)
    if enqueue:
        document_enqueue(document=document)
    return StoredDocument(document, True)


def _first_line(text: str) -> str:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return ""


def document_enqueue(*, document: Document) -> None:
    """Send the document to the workers once the current transaction commits.

    If the broker cannot be reached the document simply stays queued; the periodic sweep
    (``requeue_stale``) sends it again later, so nothing accepted is lost.
    """
    from .tasks import process_document

    def send() -> None:
        try:
            process_document.delay(document.pk)
        except OperationalError:  # broker down: the sweep will retry
            logger.warning("could not enqueue document %s; it stays queued", document.pk)

    transaction.on_commit(send)


def documents_requeue_stale(*, older_than: datetime) -> int:
    """Enqueue again every document still queued or processing since before ``older_than``.

    Covers a broker that was down at upload and a worker that died without its task being
    redelivered. Re-running a document is harmless, so a false positive costs only time.
    """
    stale = Document.objects.filter(
        status__in=[Document.Status.QUEUED, Document.Status.PROCESSING],
        status_changed_at__lt=older_than,
    )
    count = 0
    for document in stale.only("pk"):
        Document.objects.filter(pk=document.pk).update(status_changed_at=timezone.now())
        document_enqueue(document=document)
        count += 1
    return count


def document_retry(*, document: Document) -> None:
    """Queue a document again (after a failure, or to re-extract it)."""
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.QUEUED, error="", status_changed_at=timezone.now()
    )
    document_enqueue(document=document)
