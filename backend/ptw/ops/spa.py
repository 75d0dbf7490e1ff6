"""Serves the built UI's index.html for every client-side route."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def spa_index(request: HttpRequest) -> HttpResponse:
    index = settings.UI_DIST_DIR / "index.html"
    try:
        html = index.read_bytes()
    except OSError:
        return HttpResponse(
            "The PTW user interface has not been built. Run `make run` (development) or build it in your deployment.",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    # Always revalidate so a new build is picked up at the next navigation.
    response["Cache-Control"] = "no-cache"
    return response
