"""Server-Timing: how long Django took for each response, for benchmarks and developers.

Only when settings.SERVER_TIMING is on (DEBUG, or SERVER_TIMING=true): otherwise a visitor
could time the server's work, e.g. to tell which sign-in names exist or which filters are slow.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ServerTimingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.SERVER_TIMING:
            return self.get_response(request)
        started = time.perf_counter()
        response = self.get_response(request)
        # A streaming response's work happens after this returns: no figure beats a wrong one.
        if not response.streaming:
            elapsed_ms = (time.perf_counter() - started) * 1000
            response["Server-Timing"] = f"app;dur={elapsed_ms:.1f}"
        return response
