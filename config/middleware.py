"""Server-Timing: how long Django took for each response, visible in browsers and benchmarks."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class ServerTimingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        # A streaming response's work happens after this returns: no figure beats a wrong one.
        if not response.streaming:
            elapsed_ms = (time.perf_counter() - started) * 1000
            response["Server-Timing"] = f"app;dur={elapsed_ms:.1f}"
        return response
