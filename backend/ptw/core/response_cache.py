"""Rendered responses of a read kept in this process, each served again only while the stamp it was made under is
still the current one.

A stamp is what the response was made from, read before it: the view reads the current stamp (one small query) on
every request, and an answer kept under any other stamp is made again. Whatever may differ between two callers or two
requests is in the key: the caller, the full URL (its `next` and `previous` links name the host), the media type
and whatever else the view names. Only JSON answers of 200 are kept, rendered as the caller received them, and the least
recently served go first once `PTW_LIST_CACHE_BYTES` are held (0: nothing is kept). A request with `Cache-Control:
no-cache` is answered anew (its answer is kept for the next).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from rest_framework.request import Request
from rest_framework.response import Response


@dataclass(frozen=True)
class Kept:
    stamp: Hashable
    content: bytes
    content_type: str


class StampedResponses:
    """Least recently served first out, bounded by the bytes held; safe to share between threads."""

    def __init__(self) -> None:
        self._kept: OrderedDict[Hashable, Kept] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, stamp: Hashable) -> Kept | None:
        with self._lock:
            kept = self._kept.get(key)
            if kept is None:
                return None
            if kept.stamp != stamp:
                self._drop(key)
                return None
            self._kept.move_to_end(key)
            return kept

    def put(self, key: Hashable, kept: Kept, limit: int) -> None:
        if len(kept.content) > limit:
            return
        with self._lock:
            if key in self._kept:
                self._drop(key)
            self._kept[key] = kept
            self._bytes += len(kept.content)
            while self._bytes > limit:
                self._drop(next(iter(self._kept)))

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._bytes = 0

    @property
    def held(self) -> tuple[int, int]:
        """(responses, bytes) held."""
        return len(self._kept), self._bytes

    def _drop(self, key: Hashable) -> None:
        self._bytes -= len(self._kept.pop(key).content)


RESPONSES = StampedResponses()


def limit() -> int:
    return max(int(settings.PTW_LIST_CACHE_BYTES), 0)


def stamped(request: Request, stamp: Hashable, respond: Callable[[], Response], *key: Hashable) -> HttpResponseBase:
    """The response kept for this request while `stamp` is current, else `respond()`'s, kept once rendered (a 200).

    `key`: whatever else the answer depends on (besides the caller, the URL and the media type)."""
    size = limit()
    if not size or request.accepted_renderer.format != "json":  # the browsable API's pages carry a CSRF token
        return respond()
    whole = (request.user.pk, request.build_absolute_uri(), request.accepted_media_type, *key)
    anew = "no-cache" in request.headers.get("Cache-Control", "")
    kept = None if anew else RESPONSES.get(whole, stamp)
    if kept is not None:
        return HttpResponse(kept.content, content_type=kept.content_type)
    response = respond()
    if response.status_code == 200:

        def keep(rendered: Any) -> None:
            RESPONSES.put(whole, Kept(stamp, bytes(rendered.content), rendered["Content-Type"]), size)

        response.add_post_render_callback(keep)
    return response
