"""Notifications end to end in Chromium: a submitted permit pops up as a task for its verifier, who opens it
from the toast and rejects it; the requester's open page pops the rejection up and shows the bell's count rise
without a reload, and the notification leads to the permit with the rejection's reason. On a 390 x 844 phone the bell and the pages of
notifications keep the phone rules (phone.py). Screenshots go to artifacts/.

The unread count is polled every 20 s (frontend/src/features/notifications/api/notifications.ts): each wait for
an arrival allows one poll and its answer."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from conftest import API_QUERIES, UI_TIMEOUT_MS, PageOpener, fail_on_problems
from flows import (
    REQUESTER,
    VERIFIER,
    ApiSessions,
    expect_status,
    opened_permit,
    permit_path,
    take_action,
    unique,
)
from phone import PhoneReport, new_phone_page
from playwright.sync_api import Browser, Locator, Page, expect
from support import Screenshot, allow_aborted_requests, track_problems

POLL_WAIT_MS = 25_000
REASON = "The isolation list misses the steam tracing on the line."
BELL_NAME = re.compile(r"^Notifications(, (none|\d+\+?) unread)?$")


def bell(page: Page) -> Locator:
    return page.get_by_role("banner").get_by_role("button", name=BELL_NAME)


def unread_count(page: Page) -> int:
    """The count the bell names, once it is known."""
    expect(bell(page)).to_have_accessible_name(re.compile(r"unread$"))
    label = bell(page).get_attribute("aria-label") or ""
    found = re.search(r"(\d+) unread$", label)
    return int(found.group(1)) if found else 0


def bell_name(count: int) -> str:
    return "Notifications, none unread" if count == 0 else f"Notifications, {count} unread"


def toast(page: Page, title: str) -> Locator:
    return page.locator(".ant-notification-notice").filter(has_text=title)


def test_a_rejection_reaches_the_requester_without_a_reload(
    open_page: PageOpener, api: ApiSessions, screenshot: Screenshot
) -> None:
    requester_page, verifier_page = open_page(REQUESTER), open_page(VERIFIER)
    project = api(REQUESTER).project["id"]
    requester_page.goto(f"/permits?project={project}")
    verifier_page.goto(f"/tasks?project={project}")
    requester_unread, verifier_unread = (
        unread_count(requester_page),
        unread_count(verifier_page),
    )

    permit = api(REQUESTER).create_permit(unique("Blind the steam line at E-104"))
    submitted = api(REQUESTER).act(permit, "submit")
    number = submitted["permit_number"]

    # The verifier's task pops up while their page is open, and leads to the permit.
    task_toast = toast(verifier_page, f"Verify {number}")
    expect(task_toast).to_be_visible(timeout=POLL_WAIT_MS)
    expect(bell(verifier_page)).to_have_accessible_name(re.compile(r"\d+\+? unread$"))
    assert unread_count(verifier_page) > verifier_unread
    screenshot("verifier-toast", verifier_page)
    task_toast.get_by_role("button", name="View").click()
    assert opened_permit(verifier_page).number == number
    take_action(verifier_page, "Reject", reason=REASON)
    expect_status(verifier_page, "Rejected")

    # The requester's page, never reloaded, pops the rejection up (it hands them a task) and counts it.
    rejected_toast = toast(requester_page, f"{number} was rejected")
    expect(rejected_toast).to_be_visible(timeout=POLL_WAIT_MS)
    expect(bell(requester_page)).to_have_accessible_name(bell_name(requester_unread + 1))
    screenshot("requester-toast", requester_page)
    rejected_toast.locator(".ant-notification-notice-close").click()
    expect(rejected_toast).to_be_hidden()
    bell(requester_page).click()
    panel = requester_page.get_by_role("dialog", name="Notifications")
    rejection = panel.get_by_role("link", name=f"{number} was rejected")
    expect(rejection).to_be_visible()
    expect(panel.get_by_text(f"Permit {number} was rejected. Reason: {REASON}")).to_be_visible()
    screenshot("requester-bell", requester_page)

    rejection.click()
    expect(requester_page).to_have_url(re.compile(re.escape(permit_path(permit)) + "$"))
    assert opened_permit(requester_page).number == number
    expect_status(requester_page, "Rejected")
    expect(requester_page.get_by_text(f"Reason: {REASON}", exact=True)).to_be_visible()
    expect(bell(requester_page)).to_have_accessible_name(bell_name(requester_unread))
    screenshot("requester-permit", requester_page)


def test_the_notifications_page_lists_marks_read_and_keeps_preferences(
    open_page: PageOpener, api: ApiSessions, screenshot: Screenshot
) -> None:
    permit = api(REQUESTER).create_permit(unique("Replace gasket on P-201 discharge"))
    api(REQUESTER).act(permit, "submit")
    api(VERIFIER).act(permit, "reject", reason=REASON)
    page = open_page(REQUESTER)
    page.goto(f"/notifications?project={permit['project']}&show=unread")

    table = page.get_by_role("table", name="Notifications")
    row = table.get_by_role("row").filter(has_text=f"{permit['permit_number']} was rejected")
    expect(row).to_be_visible()
    expect(row.get_by_text("Unread", exact=True)).to_be_visible()
    screenshot("list", page)

    page.get_by_role("button", name="Mark all read").click()
    expect(table.get_by_text("Nothing unread.")).to_be_visible()
    expect(bell(page)).to_have_accessible_name("Notifications, none unread")
    page.get_by_text("All", exact=True).click()
    expect(row).to_be_visible()
    expect(row.get_by_text("Unread", exact=True)).to_have_count(0)

    page.get_by_role("link", name="Preferences").click()
    expect(page.get_by_role("heading", level=1, name="Notification preferences")).to_be_visible()
    email = page.get_by_role("switch", name="Permit rejected: E-mail")
    was_on = email.get_attribute("aria-checked") == "true"
    email.click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="Your notification preferences are saved.")).to_be_visible()
    page.reload()
    expect(page.get_by_role("switch", name="Permit rejected: E-mail")).to_have_attribute(
        "aria-checked", "false" if was_on else "true"
    )
    for required in page.get_by_role("switch", name=re.compile(r": In-app$")).all():
        if required.is_disabled():
            expect(required).to_have_attribute("aria-checked", "true")
    screenshot("preferences", page)
    # Leave the demo requester's choice as it was.
    page.get_by_role("switch", name="Permit rejected: E-mail").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="Your notification preferences are saved.")).to_be_visible()


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


def settle(page: Page) -> None:
    page.wait_for_load_state("networkidle")
    expect(page.locator(".ant-skeleton, .ant-spin-spinning")).to_have_count(0)


def test_the_bell_and_the_notifications_pages_fit_a_phone(phone: Page, api: ApiSessions) -> None:
    report = PhoneReport(found={})
    permit = api(REQUESTER).create_permit(unique("Phone check: notifications"))
    api(REQUESTER).act(permit, "submit")
    api(VERIFIER).act(permit, "reject", reason=REASON)

    phone.goto(f"/permits?project={permit['project']}")
    expect(bell(phone)).to_have_accessible_name(re.compile(r"\d+\+? unread$"))
    settle(phone)
    report.check(phone, "notifications-bell")

    bell(phone).tap()
    expect(phone.get_by_role("heading", level=1, name="Notifications")).to_be_visible()
    cards = phone.get_by_role("region", name="Notifications")
    card = cards.locator(".ant-card").filter(has_text=f"{permit['permit_number']} was rejected")
    expect(card).to_be_visible()
    expect(phone.get_by_role("table")).to_have_count(0)
    settle(phone)
    report.check(phone, "notifications-list")

    phone.get_by_role("link", name="Preferences").tap()
    expect(phone.get_by_role("heading", level=1, name="Notification preferences")).to_be_visible()
    settle(phone)
    report.check(phone, "notifications-preferences")

    phone.go_back()
    card.get_by_role("link", name=f"{permit['permit_number']} was rejected").tap()
    assert opened_permit(phone).number == permit["permit_number"]
    expect(phone.get_by_text(f"Reason: {REASON}", exact=True)).to_be_visible()

    assert not report.found, "phone layout defects:\n" + report.summary()
