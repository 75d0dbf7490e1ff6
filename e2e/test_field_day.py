"""A day in the field on a 390 x 844 phone (Chromium, touch): the requester scans the QR code of a hot-work
permit, records the gas test on the phone, hands the phone round for two workers to sign on, and starts work from
the bar at the foot of the screen; a rejected permit comes back to its requester in Waiting for me with the
reason. Every screen on the way keeps the phone rules (phone.py): no sideways scrolling, no text wrapped in a
narrow column, tap targets of at least 44 px. Screenshots go to artifacts/phone/field-day-*.png.

The other people's acts (verify, approve, reject) and the crew list and toolbox talk are set up through the API."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from conftest import API_QUERIES, UI_TIMEOUT_MS, fail_on_problems
from crew import open_crew_tab, sign_on
from flows import (
    HOT_WORK,
    ISSUER,
    REQUESTER,
    VERIFIER,
    ApiSessions,
    confirm_in_dialog,
    expect_status,
    open_tab,
    permit_heading,
    record_gas_reading,
    unique,
)
from phone import PHONE_VIEWPORT, PhoneReport, new_phone_page
from playwright.sync_api import Browser, Page, expect
from support import allow_aborted_requests, track_problems

COMPANY = "Northwind Mechanical"
WORKERS = ("Sam Okoro", "Lena Berg")
REASON = "The hazards miss the live cable under the grating."


@pytest.fixture
def phone(browser: Browser, server: str, api: ApiSessions) -> Iterator[Page]:
    """The requester's phone, signed in; the test fails if the browser reported problems it did not allow."""
    page = new_phone_page(browser, server, api(REQUESTER).cookies())
    page.context.set_default_timeout(UI_TIMEOUT_MS)
    track_problems(page)
    allow_aborted_requests(page, API_QUERIES, method="GET")
    try:
        yield page
    finally:
        fail_on_problems([page])
        page.context.close()


def settle(page: Page) -> None:
    """Waits until nothing on the page is loading. Not "network idle": the service worker's first precache of
    every chunk and the unread poll keep the network busy for seconds on a slow machine."""
    page.wait_for_load_state("load")
    expect(page.locator(".ant-skeleton, .ant-spin-spinning")).to_have_count(0)


def check(report: PhoneReport, page: Page, name: str) -> None:
    settle(page)
    report.check(page, f"field-day-{name}")


def hot_work_permit(api: ApiSessions) -> dict[str, Any]:
    """A submitted hot-work permit with its two workers on it."""
    requester = api(REQUESTER)
    permit = requester.create_permit(
        unique("Weld support bracket on pipe rack 3"),
        type_name=HOT_WORK,
        parameters={"hot_work_kind": "Welding", "fire_watcher": WORKERS[1]},
    )
    for name in WORKERS:
        requester.send("POST", f"/api/v1/ptw/permits/{permit['id']}/workers/", json={"name": name, "company": COMPANY})
    requester.act(permit, "submit")
    return permit


