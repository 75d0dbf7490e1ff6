"""Field use without signal, on a phone: the app installs (manifest, service worker), a permit opened before
still reads offline under an "Offline — as of" banner, a gas reading and a closeout answer made offline arrive
exactly once when signal returns (the reading with the time measured on the device), and a record made against
a permit that moved on meanwhile is refused and shown so."""

from __future__ import annotations

import os
import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flows import (
    ISSUER,
    REQUESTER,
    VERIFIER,
    ApiSessions,
    expect_status,
    open_tab,
    permit_heading,
    permit_path,
    unique,
)
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Route, expect

# Chromium's offline emulation does not reach a service worker's own fetches: with these events on,
# the context's route sees them and the test cuts them off too (microsoft/playwright#2311). Set at
# import, before the session's Playwright driver starts.
os.environ.setdefault("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1")

PHONE = {"width": 390, "height": 844}
OFFLINE_AS_OF = re.compile(r"^Offline — as of \d{1,2} \w{3} \d{4}, \d\d:\d\d")
SENT_WITHIN_MS = (
    40_000  # the online event sends at once; the retry timer runs every 30 s
)


def cut_off_worker(route: Route) -> None:
    if route.request.service_worker is not None:
        route.abort("internetdisconnected")
    else:
        route.continue_()


def go_offline(context: BrowserContext) -> None:
    context.set_offline(True)
    context.route("**/*", cut_off_worker)


def go_online(context: BrowserContext) -> None:
    context.unroute("**/*", cut_off_worker)
    context.set_offline(False)


def gas_tests(api: ApiSessions, permit: dict[str, Any]) -> list[dict[str, Any]]:
    page = api(REQUESTER).send_for_object(
        "GET", f"/api/v1/ptw/permits/{permit['id']}/gas-tests/"
    )
    results: list[dict[str, Any]] = page["results"]
    return results


def closeout(api: ApiSessions, permit: dict[str, Any]) -> dict[str, Any]:
    return api(REQUESTER).send_for_object(
        "GET", f"/api/v1/ptw/permits/{permit['id']}/closeout/"
    )


def on_this_device(page: Page) -> Locator:
    return page.get_by_role("region", name="On this device")


def record_reading_offline(page: Page, value: str) -> None:
    gas = open_tab(page, re.compile(r"\bGas tests"))
    gas.get_by_label("Reading", exact=True).fill(value)
    gas.get_by_role("button", name="Record reading").click()
    saved = f"O2 {value} %vol: Saved on this device — will be sent when signal returns."
    expect(gas.get_by_role("status").filter(has_text=saved)).to_be_visible()


