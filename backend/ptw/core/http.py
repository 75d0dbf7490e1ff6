"""Small request helpers shared by the API views."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response

from ptw.core.versioning import etag


def client_ip(request: Request) -> str | None:
    """The caller's address as the server saw it (proxies are trusted only via their own config)."""
    value: str | None = request.META.get("REMOTE_ADDR")
    return value or None


def with_etag(data: dict[str, Any], status: int = 200) -> Response:
    return Response(data, status=status, headers={"ETag": etag(int(data["version"]))})
