"""Permits end to end: a permit's life across its people, rejection and resubmission, readiness, read-only and
foreign users, concurrent edits, the list's filters and the narrow layout.

Every test sets up its own permits (through the API when the set-up is not what it tests), so the tests are
independent of each other and of the demo permits' numbers.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from conftest import PageOpener
from flows import (
    ACTION_LABELS,
    GENERAL,
    GLOBEX_REQUESTER,
    HOT_WORK,
    ISSUER,
    REQUESTER,
    VERIFIER,
    VIEWER,
    ApiSessions,
    PermitDraft,
    action_button,
    action_dialog,
    confirm_in_dialog,
    expect_mandatory_ppe_ticked,
    expect_status,
    fill_permit_form,
    horizontal_overflow,
    log_in,
    open_tab,
    opened_permit,
    permit_actions,
    permit_heading,
    permit_path,
    record_gas_reading,
    table_row,
    take_action,
    task_badge,
    tasks_link,
    unique,
)
from playwright.sync_api import Locator, Page, expect
from support import Screenshot, allow_http_errors

GAS_TEST_MISSING = "This permit type needs a gas test; none is recorded."
RISK_NOT_ASSESSED = "Assess the risk: choose probability and severity."
CONFLICT_TITLE = "This permit was changed by someone else"

# Readiness folds the actions that do not matter to the reader under this toggle (it only shows them).
OTHER_ACTIONS = re.compile(r"^(collapsed|expanded) Other actions \(\d+\)$")


def tab_names(page: Page) -> list[str]:
    """The detail page's tabs, by accessible name."""
    return re.findall(r'tab "([^"]+)"', page.get_by_role("tablist").aria_snapshot())


def permit_rows(page: Page) -> Locator:
    """The permit list's body rows (each has a permit number link)."""
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=re.compile(r"^PTW-\d{4}-\d{6}$")))


def list_loaded(page: Page) -> None:
    """The permit list shows its rows and total, and is not loading."""
    expect(page.get_by_text(re.compile(r"^\d+ permits?$"))).to_be_visible()
    expect(page.locator(".ant-spin-spinning")).to_have_count(0)


