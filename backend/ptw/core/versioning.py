"""Optimistic concurrency: `version` on every mutable resource, `ETag`/`If-Match` over HTTP."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from rest_framework.request import Request

from ptw.core.errors import InvalidInput, NotFound, PreconditionRequired, VersionConflict

M = TypeVar("M", bound=Model)


def etag(version: int) -> str:
    return f'"{version}"'


def expected_version(request: Request) -> int:
    """The version the client edited, from `If-Match` or a `version` in the body; 428 if neither."""
    header = request.headers.get("If-Match")
    body = request.data if isinstance(request.data, dict) else {}
    raw: Any = header.strip().removeprefix("W/").strip('"') if header else body.get("version")
    if raw is None or raw == "":
        raise PreconditionRequired()
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise InvalidInput(fields={"If-Match": ['Must be the resource\'s ETag, e.g. "3".']}) from None


def check_version(version: int, expected_version: int, current: Any) -> None:
    """Raise VersionConflict carrying `current` (the resource as it is) unless the client edited `version`."""
    if version != expected_version:
        raise VersionConflict(current=current)


def locked_row(rows: QuerySet[M]) -> M:
    """The one row of `rows`, locked until the transaction ends; 404 when it is gone.

    A request finds a row in scope, then locks it: another request may remove it in between, and a
    `select_for_update().get()` would then answer 500.
    """
    row = rows.select_for_update().first()
    if row is None:
        raise NotFound()
    return row
