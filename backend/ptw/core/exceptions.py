"""The one error envelope: every API error, expected or not, leaves in this shape.

`{"error": {"code", "message", "fields"?, "missing"?, "request_id", ...}}` — never a stack trace
or the text of an unexpected exception.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError, connections
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions as drf
from rest_framework.response import Response

from ptw.core.errors import ApiError
from ptw.core.parsers import MAX_DEPTH, JsonTooDeep
from ptw.core.request_context import get_request_id

logger = logging.getLogger("ptw.api")

# Seconds a client is asked to wait when the database is not answering.
OUTAGE_RETRY_AFTER = 5

_DRF_CODES: dict[type[drf.APIException], tuple[str, str]] = {
    drf.NotAuthenticated: ("not_authenticated", "Authentication is required."),
    drf.AuthenticationFailed: ("authentication_failed", "The credentials are not valid."),
    drf.PermissionDenied: ("forbidden", "You may not do this."),
    drf.NotFound: ("not_found", "Not found."),
    drf.MethodNotAllowed: ("method_not_allowed", "This method is not allowed here."),
    drf.NotAcceptable: ("not_acceptable", "The requested response format is not available."),
    drf.UnsupportedMediaType: ("unsupported_media_type", "Send the request body as JSON."),
    JsonTooDeep: ("invalid_json", f"The request body nests deeper than {MAX_DEPTH} levels."),
    drf.ParseError: ("invalid_json", "The request body is not valid JSON."),
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


def payload_too_large_body(limit: int | None = None) -> dict[str, Any]:
    limit = limit if limit is not None else settings.PTW_MAX_JSON_BODY_BYTES
    return envelope("payload_too_large", f"The request body is larger than {limit} bytes.", limit=limit)


def database_outage_in(exc: BaseException | None) -> BaseException | None:
    """The database error behind `exc`, if any (Django's session middleware re-raises it as another error)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, OperationalError | InterfaceError):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def database_outage_response(exc: BaseException) -> JsonResponse:
    """503 to retry shortly, logged in one line; broken connections are dropped so the next request reconnects."""
    first_line = next(iter(str(exc).strip().splitlines()), "")
    logger.warning("Database unavailable, answered 503: %s: %s", type(exc).__name__, first_line)
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None and not connection.is_usable():
            connection.close()
    body = envelope("service_unavailable", "The database is not answering; retry shortly.")
    response = JsonResponse(body, status=503, headers={"Retry-After": str(OUTAGE_RETRY_AFTER)})
    response._has_been_logged = True  # type: ignore[attr-defined]  # the warning above is its one line
    return response


def exception_handler(exc: Exception, context: dict[str, Any]) -> HttpResponse:
    outage = database_outage_in(exc)
    if outage is not None:
        return database_outage_response(outage)
    if isinstance(exc, RequestDataTooBig):
        return Response(payload_too_large_body(), status=413)
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


# It changes nothing, and a CSRF refusal of a write here would answer Django's HTML 403 page instead.
@csrf_exempt
def api_not_found_view(request: HttpRequest) -> HttpResponse:
    """No API route matched (in development too, where Django would show its HTML page): 404 in the envelope."""
    path = request.path_info
    if settings.APPEND_SLASH and not path.endswith("/") and _is_api_route(f"{path}/"):
        if request.method in ("GET", "HEAD"):
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
        # A redirect would lose the body: name the right path instead.
        return JsonResponse(envelope("not_found", f"Not found; the path ends with a slash: {path}/"), status=404)
    return JsonResponse(envelope("not_found", "Not found."), status=404)


def _is_api_route(path: str) -> bool:
    try:
        return resolve(path).func is not api_not_found_view
    except Resolver404:
        return False


def bad_request_view(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    """Django-level 400 (a request Django itself refuses) in the envelope, or 503 if the database failed under it."""
    outage = database_outage_in(exception)
    if outage is not None:
        return database_outage_response(outage)
    return JsonResponse(envelope("bad_request", "The request could not be understood."), status=400)


def server_error_view(request: HttpRequest) -> JsonResponse:
    """Django-level 500; a database outage outside the API views (middleware, sessions) is a 503 instead."""
    outage = database_outage_in(sys.exc_info()[1])
    if outage is not None:
        return database_outage_response(outage)
    return JsonResponse(envelope("server_error", "An unexpected error occurred."), status=500)
