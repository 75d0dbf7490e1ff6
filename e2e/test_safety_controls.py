"""Safety controls end to end: a hot-work permit from its gas test to its hand-back, driven by five people in their
own browsers — gas test, isolation applied and verified by two different people, approval, crew and toolbox talk,
start of work, closeout, fire watch, de-isolation, reinstatement by another person and the hand-back (its
acceptance after the fire watch: test_handback.py).

Only the request itself is set up through the API (the permit form is covered by test_permits.py)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from conftest import PageOpener
from flows import (
    HOT_WORK,
    ISSUER,
    ISSUER2,
    REQUESTER,
    VERIFIER,
    ApiSessions,
    action_button,
    action_dialog,
    draw_signature,
    expect_status,
    open_tab,
    permit_path,
    pick_date_time,
    record_gas_reading,
    take_action,
    unique,
)
from playwright.sync_api import Locator, Page, expect
from support import Screenshot

ISOLATION = "MCC-3 breaker, fire-water jockey pump P-301"
WORKERS = (("Sam Okoro", "Welder"), ("Lena Berg", "Fire watcher"))


def isolation_card(panel: Locator, name: str) -> Locator:
    return panel.get_by_role("region", name=name, exact=True)


def expect_isolation_state(panel: Locator, name: str, state: str) -> None:
    expect(isolation_card(panel, name).locator(".ant-tag").filter(has_text=re.compile(rf"^{state}$"))).to_be_visible()


def isolation_step(page: Page, panel: Locator, name: str, step: str) -> None:
    """Clicks an isolation's next step and confirms it in its pop-up."""
    isolation_card(panel, name).get_by_role("button", name=f"{step}: {name}").click()
    page.get_by_role("tooltip").get_by_role("button", name=step, exact=True).click()


