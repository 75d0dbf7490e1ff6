"""The app shell: start page, deep links, the 404 page, the new-version banner and the narrow layout, for a
signed-in user (the project admin)."""

from __future__ import annotations

import re

import pytest
from conftest import PageOpener
from flows import ADMIN, ApiSessions, log_in
from playwright.sync_api import Locator, Page, Route, expect
from support import Screenshot, allow_http_errors

READINESS_URL = r"/api/v1/health/ready/$"
LIVENESS_GLOB = "**/api/v1/health/"
STATUS_LABELS = {"ok": "OK", "warning": "Warning", "critical": "Critical"}
NEW_VERSION = "A new version of PTW is available"


@pytest.fixture(autouse=True)
def signed_in(page: Page, api: ApiSessions) -> None:
    """The shell is for signed-in users: the test's page carries the admin's session."""
    page.context.add_cookies(api(ADMIN).cookies())  # type: ignore[arg-type]


def allow_not_ready(page: Page) -> None:
    """Readiness answers 503 when a check is critical (e.g. a UI build older than its sources); still data."""
    allow_http_errors(page, READINESS_URL, status=503)


def check_row(page: Page, name: str) -> Locator:
    return page.get_by_role("row").filter(
        has=page.get_by_role("cell", name=name, exact=True)
    )


def expect_shell(page: Page) -> None:
    expect(
        page.get_by_role("banner").get_by_role("link", name="PTW", exact=True)
    ).to_be_visible()
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()


def expect_system_status(page: Page) -> None:
    expect_shell(page)
    expect(page).to_have_url(re.compile(r"/system$"))
    expect(page).to_have_title("System status · PTW")
    expect(page.get_by_role("heading", level=1, name="System status")).to_be_visible()
    expect(check_row(page, "database")).to_be_visible()


def finish_transitions(element: Locator) -> None:
    """Wait for the element's running CSS transitions, so measurements see its final size."""
    element.evaluate(
        "element => Promise.all(element.getAnimations().map((animation) => animation.finished))"
    )


def serve_other_build(route: Route) -> None:
    """The real liveness answer, as if the server now served a UI built from other sources."""
    response = route.fetch()
    body = response.json()
    body["ui_build"]["source_hash"] = "0" * 64
    route.fulfill(response=response, json=body)


def expect_permit_list(page: Page) -> None:
    expect_shell(page)
    expect(page).to_have_url(re.compile(r"/permits(\?project=\d+)?$"))
    expect(page.get_by_role("heading", level=1, name="Permits")).to_be_visible()


def test_root_lands_on_the_permit_list(page: Page) -> None:
    page.goto("/")
    expect_permit_list(page)


def test_signed_out_user_logs_in_and_comes_back(open_page: PageOpener) -> None:
    page = open_page()
    allow_http_errors(page, r"/api/v1/auth/me/$", status=401)
    page.goto("/system")
    expect(page).to_have_url(re.compile(r"/login\?next=%2Fsystem$"))
    allow_not_ready(page)
    log_in(page, ADMIN)
    expect_system_status(page)
    expect(page).to_have_url(re.compile(r"/system$"))


def test_system_status_lists_every_check(page: Page, screenshot: Screenshot) -> None:
    allow_not_ready(page)
    with page.expect_response(
        lambda response: re.search(READINESS_URL, response.url) is not None
    ) as answer:
        page.goto("/system")
    readiness = answer.value.json()

    expect_system_status(page)
    expect(
        page.get_by_text("Ready" if readiness["ready"] else "Not ready", exact=True)
    ).to_be_visible()
    for check in readiness["checks"]:
        cells = check_row(page, check["name"]).get_by_role("cell")
        expect(cells).to_have_text(
            [check["name"], STATUS_LABELS[check["status"]], check["message"]]
        )
    screenshot("system-status")


def test_deep_link_renders_the_page_and_survives_a_reload(page: Page) -> None:
    allow_not_ready(page)
    response = page.goto("/system")
    assert response is not None
    assert response.status == 200
    expect_system_status(page)

    page.reload()
    expect_system_status(page)


def test_unknown_path_shows_not_found_inside_the_shell(page: Page) -> None:
    response = page.goto("/no-such-page")
    assert response is not None
    assert response.status == 200
    expect_shell(page)
    expect(page.get_by_text("Page not found", exact=True)).to_be_visible()
    expect(page.get_by_text("There is no page at this address.")).to_be_visible()
    expect(page).to_have_title("Page not found · PTW")

    page.get_by_role("button", name="Go to the start page").click()
    expect_permit_list(page)


def test_new_version_banner_appears_when_the_server_serves_another_build(
    page: Page, screenshot: Screenshot
) -> None:
    allow_not_ready(page)
    page.route(LIVENESS_GLOB, serve_other_build)
    page.goto("/system")

    banner = page.get_by_role("alert").filter(has_text=NEW_VERSION)
    expect(banner).to_be_visible()
    expect(banner.get_by_role("button", name="Reload")).to_be_visible()
    screenshot("new-version-banner")


def test_new_version_banner_is_absent_for_the_same_build_and_appears_on_focus(
    page: Page,
) -> None:
    allow_not_ready(page)
    with page.expect_response(LIVENESS_GLOB) as liveness:
        page.goto("/system")
    assert liveness.value.ok
    expect_system_status(page)
    expect(page.get_by_text(NEW_VERSION)).to_have_count(0)
    expect(page.get_by_role("button", name="Reload")).to_have_count(0)

    page.route(LIVENESS_GLOB, serve_other_build)
    with page.expect_response(LIVENESS_GLOB):
        page.evaluate("window.dispatchEvent(new Event('visibilitychange'))")
    expect(page.get_by_role("alert").filter(has_text=NEW_VERSION)).to_be_visible()


def test_narrow_layout_keeps_navigation_and_content_without_horizontal_scroll(
    page: Page, screenshot: Screenshot
) -> None:
    allow_not_ready(page)
    page.set_viewport_size({"width": 768, "height": 800})
    page.goto("/system")
    expect_system_status(page)
    expand = page.get_by_role("button", name="Expand navigation")
    expect(expand).to_be_visible()
    sider = page.locator(f"#{expand.get_attribute('aria-controls')}")
    finish_transitions(sider)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 768
    screenshot("collapsed")

    expand.click()
    finish_transitions(sider)
    navigation = page.get_by_role("navigation", name="Main navigation")
    expect(navigation.get_by_role("link", name="System status")).to_be_visible()
    expect(page.get_by_role("button", name="Collapse navigation")).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 768
    screenshot("expanded")
