"""Small request helpers shared by the API views."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from rest_framework.request import Request
from rest_framework.response import Response

from ptw.core.errors import VersionConflict
from ptw.core.versioning import etag


def client_ip(request: Request) -> str | None:
    """The caller's address as the timeline records it: the same rule as the log-in counters."""
    return client_address(request)


def client_address(request: HttpRequest | Request) -> str | None:
    """The caller's address: REMOTE_ADDR, or the one X-Forwarded-For names behind PTW_TRUSTED_PROXY_COUNT proxies.

    Each trusted proxy appends the address it was reached from, so with N of them the N-th entry from
    the right is the caller; entries further left are whatever the caller chose to send.
    """
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    proxies = int(getattr(settings, "PTW_TRUSTED_PROXY_COUNT", 0))
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    return _address(forwarded[-proxies]) or remote


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def with_etag(data: dict[str, Any], status: int = 200) -> Response:
    return Response(data, status=status, headers={"ETag": etag(int(data["version"]))})


@contextmanager
def conflict_shows(render: Callable[[Any], dict[str, Any]]) -> Iterator[None]:
    """A VersionConflict raised inside answers 409 with `current`: the resource as `render` shows it."""
    try:
        yield
    except VersionConflict as conflict:
        if conflict.current is not None:
            conflict.extra = {"current": render(conflict.current)}
        raise
