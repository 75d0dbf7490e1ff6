"""Small request helpers shared by the API views."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from ptw.core.errors import VersionConflict
from ptw.core.serializers import row_plan
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


# A paged list whose rows are written through the plan of its serializer's fields (`row_plan`): for serializers
# whose output depends on the row alone (no request in their context). A comment, not a docstring: the API schema
# would show it as every such list's description.
class PlannedListView(ListAPIView):
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = row_plan(self.get_serializer_class()).rows(page if page is not None else queryset)
        return self.get_paginated_response(rows) if page is not None else Response(rows)
