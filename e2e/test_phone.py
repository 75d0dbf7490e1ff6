"""Every page on a 390 x 844 phone (Chromium, touch, mobile viewport): no sideways scrolling, no text wrapped
in a narrow column, tap targets of at least 44 px (rules and exceptions in phone.py); lists as cards, the
navigation in a drawer, and a permit's main actions in a bar fixed at the foot of the screen. A screenshot
of every page goes to artifacts/phone/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import API_QUERIES, UI_TIMEOUT_MS, fail_on_problems
from flows import (
    ADMIN,
    REQUESTER,
    VERIFIER,
    ApiSessions,
    Person,
    PtwApi,
    permit_path,
    unique,
)
from phone import PhoneReport, new_phone_page
from playwright.sync_api import Browser, Page, expect
from support import allow_aborted_requests, allow_http_errors, track_problems

READINESS_URL = r"/api/v1/health/ready/$"


@pytest.fixture
def phone(browser: Browser, server: str, api: ApiSessions) -> Iterator[Any]:
    """`phone(person)`: a signed-in phone page; the test fails if any saw browser errors it did not allow."""
    pages: list[Page] = []

    def open_as(person: Person) -> Page:
        page = new_phone_page(browser, server, api(person).cookies())
        page.context.set_default_timeout(UI_TIMEOUT_MS)
        track_problems(page)
        allow_aborted_requests(page, API_QUERIES, method="GET")
        # Readiness answers 503 when a check is critical (a UI build older than its sources): still data.
        allow_http_errors(page, READINESS_URL, status=503)
        pages.append(page)
        return page

    try:
        yield open_as
    finally:
        fail_on_problems(pages)


def demo_permit(session: PtwApi, status: str) -> dict[str, Any]:
    """A demo permit of the person's project in `status`."""
    listed = session.send(
        "GET",
        "/api/v1/ptw/permits/",
        params={"project": session.project["id"], "status": status, "page_size": 1},
    )
    assert listed["results"], f"the demo data has no {status} permit"
    permit: dict[str, Any] = listed["results"][0]
    return permit


def blocked_permit(verifier: PtwApi) -> dict[str, Any]:
    """A submitted demo permit whose verification readiness refuses (its type needs a gas test, none recorded)."""
    listed = verifier.send(
        "GET",
        "/api/v1/ptw/permits/",
        params={"project": verifier.project["id"], "status": "submitted"},
    )
    for permit in listed["results"]:
        readiness = verifier.send(
            "GET", f"/api/v1/ptw/permits/{permit['id']}/readiness/"
        )
        if not readiness["actions"]["verify"]["allowed"]:
            return dict(permit)
    raise AssertionError(
        "the demo data has no submitted permit whose verification is blocked"
    )


def webhook_endpoint(admin: PtwApi) -> dict[str, Any]:
    """An endpoint of the admin's project with at least one delivery (a test ping to a closed local port)."""
    project = admin.project["id"]
    endpoints = admin.send("GET", "/api/v1/ptw/webhooks/", params={"project": project})
    endpoint: dict[str, Any] = (
        endpoints[0]
        if endpoints
        else admin.send_for_object(
            "POST",
            "/api/v1/ptw/webhooks/",
            json={
                "project": project,
                "url": "http://127.0.0.1:9/phone",
                "events": ["permit.submitted"],
            },
            headers={"Idempotency-Key": unique("phone-webhook").replace(" ", "-")},
        )
    )
    if endpoint.get("enabled", True):
        admin.send("POST", f"/api/v1/ptw/webhooks/{endpoint['id']}/test/")
    return endpoint


def settle(page: Page) -> None:
    """Waits until the page's data has arrived and nothing is loading."""
    page.wait_for_load_state("networkidle")
    expect(page.locator(".ant-skeleton, .ant-spin-spinning")).to_have_count(0)


