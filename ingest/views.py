"""Editors' ingest pages: upload, then follow the document (or the URL fetch, or the file being
read) to the end."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from statements.highlight import segments
from statements.models import Document

from .duplicates import document_correct, kept_message, offered_corrections
from .errors import RejectedDocument
from .forms import UploadForm
from .models import FileUpload, IngestRequest, UrlFetch
from .services import (
    document_create,
    document_retry,
    file_upload_request,
    file_upload_retry,
    url_fetch_request,
    url_fetch_retry,
)

FINISHED = (Document.Status.DONE, Document.Status.FAILED)
DATABASE_DOWN = (
    "The database did not answer, so nothing was stored. The text and details you entered are "
    "still in the form (a file must be chosen again): please send it again in a minute."
)
log = logging.getLogger(__name__)


def editors_only(permission: str):
    """Sign-in first (anonymous visitors go to the login page), then the permission (403)."""

    def decorate(view):
        return login_required(permission_required(permission, raise_exception=True)(view))

    return decorate


@require_http_methods(["GET", "HEAD", "POST"])
@editors_only("statements.add_document")
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "title": data["title"],
            "outlet": data["outlet"],
            "published_on": data["published_on"],
            "kind": data["kind"],
        }
        try:
            if data["source"] == "url":
                return _accept_url(request, data["url"], fields)
            if data["read"] is None:
                return _accept_file(request, data["file"].name, data["raw"], fields)
            return _accept_text(request, data["read"], fields)
        except RejectedDocument as error:
            form.add_error(None, str(error))
        except DatabaseError:
            # Nothing was stored; the form comes back with what was sent, never emptied.
            log.exception("Upload failed: the database did not answer")
            form.add_error(None, DATABASE_DOWN)
            return _upload_page(request, form, status=503)
    return _upload_page(request, form, status=400 if request.method == "POST" else 200)


def _upload_page(request: HttpRequest, form: UploadForm, *, status: int) -> HttpResponse:
    context = {"form": form, "max_bytes": settings.INGEST_MAX_UPLOAD_BYTES}
    response = render(request, "ingest/upload.html", context, status=status)
    if status == 503:
        response["Retry-After"] = "60"
    return response


def _accept_text(request: HttpRequest, read, fields: dict) -> HttpResponse:
    stored = document_create(
        text=read.text,
        title=fields["title"] or read.title,
        outlet=fields["outlet"] or read.outlet,
        url=read.url,
        published_on=fields["published_on"] or read.published_on,
        kind=fields["kind"],
        uploaded_by=request.user,
    )
    if stored.created:
        messages.success(request, "Document received; the statements are being extracted.")
        return redirect("ingest:document", stored.document.pk)
    return _to_existing(request, stored.document, fields["outlet"], fields["published_on"])


def _to_existing(request: HttpRequest, document: Document, outlet: str, published_on):
    """Land on the stored document, told what was kept; what was typed differently rides along
    in the address, for the document page to offer as a correction."""
    offered = offered_corrections(document, outlet=outlet, published_on=published_on)
    messages.info(request, kept_message(document, offered))
    url = reverse("ingest:document", args=[document.pk])
    if offered:
        url += "?" + urlencode({key: str(value) for key, value in offered.items()})
    return redirect(url)


def _accept_file(request: HttpRequest, name: str, raw: bytes, fields: dict) -> HttpResponse:
    upload = file_upload_request(name=name, data=raw, requested_by=request.user, **fields)
    messages.success(request, "File received; it is being read.")
    return redirect("ingest:file_upload", upload.pk)


def _accept_url(request: HttpRequest, url: str, fields: dict) -> HttpResponse:
    requested = url_fetch_request(url=url, requested_by=request.user, **fields)
    fetch = requested.fetch
    if not requested.created and fetch.document_id:
        messages.info(request, "This address was fetched before; here is its document.")
        return redirect("ingest:document", fetch.document_id)
    if requested.created:
        messages.success(request, "Address received; the page is being fetched.")
    return redirect("ingest:fetch", fetch.pk)


@require_safe
@editors_only("statements.add_document")
def document(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(Document.objects.select_related("outlet"), pk=pk)
    finished = document.status in FINISHED
    statements = []
    if document.status == Document.Status.DONE:
        statements = list(
            document.statements.exclude(review_status="rejected")
            .select_related("speaker")
            .order_by("start")
        )
    offered = offered_corrections(
        document, outlet=request.GET.get("outlet", ""), published_on=request.GET.get("published_on")
    )
    context = {
        "document": document,
        "offered": offered,
        "finished": finished,
        "statements": statements,
        "segments": segments(document.text, statements) if finished else [],
    }
    template = "ingest/document.html#status" if request.htmx else "ingest/document.html"
    return render(request, template, context)


@require_POST
@editors_only("statements.change_document")
def document_retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(Document, pk=pk)
    document_retry(document=document)
    messages.success(request, "Queued again for extraction; reviewed statements are kept.")
    return redirect("ingest:document", document.pk)


@require_POST
@editors_only("statements.change_document")
def document_correct_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply the outlet or date typed on a duplicate upload to the stored document."""
    document = get_object_or_404(Document.objects.select_related("outlet"), pk=pk)
    offered = offered_corrections(
        document,
        outlet=request.POST.get("outlet", ""),
        published_on=request.POST.get("published_on"),
    )
    changed = document_correct(document, **offered, user=request.user)
    if changed:
        messages.success(request, "Corrected: " + "; ".join(changed) + ".")
    return redirect("ingest:document", document.pk)


@require_safe
@editors_only("statements.add_document")
def fetch(request: HttpRequest, pk: int) -> HttpResponse:
    return _request_page(request, get_object_or_404(UrlFetch, pk=pk), "ingest/fetch.html", "fetch")


@require_POST
@editors_only("statements.add_document")
def fetch_retry(request: HttpRequest, pk: int) -> HttpResponse:
    fetch = get_object_or_404(UrlFetch, pk=pk)
    if fetch.can_retry:
        url_fetch_retry(fetch=fetch)
        messages.success(request, "Fetching the page again.")
    return redirect("ingest:fetch", fetch.pk)


@require_safe
@editors_only("statements.add_document")
def file_upload(request: HttpRequest, pk: int) -> HttpResponse:
    upload = get_object_or_404(FileUpload.objects.defer("data"), pk=pk)
    return _request_page(request, upload, "ingest/file.html", "upload")


@require_POST
@editors_only("statements.add_document")
def file_upload_retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    upload = get_object_or_404(FileUpload.objects.defer("data"), pk=pk)
    if upload.can_retry:
        file_upload_retry(upload=upload)
        messages.success(request, "Reading the file again.")
    return redirect("ingest:file_upload", upload.pk)


def _request_page(
    request: HttpRequest, row: IngestRequest, template: str, name: str
) -> HttpResponse:
    """The page that follows a URL fetch or a file upload (``row``, in the context as ``name``):
    its status until the text is stored (the ``status`` partial for htmx's polling), then the
    document, or the one that already held the same text."""
    if row.status == row.Status.DONE and row.document_id:
        if row.duplicate:
            target = _to_existing(request, row.document, row.outlet, row.published_on)
        else:
            target = redirect("ingest:document", row.document_id)
        return HttpResponseClientRedirect(target.url) if request.htmx else target
    return render(request, f"{template}#status" if request.htmx else template, {name: row})
