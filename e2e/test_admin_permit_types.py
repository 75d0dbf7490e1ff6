"""Permit type administration end to end: a project admin adds a required checklist item to hot work in the
editor (seeing it in the preview first), and the requester's next hot-work permit form asks it while readiness
names it as missing; a requester has no menu entry and is refused by the API; a stale save opens the conflict
dialog; the list and the editor fit a phone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from conftest import PageOpener
from flows import (
    ADMIN,
    HOT_WORK,
    ISSUER,
    REQUESTER,
    VERIFIER,
    ApiSessions,
    choose_option,
    main_navigation,
    safe_gas_tested,
    unique,
)
from phone import layout_defects, new_phone_page
from playwright.sync_api import Browser, Page, expect
from support import allow_http_errors

WORK_AT_HEIGHT = "Work at height"


def type_url(api: ApiSessions, name: str) -> str:
    ptype = api(ADMIN).permit_type(name)
    return f"/api/v1/ptw/permit-types/{ptype['id']}/?project={api(ADMIN).project['id']}"


def reset_override(api: ApiSessions, name: str, fields: list[str]) -> None:
    """Puts the demo project's type back as it was, for the other tests sharing the server."""
    current = api(ADMIN).send_for_object("GET", type_url(api, name))
    api(ADMIN).send(
        "PATCH", type_url(api, name), json={"reset": fields}, headers={"If-Match": f'"{current["version"]}"'}
    )


@pytest.fixture
def hot_work_restored(api: ApiSessions) -> Iterator[None]:
    yield
    reset_override(api, HOT_WORK, ["checklist"])


@pytest.fixture
def height_restored(api: ApiSessions) -> Iterator[None]:
    yield
    reset_override(api, WORK_AT_HEIGHT, ["min_workers"])


def open_editor(page: Page, api: ApiSessions, name: str) -> None:
    page.goto(f"/admin/permit-types?project={api(ADMIN).project['id']}")
    expect(page.get_by_role("heading", level=1, name="Permit types")).to_be_visible()
    page.get_by_role("link", name=f"Edit {name}").click()
    expect(page.get_by_role("heading", level=2, name=name)).to_be_visible()


def test_a_required_checklist_item_added_by_the_admin_reaches_the_next_permit(
    open_page: PageOpener, api: ApiSessions, hot_work_restored: None
) -> None:
    label = unique("Spark screens up around the work")
    key = "spark_screens_e2e"
    admin = open_page(ADMIN)
    open_editor(admin, api, HOT_WORK)

    checklist = admin.get_by_role("region", name="Safety checklist")
    checklist.get_by_role("button", name="Add item").click()
    number = len(api(ADMIN).permit_type(HOT_WORK)["checklist"]) + 1
    checklist.get_by_label(f"Item {number} key", exact=True).fill(key)
    checklist.get_by_label(f"Item {number} label", exact=True).fill(label)
    preview = admin.get_by_role("region", name="Preview of the permit form")
    expect(preview.get_by_role("checkbox", name=f"{label} (required)")).to_be_visible()
    admin.get_by_role("button", name="Save for this project").click()
    expect(admin.get_by_role("status").filter(has_text="the next permit of this type there uses it")).to_be_visible()
    expect(admin.get_by_text("overrides: Safety checklist")).to_be_visible()

    requester = open_page(REQUESTER)
    requester.goto(f"/permits/new?project={api(REQUESTER).project['id']}")
    choose_option(requester, requester.get_by_label("Permit type", exact=True), HOT_WORK)
    form_checklist = requester.get_by_role("region", name="Safety checklist")
    expect(form_checklist.get_by_role("checkbox", name=f"{label} (required)")).to_be_visible()

    # A permit leaving the item unticked goes through submission and verification, and is held at approval.
    ptype = api(REQUESTER).permit_type(HOT_WORK)
    ticked = {item["key"]: True for item in ptype["checklist"] if item["key"] != key}
    permit = api(REQUESTER).create_permit(
        unique("Weld bracket on pipe rack"),
        HOT_WORK,
        checklist=ticked,
        parameters={"hot_work_kind": "Welding", "fire_watcher": VERIFIER.name},
    )
    api(REQUESTER).act(permit, "submit")
    safe_gas_tested(api, permit)
    api(VERIFIER).act(permit, "verify")
    readiness = api(ISSUER).send_for_object("GET", f"/api/v1/ptw/permits/{permit['id']}/readiness/")
    missing = readiness["actions"]["approve"]["missing"]
    assert any(item["code"] == "checklist_incomplete" and label in item["message"] for item in missing), missing