def test_golden_path_from_request_to_completion(
    open_page: PageOpener, api: ApiSessions, screenshot: Screenshot
) -> None:
    requester = open_page()
    log_in(requester, REQUESTER)
    expect(requester.get_by_role("heading", level=1, name="Permits")).to_be_visible()
    list_loaded(requester)
    screenshot("list", requester)

    requester.get_by_role("link", name="New permit").click()
    expect(requester.get_by_role("heading", level=1, name="New permit")).to_be_visible()
    draft = PermitDraft(title=unique("Replace gasket on P-101"))
    fill_permit_form(requester, draft)
    # The matrix cell chose probability 3 and severity 4: the server's bands make 12 high.
    expect(requester.get_by_role("status", name="Assessed risk")).to_have_text("Risk: 12 (3 \u00d7 4), High")
    expect_mandatory_ppe_ticked(requester, api(REQUESTER).permit_type(GENERAL)["mandatory_ppe"])
    screenshot("form", requester)
    requester.get_by_role("button", name="Save and submit").click()
    confirm_in_dialog(requester, "Submit", signer=REQUESTER)
    permit = opened_permit(requester)
    expect(permit_heading(requester)).to_have_text(f"{permit.number} · {draft.title}")
    expect_status(requester, "Submitted")
    expect(requester.get_by_text("Risk: High (12)", exact=True)).to_be_visible()
    stored = api(REQUESTER).permit(permit.id)
    risk = (stored["probability"], stored["severity"], stored["risk_score"], stored["risk_level"])
    assert risk == (3, 4, 12, "high")

    verifier = open_page()
    log_in(verifier, VERIFIER)
    badge = task_badge(verifier)
    expect(badge).to_be_visible()
    waiting = int(badge.inner_text())
    assert waiting >= 1
    tasks_link(verifier).click()
    expect(verifier.get_by_role("heading", level=1, name="Waiting for me")).to_be_visible()
    expect(verifier.get_by_text(f"{waiting} waiting", exact=True)).to_be_visible()
    task = table_row(verifier, permit.number)
    expect(task).to_contain_text("Verify")
    task.get_by_role("link", name=permit.number).click()
    expect(permit_heading(verifier)).to_have_text(f"{permit.number} · {draft.title}")
    take_action(verifier, "Verify", signer=VERIFIER)
    expect_status(verifier, "Verified")

    issuer = open_page()
    log_in(issuer, ISSUER)
    tasks_link(issuer).click()
    task = table_row(issuer, permit.number)
    expect(task).to_contain_text("Approve")
    task.get_by_role("link", name=permit.number).click()
    readiness = open_tab(issuer, "Readiness")
    expect(readiness.get_by_role("row").filter(has_text="Approve")).to_contain_text("Possible")
    screenshot("readiness", issuer)
    take_action(issuer, "Approve", signer=ISSUER)
    expect_status(issuer, "Approved")

    requester.reload()
    expect_status(requester, "Approved")
    take_action(requester, "Start work", signer=REQUESTER)
    expect_status(requester, "Active")
    screenshot("detail", requester)
    # The requester comes back to the permit when the work is done and hands it back; the issuer accepts.
    requester.reload()
    take_action(requester, "Hand back", signer=REQUESTER)
    expect_status(requester, "Handed back")
    expect(action_button(requester, "Accept hand-back")).to_have_count(0)
    issuer.reload()
    take_action(issuer, "Accept hand-back", signer=ISSUER)
    expect_status(issuer, "Completed")
    requester.reload()
    expect_status(requester, "Completed")

    timeline = open_tab(requester, "Timeline (7)")
    expect(timeline.get_by_role("listitem")).to_have_text(
        [
            re.compile(rf"^Created\s*by {REQUESTER.name}.*Draft$"),
            re.compile(rf"^Submit\s*by {REQUESTER.name}.*Draft\s*→\s*Submitted$"),
            re.compile(rf"^Verify\s*by {VERIFIER.name}.*Submitted\s*→\s*Verified$"),
            re.compile(rf"^Approve\s*by {ISSUER.name}.*Verified\s*→\s*Approved$"),
            re.compile(rf"^Start work\s*by {REQUESTER.name}.*Approved\s*→\s*Active$"),
            re.compile(rf"^Hand back\s*by {REQUESTER.name}.*Active\s*→\s*Handed back$"),
            re.compile(rf"^Accept hand-back\s*by {ISSUER.name}.*Handed back\s*→\s*Completed$"),
        ]
    )
    screenshot("timeline", requester)


def test_each_signed_act_in_a_row_asks_for_a_fresh_signature(open_page: PageOpener, api: ApiSessions) -> None:
    permit = api(REQUESTER).create_permit(unique("Two signed acts in a row"))
    api(REQUESTER).act(permit, "submit")
    api(VERIFIER).act(permit, "verify")
    api(ISSUER).act(permit, "approve")
    requester = open_page(REQUESTER)
    requester.goto(permit_path(permit))
    take_action(requester, "Start work", signer=REQUESTER)

    action_button(requester, "Hand back").click()
    dialog = action_dialog(requester, "Hand back")
    expect(dialog.get_by_label("Sign: type your full name", exact=True)).to_have_value("", timeout=2_000)
    expect(dialog.get_by_role("button", name="Hand back", exact=True)).to_be_disabled(timeout=2_000)


