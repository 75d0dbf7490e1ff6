"""The competency register end to end: a gas tester whose authorised-gas-tester certificate has expired sees the
refusal in the permit's readiness and on its gas tests tab and is refused by the server; a project admin renews the
certificate in the register; the reading is then recorded. The register also reads on a phone."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from conftest import PageOpener
from flows import (
    ADMIN,
    HOT_WORK,
    ISSUER2,
    REQUESTER,
    VERIFIER,
    ApiSessions,
    gas_reading,
    open_tab,
    permit_path,
    record_gas_reading,
    unique,
)
from phone import layout_defects, new_phone_page
from playwright.sync_api import Browser, expect

REGISTER = "/api/v1/ptw/competency/certificates/"
GAS_TESTER = "authorised-gas-tester"


def expired_gas_tester(api: ApiSessions) -> None:
    """Ian holds only an expired authorised-gas-tester certificate (whatever the demo or an earlier run left)."""
    admin = api(ADMIN)
    ian = api(ISSUER2).me
    current = admin.send_for_object("GET", f"{REGISTER}?holder_user={ian['id']}&kind={GAS_TESTER}")
    for cert in current["results"]:
        if cert["status"] not in ("revoked", "superseded"):
            admin.send(
                "POST",
                f"{REGISTER}{cert['id']}/revoke/",
                json={"reason": "Reset for the test", "version": cert["version"]},
            )
    today = datetime.now(UTC).date()
    admin.send(
        "POST",
        REGISTER,
        json={
            "project": admin.project["id"],
            "holder_user": ian["id"],
            "kind": GAS_TESTER,
            "number": unique("AGT"),
            "issued_on": (today - timedelta(days=740)).isoformat(),
            "expires_on": (today - timedelta(days=5)).isoformat(),
        },
    )


def test_gas_tester_refused_until_the_admin_renews_the_certificate(
    open_page: PageOpener, api: ApiSessions, browser: Browser, server: str
) -> None:
    expired_gas_tester(api)
    requester = api(REQUESTER)
    permit = requester.create_permit(
        unique("Weld bracket on pipe rack"),
        type_name=HOT_WORK,
        parameters={"hot_work_kind": "Welding", "fire_watcher": VERIFIER.name},
    )
    requester.act(permit, "submit")

    # Readiness and the gas tests tab say why Ian cannot record a reading; the server refuses him the same way.
    ian = open_page(ISSUER2)
    ian.goto(permit_path(permit))
    readiness = open_tab(ian, re.compile(r"^Readiness"))
    row = readiness.get_by_role("row").filter(has_text="Record a gas test")
    expect(row).to_contain_text("Not possible")
    expect(row).to_contain_text(f"{ISSUER2.name}'s Authorised gas tester certificate")
    expect(row).to_contain_text("expired on")
    gas = open_tab(ian, re.compile(r"Gas tests"))
    expect(gas.get_by_text("You cannot record a gas test on this permit")).to_be_visible()
    session = api(ISSUER2).http
    refused = session.post(
        f"/api/v1/ptw/permits/{permit['id']}/gas-tests/",
        json=gas_reading("O2", "20.9", "%vol"),
        headers={"X-CSRFToken": session.cookies.get("csrftoken", "")},
    )
    assert refused.status_code == 422, refused.text
    assert [m["code"] for m in refused.json()["error"]["missing"]] == ["competency_expired"]

    # The project admin renews Ian's certificate in the register.
    admin = open_page(ADMIN)
    admin.goto(f"/competency?project={api(ADMIN).project['id']}")
    expect(admin.get_by_role("heading", level=1, name="Competency register")).to_be_visible()
    renew = admin.get_by_role("button", name=f"Renew Authorised gas tester of {ISSUER2.name}")
    expect(renew).to_have_count(1)
    ian_row = admin.get_by_role("row").filter(has=renew)
    expect(ian_row).to_contain_text("Expired")
    renew.click()
    dialog = admin.get_by_role("dialog")
    today = datetime.now(UTC).date()
    dialog.get_by_label("Certificate number").fill(unique("AGT-R"))
    for label, day in (("Issued on", today), ("Expires on", today + timedelta(days=365 * 2))):
        field = dialog.get_by_label(label, exact=True)
        field.fill(day.isoformat())
        field.press("Tab")
    dialog.get_by_role("button", name="Renew certificate").click()
    expect(dialog).to_be_hidden()
    renewed = admin.get_by_role("row").filter(
        has=admin.get_by_role("button", name=f"Renew Authorised gas tester of {ISSUER2.name}")
    )
    expect(renewed).to_contain_text("Valid")

    # Ian records the reading now.
    ian.reload()
    gas = open_tab(ian, re.compile(r"Gas tests"))
    expect(gas.get_by_text("You cannot record a gas test on this permit")).to_have_count(0)
    gas.get_by_label("Instrument id", exact=True).fill("GD-0417")
    calibrated_on = gas.get_by_label("Calibrated on", exact=True)
    calibrated_on.fill((datetime.now(UTC) - timedelta(days=30)).strftime("%Y-%m-%d"))
    calibrated_on.press("Enter")
    record_gas_reading(gas, "O2", "20.9", "20.90 %vol", "≥ 19.5 and ≤ 23.5 %vol")

    # The register reads on a phone: cards, no sideways scrolling, tap targets of 44 px.
    phone = new_phone_page(browser, server, api(ADMIN).cookies())
    try:
        phone.goto(f"/competency?project={api(ADMIN).project['id']}")
        expect(phone.get_by_role("region", name="Certificates")).to_be_visible()
        expect(phone.get_by_text(ISSUER2.name).first).to_be_visible()
        assert layout_defects(phone) == []
    finally:
        phone.context.close()
