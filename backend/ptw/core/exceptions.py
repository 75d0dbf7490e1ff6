"""The one error envelope: every API error, expected or not, leaves in this shape.

`{"error": {"code", "message", "fields"?, "missing"?, "request_id", ...}}` — never a stack trace
or the text of an unexpected exception.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions as drf
from rest_framework.response import Response

from ptw.core.errors import ApiError
from ptw.core.request_context import get_request_id

logger = logging.getLogger("ptw.api")

_DRF_CODES: dict[type[drf.APIException], tuple[str, str]] = {
    drf.NotAuthenticated: ("not_authenticated", "Authentication is required."),
    drf.AuthenticationFailed: ("authentication_failed", "The credentials are not valid."),
    drf.PermissionDenied: ("forbidden", "You may not do this."),
    drf.NotFound: ("not_found", "Not found."),
    drf.MethodNotAllowed: ("method_not_allowed", "This method is not allowed here."),
    drf.NotAcceptable: ("not_acceptable", "The requested response format is not available."),
    drf.UnsupportedMediaType: ("unsupported_media_type", "Send the request body as JSON."),
    drf.ParseError: ("malformed_request", "The request body is not valid JSON."),
    drf.Throttled: ("throttled", "Too many requests; retry later."),
}


def envelope(code: str, message: str, **parts: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message}
    body.update({key: value for key, value in parts.items() if value is not None})
    body["request_id"] = get_request_id()
    return {"error": body}


def _flatten(detail: Any) -> list[str]:
    if isinstance(detail, dict):
        return [f"{key}: {msg}" for key, value in detail.items() for msg in _flatten(value)]
    if isinstance(detail, list):
        return [msg for item in detail for msg in _flatten(item)]
    return [str(detail)]


def _field_errors(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {str(key): _flatten(value) for key, value in detail.items()}
    return {"non_field_errors": _flatten(detail)}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    if isinstance(exc, ApiError):
        body = envelope(exc.code, exc.message, fields=exc.fields, missing=exc.missing, **exc.extra)
        return Response(body, status=exc.status_code, headers=exc.headers)
    if isinstance(exc, Http404):
        exc = drf.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = drf.PermissionDenied()
    if isinstance(exc, drf.ValidationError):
        fields = _field_errors(exc.detail)
        non_field = fields.pop("non_field_errors", None)
        message = non_field[0] if non_field else "Some fields are invalid."
        return Response(envelope("invalid", message, fields=fields or None), status=400)
    if isinstance(exc, drf.APIException):
        code, message = next(
            ((c, m) for cls, (c, m) in _DRF_CODES.items() if isinstance(exc, cls)),
            ("error", "The request could not be served."),
        )
        headers: dict[str, str] = {}
        wait = getattr(exc, "wait", None)
        if isinstance(exc, drf.Throttled) and wait is not None:
            headers["Retry-After"] = str(int(wait) + 1)
        return Response(envelope(code, message), status=exc.status_code, headers=headers)
    logger.exception("Unhandled error while serving the API")
    return Response(envelope("server_error", "An unexpected error occurred."), status=500)


def not_found_view(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    """Django-level 404 (no URL matched) in the envelope."""
    return JsonResponse(envelope("not_found", "Not found."), status=404)


def server_error_view(request: HttpRequest) -> JsonResponse:
    return JsonResponse(envelope("server_error", "An unexpected error occurred."), status=500)
