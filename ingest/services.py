"""How documents get in: normalize, de-duplicate, store, and hand to the workers."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from statements.dates import within
from statements.models import Document, Outlet

from .enqueue import FETCH_URL, PROCESS_DOCUMENT, READ_UPLOAD, send_on_commit
from .errors import RejectedDocument
from .fetch import check_url, normalize_url
from .fetch import fetch as http_get
from .models import FileUpload, IngestRequest, UrlFetch, url_hash
from .readers import ReadText, read_bytes, read_fetched

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Unicode's bidirectional controls (the Bidi_Control property): the embeddings, overrides and
# isolates (U+202A-U+202E, U+2066-U+2069) can show a run of text reversed or displaced from
# where it is stored ("Trojan Source"), and the marks (LRM U+200E, RLM U+200F, ALM U+061C) are
# invisible characters that split words, names and quotes, so search, the extractor's matching
# and de-duplication miss them. All twelve go: the browser orders Urdu or Arabic letters right
# without them, and at worst a neutral character at the edge of a run shows on its other side.
_BIDI_CONTROL = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def normalize_text(text: str) -> str:
    """Text as stored: NFC, Unix newlines, no control characters (bidirectional ones included),
    no trailing blanks."""
    text = unicodedata.normalize("NFC", text or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = strip_bidi_controls(text)
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def strip_bidi_controls(text: str) -> str:
    """``text`` without bidirectional control characters (for text, titles, outlet names)."""
    return _BIDI_CONTROL.sub("", text)


def content_hash(text: str) -> str:
    """Hash of the text with all white space folded, so re-spaced copies collide."""
    folded = " ".join(_SPACES.sub(" ", text).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StoredDocument:
    document: Document
    created: bool


def outlet_for(name: str) -> Outlet | None:
    name = " ".join(strip_bidi_controls(name or "").split())[:200]
    if not name:
        return None
    outlet = Outlet.objects.filter(name__iexact=name).first()
    return outlet or Outlet.objects.get_or_create(name=name)[0]


def document_stored(*, text: str) -> Document | None:
    """The document already holding this text (white space aside), if any."""
    return Document.objects.filter(content_hash=content_hash(normalize_text(text))).first()


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
    check_length: bool = False,
) -> StoredDocument:
    """Store a document once (by content hash) and queue it for extraction.

    Returns the existing document, ``created=False``, when the same text is already stored,
    even when two uploads race. Raises RejectedDocument for text with nothing to read (or,
    with ``check_length``, too little: an editor's upload).
    """
    text = normalize_text(text)
    if not text.strip():
        raise RejectedDocument("The document is empty: there is no text to read.")
    if check_length:
        require_enough_text(text)
    digest = content_hash(text)
    existing = Document.objects.filter(content_hash=digest).first()
    if existing:
        return StoredDocument(existing, False)
    try:
        with transaction.atomic():
            document = Document.objects.create(
                text=text,
                content_hash=digest,
                title=(strip_bidi_controls(title).strip() or _first_line(text))[:500],
                outlet=outlet_for(outlet),
                url=_web_address(url),
                published_on=within(published_on),  # out of range (a typo): unknown
                kind=kind if kind in Document.Kind.values else Document.Kind.OTHER,
                uploaded_by=uploaded_by,
            )
    except IntegrityError:
        return StoredDocument(Document.objects.get(content_hash=digest), False)
    if enqueue:
        document_enqueue(document=document)
    return StoredDocument(document, True)


def _web_address(url: str) -> str:
    """Keep only http(s) addresses: a page's metadata may claim anything (javascript:...), and
    the address is shown as a link."""
    url = (url or "").strip()[:2000]
    return url if url.lower().startswith(("http://", "https://")) else ""


# A byline or a credit line is not a title: "By Jane Doe", "Staff Reporter", "From our
# correspondent", "Reporting by ...".
_BYLINE = re.compile(
    r"^(by\s|from\s+our\s|reporting\s+by\b|written\s+by\b|"
    r"(staff|special|our)\s+(reporter|correspondent|writer)\b|"
    r"(staff\s+)?(reporter|correspondent)$|news\s+desk$|web\s+desk$)",
    re.IGNORECASE,
)


def _first_line(text: str) -> str:
    """The first line that is not blank and not a byline (the text's own title, usually)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    for line in lines:
        if not _BYLINE.match(line):
            return line
    return lines[0] if lines else ""


# A document has at least this much to read: a few words pasted by mistake are not an article.
MIN_DOCUMENT_WORDS = 20
MIN_DOCUMENT_CHARS = 120


def require_enough_text(text: str) -> None:
    """Raise RejectedDocument for text too short to be a document (fewer than
    MIN_DOCUMENT_WORDS words or MIN_DOCUMENT_CHARS characters, white space aside)."""
    words = normalize_text(text).split()
    if not words:
        raise RejectedDocument("The document is empty: there is no text to read.")
    if len(words) < MIN_DOCUMENT_WORDS or len(" ".join(words)) < MIN_DOCUMENT_CHARS:
        raise RejectedDocument(
            f"The text is too short to be a document ({len(words)} words): paste the whole "
            f"article, at least {MIN_DOCUMENT_WORDS} words."
        )


def document_enqueue(*, document: Document) -> None:
    """Send the document to the workers once the current transaction commits (if the broker
    cannot be reached, the periodic sweep sends it later)."""
    send_on_commit(PROCESS_DOCUMENT, document.pk)


def documents_requeue_stale(*, older_than: datetime) -> int:
    """Enqueue again every document, URL fetch and file upload still queued or in progress
    since before ``older_than``; returns how many were sent.

    Covers a broker that was down at upload and a worker that died without its task being
    redelivered. Re-running one is harmless, so a false positive costs only time; one whose
    worker is killed every time is failed by its task after INGEST_MAX_ATTEMPTS starts.
    """
    now = timezone.now()
    count = 0
    for model, active, enqueue in (
        (Document, ["queued", "processing"], lambda row: document_enqueue(document=row)),
        (UrlFetch, ["queued", "fetching"], lambda row: url_fetch_enqueue(fetch=row)),
        (FileUpload, ["queued", "reading"], lambda row: file_upload_enqueue(upload=row)),
    ):
        stale = model.objects.filter(status__in=active, status_changed_at__lt=older_than)
        for row in stale.only("pk"):
            model.objects.filter(pk=row.pk).update(status_changed_at=now)
            enqueue(row)
            count += 1
    return count


def document_retry(*, document: Document) -> None:
    """Queue a document again (after a failure, or to re-extract it), its attempts counted
    afresh."""
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.QUEUED, error="", attempts=0, status_changed_at=timezone.now()
    )
    document_enqueue(document=document)


@dataclass(frozen=True)
class RequestedFetch:
    fetch: UrlFetch
    created: bool


def url_fetch_request(
    *,
    url: str,
    title: str = "",
    outlet: str = "",
    published_on: date | None = None,
    kind: str = Document.Kind.ARTICLE,
    requested_by: AbstractBaseUser | None = None,
) -> RequestedFetch:
    """Accept a URL upload: one row per URL, fetched and read by a worker after commit.

    A URL asked for before returns its existing row (``created=False``); one that failed is
    queued again, since the page may be reachable now.
    """
    url = normalize_url(url)
    check_url(url)  # a literal internal address is refused at once; host names in the worker
    fetch, created = UrlFetch.objects.get_or_create(
        url_hash=url_hash(url),
        defaults={
            "url": url,
            "title": title[:500],
            "outlet": " ".join(outlet.split())[:200],
            "published_on": published_on,
            "kind": kind if kind in Document.Kind.values else Document.Kind.OTHER,
            "requested_by": requested_by,
        },
    )
    if created:
        url_fetch_enqueue(fetch=fetch)
    elif fetch.status == UrlFetch.Status.FAILED:
        url_fetch_retry(fetch=fetch)
    return RequestedFetch(fetch, created)


def url_fetch_enqueue(*, fetch: UrlFetch) -> None:
    """Send the URL to the workers on commit; if the broker is down the sweep sends it later."""
    send_on_commit(FETCH_URL, fetch.pk)


def url_fetch_retry(*, fetch: UrlFetch) -> None:
    _request_requeue(fetch)
    url_fetch_enqueue(fetch=fetch)


def url_fetch_process(*, fetch_id: int) -> UrlFetch:
    """Fetch and read the page, then store its text once; idempotent.

    A page whose text is already stored (from a file, or another URL) points at that document.
    """
    fetch = UrlFetch.objects.get(pk=fetch_id)

    def read() -> ReadText:
        page = http_get(fetch.url)
        return read_fetched(
            page.body, content_type=page.content_type, charset=page.charset, url=fetch.url
        )

    return _request_process(fetch, working=UrlFetch.Status.FETCHING, read=read)


def file_upload_request(
    *,
    name: str,
    data: bytes,
    title: str = "",
    outlet: str = "",
    published_on: date | None = None,
    kind: str = Document.Kind.ARTICLE,
    requested_by: AbstractBaseUser | None = None,
) -> FileUpload:
    """Accept a PDF or HTML file: store its bytes and let a worker read it after commit.

    The web request only checks what is cheap (size, type, a PDF's header: the form); the
    reading, which a hostile PDF can make last minutes, is ``file_upload_process``'s.
    """
    upload = FileUpload.objects.create(
        name=name[:255],
        data=data,
        size=len(data),
        title=title[:500],
        outlet=" ".join(outlet.split())[:200],
        published_on=published_on,
        kind=kind if kind in Document.Kind.values else Document.Kind.OTHER,
        requested_by=requested_by,
    )
    file_upload_enqueue(upload=upload)
    return upload


def file_upload_enqueue(*, upload: FileUpload) -> None:
    """Send the file to the workers on commit; if the broker is down the sweep sends it later."""
    send_on_commit(READ_UPLOAD, upload.pk)


def file_upload_retry(*, upload: FileUpload) -> None:
    _request_requeue(upload)
    file_upload_enqueue(upload=upload)


def file_upload_process(*, upload_id: int) -> FileUpload:
    """Read the file with limits (``readers.read_bytes``), then store its text once; idempotent.

    A file whose text is already stored points at that document. The bytes are dropped once
    the text is stored; a file that failed keeps them for a retry.
    """
    upload = FileUpload.objects.defer("data").get(pk=upload_id)

    def read() -> ReadText:
        data = FileUpload.objects.values_list("data", flat=True).get(pk=upload_id)
        return read_bytes(bytes(data), filename=upload.name)

    return _request_process(
        upload, working=FileUpload.Status.READING, read=read, done={"data": b""}
    )


def _request_process(
    request: IngestRequest,
    *,
    working: str,
    read: Callable[[], ReadText],
    done: dict[str, object] | None = None,
) -> IngestRequest:
    """Mark ``request`` as being worked on, ``read`` its text and store it once, with the
    editor's details before what the text says of itself; mark it done (setting the fields in
    ``done``), or failed with the reason the input was rejected. A request already done (a
    redelivered task) is left as it is."""
    if request.status == request.Status.DONE and request.document_id:
        return request
    _request_mark(request, status=working)
    try:
        text = read()
        stored = document_create(
            text=text.text,
            title=request.title or text.title,
            outlet=request.outlet or text.outlet,
            url=text.url,
            published_on=request.published_on or text.published_on,
            kind=request.kind,
            check_length=True,
            uploaded_by=request.requested_by,
        )
    except RejectedDocument as error:
        _request_mark(request, status=request.Status.FAILED, error=str(error), kind=_kind(error))
        return request
    request.document = stored.document
    request.duplicate = not stored.created
    for name, value in (done or {}).items():
        setattr(request, name, value)
    _request_mark(request, status=request.Status.DONE, fields=list(done or ()))
    return request


def _kind(error: RejectedDocument) -> str:
    kinds = IngestRequest.FailureKind
    return kinds.TRANSIENT if error.transient else kinds.PERMANENT


def _request_mark(
    request: IngestRequest,
    *,
    status: str,
    error: str = "",
    kind: str = "",
    fields: list[str] | None = None,
) -> None:
    """Save ``request``'s new status (with the error and its kind when it failed)."""
    request.status, request.error, request.failure_kind = status, error[:4000], kind
    request.status_changed_at = timezone.now()
    changed = ["status", "error", "failure_kind", "status_changed_at", "document", "duplicate"]
    request.save(update_fields=[*changed, *(fields or [])])


def _request_requeue(request: IngestRequest) -> None:
    """Queue a URL fetch or file upload again, its failure and attempts forgotten."""
    type(request).objects.filter(pk=request.pk).update(
        status=request.Status.QUEUED,
        error="",
        failure_kind="",
        attempts=0,
        status_changed_at=timezone.now(),
    )
