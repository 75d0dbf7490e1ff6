"""Request id in and out, and the request-size limit every API body is held to before anything reads it."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from ptw.core.exceptions import envelope, payload_too_large_body
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


class RequestBodyLimitMiddleware:
    """413 for a body declared over PTW_MAX_JSON_BODY_BYTES (an upload, multipart/form-data: over
    PTW_MAX_UPLOAD_BYTES), 411 for one of undeclared length."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        multipart = request.META.get("CONTENT_TYPE", "").startswith("multipart/form-data")
        limit = settings.PTW_MAX_UPLOAD_BYTES if multipart else settings.PTW_MAX_JSON_BODY_BYTES
        if declared > limit:
            return JsonResponse(payload_too_large_body(limit), status=413)
        # Django reads no more than Content-Length says, so the declared length bounds what is read;
        # a chunked body (no Content-Length) would be read as empty and silently ignored.
        if not declared and "HTTP_TRANSFER_ENCODING" in request.META:
            message = "Send the request body with a Content-Length header."
            return JsonResponse(envelope("length_required", message), status=411)
        return self.get_response(request)
