"""Helpers shared by the end-to-end tests and their fixtures: browser problem tracking, screenshots."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import ConsoleMessage, Error, Page, Request, Response

Screenshot = Callable[[str], Path]

_FAILED_RESOURCE = re.compile(r"^Failed to load resource: the server responded with a status of (\d+)")


@dataclass(frozen=True)
class AllowedHttpError:
    url_pattern: re.Pattern[str]
    status: int | None

    def matches(self, url: str, status: int | None) -> bool:
        return self.url_pattern.search(url) is not None and self.status in (None, status)


@dataclass
class BrowserProblems:
    """What went wrong in the browser during one test, minus the HTTP errors the test expects."""

    allowed: list[AllowedHttpError] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)

    def _is_allowed(self, url: str, status: int | None) -> bool:
        return any(allowed.matches(url, status) for allowed in self.allowed)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        url = message.location.get("url", "")
        failed_resource = _FAILED_RESOURCE.match(message.text)
        # Chromium logs every HTTP error response to the console too; an allowed one is expected there.
        if failed_resource and self._is_allowed(url, int(failed_resource.group(1))):
            return
        self.seen.append(f"console error: {message.text} ({url})")

    def _on_page_error(self, error: Error) -> None:
        self.seen.append(f"page error: {error.message}")

    def _on_request_failed(self, request: Request) -> None:
        self.seen.append(f"request failed: {request.method} {request.url}: {request.failure}")

    def _on_response(self, response: Response) -> None:
        if response.status >= 400 and not self._is_allowed(response.url, response.status):
            self.seen.append(f"HTTP {response.status}: {response.request.method} {response.url}")


_problems: dict[Page, BrowserProblems] = {}


def track_problems(page: Page) -> BrowserProblems:
    """Start recording the page's console errors, page errors, failed requests and HTTP errors."""
    problems = BrowserProblems()
    problems.watch(page)
    _problems[page] = problems
    return problems


def forget_problems(page: Page) -> list[str]:
    """Stop tracking the page; returns what was seen."""
    return _problems.pop(page).seen


def allow_http_errors(page: Page, url_pattern: str, status: int | None = None) -> None:
    """Expect HTTP error responses (of `status`, or any) for URLs matching the regular expression in this test."""
    _problems[page].allowed.append(AllowedHttpError(re.compile(url_pattern), status))
