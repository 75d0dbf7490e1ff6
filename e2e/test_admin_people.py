"""Administration end to end: a project admin gives `verify` to a different pool in the policy table — the preview
shows who would hold it before saving — and a permit submitted afterwards waits for the new holder, not the old;
people who are not admins see none of the administration pages; the pages fit a phone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import API_QUERIES, UI_TIMEOUT_MS, PageOpener, fail_on_problems
from flows import ADMIN, REQUESTER, VERIFIER, VIEWER, ApiSessions, Person, main_navigation, unique
from phone import PhoneReport, new_phone_page
from playwright.sync_api import Browser, Page, expect
from support import Screenshot, allow_aborted_requests, track_problems

# The demo's second EPC verifier: grade A, where Elena Petrova (VERIFIER) is grade B.
VERIFIER_A = Person("verifier2@acme.example", "Victor Adeyemi")
ADMIN_PAGES = ("Members", "Policy table", "PTW settings")
PREVIEW_URL = r"/api/v1/projects/\d+/policy-preview/$"


@pytest.fixture
def policy_restored(api: ApiSessions) -> Iterator[None]:
    """Puts the project's policy table back as it was, so the other tests find the demo's pools."""
    admin = api(ADMIN)
    path = f"/api/v1/projects/{admin.project['id']}/"
    before = admin.send_for_object("GET", path)["policy"]
    try:
        yield
    finally:
        current = admin.send_for_object("GET", path)
        if current["policy"] != before:
            admin.send("PATCH", path, json={"policy": before}, headers={"If-Match": f'"{current["version"]}"'})


def holders(page: Page, capability: str) -> Any:
    return page.get_by_role("region", name=f"{capability} holders")


def test_a_policy_change_moves_who_gets_the_verify_task(
    open_page: PageOpener, api: ApiSessions, screenshot: Screenshot, policy_restored: None
) -> None:
    project = api(ADMIN).project["id"]
    admin = open_page(ADMIN)
    # The live preview is a query asked by POST: ticking again cancels the one still under way.
    allow_aborted_requests(admin, PREVIEW_URL, method="POST")
    admin.goto(f"/admin/policy?project={project}")
    expect(admin.get_by_role("heading", level=1, name="Policy table")).to_be_visible()
    verify = holders(admin, "Verify")
    expect(verify.get_by_text(VERIFIER.name)).to_be_visible()
    expect(verify.get_by_text(VERIFIER_A.name)).to_be_visible()

    admin.get_by_role("checkbox", name="Verify: EPC grade B").uncheck()
    expect(verify.get_by_text(VERIFIER.name)).to_have_count(0)
    expect(verify.get_by_text(VERIFIER_A.name)).to_be_visible()
    screenshot("preview", admin)
    admin.get_by_role("button", name="Save policy").click()
    expect(admin.get_by_text("Policy table saved: it applies to every permit from now on.")).to_be_visible()
    history = admin.get_by_role("table", name="History")
    expect(history.get_by_role("cell", name=ADMIN.name).first).to_be_visible()

    permit = api(REQUESTER).create_permit(unique("Change the strainer on P-204"))
    number = api(REQUESTER).act(permit, "submit")["permit_number"]

    new_holder = open_page(VERIFIER_A)
    new_holder.goto(f"/tasks?project={project}")
    expect(new_holder.get_by_role("link", name=number, exact=True)).to_be_visible()
    screenshot("new-holder-tasks", new_holder)

    old_holder = open_page(VERIFIER)
    old_holder.goto(f"/tasks?project={project}")
    # Elena Petrova left the verifier pool: her open verify tasks were withdrawn with the change.
    expect(old_holder.get_by_text("Nothing is waiting for you.")).to_be_visible()
    expect(old_holder.get_by_role("link", name=number, exact=True)).to_have_count(0)
    screenshot("old-holder-tasks", old_holder)


@pytest.mark.parametrize("person", [VERIFIER, VIEWER, REQUESTER], ids=lambda p: p.email.split("@")[0])
def test_people_who_are_not_admins_see_no_administration_pages(
    open_page: PageOpener, api: ApiSessions, person: Person
) -> None:
    page = open_page(person)
    page.goto(f"/permits?project={api(person).project['id']}")
    navigation = main_navigation(page)
    expect(navigation.get_by_role("link", name="Permits", exact=True)).to_be_visible()
    for title in ADMIN_PAGES:
        expect(navigation.get_by_role("link", name=title, exact=True)).to_have_count(0)
        expect(navigation.get_by_role("menuitem", name=title, exact=True)).to_have_count(0)


def test_the_administration_pages_fit_a_phone(browser: Browser, server: str, api: ApiSessions) -> None:
    report = PhoneReport(found={})
    page = new_phone_page(browser, server, api(ADMIN).cookies())
    page.context.set_default_timeout(UI_TIMEOUT_MS)
    track_problems(page)
    allow_aborted_requests(page, API_QUERIES, method="GET")
    allow_aborted_requests(page, PREVIEW_URL, method="POST")
    project = api(ADMIN).project["id"]
    try:
        for path, title, ready in (
            ("/admin/members", "Members", lambda: page.get_by_role("region", name="Members").locator(".ant-card")),
            ("/admin/policy", "Policy table", lambda: holders(page, "Verify").get_by_text(VERIFIER.name)),
            ("/admin/settings", "PTW settings", lambda: page.get_by_label("Verification SLA (hours)")),
        ):
            page.goto(f"{path}?project={project}")
            expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
            expect(ready().first).to_be_visible()
            page.wait_for_load_state("networkidle")
            report.check(page, re.sub(r"\W+", "-", title.lower()))
    finally:
        fail_on_problems([page])
    assert not report.found, "pages unfit for a phone:\n" + report.summary()