def test_rejected_permit_is_edited_and_resubmitted_with_a_new_signature(
    open_page: PageOpener, api: ApiSessions, screenshot: Screenshot
) -> None:
    permit = api(REQUESTER).create_permit(unique("Paint handrails on PR-3"), hazards="Solvent vapours.")
    api(REQUESTER).act(permit, "submit")

    verifier = open_page(VERIFIER)
    verifier.goto(permit_path(permit))
    expect_status(verifier, "Submitted")
    action_button(verifier, "Reject").click()
    dialog = action_dialog(verifier, "Reject")
    reject = dialog.get_by_role("button", name="Reject", exact=True)
    dialog.get_by_label("Reason", exact=True).fill("   ")
    expect(reject).to_be_disabled()
    dialog.get_by_label("Reason", exact=True).fill("")
    confirm_in_dialog(verifier, "Reject", reason="Hazards must name the slip risk of wet paint.")
    expect_status(verifier, "Rejected")

    requester = open_page(REQUESTER)
    requester.goto(permit_path(permit))
    expect_status(requester, "Rejected")
    timeline = open_tab(requester, re.compile(r"^Timeline"))
    expect(timeline.get_by_role("listitem").last).to_contain_text("Hazards must name the slip risk of wet paint.")
    expect(timeline.get_by_role("listitem").last).to_contain_text(re.compile(rf"^Reject\s*by {VERIFIER.name}"))

    requester.get_by_role("button", name="Edit", exact=True).click()
    expect(requester.get_by_role("heading", level=1, name="Edit permit")).to_be_visible()
    hazards = requester.get_by_label("Hazards", exact=True)
    expect(hazards).to_have_value("Solvent vapours.")
    hazards.fill("Solvent vapours; slips on wet paint.")
    screenshot("edit", requester)
    requester.get_by_role("button", name="Save and resubmit").click()
    confirm_in_dialog(requester, "Resubmit", signer=REQUESTER)

    expect(requester).to_have_url(re.compile(rf"/permits/{permit['id']}\?"))
    expect_status(requester, "Submitted")
    expect(requester.get_by_text("Solvent vapours; slips on wet paint.")).to_be_visible()
    people = open_tab(requester, "People & signatures")
    signatures = people.get_by_role("region", name="Signatures")
    submit = signatures.get_by_role("row").filter(has=requester.get_by_role("cell", name="Submit", exact=True))
    resubmit = signatures.get_by_role("row").filter(has=requester.get_by_role("cell", name="Resubmit", exact=True))
    expect(submit).to_have_count(1)
    expect(submit).to_contain_text(REQUESTER.name)
    expect(submit.get_by_text(re.compile(r"^void — "))).to_be_visible()
    expect(resubmit).to_have_count(1)
    expect(resubmit.get_by_text("valid", exact=True)).to_be_visible()
    screenshot("signatures", requester)


def test_hot_work_without_gas_test_cannot_be_verified(
    open_page: PageOpener, api: ApiSessions, screenshot: Screenshot
) -> None:
    requester = open_page(REQUESTER)
    requester.goto(f"/permits/new?project={api(REQUESTER).project['id']}")
    draft = PermitDraft(
        title=unique("Weld support bracket on PR-2"),
        type_name=HOT_WORK,
        description="Weld a new pipe support bracket.",
        location="Pipe rack PR-2, bay 3",
        hazards="Sparks and hot slag; flammable vapours nearby.",
        controls="Combustibles removed; fire blankets; extinguisher at hand.",
        details={"Kind of hot work": "Welding", "Fire watcher": "Sam Okoro"},
    )
    fill_permit_form(requester, draft)
    expect_mandatory_ppe_ticked(requester, api(REQUESTER).permit_type(HOT_WORK)["mandatory_ppe"])
    requester.get_by_role("button", name="Save and submit").click()
    confirm_in_dialog(requester, "Submit", signer=REQUESTER)
    permit = opened_permit(requester)
    expect_status(requester, "Submitted")
    expect(requester.get_by_role("row", name=re.compile(r"Kind of hot work\s*Welding"))).to_be_visible()

    verifier = open_page(VERIFIER)
    verifier.goto(permit.path())
    expect_status(verifier, "Submitted")
    verify = action_button(verifier, "Verify")
    expect(verify).to_be_disabled()
    expect(verify).to_have_accessible_description(
        re.compile(rf"Verify is not possible yet:\s*{re.escape(GAS_TEST_MISSING)}")
    )
    expect(permit_actions(verifier).get_by_text(GAS_TEST_MISSING)).to_be_visible()
    expect(action_button(verifier, "Reject")).to_be_enabled()

    readiness = open_tab(verifier, "Readiness")
    expect(readiness.get_by_text(re.compile(r"^This permit type requires: Gas test"))).to_be_visible()
    verify_row = readiness.get_by_role("row").filter(has=verifier.get_by_role("cell", name="Verify", exact=True))
    expect(verify_row).to_contain_text("Not possible")
    expect(verify_row.get_by_role("listitem")).to_have_text([GAS_TEST_MISSING])
    screenshot("readiness", verifier)


