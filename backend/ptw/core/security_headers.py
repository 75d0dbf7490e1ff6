"""Permissions-Policy on every response: the browser features PTW's pages may use, and no others."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.conf import settings
from django.http import HttpRequest, HttpResponse

HEADER = "Permissions-Policy"


def permissions_policy(features: Mapping[str, tuple[str, ...]]) -> str:
    """`camera=(self), microphone=()` from {"camera": ("self",), "microphone": ()}."""
    return ", ".join(f"{feature}=({' '.join(allowlist)})" for feature, allowlist in features.items())


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = permissions_policy(settings.PTW_PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault(HEADER, self.policy)
        return response
