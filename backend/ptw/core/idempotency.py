"""`Idempotency-Key` on POST: the same user and key within 24 h replays the first response."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.response import Response

from ptw.core.errors import ApiError, InvalidInput
from ptw.core.models import IdempotencyRecord

HEADER = "Idempotency-Key"
WINDOW = timedelta(hours=24)
_REPLAYED_HEADERS = ("ETag", "Location")


class IdempotencyKeyReused(ApiError):
    status_code = 422
    code = "idempotency_key_reused"
    default_message = "This Idempotency-Key was used with a different request."


class IdempotencyInProgress(ApiError):
    status_code = 409
    code = "idempotency_in_progress"
    default_message = "A request with this Idempotency-Key is still being processed."


def _fingerprint(request: Request) -> str:
    body = json.dumps(request.data, sort_keys=True, default=str) if request.data else ""
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def idempotent(view_method: Callable[..., Response] | None = None, *, secret_fields: tuple[str, ...] = ()) -> Any:
    """Wrap a POST handler: record its response under the caller's key, replay it on retries.

    `secret_fields` are shown once and never stored: a replay returns them as null.
    """
    if view_method is None:
        return lambda method: _idempotent(method, secret_fields)
    return _idempotent(view_method, secret_fields)


def _idempotent(view_method: Callable[..., Response], secret_fields: tuple[str, ...]) -> Callable[..., Response]:
    @wraps(view_method)
    def wrapper(view: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
        key = request.headers.get(HEADER)
        if not key or not request.user.is_authenticated:
            return view_method(view, request, *args, **kwargs)
        if len(key) > 255:
            raise InvalidInput(fields={HEADER: ["At most 255 characters."]})
        fingerprint = _fingerprint(request)
        IdempotencyRecord.objects.filter(user=request.user, key=key, created_at__lt=timezone.now() - WINDOW).delete()
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(user=request.user, key=key, fingerprint=fingerprint)
        except IntegrityError:
            previous = IdempotencyRecord.objects.get(user=request.user, key=key)
            if previous.fingerprint != fingerprint:
                raise IdempotencyKeyReused() from None
            if previous.status_code is None:
                raise IdempotencyInProgress() from None
            replay = Response(previous.body, status=previous.status_code, headers=previous.headers)
            replay["Idempotent-Replayed"] = "true"
            return replay
        try:
            response = view_method(view, request, *args, **kwargs)
        except Exception:
            # A failed attempt records nothing: the client may retry with the same key.
            record.delete()
            raise
        if response.status_code >= 500:
            record.delete()
            return response
        record.status_code = response.status_code
        record.body = _without(response.data, secret_fields)
        record.headers = {name: response[name] for name in _REPLAYED_HEADERS if response.has_header(name)}
        record.save(update_fields=["status_code", "body", "headers"])
        return response

    return wrapper


def _without(body: Any, secret_fields: tuple[str, ...]) -> Any:
    if secret_fields and isinstance(body, dict):
        return {key: None if key in secret_fields else value for key, value in body.items()}
    return body