def test_phone_reads_and_records_without_signal(
    browser: Browser, server: str, api: ApiSessions
) -> None:
    permit = api(REQUESTER).create_permit(
        unique("Replace gasket on cooling water pump")
    )
    for person, action in (
        (REQUESTER, "submit"),
        (VERIFIER, "verify"),
        (ISSUER, "approve"),
        (REQUESTER, "activate"),
    ):
        api(person).act(permit, action)
    site = ZoneInfo(api(REQUESTER).project["time_zone"])
    context = browser.new_context(
        base_url=server,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        service_workers="allow",
    )
    context.add_cookies(api(REQUESTER).cookies())  # type: ignore[arg-type]
    page = context.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda error: page_errors.append(error.message))
    try:
        # Installable: the worker controls the page after a reload, the manifest is linked and complete.
        page.goto(permit_path(permit))
        expect(permit_heading(page)).to_contain_text(permit["permit_number"])
        worker = page.evaluate(
            "navigator.serviceWorker.ready.then((registration) => registration.active.scriptURL)"
        )
        assert worker == f"{server}/serviceWorker.js"
        page.reload()
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        manifest_href = page.locator('link[rel="manifest"]').get_attribute("href")
        assert manifest_href == "/manifest.webmanifest"
        manifest = page.evaluate(
            "fetch('/manifest.webmanifest').then((response) => response.json())"
        )
        assert manifest["name"] == "PTW"
        assert manifest["start_url"] == "/" and manifest["scope"] == "/"
        assert manifest["display"] == "standalone"
        sizes = {
            (icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]
        }
        assert {
            ("192x192", "any"),
            ("512x512", "any"),
            ("512x512", "maskable"),
        } <= sizes
        for icon in manifest["icons"]:
            assert page.request.get(icon["src"]).headers["content-type"] == "image/png"

        # Read once with signal: the permit and the parts the user will work on.
        expect_status(page, "Active")
        gas = open_tab(page, re.compile(r"\bGas tests"))
        gas.get_by_label("Instrument id", exact=True).fill("GD-0417")
        calibrated = (datetime.now(site) - timedelta(days=30)).strftime("%Y-%m-%d")
        calibrated_on = gas.get_by_label("Calibrated on", exact=True)
        calibrated_on.fill(calibrated)
        calibrated_on.press("Enter")  # the day picker takes what was typed
        first_item = (
            open_tab(page, re.compile(r"\bCloseout")).get_by_role("checkbox").first
        )
        expect(first_item).to_be_visible()

        # No signal: the page opened before renders again from the device, marked offline.
        go_offline(context)
        page.reload()
        expect(permit_heading(page)).to_contain_text(permit["permit_number"])
        banner = page.get_by_role("status").filter(has_text=OFFLINE_AS_OF)
        expect(banner).to_be_visible()
        expect_status(page, "Active")
        expect(page.get_by_text(re.compile(r"^Needs connection: "))).to_be_visible()

        # A gas reading and a closeout answer, made offline, wait on the device.
        entered_from = datetime.now(UTC)
        gas = open_tab(page, re.compile(r"\bGas tests"))
        gas.get_by_label("Instrument id", exact=True).fill("GD-0417")
        calibrated_on = gas.get_by_label("Calibrated on", exact=True)
        calibrated_on.fill(calibrated)
        calibrated_on.press("Enter")  # the day picker takes what was typed
        record_reading_offline(page, "20.9")
        entered_until = datetime.now(UTC)
        panel = open_tab(page, re.compile(r"\bCloseout"))
        item = (
            panel.get_by_role("region", name="Closeout checklist")
            .get_by_role("checkbox")
            .first
        )
        item.check()
        panel.get_by_role("button", name="Save closeout").click()
        expect(
            panel.get_by_role("status").filter(has_text="Saved on this device")
        ).to_be_visible()
        expect(on_this_device(page).get_by_text("Waiting for signal")).to_have_count(2)
        expect(
            page.get_by_role(
                "status", name="Records on this device: 2 waiting to be sent"
            )
        ).to_be_attached()
        assert gas_tests(api, permit) == []

        # Signal returns: each record arrives once, the reading with the time it was entered.
        time.sleep(2)
        online_at = datetime.now(UTC)
        go_online(context)
        expect(on_this_device(page).get_by_text("Sent", exact=True)).to_have_count(
            2, timeout=SENT_WITHIN_MS
        )
        readings = gas_tests(api, permit)
        assert len(readings) == 1
        tested_at = datetime.fromisoformat(readings[0]["tested_at"])
        assert (
            entered_from - timedelta(seconds=1)
            <= tested_at
            <= entered_until
            < online_at
        )
        answered = [entry for entry in closeout(api, permit)["items"] if entry["done"]]
        assert [entry["answered_by"]["name"] for entry in answered] == [REQUESTER.name]

        # Another loss of signal and return sends nothing again, nor does the app's next start.
        go_offline(context)
        go_online(context)
        page.reload()
        expect(permit_heading(page)).to_contain_text(permit["permit_number"])
        page.wait_for_timeout(3_000)
        assert len(gas_tests(api, permit)) == 1
        assert (
            len([entry for entry in closeout(api, permit)["items"] if entry["done"]])
            == 1
        )

        # A reading made against the permit as it was, sent after it was suspended, is refused and shown so.
        go_offline(context)
        page.reload()
        expect(permit_heading(page)).to_contain_text(permit["permit_number"])
        gas = open_tab(page, re.compile(r"\bGas tests"))
        gas.get_by_label("Instrument id", exact=True).fill("GD-0417")
        calibrated_on = gas.get_by_label("Calibrated on", exact=True)
        calibrated_on.fill(calibrated)
        calibrated_on.press("Enter")  # the day picker takes what was typed
        record_reading_offline(page, "20.8")
        api(ISSUER).act(permit, "suspend", reason="Pump trip on the neighbouring unit.")
        go_online(context)
        refused = (
            on_this_device(page).get_by_role("listitem").filter(has_text="Refused")
        )
        expect(refused).to_have_count(1, timeout=SENT_WITHIN_MS)
        expect(refused).to_contain_text("20.8")
        expect(refused).to_contain_text(
            "the permit has changed since (it is now suspended"
        )
        expect(refused.get_by_role("button", name="Dismiss")).to_be_visible()
        assert len(gas_tests(api, permit)) == 1
        expect(
            page.get_by_role("status", name="Records on this device: 1 refused")
        ).to_be_attached()
    finally:
        context.close()
    assert page_errors == []
