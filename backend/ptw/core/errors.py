"""Domain errors that map one-to-one onto the API's error envelope."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error the API reports with a stable machine `code` in the one envelope."""

    status_code = 400
    code = "invalid"
    default_message = "The request is invalid."

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        fields: dict[str, list[str]] | None = None,
        missing: list[dict[str, str]] | None = None,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.message = message or self.default_message
        if code:
            self.code = code
        self.fields = fields
        self.missing = missing
        self.extra = extra or {}
        self.headers = headers or {}
        super().__init__(self.message)


class InvalidInput(ApiError):
    status_code = 400
    code = "invalid"
    default_message = "Some fields are invalid."


class Forbidden(ApiError):
    status_code = 403
    code = "forbidden"
    default_message = "You may not do this."


class NotFound(ApiError):
    status_code = 404
    code = "not_found"
    default_message = "Not found."


class Conflict(ApiError):
    status_code = 409
    code = "conflict"
    default_message = "The request conflicts with the current state."


class VersionConflict(ApiError):
    """The resource changed since the client read it. `current` is the resource as it is now: the API shows it
    in the 409 body (see `ptw.core.http.conflict_shows`); a service never renders it."""

    status_code = 409
    code = "version_conflict"
    default_message = "The resource was changed by someone else; here is its current version."

    def __init__(self, current: Any = None) -> None:
        super().__init__()
        self.current = current


class PreconditionRequired(ApiError):
    status_code = 428
    code = "precondition_required"
    default_message = "This update needs an If-Match header (or version in the body)."


class PayloadTooLarge(ApiError):
    status_code = 413
    code = "payload_too_large"
    default_message = "The request body is over the limit."


class GuardFailed(ApiError):
    status_code = 422
    code = "guard_failed"
    default_message = "The action's conditions are not met."


class Unprocessable(ApiError):
    status_code = 422
    code = "unprocessable"
    default_message = "The request cannot be processed."
