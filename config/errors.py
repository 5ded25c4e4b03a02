"""The server error pages: a 503 while the database cannot be reached, a 500 otherwise.

Django calls ``handler500`` from inside the ``except`` block of the failed request, so the
exception is at hand. Both pages are rendered without the request: no context processor, no
session or user lookup, nothing that needs the database that just failed. Should even that
fail (a missing static manifest, say), a plain-text page still says what happened.
"""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

log = logging.getLogger(__name__)

RETRY_AFTER = 60  # seconds, in the Retry-After header and the page's words ("a minute")
DATABASE_DOWN = (OperationalError, InterfaceError)


def database_down(error: BaseException | None) -> bool:
    """Whether ``error``, or an error it was raised from or while handling, says the database
    cannot be reached (refused, reset, timed out or closed connections)."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, DATABASE_DOWN):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def _page(template: str, status: int, fallback: str) -> HttpResponse:
    try:
        body = loader.render_to_string(template, {"retry_after": RETRY_AFTER})
        content_type = "text/html; charset=utf-8"
    except Exception:
        log.exception("The %s page could not be rendered", status)
        body, content_type = fallback, "text/plain; charset=utf-8"
    return HttpResponse(body, status=status, content_type=content_type)


def server_error(request: HttpRequest) -> HttpResponse:
    if database_down(sys.exc_info()[1]):
        response = _page(
            "503.html",
            503,
            "The dashboard cannot reach its database just now. Please try again in a minute.",
        )
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    return _page("500.html", 500, "Something went wrong on our side. Please try again later.")
