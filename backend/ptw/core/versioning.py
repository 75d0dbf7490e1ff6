"""Optimistic concurrency: `version` on every mutable resource, `ETag`/`If-Match` over HTTP."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request

from ptw.core.errors import ApiError, InvalidInput, PreconditionRequired


class VersionConflict(ApiError):
    status_code = 409
    code = "version_conflict"
    default_message = "The resource was changed by someone else; here is its current version."


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


def check_version(current: int, expected: int, current_representation: dict[str, Any]) -> None:
    if current != expected:
        raise VersionConflict(extra={"current": current_representation})