def test_a_draft_without_its_risk_assessment_cannot_be_submitted(open_page: PageOpener, api: ApiSessions) -> None:
    permit = api(REQUESTER).create_permit(unique("Clean the cooling tower basin"), probability=None, severity=None)
    requester = open_page(REQUESTER)
    requester.goto(permit_path(permit))
    expect_status(requester, "Draft")
    expect(requester.get_by_text("Risk: Not assessed", exact=True)).to_be_visible()
    submit = action_button(requester, "Submit")
    expect(submit).to_be_disabled()
    expect(submit).to_have_accessible_description(
        re.compile(rf"Submit is not possible yet:\s*{re.escape(RISK_NOT_ASSESSED)}")
    )
    expect(permit_actions(requester).get_by_text(RISK_NOT_ASSESSED)).to_be_visible()
    readiness = open_tab(requester, "Readiness")
    submit_row = readiness.get_by_role("row").filter(has=requester.get_by_role("cell", name="Submit", exact=True))
    expect(submit_row).to_contain_text("Not possible")
    expect(submit_row.get_by_role("listitem")).to_have_text([RISK_NOT_ASSESSED])


def test_hot_work_with_safe_gas_readings_can_be_verified_and_approved(
    open_page: PageOpener, api: ApiSessions, screenshot: Screenshot
) -> None:
    permit = api(REQUESTER).create_permit(
        unique("Cut out corroded vent nozzle on T-14"),
        type_name=HOT_WORK,
        parameters={"hot_work_kind": "Cutting", "fire_watcher": "Sam Okoro"},
    )
    api(REQUESTER).act(permit, "submit")

    verifier = open_page(VERIFIER)
    verifier.goto(permit_path(permit))
    expect(action_button(verifier, "Verify")).to_be_disabled()
    gas_tests = open_tab(verifier, re.compile(r"^Gas tests"))
    expect(gas_tests.get_by_text("No gas tests recorded.")).to_be_visible()
    gas_tests.get_by_label("Instrument id", exact=True).fill("GD-0417")
    calibrated_on = gas_tests.get_by_label("Calibrated on", exact=True)
    calibrated_on.fill(
        (datetime.now(ZoneInfo(api(REQUESTER).project["time_zone"])) - timedelta(days=30)).strftime("%Y-%m-%d")
    )
    calibrated_on.press("Enter")  # the day picker takes what was typed
    record_gas_reading(gas_tests, "O2", "20.9", "20.90 %vol", "≥ 19.5 and ≤ 23.5 %vol")
    record_gas_reading(gas_tests, "LEL", "0", "0.00 %LEL", "< 10 %LEL")
    readings = gas_tests.get_by_role("table", name="Gas tests").get_by_role("row").filter(has_text="Pass")
    expect(readings).to_have_count(2)
    screenshot("gas-tests", verifier)
    expect(action_button(verifier, "Verify")).to_be_enabled()
    take_action(verifier, "Verify", signer=VERIFIER)
    expect_status(verifier, "Verified")

    issuer = open_page(ISSUER)
    issuer.goto(permit_path(permit))
    expect_status(issuer, "Verified")
    readiness = open_tab(issuer, "Readiness")
    approve_row = readiness.get_by_role("row").filter(has=issuer.get_by_role("cell", name="Approve", exact=True))
    expect(approve_row).to_contain_text("Possible")
    expect(action_button(issuer, "Approve")).to_be_enabled()
    take_action(issuer, "Approve", signer=ISSUER)
    expect_status(issuer, "Approved")


def test_viewer_sees_permits_without_any_action(
    open_page: PageOpener, api: ApiSessions, screenshot: Screenshot
) -> None:
    submitted = api(REQUESTER).create_permit(unique("Inspect strainers on CT-1"))
    api(REQUESTER).act(submitted, "submit")
    active = api(REQUESTER).create_permit(unique("Replace lighting in C-1"))
    for person, action in ((REQUESTER, "submit"), (VERIFIER, "verify"), (ISSUER, "approve"), (REQUESTER, "activate")):
        api(person).act(active, action)

    viewer = open_page(VIEWER)
    viewer.goto(f"/permits?project={api(REQUESTER).project['id']}")
    list_loaded(viewer)
    expect(viewer.get_by_role("link", name="New permit")).to_have_count(0)
    for permit, status in ((active, "Active"), (submitted, "Submitted")):
        viewer.goto(permit_path(permit))
        expect(permit_heading(viewer)).to_have_text(f"{permit['permit_number']} · {permit['title']}")
        expect_status(viewer, status)
        expect(permit_actions(viewer)).to_have_count(0)
        for label in (*ACTION_LABELS, "Edit"):
            expect(viewer.get_by_role("button", name=label, exact=True)).to_have_count(0)
        # Nor anything to record on any tab: the only buttons on the page are the tab bar's overflow menu, the
        # permit's QR code (reading, like the "Print (PDF)" link) and readiness's fold of the other actions.
        for tab in tab_names(viewer):
            panel = open_tab(viewer, tab)
            expect(panel).not_to_be_empty()
            expect(panel.locator(".ant-skeleton, .ant-spin-spinning")).to_have_count(0)
            snapshot = viewer.get_by_role("main").aria_snapshot()
            buttons = [b for b in re.findall(r'button "([^"]*)"', snapshot) if not OTHER_ACTIONS.match(b)]
            assert set(buttons) <= {"ellipsis", "QR code"}, f"{status} permit, tab {tab}: buttons {buttons}"
        screenshot(status.lower(), viewer)


