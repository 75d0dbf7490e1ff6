"""OpenAPI schema post-processing: storage-neutral integers and the error responses of every operation."""

from __future__ import annotations

from typing import Any

# Integer bounds that DRF copies from the database backend's column range (PostgreSQL's 32-bit
# integer, SQLite's 64-bit one): they describe the storage, not the API, and would make the
# committed schema differ by database.
_STORAGE_BOUNDS = {2147483647, 9223372036854775807}


def drop_storage_integer_bounds(result: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "integer" and node.get("maximum") in _STORAGE_BOUNDS:
                node.pop("maximum", None)
                if node.get("minimum") == 0 or node.get("minimum") in {-m - 1 for m in _STORAGE_BOUNDS}:
                    node.pop("minimum", None)
                if node.get("format") == "int64":
                    node.pop("format")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result


ERROR_ENVELOPE = "ErrorEnvelope"

_ENVELOPE_SCHEMAS: dict[str, Any] = {
    "ErrorMissing": {
        "type": "object",
        "description": "One unmet condition of an action.",
        "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        "required": ["code", "message"],
    },
    "ErrorBody": {
        "type": "object",
        "description": "A stable machine `code`, a human `message`, and the parts that apply; "
        "some codes add more (e.g. `current` with version_conflict).",
        "properties": {
            "code": {"type": "string", "example": "invalid"},
            "message": {"type": "string"},
            "fields": {
                "type": "object",
                "description": "Errors per input field (or query parameter, or header).",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
            "missing": {"type": "array", "items": {"$ref": "#/components/schemas/ErrorMissing"}},
            "request_id": {"type": "string"},
        },
        "required": ["code", "message", "request_id"],
        "additionalProperties": True,
    },
    ERROR_ENVELOPE: {
        "type": "object",
        "description": "The one error envelope of every API error.",
        "properties": {"error": {"$ref": "#/components/schemas/ErrorBody"}},
        "required": ["error"],
    },
}

_RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait before retrying."}}

# Status → (component name, description listing the codes it carries, headers).
_ERRORS: dict[str, tuple[str, str, dict[str, Any] | None]] = {
    "400": (
        "BadRequest",
        "`invalid` (field errors in `fields`: body, query parameters or headers), "
        "or `invalid_json` (the body is not JSON, or nests deeper than 64 levels).",
        None,
    ),
    "401": ("Unauthorized", "`not_authenticated` or `authentication_failed`.", None),
    "403": (
        "Forbidden",
        "`forbidden`: the object is in scope but the caller may not do this (or the session's CSRF token is missing).",
        None,
    ),
    "404": (
        "NotFound",
        "`not_found`: no such object in the caller's scope (existence is never leaked), or no such page of a list.",
        None,
    ),
    "409": (
        "Conflict",
        "`version_conflict` (stale `If-Match`, with `current`), `invalid_transition`, "
        "`idempotency_in_progress` or another state conflict.",
        None,
    ),
    "411": ("LengthRequired", "`length_required`: a body was sent without a `Content-Length`.", None),
    "413": ("PayloadTooLarge", "`payload_too_large`: the request body is over the limit.", None),
    "415": ("UnsupportedMediaType", "`unsupported_media_type`: send the body as JSON.", None),
    "422": (
        "Unprocessable",
        "`guard_failed` (unmet conditions in `missing`), `idempotency_key_reused` or another unprocessable request.",
        None,
    ),
    "428": ("PreconditionRequired", "`precondition_required`: send `If-Match` (or `version` in the body).", None),
    "429": (
        "TooManyRequests",
        "`account_locked` or `too_many_failures` (log-in), or `throttled`; see `Retry-After`.",
        _RETRY_AFTER,
    ),
    "503": (
        "ServiceUnavailable",
        "`service_unavailable`: the database is not answering; see `Retry-After`.",
        _RETRY_AFTER,
    ),
}

_WRITES = {"post", "put", "patch"}


def _error_statuses(method: str, operation: dict[str, Any]) -> list[str]:
    """The error statuses an operation can answer, from its method, parameters and security."""
    statuses = {"503"}
    params = operation.get("parameters", [])
    query = {p["name"] for p in params if p.get("in") == "query"}
    authenticated = {} not in operation.get("security", [{}])
    if authenticated:
        statuses |= {"401", "403"}
    if query:
        statuses.add("400")
    if any(p.get("in") == "path" for p in params) or query & {"project", "page"}:
        statuses.add("404")
    if method in _WRITES:
        statuses |= {"400", "411", "413", "415"}
    if method == "post" and authenticated:
        statuses |= {"409", "422"}  # Idempotency-Key, and the actions' state conflicts and guards
    if method in {"put", "patch", "delete"}:
        statuses |= {"400", "409"}
    if method in {"put", "patch"} or any(p.get("in") == "header" and p.get("name") == "If-Match" for p in params):
        statuses.add("428")
    if operation.get("operationId") == "auth_login_create":
        statuses |= {"403", "429"}
    return sorted(statuses)


def document_error_responses(result: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
    """Add the error responses each operation can give, all in the one `ErrorEnvelope` schema."""
    components = result.setdefault("components", {})
    components.setdefault("schemas", {}).update(_ENVELOPE_SCHEMAS)
    content = {"application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR_ENVELOPE}"}}}
    responses = components.setdefault("responses", {})
    for name, description, headers in _ERRORS.values():
        responses[name] = {"description": description, "content": content}
        if headers:
            responses[name]["headers"] = headers
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            documented = operation.setdefault("responses", {})
            for status in _error_statuses(method, operation):
                documented.setdefault(status, {"$ref": f"#/components/responses/{_ERRORS[status][0]}"})
    return result
