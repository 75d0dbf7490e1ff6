"""`Idempotency-Key` on POST: the same user and key within 24 h replays the first response."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from functools import wraps
from typing import Any

from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response

from ptw.core.errors import ApiError, InvalidInput
from ptw.core.models import IdempotencyRecord

HEADER = "Idempotency-Key"
WINDOW = timedelta(hours=24)
_REPLAYED_HEADERS = ("ETag", "Location")
# How long a request waits for another one holding the same key before answering 409 (PostgreSQL).
CLAIM_WAIT = timedelta(seconds=30)


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
        return _run_once(view_method, secret_fields, key, view, request, *args, **kwargs)

    return wrapper


def _run_once(
    view_method: Callable[..., Response],
    secret_fields: tuple[str, ...],
    key: str,
    view: Any,
    request: Request,
    *args: Any,
    **kwargs: Any,
) -> Response:
    """Claim the key, do the work and record its outcome in one transaction.

    Steps, in order:
    1. drop the caller's record of this key if it is older than the window;
    2. insert the key's record — a concurrent request with the same key waits here on the unique
       index until the first one commits (then it replays) or rolls back (then it runs itself);
    3. on a conflict, replay the stored response, or refuse a different body (422);
    4. run the view inside the same transaction and store its response with the key;
    5. a refusal (a 4xx raised by a check) is not stored: the key's record is deleted and the
       transaction commits what the refused request left — what the same request without a key
       leaves, e.g. the announcement of an act refused by a SIMOPS conflict (the refused work itself
       was rolled back by the service's own transaction) — then the refusal is raised.
    A failure (an unexpected error, a 5xx answer, a crashed process) rolls back the work and the key
    together, so a retry with the key re-runs cleanly: never a duplicate, never a key stuck in progress.
    """
    fingerprint = _fingerprint(request)
    user: Any = request.user  # authenticated: the wrapper runs this only for signed-in callers
    refusal: Exception | None = None
    with transaction.atomic():
        IdempotencyRecord.objects.filter(user=user, key=key, created_at__lt=timezone.now() - WINDOW).delete()
        try:
            with _claim_wait_bounded(), transaction.atomic():
                record = IdempotencyRecord.objects.create(user=user, key=key, fingerprint=fingerprint)
        except IntegrityError:
            return _replay(user, key, fingerprint)
        except OperationalError as exc:
            if _is_lock_timeout(exc):
                raise IdempotencyInProgress() from None
            raise
        try:
            response = view_method(view, request, *args, **kwargs)
        except (ApiError, APIException) as exc:
            if _status_of(exc) >= 500:
                raise
            record.delete()
            refusal = exc
        else:
            if response.status_code >= 500:
                transaction.set_rollback(True)
                return response
            record.status_code = response.status_code
            record.body = _without(response.data, secret_fields)
            record.headers = {name: response[name] for name in _REPLAYED_HEADERS if response.has_header(name)}
            record.save(update_fields=["status_code", "body", "headers"])
            return response
    raise refusal


def _status_of(exc: Exception) -> int:
    return int(getattr(exc, "status_code", 500))


def _replay(user: Any, key: str, fingerprint: str) -> Response:
    previous = IdempotencyRecord.objects.filter(user=user, key=key).first()
    if previous is not None and previous.fingerprint != fingerprint:
        raise IdempotencyKeyReused()
    if previous is None or previous.status_code is None:
        # Gone again meanwhile (past the window), or written before work and outcome shared a transaction.
        raise IdempotencyInProgress()
    replay = Response(previous.body, status=previous.status_code, headers=previous.headers)
    replay["Idempotent-Replayed"] = "true"
    return replay


@contextmanager
def _claim_wait_bounded() -> Iterator[None]:
    """On PostgreSQL, wait at most CLAIM_WAIT for another request holding the same key."""
    if connection.vendor != "postgresql":
        # SQLite serialises writers: the transaction itself waited for the other request to finish.
        yield
        return
    with connection.cursor() as cursor:
        # set_config(..., true) is SET LOCAL as a function: its value is a parameter however parameters are bound (a
        # SET statement takes none bound by the server, as the prepared reads' are: decision 0028).
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{int(CLAIM_WAIT.total_seconds() * 1000)}ms"])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = DEFAULT")


def _is_lock_timeout(exc: OperationalError) -> bool:
    return getattr(getattr(exc, "__cause__", None), "sqlstate", None) == "55P03"


def _without(body: Any, secret_fields: tuple[str, ...]) -> Any:
    if secret_fields and isinstance(body, dict):
        return {key: None if key in secret_fields else value for key, value in body.items()}
    return body
