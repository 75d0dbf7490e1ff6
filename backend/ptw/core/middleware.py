"""Request id in and out: `X-Request-ID` is echoed (or minted) and tagged on every log line."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from ptw.core.request_context import new_request_id, set_request_id

HEADER = "X-Request-ID"


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = new_request_id(request.headers.get(HEADER))
        request.request_id = request_id  # type: ignore[attr-defined]
        # Not reset on the way out: Django logs 4xx/5xx responses after the middleware returns,
        # and those lines must carry the id too. The next request on this thread replaces it.
        set_request_id(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response
