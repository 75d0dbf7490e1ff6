"""Crew sign-on on a phone handed round: two workers sign on for the toolbox talk on the requester's phone, one
drawing a signature with a finger, one typing their name; the crew tab then shows both signed on.

The permit, its crew and the toolbox talk are set up through the API."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from conftest import API_QUERIES, UI_TIMEOUT_MS
from crew import open_crew_tab, sign_on
from flows import (
    REQUESTER,
    ApiSessions,
    horizontal_overflow,
    permit_path,
    unique,
)
from playwright.sync_api import Browser, Page, expect
from support import Screenshot, allow_aborted_requests, forget_problems, track_problems

PHONE = {"width": 390, "height": 844}
COMPANY = "Northwind Mechanical"
DRAWER, TYPIST = "Sam Okoro", "Lena Berg"


@pytest.fixture
def phone(browser: Browser, server: str, api: ApiSessions) -> Iterator[Page]:
    """The requester's phone: 390 by 844, touch, signed in with the requester's session."""
    context = browser.new_context(
        base_url=server, viewport=PHONE, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(UI_TIMEOUT_MS)
    context.add_cookies(api(REQUESTER).cookies())  # type: ignore[arg-type]
    page = context.new_page()
    track_problems(page)
    allow_aborted_requests(page, API_QUERIES, method="GET")
    try:
        yield page
    finally:
        problems = forget_problems(page)
        context.close()
        if problems:
            pytest.fail(
                "the browser reported problems:\n"
                + "\n".join(f"  - {p}" for p in problems)
            )


def test_two_workers_sign_on_on_one_phone(
    phone: Page, api: ApiSessions, screenshot: Screenshot
) -> None:
    requester = api(REQUESTER)
    permit = requester.create_permit(unique("Replace gasket on cooling-water line"))
    base = f"/api/v1/ptw/permits/{permit['id']}"
    for name in (DRAWER, TYPIST):
        requester.send(
            "POST",
            f"{base}/workers/",
            json={"name": name, "company": COMPANY, "trade": "Fitter"},
        )
    held_at = (datetime.now(UTC) - timedelta(minutes=10)).isoformat()
    topics = ["Hazards of the work", "Escape routes"]
    requester.send(
        "PUT",
        f"{base}/toolbox-talk/",
        json={"held_at": held_at, "topics": topics},
        headers={"If-Match": '"1"'},
    )

    phone.goto(permit_path(permit))
    crew = open_crew_tab(phone)
    crew.get_by_role("button", name="Crew sign-on").click()
    expect(phone).to_have_url(re.compile(rf"/permits/{permit['id']}/sign-on"))
    expect(
        phone.get_by_text("Topics: Hazards of the work; Escape routes.")
    ).to_be_visible()
    expect(phone.get_by_text("Hazards: Residual liquid in the line.")).to_be_visible()
    expect(phone.get_by_role("heading", name="Crew (0 of 2 signed on)")).to_be_visible()
    assert horizontal_overflow(phone) == 0
    screenshot("list", phone)

    sign_on(phone, DRAWER, COMPANY, typed=False)
    sign_on(phone, TYPIST, COMPANY, typed=True)
    expect(phone.get_by_text("Every worker has signed on.")).to_be_visible()
    assert horizontal_overflow(phone) == 0
    screenshot("signed", phone)

    phone.get_by_role("link", name="Back to the permit").click()
    crew = open_crew_tab(phone)
    expect(crew.get_by_text("2 of 2 workers")).to_be_visible()
    for name, method in ((DRAWER, "drawn signature"), (TYPIST, "typed name")):
        row = (
            crew.get_by_role("table", name="Workers")
            .get_by_role("row")
            .filter(has_text=name)
        )
        expect(row.get_by_text("Signed on", exact=True)).to_be_visible()
        expect(row).to_contain_text(f"{method}, on {REQUESTER.name}'s device")
