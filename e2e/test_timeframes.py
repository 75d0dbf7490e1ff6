"""Time frames and the printed permit end to end: an extension asked by the requester and approved by an
issuer moves the planned end; a shift handover passes the permit to the next performing authority; the permit
prints as a PDF and its QR code opens it."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from conftest import PageOpener
from flows import (
    ISSUER,
    ISSUER2,
    REQUESTER,
    VERIFIER,
    VIEWER,
    ApiSessions,
    Person,
    expect_image_drawn,
    expect_status,
    open_tab,
    permit_path,
    pick_date_time,
    unique,
)
from playwright.sync_api import expect
from support import Screenshot

VERIFIER2 = Person("verifier2@acme.example", "Victor Adeyemi")


def test_extension_handover_print_and_qr(open_page: PageOpener, api: ApiSessions, screenshot: Screenshot) -> None:
    permit = api(REQUESTER).create_permit(unique("Replace corroded handrail on platform 3"))
    api(REQUESTER).act(permit, "submit")
    api(VERIFIER2).act(permit, "verify")
    api(ISSUER).act(permit, "approve")
    api(REQUESTER).act(permit, "activate")
    site = ZoneInfo(api(REQUESTER).project["time_zone"])
    new_end = datetime.fromisoformat(permit["planned_end"]).astimezone(site) + timedelta(hours=1)

    requester = open_page(REQUESTER)
    requester.goto(permit_path(permit))
    expect_status(requester, "Active")
    tab = open_tab(requester, "Time & handover")
    pick_date_time(tab.get_by_label(re.compile(r"^New end \(")), new_end)
    tab.get_by_label("Reason", exact=True).fill("Two more posts found corroded.")
    tab.get_by_role("button", name="Ask for the extension").click()
    extensions = tab.get_by_role("table", name="Extensions")
    expect(extensions.get_by_role("row").filter(has_text="Two more posts found corroded.")).to_contain_text(
        "Waiting for a decision"
    )

    issuer = open_page(ISSUER2)
    issuer.goto(permit_path(permit))
    tab = open_tab(issuer, "Time & handover")
    tab.get_by_role("button", name=f"Approve the extension asked by {REQUESTER.name}").click()
    dialog = issuer.get_by_role("dialog", name="Approve the extension")
    reconfirm = dialog.get_by_role("checkbox")
    if reconfirm.count():  # the new end reaches into the other shift at this time of day
        reconfirm.check()
    dialog.get_by_role("button", name="Approve", exact=True).click()
    expect(dialog).to_be_hidden()
    row = tab.get_by_role("table", name="Extensions").get_by_role("row").filter(has_text="Two more posts")
    expect(row).to_contain_text("Approved")
    saved = api(REQUESTER).permit(permit["id"])
    assert datetime.fromisoformat(saved["planned_end"]) == new_end.replace(second=0, microsecond=0)

    # Shift change: the requester hands over to Elena, who did not verify this permit.
    requester.reload()
    tab = open_tab(requester, "Time & handover")
    incoming = tab.get_by_label("Incoming performing authority", exact=True)
    incoming.click()
    requester.locator(".ant-select-dropdown:visible").get_by_title(re.compile(rf"^{VERIFIER.name}")).click()
    tab.get_by_label("Handover notes", exact=True).fill("Posts 1-4 replaced; 5 and 6 cut out, barriers up.")
    tab.get_by_role("button", name=re.compile(r"^Hand over")).click()
    handovers = tab.get_by_role("table", name="Handovers")
    expect(handovers).to_contain_text(f"Waiting for {VERIFIER.name} to acknowledge")

    night = open_page(VERIFIER)
    night.goto(permit_path(permit))
    tab = open_tab(night, "Time & handover")
    tab.get_by_role("button", name="Acknowledge and take over").click()
    night.get_by_role("tooltip").get_by_role("button", name="Take over", exact=True).click()
    expect(tab.get_by_role("table", name="Handovers")).to_contain_text("Taken over")
    assert api(VIEWER).permit(permit["id"])["requester"]["name"] == VERIFIER.name
    screenshot("handover", night)

    # The printed permit and its QR code.
    document = api(VIEWER).http.get(f"/api/v1/ptw/permits/{permit['id']}/document/")
    assert document.status_code == 200
    assert document.content.startswith(b"%PDF")
    viewer = open_page(VIEWER)
    viewer.goto(permit_path(permit))
    expect(viewer.get_by_role("link", name="Print (PDF)")).to_have_attribute(
        "href", f"/api/v1/ptw/permits/{permit['id']}/document/"
    )
    viewer.get_by_role("button", name="QR code").click()
    code = viewer.get_by_role("img", name=f"QR code of {permit['permit_number']}")
    expect_image_drawn(code)
    link = api(VIEWER).http.get(f"/api/v1/ptw/permits/{permit['id']}/qr/").headers["X-Permit-Link"]
    viewer.goto(re.sub(r"^https?://[^/]+", "", link))
    expect(viewer).to_have_url(re.compile(rf"/permits/{permit['id']}\?project="))
    expect_status(viewer, "Active")
