"""The isolation library end to end: a project admin adds a point through the administration page (and imports a
CSV file, refused whole for one bad row, then accepted), an issuer puts the new point on a permit, a retired point
is no longer offered, and someone who is not an admin has no menu entry for the page."""

from __future__ import annotations

import re
import uuid

from conftest import PageOpener
from flows import (
    ADMIN,
    ISSUER,
    REQUESTER,
    VERIFIER,
    ApiSessions,
    choose_option,
    main_navigation,
    open_tab,
    permit_path,
    unique,
)
from phone import layout_defects, new_phone_page
from playwright.sync_api import Browser, FilePayload, Locator, Page, expect
from support import Screenshot

LIBRARY = "/admin/isolation-library"
BODY = {"code": "MV-NOT-ADMIN", "name": "Valve", "energy_type": "process"}


def point_row(page: Page, code: str) -> Locator:
    return page.get_by_role("table", name="Isolation points").get_by_role("row").filter(has_text=code)


def test_an_admin_adds_a_point_and_an_issuer_puts_it_on_a_permit(
    open_page: PageOpener, api: ApiSessions, screenshot: Screenshot
) -> None:
    code = f"MV-{uuid.uuid4().hex[:6].upper()}"
    name = "Cooling-water return valve CW-12"

    # The admin finds the page under Administration and adds the point.
    admin = open_page(ADMIN)
    admin.goto("/permits")
    main_navigation(admin).get_by_role("menuitem", name="Isolation library").click()
    expect(admin.get_by_role("heading", level=1, name="Isolation library")).to_be_visible()
    admin.get_by_role("button", name="Add point").click()
    dialog = admin.get_by_role("dialog")
    dialog.get_by_label("Code", exact=True).fill(code)
    dialog.get_by_label("Name", exact=True).fill(name)
    choose_option(admin, dialog.get_by_label("Energy", exact=True), "Process")
    dialog.get_by_label("Locks needed", exact=True).fill("2")
    dialog.get_by_label("How to isolate", exact=True).fill("Close CW-12 and chain it; vent at the drain.")
    dialog.get_by_role("button", name="Add point").click()
    expect(admin.get_by_text(f"{code} added to the library.")).to_be_visible()
    expect(point_row(admin, code)).to_contain_text("2 locks")
    screenshot("isolation-library", admin)

    # An issuer puts it on a verified permit from the library.
    permit = api(REQUESTER).create_permit(unique("Replace CW-12 actuator"))
    api(REQUESTER).act(permit, "submit")
    api(VERIFIER).act(permit, "verify")
    issuer = open_page(ISSUER)
    issuer.goto(permit_path(permit))
    isolations = open_tab(issuer, re.compile(r"^Isolations"))
    choose_option(issuer, isolations.get_by_label("Library point", exact=True), f"{code} — {name} (Process, 2 locks)")
    isolations.get_by_role("button", name="Add isolation").click()
    expect(isolations.get_by_text(name, exact=True).first).to_be_visible()

    # The issuer is no admin: no menu entry, and the API refuses a write.
    expect(main_navigation(issuer).get_by_role("menuitem", name="Isolation library")).to_have_count(0)
    project = api(ISSUER).project["id"]
    issuer_api = api(ISSUER)
    refused = issuer_api.http.post(
        f"/api/v1/ptw/isolation-points/?project={project}",
        json=BODY,
        headers={"X-CSRFToken": issuer_api.http.cookies.get("csrftoken", "")},
    )
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "forbidden")