def test_every_page_fits_a_phone(phone: Any, api: ApiSessions) -> None:
    report = PhoneReport(found={})
    requester, verifier, admin = phone(REQUESTER), phone(VERIFIER), phone(ADMIN)
    project = api(REQUESTER).project["id"]

    requester.goto(f"/permits?project={project}")
    cards = requester.get_by_role("region", name="Permits")
    expect(cards.locator(".ant-card").first).to_be_visible()
    expect(requester.get_by_role("table")).to_have_count(0)
    expect(requester.get_by_text("Newest planned start first")).to_be_visible()
    settle(requester)
    report.check(requester, "permits")

    requester.get_by_role("button", name=re.compile(r"^Filters \(\d+\)$")).click()
    expect(requester.get_by_role("group", name="Filters")).to_be_visible()
    report.check(requester, "permit-filters")
    requester.get_by_role("button", name="Show permits").click()
    expect(requester.get_by_role("group", name="Filters")).to_be_hidden()

    requester.get_by_role("button", name="Open navigation").click()
    navigation = requester.get_by_role("navigation", name="Main navigation")
    expect(navigation).to_be_visible()
    expect(navigation.get_by_role("menuitem", name="System status")).to_have_count(0)
    report.check(requester, "navigation")
    navigation.get_by_role("link", name="Reports").click()
    expect(navigation).to_be_hidden()
    expect(requester.get_by_role("heading", level=1, name="Reports")).to_be_visible()
    settle(requester)
    report.check(requester, "reports")

    requester.goto(f"/permits/new?project={project}")
    expect(requester.get_by_role("heading", level=1, name="New permit")).to_be_visible()
    settle(requester)
    report.check(requester, "permit-new")

    draft = api(REQUESTER).create_permit(unique("Phone check: draft"))
    for name, permit, page in [
        ("permit-draft", draft, requester),
        ("permit-blocked", blocked_permit(api(VERIFIER)), verifier),
        ("permit-active", demo_permit(api(VERIFIER), "active"), verifier),
        ("permit-completed", demo_permit(api(VERIFIER), "completed"), verifier),
    ]:
        page.goto(permit_path(permit))
        expect(
            page.get_by_role(
                "heading", level=1, name=re.compile(permit["permit_number"])
            )
        ).to_be_visible()
        settle(page)
        report.check(page, name)
        if name == "permit-blocked":
            expect(page.get_by_text("Verify is not possible yet:")).to_be_visible()
            reasons = page.get_by_text("Verify is not possible yet:").locator(
                "xpath=.."
            )
            assert reasons.bounding_box()["width"] >= 300, (
                "the reasons are squeezed into a narrow column"
            )  # type: ignore[index]
        if name == "permit-draft":
            bar = page.get_by_role("group", name="Main actions")
            expect(bar).to_have_css("position", "fixed")
            submit = bar.get_by_role("button", name="Submit")
            box = submit.bounding_box()
            assert (
                box is not None
                and box["height"] >= 48
                and box["y"] + box["height"] <= 844
            )
            page.get_by_role("button", name="More").click()
            expect(
                page.get_by_role("menuitem", name=re.compile("Print"))
            ).to_be_visible()
            report.check(page, "permit-more")
            page.keyboard.press("Escape")
            # Scrolled to the end, the whole app sits above the bar: nothing hides under it.
            page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
            clear = page.evaluate(
                """() => document.getElementById('root').getBoundingClientRect().bottom
                    <= document.querySelector('[aria-label="Main actions"]').getBoundingClientRect().top + 1"""
            )
            assert clear, "the end of the page stays under the bar of main actions"

    verifier.goto(f"/tasks?project={project}")
    expect(verifier.get_by_role("region", name="Waiting for me")).to_be_visible()
    settle(verifier)
    report.check(verifier, "tasks")

    verifier.goto(f"/isolations?project={project}")
    expect(
        verifier.get_by_role("heading", level=1, name="Isolation register")
    ).to_be_visible()
    settle(verifier)
    report.check(verifier, "isolations")

    endpoint = webhook_endpoint(api(ADMIN))
    admin.goto(f"/webhooks?project={project}")
    expect(
        admin.get_by_role("region", name="Webhook endpoints").locator(".ant-card").first
    ).to_be_visible()
    settle(admin)
    report.check(admin, "webhooks")

    admin.goto(f"/webhooks/{endpoint['id']}/deliveries?project={project}")
    expect(
        admin.get_by_role("heading", level=1, name="Webhook deliveries")
    ).to_be_visible()
    settle(admin)
    report.check(admin, "webhook-deliveries")

    admin.goto(f"/system?project={project}")
    expect(admin.get_by_role("heading", level=1, name="System status")).to_be_visible()
    settle(admin)
    report.check(admin, "system-status")

    assert not report.found, "pages unfit for a phone:\n" + report.summary()