def test_a_requester_has_no_menu_entry_and_is_refused_by_the_api(
    open_page: PageOpener, api: ApiSessions, server: str
) -> None:
    requester = open_page(REQUESTER)
    requester.goto(f"/permits?project={api(REQUESTER).project['id']}")
    navigation = main_navigation(requester)
    expect(navigation.get_by_role("menuitem", name="Permits")).to_be_visible()
    expect(navigation.get_by_role("menuitem", name="Permit types")).to_have_count(0)

    refused = api(REQUESTER).http.request(
        "PATCH",
        type_url(api, HOT_WORK),
        json={"min_workers": 5},
        headers={"If-Match": '"1"', "X-CSRFToken": api(REQUESTER).http.cookies.get("csrftoken", "")},
    )
    assert refused.status_code == 403, refused.text
    assert refused.json()["error"]["code"] == "forbidden"
    assert httpx.get(f"{server}/api/v1/ptw/permit-types/").status_code in (401, 403)


def test_a_stale_save_opens_the_conflict_dialog(open_page: PageOpener, api: ApiSessions, height_restored: None) -> None:
    admin = open_page(ADMIN)
    open_editor(admin, api, WORK_AT_HEIGHT)
    requirements = admin.get_by_role("region", name="Requirements")
    requirements.get_by_label("Minimum workers").fill("3")

    seen = api(ADMIN).send_for_object("GET", type_url(api, WORK_AT_HEIGHT))
    api(ADMIN).send(
        "PATCH", type_url(api, WORK_AT_HEIGHT), json={"min_workers": 4}, headers={"If-Match": f'"{seen["version"]}"'}
    )
    allow_http_errors(admin, r"/api/v1/ptw/permit-types/\d+/", status=409)
    admin.get_by_role("button", name="Save for this project").click()

    dialog = admin.get_by_role("dialog").filter(has_text="This permit type was changed by someone else")
    expect(dialog).to_be_visible()
    row = dialog.get_by_role("row").filter(has_text="Minimum workers")
    expect(row).to_contain_text("4")
    expect(row).to_contain_text("3")
    dialog.get_by_role("button", name="Re-apply my changes").click()
    expect(dialog).to_be_hidden()
    expect(admin.get_by_role("status").filter(has_text="Your changes were saved on top of version")).to_be_visible()
    assert api(ADMIN).send_for_object("GET", type_url(api, WORK_AT_HEIGHT))["min_workers"] == 3


def test_the_list_and_the_editor_fit_a_phone(browser: Browser, server: str, api: ApiSessions) -> None:
    page = new_phone_page(browser, server, api(ADMIN).cookies())
    try:
        page.goto(f"/admin/permit-types?project={api(ADMIN).project['id']}")
        expect(page.get_by_role("region", name="Permit types").locator(".ant-card").first).to_be_visible()
        page.wait_for_load_state("networkidle")
        defects: dict[str, Any] = {"list": layout_defects(page)}
        page.get_by_role("link", name=f"Edit {HOT_WORK}").click()
        expect(page.get_by_role("heading", level=2, name=HOT_WORK)).to_be_visible()
        page.wait_for_load_state("networkidle")
        defects["editor"] = layout_defects(page)
        assert not any(defects.values()), "\n".join(f"{name}: {d}" for name, found in defects.items() for d in found)
    finally:
        page.context.close()