def test_a_retired_point_is_no_longer_offered_and_a_bad_csv_writes_nothing(
    open_page: PageOpener, api: ApiSessions
) -> None:
    admin_api = api(ADMIN)
    project = admin_api.project["id"]
    prefix = f"IMP-{uuid.uuid4().hex[:5].upper()}"
    admin_api.send_for_object(
        "POST",
        f"/api/v1/ptw/isolation-points/?project={project}",
        json={"code": f"{prefix}-R", "name": "Old drain valve", "energy_type": "process"},
    )

    admin = open_page(ADMIN)
    admin.goto(LIBRARY)
    admin.get_by_role("searchbox", name="Search points").fill(prefix)
    admin.get_by_role("searchbox", name="Search points").press("Enter")
    point_row(admin, f"{prefix}-R").get_by_role("button", name="Retire").click()
    admin.locator(".ant-popover:visible").get_by_role("button", name="Retire").click()
    expect(admin.get_by_text(f"{prefix}-R retired: no longer offered on permits.")).to_be_visible()
    expect(point_row(admin, f"{prefix}-R")).to_have_count(0)

    # Import: one bad row refuses the file; corrected, every row is written.
    lines = [f"{prefix}-{n:03d},Valve {n},process,valve,,,,1," for n in range(1, 31)]
    bad = [*lines[:14], f"{prefix}-015,Valve 15,steam,valve,,,,1,", *lines[15:]]
    header = "code,name,energy_type,point_type,asset_tag,method,verification_method,locks_required,equipment"
    admin.get_by_role("button", name="Import CSV").click()
    dialog = admin.get_by_role("dialog")

    def csv(rows: list[str]) -> FilePayload:
        return {"name": "points.csv", "mimeType": "text/csv", "buffer": "\n".join([header, *rows]).encode()}

    dialog.locator("input[type=file]").set_input_files(csv(bad))
    expect(dialog.get_by_text("1 of 30 rows are invalid", exact=False)).to_be_visible()
    expect(dialog.get_by_role("table", name="Import preview")).to_contain_text(f"16{prefix}-015Energy: 'steam'")
    expect(dialog.get_by_role("button", name="Import 29 points")).to_be_disabled()
    dialog.locator("input[type=file]").set_input_files(csv(lines))
    expect(dialog.get_by_text("All 30 rows are valid: ready to import.")).to_be_visible()
    dialog.get_by_role("button", name="Import 30 points").click()
    expect(admin.get_by_text("30 isolation points imported.")).to_be_visible()
    listed = admin_api.send("GET", f"/api/v1/ptw/isolation-points/?project={project}&search={prefix}&status=all")
    assert len(listed) == 31

    # The retired point is not among the permit's library points.
    permit = api(REQUESTER).create_permit(unique("Flush cooling-water header"))
    api(REQUESTER).act(permit, "submit")
    api(VERIFIER).act(permit, "verify")
    issuer = open_page(ISSUER)
    issuer.goto(permit_path(permit))
    isolations = open_tab(issuer, re.compile(r"^Isolations"))
    isolations.get_by_label("Library point", exact=True).click()
    issuer.keyboard.type(prefix)
    dropdown = issuer.locator(".ant-select-dropdown:visible")
    expect(dropdown.get_by_title(re.compile(rf"^{prefix}-001 "))).to_be_visible()
    expect(dropdown.get_by_title(re.compile(rf"^{prefix}-R "))).to_have_count(0)


def test_the_library_fits_a_phone(browser: Browser, server: str, api: ApiSessions) -> None:
    admin = api(ADMIN)
    code = f"PH-{uuid.uuid4().hex[:6].upper()}"
    body = {"code": code, "name": "Firewater pump breaker", "energy_type": "electrical", "point_type": "breaker"}
    admin.send_for_object("POST", f"/api/v1/ptw/isolation-points/?project={admin.project['id']}", json=body)
    page = new_phone_page(browser, server, admin.cookies())
    try:
        page.goto(LIBRARY)
        expect(page.get_by_role("heading", level=1, name="Isolation library")).to_be_visible()
        # Each point is a card with its actions.
        card = page.get_by_role("region", name="Isolation points").locator(".ant-card").filter(has_text=code)
        expect(card.get_by_role("button", name="Retire")).to_be_visible()
        assert layout_defects(page) == []
        page.get_by_role("button", name="Add point").click()
        expect(page.get_by_role("dialog")).to_be_visible()
        assert layout_defects(page) == []
    finally:
        page.context.close()