def test_from_the_qr_code_to_work_started(phone: Page, api: ApiSessions) -> None:
    report = PhoneReport(found={})
    requester = api(REQUESTER)
    permit = hot_work_permit(api)
    base = f"/api/v1/ptw/permits/{permit['id']}"

    # The QR code printed on the permit opens its page on the phone.
    link = requester.http.get(f"{base}/qr/").headers["X-Permit-Link"]
    phone.goto(re.sub(r"^https?://[^/]+", "", link))
    expect(phone).to_have_url(re.compile(rf"/permits/{permit['id']}\?project="))
    expect(permit_heading(phone)).to_contain_text(permit["permit_number"])
    expect_status(phone, "Submitted")
    check(report, phone, "qr-landing")

    # The gas test, on the phone, judged by the server.
    site = ZoneInfo(requester.project["time_zone"])
    gas = open_tab(phone, re.compile(r"Gas tests"))
    gas.get_by_label("Instrument id", exact=True).fill("GD-0417")
    calibrated_on = gas.get_by_label("Calibrated on", exact=True)
    calibrated_on.fill((datetime.now(site) - timedelta(days=30)).strftime("%Y-%m-%d"))
    calibrated_on.press("Enter")  # the day picker takes what was typed
    record_gas_reading(gas, "O2", "20.9", "20.90 %vol", "≥ 19.5 and ≤ 23.5 %vol")
    record_gas_reading(gas, "LEL", "0", "0.00 %LEL", "< 10 %LEL")
    check(report, phone, "gas-tests")

    # Verified and approved by their own people; the toolbox talk held.
    api(VERIFIER).act(permit, "verify")
    api(ISSUER).act(permit, "approve")
    requester.send(
        "PUT",
        f"{base}/toolbox-talk/",
        json={"held_at": (datetime.now(UTC) - timedelta(minutes=5)).isoformat(), "topics": ["Hot work", "Escape"]},
        headers={"If-Match": '"1"'},
    )

    # The phone goes round the crew: one worker draws, the other types their name.
    phone.reload()
    expect_status(phone, "Approved")
    crew = open_crew_tab(phone)
    crew.get_by_role("button", name="Crew sign-on").click()
    expect(phone.get_by_role("heading", name="Crew (0 of 2 signed on)")).to_be_visible()
    check(report, phone, "sign-on")
    sign_on(phone, WORKERS[0], COMPANY, typed=False)
    sign_on(phone, WORKERS[1], COMPANY, typed=True)
    expect(phone.get_by_text("Every worker has signed on.")).to_be_visible()
    check(report, phone, "signed-on")
    phone.get_by_role("link", name="Back to the permit").click()
    expect(permit_heading(phone)).to_contain_text(permit["permit_number"])

    # Start work from the bar at the foot of the screen, within reach of the thumb.
    bar = phone.get_by_role("group", name="Main actions")
    start = bar.get_by_role("button", name="Start work", exact=True)
    expect(start).to_be_enabled()
    box = start.bounding_box()
    assert box is not None
    assert box["height"] >= 48, box
    assert box["y"] + box["height"] >= PHONE_VIEWPORT["height"] - 80, f"not at the foot of the screen: {box}"
    check(report, phone, "ready")
    start.tap()
    confirm_in_dialog(phone, "Start work", signer=REQUESTER)
    expect_status(phone, "Active")
    check(report, phone, "active")
    assert requester.permit(permit["id"])["status"] == "active"
    signed = [worker["sign_on"] for worker in requester.send("GET", f"{base}/workers/")["results"]]
    assert [sign["method"] for sign in signed] == ["drawn", "typed"]
    assert all(sign["taken_by"]["name"] == REQUESTER.name for sign in signed)

    assert not report.found, "phone layout defects:\n" + report.summary()


def test_a_rejected_permit_comes_back_to_its_requester(phone: Page, api: ApiSessions) -> None:
    report = PhoneReport(found={})
    permit = hot_work_permit(api)
    api(VERIFIER).act(permit, "reject", reason=REASON)

    phone.goto(f"/permits?project={permit['project']}")
    phone.get_by_role("button", name="Open navigation").click()
    phone.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name=re.compile("^Waiting for me")
    ).tap()
    tasks = phone.get_by_role("region", name="Waiting for me")
    card = tasks.locator(".ant-card").filter(has_text=permit["permit_number"])
    expect(card.get_by_text("Fix and resubmit")).to_be_visible()
    expect(card.get_by_text(f"Reason: {REASON}")).to_be_visible()
    check(report, phone, "rejected-task")

    card.get_by_role("link", name=permit["permit_number"]).tap()
    expect(permit_heading(phone)).to_contain_text(permit["permit_number"])
    expect_status(phone, "Rejected")
    expect(phone.get_by_text(REASON)).to_be_visible()
    check(report, phone, "rejected-permit")

    assert not report.found, "phone layout defects:\n" + report.summary()
