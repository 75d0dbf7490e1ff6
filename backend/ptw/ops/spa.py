"""Serves the built UI's index.html for every client-side route, and the headers of its root files."""

from __future__ import annotations

from collections.abc import MutableMapping

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

# Files at the site root that must never be served from a cache without asking: the service worker (a new
# build's worker must be found at once) and the web app manifest that names it and the icons.
REVALIDATED_FILES = frozenset({"/serviceWorker.js", "/manifest.webmanifest"})


def revalidate_app_files(headers: MutableMapping[str, str], path: str, url: str) -> None:
    """WhiteNoise's header hook: the service worker and the manifest are revalidated at every request."""
    if url in REVALIDATED_FILES:
        headers["Cache-Control"] = "no-cache"


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