def test_hot_work_from_gas_test_to_hand_back(open_page: PageOpener, api: ApiSessions, screenshot: Screenshot) -> None:
    permit = api(REQUESTER).create_permit(
        unique("Weld new nozzle on fire-water header"),
        type_name=HOT_WORK,
        parameters={"hot_work_kind": "Welding", "fire_watcher": "Lena Berg"},
    )
    api(REQUESTER).act(permit, "submit")
    site = ZoneInfo(api(REQUESTER).project["time_zone"])

    # The verifier tests the atmosphere (O2 first, then flammables) and verifies.
    verifier = open_page(VERIFIER)
    verifier.goto(permit_path(permit))
    expect(action_button(verifier, "Verify")).to_be_disabled()
    gas = open_tab(verifier, re.compile(r"^Gas tests"))
    gas.get_by_label("Instrument id", exact=True).fill("GD-0417")
    calibrated_on = gas.get_by_label("Calibrated on", exact=True)
    calibrated_on.fill((datetime.now(site) - timedelta(days=30)).strftime("%Y-%m-%d"))
    calibrated_on.press("Enter")  # the day picker takes what was typed
    record_gas_reading(gas, "O2", "20.9", "20.90 %vol", "≥ 19.5 and ≤ 23.5 %vol")
    record_gas_reading(gas, "LEL", "0", "0.00 %LEL", "< 10 %LEL")
    take_action(verifier, "Verify", signer=VERIFIER)
    expect_status(verifier, "Verified")

    # The issuer puts an isolation on the permit and applies it; applying it, they cannot also verify it.
    issuer = open_page(ISSUER)
    issuer.goto(permit_path(permit))
    isolations = open_tab(issuer, re.compile(r"^Isolations"))
    expect(isolations.get_by_text("No isolations on this permit.")).to_be_visible()
    isolations.get_by_text("Ad hoc", exact=True).click()
    isolations.get_by_label("Name", exact=True).fill(ISOLATION)
    isolations.get_by_label("Energy", exact=True).click()
    issuer.locator(".ant-select-dropdown:visible").get_by_title("Electrical", exact=True).click()
    isolations.get_by_role("button", name="Add isolation").click()
    expect_isolation_state(isolations, ISOLATION, "Assigned")

    lock = unique("L").replace(" ", "-")
    isolation_card(isolations, ISOLATION).get_by_role("button", name=f"Apply: {ISOLATION}").click()
    dialog = issuer.get_by_role("dialog", name=f"Apply isolation — {ISOLATION}")
    dialog.get_by_label("Lock number", exact=True).fill(lock)
    dialog.get_by_role("button", name="Apply", exact=True).click()
    expect(dialog).to_be_hidden()
    expect_isolation_state(isolations, ISOLATION, "Applied")
    expect(isolation_card(isolations, ISOLATION).get_by_text(lock, exact=True)).to_be_visible()

    # The person who applied it is not offered the verification (the server would refuse it).
    expect_isolation_state(isolations, ISOLATION, "Applied")
    expect(isolation_card(isolations, ISOLATION).get_by_role("button", name=re.compile(r"^Verify"))).to_have_count(0)
    expect(action_button(issuer, "Approve")).to_be_disabled()

    # A second issuer verifies it (zero-energy check); then the first approves.
    second = open_page(ISSUER2)
    second.goto(permit_path(permit))
    second_isolations = open_tab(second, re.compile(r"^Isolations"))
    isolation_step(second, second_isolations, ISOLATION, "Verify")
    expect_isolation_state(second_isolations, ISOLATION, "Verified")
    expect(isolation_card(second_isolations, ISOLATION)).to_contain_text(ISSUER2.name)
    screenshot("isolation-verified", second)

    # The issuer signs the approval by drawing on the pad.
    issuer.reload()
    action_button(issuer, "Approve").click()
    approval = action_dialog(issuer, "Approve")
    confirm = approval.get_by_role("button", name="Approve", exact=True)
    expect(confirm).to_be_disabled()
    draw_signature(issuer, approval)
    expect(approval.get_by_text(f"Signing as {ISSUER.name}")).to_be_visible()
    confirm.click()
    expect(approval).to_be_hidden()
    expect_status(issuer, "Approved")
    signatures = open_tab(issuer, "People & signatures")
    expect(signatures.get_by_role("img", name=f"Drawn signature of {ISSUER.name}")).to_be_visible()
    screenshot("drawn-signature", issuer)

    # The requester brings the crew: two workers and the toolbox talk; each worker signs on on the requester's
    # device; then the requester starts work.
    requester = open_page(REQUESTER)
    requester.goto(permit_path(permit))
    expect(action_button(requester, "Start work")).to_be_disabled()
    crew = open_tab(requester, re.compile(r"^Workers & toolbox talk"))
    for name, trade in WORKERS:
        crew.get_by_label("Name", exact=True).fill(name)
        crew.get_by_label("Company", exact=True).fill("Northwind Mechanical")
        crew.get_by_label("Trade", exact=True).fill(trade)
        crew.get_by_role("button", name="Add worker").click()
        expect(crew.get_by_role("table", name="Workers").get_by_role("row").filter(has_text=name)).to_be_visible()
    topics = crew.get_by_label("Topics", exact=True)
    for topic in ("Hazards of the work", "Fire watch", "Gas test results"):
        topics.click()
        requester.locator(".ant-select-dropdown:visible").get_by_title(topic, exact=True).click()
    crew.get_by_role("button", name="Record toolbox talk").click()
    expect(crew.get_by_text("Toolbox talk saved.")).to_be_visible()
    expect(crew.get_by_text("0 of 2 workers")).to_be_visible()
    crew.get_by_role("button", name="Crew sign-on").click()
    for name, _trade in WORKERS:
        requester.get_by_role("button", name=f"Sign on: {name}").click()
        requester.get_by_role("checkbox", name="I confirm the statement above").check()
        requester.get_by_text("Type name", exact=True).click()
        requester.get_by_label(re.compile(r"^Type your full name")).fill(name)
        requester.get_by_role("button", name="Sign on", exact=True).click()
        expect(requester.get_by_role("status").filter(has_text=f"{name} signed on.")).to_be_visible()
    requester.get_by_role("link", name="Back to the permit").click()
    crew = open_tab(requester, re.compile(r"^Workers & toolbox talk"))
    expect(crew.get_by_text("2 of 2 workers")).to_be_visible()
    screenshot("crew", requester)
    take_action(requester, "Start work", signer=REQUESTER)
    expect_status(requester, "Active")

    # The hand-back waits for the closeout, the de-isolation and the fire watch's record.
    hand_back = action_button(requester, "Hand back")
    expect(hand_back).to_be_disabled()
    closeout = open_tab(requester, re.compile(r"^Closeout"))
    required = closeout.get_by_role("region", name="Closeout checklist").get_by_role(
        "checkbox", name=re.compile(r"\(required\)$")
    )
    expect(required.first).to_be_visible()
    for item in required.all():
        item.check()
    closeout.get_by_label("Remarks", exact=True).fill("Nozzle welded and inspected; area cleaned.")
    closeout.get_by_role("switch", name="Work finished").click()
    requester.get_by_role("tooltip").get_by_role("button", name="Work finished", exact=True).click()
    closeout.get_by_role("button", name="Save closeout").click()
    finished = re.compile(rf"^Work finished: recorded by {re.escape(REQUESTER.name)}")
    expect(closeout.get_by_text(finished)).to_be_visible()
    expect(hand_back).to_be_disabled()

    # The fire watch: when the hot work ended and who keeps the watch.
    watch = closeout.get_by_role("region", name="Fire watch")
    pick_date_time(watch.get_by_label("Hot work ended at", exact=True), datetime.now(site))
    watch.get_by_label("Fire watch kept by", exact=True).click()
    requester.locator(".ant-select-dropdown:visible").get_by_title(re.compile(rf"^{VERIFIER.name} \(")).click()
    watch.get_by_role("button", name="Record fire watch").click()
    expect(watch.get_by_text(re.compile(rf"kept by {VERIFIER.name}"))).to_be_visible()
    expect(watch.get_by_role("timer", name="Fire watch time left")).to_be_visible()

    issuer.reload()
    isolations = open_tab(issuer, re.compile(r"^Isolations"))
    isolation_step(issuer, isolations, ISOLATION, "De-isolate")
    expect_isolation_state(isolations, ISOLATION, "De-isolated")
    # The person who de-isolated the point is not offered its reinstatement; the requester confirms it.
    expect(
        isolation_card(isolations, ISOLATION).get_by_role("button", name=re.compile(r"^Confirm reinstated"))
    ).to_have_count(0)

    requester.reload()
    isolations = open_tab(requester, re.compile(r"^Isolations"))
    isolation_card(isolations, ISOLATION).get_by_role("button", name=f"Confirm reinstated: {ISOLATION}").click()
    dialog = requester.get_by_role("dialog", name=f"Confirm reinstated — {ISOLATION}")
    dialog.get_by_text("Reinstated and tested", exact=True).click()
    dialog.get_by_role("button", name="Confirm reinstated", exact=True).click()
    expect(dialog).to_be_hidden()
    expect_isolation_state(isolations, ISOLATION, "Reinstated")

    take_action(requester, "Hand back", signer=REQUESTER)
    expect_status(requester, "Handed back")
    # The issuer accepts only once the fire watch has run its time (test_handback.py) and is signed off.
    issuer.reload()
    expect(action_button(issuer, "Accept hand-back")).to_be_disabled()

    # The timeline holds each act and each safety record, with who did it.
    timeline = open_tab(requester, re.compile(r"^Timeline"))
    entries = timeline.get_by_role("listitem")
    for label, person in (
        ("Gas test recorded", VERIFIER),
        ("Verify", VERIFIER),
        ("Isolation applied", ISSUER),
        ("Isolation verified", ISSUER2),
        ("Approve", ISSUER),
        ("Toolbox talk recorded", REQUESTER),
        ("Worker signed on", REQUESTER),
        ("Start work", REQUESTER),
        ("Closeout updated", REQUESTER),
        ("Isolation removed", ISSUER),
        ("Fire watch recorded", REQUESTER),
        ("Isolation reinstated", REQUESTER),
        ("Hand back", REQUESTER),
    ):
        expect(entries.filter(has_text=re.compile(rf"^{label}\s*by {person.name}")).first).to_be_visible()
    screenshot("handed-back", requester)
