"""Area-wide suspension end to end: an issuer suspends a location's two active permits from the permit list —
preview, confirm, the outcome — and both permits read Suspended."""

from __future__ import annotations

from conftest import PageOpener
from flows import ISSUER, REQUESTER, VERIFIER, ApiSessions, expect_status, permit_path, unique
from playwright.sync_api import expect
from support import Screenshot


def test_suspend_an_area_with_two_active_permits(
    open_page: PageOpener, api: ApiSessions, screenshot: Screenshot
) -> None:
    area = unique("Tank farm T-3")
    permits = []
    for title in ("Replace level transmitter LT-301", "Paint tank T-3 stairway"):
        permit = api(REQUESTER).create_permit(unique(title), location=f"{area}, north side")
        api(REQUESTER).act(permit, "submit")
        api(VERIFIER).act(permit, "verify")
        api(ISSUER).act(permit, "approve")
        permits.append(api(REQUESTER).act(permit, "activate"))

    page = open_page(ISSUER)
    page.goto(f"/permits?project={permits[0]['project']}")
    page.get_by_role("button", name="Suspend area").click()
    dialog = page.get_by_role("dialog", name="Suspend area")
    dialog.get_by_text("A location text").click()  # these permits are not placed in the location tree
    dialog.get_by_role("textbox", name="Location").fill(area)
    dialog.get_by_label("Reason").fill("Site gas alarm at the tank farm")
    dialog.get_by_role("button", name="Preview").click()
    expect(dialog.get_by_text("2 active permits will be suspended.")).to_be_visible()
    for permit in permits:
        expect(dialog.get_by_text(permit["permit_number"])).to_be_visible()
    screenshot("preview", page)
    dialog.get_by_role("button", name="Suspend 2 permits").click()
    expect(dialog.get_by_text("Suspended 2 permits; not suspended 0.")).to_be_visible()
    screenshot("result", page)
    # The safety alerts of the two suspensions may pop up over the dialog's corner: close it from the keyboard.
    close = dialog.get_by_role("button", name="Close").last
    close.focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()

    for permit in permits:
        assert api(REQUESTER).permit(permit["id"])["status"] == "suspended"
        page.goto(permit_path(permit))
        expect_status(page, "Suspended")
