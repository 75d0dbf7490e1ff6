"""Helpers shared by the end-to-end tests and their fixtures: browser problem tracking, screenshots."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from playwright.sync_api import ConsoleMessage, Error, Page, Request, Response


class Screenshot(Protocol):
    """Saves a full-page screenshot of `page` (default: the test's `page` fixture) as artifacts/<test>-<label>.png."""

    def __call__(self, label: str, page: Page | None = None) -> Path: ...


_ABORTED = "net::ERR_ABORTED"
_FAILED_RESOURCE = re.compile(
    r"^Failed to load resource: the server responded with a status of (\d+)"
)


@dataclass(frozen=True)
class AllowedHttpError:
    url_pattern: re.Pattern[str]
    status: int | None

    def matches(self, url: str, status: int | None) -> bool:
        return self.url_pattern.search(url) is not None and self.status in (
            None,
            status,
        )


@dataclass(frozen=True)
class AllowedAbort:
    url_pattern: re.Pattern[str]
    method: str

    def matches(self, request: Request) -> bool:
        return (
            request.method == self.method
            and self.url_pattern.search(request.url) is not None
        )


@dataclass
class BrowserProblems:
    """What went wrong in the browser during one test, minus the HTTP errors the test expects."""

    allowed: list[AllowedHttpError] = field(default_factory=list)
    allowed_aborts: list[AllowedAbort] = field(default_factory=list)
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
        if request.failure == _ABORTED and any(
            allowed.matches(request) for allowed in self.allowed_aborts
        ):
            return
        self.seen.append(
            f"request failed: {request.method} {request.url}: {request.failure}"
        )

    def _on_response(self, response: Response) -> None:
        if response.status >= 400 and not self._is_allowed(
            response.url, response.status
        ):
            self.seen.append(
                f"HTTP {response.status}: {response.request.method} {response.url}"
            )


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


def allow_aborted_requests(page: Page, url_pattern: str, method: str = "GET") -> None:
    """Expect the page itself to cancel requests (net::ERR_ABORTED) of `method` to URLs matching the regular
    expression, e.g. a data fetch it no longer needs."""
    _problems[page].allowed_aborts.append(AllowedAbort(re.compile(url_pattern), method))