def test_other_tenant_cannot_open_or_list_a_permit(
    open_page: PageOpener, api: ApiSessions, screenshot: Screenshot
) -> None:
    permit = api(REQUESTER).create_permit(unique("Acme only: calibrate LT-2204"))
    globex = open_page(GLOBEX_REQUESTER)
    allow_http_errors(globex, rf"/api/v1/ptw/permits/{permit['id']}/$", status=404)

    globex.goto(permit_path(permit))
    expect(globex.get_by_text("No such permit", exact=True)).to_be_visible()
    expect(permit_heading(globex)).to_have_count(0)
    expect(globex.get_by_text(permit["title"])).to_have_count(0)
    screenshot("not-found", globex)

    globex.goto("/permits")
    list_loaded(globex)
    expect(globex.get_by_role("banner")).to_contain_text("South Refinery")
    expect(permit_rows(globex).first).to_be_visible()
    expect(permit_rows(globex).filter(has_text=REQUESTER.name)).to_have_count(0)
    globex.get_by_label("Search permits").fill(permit["title"])
    globex.get_by_label("Search permits").press("Enter")
    expect(globex.get_by_text("No permits match these filters.")).to_be_visible()
    expect(permit_rows(globex)).to_have_count(0)


def test_concurrent_edit_offers_to_reapply_my_changes(open_page: PageOpener, api: ApiSessions) -> None:
    permit = api(REQUESTER).create_permit(unique("Clear blocked drain"), hazards="Hydrocarbon residues.")
    edit_path = f"/permits/{permit['id']}/edit?project={permit['project']}"
    first, second = open_page(REQUESTER), open_page(REQUESTER)
    for page in (first, second):
        page.goto(edit_path)
        expect(page.get_by_label("Title", exact=True)).to_have_value(permit["title"])

    new_title = unique("Clear blocked drain at loading bay 1")
    first.get_by_label("Title", exact=True).fill(new_title)
    first.get_by_role("button", name="Save draft").click()
    expect(permit_heading(first)).to_have_text(f"{permit['permit_number']} · {new_title}")

    allow_http_errors(second, rf"/api/v1/ptw/permits/{permit['id']}/$", status=409)
    second.get_by_label("Hazards", exact=True).fill("Hydrocarbon residues; traffic.")
    second.get_by_role("button", name="Save draft").click()
    dialog = second.get_by_role("dialog", name=CONFLICT_TITLE)
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(f"Version 2 of {permit['permit_number']} was saved while you were editing.")
    hazards_row = dialog.get_by_role("row").filter(has=second.get_by_role("cell", name="Hazards", exact=True))
    expect(hazards_row.get_by_role("cell")).to_have_text(
        ["Hazards", "Hydrocarbon residues.", "Hydrocarbon residues; traffic."]
    )
    title_row = dialog.get_by_role("row").filter(has=second.get_by_role("cell", name="Title", exact=True))
    expect(title_row.get_by_role("cell")).to_have_text(["Title", new_title, "Not changed by you (kept as saved)"])

    dialog.get_by_role("button", name="Re-apply my changes").click()
    expect(dialog).to_be_hidden()
    expect(second.get_by_role("status").filter(has_text="saved on top of version 2")).to_be_visible()
    expect(second.get_by_label("Title", exact=True)).to_have_value(new_title)
    expect(second.get_by_label("Hazards", exact=True)).to_have_value("Hydrocarbon residues; traffic.")

    saved = api(REQUESTER).permit(permit["id"])
    assert (saved["title"], saved["hazards"], saved["version"]) == (new_title, "Hydrocarbon residues; traffic.", 3)


def test_list_filters_by_status_in_the_address_and_searches_by_number(
    open_page: PageOpener, api: ApiSessions, screenshot: Screenshot
) -> None:
    rejected = api(REQUESTER).create_permit(unique("Replace valve handwheel on XV-305"))
    api(REQUESTER).act(rejected, "submit")
    api(VERIFIER).act(rejected, "reject", reason="Wrong valve tag.")
    draft = api(REQUESTER).create_permit(unique("Replace valve handwheel on XV-306"))

    page = open_page(REQUESTER)
    page.goto(f"/permits?project={rejected['project']}")
    list_loaded(page)
    # Eleven statuses do not all fit the drop-down's window: type to find one, as a user would.
    page.get_by_role("combobox", name="Status", exact=True).click()
    page.get_by_role("combobox", name="Status", exact=True).fill("Rejec")
    page.locator(".ant-select-dropdown:visible").get_by_title("Rejected", exact=True).click()
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"[?&]status=rejected(&|$)"))

    def expect_only_rejected() -> None:
        list_loaded(page)
        expect(page.get_by_role("group", name="Filters").get_by_title("Rejected", exact=True)).to_be_visible()
        expect(permit_rows(page).first).to_be_visible()
        expect(permit_rows(page).filter(has_not_text="Rejected")).to_have_count(0)
        expect(table_row(page, rejected["permit_number"])).to_be_visible()
        expect(table_row(page, draft["permit_number"])).to_have_count(0)

    expect_only_rejected()
    page.reload()
    expect(page).to_have_url(re.compile(r"[?&]status=rejected(&|$)"))
    expect_only_rejected()
    screenshot("filtered", page)

    # Wait for the list to show the cleared filters (the address changes first) before searching on top of them.
    page.get_by_role("button", name="Clear filters").click()
    expect(page.get_by_role("button", name="Clear filters")).to_have_count(0)
    expect(page).not_to_have_url(re.compile(r"status="))
    list_loaded(page)
    search = page.get_by_label("Search permits")
    search.fill(draft["permit_number"])
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]search="))
    searched = parse_qs(urlsplit(page.url).query)
    assert searched == {"project": [str(draft["project"])], "search": [draft["permit_number"]]}
    list_loaded(page)
    expect(permit_rows(page)).to_have_count(1)
    expect(table_row(page, draft["permit_number"])).to_contain_text(draft["title"])
    expect(page.get_by_text("1 permit", exact=True)).to_be_visible()
    screenshot("searched", page)


def test_narrow_screen_list_and_detail_fit_without_horizontal_scroll(
    open_page: PageOpener, api: ApiSessions, screenshot: Screenshot
) -> None:
    permit = api(REQUESTER).create_permit(
        unique("Install cable tray supports in substation SS-2 near the incoming HV switchboard"),
        description="A long description that wraps. " * 20,
    )
    api(REQUESTER).act(permit, "submit")
    page = open_page(VERIFIER, width=768)

    page.goto(f"/permits?project={permit['project']}")
    list_loaded(page)
    expect(page.get_by_role("button", name="Expand navigation")).to_be_visible()
    expect(permit_rows(page).first).to_be_visible()
    assert horizontal_overflow(page) == 0
    screenshot("list", page)

    search = page.get_by_label("Search permits")
    search.fill(permit["permit_number"])
    search.press("Enter")
    expect(permit_rows(page)).to_have_count(1)
    table_row(page, permit["permit_number"]).get_by_role("link", name=permit["permit_number"]).click()
    expect(permit_heading(page)).to_have_text(f"{permit['permit_number']} · {permit['title']}")
    expect(action_button(page, "Verify")).to_be_visible()
    assert horizontal_overflow(page) == 0
    screenshot("detail", page)
    for tab in ("Readiness", re.compile(r"^Timeline"), "People & signatures"):
        panel = open_tab(page, tab)
        expect(panel.get_by_role("row").or_(panel.get_by_role("listitem")).first).to_be_visible()
        assert horizontal_overflow(page) == 0, f"the {tab} tab scrolls sideways"
    screenshot("signatures", page)
